"""The annual assessment workbook (年考核): 汇总 (score per department and item, rank, the year's figures),
扣分明细 (every deduction with its reason and source), 分科室, 得分图 and 图表 (native bar charts), 评分标准
(the scheme applied), 考核报告稿 (draft text), 报送情况, 输入文件."""

from __future__ import annotations

from pathlib import Path

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import get_column_letter

from sgs_cli.standard.limits import REPORT_DAY
from sgs_cli.render.masking import mask_workbook
from sgs_cli.io.write import atomic_write_workbook
from sgs_cli.render.monthly_workbook import _page, _rate, _styles, _table, _title
from sgs_cli.render.quarterly import (chart_sheet, files_sheet, info_line, notes_below, submissions_sheet, text_sheet,
                                      unread_below)
from sgs_cli.render.quarterly_text import period_notes
from sgs_cli.render.rates import pct, timeliness_text
from sgs_cli.reports.assessment import RECTIFY_BELOW, SECTION_ITEMS, Assessment, assess, load_scheme
from sgs_cli.render.unread import unread_summary


def scheme_source(sch) -> str:
    """Where the scheme comes from, in the office's words: the default one, or the name of the office's own file
    (never an install path)."""
    from sgs_cli.reports.assessment import DEFAULT_SCHEME

    try:
        default = Path(sch.path).resolve() == Path(DEFAULT_SCHEME).resolve()
    except (OSError, TypeError):
        default = False
    return "默认评分标准" if default else f"本单位评分标准文件“{Path(sch.path).name}”"


def _score_chart(wb, st, a):
    ws = wb.create_sheet("得分图")
    p = a.period
    _title(ws, st, f"各部门考核得分（{p.year}年度）", 8, info_line(p))
    rows = [[s.name, s.total, s.rank] for s in a.ranked()]
    _table(ws, st, 4, ["部门", "得分", "名次"], rows, [26, 10, 8])
    ws.freeze_panes = None
    if rows:
        bar = BarChart()
        bar.type = "bar"
        bar.title = f"各部门考核得分（满分 {a.scheme.full_score:g}）"
        bar.x_axis.delete = False
        bar.y_axis.delete = False
        bar.y_axis.scaling.min = 0
        bar.y_axis.scaling.max = a.scheme.full_score
        bar.x_axis.scaling.orientation = "maxMin"  # first ranked on top
        bar.add_data(Reference(ws, min_col=2, min_row=4, max_row=4 + len(rows)), titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=5, max_row=4 + len(rows)))
        bar.dataLabels = DataLabelList()
        bar.dataLabels.showVal = True
        bar.dataLabels.showSerName = bar.dataLabels.showCatName = bar.dataLabels.showLegendKey = False
        bar.legend = None
        bar.height, bar.width = 7, 16
        ws.add_chart(bar, "E4")
    _page(ws, 4)


def build_workbook(a):
    from openpyxl import Workbook

    st = _styles()
    p, sch = a.period, a.scheme
    info = info_line(p) + f"    评分标准：{sch.title}（{scheme_source(sch)}）"
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    items = sch.items
    headers = ["名次", "部门"] + [f"{i.name}（{i.max:g}）" for i in items] + [f"总分（{sch.full_score:g}）", "决定总数",
                                                                          "及时率", "合规率", "一次通过率", "重报次数", "完整率",
                                                                          "扣分条数", "未评分项目"]
    _title(ws, st, f"{p.unit}“双公示”工作年度考核（{p.year}年度）", len(headers), info)
    rows = []
    for s in a.ranked():
        f = s.figures
        rows.append([s.rank, s.name] + [round(i.max - s.deducted.get(i.key, 0.0), 2) for i in items]
                    + [s.total, f.records, _rate(f, "timeliness", p), _rate(f, "compliance", p),
                       _rate(f, "first_pass_rate", p), f.resubmissions,
                       _rate(f, "completeness", p), len(s.deductions), "、".join(s.not_scored) or ""])
    n = len(items)
    end = _table(ws, st, 4, headers, rows, [6, 24] + [9] * n + [9, 8, 9, 9, 9, 8, 9, 8, 14],
                 pct_cols=(n + 5, n + 6, n + 7, n + 9))
    notes = period_notes(p)
    notes_below(ws, st, end, notes, len(headers))
    unread_below(ws, st, end + 1 + len(notes), p)
    ws.freeze_panes = ws.cell(5, 3)
    _page(ws, 4)
    # 扣分明细
    ws = wb.create_sheet("扣分明细")
    headers = ["序号", "部门", "科室", "考核项目", "扣分", "扣分原因", "来源（文件、单元格）"]
    _title(ws, st, f"扣分明细（{p.year}年度）", len(headers), info)
    rows = [[i, d.department, d.section, d.item_name, d.points, d.reason, d.source]
            for i, d in enumerate(a.deductions, start=1)]
    total = sum(d.points for d in a.deductions)
    rows.append(["", "合计", "", "", round(total, 2), "", ""])
    _table(ws, st, 4, headers, rows, [6, 22, 14, 14, 7, 60, 44])
    _page(ws, 4)
    # 分科室
    ws = wb.create_sheet("分科室")
    keys = [k for k in SECTION_ITEMS if sch.item(k)]
    headers = ["部门", "科室", "科室内名次", "决定总数", "及时率", "合规率", "完整率"] + \
        [f"{sch.item(k).name}（{sch.item(k).max:g}）" for k in keys] + [f"得分（{sch.section_max:g}）"]
    _title(ws, st, f"各科室“双公示”考核（{p.year}年度，按台账“承办科室”）", len(headers), info)
    rows = [[s.department, s.name, s.rank, s.figures.records, _rate(s.figures, "timeliness", p),
             _rate(s.figures, "compliance", p), _rate(s.figures, "completeness", p)]
            + [round(sch.item(k).max - s.deducted.get(k, 0.0), 2) for k in keys] + [s.total] for s in a.sections]
    if not rows:
        rows = [["（台账没有“承办科室”列，未分科室计算）"] + [""] * (len(headers) - 1)]
    _table(ws, st, 4, headers, rows, [24, 18, 8, 8, 9, 9, 9] + [10] * len(keys) + [10], pct_cols=(5, 6, 7))
    _page(ws, 4)
    _score_chart(wb, st, a)
    chart_sheet(wb, st, p, f"各部门及时率（{p.year}年度）")
    # 评分标准
    from sgs_cli.reports.assessment import ITEMS

    ws = wb.create_sheet("评分标准")
    headers = ["考核项目", "满分", "考核内容", "扣分标准"]
    _title(ws, st, f"{sch.title}（满分 {sch.full_score:g} 分）", len(headers), f"评分标准：{scheme_source(sch)}")
    rows = [[i.name, i.max, ITEMS[i.key][0],
             "；".join(f"{ITEMS[i.key][1][k]}扣 {v:g} 分" for k, v in i.points.items()) + f"；扣完 {i.max:g} 分为止"]
            for i in items]
    _table(ws, st, 4, headers, rows, [18, 8, 36, 70])
    _page(ws, 4)
    text_sheet(wb, st, "考核报告稿", report_text(a))
    submissions_sheet(wb, st, p)
    files_sheet(wb, st, p)
    for name in ("汇总",):
        wb[name].column_dimensions[get_column_letter(2)].width = 24
    return wb


def write_workbook(a, out: Path, inputs=()) -> Path:
    from sgs_cli.render.paper import finish

    wb = build_workbook(a)
    finish(wb, f"“双公示”工作年度考核（{a.period.year}年度）", a.period.unit, notes=True)
    mask_workbook(wb)  # department names, 文号 and titles are labels here: an ID number in one is masked
    atomic_write_workbook(wb, Path(out), inputs=[Path(p) for p in inputs])
    return Path(out)


def run_assessment(year: int, paths, *, roster=None, register=None, scheme=None, out=None, force=False,
                   text=False, fmt="table", today=None, unit=None, report_day=REPORT_DAY, holidays=None,
                   provisional=False) -> int:
    from sgs_cli.render.quarterly import print_result
    from sgs_cli.reports.quarterly import prepare_and_collect

    sch = load_scheme(scheme)  # a bad scheme stops before any input is read
    from sgs_cli.io.write import refuse_existing
    from sgs_cli.render.gongwen import draft_path, write_draft

    target = Path(out) if out else Path(f"双公示年度考核_{year}.xlsx")
    draft = draft_path(target, "考核结果通报稿")
    inputs = [p for p in (roster, register, scheme) if p]
    refuse_existing([draft], force, inputs, suffixes=(".docx",))
    rep = prepare_and_collect(year, list(range(1, 13)), f"{year}年度", paths, target, roster=roster,
                              register=register, force=force, today=today, unit=unit, report_day=report_day,
                              holidays=holidays, provisional=provisional)
    a = assess(rep, sch)
    write_workbook(a, target, inputs=inputs)
    write_draft(report_text(a), draft, signer=rep.unit, attachments=[target.stem], inputs=inputs)
    doc = assessment_json(a)
    if fmt == "json":
        import json

        from sgs_cli.render.masking import mask_tree
        from sgs_cli.render.console import write_json

        doc["output"], doc["draft"] = str(target), str(draft)
        if text:
            doc["text"] = report_text(a)
        write_json(json.dumps(mask_tree(doc), ensure_ascii=False, indent=1) + "\n")
        return 0
    return print_result(rep, target, fmt, report_text(a) if text else None, lines=summary_lines(a), draft=draft)


def report_text(a: Assessment) -> list[str]:
    """The draft assessment report (paragraphs) for the government."""
    p, sch = a.period, a.scheme
    t = p.total
    ranked = a.ranked()
    yrs = p.missing_years
    avg = sum(s.total for s in ranked) / len(ranked) if ranked else None
    worst_items: dict[str, float] = {}
    for d in a.deductions:
        worst_items[d.item_name] = worst_items.get(d.item_name, 0) + d.points
    items_text = "、".join(f"{k} {v:g} 分" for k, v in sorted(worst_items.items(), key=lambda kv: -kv[1])) or "无"
    out = [
        f"关于{p.year}年度“双公示”工作考核情况的报告（草稿）",
        f"按照郑发改财贸〔2019〕773号“月报告、季通报、年考核”的要求，依据《{sch.title}》（满分 {sch.full_score:g} 分），"
        f"对 {len(ranked)} 个部门{p.year}年“双公示”工作进行了考核（统计日期 {p.today:%Y年%m月%d日}）。",
        f"一、总体情况。全年共作出行政许可决定 {t.licence} 件、行政处罚决定 {t.penalty} 件，合计 {t.records} 件；"
        f"按时报送 {t.count('on_time')} 件，逾期报送 {t.count('late')} 件，逾期未报送 {t.count('overdue')} 件，"
        f"及时率 {timeliness_text(t, yrs)}，合规率 {pct(t.compliance)}，完整率 {pct(t.completeness)}。"
        + (f"各部门平均得分 {avg:.2f} 分。" if avg is not None else ""),
        "二、考核结果。" + ("；".join(f"第{s.rank}名 {s.name} {s.total:g} 分" for s in ranked) or "无") + "。",
        f"三、主要扣分项。{items_text}（逐条扣分原因和来源见“扣分明细”表）。",
    ]
    low = a.to_rectify()
    if low:
        out.append(f"四、需要整改的部门（得分低于{RECTIFY_BELOW}分）：" + "、".join(f"{s.name}（{s.total:g} 分）" for s in low) + "。")
    if a.sections:
        out.append(f"{'五' if low else '四'}、科室情况。台账填写了承办科室的部门按科室计算时效性、合规性、完整性得分"
                   f"（满分 {sch.section_max:g} 分），见“分科室”表。")
    out.append("建议将考核结果纳入各部门年度目标责任考核，对排名靠后的部门予以通报并督促整改。")
    return out


def summary_lines(a: Assessment) -> list[str]:
    p = a.period
    lines = [f"{p.unit + ' ' if p.unit else ''}{p.year}年度“双公示”工作考核（{a.scheme.title}，满分 {a.scheme.full_score:g}）："
             f"决定 {p.total.records}，及时率 {timeliness_text(p.total, p.missing_years)}"]
    for s in a.ranked():
        parts = "，".join(f"{i.name} -{s.deducted.get(i.key, 0):g}" for i in a.scheme.items if s.deducted.get(i.key))
        lines.append(f"  {s.rank}. {s.name} {s.total:g} 分" + (f"（{parts}）" if parts else ""))
    if a.sections:
        lines.append("科室：" + "；".join(f"{s.department} {s.name} {s.total:g}/{s.full:g}" for s in a.sections))
    lines.append(f"扣分明细 {len(a.deductions)} 条（见工作簿“扣分明细”表）")
    lines += [f"说明：{n}" for n in period_notes(p)]
    lines += unread_summary(p.unread, p.unread_units())
    return lines


def assessment_json(a: Assessment) -> dict:
    """`sgs annual-assessment --format json` (docs/contract.md)."""
    p = a.period
    return {"year": p.year, "unit": p.unit, "report_date": p.today.isoformat(), "scheme": a.scheme.to_dict(),
            "roster": p.roster, "register": p.register.to_dict() if p.register is not None else None,
            "files": p.files, "versions": [v.to_dict() for v in p.versions], "total": p.total.to_dict(),
            "departments": [s.to_dict(a.scheme) for s in a.departments],
            "sections": [s.to_dict(a.scheme, [k for k in SECTION_ITEMS if a.scheme.item(k)])
                         for s in a.sections],
            "deductions": [d.to_dict() for d in a.deductions],
            "notes": period_notes(p),
            "unread_files": [{k: v for k, v in i.items() if k != "read_error"} for i in p.unread],
            "unread_units": p.unread_units()}
