"""The words of `sgs monthly-report` (issue 30 part 6: reports/monthly computes the month, this module says it):
the lines the command prints and the web page shows, and the JSON document (docs/contract.md)."""

from __future__ import annotations

from collections import Counter

from sgs_cli.render.rates import calendar_notes, pct, shown_rate, timeliness_text
from sgs_cli.render.unread import unread_summary
from sgs_cli.reports.decisions import NEEDS_CALENDAR, STATUSES
from sgs_cli.reports.monthly import MonthlyReport


def month_notes(rep: MonthlyReport) -> list[str]:
    """What the reader of 汇总 must know about where the names and the 零报送 list come from."""
    out: list[str] = []
    if rep.blank:
        return out
    if rep.choice is not None:
        out += rep.choice.notes()
    if rep.roster is None:
        out.append("未提供单位名单（--roster）：零报送单位只包括输入文件中出现的部门，没有报送文件的部门无法列出")
    elif rep.not_in_roster:
        out.append("以下部门不在单位名单中：" + "、".join(rep.not_in_roster))
    reasons = Counter(i["reason"] for i in rep.unknown_items)
    if reasons:
        out.append("无法计算的原因：" + "；".join(f"{r} {n} 条" for r, n in sorted(reasons.items()))
                   + "（见“其他明细”）")
    for dept, file in sorted(rep.named_after_file.items()):
        out.append(f"“{dept}”的部门名称取自文件名“{file}”（台账没有部门列、标题，名单中也没有对应单位），请核对")
    return out


def month_calendar_notes(rep: MonthlyReport) -> list[str]:
    """The month's records that need a missing calendar year or were counted with a provisional one."""
    return calendar_notes(rep.total.needs_calendar, rep.missing_years, rep.total.provisional, rep.provisional_years)


def report_json(rep: MonthlyReport) -> dict:
    """`sgs monthly-report --format json`: the month's figures, lists and notes; ``timeliness_text`` is the 及时率
    as the screen shows it."""
    return {"month": f"{rep.year}-{rep.month:02d}", "unit": rep.unit, "report_date": rep.report_date.isoformat(),
            "due_date": rep.due.isoformat(), "blank": rep.blank, "files": rep.files, "roster": rep.roster,
            "total": rep.total.to_dict(),
            "departments": [{"department": k, "zero_report": k in rep.zero_units,
                             "not_reported": k in rep.missing_units,
                             "in_roster": None if rep.roster is None else k not in rep.not_in_roster,
                             **v.to_dict()} for k, v in sorted(rep.departments.items())],
            "zero_units": rep.zero_units, "missing_units": rep.missing_units,
            "not_in_roster": rep.not_in_roster,
            "unread_files": [{k: v for k, v in i.items() if k != "read_error"} for i in rep.unread],
            "unread_units": rep.unread_units,
            "data": rep.choice.to_dict() if rep.choice is not None else None,
            "named_after_file": rep.named_after_file, "notes": month_notes(rep),
            "late": rep.late_items, "unknown": rep.unknown_items, "duplicates": rep.duplicate_items,
            "unclassified": rep.unclassified_items, "problems": rep.problem_items,
            "due": rep.due_info.to_dict() if rep.due_info else None,
            "timeliness_text": timeliness_text(rep.total, rep.missing_years), "undetermined": rep.undetermined_items,
            "not_required": rep.not_required_items,
            "catalog": rep.catalog.to_dict() if rep.catalog is not None else None,
            "calendar": {"needs_calendar_records": rep.total.needs_calendar, "missing_years": rep.missing_years,
                         "provisional_records": rep.total.provisional,
                         "provisional_years": rep.provisional_years, "notes": month_calendar_notes(rep)}}


def summary_lines(rep: MonthlyReport) -> list[str]:
    """What `sgs monthly-report` prints (and the web page shows) after writing the workbook: the decisions
    with every status, the rates, 零报送, the notes and the records that need a missing calendar year."""
    t = rep.total

    def rate(key):
        return shown_rate(t, key, rep.missing_years)

    # every status, 需要节假日安排 only when there is one
    statuses = "，".join(f"{s.label} {t.count(s.key)}" for s in STATUSES if t.count(s.key) or s.key != NEEDS_CALENDAR)
    lines = [f"{rep.unit} {rep.period} 双公示月报告：决定 {t.records}（许可 {t.licence}，处罚 {t.penalty}，"
             f"未分类 {t.unclassified}）；{statuses}；重复 {t.duplicates}",
             f"及时率 {timeliness_text(t, rep.missing_years)}（许可 {rate('licence_timeliness')}，"
             f"处罚 {rate('penalty_timeliness')}），"
             f"部门网站公示及时率 {rate('web_timeliness')}，合规率 {pct(t.compliance)}"
             f"（一次通过率 {pct(t.first_pass_rate)}，重报 {t.resubmissions} 次），完整率 {pct(t.completeness)}",
             "零报送单位：" + ("、".join(rep.zero_units) or "无"),
             "未报送单位：" + ("、".join(rep.missing_units) or "无")]
    lines += [f"说明：{note}" for note in month_notes(rep)]
    lines += [f"  {item['status']}：{item['wsh']}（决定日期 {item['decision_date']}，{item['where']}）"
              for item in rep.undetermined_items]
    lines += [f"注意：{note}" for note in month_calendar_notes(rep)]
    lines += unread_summary(rep.unread, rep.unread_units)
    return lines
