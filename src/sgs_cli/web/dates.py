"""The pages 期限 (the deadlines of one decision, or a ledger's statuses) and 日历 (the working-day calendar of a
year; the office saves a year's State Council notice)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Blueprint, abort, g, request

from sgs_cli.errors import SgsError
from sgs_cli.standard.limits import FIRST_YEAR, LAST_YEAR
from sgs_cli.web import services
from sgs_cli.web.common import audit, form_date, holidays, holidays_file, office, owner, page, results, save_uploads

bp = Blueprint("dates", __name__)


@bp.route("/deadlines", methods=["GET", "POST"])
def deadlines_page():
    ctx = {"form": request.form, "severities": ("轻微", "一般", "严重")}
    if request.method == "GET":
        return page("deadlines.html", **ctx)
    try:
        if request.form.get("mode") == "ledger":
            token, folder = results().new(owner())
            paths, problems = save_uploads(folder, "ledger", 1)
            if not paths:
                return page("deadlines.html", 400, error="请选择一个台账文件", problems=problems, **ctx)
            today = form_date("today", "今天") or dt.date.today()
            ctx["ledger"] = services.ledger_status(paths[0], today, holidays())
            ctx["ledger_name"] = request.files["ledger"].filename
        else:
            decided = form_date("decided", "决定日期") or dt.date.today()
            ctx["deadlines"] = services.deadlines_for(
                decided, objection_received=form_date("objection", "收到异议日期"),
                penalty=request.form.get("penalty") == "1", severity=request.form.get("severity", "一般"),
                inclusive=request.form.get("inclusive") == "1", holidays=holidays())
    except SgsError as e:
        return page("deadlines.html", 400, error=e.message, hint=e.hint, **ctx)
    return page("deadlines.html", **ctx)


def calendar_target() -> Path:
    """The holiday file the 日历 page saves to: the office's own in office mode, else the CLI's default file."""
    return holidays_file() or services.default_holidays_path()


@bp.route("/calendar")
def calendar_page():
    try:
        year = int(request.args.get("year") or dt.date.today().year)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError
    except ValueError:
        return page("calendar.html", 400, error="年份无效", year=dt.date.today().year)
    ctx = {"year": year, "can_save": not office() or g.user["role"] == "office", "target": calendar_target()}
    try:
        ctx["view"] = services.calendar_view(services.load_calendar(holidays()), year)
    except SgsError as e:
        ctx.update(error=e.message, hint=e.hint)
    return page("calendar.html", **ctx)


def notice_form():
    try:
        year = int(request.form.get("year", ""))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError
    except ValueError:
        abort(400)
    return year, request.form.get("notice", "")[:100_000]


@bp.route("/calendar/preview", methods=["POST"])
def calendar_preview():
    if office() and g.user["role"] != "office":
        abort(403)
    year, text = notice_form()
    pre = services.notice_preview(text, year)
    return page("calendar.html", 400 if pre["error"] else 200, year=year, notice=text, preview=pre,
                can_save=True, target=calendar_target(), error=pre["error"])


@bp.route("/calendar/save", methods=["POST"])
def calendar_save():
    if office() and g.user["role"] != "office":
        abort(403)
    year, text = notice_form()
    try:
        res = services.notice_save(text, year, calendar_target(), force=request.form.get("force") == "1")
    except SgsError as e:
        return page("calendar.html", 400, year=year, notice=text, error=e.message, hint=e.hint, can_save=True,
                    target=calendar_target())
    if res.get("saved"):
        audit("calendar", f"{year}年节假日安排", res["saved"])
    return page("calendar.html", 400 if res["error"] else 200, year=year, notice=text, preview=res,
                saved=res.get("saved"), can_save=True, target=calendar_target(), error=res["error"])
