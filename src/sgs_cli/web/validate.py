"""The page 校验 (files checked on the spot: findings, 错误回执, 通过/退回 files, JSON) and the download of any
tool page's result (``/results/<token>/<key>``, only for the account that made it)."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, redirect, request, send_file, url_for

from sgs_cli.errors import SgsError
from sgs_cli.web import services
from sgs_cli.web.common import audit, form_date, holidays, owner, page, results, save_uploads

bp = Blueprint("validate", __name__)


@bp.route("/validate", methods=["GET", "POST"])
def validate_page():
    if request.method == "GET":
        return page("validate.html")
    token, folder = results().new(owner())
    inputs = folder / "inputs"
    inputs.mkdir()
    paths, problems = save_uploads(inputs)
    if not paths:
        return page("validate.html", 400, problems=problems or ["请选择要校验的文件"])
    try:
        today = form_date("today", "今天") or dt.date.today()
        submit = form_date("submit_date", "报送日期")
    except SgsError as e:
        return page("validate.html", 400, problems=[e.message + ("（" + e.hint + "）" if e.hint else "")])
    report = services.validate(paths, today=today, submit_date=submit, holidays=holidays(), keep_records=True)
    item = results().get(token, owner())
    out = folder / "out"
    out.mkdir()
    receipts = services.write_receipt(report, out / "错误回执.xlsx")
    splits = services.split_files(report, folder / "split")
    (out / "校验结果.json").write_text(services.report_json(report) + "\n", encoding="utf-8")
    item["files"] = {"json": out / "校验结果.json"}
    for i, p in enumerate(receipts):
        item["files"][f"receipt{i}"] = p
    split_links = []
    for i, sp in enumerate(splits):
        item["files"][f"pass{i}"] = sp["pass_file"]
        item["files"][f"return{i}"] = sp["return_file"]
        split_links.append({"name": sp["name"], "passed": sp["passed"], "returned": sp["returned"],
                            "pass": (f"pass{i}", sp["pass_file"].name), "return": (f"return{i}", sp["return_file"].name)})
    view = services.findings_view(report)
    item["view"] = {"report": view, "problems": problems, "receipts": [(f"receipt{i}", p.name) for i, p in
                                                                         enumerate(receipts)],
                    "splits": split_links}
    return redirect(url_for("validate.validate_result", token=token))


@bp.route("/validate/<token>")
def validate_result(token):
    item = results().get(token, owner())
    return page("validate.html", token=token, **item["view"])


@bp.route("/results/<token>/<key>")
def result_download(token, key):
    item = results().get(token, owner())
    path = item["files"].get(key)
    if path is None:
        abort(404)
    audit("download", path.name, "页面工具生成的文件")
    return send_file(path, as_attachment=True, download_name=path.name)
