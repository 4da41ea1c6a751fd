"""The words of the 季通报 and of the period both period commands share (issue 30 part 6: reports/quarterly
computes the period — figures, dates, ranks, the departments each list names — and this module says it): a
department's cells in 汇总 and 分月, why a department is not ranked, the lists a bulletin names, the period's
span, the draft 通报, the lines the command prints, and the JSON document (whose texts are these same
functions' strings, docs/contract.md)."""

from __future__ import annotations

import calendar
from pathlib import Path

from sgs_cli.render.monthly_text import month_calendar_notes, month_notes
from sgs_cli.render.rates import pct, timeliness_text
from sgs_cli.render.unread import unread_summary
from sgs_cli.reports import decisions
from sgs_cli.reports.inputs import UNREAD_STATUS
from sgs_cli.reports.monthly import MonthlyReport
from sgs_cli.reports.quarterly import LATE_REPORT, MISSING_REPORT, Change, Department, MonthReport, PeriodReport

# ------------------------------------------------------------------------ one department's cells


def month_report_text(r: MonthReport) -> str:
    """A 月报告 as the register says: "按时（08-12收到）", "未收到", "未到期"."""
    if r.received:
        return f"{r.status}（{r.received:%m-%d}收到）"
    return r.status


def plan_text(d: Department, which: str) -> str:
    """工作方案 (``which="plan"``) or 推进计划 (``"progress"``): "已报送 2026-03-02", "未报送", or "—（无登记表）"."""
    day = d.plan if which == "plan" else d.progress
    if not d.registered:
        return "—（无登记表）"
    return f"已报送 {day:%Y-%m-%d}" if day else "未报送"


def liaison_text(d: Department) -> str:
    """联络员名单: its validation result and file, else its date in the register, else 未报送."""
    a = d.liaison
    if a is not None:
        return ("有效" if a.valid else "有错误：" + a.result_text()) + f"（{Path(a.file).name}）"
    if d.liaison_registered:
        return f"已登记 {d.liaison_registered:%Y-%m-%d}（未提供名单文件）"
    return "未报送"


def lead_text(d: Department) -> str:
    """第1位信息完整: 是, 否（缺…）, or — without a list."""
    a = d.liaison
    if a is None:
        return "—"
    return "是" if a.lead_complete else "否（缺" + "、".join(a.lead_missing or ()) + "）"


def catalog_text(d: Department) -> str:
    """事项目录: its file and number of items, else its date in the register, else 无."""
    a = d.catalog
    if a is not None:
        return f"有（{Path(a.file).name}，{len(a.rows)} 项）"
    if d.catalog_registered:
        return f"已登记 {d.catalog_registered:%Y-%m-%d}（未提供目录文件）"
    return "无"


def catalog_check_text(d: Department) -> str:
    return "—" if d.catalog is None else d.catalog.result_text()


def reports_text(d: Department) -> str:
    """月报告按时: "2/3" (on time of those due), "未到期", or "—" without a register."""
    due = d.reports_due()
    if not d.reports:
        return "—"
    return f"{d.reports_on_time()}/{len(due)}" if due else "未到期"


def months_text(d: Department) -> str:
    """“8月零报送”, “7月、8月、9月未报送”, or “无”."""
    parts = [("、".join(f"{m}月" for m in ms) + what) for ms, what in ((d.zero_months, "零报送"),
                                                                     (d.missing_months, "未报送")) if ms]
    return "；".join(parts) or "无"


def unranked_reason(d: Department) -> str:
    """Why a department without 及时率 is not ranked."""
    t = d.total
    if d.unread:  # its file could not be read: what it holds is unknown, neither 未报送 nor 零报送
        return f"{UNREAD_STATUS}（不计为零报送或未报送）"
    if d.sent_nothing:
        return "未报送（本期没有报送任何数据）"
    if t.records == 0:
        return "零报送（本期没有决定）"
    if t.needs_calendar:
        return f"及时率待定（{t.needs_calendar} 条需要节假日安排）"
    if t.count(decisions.NO_REPORT_DATE):
        return f"无法判定及时性（{t.count(decisions.NO_REPORT_DATE)} 条决定没有报送日期）"
    return "无应报送决定（" + "，".join(f"{s.label} {t.count(s.key)} 条" for s in decisions.STATUSES
                                  if t.count(s.key)) + "）"


# ------------------------------------------------------------------------ the period


def span_text(rep: PeriodReport) -> str:
    """统计期间: "2026年7月1日至9月30日"."""
    a, b = rep.months[0], rep.months[-1]
    return f"{rep.year}年{a}月1日至{b}月{calendar.monthrange(rep.year, b)[1]}日"


def named_lists(rep: PeriodReport) -> list[tuple[str, str, list[str]]]:
    """(key, Chinese heading, entries) of the lists a bulletin names."""
    def late(d):
        bad = [f"{r.month}月{r.status}" for _, r in sorted(d.reports.items()) if r.status in (LATE_REPORT, MISSING_REPORT)]
        return f"{d.name}（{'、'.join(bad)}）"

    def nothing(d):
        if d.unread:
            return d.name + f"（{UNREAD_STATUS}）"
        return d.name + ("（未报送）" if d.sent_nothing else f"（{months_text(d)}）")

    return [
        ("below_threshold", f"及时率低于{rep.threshold:.0%}的部门",
         [f"{d.name}（{timeliness_text(d.total, rep.missing_years)}）" for d in rep.below_threshold()]),
        ("nothing_reported", "本期没有任何决定的部门（未报送或零报送）", [nothing(d) for d in rep.nothing_reported()]),
        ("no_plan", "未报送工作方案或推进计划的部门" + ("" if rep.register is not None else "（未提供报送登记表，无法统计）"),
         [d.name for d in rep.no_plan()]),
        ("no_liaison", "联络员制度未建立或名单不完整的部门", [f"{d.name}（{d.liaison_problem()}）" for d in rep.no_liaison()]),
        ("no_catalog", "事项目录未报送或未通过校验的部门",
         [d.name + (f"（{catalog_check_text(d)}）" if d.catalog is not None
                    else "（未报送）" if d.registered else "（输入文件中没有，未提供报送登记表）")
          for d in rep.no_catalog()]),
        ("late_monthly_reports", "月报告未按时报送的部门", [late(d) for d in rep.late_reports()]),
    ]


def _change_text(c: Change) -> str:
    wsh = c.wsh or "（无文号）"
    if c.what == "added":
        return f"{wsh} 新增"
    if c.what == "dropped":
        return f"{wsh} 不再计入"
    if c.what == "status":
        return f"{wsh} {c.before}→{c.after}"
    return f"{wsh} " + ("通过校验→未通过" if c.before else "未通过校验→通过")


def recomputation_text(then: MonthlyReport, now: MonthlyReport, changes: list[Change]) -> str:
    """Why a month of the bulletin is shown beside its recomputation (reports/quarterly.recomputation): the rates
    then and now, and the first six records that changed."""
    rates = (f"及时率 {timeliness_text(then.total, then.missing_years)}→{timeliness_text(now.total, now.missing_years)}，"
             f"合规率 {pct(then.total.compliance)}→{pct(now.total.compliance)}")
    texts = [_change_text(c) for c in changes]
    return (f"{then.period}月报告按统计日 {then.report_date:%Y-%m-%d} 计算；按本期统计日 {now.report_date:%Y-%m-%d} "
            f"重算：{rates}" + (f"（{len(texts)} 条记录变化：" + "；".join(texts[:6])
                                + ("等" if len(texts) > 6 else "") + "）" if texts else "")
            + "。本通报各月数字按月报告统计日，不随之后的报送改变")


def period_notes(rep: PeriodReport) -> list[str]:
    """What the reader of 汇总 must know, in order: the data used (versions, corrections), the months
    recomputed, a missing roster or register and the register's problems, the departments named after a file,
    the calendar."""
    out = rep.choice.notes() if rep.choice is not None else [v.text() for v in rep.versions]
    out += [recomputation_text(rep.monthly[m], now, changes) for m, (now, changes) in sorted(rep.recomputed.items())]
    if rep.roster is None:
        out.append("未提供单位名单（--roster）：只列出输入文件中出现的部门，没有报送文件的部门无法列出")
    if rep.register is None:
        out.append("未提供报送登记表（--register）：工作方案、推进计划和月报告的报送情况无法统计")
    else:
        unknown = [f for f in rep.register.findings if f.code == "REGISTER_UNIT_UNKNOWN"]
        if unknown:
            out.append("报送登记表中以下单位不在单位名单中，未计入：" + "、".join(str(f.value) for f in unknown))
        if rep.register.errors:
            out.append(f"报送登记表有 {rep.register.errors} 处错误（见“报送情况”表下方），请核对后重新生成")
    for mr in rep.monthly.values():
        for n in month_notes(mr):
            if n.startswith("“") and n not in out:  # departments named after a file name
                out.append(n)
    for mr in rep.monthly.values():
        for n in month_calendar_notes(mr):
            if n not in out:
                out.append(n)
    return out


# ------------------------------------------------------------------------ the JSON document


def _r(x):
    return None if x is None else round(x, 4)


def department_json(d: Department) -> dict:
    return {"department": d.name, "in_roster": d.in_roster, "rank": d.rank, "has_file": d.has_file,
            "unreadable_file": d.unread,
            "files": d.files,
            "work_plan": d.plan.isoformat() if d.plan else None,
            "progress_plan": d.progress.isoformat() if d.progress else None,
            "plan_in_place": d.plan_in_place,
            "liaison": d.liaison.to_dict() if d.liaison is not None else None,
            "liaison_registered": d.liaison_registered.isoformat() if d.liaison_registered else None,
            "liaison_in_place": d.liaison_in_place,
            "catalog": d.catalog.to_dict() if d.catalog is not None else None,
            "catalog_registered": d.catalog_registered.isoformat() if d.catalog_registered else None,
            "catalog_updated": d.catalog_latest.isoformat() if d.catalog_latest else None,
            "catalog_in_place": d.catalog_in_place,
            "total": d.total.to_dict(),
            "months": {f"{m:02d}": f.to_dict() for m, f in sorted(d.months.items())},
            "zero_months": d.zero_months, "missing_months": d.missing_months,
            "unranked_reason": None if d.rank is not None else unranked_reason(d),
            "monthly_reports": [r.to_dict() for _, r in sorted(d.reports.items())],
            "monthly_reports_on_time": d.reports_on_time(), "monthly_reports_due": len(d.reports_due())}


def period_json(rep: PeriodReport) -> dict:
    """`sgs quarterly-report --format json` (docs/contract.md)."""
    return {"period": rep.label, "year": rep.year, "months": rep.months, "unit": rep.unit,
            "report_date": rep.today.isoformat(), "threshold": rep.threshold, "roster": rep.roster,
            "register": rep.register.to_dict() if rep.register is not None else None,
            "files": rep.files, "versions": [v.to_dict() for v in rep.versions],
            "unread_files": [{k: v for k, v in i.items() if k != "read_error"} for i in rep.unread],
            "unread_units": rep.unread_units(),
            "data": rep.choice.to_dict() if rep.choice is not None else None,
            "months_as_reported": {f"{m:02d}": r.report_date.isoformat() for m, r in sorted(rep.monthly.items())},
            "recomputed": {f"{m:02d}": {"report_date": rep.today.isoformat(), "total": r.total.to_dict(),
                                        "reason": recomputation_text(rep.monthly[m], r, changes)}
                           for m, (r, changes) in sorted(rep.recomputed.items())},
            "total": rep.total.to_dict(),
            "months_total": {f"{m:02d}": r.total.to_dict() for m, r in sorted(rep.monthly.items())},
            "departments": [department_json(d) for d in rep.departments.values()],
            "ranking": [{"rank": d.rank, "department": d.name, "timeliness": _r(d.total.timeliness),
                         "compliance": _r(d.total.compliance), "completeness": _r(d.total.completeness)}
                        for d in rep.ranked()],
            "unranked": [{"department": d.name, "reason": unranked_reason(d)} for d in rep.unranked()],
            "lists": {k: v for k, _, v in named_lists(rep)}, "notes": period_notes(rep)}


# ------------------------------------------------------------------------ the draft and the screen


def bulletin_text(rep: PeriodReport) -> list[str]:
    """The draft 通报 (paragraphs): the figures of the period, the items in place, the named lists and the
    ranking — to be edited and signed by the office."""
    t = rep.total
    ds = [d for d in rep.departments.values() if d.in_roster]
    n = len(ds)
    yrs = rep.missing_years
    lists = {k: (title, v) for k, title, v in named_lists(rep)}

    def named(key, none="无"):
        return "、".join(lists[key][1]) or none

    months_text = "，".join(f"{m}月 {rep.monthly[m].total.records} 件（及时率 {timeliness_text(rep.monthly[m].total, yrs)}）"
                           for m in rep.months)
    plans = sum(1 for d in ds if d.plan)
    progress_only = sum(1 for d in ds if not d.plan and d.progress)
    liaison = sum(1 for d in ds if d.liaison_in_place)
    catalog = sum(1 for d in ds if d.catalog_in_place)
    reports_due = sum(len(d.reports_due()) for d in ds)
    reports_ok = sum(d.reports_on_time() for d in ds)
    top = rep.ranked()[:3]
    out = [
        f"关于{rep.label}“双公示”工作情况的通报（草稿）",
        "各有关部门：",
        f"按照《郑州市发展和改革委员会关于进一步做好行政许可和行政处罚等信用信息公示工作的通知》（郑发改财贸〔2019〕773号）"
        f"“月报告、季通报、年考核”的要求，现将{rep.label}（{span_text(rep)}）“双公示”工作情况通报如下。",
        f"一、信息报送情况。本期 {n} 个应报送部门共作出行政许可决定 {t.licence} 件、行政处罚决定 {t.penalty} 件"
        + (f"、未分类决定 {t.unclassified} 件" if t.unclassified else "")
        + f"，合计 {t.records} 件（{months_text}）。按时报送 {t.count('on_time')} 件，逾期报送 {t.count('late')} 件，"
        f"逾期未报送 {t.count('overdue')} 件，及时率 {timeliness_text(t, yrs)}（行政许可 {pct(t.licence_timeliness)}，"
        f"行政处罚 {pct(t.penalty_timeliness)}）；合规率 {pct(t.compliance)}，完整率 {pct(t.completeness)}。",
        "二、工作方案、推进计划和联络员制度。"
        + (f"{plans} 个部门已报送工作方案，{progress_only} 个部门报送了工作推进计划，未报送的部门：{named('no_plan')}。"
           if rep.register is not None else "（未提供报送登记表，工作方案、推进计划报送情况待补充。）")
        + f"{liaison} 个部门联络员名单有效且第1位联络员信息完整，"
        f"未建立或不完整的部门：{named('no_liaison')}。{catalog} 个部门事项目录已报送并通过校验，"
        f"未报送或未通过校验的部门：{named('no_catalog')}。",
        (f"三、月报告报送情况。本期应报送月报告 {reports_due} 份，按时收到 {reports_ok} 份；"
         f"未按时报送的部门：{named('late_monthly_reports')}。" if rep.register is not None
         else "三、月报告报送情况。（未提供报送登记表，待补充。）"),
        f"四、需要关注的部门。及时率低于{rep.threshold:.0%}的部门：{named('below_threshold')}；"
        f"本期没有任何决定的部门（未报送或零报送）：{named('nothing_reported')}。",
        "五、排名。按及时率（相同时依次比较合规率、完整率）排名，前三名："
        + ("、".join(f"第{d.rank}名 {d.name}（{pct(d.total.timeliness)}）" for d in top) or "无")
        + "。" + "".join(f"{d.name}不排名（{unranked_reason(d)}）。" for d in rep.unranked() if d.in_roster)
        + "各部门排名见“排名”表。",
        "请以上被点名的部门对照本通报查找原因，补报逾期未报送的信息，补齐工作方案（推进计划）、联络员名单和事项目录，"
        "并于下月报送日前将整改情况报送。",
    ]
    return out


def summary_lines(rep: PeriodReport) -> list[str]:
    """What the command prints after writing the workbook."""
    t = rep.total
    yrs = rep.missing_years
    lines = [f"{rep.unit + ' ' if rep.unit else ''}{rep.label}：决定 {t.records}（许可 {t.licence}，处罚 {t.penalty}）；"
             f"及时率 {timeliness_text(t, yrs)}（许可 {pct(t.licence_timeliness)}，处罚 {pct(t.penalty_timeliness)}），"
             f"合规率 {pct(t.compliance)}（一次通过率 {pct(t.first_pass_rate)}，重报 {t.resubmissions} 次），"
             f"完整率 {pct(t.completeness)}"]
    lines += [f"  {m}月：决定 {rep.monthly[m].total.records}，及时率 {timeliness_text(rep.monthly[m].total, yrs)}"
              + (f"（统计日 {rep.monthly[m].report_date:%m-%d}；按本期统计日重算 "
                 f"{timeliness_text(rep.recomputed[m][0].total, yrs)}）" if m in rep.recomputed else "")
              for m in rep.months]
    lines.append("排名：" + ("；".join(f"{d.rank}. {d.name} {pct(d.total.timeliness)}" for d in rep.ranked()) or "无"))
    lines += [f"  不排名：{d.name}（{unranked_reason(d)}）" for d in rep.unranked()]
    for _, title, entries in named_lists(rep):
        lines.append(f"{title}：" + ("、".join(entries) or "无"))
    lines += [f"说明：{n}" for n in period_notes(rep)]
    lines += unread_summary(rep.unread, rep.unread_units())
    return lines
