"""`sgs validate IN… --split OUTDIR`: the data-check loop of 郑发改财贸〔2019〕773号 — data that pass are
uploaded, data that fail go back to the department.

Per input file two workbooks are written into OUTDIR:

* ``通过_<name>.xlsx``: the input's own layout (title rows, header, column widths, formats) holding only
  the records without a blocking finding — ready to upload;
* ``退回_<name>.xlsx``: the records with a blocking finding, marked as in the error receipt (cells filled
  and commented, 错误原因 and 修改建议 columns), with a first sheet 汇总 that says what to do.

Errors block; warnings block only with ``strict``; 提示 never. Facts never block (rules/base.Code.fact:
a late report, a record not reported, a deadline passed — no correction of the data undoes them): they are
counted and listed on the 汇总 of the return file, and the record goes to 通过 unless it also has a
fixable finding. A sheet-level error (a missing required column) blocks every record of its sheet. Every
record goes to exactly one of the two files, so the two counts add up to the records of the input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from sgs_cli.errors import OutputError
from sgs_cli.findings import (ERROR, INFO, PASS_PREFIX, RETURN_PREFIX, SGS_ORIGIN_COLUMN, WARNING, FileReport, Finding,
                              Report, SheetReport)
from sgs_cli.rules.codes import fixable, is_fact
from sgs_cli.render.paper import finish
from sgs_cli.render.receipt import HINT_HEADER, REASON_HEADER
from sgs_cli.io.write import refuse_existing, safe_sheet_title, set_text
from sgs_cli.render.copying import load_copy, write_workbooks

RETURN_TITLE = "双公示数据退回修改清单"


@dataclass
class SplitResult:
    path: str  # the input
    passed: int = 0
    returned: int = 0
    pass_path: Path | None = None
    return_path: Path | None = None
    skipped: str | None = None  # why nothing was written for this input
    renumbered: str = ""  # what the 通过 file did to 序号 (said on the return file's 汇总)
    facts: int = 0  # records with a fact (late report …): counted, never returned for it

    def to_dict(self) -> dict:
        return {"path": self.path, "passed": self.passed, "returned": self.returned,
                "pass_file": str(self.pass_path) if self.pass_path else None,
                "return_file": str(self.return_path) if self.return_path else None, "skipped": self.skipped,
                "facts": self.facts}


def blocks(f: Finding, strict: bool = False) -> bool:
    """Whether a finding sends its record back: an error (a warning with ``strict``) the department can
    fix by correcting the data — never a fact."""
    return (f.severity == ERROR or (strict and f.severity == WARNING)) and fixable(f)


_blocks = blocks


def is_returned(report: Report, strict: bool = False) -> bool:
    """Whether a submission goes back to the department (office mode): a file that cannot be read, or a
    finding that blocks. A submission whose only errors are facts is accepted, the facts listed."""
    return any(fr.error for fr in report.files) or any(
        blocks(f, strict) for fr in report.files for sr in fr.sheets for f in sr.findings)


def fact_findings(report: Report) -> list[Finding]:
    """The facts of a report (errors and warnings only: a 提示 is no news)."""
    return [f for fr in report.files for sr in fr.sheets for f in sr.findings
            if f.severity != INFO and is_fact(f.code)]


def record_rows(sr: SheetReport) -> list[int]:
    """Physical row numbers of the sheet's records (validated with keep_records)."""
    return [rec.row for rec in sr.records or ()]


def blocked_rows(sr: SheetReport, strict: bool = False) -> dict[int, list[Finding]]:
    """Record row → the findings that keep it from being uploaded."""
    rows = record_rows(sr)
    out: dict[int, list[Finding]] = {}
    for f in sr.findings:
        if not _blocks(f, strict):
            continue
        if f.rows:
            targets = f.rows
        elif f.row and f.row != sr.header_row:
            targets = [f.row]
        else:  # sheet level (a missing required column): no record of the sheet can be uploaded
            targets = rows
        for r in targets:
            out.setdefault(r, []).append(f)
    wanted = set(rows)
    return {r: fs for r, fs in out.items() if r in wanted}


def targets(report: Report, outdir: Path) -> list[tuple[FileReport, Path, Path]]:
    """(file, 通过 path, 退回 path) per readable input; a name used twice gets _2, _3…"""
    seen: set[str] = set()
    out = []
    for fr in report.files:
        if fr.error or not any(s.kind for s in fr.sheets):
            continue
        stem = Path(fr.path).stem
        name, n = stem, 2
        while name in seen:
            name = f"{stem}_{n}"
            n += 1
        seen.add(name)
        out.append((fr, outdir / f"{PASS_PREFIX}{name}.xlsx", outdir / f"{RETURN_PREFIX}{name}.xlsx"))
    return out


def split_report(report: Report, outdir: str | Path, *, strict: bool = False, force: bool = False,
                 show_sensitive: bool = False) -> list[SplitResult]:
    """Write the 通过/退回 pair of every input (the report must come from keep_records validation)."""
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"“{outdir}”是一个文件，不是文件夹", "--split 后面请给一个文件夹（不存在时自动创建）")
    plan = targets(report, outdir)
    inputs = [Path(fr.path) for fr in report.files]
    refuse_existing([p for _, a, b in plan for p in (a, b)], force, inputs,
                    "本次没有写入任何文件；加 --force 覆盖，或换一个 --split 文件夹")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"无法创建文件夹“{outdir}”：{e.strerror or e}", "请换一个输出位置") from None
    results = []
    readable = {fr.path for fr, _, _ in plan}
    for fr in report.files:
        if fr.path not in readable:
            results.append(SplitResult(fr.path, skipped=fr.error or "没有可识别的双公示表格"))
    jobs = []
    for fr, pass_path, return_path in plan:
        res = SplitResult(fr.path, pass_path=pass_path, return_path=return_path)
        blocked = {sr.sheet: blocked_rows(sr, strict) for sr in fr.sheets if sr.kind}
        for sr in fr.sheets:
            if sr.kind:
                res.returned += len(blocked[sr.sheet])
                res.passed += len(record_rows(sr)) - len(blocked[sr.sheet])
        jobs.append((pass_path, partial(_pass_workbook, fr, blocked, res)))
        jobs.append((return_path, partial(_finished_return, fr, blocked, strict, show_sensitive, res)))
        results.append(res)
    write_workbooks(jobs, inputs)  # every pair or nothing: no 通过 file without its 退回 file
    return results


# ------------------------------------------------------------------------------------------ workbooks

def _keep_rows(ws, keep, first: int) -> None:
    """Keep rows before ``first`` and, from ``first`` on, the rows where keep(row) is true, moved up so
    that no blank row is left (cell values, styles, comments and row heights move with the row)."""
    mapping: dict[int, int] = {}
    target = first
    for r in range(first, ws.max_row + 1):
        if keep(r):
            mapping[r] = target
            target += 1
    cells = {}
    for (r, c), cell in ws._cells.items():
        if r < first:
            cells[(r, c)] = cell
            continue
        nr = mapping.get(r)
        if nr is None:
            continue
        cell.row = nr
        cells[(nr, c)] = cell
    ws._cells = cells
    heights = {r: ws.row_dimensions[r].height for r in mapping if r in ws.row_dimensions}
    for r in [r for r in list(ws.row_dimensions) if r >= first]:
        del ws.row_dimensions[r]
    for r, h in heights.items():
        if h is not None:
            ws.row_dimensions[mapping[r]].height = h


def _drop_sgs_columns(ws, header_row: int) -> None:
    """A returned file sent back corrected still has sgs's 错误原因/修改建议 columns: not uploaded."""
    for c in sorted((cell.column for cell in ws[header_row]
                     if cell.value in (REASON_HEADER, HINT_HEADER, SGS_ORIGIN_COLUMN)),
                    reverse=True):
        ws.delete_cols(c)


def _sheet_of(wb, sr: SheetReport):
    """The worksheet of a checked sheet in a copy of its workbook: under its own name, or under the name
    the receipt gave it when Excel refuses the original (xlsxsafe.safe_sheet_title); None for other sheets."""
    if not sr.kind:
        return None
    for title in (sr.sheet, safe_sheet_title(sr.sheet)):
        if title in wb.sheetnames:
            return wb[title]
    return None


def _finished(back, fr: FileReport):
    """The return file laid out for paper (render/paper.finish): its 汇总 and the copied data sheets."""
    finish(back, f"{RETURN_TITLE}：{Path(fr.path).name}", copied=[t for t in back.sheetnames if t != "汇总"])
    return back


def _finished_return(fr: FileReport, blocked: dict, strict: bool, show_sensitive: bool, res: SplitResult,
                     fresh: str | None = None):
    return _finished(_return_workbook(fr, blocked, strict, show_sensitive, res, fresh), fr)


def _pass_workbook(fr: FileReport, blocked: dict, res: SplitResult, fresh: str | None = None):
    """The input (cached values of formulas, its layout) with only the records that pass — through the one
    guarded copy (render/copying.py): rebuilt from the cells when openpyxl cannot load or save it."""
    wb, _, _ = load_copy(fr, False, fresh, data_only=True)
    for sr in fr.sheets:
        ws = _sheet_of(wb, sr)
        if ws is None or sr.header_row is None:
            continue
        records = set(record_rows(sr))
        bad = blocked[sr.sheet]
        kept = sorted(records - set(bad))
        _keep_rows(ws, lambda r, records=records, bad=bad: r in records and r not in bad, sr.header_row + 1)
        _drop_sgs_columns(ws, sr.header_row)
        if bad and _renumber(ws, sr, kept):
            res.renumbered = (f"“{PASS_PREFIX}”文件中“{sr.sheet}”表的序号已按通过的记录重新从1连续编号"
                              "（原序号见原文件）。")
    return wb


def _renumber(ws, sr: SheetReport, kept: list[int]) -> bool:
    """序号 of the kept records 1, 2, 3 … (the rows are already moved up); only a column whose cells are
    numbers. True when something changed."""
    from openpyxl.utils import column_index_from_string

    letter = sr.columns.get("XH") or next((c for c, _, name, status in sr.header_columns
                                            if status == "extra" and name == "序号"), None)
    if not letter:
        return False
    col = column_index_from_string(letter)
    first = (sr.header_row or 0) + 1
    changed = False
    for i in range(len(kept)):
        cell = ws.cell(first + i, col)
        value = cell.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if not (isinstance(value, str) and value.strip().isdigit()):
                continue
        if value != i + 1:
            changed = True
        cell.value = i + 1
    return changed


def _return_workbook(fr: FileReport, blocked: dict, strict: bool, show_sensitive: bool, res: SplitResult,
                     fresh: str | None = None):
    """The error receipt of the input, cut down to the records that go back, with a 汇总 that says so."""
    from sgs_cli.render import receipt

    sheets = []
    for sr in fr.sheets:
        if not sr.kind:
            sheets.append(sr)
            continue
        rows = sorted(blocked[sr.sheet])
        # sheet-level blocking findings are spelt out on every row they hold back
        findings = [replace(f, rows=rows) if _blocks(f, strict) and not f.rows and f.row in (None, sr.header_row)
                    else f for f in sr.findings]
        sheets.append(replace(sr, findings=findings))
    copy = FileReport(fr.path, sheets, fr.error)
    large = sum(s.rows for s in fr.sheets) > receipt.LARGE_ROWS
    # the rows the returned records will sit on (_keep_rows packs them under the header): the findings name
    # these cells, and a 原行号 column gives the row in the original (a large receipt has one already)
    renumber = {} if large else {sr.sheet: {r: (sr.header_row or 0) + 1 + i for i, r in enumerate(sorted(blocked[sr.sheet]))}
                                 for sr in fr.sheets if sr.kind}
    wb = receipt.build_receipt(copy, show_sensitive, fresh=fresh, renumber=renumber)
    for sr in fr.sheets:
        ws = _sheet_of(wb, sr)
        if ws is None:
            continue
        bad = blocked[sr.sheet]
        if large:  # the receipt already holds only flagged rows, first column 原行号
            _keep_rows(ws, lambda r, ws=ws, bad=bad: ws.cell(r, 1).value in bad, 2)
        else:
            _keep_rows(ws, lambda r, bad=bad: r in bad, (sr.header_row or 0) + 1)
    ws = wb["汇总"]
    set_text(ws["A1"], f"{RETURN_TITLE}：{Path(fr.path).name}")
    rule = "错误和警告" if strict else "错误"
    facts = res.facts = _fact_rows(fr)
    fact_text = (f"另有{facts}条记录存在迟报、逾期未报送等时效情况，属于已发生的事实，不需修改数据，不因此退回，"
                 "计入月报告“逾期明细”（可在“迟报说明”列写明原因）；") if facts else ""
    set_text(ws["A2"], f"以下{res.returned}条记录有需要修改的{rule}，退回修改（另有{res.passed}条已通过，见“{PASS_PREFIX}”文件）；"
                       f"{fact_text}出错单元格已标色并附批注，每行末尾“错误原因”“修改建议”两列说明问题和改法。"
                       "“错误原因”中的单元格指本文件中的位置，“原行号”列为原文件中的行号（说明文字中的“第N行”指原文件）。"
                       f"{res.renumbered}请逐条修改后重新报送；下面的统计针对原文件的全部记录。")
    return wb


def _fact_rows(fr: FileReport) -> int:
    """Records of a file with a fact (late report …), each counted once."""
    rows: set[tuple[str, int]] = set()
    for sr in fr.sheets:
        records = set(record_rows(sr))
        for f in sr.findings:
            if f.severity != INFO and is_fact(f.code):
                rows.update((sr.sheet, r) for r in (f.rows or [f.row]) if r in records)
    return len(rows)
