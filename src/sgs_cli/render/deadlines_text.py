"""`sgs deadlines --from DATE`: the deadlines of one decision as lines of text (due dates with their
weekday, what is provisional, what needs a year's holiday schedule, the publication period)."""

from __future__ import annotations

import datetime as dt

from sgs_cli.calendar.deadlines import LABELS
from sgs_cli.calendar.workdays import upgrade_hint


def render_deadlines(result: dict, con) -> None:
    marked = (result.get("provisional") or {}).get("fields", [])
    for key, label in LABELS.items():
        if key in result:
            mark = "（暂定）" if key in marked else ""
            con.print(f"{label}：{_weekday(result[key])}{mark}", markup=False)
    if result.get("monthly_report_note"):
        con.print(f"  {result['monthly_report_note']}", markup=False)
    for item in result["needs_calendar"]:
        con.print(f"  注意：这一项{item['text']}，其余期限不受影响；通知发布后运行 "
                  f"sgs calendar {item['year']} --from-notice 通知.txt 补充（节假日文件中的年份优先于内置数据）。"
                  + upgrade_hint(item["year"]), markup=False)
    if result.get("provisional"):
        con.print(f"  暂定：{result['provisional']['reason']}", markup=False)
    pub = result.get("publication")
    if pub:
        if pub["regime"] is None:
            con.print(f"公示期限：{pub['note']}")
        else:
            con.print(f"公示期限依据：{pub['regime']}（{pub['severity']}失信）")
            con.print(f"  最短公示期 {pub['min_months']} 个月，最早可申请信用修复：{_weekday(pub['earliest_repair'])}")
            con.print(f"  最长公示期 {pub['max_months']} 个月，最迟撤下日期：{_weekday(pub['latest_takedown'])}")
            if pub.get("note"):
                con.print(f"  说明：{pub['note']}")


def _weekday(value):
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        d = dt.date.fromisoformat(value)
        from sgs_cli.calendar.workdays import format_date_zh

        return format_date_zh(d)
    return value
