"""The quarterly bulletin workbook (季通报): 汇总 (one row per roster department), 分月, 排名, 图表 (native
Excel bar charts: 及时率 by department, the months side by side), 名单 (the lists a bulletin names), 通报稿
(the draft text), 报送情况 (register and the annex files seen, with their validation result), 输入文件
(the files used and the versions superseded). Same styles as the monthly report."""

from __future__ import annotations

from pathlib import Path

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font

from sgs_cli.standard.limits import REPORT_DAY
from sgs_cli.render.masking import mask_workbook
from sgs_cli.io.write import atomic_write_workbook, set_text
from sgs_cli.render.monthly_workbook import PCT, _page, _rate, _styles, _table, _title
from sgs_cli.render.rates import pct, timeliness_text
from sgs_cli.reports.inputs import UNREAD_STATUS
from sgs_cli.render.quarterly_text import (bulletin_text, catalog_check_text, catalog_text, lead_text, liaison_text,
                                           month_report_text, months_text, named_lists, period_json, period_notes, plan_text,
                                           reports_text, span_text, summary_lines, unranked_reason)
from sgs_cli.reports.quarterly import DEFAULT_THRESHOLD, prepare_and_collect, quarter_months

#: the rate columns of 汇总 and 分月 (_rates): 一次通过率 and 重报次数 beside 合规率 (after corrections)
RATE_HEADERS = ("及时率", "许可及时率", "处罚及时率", "合规率", "一次通过率", "重报次数", "完整率")
#: their offsets that are percentages (重报次数 is a count)
RATE_PCT = (0, 1, 2, 3, 4, 6)
SUMMARY_HEADERS = ["排名", "部门", "工作方案", "推进计划", "联络员名单", "第1位信息完整", "事项目录", "目录校验",
                   "目录最近更新", "许可", "处罚", "未分类", "决定总数", *RATE_HEADERS, "零报送/未报送月份", "月报告按时"]


def month_headers() -> list[str]:
    """分月: the counts, every status (they add up to 决定总数), the rates, 零报送/未报送, the 月报告 and the month
    recomputed at the bulletin's statistics date when it differs."""
    from sgs_cli.reports.decisions import STATUSES

    return (["部门", "期间", "许可", "处罚", "未分类", "决定总数"] + [s.label for s in STATUSES]
            + list(RATE_HEADERS) + ["零报送/未报送", "月报告", "按本期统计日重算"])


def info_line(rep) -> str:
    return (f"填报单位：{rep.unit or '（未填写，可用 --unit 指定）'}    统计期间：{span_text(rep)}    统计日期：{rep.today:%Y年%m月%d日}    "
            f"单位名单：{Path(rep.roster).name if rep.roster else '未提供'}    "
            f"报送登记表：{Path(rep.register.path).name if rep.register is not None else '未提供'}")


def _months_text(ms) -> str:
    return "、".join(f"{m}月" for m in ms) or "无"


def _rates(f, rep):
    """The values of RATE_HEADERS."""
    return [_rate(f, k, rep) for k in ("timeliness", "licence_timeliness", "penalty_timeliness", "compliance",
                                        "first_pass_rate")] + [f.resubmissions, _rate(f, "completeness", rep)]


def _zero_text(d) -> str:
    """The 零报送月份 cell: the months, or 文件无法读取 when the department's file could not be read."""
    if d.unread:
        return UNREAD_STATUS
    return months_text(d)


def unread_below(ws, st, row: int, rep) -> None:
    """Under the 汇总 table: every file the report did not read, with its reason and department."""
    from sgs_cli.render.unread import unread_summary

    for text in unread_summary(rep.unread, rep.unread_units()):
        set_text(ws.cell(row, 2), text).alignment = st["wrap"]
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=12)
        ws.row_dimensions[row].height = 15 * max(1, len(text) // 90 + 1)
        row += 1


def summary_rows(rep) -> list[list]:
    rows = []
    for d in rep.departments.values():
        t = d.total
        name = d.name + ("（不在名单中）" if not d.in_roster else "")
        rows.append([d.rank if d.rank is not None else "—", name, plan_text(d, "plan"), plan_text(d, "progress"),
                     liaison_text(d), lead_text(d), catalog_text(d), catalog_check_text(d),
                     d.catalog_latest, t.licence, t.penalty, t.unclassified, t.records, *_rates(t, rep),
                     _zero_text(d), reports_text(d)])
    t = rep.total
    rows.append(["", "合计", "", "", "", "", "", "", None, t.licence, t.penalty, t.unclassified, t.records,
                 *_rates(t, rep), "", ""])
    return rows


#: months drawn side by side in one chart up to this many; more (the year's 12) become one small chart per department
MAX_SERIES = 3
#: small multiples up to this many departments; beyond, the month columns of the table are the figure
MAX_MULTIPLES = 12


def chart_rows(rep) -> list[list]:
    """The rows the charts read: [label, 及时率, 已确定, 待定范围, month rates…] per roster department. A 及时率 that
    is 待定 (records needing next year's holidays — every January) is drawn as its range: the part already certain
    and, stacked on it, the part still open, and the label says 待定; a department without a rate is named with the
    reason, never left as an unlabelled blank slot."""
    from sgs_cli.reports.decisions import LATE, NEEDS_CALENDAR, ON_TIME, OVERDUE, timeliness_bounds

    rows = []
    for d in rep.departments.values():
        if not d.in_roster:
            continue
        t = d.total
        rate, lo, span, label = t.timeliness, None, None, d.name
        bounds = timeliness_bounds(t.count(ON_TIME), t.count(LATE), t.count(OVERDUE),
                                   t.count(NEEDS_CALENDAR)) if t.needs_calendar else None
        if bounds is not None:  # 待定 records: never None then (they count as due)
            lo, hi = bounds
            span = hi - lo
            label = f"{d.name}（待定 {lo:.0%}–{hi:.0%}）"
        elif rate is None:  # the reason it is not ranked, in short (未报送, 零报送, 无法判定及时性 …)
            label = f"{d.name}（{unranked_reason(d).split('（')[0]}）"
        else:
            lo = rate
        rows.append([label, rate, lo, span] + [d.months[m].timeliness for m in rep.months])
    return rows


def _bar(title: str, number_format: str = "0%"):
    bar = BarChart()
    bar.type = "col"
    bar.title = title
    bar.y_axis.number_format = number_format
    bar.y_axis.scaling.min = 0
    bar.y_axis.scaling.max = 1
    bar.y_axis.delete = False
    bar.x_axis.delete = False
    return bar


def _labels(series, fmt: str = "0.0%"):
    series.dLbls = DataLabelList()
    series.dLbls.showVal = True
    series.dLbls.showSerName = series.dLbls.showCatName = series.dLbls.showLegendKey = False
    series.dLbls.numFmt = fmt
def notes_below(ws, st, end: int, notes: list[str], width: int) -> None:
    """The data used (versions, corrections, months recomputed …) under a 汇总 table, one merged row a note."""
    import math

    from sgs_cli.render.monthly_workbook import _display_width

    for r, note in enumerate(notes, start=end + 1):
        c = set_text(ws.cell(r, 1), "说明")
        c.font = st["head"]
        set_text(ws.cell(r, 2), note).alignment = st["wrap"]
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=width)
        ws.row_dimensions[r].height = 15 * max(1, math.ceil(_display_width(note) / 150)) + 2


def chart_sheet(wb, st, rep, title: str, value_label: str = "及时率"):
    """图表: the data table (部门, the period's 及时率 and its drawing, each month's) and native bar charts reading
    it: the period's rate per department (待定 ranges stacked in a light colour, every bar labelled), and the months
    side by side for a quarter, or one small chart per department for a year."""
    from openpyxl.chart.shapes import GraphicalProperties

    ws = wb.create_sheet("图表")
    ms = rep.months
    headers = ["部门", f"{rep.label}{value_label}", "图示：已确定", "图示：待定范围"] + [f"{m}月" for m in ms]
    _title(ws, st, title, len(headers), info_line(rep))
    rows = chart_rows(rep)
    _table(ws, st, 4, headers, rows, [30, 14, 10, 10] + [8] * len(ms),
           pct_cols=tuple(range(2, 5 + len(ms))))
    ws.freeze_panes = None
    first, last = 5, 4 + len(rows)
    if not rows:
        return ws
    # the charts go under the table (beside it they would make the sheet two pages wide): the main chart, then
    # the months; rows of 15 pt, a 9-cm chart takes about 18
    below = last + 4  # under the table and the line naming the departments without a chart
    open_part = any(r[3] for r in rows)
    bar = _bar(f"各部门{value_label}（{rep.label}）" + ("（浅色部分为待定范围）" if open_part else ""))
    bar.grouping = "stacked"
    bar.overlap = 100
    bar.y_axis.title = value_label
    bar.add_data(Reference(ws, min_col=3, max_col=4, min_row=4, max_row=last), titles_from_data=True)
    bar.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    _labels(bar.series[0])
    bar.series[0].graphicalProperties = GraphicalProperties(solidFill="2F5597")
    bar.series[1].graphicalProperties = GraphicalProperties(solidFill="BDD7EE")
    bar.legend = None
    bar.height, bar.width = 9, 18
    ws.add_chart(bar, f"A{below}")
    if 1 < len(ms) <= MAX_SERIES:
        months = _bar(f"各部门分月{value_label}")
        months.grouping = "clustered"
        months.add_data(Reference(ws, min_col=5, max_col=4 + len(ms), min_row=4, max_row=last), titles_from_data=True)
        months.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        for series in months.series:
            _labels(series, "0%")
        months.height, months.width = 8, 18
        ws.add_chart(months, f"A{below + 20}")
    elif len(ms) > MAX_SERIES and len(rows) <= MAX_MULTIPLES:
        # small multiples: one chart per department, the months along the axis, same scale for all; a department
        # with no month's rate to draw is named under the table with the reason instead of an empty chart
        drawn = [r for r in range(first, last + 1)
                 if any(ws.cell(r, c).value is not None for c in range(5, 5 + len(ms)))]
        undrawn = [ws.cell(r, 1).value for r in range(first, last + 1) if r not in drawn]
        if undrawn:
            set_text(ws.cell(last + 2, 1), "没有分月及时率可画的部门：" + "、".join(undrawn))
        for i, r in enumerate(drawn):
            small = _bar(f"{ws.cell(r, 1).value}：分月{value_label}")
            small.add_data(Reference(ws, min_col=5, max_col=4 + len(ms), min_row=r), from_rows=True,
                           titles_from_data=False)
            small.set_categories(Reference(ws, min_col=5, max_col=4 + len(ms), min_row=4))
            _labels(small.series[0], "0%")
            small.legend = None
            small.height, small.width = 6, 12
            col = "A" if i % 2 == 0 else "E"  # A–D are about 64 units wide, more than a 12-cm chart
            ws.add_chart(small, f"{col}{below + 20 + (i // 2) * 13}")
    _page(ws, 4)
    return ws


def text_sheet(wb, st, name: str, paragraphs: list[str], width: int = 72):
    """A sheet of paragraphs (the draft text): one wrapped, merged row per paragraph, A4 portrait."""
    import math

    from sgs_cli.render.monthly_workbook import _display_width

    ws = wb.create_sheet(name)
    ws.column_dimensions["A"].width = width
    for r, text in enumerate(paragraphs, start=1):
        c = set_text(ws.cell(r, 1), text)
        c.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if r == 1 else "left")
        if r == 1:
            c.font = Font(bold=True, size=14)
        ws.row_dimensions[r].height = 18 * max(1, math.ceil(_display_width(text) / (width - 2))) + 4
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_margins.left = ws.page_margins.right = 0.6
    return ws


def lists_sheet(wb, st, rep, lists, title: str):
    ws = wb.create_sheet("名单")
    _title(ws, st, title, 3, info_line(rep))
    rows = []
    for _, heading, entries in lists:
        if not entries:
            rows.append([heading, "", "无"])
        for i, e in enumerate(entries, start=1):
            rows.append([heading if i == 1 else "", i, e])
    _table(ws, st, 4, ["名单", "序号", "部门"], rows, [34, 6, 70])
    _page(ws, 4)
    return ws


def submissions_sheet(wb, st, rep):
    ws = wb.create_sheet("报送情况")
    headers = ["部门", "登记表行", "工作方案报送", "推进计划报送", "联络员名单（登记）", "联络员名单（文件）", "名单校验",
               "第1位信息完整", "事项目录（登记）", "目录更新", "事项目录（文件）", "目录校验"]
    _title(ws, st, f"各部门材料报送情况（{rep.label}）", len(headers), info_line(rep))
    rows = []
    for d in rep.departments.values():
        if not d.in_roster:
            continue
        la, ca = d.liaison, d.catalog
        rows.append([d.name, d.register_row or "未登记", d.plan, d.progress, d.liaison_registered,
                     la.where if la else "无", la.result_text() if la else "—", lead_text(d),
                     d.catalog_registered, d.catalog_updated, ca.where if ca else "无", ca.result_text() if ca else "—"])
    _table(ws, st, 4, headers, rows, [24, 9, 12, 12, 12, 30, 30, 16, 12, 12, 30, 30], date_cols=(3, 4, 5, 9, 10))
    _page(ws, 4)
    return ws


def files_sheet(wb, st, rep):
    ws = wb.create_sheet("输入文件")
    _title(ws, st, f"使用的文件和说明（{rep.label}）", 3, info_line(rep))
    owners = {f: d.name for d in rep.departments.values() for f in d.files}
    rows = [["使用", Path(p).name, owners.get(Path(p).name, "")] for p in rep.files]
    for v in rep.versions:
        rows += [["未使用（旧版本）", Path(s.path).name, f"{v.department}：已有更新的版本 {Path(v.used.path).name}"]
                 for s in v.superseded]
    for c in (rep.choice.corrections if rep.choice is not None else ()):
        rows.append(["更正（替代原记录）" if c.used else "未使用（更正已含在新版本中）", Path(c.path).name, c.text()])
    rows += [["说明", "", n] for n in period_notes(rep)]
    reg = rep.register
    if reg is not None:  # the register's own findings (validated as kind register)
        label = {"error": "错误", "warning": "警告"}
        found = [f for f in reg.findings if f.severity in label]
        rows += [["报送登记表校验", Path(reg.path).name, f"{reg.errors} 个错误，{reg.warnings} 个警告"]]
        from sgs_cli.rules.codes import title as rule_title

        rows += [["报送登记表校验", f"{f.cell or f'第{f.row}行'} {rule_title(f.code) or f.code}（{label[f.severity]}）",
                  f.message + (f"；{f.hint}" if f.hint else "")] for f in found]
    _table(ws, st, 4, ["类别", "文件", "部门 / 说明"], rows, [18, 40, 90])
    _page(ws, 4)
    return ws


def build_workbook(rep):
    from openpyxl import Workbook

    st = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    info = info_line(rep)
    _title(ws, st, f"{rep.unit}“双公示”工作季度通报（{rep.label}）", len(SUMMARY_HEADERS), info)
    end = _table(ws, st, 4, SUMMARY_HEADERS, summary_rows(rep),
                 [6, 24, 13, 13, 20, 12, 18, 18, 12, 6, 6, 6, 8] + [9] * len(RATE_HEADERS) + [12, 9],
                 pct_cols=tuple(14 + i for i in RATE_PCT), date_cols=(9,))
    notes = period_notes(rep)
    notes_below(ws, st, end, notes, len(SUMMARY_HEADERS))
    unread_below(ws, st, end + 1 + len(notes), rep)
    ws.freeze_panes = ws.cell(5, 3)
    _page(ws, 4)
    # 分月
    ws = wb.create_sheet("分月")
    from sgs_cli.reports.decisions import STATUSES

    heads = month_headers()
    _title(ws, st, f"各部门分月情况（{rep.label}）", len(heads), info)
    rows = []
    for d in list(rep.departments.values()) + [None]:
        for m in rep.months + [None]:
            again = rep.recomputed.get(m)
            if d is None:
                f = rep.monthly[m].total if m else rep.total
                name, zero, report = "合计", "", ""
                now = again[0].total if again else None
            else:
                f = d.months[m] if m else d.total
                name = d.name
                zero = ((UNREAD_STATUS if d.unread else "零报送" if m in d.zero_months else "未报送")
                        if m in d.zero_months or m in d.missing_months else "") if m else _zero_text(d)
                report = (month_report_text(d.reports[m]) if m in d.reports else "—") if m else reports_text(d)
                now = again[0].departments.get(d.name) if again else None
            redo = "" if now is None or now.to_dict() == f.to_dict() else (
                f"决定 {now.records}，及时率 {timeliness_text(now, rep.missing_years)}，合规率 {pct(now.compliance)}")
            rows.append([name, f"{m}月" if m else "本季度", f.licence, f.penalty, f.unclassified, f.records,
                         *[f.count(s.key) for s in STATUSES], *_rates(f, rep), zero, report, redo])
    first_rate = 7 + len(STATUSES)
    _table(ws, st, 4, heads, rows, [24, 8, 6, 6, 6, 8] + [7] * len(STATUSES) + [9] * len(RATE_HEADERS) + [10, 18, 30],
           pct_cols=tuple(first_rate + i for i in RATE_PCT))
    _page(ws, 4)
    # 排名
    ws = wb.create_sheet("排名")
    headers = ["名次", "部门", "及时率", "合规率", "完整率", "决定总数", "按时", "逾期", "已逾期未报送"]
    _title(ws, st, f"各部门“双公示”信息报送排名（{rep.label}）", len(headers), info)
    rows = [[d.rank, d.name, d.total.timeliness, d.total.compliance, d.total.completeness, d.total.records,
             d.total.count("on_time"), d.total.count("late"), d.total.count("overdue")] for d in rep.ranked()]
    rows += [["—", f"{d.name}（{unranked_reason(d)}，不排名）", None, None, None, d.total.records,
              d.total.count("on_time"), d.total.count("late"), d.total.count("overdue")] for d in rep.unranked()]
    _table(ws, st, 4, headers, rows, [6, 34, 9, 9, 9, 9, 6, 6, 12], pct_cols=(3, 4, 5))
    _page(ws, 4)
    chart_sheet(wb, st, rep, f"各部门及时率（{rep.label}）")
    lists_sheet(wb, st, rep, named_lists(rep), f"通报点名的部门（{rep.label}）")
    text_sheet(wb, st, "通报稿", bulletin_text(rep))
    submissions_sheet(wb, st, rep)
    files_sheet(wb, st, rep)
    for name in ("汇总", "分月", "排名"):
        for row in wb[name].iter_rows(min_row=5):
            for c in row:
                if c.number_format == PCT and isinstance(c.value, str):
                    c.alignment = Alignment(wrap_text=True, vertical="center")
    return wb


def write_workbook(rep, out: Path, inputs=()) -> Path:
    from sgs_cli.render.paper import finish

    wb = build_workbook(rep)
    finish(wb, f"“双公示”工作季度通报（{rep.label}）", rep.unit, notes=True)
    mask_workbook(wb)  # department names, 文号 and titles are labels here: an ID number in one is masked
    atomic_write_workbook(wb, Path(out), inputs=[Path(p) for p in inputs])
    return Path(out)


def run_quarterly(year: int, q: int, paths, *, roster=None, register=None, out=None, force=False, text=False,
                  fmt="table", today=None, threshold=DEFAULT_THRESHOLD, unit=None, report_day=REPORT_DAY, holidays=None,
                  provisional=False) -> int:
    """`sgs quarterly-report`: read the roster and the register, build, write, print; the exit code."""
    from sgs_cli.io.write import refuse_existing
    from sgs_cli.render.gongwen import draft_path, write_draft

    target = Path(out) if out else Path(f"双公示季度通报_{year}Q{q}.xlsx")
    draft = draft_path(target, "通报稿")
    refuse_existing([draft], force, [p for p in (roster, register) if p], suffixes=(".docx",))
    rep = prepare_and_collect(year, quarter_months(q), f"{year}年第{q}季度", paths, target, roster=roster,
                              register=register, force=force, today=today, threshold=threshold, unit=unit,
                              report_day=report_day, holidays=holidays, provisional=provisional, as_reported=True)
    write_workbook(rep, target, inputs=[p for p in (roster, register) if p])
    write_draft(bulletin_text(rep), draft, signer=rep.unit, attachments=[target.stem], inputs=[p for p in (roster, register) if p])
    return print_result(rep, target, fmt, bulletin_text(rep) if text else None, draft=draft)



def print_result(rep, target, fmt: str, text: list[str] | None, extra: dict | None = None,
                 lines: list[str] | None = None, draft: Path | None = None) -> int:
    import json

    from sgs_cli.render.console import make_console, plain, write_json

    if fmt == "json":
        from sgs_cli.render.masking import mask_tree

        doc = {**period_json(rep), **(extra or {}), "output": str(target)}
        if draft is not None:
            doc["draft"] = str(draft)
        if text is not None:
            doc["text"] = text
        write_json(json.dumps(mask_tree(doc), ensure_ascii=False, indent=1) + "\n")
        return 0
    con = make_console()
    for line in (lines if lines is not None else summary_lines(rep)):
        plain(con, line)
    if text is not None:
        plain(con, "")
        for p in text:
            plain(con, p)
        plain(con, "")
    plain(con, f"已写入：{target}")
    if draft is not None:
        plain(con, f"公文草稿：{draft}")
    return 0
