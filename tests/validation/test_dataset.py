"""Datasets (issue 19): a folder of Parquet part files gives the findings of the same rows in one CSV
(row numbers: part file + row within it), and a dask.distributed local cluster with 2 workers gives
exactly the single-machine findings, duplicates straddling part files and partitions included."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import generate  # noqa: E402

from conftest import user_home  # noqa: E402

TODAY = dt.date(2026, 12, 1)
PART_ROWS = 600  # records per part file
GROUP_ROWS = 200  # rows per Parquet row group (partitions of the Dask run are cut along them)


def _write_part(path: Path, header: list[str], rows: list[list[str]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({h: pa.array([r[i] for r in rows], pa.string()) for i, h in enumerate(header)})
    pq.write_table(table, path, row_group_size=GROUP_ROWS)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """The same 1801 penalty records as one CSV and as three Parquet part files (600, 600, 601 records)."""
    tmp = tmp_path_factory.mktemp("dataset")
    expected = generate.generate("penalty", 1800, tmp, seed=19, name="gen", flavours=("csv",), quiet=True)
    with open(tmp / "gen.csv", encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    # duplicates across partitions and part files: record 1191 (part-00001 row 592, another row group)
    # repeats record 601 (part-00001 row 2); the last record (part-00002 row 602) repeats the first
    assert not any(r in (2, 602, 1192) for r, _, _ in expected["injected"])
    rows[1190] = list(rows[600])
    rows.append(list(rows[0]))
    one = tmp / "一个文件.csv"
    with open(one, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([header] + rows)
    folder = tmp / "全省处罚数据"
    folder.mkdir()
    for k, start in enumerate(range(0, len(rows), PART_ROWS)):
        end = start + PART_ROWS if start + 2 * PART_ROWS <= len(rows) else len(rows)
        _write_part(folder / f"part-{k:05d}.parquet", header, rows[start:end])
        if end == len(rows):
            break
    return {"csv": one, "folder": folder, "rows": rows, "header": header, "expected": expected}


def _opts():
    from sgs_cli.validation.options import ValidateOptions

    return ValidateOptions(today=TODAY)


@pytest.fixture(scope="module")
def single(data, tmp_path_factory):
    from sgs_cli.validation.engine import validate_paths

    with user_home(tmp_path_factory.mktemp("home")):
        one = validate_paths([str(data["csv"])], _opts())
        ds = validate_paths([str(data["folder"])], _opts())
    return one, ds


def _place(row: int) -> tuple[str, int]:
    """Record at row ``row`` of the one CSV → (part file, row within it)."""
    k = min((row - 2) // PART_ROWS, 2)
    return f"part-{k:05d}.parquet", row - k * PART_ROWS


def test_parts_are_sheets_rows_counted_within_each_part(single):
    one, ds = single
    assert [f.error for f in ds.files] == [None]
    assert Path(ds.files[0].path).name == "全省处罚数据"
    assert [(s.sheet, s.rows, s.header_row) for s in ds.files[0].sheets] == [
        ("part-00000.parquet", 600, 1), ("part-00001.parquet", 600, 1), ("part-00002.parquet", 601, 1)]
    assert one.files[0].sheets[0].rows == 1801
    assert ds.exit_code() == one.exit_code() == 1


def test_dataset_gives_the_findings_of_the_same_rows_in_one_csv(single):
    one, ds = single
    csv_sheet = one.files[0].sheets[0]
    parts = [s.sheet for s in ds.files[0].sheets]
    expected, got = Counter(), Counter()
    table_rows = {}  # table-level findings (DEADLINE_PASSED …): code → the rows they name
    for f in csv_sheet.findings:
        if f.rows is not None:
            table_rows.setdefault(f.code, set()).update(_place(r) for r in f.rows)
            continue
        if f.row is None or f.row < 2:  # header findings: each part file has the same header
            for part in parts:
                expected[(part, f.row, f.severity, f.code, f.column, f.value, f.message, f.key)] += 1
            continue
        part, row = _place(f.row)
        message = f.message
        if f.code == "DUPLICATE_RECORD":
            first_part, first_row = _place(int(re.search(r"与第(\d+)行", message).group(1)))
            named = f"与第{first_row}行" if first_part == part else f"与“{first_part}”第{first_row}行"
            message = re.sub(r"与第\d+行", named, message)
        expected[(part, row, f.severity, f.code, f.column, f.value, message, f.key)] += 1
    got_rows = {}
    for sr in ds.files[0].sheets:
        for f in sr.findings:
            if f.rows is not None:
                got_rows.setdefault(f.code, set()).update((sr.sheet, r) for r in f.rows)
                continue
            got[(sr.sheet, f.row, f.severity, f.code, f.column, f.value, f.message, f.key)] += 1
    assert got == expected
    assert got_rows == table_rows
    assert set(table_rows) == {"DEADLINE_PASSED"}
    # every decision of 2024 is past its deadline in 2026, but the one dated 2024/02/30 (DATE_INVALID)
    invalid = [f for f in csv_sheet.findings if f.code == "DATE_INVALID"]
    assert [(f.column, f.value) for f in invalid] == [("W", "2024/02/30")]
    assert len(table_rows["DEADLINE_PASSED"]) == 1801 - 1
    assert _place(invalid[0].row) not in table_rows["DEADLINE_PASSED"]


def test_duplicates_across_part_files_name_the_first_occurrence(single, data):
    one, ds = single
    dups = {(sr.sheet, f.row): f.message for sr in ds.files[0].sheets for f in sr.findings
            if f.code == "DUPLICATE_RECORD"}
    assert dups[("part-00002.parquet", 602)] == "与“part-00000.parquet”第2行重复（决定书文号、相对人相同）"
    assert dups[("part-00001.parquet", 592)] == "与第2行重复（决定书文号、相对人相同）"
    csv_dups = [f for f in one.files[0].sheets[0].findings if f.code == "DUPLICATE_RECORD"]
    assert {(f.row, f.message) for f in csv_dups} >= {(1802, "与第2行重复（决定书文号、相对人相同）"),
                                                      (1192, "与第602行重复（决定书文号、相对人相同）")}
    # the generator's own (one in 1800 rows: one violation per 100 rows, 18 kinds in turn) and the two above
    assert data["expected"]["counts"]["DUPLICATE_RECORD"] == 1
    assert len(dups) == len(csv_dups) == 1 + 2


# ------------------------------------------------------------------------------ Dask

@pytest.fixture(scope="module")
def cluster():
    """A dask.distributed local cluster with 2 workers (threads of this process: starts in about 1 s)."""
    import logging

    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=logging.ERROR) as lc, Client(lc) as client:
        yield client


def _rows_of(frame) -> Counter:
    import pandas as pd

    out = Counter()
    for rec in frame.to_dict("records"):
        out[tuple((None if (not isinstance(v, (list, tuple)) and not hasattr(v, "__len__") and pd.isna(v))
                   else (tuple(int(x) for x in v) if k == "rows" and v is not None else v))
                  for k, v in sorted(rec.items()))] += 1
    return out


@pytest.fixture(scope="module")
def dask_run(data, cluster, tmp_path_factory):
    from sgs_cli.validation.distributed import validate_distributed

    out = tmp_path_factory.mktemp("out") / "问题清单"
    ticks = []
    with user_home(tmp_path_factory.mktemp("home")):
        summary = validate_distributed(data["folder"], out, _opts(), client=cluster, rows_per_partition=GROUP_ROWS,
                                       progress=lambda fraction, rows: ticks.append(fraction))
    return summary, out, ticks


def test_local_cluster_gives_exactly_the_single_machine_findings(single, dask_run, data):
    import pandas as pd

    from sgs_cli.validation.distributed import findings_frame

    _, ds = single
    summary, out, _ = dask_run
    # 3 + 3 + 4 pieces along row groups of 200 rows: duplicates straddle part files and partitions
    assert (summary.parts, summary.partitions) == (3, 10)
    expected = findings_frame((sr.sheet, f) for sr in ds.files[0].sheets for f in sr.findings)
    got = pd.read_parquet(out)
    assert list(got.columns) == list(expected.columns)
    # the 18 injected violations, the 2 duplicates added, one DEADLINE_PASSED per part file
    assert sum(data["expected"]["counts"].values()) == 18
    assert len(got) == len(expected) == 18 + 2 + 3
    assert _rows_of(got) == _rows_of(expected)


def test_summary_counts_add_up_and_match_the_single_run(single, dask_run):
    _, ds = single
    summary, out, ticks = dask_run
    fr = ds.files[0]
    assert summary.rows == fr.rows == 1801
    assert (summary.errors, summary.warnings) == (fr.errors, fr.warnings)
    by_code = Counter(f.code for sr in fr.sheets for f in sr.findings)
    assert {c: n for _, c, n in summary.by_code} == dict(by_code)
    assert sum(n for _, _, n in summary.by_code) == summary.errors + summary.warnings + summary.infos
    assert ("N", "行政处罚决定书文号", "DUPLICATE_RECORD", 3) in summary.by_column
    assert len(summary.first) == 20 and all(f["severity"] != "info" for f in summary.first)
    assert summary.exit_code() == 1
    assert ticks and ticks[-1] == 1.0
    assert not list(out.parent.glob(".*tmp*"))  # written whole, no temporary folder left


def test_validate_dataframe_takes_a_dask_dataframe_of_your_own(data, cluster, single):
    import dask.dataframe as dd

    from sgs_cli.validation.distributed import validate_dataframe

    _, ds = single
    ddf = dd.read_parquet(str(data["folder"]))  # partitions of its own: rows numbered within each
    with user_home(data["folder"].parent / "home"):
        found = validate_dataframe(ddf, "penalty", _opts()).compute()
    by_code = found.groupby("code").size().to_dict()
    want = Counter(f.code for sr in ds.files[0].sheets for f in sr.findings
                   if f.code not in ("DEADLINE_PASSED",))
    assert {c: n for c, n in by_code.items() if c != "DEADLINE_PASSED"} == dict(want)
    assert found.loc[found["code"] == "DUPLICATE_RECORD", "message"].str.contains("与").all()
    # own locations: a table name and its primary key
    own = ddf.assign(__part__="cf_xzcf", __row__=1)
    own["__row__"] = own["__row__"].cumsum() + 1000
    with user_home(data["folder"].parent / "home"):
        found = validate_dataframe(own, "penalty", _opts()).compute()
    last = found[(found["code"] == "DUPLICATE_RECORD") & (found["row"] == 2801)]
    assert last["message"].tolist() == ["与第1001行重复（决定书文号、相对人相同）"]
    assert set(found["part"]) == {"cf_xzcf"}


def test_a_duplicate_across_part_files_is_keyed_by_its_normalised_number(data, tmp_path):
    """The record key of a duplicate found across part files (the JSON's record_key) is the 决定书文号 as the
    rules read it, normalised — not the cell as written (a stray space, full-width letters)."""
    from sgs_cli.validation.engine import validate_paths

    header, rows = data["header"], [list(r) for r in data["rows"][:200]]
    wsh = header.index(next(h for h in header if "文号" in h))
    number = rows[0][wsh]
    rows[150] = list(rows[0])
    rows[150][wsh] = " " + number.replace("2", "２") + " "  # full-width ２ and spaces: the same number once normalised
    folder = tmp_path / "两个分片"
    folder.mkdir()
    _write_part(folder / "part-00000.parquet", header, rows[:100])
    _write_part(folder / "part-00001.parquet", header, rows[100:])
    with user_home(tmp_path / "home"):
        report = validate_paths([str(folder)], _opts())
    dups = [(sr.sheet, f.row, f.key) for sr in report.files[0].sheets for f in sr.findings
            if f.code == "DUPLICATE_RECORD"]
    assert "2" in number and ("part-00001.parquet", 52, number) in dups
