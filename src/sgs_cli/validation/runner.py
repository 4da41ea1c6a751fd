"""One sheet through the rules: start (mapper, context, header findings, each family's state) → batches of
rows → finish. The serial path and the worker processes of parallel.py run the same three steps.

A batch is checked family by family (rules/base.Rule.batch) over a few thousand records at a time; the
findings are then put in row order (stable: within a row, in the order the families run), which is the
order a row-by-row pass gives."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from operator import attrgetter

from sgs_cli.findings import Finding, SheetReport
from sgs_cli.io.reading import CsvColumns, RawSheet
from sgs_cli.records.header import HeaderMap
from sgs_cli.records.mapping import _EXAMPLE_MARKS, _TOTAL_MARKS, SheetMapper, is_skippable, record_key_code
from sgs_cli.rules import cells, columns as column_rules, registry, sheets
from sgs_cli.rules.context import SheetContext, column_letter
from sgs_cli.validation import columnar
from sgs_cli.validation.options import ValidateOptions

#: records checked together by each family (bounded memory for a sheet read whole)
RECORDS_PER_STEP = 2_000
#: rows per frame of the columnar engine
COLUMNAR_ROWS = 20_000
_ROW = attrgetter("row")


def cell_notes(raw: RawSheet, hm: HeaderMap, report: SheetReport) -> list[Finding]:
    """FORMULA_NO_VALUE and CELL_ERROR_VALUE of the data rows (rules/cells.py)."""
    return cells.cell_notes(raw, hm.first_data_row)


def header_columns(hm: HeaderMap) -> list[tuple[str, str, str, str]]:
    """(column letter, header as written, what it was read as, status) for every header cell."""
    from sgs_cli.records.mapping import extension_of
    from sgs_cli.standard.extras import EXTRAS

    extra_names = {e.code: e.name for e in EXTRAS}
    out = []
    for i in sorted(hm.texts):
        if i in hm.columns:
            out.append((column_letter(i), hm.texts[i], hm.spec.by_code(hm.columns[i]).name, "field"))
        elif i in hm.extras:
            out.append((column_letter(i), hm.texts[i], extra_names.get(hm.extras[i], hm.extras[i]), "extra"))
        elif extension_of(hm.texts[i], hm.spec.kind):  # 迟报说明, 失信严重程度: read although not standard
            out.append((column_letter(i), hm.texts[i], hm.texts[i], "extra"))
        else:
            out.append((column_letter(i), hm.texts[i], "", "ignored"))
    return out


def sheet_start(name: str, hidden: bool, hm: HeaderMap, opts: ValidateOptions):
    """Mapper, context (with each family's fresh state), report (with the header findings) and the rule
    families of a sheet."""
    mapper = SheetMapper(hm)
    report = SheetReport(sheet=name, kind=hm.spec.kind, standard=hm.spec.standard, header_row=hm.header_row)
    rules = registry.families(hm.spec.kind)
    ctx = SheetContext(spec=mapper.modern, sheet=name, columns=mapper.columns, today=opts.today,
                       header_row=hm.header_row, prefix=mapper.prefix, options=opts, extensions=mapper.extensions,
                       column_of=hm.column_of, families=rules)
    for rule in rules:
        ctx.states[rule.name] = rule.start(ctx)
    report.findings.extend(column_rules.check(hm, mapper.modern, set(mapper.columns)))
    report.header_columns = header_columns(hm)
    if hidden:
        report.findings.append(sheets.hidden())
    return mapper, ctx, report, rules


def run_batch(batch, mapper: SheetMapper, ctx: SheetContext, report: SheetReport, rules, records=None,
              on_record=None, partial: bool = False, whole: bool = False) -> None:
    """Check a batch of (physical row number, values). ``partial``: the batch is checked apart from the
    rows before it (a worker process): families with a ``partial`` step record what ``combine`` needs
    instead of reporting."""
    if columnar.choice() == "both" and columnar.eligible(mapper):
        _run_both(batch, mapper, ctx, report, rules, records, on_record, partial)
    elif columnar.enabled(mapper, len(batch) if whole else None):
        _run_columnar(batch, mapper, ctx, report, rules, records, on_record, partial)
    else:
        _run_rows(batch, mapper, ctx, report, rules, records, on_record, partial)


def _run_rows(batch, mapper, ctx, report, rules, records, on_record, partial: bool) -> None:
    """run_batch through the row forms, a step of records at a time."""
    step: list = []
    for number, row in _data_rows(batch, mapper, ctx):
        rec = mapper.record(number, row)
        step.append(rec)
        if records is not None:
            records.append(rec)
        if on_record is not None:
            on_record(rec)
        if len(step) >= RECORDS_PER_STEP:
            _check(step, ctx, report, rules, partial)
            step = []
    if step:
        _check(step, ctx, report, rules, partial)


# --------------------------------------------------------------------------- the shadow engine

def _shadow(ctx: SheetContext) -> SheetContext:
    """The row engine's own copy of the sheet context (SGS_ENGINE=both): a deep copy of the families'
    states made before the first batch run both ways, kept on the context for the batches after it and
    for sheet_finish."""
    got = ctx.__dict__.get("_shadow")
    if got is None:
        got = copy.copy(ctx)
        got.states, got.state, got._present = copy.deepcopy(ctx.states), copy.deepcopy(ctx.state), {}
        got.__dict__.pop("_shadow", None)
        ctx.__dict__["_shadow"] = got
    return got


def _run_both(batch, mapper, ctx, report, rules, records, on_record, partial: bool) -> None:
    """SGS_ENGINE=both: the batch through the row forms (on the shadow context) and through the columnar
    engine (on the sheet's), whatever its size; EngineDrift at the first difference in the findings (their
    order, messages, cells, values), the rows counted or a family's state. The columnar run is reported."""
    rows = list(batch)  # read twice (a CSV slice's Arrow columns go to the columnar engine as they are)
    batch = batch if isinstance(batch, CsvColumns) else rows
    shadow = _shadow(ctx)
    expected = SheetReport(sheet=report.sheet, kind=report.kind, standard=report.standard,
                           header_row=report.header_row)
    _run_rows(rows, mapper, shadow, expected, rules, None, None, partial)
    before, counted = len(report.findings), report.rows
    _run_columnar(batch, mapper, ctx, report, rules, records, on_record, partial)
    drift(expected.findings, report.findings[before:], f"sheet {report.sheet!r}, batch from row {rows[0][0] if rows else 0}")
    if expected.rows != report.rows - counted:
        raise columnar.EngineDrift(f"rows counted: row engine {expected.rows}, columnar {report.rows - counted}")
    _same_states(shadow, ctx)


def _same_states(shadow: SheetContext, ctx: SheetContext) -> None:
    for rule in ctx.families:
        if shadow.states[rule.name] != ctx.states[rule.name]:
            raise columnar.EngineDrift(f"state of {rule.name}: row engine {shadow.states[rule.name]!r:.500}, "
                                       f"columnar {ctx.states[rule.name]!r:.500}")


def _comparable(f: Finding) -> tuple:
    return (tuple(f.to_dict(show_sensitive=True).items()), str(f.severity), type(f.value).__name__,
            f.sensitive, tuple(sorted((f.params or {}).items())))


def drift(row: list, col: list, where: str) -> None:
    """EngineDrift naming the first finding where the row engine's and the columnar engine's lists
    differ (SGS_ENGINE=both)."""
    a, b = list(map(_comparable, row)), list(map(_comparable, col))
    if a == b:
        return
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    show = lambda t, k: dict(t[k][0]) if k < len(t) else "（无）"  # noqa: E731
    raise columnar.EngineDrift(f"{where}: {len(a)} findings from the row engine, {len(b)} from the columnar "
                               f"engine; first difference at #{i}: row {show(a, i)} / columnar {show(b, i)}")


def _check(recs: list, ctx: SheetContext, report: SheetReport, rules, partial: bool) -> None:
    found: list[Finding] = []
    for rule in rules:
        state = ctx.states[rule.name]
        if partial and rule.partial is not None:
            rule.partial(recs, ctx, state)
        else:
            found.extend(rule.batch(recs, ctx, state))
    report.rows += len(recs)
    if not found:
        return
    found.sort(key=_ROW)  # stable: row order, and within a row the order the families run
    key_code = record_key_code(ctx.spec.kind)
    if key_code:
        by_row = {rec.row: rec for rec in recs}
        for f in found:
            f.key = by_row[f.row].text(key_code) or None
    report.findings.extend(found)


def _data_rows(batch, mapper: SheetMapper, ctx: SheetContext):
    """The (row number, values) of a batch that are records: rows up to the header are skipped (a title row
    above it is noted), and so are blank, example and total rows."""
    first = mapper.hm.first_data_row + 1  # physical number of the first data row
    for number, row in batch:
        if number < first:
            if number < mapper.hm.header_row:
                _title_text(row, ctx)
            continue
        if not is_skippable(row):
            yield number, row


def _run_columnar(batch, mapper, ctx, report, rules, records, on_record, partial: bool) -> None:
    """run_batch through the columnar engine (validation/columnar.py): the same rows, the same findings. A
    CSV slice read by Arrow (reading.CsvColumns) whose lines are all data rows comes as its columns."""
    got = _arrow_columns(batch, mapper)
    if got is not None:
        numbers, arrays = got
        frames: Iterable[columnar.Frame] = ([columnar.Frame.from_columns(numbers, {}, mapper, arrays)]
                                           if numbers else [])
    else:
        step = list(_data_rows(batch, mapper, ctx))
        frames = (columnar.Frame(step[i:i + COLUMNAR_ROWS], mapper) for i in range(0, len(step), COLUMNAR_ROWS))
    for fr in frames:
        found = columnar.check_frame(fr, ctx, rules, partial)
        report.rows += fr.n
        key_code = record_key_code(ctx.spec.kind)
        if found and key_code:
            keys = fr.text(key_code)
            pos = {n: k for k, n in enumerate(fr.numbers)}
            for f in found:
                f.key = keys[pos[f.row]] or None
        report.findings.extend(found)
        if records is not None or on_record is not None:
            for rec in fr.records():
                if records is not None:
                    records.append(rec)
                if on_record is not None:
                    on_record(rec)


def _arrow_columns(batch, mapper: SheetMapper):
    """(row numbers, {column: Arrow array}) of a CSV slice read by Arrow whose first line is past the header
    (its rows are data rows or skipped), for the columns the sheet reads; else None."""
    if not isinstance(batch, CsvColumns) or batch.lines_before + 1 <= mapper.hm.first_data_row \
            or len(batch) > COLUMNAR_ROWS:
        return None
    return arrow_data_columns(batch, [i for _, i in mapper.sources] + list(mapper.extensions.values()))


#: the characters str.strip() removes (str.isspace), as a regular-expression class for Arrow (RE2)
_PY_SPACE = (r"[\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}"
             r"\x{205f}\x{3000}]")


def arrow_data_columns(batch: CsvColumns, columns) -> tuple[list[int], dict]:
    """(line numbers, {column: Arrow string array}) of the rows of a CSV slice that are records (not blank,
    example or total rows: is_skippable, asked of each row Arrow says could be one — a first cell that may
    be blank or holds a mark, a cell with 示例/样例, looked for only when the slice's bytes hold one), for the
    given column indices. No Python object per cell: the frame makes a column's Python list when a rule
    asks for it (columnar.Frame.raw)."""
    import re

    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    t = batch.table
    width = t.num_columns
    cols = [c.chunk(0) if c.num_chunks == 1 else c.combine_chunks() for c in t.columns]  # one chunk: no copy
    maybe = pc.match_substring_regex(cols[0], f"^{_PY_SPACE}*$")
    maybe = pc.or_(maybe, pc.match_substring_regex(cols[0], "|".join(map(re.escape, _EXAMPLE_MARKS + _TOTAL_MARKS))))
    if batch.marks:
        for c in cols:
            maybe = pc.or_(maybe, pc.match_substring_regex(c, "示例|样例"))
    keep = np.ones(t.num_rows, bool)
    for k in np.flatnonzero(columnar.as_mask(maybe)).tolist():
        keep[k] = not is_skippable([c[k].as_py() for c in cols])
    numbers = (np.flatnonzero(keep) + batch.lines_before + 1).tolist()
    if keep.all():
        return numbers, {i: cols[i] for i in sorted(set(columns)) if i < width}
    mask = pa.array(keep)
    return numbers, {i: cols[i].filter(mask) for i in sorted(set(columns)) if i < width}


def _title_text(row: list, ctx: SheetContext) -> None:
    """Keep the text of a title row above the header (one filled cell, or a "填报单位：…" cell) in
    ctx.state["titles"]: the monthly report takes a ledger's department from it."""
    texts = [str(v).strip() for v in row if v is not None and str(v).strip()]
    if len(texts) == 1 or any("：" in t or ":" in t for t in texts):
        ctx.state.setdefault("titles", []).append(" ".join(texts))  # "填报单位：" and the name may be two cells


def combine_states(ctx: SheetContext, states: dict) -> list[Finding]:
    """Fold the family states of a batch checked apart into the sheet's (rules/base.Rule.combine), in
    family order; return the findings only the merge can see (a duplicate across batches)."""
    found: list[Finding] = []
    for rule in ctx.families:
        if rule.name in states:
            ctx.states[rule.name], more = rule.combine([ctx.states[rule.name], states[rule.name]], ctx)
            found.extend(more)
    return found


def shared_states(ctx: SheetContext) -> dict:
    """The family states a batch checked apart hands back for combine_states (families that combine)."""
    return {rule.name: ctx.states[rule.name] for rule in ctx.families if rule.combines}


def sheet_finish(mapper: SheetMapper, ctx: SheetContext, report: SheetReport, records=None) -> SheetReport:
    shadow = ctx.__dict__.pop("_shadow", None)
    if shadow is not None:  # SGS_ENGINE=both: the sheet-level findings from the row engine's states too
        expected = [f for rule in shadow.families for f in rule.finish(shadow, shadow.states[rule.name], report)]
        before = len(report.findings)
    for rule in ctx.families:
        report.findings.extend(rule.finish(ctx, ctx.states[rule.name], report))
    if shadow is not None:
        drift(expected, report.findings[before:], f"sheet {report.sheet!r}, end of sheet")
    report.columns = {code: column_letter(i) for code, i in mapper.columns.items()}
    report.records = records
    report.context = ctx  # for the checks across files and the reports
    return report


def validate_rows(name: str, hidden: bool, hm: HeaderMap, batches, opts: ValidateOptions,
                  progress=None, whole: bool = False) -> SheetReport:
    """Run the rules over batches of (physical row number, values); rows up to the header are skipped.
    ``whole``: the sheet is its one batch (the engine may then be chosen by its size)."""
    mapper, ctx, report, rules = sheet_start(name, hidden, hm, opts)
    records: list | None = [] if opts.keep_records else None
    for batch in batches:
        run_batch(batch, mapper, ctx, report, rules, records, whole=whole)
        if progress is not None:
            progress(report.rows)
    return sheet_finish(mapper, ctx, report, records)
