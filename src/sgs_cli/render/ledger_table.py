"""`sgs deadlines --ledger`: the table of one ledger and its closing line (terminal and web page)."""

from __future__ import annotations

from pathlib import Path

from sgs_cli.reports import decisions


def ledger_document(path: Path, cal, today) -> dict:
    """`deadlines --ledger`'s document (terminal, JSON, web page): reports/ledger.ledger_report's records and
    counts, last in its summary ``timeliness_text``, the 及时率 as shown (render/rates.rate_text), and last in
    its calendar the notes on records needing a missing or provisional year (render/rates.calendar_notes)."""
    from sgs_cli.render.rates import calendar_notes, rate_text
    from sgs_cli.reports.ledger import ledger_report

    doc = ledger_report(path, cal, today)
    s, c = doc["summary"], doc["calendar"]
    counts = {st.key: s[st.key] for st in decisions.STATUSES}
    s["timeliness_text"] = rate_text(decisions.rate(counts), counts[decisions.ON_TIME], counts[decisions.LATE],
                                     counts[decisions.OVERDUE], counts[decisions.NEEDS_CALENDAR],
                                     c["missing_years"], c["provisional_records"])
    c["notes"] = calendar_notes(c["needs_calendar_records"], c["missing_years"], c["provisional_records"],
                                c["provisional_years"])
    return doc


def summary_line(result: dict) -> str:
    """The closing line of a ledger list (terminal and web page): every status that occurs or counts in
    及时率, then 及时率 with its formula — or, for a 790 table, why there is none."""
    s = result["summary"]
    counts = "，".join(f"{st.label} {s[st.key]}" for st in decisions.STATUSES if s[st.key] or st.due)
    if result.get("note"):
        return f"共 {s['records']} 条：{counts}。{result['note']}"
    den = "＋".join(st.label for st in decisions.STATUSES if st.due)
    return f"共 {s['records']} 条：{counts}；及时率 {s['timeliness_text']}（按时 ÷（{den}））"


def render_ledger(result: dict, console) -> None:
    from rich.markup import escape
    from rich.table import Table

    from sgs_cli.render.masking import mask_ids
    from sgs_cli.render.console import box_style

    table = Table(box=box_style(console), title=escape(f"{Path(result['file']).name}（截至 {result['today']}）"))
    for col in ("行", "决定书文号", "决定日期", "报送期限", "报送日期", "状态"):
        table.add_column(col, overflow="fold")  # a narrow terminal wraps a value rather than cutting it
    style = {"on_time": "green", "late": "red", "overdue": "bold red", "pending": "yellow",
             "needs_calendar": "bold magenta"}
    for r in result["records"]:
        table.add_row(str(r["row"]), escape(mask_ids(r["wsh"] or "")), r["decision_date"] or "", escape(r["due_text"]),
                      r["reported"] or "", f"[{style.get(r['status'], 'dim')}]{escape(r['status_text'])}[/]")
    console.print(table)
    needs = [r for r in result["records"] if r["status"] == "needs_calendar"]
    if needs:  # their own group: the clerk sees at once which deadlines wait for next year's calendar
        group = Table(box=box_style(console), title=escape(f"{needs[0]['status_text']}：{len(needs)} 条"))
        for col in ("行", "决定书文号", "决定日期", "报送期限"):
            group.add_column(col, overflow="fold")
        for r in needs:
            group.add_row(str(r["row"]), escape(mask_ids(r["wsh"] or "")), r["decision_date"] or "", escape(r["due_text"]))
        console.print(group)
    console.print(summary_line(result), markup=False)
    if result.get("note"):
        return
    for note in result["calendar"]["notes"]:
        console.print(f"[bold yellow]注意：[/]{escape(note)}")
