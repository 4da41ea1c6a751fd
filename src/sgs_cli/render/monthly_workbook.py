"""The monthly report workbook: 汇总, 分部门, 逾期明细, 其他明细, 问题明细 — styled, rates formatted as
percentages, dates as date cells (YYYY/MM/DD), frozen headers, widths that fit Chinese text, A4 landscape.

A report from data holds values; the blank template (no input) holds formulas for 决定总数, the 合计 row,
及时率 and the 汇总 figures, so a hand-filled template computes itself. The figures and their order come
from monthly.figures()."""

from __future__ import annotations

import calendar
import math
from pathlib import Path

import datetime as dt

from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from sgs_cli.standard.limits import REPORT_DAY
from sgs_cli.reports import decisions
from sgs_cli.render.unread import unread_summary
from sgs_cli.reports.inputs import UNREAD_STATUS
from sgs_cli.reports.monthly import MonthlyReport, build, figures
from sgs_cli.render.masking import mask_workbook
from sgs_cli.render.monthly_text import month_calendar_notes, month_notes
from sgs_cli.io.write import atomic_write_workbook, set_text
from sgs_cli.records.mapping import LATE_NOTE_HEADER
from sgs_cli.rules.timeliness import NOT_REQUIRED_LABEL
from sgs_cli.calendar.publication import IF_PUBLISHED

TITLE_FILL, HEAD_FILL, NOTE_FILL = "1F4E78", "D9E1F2", "FFF2CC"
PCT = "0.00%"

DATE_FMT = "yyyy-mm-dd"
BLANK_ROWS = 20  # department rows of a blank template without a roster


def _display_width(text: str) -> int:
    """Column-width units a text needs: a CJK character takes about two."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="A6A6A6")
    return {
        "title": Font(bold=True, size=16, color="FFFFFF"), "title_fill": PatternFill("solid", fgColor=TITLE_FILL),
        "head": Font(bold=True), "head_fill": PatternFill("solid", fgColor=HEAD_FILL),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="center"), "center": Alignment(horizontal="center", vertical="center"),
    }


def _page(ws, title_rows: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{title_rows}"
    ws.page_margins.left = ws.page_margins.right = 0.5


def _title(ws, st, text: str, width_cols: int, info: str) -> None:
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width_cols)
    c = ws.cell(1, 1)
    set_text(c, text)
    c.font, c.fill, c.alignment = st["title"], st["title_fill"], st["center"]
    ws.row_dimensions[1].height = 30
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width_cols)
    set_text(ws.cell(2, 1), info)
    ws.cell(2, 1).alignment = st["wrap"]
    ws.row_dimensions[2].height = 32


def _table(ws, st, row: int, headers: list[str], rows: list[list], widths: list[int], pct_cols=(), date_cols=(),
           formula_cols=()) -> int:
    ws.row_dimensions[row].height = 32
    for c, h in enumerate(headers, start=1):
        cell = ws.cell(row, c)
        set_text(cell, h)
        cell.font, cell.fill, cell.border, cell.alignment = st["head"], st["head_fill"], st["border"], st["wrap"]
    for r, values in enumerate(rows, start=row + 1):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(r, c)
            if isinstance(v, str) and not (v.startswith("=") and c in formula_cols):
                set_text(cell, v)
            else:
                cell.value = v
            cell.border = st["border"]
            cell.alignment = st["wrap"]
            if c in pct_cols:
                cell.number_format = PCT
            if c in date_cols:
                cell.number_format = DATE_FMT
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for r, values in enumerate(rows, start=row + 1):  # row heights for wrapped Chinese text
        lines = max((math.ceil(_display_width(v) / max(w, 1)) for v, w in zip(values, widths)
                     if isinstance(v, str) and not v.startswith("=")), default=1)
        ws.row_dimensions[r].height = 15 * max(lines, 1) + 2
    ws.freeze_panes = ws.cell(row + 1, 1)
    return row + len(rows) + 1


def _date(text: str):
    """A date cell for "YYYY-MM-DD"; other texts ("2027-01-05（暂定）", "需要2027年节假日安排") stay text."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def _rate(f, key: str, rep):
    """A rate cell: the figure, or the text when it is 待定 (a record needs a missing calendar year) or
    暂定 (counted with a provisional calendar year)."""
    from sgs_cli.render.rates import figure_rate_text

    text = figure_rate_text(f, key, rep.missing_years)
    return text if text is not None else f.value(key)


def _unit(rep, unnamed: str = "（未填写）") -> str:
    """The reporting unit as a title names it: several departments' ledgers without --unit are not a unit called
    "各部门汇总" (the report's title says 各部门, 填报单位 is left for the clerk to fill)."""
    from sgs_cli.reports.monthly import ALL_UNITS

    return unnamed if rep.unit in ("", ALL_UNITS) else rep.unit


def ordered_departments(rep) -> list[tuple[str, object]]:
    """分部门's order: the roster's order (the order the office lists its departments in), then the departments
    not in the roster by name; without a roster, by name."""
    place = {name: i for i, name in enumerate(rep.roster_names)}
    return sorted(rep.departments.items(), key=lambda kv: (place.get(kv[0], len(place)), kv[0]))


def _department_columns():
    """(heading, figure) of the 分部门 columns between 部门 and 零报送."""
    return [(f.column, f) for f in figures() if f.column]


def build_workbook(rep):
    from openpyxl import Workbook

    st = _styles()
    wb = Workbook()
    figs = figures()
    last_day = calendar.monthrange(rep.year, rep.month)[1]
    due_text = (rep.due_info.describe() if rep.due_info is not None
                else f"{rep.due:%Y年%m月%d日}" + ("（非工作日）" if rep.due_is_workday is False else ""))
    info = (f"填报单位：{_unit(rep)}    统计期间：{rep.year}年{rep.month}月1日至{rep.month}月{last_day}日    "
            f"统计日期：{rep.report_date:%Y年%m月%d日}    应报送日期：{due_text}")
    if rep.blank:
        info += "    （空白模板：请在“分部门”表逐部门填写数字，合计、决定总数、及时率和汇总表自动计算）"
    # 分部门 first (the blank template's 汇总 refers to its 合计 row)
    dws = wb.active
    dws.title = "分部门"
    cols = _department_columns()
    headers = ["部门"] + [h for h, _ in cols] + ["零报送", "未报送", "不在名单中", "未报送依据"]
    letter = {f.key: get_column_letter(i) for i, (_, f) in enumerate(cols, start=2)}
    _title(dws, st, f"{_unit(rep, '各部门')}“双公示”分部门情况（{rep.period}）", len(headers), info)
    pct_cols = tuple(i for i, (_, f) in enumerate(cols, start=2) if f.rate)
    drows = []
    if rep.blank:
        names = rep.roster_names or [""] * BLANK_ROWS
        first, total_row = 5, 5 + len(names)
        due = "+".join(f"{letter[s.key]}{{r}}" for s in decisions.STATUSES if s.due)
        for r, name in enumerate(names, start=first):
            row = [name]
            for _, f in cols:
                if f.key == "records":
                    row.append(f"={letter['licence']}{r}+{letter['penalty']}{r}+{letter['unclassified']}{r}")
                elif f.key == "timeliness":
                    den = due.format(r=r)
                    row.append(f'=IF(({den})=0,"",{letter[decisions.ON_TIME]}{r}/({den}))')
                else:
                    row.append(None)
            drows.append(row + [None, None, None, None])
        total = ["合计"]
        for _, f in cols:
            if f.key == "timeliness":
                den = due.format(r=total_row)
                total.append(f'=IF(({den})=0,"",{letter[decisions.ON_TIME]}{total_row}/({den}))')
            elif f.rate:
                total.append(None)  # needs counts the form does not carry: filled in by hand
            else:
                total.append(f"=SUM({letter[f.key]}{first}:{letter[f.key]}{total_row - 1})")
        drows.append(total + [None, None, None, None])
    else:
        for name, f in ordered_departments(rep):
            drows.append([name] + [_rate(f, fig.key, rep) for _, fig in cols]
                         + ["是" if name in rep.zero_units else UNREAD_STATUS if name in rep.unread_units else "",
                            "是" if name in rep.missing_units else "",
                            "是" if rep.roster and name in rep.not_in_roster else "", None])
        if rep.departments:
            t = rep.total
            drows.append(["合计"] + [_rate(t, fig.key, rep) for _, fig in cols]
                         + [len(rep.zero_units), len(rep.missing_units),
                            len(rep.not_in_roster) if rep.roster else "", None])
        total_row = 4 + len(drows)
    _table(dws, st, 4, headers, drows, [30] + [9] * len(cols) + [8, 8, 10, 24], pct_cols=pct_cols,
           formula_cols=range(2, len(headers) + 1) if rep.blank else ())
    _page(dws, 4)
    # 汇总
    ws = wb.create_sheet("汇总", 0)
    wb.active = 0
    _title(ws, st, f"{_unit(rep, '各部门')}“双公示”工作月报告（{rep.period}）", 3, info)
    rows = []
    for f in figs:
        if rep.blank:
            # rates the form cannot compute (they need the records) stay blank, to be filled by hand
            computed = f.key in letter and (not f.rate or f.key == "timeliness")
            v = f"=分部门!{letter[f.key]}{total_row}" if computed else None
        else:
            v = _rate(rep.total, f.key, rep)  # 待定（…） or …（暂定）: never a bare figure
        rows.append([f.label, v, f.formula])
    end = _table(ws, st, 4, ["项目", "数值", "计算口径"], rows, [26, 14, 72], formula_cols=(2,) if rep.blank else ())
    for r, f in enumerate(figs, start=5):
        if f.rate:
            ws.cell(r, 2).number_format = PCT
    row = end + 1
    lines = [("零报送单位", "、".join(rep.zero_units) if rep.zero_units else ("" if rep.blank else "无")),
             ("未报送单位", "、".join(rep.missing_units) if rep.missing_units else ("" if rep.blank else "无"))]
    if rep.roster:
        lines.append(("不在名单中的部门", "、".join(rep.not_in_roster) or "无"))
    if not rep.blank:  # the data chosen (versions and corrections are said under 说明)
        lines.append(("使用的文件", "、".join(rep.choice.name(p) if rep.choice is not None else Path(p).name
                                           for p in rep.files) or "无"))
    lines += [("说明", n) for n in month_notes(rep)]
    lines += [("未读取的文件" if i == 0 else "说明", n) for i, n in enumerate(unread_summary(rep.unread, rep.unread_units))]
    lines.append(("未报送依据", ""))
    lines += [("日历说明", n) for n in month_calendar_notes(rep)]
    for label, text in lines:
        set_text(ws.cell(row, 1), label)
        ws.cell(row, 1).font, ws.cell(row, 1).alignment = st["head"], st["wrap"]
        set_text(ws.cell(row, 2), text)
        ws.cell(row, 2).alignment = st["wrap"]
        if label == "日历说明":
            ws.cell(row, 2).fill = PatternFill("solid", fgColor=NOTE_FILL)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        ws.row_dimensions[row].height = 15 * max(1, math.ceil(_display_width(text) / 84)) + 2
        row += 1
    _page(ws, 4)
    ws.page_setup.fitToHeight = 1  # 汇总 is the page that is signed: one page
    # 逾期明细
    ws = wb.create_sheet("逾期明细")
    # 迟报说明: the department's reason, read from its ledger (a late report is a fact, not corrected away)
    headers = ["部门", "决定书文号", "项目/案件名称", "决定日期", "报送期限", "报送日期", "状态", LATE_NOTE_HEADER, "位置"]
    _title(ws, st, f"逾期报送及逾期未报送明细（{rep.period}）", len(headers), info)
    _table(ws, st, 4, headers, [[i["department"], i["wsh"], i["title"], _date(i["decision_date"]), _date(i["due"]),
                                 _date(i["reported"]), i["status"], i.get("late_note", ""), i["where"]]
                                for i in rep.late_items],
           [22, 26, 34, 12, 12, 12, 28, 30, 34], date_cols=(4, 5, 6))
    _page(ws, 4)
    if rep.undetermined_items:  # only when some record needs a missing calendar year
        ws = wb.create_sheet("待判定明细")
        headers = ["部门", "决定书文号", "项目/案件名称", "决定日期", "报送期限", "报送日期", "状态", "位置"]
        _title(ws, st, f"需要下一年节假日安排、暂无法判断是否按时的记录（{rep.period}）", len(headers), info)
        _table(ws, st, 4, headers, [[i["department"], i["wsh"], i["title"], _date(i["decision_date"]), i["due"],
                                     _date(i["reported"]), i["status"], i["where"]] for i in rep.undetermined_items],
               [22, 26, 34, 12, 24, 12, 24, 34], date_cols=(4, 6))
        _page(ws, 4)
    # 其他明细: duplicates, unclassified, 无法计算
    ws = wb.create_sheet("其他明细")
    headers = ["类别", "部门", "决定书文号", "项目/案件名称", "决定日期", "说明", "位置"]
    _title(ws, st, f"重复、未分类、无法计算及原则上不予公示的记录（{rep.period}）", len(headers), info)
    other = ([["重复记录（只计一次）", i["department"], i["wsh"], i["title"], _date(i["decision_date"]),
               f"与 {i['same_as']} 重复", i["where"]] for i in rep.duplicate_items]
             + [["未分类", i["department"], i["wsh"], i["title"], _date(i["decision_date"]),
                 "无法区分行政许可或行政处罚，请在台账中填写“决定类别”", i["where"]] for i in rep.unclassified_items]
             + [["无法计算", i["department"], i["wsh"], i["title"], _date(i["decision_date"]), i["reason"],
                 i["where"]] for i in rep.unknown_items]
             # the same publication decision as validate (PUBLICATION_NOT_REQUIRED): counted, listed apart
             + [[NOT_REQUIRED_LABEL, i["department"], i["wsh"], i["title"], _date(i["decision_date"]),
                 f"{i['reason']}，属于轻微失信，原则上不予公示（{IF_PUBLISHED}）", i["where"]]
                for i in rep.not_required_items])
    _table(ws, st, 4, headers, other, [20, 22, 26, 30, 12, 40, 34], date_cols=(5,))
    _page(ws, 4)
    # 问题明细
    ws = wb.create_sheet("问题明细")
    from sgs_cli.rules.codes import title as rule_title

    headers = ["文件", "工作表", "单元格", "部门", "决定书文号", "规则", "字段", "问题", "修改建议", "规则代码"]
    _title(ws, st, f"未通过校验的记录明细（{rep.period}）", len(headers) - 1, info)
    _table(ws, st, 4, headers, [[i.get("file", ""), i.get("sheet", ""), i.get("cell", ""), i.get("department", ""),
                                 i.get("wsh", ""), rule_title(i["code"]) or i["code"], i.get("field", ""), i["message"],
                                 i.get("hint", ""), i["code"]] for i in rep.problem_items],
           [22, 12, 8, 20, 24, 22, 20, 40, 36, 22])
    ws.column_dimensions["J"].hidden = True  # the rule code, for machines (as in JSON and CSV)
    _page(ws, 4)
    if rep.catalog is not None:  # catalogues among the inputs: 应归尽归
        catalog_sheet(wb, rep.catalog)
    return wb


def catalog_sheet(wb, rep):
    """The 应归尽归 sheets (render/catalog_match.py's rows) at the end of `wb`: the per-department counts
    (应归尽归) and the lists (应归尽归明细) of a catalog_match.CatalogReport."""
    from sgs_cli.render import catalog_match as cm

    st = _styles()
    for name, title, headers, rows, widths in (
            (cm.SHEET, f"应归尽归：决定与事项目录比对（{rep.period}）", cm.COUNT_HEADERS, cm.count_rows(rep),
             [20, 24, 8, 9, 9, 8, 9, 9, 8]),
            (cm.DETAIL_SHEET, f"应归尽归明细（{rep.period}）", cm.DETAIL_HEADERS, cm.detail_rows(rep),
             [16, 20, 8, 22, 30, 11, 40, 28])):
        ws = wb.create_sheet(name)
        info = cm.intro(rep)
        _title(ws, st, title, len(headers), info)
        ws.row_dimensions[2].height = 16 * (math.ceil(_display_width(info) / sum(widths)) + 1)
        _table(ws, st, 4, headers, rows, widths)
        _page(ws, 4)


def write_workbook(rep, out: Path, inputs=(), sheets=()) -> Path:
    """`sheets`: functions that add sheets of other reports to the workbook (平台对账), before it is finished."""
    from sgs_cli.render.paper import finish

    wb = build_workbook(rep)
    for add in sheets:
        add(wb)
    finish(wb, f"“双公示”工作月报告（{rep.period}）", _unit(rep, ""), notes=True)
    mask_workbook(wb)  # department names, 文号 and titles are labels here: an ID number in one is masked
    atomic_write_workbook(wb, Path(out), inputs=[Path(p) for p in inputs])
    return Path(out)


def write_blank(ym: tuple[int, int], out: Path, unit: str | None = None, report_day: int = REPORT_DAY,
                roster=None) -> MonthlyReport:
    """The month's blank report (no ledgers): the form a clerk fills by hand, with the roster's units."""
    rep = build(ym, [], unit=unit, report_day=report_day, roster=roster)
    write_workbook(rep, out, inputs=())
    return rep
