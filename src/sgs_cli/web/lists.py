"""The page 清单: the 催报清单 (decisions due within N working days, today's first, then the overdue ones),
the publication deadlines of penalties (信用修复 / 撤下), the objection deadlines, over any number of
ledgers (files or a folder) — in office mode also over every unit's latest submission. The work is
services.listing, the same calls as ``sgs deadlines --ledger … --due-within / --publication / --objections``."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, g, request

from sgs_cli.errors import SgsError
from sgs_cli.web import services
from sgs_cli.web.common import form_date, holidays, office, owner, page, results, save_uploads, store

MAX_LEDGERS = 200

bp = Blueprint("lists", __name__)


def latest_per_unit() -> dict:
    """unit -> its latest submission (any month) whose file is there."""
    rows = store().query("SELECT * FROM submissions WHERE status != 'lost' ORDER BY id")
    return {r["unit"]: r for r in rows}


@bp.route("/lists", methods=["GET", "POST"])
def lists_page():
    mode = request.values.get("mode", "due")
    if mode not in services.LIST_MODES:
        mode = "due"
    can_use_server = office() and (g.get("user") or {}).get("role") == "office"
    ctx = {"mode": mode, "modes": services.LIST_MODES, "within": request.form.get("within", "2"),
           "can_use_server": can_use_server}
    if request.method == "GET":
        return page("lists.html", **ctx)
    token, folder = results().new(owner())
    (folder / "in").mkdir()
    paths, problems = save_uploads(folder / "in", "files", MAX_LEDGERS)
    more, why = save_uploads(folder / "in", "folder", MAX_LEDGERS)
    paths, problems = paths + more, problems + why
    if can_use_server and request.form.get("server") == "1" and mode != "repair":  # the units' ledgers
        files = {u: store().submission_file(r) for u, r in latest_per_unit().items()}
        if services.stage_as_units(files, folder / "units"):
            paths.append(folder / "units")  # a folder, read in the order the command reads one
    if not paths:
        return page("lists.html", 400, error="请选择台账文件或文件夹" + ("，或勾选“本系统各单位最新报送的台账”"
                                                                    if can_use_server else ""),
                    problems=problems, **ctx)
    try:
        within_text = request.form.get("within", "").strip()
        within = int(within_text) if within_text else None
        if within is not None and not 0 <= within <= 365:
            raise ValueError
    except ValueError:
        return page("lists.html", 400, error=f"工作日数“{request.form.get('within')}”无效，请填写 0–365 的整数",
                    **ctx)
    if mode == "due" and within is None:
        within = 2
    try:
        today = form_date("today", "统计日期") or dt.date.today()
        out = folder / f"{services.LIST_MODES[mode]}_{today:%Y%m%d}.xlsx"
        result = services.listing(mode, paths, out, within=within, today=today, holidays=holidays(),
                                  severity=request.form.get("severity") or None)
    except SgsError as e:
        return page("lists.html", 400, error=e.message, hint=e.hint, problems=problems, **ctx)
    results().get(token, owner())["files"]["workbook"] = out
    return page("lists.html", token=token, filename=out.name, result=result, problems=problems, files=len(paths),
                **ctx)
