"""The page 月报告: one month's report over ledgers uploaded on the spot (a blank one without files), the same
calls as ``sgs monthly-report``."""

from __future__ import annotations

from flask import Blueprint, request

from sgs_cli.errors import SgsError
from sgs_cli.web import services
from sgs_cli.web.common import form_date, holidays, owner, page, results, save_uploads

bp = Blueprint("monthly", __name__)


@bp.route("/monthly", methods=["GET", "POST"])
def monthly_page():
    from sgs_cli.reports.monthly import default_month

    y, m = default_month()
    ctx = {"month": request.form.get("month") or f"{y}-{m:02d}", "roster_supported": services.ROSTER_SUPPORTED}
    if request.method == "GET":
        return page("monthly.html", **ctx)
    try:
        ym = services.parse_month(ctx["month"])
        today = form_date("today", "统计日期")
    except SgsError as e:
        return page("monthly.html", 400, error=e.message, hint=e.hint, **ctx)
    token, folder = results().new(owner())
    (folder / "in").mkdir()
    paths, problems = save_uploads(folder / "in")
    roster = None
    if request.files.get("roster") and request.files["roster"].filename:
        (folder / "roster").mkdir()
        rp, rproblems = save_uploads(folder / "roster", "roster", 1)
        roster, problems = (rp[0] if rp else None), problems + rproblems
    out = folder / f"双公示月报告_{ym[0]}-{ym[1]:02d}.xlsx"
    try:
        if paths:
            rep = services.monthly_report(ym, paths, out, unit=request.form.get("unit", "").strip()[:60] or None,
                                          today=today, holidays=holidays(), roster=roster)
        else:
            services.write_blank_monthly(ym, out)
            rep = None
    except SgsError as e:
        return page("monthly.html", 400, error=e.message, hint=e.hint, problems=problems, **ctx)
    if rep is not None and rep.unreadable:
        return page("monthly.html", 400, error="以下文件无法读取，未生成月报告：" + "；".join(rep.unreadable),
                    problems=problems, **ctx)
    item = results().get(token, owner())
    item["files"]["workbook"] = out
    return page("monthly.html", token=token, problems=problems, report=services.monthly_view(rep) if rep else None,
                blank=rep is None, filename=out.name, **ctx)
