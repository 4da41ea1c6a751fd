"""The page 公示导出: the public fields of validated 790 tables for the department's website, as
``sgs export --public`` writes them (services.public_export). ID numbers are never in the output."""

from __future__ import annotations

from flask import Blueprint, request

from sgs_cli.errors import SgsError
from sgs_cli.web import services
from sgs_cli.web.common import form_date, holidays, owner, page, results, save_uploads

MAX_FILES = 100

bp = Blueprint("public", __name__)


@bp.route("/export", methods=["GET", "POST"])
def export_page():
    if request.method == "GET":
        return page("export.html")
    token, folder = results().new(owner())
    (folder / "in").mkdir()
    paths, problems = save_uploads(folder / "in", "files", MAX_FILES)
    more, why = save_uploads(folder / "in", "folder", MAX_FILES)
    paths, problems = paths + more, problems + why
    if not paths:
        return page("export.html", 400, error="请选择790号行政许可/行政处罚表", problems=problems)
    try:
        today = form_date("today", "统计日期")
        out = folder / "公示数据.xlsx"
        doc = services.public_export(paths, out, include_errors=request.form.get("include_errors") == "1",
                                     today=today, holidays=holidays())
    except SgsError as e:
        return page("export.html", 400, error=e.message, hint=e.hint, problems=problems)
    results().get(token, owner())["files"]["workbook"] = out
    return page("export.html", token=token, doc=doc, problems=problems)
