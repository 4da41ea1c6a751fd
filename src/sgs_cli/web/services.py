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

from sgs_cli.standard.limits import REPORT_DAY
from sgs_cli.io.reading import SUFFIXES as READ_SUFFIXES

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
    from sgs_cli.render.masking import PATH_KEYS, mask_tree
    from sgs_cli.rules.codes import label
    from sgs_cli.standard import KIND_LABEL

    files = []
    for fr in report.files:
        sheets = []
        for sr in fr.sheets:
            sheets.append({
                "sheet": sr.sheet, "kind": KIND_LABEL.get(sr.kind, "未识别") if sr.kind else "未识别",
                "standard": sr.standard or "", "header_row": sr.header_row, "rows": sr.rows,
                "errors": sr.errors, "warnings": sr.warnings,
                "findings": [{"severity": f.severity, "label": label(f), "fact": f.fact,
                              "code": f.code, "cell": f.cell or (f"第{f.row}行" if f.row else ""),
                              "field": f.field_name or "", "message": f.message, "hint": f.hint,
                              "value": f.shown_value(False)} for f in sorted(sr.findings, key=finding_order)],
            })
        files.append({"name": Path(fr.path).name, "error": fr.error, "sheets": sheets,
                      "errors": fr.errors, "warnings": fr.warnings, "rows": fr.rows})
    # every text the page shows through the one masking (messages and hints quote the cell; a value the
    # finding does not mark sensitive — an ID number typed with a leading apostrophe in a date column — too),
    # as `validate --format json` does; the file name is the user's own
    files = mask_tree(files, keep=PATH_KEYS | {"name"})
    s = report.summary()
    from sgs_cli.render.split import fact_findings, is_returned

    # accepted unless a finding the department can fix sends it back (facts such as a late report do not)
    return {"files": files, "summary": s, "exit_code": report.exit_code(),
            "accepted": not is_returned(report), "facts": len(fact_findings(report))}


def check_submission(path: str, out_dir: str, holidays: str | None = None) -> dict:
    """Validate one stored submission and write its receipt and JSON next to it (the same functions as
    ``sgs validate --report --format json``). A module-level function, so that a worker process can
    run it; returns the counts kept in the database."""
    from sgs_cli.io.write import atomic_write_text
    from sgs_cli.render.receipt import write_receipt as _write
    from sgs_cli.render.split import is_returned

    report = validate([Path(path)], holidays=holidays)
    out = Path(out_dir)
    # a re-check (after a kill, or asked by the office) owns these outputs and replaces them: the receipt
    # and the JSON of a cut-short run are never left beside the new result
    for left in out.glob(".*.tmp.*"):  # the temporary file of a write cut short
        left.unlink(missing_ok=True)
    receipt = out / "错误回执.xlsx"
    if not _write(report, receipt, False, force=True):
        receipt.unlink(missing_ok=True)
    atomic_write_text(report_json(report) + "\n", out / "校验结果.json", suffixes=(".json",))
    # returned only for what the department can fix: a late report is a fact (split.is_returned)
    return {"rows": sum(fr.rows for fr in report.files), "errors": report.errors, "warnings": report.warnings,
            "exit_code": report.exit_code(), "returned": is_returned(report)}


def fact_codes() -> frozenset:
    """The rule codes that record facts (late report …): the pages list them apart, never as reasons to return."""
    from sgs_cli.rules.codes import CODES

    return frozenset(name for name, c in CODES.items() if c.fact)


def split_facts(doc: dict | None) -> dict:
    """The stored JSON of a submission: per sheet, its errors and warnings to fix and its facts, apart."""
    facts = fact_codes()
    out = {"fix": 0, "facts": 0}
    for f in (doc or {}).get("files", []):
        for s in f.get("sheets", []):
            shown = [x for x in s.get("findings", []) if x.get("severity") != "info"]
            s["facts"] = [x for x in shown if x.get("code") in facts]
            s["to_fix"] = [x for x in shown if x.get("code") not in facts]
            out["fix"] += sum(1 for x in s["to_fix"] if x.get("severity") == "error")
            out["facts"] += len(s["facts"])
    return out


# ------------------------------------------------------------------------------------------ 期限


def deadlines_for(decided: dt.date, *, objection_received: dt.date | None = None, penalty: bool = False,
                  severity: str = "一般", report_day: int = REPORT_DAY, inclusive: bool = False,
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
    """render/ledger_table.ledger_document (``sgs deadlines --ledger``), every text through the one masking as
    the terminal shows it (an ID number typed in the 文号 column is shown masked on the page too)."""
    from sgs_cli.render.ledger_table import ledger_document, summary_line
    from sgs_cli.render.masking import mask_tree

    cal = load_calendar(holidays, provisional)
    with _VALIDATION_SLOTS:
        result = mask_tree(ledger_document(path, cal, today))
    result["summary_line"] = summary_line(result)
    return result


# ------------------------------------------------------------------------------------------ 月报告


def monthly_report(ym: tuple[int, int], paths: list[Path], out: Path, *, unit: str | None = None,
                   report_day: int = REPORT_DAY, today: dt.date | None = None, holidays: str | None = None,
                   provisional: bool = False, roster: Path | None = None, names: dict | None = None):
    """monthly.build + report.monthly.write_workbook, as ``sgs monthly-report``. Returns the report
    (rep.unreadable lists inputs that could not be read: then no workbook is written). `names`: stored path →
    the name the department gave the file (a 退回_ file sent back is a correction: submissions.choose)."""
    from sgs_cli.reports import monthly
    from sgs_cli.render.monthly_workbook import write_workbook

    kwargs = roster_adapter(roster) if roster is None or isinstance(roster, (str, Path)) else {"roster": roster}
    with _VALIDATION_SLOTS:
        rep = monthly.build(ym, [str(p) for p in paths], unit=unit or None, report_day=report_day, today=today,
                      holidays=holidays, provisional=provisional, names=names, **kwargs)
        if not rep.unreadable:
            write_workbook(rep, out, inputs=paths)
    return rep


def units_roster(units: list[str], source: str = "本系统的部门账号"):
    """The roster (单位名单) of the units that have department accounts on the server: the office's
    monthly report lists the units that sent nothing, as ``sgs monthly-report --roster`` does."""
    from sgs_cli.reports.roster import Roster

    roster = Roster(source)
    for unit in units:
        roster.add(unit)
    return roster


def stage_as_units(files: dict[str, Path], folder: Path) -> list[Path]:
    """Each unit's stored file linked (or copied) under the unit's name into ``folder``, so that the
    monthly report names each unit as its account does (the stored files keep the clerks' names)."""
    import shutil

    from sgs_cli.web.storage import safe_stem

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for unit, src in files.items():
        dst = folder / (safe_stem(unit, "单位") + src.suffix)
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)
        out.append(dst)
    return out


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
    both from the library (render/monthly_text.summary_lines, monthly.figures)."""
    from sgs_cli.render.monthly_text import summary_lines
    from sgs_cli.render.rates import figure_rate_text, pct
    from sgs_cli.reports import monthly

    columns = [f for f in monthly.figures() if f.column]

    def shown(fig, figs):
        value = figs.value(fig.key)
        if not fig.rate:
            return value
        return figure_rate_text(figs, fig.key, rep.missing_years) or pct(value)

    return {"unit": rep.unit, "period": rep.period, "due": weekday_zh(rep.due.isoformat()),
            "due_note": rep.due_info.note() if rep.due_info else None, "blank": rep.blank,
            "lines": [] if rep.blank else summary_lines(rep), "columns": [f.column for f in columns],
            "departments": [{"name": k, "values": [shown(f, v) for f in columns]} for k, v in rep.departments.items()],
            "zero_units": rep.zero_units, "late": rep.late_items, "problems": rep.problem_items,
            "not_required": rep.not_required_items,
            "catalog": catalog_view(rep.catalog) if rep.catalog is not None else None,
            "unreadable": rep.unreadable}


def catalog_view(rep) -> dict:
    """应归尽归 for the page: the report's JSON, each unmatched decision's hints on one line."""
    from sgs_cli.render.catalog_match import hint_text

    doc = rep.to_dict()
    for item in doc["unmatched"]:
        item["hint_text"] = hint_text(item)
    return doc


def catalogue_departments(path: Path) -> list[str]:
    """The departments whose 许可/处罚 items the uploaded file holds; InputError when it holds no 事项目录."""
    from sgs_cli.errors import InputError
    from sgs_cli.reports.catalog_match import read_catalogues

    result = validate([path], keep_records=True)
    names = sorted(d.name for d in read_catalogues(result).values() if d.items)
    if not names:
        raise InputError(f"“{path.name}”不是事项目录，或其中没有行政许可、行政处罚事项",
                         "请上传773号附件1“行政许可和行政处罚事项目录”（表头含 行政职权类别、项目名称、设定依据）")
    return names


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
            cells: list[dict[str, object] | None] = []  # None: a day of another month
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


#: the files a page takes: those the reader reads (io/reading.SUFFIXES: WPS .et/.ett included), in a clerk's order
SUFFIXES = tuple(sorted(READ_SUFFIXES, key=[".xlsx", ".xlsm", ".xls", ".et", ".ett", ".ods", ".csv"].index))
SUFFIXES_TEXT = " ".join(SUFFIXES)  # ".xlsx .xlsm .xls .et .ett .ods .csv", for the pages' messages


# ------------------------------------------------------------------------------------------ 季通报 / 年考核


def write_units_roster(units: list[str], out: Path) -> Path:
    """The server's department units as a roster file in the CLI's own format (a 单位名称 column), for the
    reports that read a roster from a file (``--roster``)."""
    from openpyxl import Workbook

    from sgs_cli.io.write import set_text

    wb = Workbook()
    ws = wb.active
    ws.title = "单位名单"
    set_text(ws.cell(1, 1), "单位名称")
    for i, unit in enumerate(units, 2):
        set_text(ws.cell(i, 1), unit)
    wb.save(out)
    return out


def period_report(kind: str, period: str, paths: list[Path], out: Path, *, roster: Path | None = None,
                  register: Path | None = None, scheme: Path | None = None, today: dt.date | None = None,
                  unit: str | None = None, holidays: str | None = None) -> dict:
    """The 季通报 (``sgs quarterly-report``) or the 年考核 (``sgs annual-assessment``): the same collection
    (quarterly.prepare_and_collect), scoring (assessment.assess), workbook writers, summary lines and
    text as the commands. Returns {"lines", "text", "label"}."""
    from sgs_cli.reports import quarterly as Q

    hol = Path(holidays) if holidays else None
    inputs = [p for p in (roster, register, scheme) if p]
    with _VALIDATION_SLOTS:
        if kind == "quarter":
            from sgs_cli.render.quarterly import write_workbook

            year, q = Q.parse_quarter(period)
            # each month as reported (at its own statistics date), as `sgs quarterly-report` (issue 25 part 8)
            rep = Q.prepare_and_collect(year, Q.quarter_months(q), f"{year}年第{q}季度", paths, out, roster=roster,
                                        register=register, force=True, today=today, unit=unit, holidays=hol,
                                        as_reported=True)
            write_workbook(rep, out, inputs=inputs)
            from sgs_cli.render.quarterly_text import bulletin_text, summary_lines

            return {"lines": summary_lines(rep), "text": bulletin_text(rep), "label": rep.label}
        from sgs_cli.render.assessment import write_workbook as write_assessment
        from sgs_cli.reports import assessment as A

        year = parse_year(period)
        sch = A.load_scheme(scheme)
        rep = Q.prepare_and_collect(year, list(range(1, 13)), f"{year}年度", paths, out, roster=roster,
                                    register=register, force=True, today=today, unit=unit, holidays=hol)
        a = A.assess(rep, sch)
        write_assessment(a, out, inputs=inputs)
        from sgs_cli.render.assessment import report_text, summary_lines as assessment_lines

        return {"lines": assessment_lines(a), "text": report_text(a), "label": rep.label}


def parse_year(text: str) -> int:
    from sgs_cli.errors import UsageError
    from sgs_cli.standard.limits import FIRST_YEAR, LAST_YEAR

    t = (text or "").strip().rstrip("年度").rstrip("年")
    if not t.isdigit() or not FIRST_YEAR <= int(t) <= LAST_YEAR:
        raise UsageError(f"年份“{text}”无效", f"请填写 {FIRST_YEAR}–{LAST_YEAR} 之间的年份，如 2026")
    return int(t)


# ------------------------------------------------------------------------------------------ 催报清单 / 公示期限 / 异议


LIST_MODES = {"due": "催报清单", "publication": "行政处罚公示期限", "objections": "异议处理期限", "repair": "信用修复办理期限",
              "ledger": "台账报送情况"}


def listing(mode: str, paths: list[Path], out: Path, *, within: int | None, today: dt.date,
            holidays: str | None = None, severity: str | None = None) -> dict:
    """``sgs deadlines --ledger … [--due-within N | --publication | --objections] -o 清单.xlsx`` (mode ``repair``:
    ``sgs deadlines --repair …``): the same list (render.listing.build_listing) and the same workbook. Returns the
    list for the page."""
    from sgs_cli.render.listing import build_listing, write_xlsx

    cal = load_calendar(holidays)
    with _VALIDATION_SLOTS:
        given = [str(p) for p in paths]
        lst, inputs = build_listing([] if mode == "repair" else given, cal, today,
                                    due_within=within if mode in ("due", "publication", "objections", "repair") else None,
                                    publication=mode == "publication", severity=severity,
                                    objections=mode == "objections", repairs=given if mode == "repair" else None)
    write_xlsx(lst, out, force=True, inputs=inputs)
    from sgs_cli.render.masking import mask_tree

    # the page lists the decisions by 文号: through the one masking, as the terminal prints them (an ID number
    # typed in the 文号 column was shown in clear)
    return mask_tree({"title": lst.title, "headers": lst.headers, "rows": lst.rows, "summary": lst.summary})


# ------------------------------------------------------------------------------------------ 公示数据导出


def public_export(paths: list[Path], out: Path, *, include_errors: bool = False, today: dt.date | None = None,
                  holidays: str | None = None) -> dict:
    """``sgs export --public … -o out``: validate (records kept), then render.export.export_public — only the
    fields the standard publishes, records with errors held back unless asked. Returns its to_dict() with
    the sheet titles."""
    from sgs_cli.render.export import SHEET_TITLE, export_public
    from sgs_cli.validation.engine import ValidateOptions, validate_paths

    opts = ValidateOptions(kind="auto", holidays=holidays, keep_records=True)
    opts.today = today or opts.today
    with _VALIDATION_SLOTS:
        report = validate_paths([str(p) for p in paths], opts)
        res = export_public(report, out, include_errors=include_errors, force=True)
    doc = res.to_dict()
    doc["counts"] = [(SHEET_TITLE[k], n) for k, n in res.exported.items()]
    for h in doc["held_back"]:
        h["name"] = Path(h["file"]).name
    from sgs_cli.render.masking import PATH_KEYS, mask_tree

    # the page lists the records held back by 文号 and reason: through the one masking (an ID number typed in the
    # 文号 column was shown in clear); the file names are the user's own
    return mask_tree(doc, keep=PATH_KEYS | {"name"})


def platform_reconciliation(ym: tuple[int, int], paths: list[Path], failures: list[Path], platform: list[Path], *,
                            today: dt.date | None = None, holidays: str | None = None, roster=None,
                            names: dict | None = None) -> dict:
    """The month's 平台对账 (reports/platform_intake.reconcile) of the units' accepted submissions with the office's
    platform files, as ``sgs monthly-report --failures/--platform`` does; JSON-ready, ID numbers masked."""
    from sgs_cli.render.masking import mask_tree
    from sgs_cli.reports.platform_intake import reconcile

    with _VALIDATION_SLOTS:
        rec = reconcile([str(p) for p in paths], failures=failures, platform=platform, month=ym, today=today,
                        holidays=holidays, roster=roster, names=names)
    return mask_tree(rec.to_dict())
