"""The ONE place where the web pages call the sgs library. Every figure, rule and date shown in the
browser comes from the same functions the command line calls (validate.validate_paths, the receipt
writer, the JSON renderer, deadlines.for_decision, ledger_status, monthly.build + the workbook writer,
templates, workcal/notice/calendar_files). Nothing here re-implements a rule or a figure: it only
arranges the library's results for the page templates.

Adapters for features that are not in the library yet are named as such (``*_adapter``)."""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import json
import os
import threading
from pathlib import Path

#: validations run at the same time (each may use a lot of memory on a large ledger); the rest wait
_VALIDATION_SLOTS = threading.BoundedSemaphore(max(1, min(4, os.cpu_count() or 1)))


def load_calendar(holidays: str | None = None, provisional: bool = False):
    from sgs_cli.calendar.workdays import WorkCalendar

    return WorkCalendar.load(holidays, provisional=provisional)


# ------------------------------------------------------------------------------------------ 校验


def validate(paths: list[Path], *, today: dt.date | None = None, submit_date: dt.date | None = None,
             holidays: str | None = None, provisional: bool = False, keep_records: bool = False):
    """validate.validate_paths on saved uploads (the reading guards of the CLI apply: zip bombs,
    encrypted/damaged files, formula-only cells ...). keep_records: for split_files."""
    from sgs_cli.validation.engine import ValidateOptions, validate_paths

    opts = ValidateOptions(holidays=holidays, provisional=provisional, keep_records=keep_records)
    if today:
        opts.today = today
    opts.submit_date = submit_date
    with _VALIDATION_SLOTS:
        return validate_paths([str(p) for p in paths], opts)


def report_json(report) -> str:
    """The same JSON document as ``sgs validate --format json`` (ID numbers masked)."""
    from sgs_cli.render.json_out import dumps

    return dumps(report, False)


def write_receipt(report, out: Path) -> list[Path]:
    """The same Excel receipt as ``sgs validate --report`` (ID numbers masked)."""
    from sgs_cli.render.receipt import write_receipt as _write

    return _write(report, out, False)


def split_files(report, out_dir: Path) -> list[dict]:
    """The 通过/退回 pair of every input, as ``sgs validate --split`` writes it (split.split_report; the
    report must come from a validation with keep_records). ID numbers masked in the return file."""
    from sgs_cli.render.split import split_report

    out = []
    for res in split_report(report, out_dir, force=True):
        if res.skipped:
            continue
        out.append({"name": Path(res.path).name, "passed": res.passed, "returned": res.returned,
                    "pass_file": res.pass_path, "return_file": res.return_path})
    return out


def finding_order(f):
    """The order of the terminal: by row, then column (report.terminal)."""
    from sgs_cli.render.terminal import _col_key

    return (f.row or 0, _col_key(f.column))


def findings_view(report) -> dict:
    """The report as the page shows it: per file and sheet, findings with masked values
    (Finding.shown_value, the library's masking), counts, the exit code's meaning."""
    from sgs_cli.findings import SEVERITY_LABEL
    from sgs_cli.standard import KIND_LABEL

    files = []
    for fr in report.files:
        sheets = []
        for sr in fr.sheets:
            sheets.append({
                "sheet": sr.sheet, "kind": KIND_LABEL.get(sr.kind, "未识别") if sr.kind else "未识别",
                "standard": sr.standard or "", "header_row": sr.header_row, "rows": sr.rows,
                "errors": sr.errors, "warnings": sr.warnings,
                "findings": [{"severity": f.severity, "label": SEVERITY_LABEL.get(f.severity, f.severity),
                              "code": f.code, "cell": f.cell or (f"第{f.row}行" if f.row else ""),
                              "field": f.field_name or "", "message": f.message, "hint": f.hint,
                              "value": f.shown_value(False)} for f in sorted(sr.findings, key=finding_order)],
            })
        files.append({"name": Path(fr.path).name, "error": fr.error, "sheets": sheets,
                      "errors": fr.errors, "warnings": fr.warnings, "rows": fr.rows})
    s = report.summary()
    return {"files": files, "summary": s, "exit_code": report.exit_code(),
            "accepted": report.exit_code() == 0}


def check_submission(path: str, out_dir: str, holidays: str | None = None) -> dict:
    """Validate one stored submission and write its receipt and JSON next to it (the same functions as
    ``sgs validate --report --format json``). A module-level function, so that a worker process can
    run it; returns the counts kept in the database."""
    report = validate([Path(path)], holidays=holidays)
    out = Path(out_dir)
    write_receipt(report, out / "错误回执.xlsx")
    (out / "校验结果.json").write_text(report_json(report) + "\n", encoding="utf-8")
    return {"rows": sum(fr.rows for fr in report.files), "errors": report.errors, "warnings": report.warnings,
            "exit_code": report.exit_code()}


# ------------------------------------------------------------------------------------------ 期限


def deadlines_for(decided: dt.date, *, objection_received: dt.date | None = None, penalty: bool = False,
                  severity: str = "一般", report_day: int = 15, inclusive: bool = False,
                  holidays: str | None = None, provisional: bool = False) -> dict:
    """deadlines.for_decision, with the labels the CLI prints."""
    from sgs_cli.calendar import deadlines
    from sgs_cli.calendar.publication import SEVERITIES

    if severity not in SEVERITIES:
        severity = "一般"
    cal = load_calendar(holidays, provisional)
    result = deadlines.for_decision(cal, decided, objection_received=objection_received, report_day=report_day,
                             penalty=penalty, severity=severity, inclusive=inclusive)
    marked = (result.get("provisional") or {}).get("fields", [])
    rows = [{"label": label, "value": weekday_zh(result[key]), "provisional": key in marked}
            for key, label in deadlines.LABELS.items() if key in result]
    return {"result": result, "rows": rows}


def weekday_zh(value):
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        from sgs_cli.calendar.workdays import format_date_zh

        return format_date_zh(dt.date.fromisoformat(value))
    return value


def ledger_status(path: Path, today: dt.date, holidays: str | None = None, provisional: bool = False) -> dict:
    """ledger_status.ledger_report (``sgs deadlines --ledger``)."""
    from sgs_cli.reports.ledger import ledger_report

    from sgs_cli.render.ledger_table import summary_line

    cal = load_calendar(holidays, provisional)
    with _VALIDATION_SLOTS:
        result = ledger_report(path, cal, today)
    result["summary_line"] = summary_line(result)
    return result


# ------------------------------------------------------------------------------------------ 月报告


def monthly_report(ym: tuple[int, int], paths: list[Path], out: Path, *, unit: str | None = None,
                   report_day: int = 15, today: dt.date | None = None, holidays: str | None = None,
                   provisional: bool = False, roster: Path | None = None, names: dict | None = None):
    """monthly.build + report.monthly.write_workbook, as ``sgs monthly-report``. Returns the report
    (rep.unreadable lists inputs that could not be read: then no workbook is written). `names`: stored path →
    the name the department gave the file (a 退回_ file sent back is a correction: submissions.choose)."""
    from sgs_cli.reports import monthly
    from sgs_cli.render.monthly_workbook import write_workbook

    kwargs = roster_adapter(roster)
    with _VALIDATION_SLOTS:
        rep = monthly.build(ym, [str(p) for p in paths], unit=unit or None, report_day=report_day, today=today,
                      holidays=holidays, provisional=provisional, names=names, **kwargs)
        if not rep.unreadable:
            write_workbook(rep, out, inputs=paths)
    return rep


def roster_adapter(roster: Path | None) -> dict:
    """Extra keyword arguments of monthly.build for a roster (单位名单) of the units that must report, read
    as ``sgs monthly-report --roster`` reads it."""
    if roster is None:
        return {}
    from sgs_cli.reports.roster import read_roster

    return {"roster": read_roster(roster)}


ROSTER_SUPPORTED = True


def monthly_view(rep) -> dict:
    """The monthly report for the page: the CLI's summary lines and the 分部门 columns of the workbook,
    both from the library (monthly.summary_lines, monthly.figures)."""
    from sgs_cli.reports import monthly

    columns = [f for f in monthly.figures() if f.column]

    def shown(fig, figs):
        value = figs.value(fig.key)
        if not fig.rate:
            return value
        return figs.rate_text(fig.key, rep.missing_years) or ("—" if value is None else f"{value:.2%}")

    return {"unit": rep.unit, "period": rep.period, "due": weekday_zh(rep.due.isoformat()),
            "due_note": rep.due_info.note() if rep.due_info else None, "blank": rep.blank,
            "lines": [] if rep.blank else monthly.summary_lines(rep), "columns": [f.column for f in columns],
            "departments": [{"name": k, "values": [shown(f, v) for f in columns]} for k, v in rep.departments.items()],
            "zero_units": rep.zero_units, "late": rep.late_items, "problems": rep.problem_items,
            "unreadable": rep.unreadable}


# ------------------------------------------------------------------------------------------ 模板


def template_list() -> list[dict]:
    from sgs_cli.standard import BY_KIND, KIND_LABEL
    from sgs_cli.render.templates import TEMPLATE_KINDS, default_filename

    return [{"kind": k, "label": KIND_LABEL[k], "title": BY_KIND[k].title, "filename": default_filename(k),
             "fields": len(BY_KIND[k].fields)} for k in TEMPLATE_KINDS]


def template_kinds() -> tuple[str, ...]:
    from sgs_cli.render.templates import TEMPLATE_KINDS

    return TEMPLATE_KINDS


def write_template(kind: str, out: Path) -> Path:
    from sgs_cli.render.templates import write_template as _write

    return _write(kind, out, overwrite=True)


def write_blank_monthly(ym: tuple[int, int], out: Path) -> Path:
    from sgs_cli.render.monthly_workbook import write_blank

    write_blank(ym, out)
    return out


# ------------------------------------------------------------------------------------------ 日历


def calendar_view(cal, year: int) -> dict:
    """Twelve month grids (Monday first) with 休/班 marks, the holiday names, and the list of days off
    and 调休 working days, from the WorkCalendar (raises CalendarDataMissing for a year without data)."""
    from sgs_cli.calendar.provisional import REASON
    from sgs_cli.calendar.workdays import KIND_HOLIDAY, KIND_MAKEUP

    cal.require_year(year)
    months = []
    for month in range(1, 13):
        weeks = []
        for week in _cal.Calendar().monthdayscalendar(year, month):
            cells = []
            for day in week:
                if not day:
                    cells.append(None)
                    continue
                info = cal.day_info(f"{year}-{month:02d}-{day:02d}")
                mark = "休" if info.kind == KIND_HOLIDAY else "班" if info.kind == KIND_MAKEUP else ""
                cells.append({"day": day, "mark": mark, "rest": not cal.is_workday(info.date)})
            weeks.append(cells)
        names = sorted({(d.isoformat()[5:], n) for d, n in cal.holidays_of(year) if d.month == month and n})
        months.append({"month": month, "weeks": weeks, "names": names})
    return {"year": year, "source": cal.source_of(year) or "无", "months": months,
            "provisional": REASON if cal.is_provisional(year) else None, "holidays": holiday_lines(cal, year)}


def holiday_lines(cal, year: int) -> list[str]:
    """The list of days off and 调休 working days exactly as ``sgs calendar YEAR`` prints it
    (report.calendar_view.render_list, recorded as plain text)."""
    import io

    from rich.console import Console

    from sgs_cli.render.calendar_view import render_list

    con = Console(file=io.StringIO(), record=True, width=400, color_system=None)
    render_list(cal, year, con)
    lines = [x.strip() for x in con.export_text().splitlines()]
    return [x for x in lines[1:] if x]


def notice_preview(text: str, year: int, holidays: str | None = None) -> dict:
    """Parse a pasted State Council notice (notice.parse_notice) and show the year as it would be."""
    from sgs_cli.calendar.notice import NoticeError, parse_notice
    from sgs_cli.calendar.workdays import WorkCalendar

    try:
        schedule = parse_notice(text, year)
    except NoticeError as e:
        return {"error": f"无法读取节假日安排通知：{e}"}
    entry = schedule.override_entry(notice_note(year))
    cal = WorkCalendar.load(use_default_file=False, use_env=False)
    cal.add_data({str(year): entry}, "粘贴的通知")
    return {"error": None, "entry": entry, "warnings": schedule.warnings, "notes": schedule.notes,
            "view": calendar_view(cal, year), "holidays_count": len(entry["holidays"]),
            "workdays_count": len(entry["workdays"])}


def notice_note(year: int) -> str:
    return f"依据《国务院办公厅关于{year}年部分节假日安排的通知》，由 sgs serve 日历页面写入"


def notice_save(text: str, year: int, target: Path, force: bool = False) -> dict:
    """Parse again (the page never trusts a posted schedule) and save the year into the override file
    with calendar_files.save_year, as ``sgs calendar YEAR --from-notice``."""
    from sgs_cli.calendar.files import save_year

    pre = notice_preview(text, year)
    if pre["error"]:
        return pre
    if pre["warnings"] and not force:
        return {**pre, "saved": None}
    status = save_year(target, year, pre["entry"], force=True)
    return {**pre, "saved": status}


def default_holidays_path() -> Path:
    from sgs_cli.calendar.workdays import default_holidays_path as _p

    return _p()


def parse_month(value: str) -> tuple[int, int]:
    from sgs_cli.calendar.options import parse_month_option

    return parse_month_option(value, "月份")


def parse_date(value: str, label: str) -> dt.date | None:
    from sgs_cli.calendar.options import parse_date_option

    return parse_date_option(value, label) if value and value.strip() else None


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)


SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
