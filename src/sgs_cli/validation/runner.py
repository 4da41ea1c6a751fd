"""One sheet through the rules: start (mapper, context, header findings) → batches of rows → finish.
The serial path and the worker processes of parallel.py run the same three steps."""

from __future__ import annotations

from sgs_cli.findings import Finding, SheetReport
from sgs_cli.io.reading import RawSheet
from sgs_cli.records.header import HeaderMap
from sgs_cli.records.mapping import SheetMapper, is_skippable, record_key_code
from sgs_cli.rules import RECORD_RULES, annex, columns as column_rules, timeliness
from sgs_cli.rules.context import Record, SheetContext, column_letter
from sgs_cli.validation.options import ValidateOptions

def cell_notes(raw: RawSheet, hm: HeaderMap, report: SheetReport) -> list[Finding]:
    """Cells the reader could not give a value for: formulas without a cached value (FORMULA_NO_VALUE)
    and cells showing an Excel error such as #N/A (CELL_ERROR_VALUE)."""
    out = []
    first = hm.first_data_row
    for (r, c) in sorted(raw.formula_no_value):
        if r >= first:
            out.append(Finding("warning", "FORMULA_NO_VALUE", "该单元格是公式，但文件中没有保存计算结果，按空白处理",
                               row=r + 1, column=column_letter(c),
                               hint="请在 Excel/WPS 中打开并保存一次（或把公式粘贴为数值）后再校验"))
    for (r, c), err in sorted(raw.error_cells.items()):
        if r >= first:
            out.append(Finding("error", "CELL_ERROR_VALUE", f"单元格显示错误值“{err}”", row=r + 1,
                               column=column_letter(c), value=err, hint="请修正公式或改为实际数值"))
    return out


def _legacy_status(rec: Record, ctx: SheetContext, mapper: SheetMapper) -> Finding:
    code, word = rec.review
    f = ctx.warning("LEGACY_STATUS_REVIEW", rec, None, f"旧标准当前状态为“{word}”，不能直接迁移为790号新标准",
                    "已撤销的处罚应撤下而不是迁移；“异议”“其他”请人工核实后再填当前状态")
    f.column = column_letter(mapper.hm.column_of(code))
    f.field_name = "当前状态"
    return f


def header_columns(hm: HeaderMap) -> list[tuple[str, str, str, str]]:
    """(column letter, header as written, what it was read as, status) for every header cell."""
    from sgs_cli.standard.extras import EXTRAS

    extra_names = {e.code: e.name for e in EXTRAS}
    out = []
    for i in sorted(hm.texts):
        if i in hm.columns:
            out.append((column_letter(i), hm.texts[i], hm.spec.by_code(hm.columns[i]).name, "field"))
        elif i in hm.extras:
            out.append((column_letter(i), hm.texts[i], extra_names.get(hm.extras[i], hm.extras[i]), "extra"))
        else:
            out.append((column_letter(i), hm.texts[i], "", "ignored"))
    return out


def sheet_start(name: str, hidden: bool, hm: HeaderMap, opts: ValidateOptions, rules_without=()):
    """Mapper, context, report (with the header findings) and the record rules of a sheet."""
    mapper = SheetMapper(hm)
    report = SheetReport(sheet=name, kind=hm.spec.kind, standard=hm.spec.standard, header_row=hm.header_row)
    ctx = SheetContext(spec=mapper.modern, sheet=name, columns=mapper.columns, today=opts.today,
                       header_row=hm.header_row, prefix=mapper.prefix, options=opts)
    ctx.state["extension_columns"] = mapper.extensions
    report.findings.extend(column_rules.check(hm, mapper.modern, set(mapper.columns)))
    report.header_columns = header_columns(hm)
    if hidden:
        report.findings.append(Finding("info", "SHEET_HIDDEN", "该工作表为隐藏工作表，已一并校验", row=None))
    rules = RECORD_RULES + (timeliness.record_check,) if mapper.prefix else annex.RECORD_RULES[hm.spec.kind]
    if hm.spec.kind == "ledger":
        rules = rules + (timeliness.ledger_check,)
    rules = tuple(r for r in rules if r not in rules_without)
    return mapper, ctx, report, rules


def run_batch(batch, mapper: SheetMapper, ctx: SheetContext, report: SheetReport, rules, records=None,
               on_record=None) -> None:
    first = mapper.hm.first_data_row + 1  # physical number of the first data row
    findings = report.findings
    key_code = record_key_code(mapper.modern.kind)
    for number, row in batch:
        if number < first:
            if number < mapper.hm.header_row:
                _title_text(row, ctx)
            continue
        if is_skippable(row):
            continue
        rec = mapper.record(number, row)
        report.rows += 1
        start = len(findings)
        if rec.review:
            findings.append(_legacy_status(rec, ctx, mapper))
        for rule in rules:
            findings.extend(rule(rec, ctx))
        if key_code and len(findings) > start:
            key = rec.text(key_code) or None
            for i in range(start, len(findings)):
                findings[i].key = key
        if records is not None:
            records.append(rec)
        if on_record is not None:
            on_record(rec)


def _title_text(row: list, ctx: SheetContext) -> None:
    """Keep the text of a title row above the header (one filled cell, or a "填报单位：…" cell) in
    ctx.state["titles"]: the monthly report takes a ledger's department from it."""
    texts = [str(v).strip() for v in row if v is not None and str(v).strip()]
    if len(texts) == 1 or any("：" in t or ":" in t for t in texts):
        ctx.state.setdefault("titles", []).append(" ".join(texts))  # "填报单位：" and the name may be two cells


def sheet_finish(mapper: SheetMapper, ctx: SheetContext, report: SheetReport, records=None) -> SheetReport:
    report.findings.extend(annex.sheet_end(ctx, report) if not mapper.prefix else ())
    report.findings.extend(timeliness.sheet_end(ctx))
    report.columns = {code: column_letter(i) for code, i in mapper.columns.items()}
    report.records = records
    report.context = ctx  # for the checks across files and the reports
    return report


def validate_rows(name: str, hidden: bool, hm: HeaderMap, batches, opts: ValidateOptions,
                   progress=None) -> SheetReport:
    """Run the rules over batches of (physical row number, values); rows up to the header are skipped."""
    mapper, ctx, report, rules = sheet_start(name, hidden, hm, opts)
    records = [] if opts.keep_records else None
    for batch in batches:
        run_batch(batch, mapper, ctx, report, rules, records)
        if progress is not None:
            progress(report.rows)
    return sheet_finish(mapper, ctx, report, records)
