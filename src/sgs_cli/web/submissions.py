"""Office mode, the submissions: a department sends its ledgers (报送台账) and sees its own (报送记录); the
office sees every unit's, accepts a returned one with a reason, has one checked again. Another unit's
submission does not exist for a department account."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, g, redirect, request, send_file, url_for

from sgs_cli.errors import SgsError
from sgs_cli.web import services
from sgs_cli.web.common import MAX_FILES, audit, checker, office_mode, office_only, owner, page, store
from sgs_cli.web.storage import clean_name, safe_stem

bp = Blueprint("submissions", __name__)


def visible_submission(sid: int):
    row = store().submission(sid)
    if row is not None and g.user["role"] != "office" and row["unit"] != g.user["unit"]:
        audit("refused", f"报送#{sid}", f"{row['unit']}的报送，{request.method} {request.path[:200]}")
        row = None
    if row is None:
        abort(404)  # another unit's submission does not exist for a department account
    return row


@bp.route("/submit", methods=["GET", "POST"])
@office_mode
def submit():
    from sgs_cli.reports.monthly import default_month

    y, m = default_month()
    month = request.form.get("month") or f"{y}-{m:02d}"
    if g.user["role"] != "department":
        abort(403)
    if request.method == "GET":
        return page("submit.html", month=month)
    try:
        ym = services.parse_month(month)
    except SgsError as e:
        return page("submit.html", 400, month=month, error=e.message)
    uploads = [f for field in ("file", "folder") for f in request.files.getlist(field) if f and f.filename]
    if len(uploads) > MAX_FILES:
        return page("submit.html", 400, month=month, error=f"一次最多报送 {MAX_FILES} 个文件，请分批报送")
    month_key = f"{ym[0]}-{ym[1]:02d}"
    problems, sids = [], []
    for f in uploads:  # several files or a folder: each file is its own submission
        name = clean_name(f.filename)
        suffix = Path(name).suffix.lower()
        if suffix not in services.SUFFIXES:
            if len(uploads) == 1 or request.files.getlist("file"):
                problems.append(f"“{name}”不是 {services.SUFFIXES_TEXT} 台账文件，未报送")
            continue  # other files of a folder (说明.docx …) are skipped quietly
        data = f.read()
        if not data:
            problems.append(f"文件“{name}”是空的，未报送")
            continue
        try:
            sid, path = store().new_submission(unit=g.user["unit"], username=owner(), month=month_key,
                                               original_name=name, suffix=suffix, data=data)
        except OSError as e:  # disk full, no permission: nothing was stored, the next upload works
            current_app.logger.error("报送未保存（%s %s）：%s", g.user["unit"], name, e)
            problems.append(f"“{name}”：服务器无法保存文件（磁盘空间不足或无法写入），本次报送未保存。"
                            "请稍后重试，或联系信用办。")
            continue
        checker().check(sid, path)
        audit("submit", f"报送#{sid}", f"{g.user['unit']} {month_key} {name}")
        sids.append(sid)
    if not sids:
        error = "；".join(problems) or f"请选择一个 {services.SUFFIXES_TEXT} 台账文件"
        return page("submit.html", 503 if "磁盘空间不足" in error else 400, month=month, error=error)
    if len(sids) == 1 and not problems:
        return redirect(url_for("submissions.submission", sid=sids[0]))
    return page("submissions.html", rows=store().submissions(g.user["unit"], month_key), month=month_key,
                problems=problems, just_sent=sids)


@bp.route("/submissions")
@office_mode
def submissions():
    month = request.args.get("month", "")
    unit = None if g.user["role"] == "office" else g.user["unit"]
    return page("submissions.html", rows=store().submissions(unit, month or None), month=month)


@bp.route("/submissions/<int:sid>")
@office_mode
def submission(sid):
    row = visible_submission(sid)
    import json

    result_path = store().submission_dir(sid) / "校验结果.json"
    doc = json.loads(result_path.read_text(encoding="utf-8")) if result_path.exists() else None
    counts = services.split_facts(doc)  # facts (late report …) listed apart: never a reason to return
    audit("view", f"报送#{sid}", f"{row['unit']} {row['month']} 第{row['version']}版")
    return page("submission.html", row=row, doc=doc, counts=counts,
                has_receipt=(store().submission_dir(sid) / "错误回执.xlsx").exists())


@bp.route("/submissions/<int:sid>/accept", methods=["POST"])
@office_only
def accept_submission(sid):
    """The office accepts a returned submission with a written reason (kept with it and audited): the
    monthly report then counts it like any accepted one."""
    row = store().submission(sid)
    if row is None:
        abort(404)
    reason = " ".join(request.form.get("reason", "").split())[:500]
    if row["status"] != "returned":
        return page("error.html", 400, title="无法受理", message="只有“退回”状态的报送可以受理。")
    if row["exit_code"] == 3:
        return page("error.html", 400, title="无法受理", message="该文件无法读取，不能受理；请部门重新报送可读取的文件。")
    if len(reason) < 4:
        return page("error.html", 400, title="请填写受理理由",
                    message="受理退回的报送须写明理由（至少4个字），理由与报送一起保存并记入审计日志。")
    if not store().accept_returned(sid, owner(), reason):
        return page("error.html", 400, title="无法受理", message="只有“退回”状态的报送可以受理。")
    audit("accept", f"报送#{sid}", f"{row['unit']} {row['month']} 第{row['version']}版；理由：{reason}")
    return redirect(url_for("submissions.submission", sid=sid))


@bp.route("/submissions/<int:sid>/<what>")
@office_mode
def submission_download(sid, what):
    row = visible_submission(sid)
    folder = store().submission_dir(sid)
    path = {"file": store().submission_file(row), "receipt": folder / "错误回执.xlsx",
            "json": folder / "校验结果.json"}.get(what)
    if path is None or not path.exists():
        abort(404)
    name = {"file": row["original_name"], "receipt": f"错误回执_{safe_stem(row['unit'])}_{row['month']}"
                                                     f"_第{row['version']}版.xlsx",
            "json": f"校验结果_{safe_stem(row['unit'])}_{row['month']}_第{row['version']}版.json"}[what]
    audit("download", f"报送#{sid}", {"file": "原始台账", "receipt": "错误回执", "json": "校验结果JSON"}[what])
    return send_file(path, as_attachment=True, download_name=name)


@bp.route("/submissions/<int:sid>/recheck", methods=["POST"])
@office_only
def recheck(sid):
    row = visible_submission(sid)
    if row["status"] not in ("check_failed", "checking"):
        abort(400)
    checker().recheck(sid)
    audit("recheck", f"报送#{sid}", f"{row['unit']} {row['month']} 第{row['version']}版")
    return redirect(url_for("submissions.submission", sid=sid))
