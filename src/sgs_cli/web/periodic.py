"""The pages 季通报 and 年考核: ledgers (several files or a whole folder), the roster — in office mode the
server's own department units unless one is uploaded —, the 报送登记表 and, for the 年考核, the scoring
scheme; the summary and the bulletin text on the page, the workbook to download. All the work is
services.period_report, which calls the same functions as ``sgs quarterly-report`` and
``sgs annual-assessment``."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, request

from sgs_cli.errors import SgsError
from sgs_cli.web import services
from sgs_cli.web.common import form_date, holidays, office, owner, page, results, save_uploads, store

KINDS = {"quarter": "季度通报", "year": "年度考核"}
MAX_LEDGERS = 200

bp = Blueprint("periodic", __name__)


def default_period(kind: str) -> str:
    today = dt.date.today()
    if kind == "year":
        return str(today.year - 1 if today.month <= 2 else today.year)
    q = (today.month - 1) // 3  # the quarter that ended last
    return f"{today.year}Q{q}" if q else f"{today.year - 1}Q4"


@bp.route("/periodic/<kind>", methods=["GET", "POST"])
def periodic_page(kind):
    if kind not in KINDS:
        abort(404)
    units = store().department_units() if office() else []
    ctx = {"kind": kind, "title": KINDS[kind], "period": request.form.get("period") or default_period(kind),
           "server_units": units}
    if request.method == "GET":
        return page("periodic.html", **ctx)
    token, folder = results().new(owner())
    for sub in ("in", "roster", "register", "scheme"):
        (folder / sub).mkdir()
    paths, problems = save_uploads(folder / "in", "files", MAX_LEDGERS)
    more, more_problems = save_uploads(folder / "in", "folder", MAX_LEDGERS)
    paths, problems = paths + more, problems + more_problems

    def one(field):
        got, why = save_uploads(folder / field, field, 1)
        problems.extend(why)
        return got[0] if got else None

    roster, register_file, scheme = one("roster"), one("register"), one("scheme")
    if roster is None and units:
        roster = services.write_units_roster(units, folder / "roster" / "本系统的部门账号.xlsx")
    if not paths:
        return page("periodic.html", 400, error="请选择各部门的台账文件或文件夹", problems=problems, **ctx)
    try:
        today = form_date("today", "统计日期")
        name = f"双公示季度通报_{ctx['period']}.xlsx" if kind == "quarter" else f"双公示年度考核_{ctx['period']}.xlsx"
        from sgs_cli.web.storage import safe_stem

        out = folder / (safe_stem(name[:-5]) + ".xlsx")
        result = services.period_report(kind, ctx["period"], paths, out, roster=roster, register=register_file,
                                        scheme=scheme, today=today,
                                        unit=request.form.get("unit", "").strip()[:60] or None,
                                        holidays=holidays())
    except SgsError as e:
        return page("periodic.html", 400, error=e.message, hint=e.hint, problems=problems, **ctx)
    results().get(token, owner())["files"]["workbook"] = out
    return page("periodic.html", token=token, filename=out.name, result=result, problems=problems,
                roster_used="本系统的部门账号" if roster is not None and roster.parent.name == "roster"
                and roster.name == "本系统的部门账号.xlsx" else (roster.name if roster else None),
                files=len(paths), **ctx)
