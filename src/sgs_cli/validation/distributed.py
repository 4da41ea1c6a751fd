"""The same rules on a Dask cluster (``sgs validate --dask``; ``pip install 'sgs-cli[dask]'``).

Each partition — a pandas DataFrame of one part file's rows (or a slice of them) with its identity — is
checked in a worker by ``check_frame``, the one function that runs the rules here: it calls
validation.dataset.check_partition (the rule engine sgs runs on one machine) and returns

* the partition's findings as a DataFrame (``FINDING_COLUMNS``),
* its combine state: the duplicate keys with their rows, and the state each other combining family hands
  back (one row per family, the state as ``Rule.dump`` writes it: no family's fields are known here).

The rules that need every row combine on the cluster, never on the client: the duplicate keys are
shuffled on the key (every occurrence of a decision lands in one partition, where the first occurrence
in dataset order is found and the others become DUPLICATE_RECORD), and the family states are shuffled
on the part file, folded by ``Rule.combine`` in row order and finished by ``Rule.finish`` (the sheet-end
summaries of each part, validation.dataset.part_end). All findings are written by the workers as a
partitioned Parquet dataset; the client reads back only counts and the first findings.

Row numbers mean what they mean on one machine: ``part`` is the part file (its path in the dataset
folder), ``row`` the row within it (column names = row 1). ``validate_dataframe`` takes a Dask DataFrame
of your own: give it ``__part__`` / ``__row__`` columns to name rows your way, otherwise each partition is
a part named ``分区00000``, ``分区00001``, … with rows counted inside it.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from sgs_cli.errors import InputError, UsageError
from sgs_cli.records.header import HeaderMap, detect
from sgs_cli.validation.dataset import (PARTITIONED_KINDS, check_partition, duplicate_finding, header_map,
                                        part_context, part_end)
from sgs_cli.validation.options import ValidateOptions, no_header_hint, specs_for

__all__ = ["FINDING_COLUMNS", "DistributedSummary", "check_frame", "validate_dataframe", "validate_distributed"]

#: the columns of a findings frame (and of the findings Parquet dataset)
FINDING_COLUMNS = ["part", "row", "severity", "code", "column", "cell", "field", "field_name", "value",
                   "sensitive", "message", "hint", "record_key", "rows"]
KEY_COLUMNS = ["part", "row", "dupkey", "wsh", "record_key"]
STATE_COLUMNS = ["part", "first_row", "family", "state", "records"]
PART, ROW = "__part__", "__row__"
#: records per partition of a Parquet dataset (cut along row groups): about 1 GB of worker memory at the
#: peak (docs/scale.md)
ROWS_PER_PARTITION = 100_000
INSTALL_HINT = "请先安装：pip install 'sgs-cli[dask]'（含 dask[distributed]、pyarrow、pandas）"


def _dask():
    try:
        import dask  # noqa: F401
        import dask.dataframe as dd
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError("--dask 需要安装 dask 和 pyarrow", INSTALL_HINT) from None
    return dd


# ------------------------------------------------------------------------------ frames

def _meta(columns):
    import pandas as pd

    df = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    for c in ("row", "first_row", "records"):
        if c in df:
            df[c] = df[c].astype("Int64")
    if "sensitive" in df:
        df["sensitive"] = df["sensitive"].astype(bool)
    return df


def findings_frame(items, show_sensitive: bool = False):
    """(part, Finding) pairs as a findings DataFrame (value masked unless show_sensitive)."""
    import pandas as pd

    rows = []
    for part, f in items:
        d = f.to_dict(show_sensitive)
        value = d["value"]
        rows.append([part, d["row"], str(d["severity"]), d["code"], d["column"], d["cell"], d["field"],
                     d["field_name"], None if value is None else str(value), bool(f.sensitive), d["message"],
                     d["hint"], d["record_key"], None if d["rows"] is None else [int(r) for r in d["rows"]]])
    if not rows:
        return _meta(FINDING_COLUMNS)
    df = pd.DataFrame(rows, columns=FINDING_COLUMNS, dtype=object)
    df["row"] = df["row"].astype("Int64")
    df["sensitive"] = df["sensitive"].astype(bool)
    return df


def _frame(rows, columns):
    import pandas as pd

    if not rows:
        return _meta(columns)
    df = pd.DataFrame(rows, columns=columns, dtype=object)
    for c in ("row", "first_row", "records"):
        if c in df:
            df[c] = df[c].astype("Int64")
    return df


def frame_rows(df):
    """A partition's rows as (row number, values) for the rule engine (values as a reader gives them)."""
    from sgs_cli.io.dataset import py_value

    data = [c for c in df.columns if c not in (PART, ROW)]
    numbers = [int(n) for n in df[ROW]]
    cols = [[py_value(v) for v in df[c].tolist()] for c in data]
    return [(n, list(vals)) for n, vals in zip(numbers, zip(*cols))] if cols else [(n, []) for n in numbers]


def check_frame(df, part: str, hm: HeaderMap, opts: ValidateOptions, with_header: bool,
                show_sensitive: bool = False):
    """Check one partition: ``df`` holds the data columns (the header texts) and ``__row__`` (row number
    within the part file); ``part`` names the part file. Returns (findings frame, duplicate keys frame,
    family states frame). The only place a partition meets the rules."""
    batch = [(1, [c for c in df.columns if c not in (PART, ROW)])] + frame_rows(df)
    result = check_partition([batch], part, hm, opts, with_header)
    findings = findings_frame(((part, f) for f in result.findings), show_sensitive)
    from sgs_cli.io.cells import cell_text

    keys = _frame([[part, row, key.hex(), cell_text(cell), rkey] for row, key, cell, rkey, _ in result.keys],
                  KEY_COLUMNS)
    first = int(df[ROW].min()) if len(df) else 0
    ctx = part_context(part, hm, opts)
    rules = {rule.name: rule for rule in ctx.families}
    state = [[part, first, name, rules[name].dump(s), None] for name, s in result.states.items()]
    state.append([part, first, None, None, result.rows])
    return findings, keys, _frame(state, STATE_COLUMNS)


def _check_partition(df, hm, opts, show_sensitive, with_header_parts, number):
    """check_frame over a DataFrame that may hold rows of several parts (a user's frame with __part__)."""
    import pandas as pd

    if PART not in df.columns:
        df = df.copy()
        df.insert(0, ROW, range(2, len(df) + 2))
        df.insert(0, PART, f"分区{number:05d}")
    if not len(df):
        return _meta(FINDING_COLUMNS), _meta(KEY_COLUMNS), _meta(STATE_COLUMNS)
    outs = []
    for part, sub in df.groupby(PART, sort=True):
        with_header = part in with_header_parts if with_header_parts is not None else int(sub[ROW].min()) <= 2
        outs.append(check_frame(sub.drop(columns=[PART]), str(part), hm, opts, with_header, show_sensitive))
    return tuple(pd.concat([o[i] for o in outs], ignore_index=True) for i in range(3))


def _dup_findings(keys, hm, opts, show_sensitive: bool):
    """DUPLICATE_RECORD for every occurrence of a key after its first in dataset order (part, row); all
    occurrences of a key are in this partition (the keys were shuffled on the key)."""
    if not len(keys):
        return _meta(FINDING_COLUMNS)
    keys = keys.sort_values(["dupkey", "part", "row"], kind="stable")
    ctxs: dict = {}
    items = []
    last_key, first = None, None
    for part, row, dupkey, wsh, rkey in keys[KEY_COLUMNS].itertuples(index=False):
        row = int(row)
        if dupkey != last_key or first is None:  # the first occurrence of a key
            last_key, first = dupkey, (part, row)
            continue
        ctx = ctxs.get(part) or ctxs.setdefault(part, part_context(part, hm, opts))
        items.append((part, duplicate_finding(ctx, row, wsh, rkey, part, *first)))
    return findings_frame(items, show_sensitive)


def _part_ends(state, hm, opts, show_sensitive: bool):
    """The sheet-end summaries of each part whose state is in this partition (shuffled on the part)."""
    items = []
    for part, sub in state.groupby("part", sort=True):
        ctx = part_context(part, hm, opts)
        rules = {rule.name: rule for rule in ctx.families}
        by_partition: dict = {}  # first row → {family: state}, folded in row order
        for first, family, text in sub[["first_row", "family", "state"]].itertuples(index=False):
            if isinstance(family, str):
                by_partition.setdefault(int(first), {})[family] = rules[family].load(text)
        items += [(part, f) for f in part_end(ctx, [by_partition[k] for k in sorted(by_partition)])]
    return findings_frame(items, show_sensitive)


# ------------------------------------------------------------------------------ graph

def _opts_for_workers(opts: ValidateOptions) -> ValidateOptions:
    # workers load their own calendar from the same files: what is sent to them stays small
    return replace(opts, calendar=None, keep_records=False)


def _graph(parts_delayed, hm, opts, show_sensitive, with_header_parts):
    """(findings, number of records) Dask collections from per-partition delayed DataFrames."""
    import dask
    import dask.dataframe as dd

    wopts = _opts_for_workers(opts)
    check = dask.delayed(_check_partition, nout=3, pure=True)
    outs = [check(p, hm, wopts, show_sensitive, with_header_parts, i) for i, p in enumerate(parts_delayed)]
    findings = dd.from_delayed([o[0] for o in outs], meta=_meta(FINDING_COLUMNS), verify_meta=False)
    keys = dd.from_delayed([o[1] for o in outs], meta=_meta(KEY_COLUMNS), verify_meta=False)
    state = dd.from_delayed([o[2] for o in outs], meta=_meta(STATE_COLUMNS), verify_meta=False)
    n = max(1, min(len(outs), 64))
    dups = keys.shuffle(on="dupkey", npartitions=n).map_partitions(
        _dup_findings, hm, wopts, show_sensitive, meta=_meta(FINDING_COLUMNS))
    ends = state.shuffle(on="part", npartitions=n).map_partitions(
        _part_ends, hm, wopts, show_sensitive, meta=_meta(FINDING_COLUMNS))
    records = state["records"].sum()
    return dd.concat([findings, dups, ends], ignore_unknown_divisions=True), records


def validate_dataframe(ddf, kind: str = "auto", opts: ValidateOptions | None = None, show_sensitive: bool = False):
    """Validate a Dask DataFrame whose columns are the header of a 790 行政许可 / 行政处罚 table (the column
    names of the template, or of the 2015 standard) and return the findings as a Dask DataFrame
    (``FINDING_COLUMNS``; lazy — write it with ``to_parquet`` or reduce it).

    Rows are located by ``__part__`` / ``__row__`` columns when the frame has them (your table name and
    primary key, say), else by partition: part ``分区00000`` …, row 2 = the partition's first row.
    ID numbers in ``value`` are masked unless ``show_sensitive``."""
    opts = replace(opts or ValidateOptions(), kind=kind if kind else (opts.kind if opts else "auto"))
    columns = [c for c in ddf.columns if c not in (PART, ROW)]
    hm = detect([list(map(str, columns))], specs_for(opts.kind))
    if hm is None:
        raise InputError("数据框的列名中找不到可识别的双公示表头", no_header_hint(opts))
    if hm.spec.kind not in PARTITIONED_KINDS:
        from sgs_cli.standard import KIND_LABEL

        raise UsageError(f"分布式校验只支持行政许可和行政处罚表（识别为：{KIND_LABEL.get(hm.spec.kind, hm.spec.kind)}）",
                         "台账、事项目录等附件表格数据量小，请用 sgs validate 在本机校验")
    with _cells_as_read():
        return _graph(ddf.to_delayed(), hm, opts, show_sensitive, None)[0]


def _cells_as_read():
    """Dask turns object columns into Arrow strings by default (a date cell would become the text
    '2019-11-05 00:00:00'); the cells of a dataset reach the rules as read."""
    import dask

    return dask.config.set({"dataframe.convert-string": False})


def dataset_frame(ds, rows_per_partition: int = ROWS_PER_PARTITION):
    """A dataset (io.dataset) as a Dask DataFrame of its pieces, with ``__part__`` / ``__row__``."""
    import dask.dataframe as dd

    from sgs_cli.io.dataset import load_piece

    pieces = ds.pieces(rows_per_partition)
    meta = _meta([PART, ROW] + ds.columns())
    meta[ROW] = meta[ROW].astype("int64")
    return dd.from_map(load_piece, pieces, meta=meta, enforce_metadata=False), pieces


# ------------------------------------------------------------------------------ the command

@dataclass
class DistributedSummary:
    """What `sgs validate --dask` shows: counts and the first findings, read back from the findings dataset."""

    path: str
    findings_out: str
    rows: int
    parts: int
    partitions: int
    workers: int
    seconds: float
    by_code: list[tuple[str, str, int]] = field(default_factory=list)  # (severity, code, count)
    by_column: list[tuple[str, str, str, int]] = field(default_factory=list)  # (column, field name, code, count)
    first: list[dict] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    def exit_code(self) -> int:
        from sgs_cli.errors import EXIT_FINDINGS, EXIT_OK

        return EXIT_FINDINGS if self.errors else EXIT_OK

    def to_dict(self) -> dict:
        return {"path": self.path, "findings_out": self.findings_out, "rows": self.rows, "parts": self.parts,
                "partitions": self.partitions, "workers": self.workers, "seconds": round(self.seconds, 1),
                "errors": self.errors, "warnings": self.warnings, "infos": self.infos,
                "by_code": [{"severity": s, "code": c, "count": n} for s, c, n in self.by_code],
                "by_column": [{"column": col, "field_name": name, "code": c, "count": n}
                              for col, name, c, n in self.by_column],
                "first_findings": self.first}


def open_client(scheduler: str | None, workers: int | None = None, processes: bool = True):
    """A distributed Client: to ``scheduler`` (tcp://host:8786), or a LocalCluster on this machine's
    cores. Returns (client, cluster or None)."""
    _dask()
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as e:
            raise UsageError(f"无法连接 Dask 调度器“{scheduler}”：{e}",
                             "请确认调度器已启动（dask scheduler）且地址、端口正确，如 tcp://10.0.0.5:8786") from None
    n = workers or os.cpu_count() or 1
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=processes, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def prepare(path, findings_out, opts: ValidateOptions, force: bool = False):
    """Everything that can be refused before a cluster is started: dask installed, the dataset and its
    header, the output folder. Returns (Dataset, HeaderMap)."""
    _dask()
    from sgs_cli.io.dataset import open_dataset

    ds = open_dataset(path, force=True)
    if ds is None:
        raise UsageError(f"--dask 只能校验 Parquet 或 CSV 数据集：{path}",
                         "给出 .parquet 文件、CSV 文件，或由 Parquet / CSV 分片文件组成的文件夹")
    out = Path(findings_out)
    if ds.path.is_dir() and out.resolve().is_relative_to(ds.path.resolve()):
        raise UsageError(f"--findings-out 不能放在数据集文件夹“{ds.path}”里（下次校验会把问题清单当作数据）",
                         "换一个数据集文件夹以外的 --findings-out 文件夹")
    if out.exists() and not force:
        raise UsageError(f"输出文件夹已存在：{out}", "换一个 --findings-out 文件夹，或加 --force 覆盖")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--findings-out 须是文件夹，而“{out}”是文件", "换一个 --findings-out 文件夹")
    hm = header_map(ds, opts)
    if hm.spec.kind not in PARTITIONED_KINDS:
        raise UsageError("--dask 只支持行政许可和行政处罚数据集", "台账、事项目录等附件表格请不加 --dask 校验")
    return ds, hm


def validate_distributed(path, findings_out, opts: ValidateOptions | None = None, client=None,
                         show_sensitive: bool = False, force: bool = False, progress=None, first: int = 20,
                         rows_per_partition: int = ROWS_PER_PARTITION) -> DistributedSummary:
    """Validate the dataset at ``path`` on the Dask cluster of ``client`` and write every finding to the
    Parquet dataset ``findings_out`` (a folder; refused when it exists, unless ``force``); without a
    ``client``, on a local cluster of this machine's cores. progress(fraction, rows) follows the scheduler."""
    opts = opts or ValidateOptions()
    if client is None:  # a local cluster on this machine's cores, for this call only
        ds, hm = prepare(path, findings_out, opts, force)
        client, cluster = open_client(None)
        with cluster, client:
            return validate_distributed(path, findings_out, opts, client, show_sensitive, force, progress, first,
                                        rows_per_partition)
    t0 = time.perf_counter()
    ds, hm = prepare(path, findings_out, opts, force)
    out = Path(findings_out)
    with _cells_as_read():
        frame, pieces = dataset_frame(ds, rows_per_partition)
        starts = {p.part for p in pieces}  # every part has a piece starting at its first record
        findings, records = _graph(frame.to_delayed(), hm, opts, show_sensitive, starts)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    write = findings.to_parquet(str(tmp), write_index=False, compute=False, schema=_arrow_schema())
    total = sum(p.rows or 0 for p in pieces)
    try:
        fut, rows_fut = client.compute([write, records])
        _follow(fut, client, progress, total)
        fut.result()
        rows = int(rows_fut.result())
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)  # nothing half-written is left behind
        raise
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)  # a findings dataset appears whole or not at all
    summary = summarise(out, first)
    summary.path, summary.parts, summary.partitions, summary.rows = str(path), len(ds.parts), len(pieces), rows
    summary.workers = len(client.scheduler_info().get("workers", {}))
    summary.seconds = time.perf_counter() - t0
    return summary


def _arrow_schema():
    import pyarrow as pa

    s = pa.string()
    return pa.schema([("part", s), ("row", pa.int64()), ("severity", s), ("code", s), ("column", s),
                      ("cell", s), ("field", s), ("field_name", s), ("value", s), ("sensitive", pa.bool_()),
                      ("message", s), ("hint", s), ("record_key", s), ("rows", pa.list_(pa.int64()))])


def _follow(fut, client, progress, total_rows: int) -> None:
    """A progress bar from the scheduler's own progress of the tasks behind ``fut``."""
    if progress is None:
        from distributed import wait

        wait(fut)
        return
    from distributed.diagnostics.progressbar import TextProgressBar

    class _Bar(TextProgressBar):
        def _draw_bar(self, remaining, all, **kwargs):
            frac = (1 - remaining / all) if all else 1.0
            progress(frac, int(frac * total_rows))

        def _draw_stop(self, **kwargs):
            progress(1.0, total_rows)

    _Bar([fut], scheduler=client.scheduler.address, interval="200ms", complete=True)


def summarise(findings_out, first: int = 20) -> DistributedSummary:
    """Counts per rule and per column, and the first findings, of a findings dataset — computed where the
    data is (Dask), the client holding only the counts and ``first`` findings."""
    import dask.dataframe as dd

    f = dd.read_parquet(str(findings_out))
    by_code = f.groupby(["severity", "code"]).size().compute()
    cols = f[f["column"].notnull()]
    by_col = cols.groupby(["column", "field_name", "code"]).size().compute()
    sev = {"error": 0, "warning": 0, "info": 0}
    for (s, _c), n in by_code.items():
        sev[s] = sev.get(s, 0) + int(n)
    order = {"error": 0, "warning": 1, "info": 2}
    s = DistributedSummary(path="", findings_out=str(findings_out), rows=0, parts=0, partitions=0, workers=0,
                           seconds=0.0,
                           by_code=sorted(((s, c, int(n)) for (s, c), n in by_code.items()),
                                          key=lambda t: (order.get(t[0], 3), -t[2], t[1])),
                           by_column=sorted(((col, name, c, int(n)) for (col, name, c), n in by_col.items()),
                                            key=lambda t: (-t[3], t[0], t[2])),
                           errors=sev["error"], warnings=sev["warning"], infos=sev["info"])
    got: list[dict] = []
    for i in range(f.npartitions):
        if len(got) >= first:
            break
        part = f.get_partition(i).compute()
        part = part[part["severity"] != "info"]
        for rec in part.head(first - len(got)).to_dict("records"):
            got.append({k: _plain(k, v) for k, v in rec.items()})
    s.first = got
    return s


def _plain(key: str, v):
    """A value read back from Parquet as plain Python (None, int, str, list of int) for JSON."""
    if key == "rows":
        return None if v is None or not hasattr(v, "__len__") else [int(x) for x in v]
    try:
        if v is None or v != v:  # None, NaN, pandas NA
            return None
    except (TypeError, ValueError):
        return None
    return v.item() if hasattr(v, "item") else v

