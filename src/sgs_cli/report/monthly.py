"""The monthly report workbook: 汇总, 分部门, 逾期明细, 问题明细 — styled, values (not formulas), rates
formatted as percentages, frozen headers, widths that fit Chinese text, A4 landscape."""

from __future__ import annotations

import calendar
import math
from pathlib import Path

from openpyxl.styles import PatternFill

from ..xlsxsafe import atomic_write_workbook, set_text

TITLE_FILL, HEAD_FILL, NOTE_FILL = "1F4E78", "D9E1F2", "FFF2CC"
PCT = "0.00%"

FIGURE_ROWS = [  # (label, Figures attribute, is_rate, formula shown to the reader)
    ("行政许可决定数", "licence", False, "决定日期在本月的行政许可记录"),
    ("行政处罚决定数", "penalty", False, "决定日期在本月的行政处罚记录"),
    ("未分类决定数", "unclassified", False, "台账未注明许可或处罚的记录"),
    ("决定总数", "records", False, "许可＋处罚＋未分类"),
    ("7个工作日内按时报送", "on_time", False, "报送日期 ≤ 决定之日起第7个工作日"),
    ("逾期报送", "late", False, "报送日期晚于期限"),
    ("未报送（未到期）", "pending", False, "尚未报送，期限未到（含月末决定、期限在下月的记录）"),
    ("未报送（已逾期）", "overdue", False, "尚未报送，期限已过"),
    ("需要节假日安排（暂无法判断）", "needs_calendar", False,
     "期限要用到尚未发布的下一年节假日安排，暂无法判断是否按时；计入决定总数，未计入及时率（及时率待定）"),
    ("及时率", "timeliness", True, "按时报送 ÷（按时报送＋逾期报送＋已逾期未报送）"),
    ("合规率", "compliance", True, "通过校验的记录数 ÷ 记录数"),
    ("完整率", "completeness", True, "已填写的必填项数 ÷ 必填项总数"),
    ("重复记录数", "duplicates", False, "文号与相对人相同的重复记录"),
]


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


def _table(ws, st, row: int, headers: list[str], rows: list[list], widths: list[int], pct_cols=()) -> int:
    ws.row_dimensions[row].height = 32
    for c, h in enumerate(headers, start=1):
        cell = ws.cell(row, c)
        set_text(cell, h)
        cell.font, cell.fill, cell.border, cell.alignment = st["head"], st["head_fill"], st["border"], st["wrap"]
    for r, values in enumerate(rows, start=row + 1):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(r, c)
            if isinstance(v, str):
                set_text(cell, v)
            else:
                cell.value = v
            cell.border = st["border"]
            cell.alignment = st["wrap"]
            if c in pct_cols:
                cell.number_format = PCT
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[chr(64 + i) if i <= 26 else "A" + chr(64 + i - 26)].width = w
    for r, values in enumerate(rows, start=row + 1):  # row heights for wrapped Chinese text
        lines = max((math.ceil(_display_width(v) / max(w, 1)) for v, w in zip(values, widths)
                     if isinstance(v, str)), default=1)
        ws.row_dimensions[r].height = 15 * max(lines, 1) + 2
    ws.freeze_panes = ws.cell(row + 1, 1)
    return row + len(rows) + 1


def build_workbook(rep):
    from openpyxl import Workbook

    st = _styles()
    wb = Workbook()
    last_day = calendar.monthrange(rep.year, rep.month)[1]
    due_text = (rep.due_info.describe() if rep.due_info is not None
                else f"{rep.due:%Y年%m月%d日}" + ("（非工作日）" if rep.due_is_workday is False else ""))
    info = (f"填报单位：{rep.unit}    统计期间：{rep.year}年{rep.month}月1日至{rep.month}月{last_day}日    "
            f"统计日期：{rep.report_date:%Y年%m月%d日}    应报送日期：{due_text}")
    if rep.blank:
        info += "    （空白模板：请按台账填写各项数字）"
    # 汇总
    ws = wb.active
    ws.title = "汇总"
    _title(ws, st, f"{rep.unit}“双公示”工作月报告（{rep.period}）", 3, info)
    rows = []
    for label, attr, _rate, formula in FIGURE_ROWS:
        v = None if rep.blank else getattr(rep.total, attr)
        rows.append([label, v, formula])
    end = _table(ws, st, 4, ["项目", "数值", "计算口径"], rows, [24, 14, 60], pct_cols=())
    for r, (_, attr, rate, _) in enumerate(FIGURE_ROWS, start=5):
        if rate:
            ws.cell(r, 2).number_format = PCT
        if attr == "timeliness" and not rep.blank and (rep.total.needs_calendar or rep.total.provisional):
            set_text(ws.cell(r, 2), rep.timeliness_text)  # 待定（…） or …（暂定）: never a bare figure
    row = end + 1
    set_text(ws.cell(row, 1), "零报送单位")
    ws.cell(row, 1).font = st["head"]
    set_text(ws.cell(row, 2), "、".join(rep.zero_units) if rep.zero_units else ("" if rep.blank else "无"))
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
    set_text(ws.cell(row + 1, 1), "未报送依据")
    ws.cell(row + 1, 1).font = st["head"]
    ws.merge_cells(start_row=row + 1, start_column=2, end_row=row + 1, end_column=3)
    for i, note in enumerate(getattr(rep, "calendar_notes", []), start=row + 2):
        set_text(ws.cell(i, 1), "日历说明")
        ws.cell(i, 1).font = st["head"]
        set_text(ws.cell(i, 2), note)
        ws.cell(i, 2).alignment = st["wrap"]
        ws.cell(i, 2).fill = PatternFill("solid", fgColor=NOTE_FILL)
        ws.merge_cells(start_row=i, start_column=2, end_row=i, end_column=3)
        ws.row_dimensions[i].height = 15 * math.ceil(_display_width(note) / 72) + 4
    _page(ws, 4)
    # 分部门
    ws = wb.create_sheet("分部门")
    headers = ["部门", "许可", "处罚", "未分类", "按时报送", "逾期报送", "未报送（未到期）", "未报送（已逾期）",
               "及时率", "合规率", "完整率", "重复", "零报送"]
    _title(ws, st, f"{rep.unit}“双公示”分部门情况（{rep.period}）", len(headers), info)
    drows = []
    for name, f in sorted(rep.departments.items()):
        drows.append([name, f.licence, f.penalty, f.unclassified, f.on_time, f.late, f.pending, f.overdue,
                      _rate_cell(f, rep), f.compliance, f.completeness, f.duplicates, "是" if name in rep.zero_units else ""])
    if not rep.blank and rep.departments:
        t = rep.total
        drows.append(["合计", t.licence, t.penalty, t.unclassified, t.on_time, t.late, t.pending, t.overdue,
                      _rate_cell(t, rep), t.compliance, t.completeness, t.duplicates, len(rep.zero_units)])
    _table(ws, st, 4, headers, drows, [30, 8, 8, 8, 10, 10, 12, 12, 10, 10, 10, 8, 8], pct_cols=(9, 10, 11))
    _page(ws, 4)
    # 逾期明细
    ws = wb.create_sheet("逾期明细")
    headers = ["部门", "决定书文号", "项目/案件名称", "决定日期", "报送期限", "报送日期", "状态", "位置"]
    _title(ws, st, f"逾期报送及逾期未报送明细（{rep.period}）", len(headers), info)
    _table(ws, st, 4, headers, [[i["department"], i["wsh"], i["title"], i["decision_date"], i["due"], i["reported"],
                                 i["status"], i["where"]] for i in rep.late_items],
           [22, 26, 34, 12, 12, 12, 28, 34])
    _page(ws, 4)
    if getattr(rep, "undetermined_items", None):  # only when some record needs a missing calendar year
        ws = wb.create_sheet("待判定明细")
        headers = ["部门", "决定书文号", "项目/案件名称", "决定日期", "报送期限", "报送日期", "状态", "位置"]
        _title(ws, st, f"需要下一年节假日安排、暂无法判断是否按时的记录（{rep.period}）", len(headers), info)
        _table(ws, st, 4, headers, [[i["department"], i["wsh"], i["title"], i["decision_date"], i["due"],
                                     i["reported"], i["status"], i["where"]] for i in rep.undetermined_items],
               [22, 26, 34, 12, 24, 12, 24, 34])
        _page(ws, 4)
    # 问题明细
    ws = wb.create_sheet("问题明细")
    headers = ["文件", "工作表", "单元格", "部门", "决定书文号", "规则", "字段", "问题", "修改建议"]
    _title(ws, st, f"未通过校验的记录明细（{rep.period}）", len(headers), info)
    _table(ws, st, 4, headers, [[i.get("file", ""), i.get("sheet", ""), i.get("cell", ""), i.get("department", ""),
                                 i.get("wsh", ""), i["code"], i.get("field", ""), i["message"], i.get("hint", "")]
                                for i in rep.problem_items],
           [22, 12, 8, 20, 24, 22, 20, 40, 36])
    _page(ws, 4)
    return wb


def _rate_cell(f, rep):
    """A department's 及时率 cell: the figure, or the text when it is 待定 / 暂定."""
    if f.needs_calendar or f.provisional:
        return f.timeliness_text(rep.missing_years)
    return f.timeliness


def write_workbook(rep, out: Path, inputs=()) -> Path:
    atomic_write_workbook(build_workbook(rep), Path(out), inputs=[Path(p) for p in inputs])
    return Path(out)
