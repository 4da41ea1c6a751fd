"""The page 模板: the blank templates to download (790 licence and penalty tables and the others)."""

from __future__ import annotations

from flask import Blueprint, abort, send_file

from sgs_cli.web import services
from sgs_cli.web.common import owner, page, results

bp = Blueprint("blanks", __name__)


@bp.route("/templates")
def templates_page():
    return page("templates.html", templates=services.template_list())


@bp.route("/templates/<kind>.xlsx")
def template_download(kind):
    if kind not in services.template_kinds():
        abort(404)
    token, folder = results().new(owner())
    item = next(t for t in services.template_list() if t["kind"] == kind)
    path = services.write_template(kind, folder / item["filename"])
    return send_file(path, as_attachment=True, download_name=item["filename"])
