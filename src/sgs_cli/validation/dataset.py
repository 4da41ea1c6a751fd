"""A dataset (io.dataset: Parquet file, folder of Parquet / CSV part files) through the rules.

One function checks one partition — rows of one part file, all of it or a slice — and returns what the
whole-dataset steps combine: ``check_partition`` → ``PartitionResult`` (findings of the record rules,
the duplicate keys with their rows, the other families' states). The single-machine path here and the Dask
path (validation.distributed) both call it, and both combine with the same two functions:

* ``duplicate_finding``: a decision entered twice anywhere in the dataset is a DUPLICATE_RECORD at every
  occurrence after the first (dataset order: part files by name, rows ascending), exactly as if the rows
  were one CSV; when the first occurrence is in another part file the message names that file;
* ``part_end``: the sheet-end summaries of one part file (DEADLINE_PASSED, CALENDAR_NO_DATA, …): the
  states its partitions handed back folded by each family's ``Rule.combine``, then ``Rule.finish`` — this
  module knows no family's fields.

Each part file is one sheet of the dataset's FileReport (sheet = the part's path in the folder, row = the
row within that file, the column names being row 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sgs_cli.errors import InputError
from sgs_cli.findings import FileReport, Finding, SheetReport
from sgs_cli.io.dataset import Dataset
from sgs_cli.records.header import HeaderMap, detect
from sgs_cli.rules import duplicates, sheets as sheet_rules
from sgs_cli.rules.context import Record, SheetContext, column_letter
from sgs_cli.validation.options import ValidateOptions, no_header_hint, specs_for
from sgs_cli.validation.runner import run_batch, shared_states, sheet_start

#: sheet kinds checked partition by partition (the annex kinds follow their rows in order: one part at a time)
PARTITIONED_KINDS = ("license", "penalty")


@dataclass
class PartitionResult:
    """What one partition gives the whole-dataset steps."""

    findings: list[Finding]  # record rules (and the header findings when the partition starts its part)
    #: duplicates: (row, key digest, 决定书文号 cell, record key, 文号 key) per keyed row
    keys: list[tuple[int, bytes, object, str | None, str]]
    #: family name → the state it hands back (families that combine, but not those with a ``partial`` step:
    #: duplicates, combined over the whole dataset from ``keys``), for part_end
    states: dict = field(default_factory=dict)
    rows: int = 0  # records checked


def check_partition(batches, part: str, hm: HeaderMap, opts: ValidateOptions, with_header: bool) -> PartitionResult:
    """Run every per-record rule over ``batches`` of (row number, values) of one part file — all of it or
    a slice. Rules that need every row of the dataset (duplicates, the sheet-end summaries) are left to the
    combine steps; their state is returned. ``with_header``: this partition starts its part (its report
    carries the header findings, once per part)."""
    mapper, ctx, report, rules = sheet_start(part, False, hm, opts)
    if not with_header:
        report.findings.clear()
    # checked apart: duplicates only record their keys (their partial step)
    for batch in batches:
        run_batch(batch, mapper, ctx, report, rules, partial=True)
    keys = [(row, key, cell, rkey or None, wsh) for row, key, cell, rkey, wsh in ctx.states[duplicates.RULE.name].keys]
    states = {name: s for name, s in shared_states(ctx).items() if name in _part_families(ctx)}
    return PartitionResult(report.findings, keys, states, report.rows)


def _part_families(ctx: SheetContext) -> dict:
    """The families whose state part_end folds per part file (those that combine without a partial step)."""
    return {rule.name: rule for rule in ctx.families if rule.combines and rule.partial is None}


def part_context(part: str, hm: HeaderMap, opts: ValidateOptions) -> SheetContext:
    """The rule context of a part file (messages name its columns), without running anything."""
    return sheet_start(part, False, hm, opts)[1]


def duplicate_finding(ctx: SheetContext, row: int, wsh_cell, record_key: str | None, part: str,
                      first_part: str, first_row: int) -> Finding:
    """DUPLICATE_RECORD at (part, row) of a decision first entered at (first_part, first_row): the rule's
    own finding; when the first occurrence is in another part file, its message names that file."""
    if first_part == part:
        f = duplicates.finding(Record(row, {ctx.k("WSH"): wsh_cell}), ctx, first_row)
    else:
        f = ctx.emit("DUPLICATE_RECORD", Record(row, {ctx.k("WSH"): wsh_cell}), ctx.k("WSH"), variant="other_part",
                     part=first_part, first=first_row)
    f.key = record_key
    return f


def part_end(ctx: SheetContext, states: list[dict]) -> list[Finding]:
    """The sheet-end summaries of one part file: the states of its partitions (in row order, each a dict
    family name → state as check_partition returns them) folded into the part's by each family's
    ``combine``, then each family's ``finish``."""
    found: list[Finding] = []
    for name, rule in _part_families(ctx).items():
        state, more = rule.combine([ctx.states[name], *(s[name] for s in states if name in s)], ctx)
        ctx.states[name] = state
        found.extend(more)
        found.extend(rule.finish(ctx, state, None))
    return found


def header_map(ds: Dataset, opts: ValidateOptions) -> HeaderMap:
    """The header of the dataset, recognised from its first part (its column names are row 1)."""
    first = next(ds.sheets())
    hm = detect(first.head, specs_for(opts.kind), hint=f"{ds.path.stem} {first.name}")
    if hm is None:
        raise InputError(f"数据集“{ds.path.name}”的列名中找不到可识别的双公示表头", no_header_hint(opts))
    return hm


def validate_dataset(ds: Dataset, opts: ValidateOptions | None = None, progress=None, other_kinds=None) -> FileReport:
    """Validate a dataset on this machine, one part file after another, each streamed in batches.
    Memory: one batch of rows, the findings, and the dataset's duplicate keys (one entry per record).
    other_kinds(sheet, header map, opts) → SheetReport validates a part of an annex kind (engine's path)."""
    opts = opts or ValidateOptions()
    fr = FileReport(path=str(ds.path))
    seen: dict[bytes, tuple[str, int, str]] = {}  # key digest → (part, row, 文号 key) of its first occurrence
    done = 0
    total = 0.0  # estimated rows of the parts seen so far
    try:
        for src in ds.sheets():
            hm = detect(src.head, specs_for(opts.kind), hint=f"{ds.path.stem} {src.name}")
            if hm is None:
                if src.is_empty:
                    continue
                raise InputError(f"数据集文件“{src.name}”中找不到可识别的双公示表头", no_header_hint(opts))
            if hm.spec.kind not in PARTITIONED_KINDS:  # an annex ledger exported as parts: each part on its own
                if other_kinds is None:
                    raise InputError(f"数据集文件“{src.name}”不是行政许可或行政处罚表", "请分别校验附件类表格")
                fr.sheets.append(other_kinds(src, hm, opts))
                continue
            total += src._estimated_rows
            tick = (lambda n, base=done, tot=total: progress(min(1.0, (base + n) / max(tot, 1)), base + n)) \
                if progress else None
            result = check_partition(_ticking(src.batches(), tick), src.name, hm, opts, with_header=True)
            ctx = part_context(src.name, hm, opts)
            sr = SheetReport(sheet=src.name, kind=hm.spec.kind, standard=hm.spec.standard,
                             header_row=hm.header_row, rows=result.rows, findings=result.findings)
            by_row: dict[int, list[Finding]] = {}
            for row, key, cell, rkey, wsh in result.keys:
                first = seen.get(key)
                if first is None:
                    seen[key] = (src.name, row, wsh)
                else:
                    by_row.setdefault(row, []).append(duplicate_finding(ctx, row, cell, rkey, src.name, *first[:2]))
            if by_row:  # each duplicate after the other findings of its row, as the row rules give them
                sr.findings = _insert_by_row(sr.findings, by_row)
            sr.findings.extend(part_end(ctx, [result.states]))
            sr.findings.extend(sheet_rules.reader_note(note) for note in src.notes)
            sr.columns = {code: column_letter(i) for code, i in ctx.columns.items()}
            sr.context = ctx
            fr.sheets.append(sr)
            done += result.rows
    except InputError as e:
        fr.error = e.message + (f"（{e.hint}）" if e.hint else "")
        return fr
    if not fr.sheets:
        fr.error = f"数据集“{ds.path.name}”中没有任何数据"
    # the first occurrence of each key, on its part's context: duplicates across this dataset and other inputs
    parts = {sr.sheet: sr.context for sr in fr.sheets if sr.context is not None}
    firsts: dict[str, list] = {part: [] for part in parts}
    for key, (part, row, wsh) in seen.items():
        firsts[part].append((key, row, wsh))
    for part, ctx in parts.items():
        duplicates.remember(ctx.states[duplicates.RULE.name], firsts[part])
    return fr


def validate_if_dataset(path, opts: ValidateOptions, progress=None, force: bool = False,
                        other_kinds=None) -> FileReport | None:
    """The report of ``path`` when it is a dataset (a Parquet file, a folder of part files), else None."""
    from sgs_cli.io.dataset import open_dataset

    try:
        ds = open_dataset(path, force)
    except InputError as e:
        return FileReport(path=str(path), error=e.message + (f"（{e.hint}）" if e.hint else ""))
    if ds is None:
        return None
    return validate_dataset(ds, opts, progress(Path(path)) if progress else None, other_kinds)


def _ticking(batches, tick):
    n = 0
    for batch in batches:
        yield batch
        n += len(batch)
        if tick is not None:
            tick(n)


def _insert_by_row(findings: list[Finding], extra: dict[int, list[Finding]]) -> list[Finding]:
    """``findings`` with each list of ``extra`` placed after the last finding of its row."""
    out: list[Finding] = []
    pending = dict(extra)
    for i, f in enumerate(findings):
        out.append(f)
        nxt = findings[i + 1].row if i + 1 < len(findings) else None
        if f.row in pending and nxt != f.row:
            out.extend(pending.pop(f.row))
    for row in sorted(pending):
        out.extend(pending[row])
    return out
