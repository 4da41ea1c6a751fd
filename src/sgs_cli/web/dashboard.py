"""Office mode, the office's pages of a month: 报送汇总 (every unit's latest and accepted submission, the
month's reports, 应归尽归 and the last 平台对账), the uploads of the 事项目录 and of the platform's files, the
月报告 made from the accepted submissions, its page and its workbook."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from flask import Blueprint, abort, redirect, request, send_file, url_for

from sgs_cli.errors import SgsError
from sgs_cli.web import services
from sgs_cli.web.common import audit, form_date, holidays, office_only, owner, page, results, save_uploads, store
from sgs_cli.web.storage import safe_stem

bp = Blueprint("dashboard", __name__)


def platform_dir(month: str) -> Path:
    """The office's platform files of a month (failure files, exports) and the last reconciliation."""
    return store().root / "platform" / safe_stem(month)


def stage_accepted(month: str):
    """(rows, staged paths, stored path → the clerk's file name) of every accepted submission of the month
    and of the returned ones an accepted correction corrects (corrected_originals), each staged under its unit's name: the reports choose among a unit's versions and corrections by the rule
    of every report (submissions.choose), as `sgs monthly-report` does on a folder."""
    rows = store().submissions(month=month)
    used = [r for r in rows if r["status"] == "accepted"]
    used += corrected_originals(used, rows)
    used.sort(key=lambda r: (r["unit"], r["version"]))
    _, staging = results().new(owner())
    paths = services.stage_as_units({f"{r['unit']}_第{r['version']}版": store().submission_file(r) for r in used},
                                    staging / "in")
    return used, paths, {str(p): r["original_name"] for p, r in zip(paths, used)}


def corrected_originals(accepted: list, rows: list) -> list:
    """The returned submissions that an accepted ``退回_`` file corrects: the report reads them with the
    correction, whose records replace theirs (submissions.choose), as `sgs monthly-report` reads a folder
    holding a ledger and its corrected return file. Without them a correction would stand alone (找不到原文件)
    and the original's records that were never returned would be lost. Of each name, the unit's latest
    returned version; the chain of a return of a return (退回_退回_X: X and 退回_X) as well."""
    from sgs_cli.findings import RETURN_PREFIX
    from sgs_cli.reports.submissions import correction_of

    have = {r["id"] for r in accepted}
    out = []
    for r in accepted:
        n, base = correction_of(r["original_name"])
        for k in range(n):
            stem = RETURN_PREFIX * k + base
            named = [x for x in rows if x["unit"] == r["unit"] and x["status"] == "returned"
                     and x["version"] < r["version"] and Path(x["original_name"]).stem == stem]
            if named:
                last = max(named, key=lambda x: x["version"])
                if last["id"] not in have:
                    have.add(last["id"])
                    out.append(last)
    return out


@bp.route("/dashboard")
@office_only
def dashboard():
    from sgs_cli.reports.monthly import default_month

    st = store()
    y, m = default_month()
    month = request.args.get("month") or f"{y}-{m:02d}"
    try:
        ym = services.parse_month(month)
    except SgsError as e:
        return page("dashboard.html", 400, month=month, rows=[], error=e.message)
    month = f"{ym[0]}-{ym[1]:02d}"
    latest, accepted, versions = st.latest(month), st.latest(month, True), st.versions(month)
    units = sorted(set(st.department_units()) | set(latest))
    rows = [{"unit": u, "latest": latest.get(u), "accepted": accepted.get(u), "versions": versions.get(u, 0)}
            for u in units]
    counts = {"units": len(units), "submitted": len(latest), "accepted": len(accepted),
              "missing": len(units) - len(latest)}
    reports = [r for r in st.reports() if r["month"] == month]
    catalogues = [p.name for p in st.catalogues()]
    catalog = None  # 应归尽归 of the month's latest report made with the catalogues
    for r in reports:
        summary = json.loads(r["summary"]) if r["summary"] else {}
        if summary.get("catalog"):
            catalog = {"report": r["id"], **summary["catalog"]}
            break
    intake_file = platform_dir(month) / "summary.json"  # the month's last 平台对账
    intake = json.loads(intake_file.read_text(encoding="utf-8")) if intake_file.is_file() else None
    return page("dashboard.html", month=month, rows=rows, counts=counts, reports=reports,
                catalogues=catalogues, catalog=catalog, intake=intake)


@bp.route("/dashboard/catalog", methods=["POST"])
@office_only
def upload_catalog():
    month = request.form.get("month", "")
    _, folder = results().new(owner())
    paths, problems = save_uploads(folder, "catalog", 1)
    if not paths:
        return page("error.html", 400, title="未上传事项目录",
                    message="；".join(problems) or "请选择事项目录文件（773号附件1）。")
    try:
        names = services.catalogue_departments(paths[0])
    except SgsError as e:
        return page("error.html", 400, title="不是事项目录", message=e.message)
    store().save_catalogue(paths[0].name, paths[0].read_bytes())
    audit("catalog", "事项目录", f"{paths[0].name}：" + "、".join(names))
    return redirect(url_for("dashboard.dashboard", month=month) if month else url_for("dashboard.dashboard"))


def month_form() -> tuple[tuple[int, int], str, dt.date | None]:
    """The month (as a pair and as YYYY-MM) and the statistics date of a dashboard form; SgsError when either
    is not valid."""
    ym = services.parse_month(request.form.get("month", ""))
    return ym, f"{ym[0]}-{ym[1]:02d}", form_date("today", "统计日期")


@bp.route("/dashboard/platform", methods=["POST"])
@office_only
def platform_intake():
    """The office uploads the platform's failure files and its export for a month (or none: 重新对账 with the
    files already there; ``replace``: this upload replaces the month's files). The month's accepted submissions
    are reconciled with them; new files are kept only when the reconciliation could use them (a wrong file is
    refused with its reason and never blocks the month's later reconciliations)."""
    from sgs_cli.io.write import atomic_write_text

    try:
        ym, month, today = month_form()
    except SgsError as e:
        return page("error.html", 400, title="月份或日期无效", message=e.message)
    folder = platform_dir(month)
    replace = request.form.get("replace") == "1"
    _, staging = results().new(owner())
    problems, new, files = [], {}, {}
    for side in ("failures", "platform"):
        (folder / side).mkdir(parents=True, exist_ok=True)
        (staging / side).mkdir()
        new[side], said = save_uploads(staging / side, side, suffixes=services.SUFFIXES + (".json",))
        problems += said
        names = {p.name for p in new[side]}  # a file uploaded again under its name replaces the older one
        kept = [] if replace else [p for p in sorted((folder / side).iterdir()) if p.name not in names]
        files[side] = kept + new[side]
    if not files["failures"] and not files["platform"]:
        return page("error.html", 400, title="没有平台文件",
                    message="请上传信用平台的失败文件（含“失败原因”列）或平台导出（790号表格或 JSON）。"
                    + "；".join(problems))
    used, paths, names = stage_accepted(month)
    roster = services.units_roster(store().department_units())
    try:
        view = services.platform_reconciliation(ym, paths, files["failures"], files["platform"], today=today,
                                                holidays=holidays(), roster=roster, names=names)
    except SgsError as e:
        return page("error.html", 400, title="无法对账",
                    message=e.message + ("（本次上传的文件未保存）" if new["failures"] or new["platform"] else ""))
    for side in ("failures", "platform"):
        if replace:
            for old in (folder / side).iterdir():
                old.unlink()
        for p in new[side]:
            shutil.move(str(p), str(folder / side / p.name))
        if new[side]:
            audit("upload", f"平台文件 {month}", ("失败文件：" if side == "failures" else "平台导出：")
                  + "、".join(p.name for p in new[side]) + ("（替换本月已上传的文件）" if replace else ""))
    view.update(problems=problems, submissions=[r["id"] for r in used])
    atomic_write_text(json.dumps(view, ensure_ascii=False), folder / "summary.json", suffixes=(".json",))
    audit("reconcile", f"平台对账 {month}", "使用报送 " + ("、".join(f"#{r['id']}" for r in used) or "无"))
    return redirect(url_for("dashboard.dashboard", month=month) + "#platform")


@bp.route("/dashboard/report", methods=["POST"])
@office_only
def build_report():
    st = store()
    try:
        ym, month, today = month_form()
    except SgsError as e:
        return page("error.html", 400, title="月份或日期无效", message=e.message)
    accepted = st.latest(month, True)
    if not accepted:
        return page("error.html", 400, title="没有可汇总的报送",
                    message=f"{month} 还没有通过校验的报送，无法生成月报告。")
    # every accepted submission of the month, each stored file under its unit's name (the report names units
    # as their accounts do), the clerk's own file name kept for the version rule (a 退回_ file sent back is a
    # correction)
    used, paths, names = stage_accepted(month)
    ids = [r["id"] for r in used]
    rid, out = st.add_report(month, owner(), ids, "")
    out.parent.mkdir(parents=True)
    roster = services.units_roster(st.department_units())
    try:  # the office's catalogues with the ledgers: the report holds 应归尽归
        rep = services.monthly_report(ym, paths + st.catalogues(), out, today=today, holidays=holidays(),
                                      roster=roster, names=names)
    except SgsError as e:
        return page("error.html", 400, title="无法生成月报告", message=e.message)
    if rep.unreadable:
        return page("error.html", 400, title="无法生成月报告", message="；".join(rep.unreadable))
    view = services.monthly_view(rep)
    with st.tx() as c:
        c.execute("UPDATE reports SET summary = ? WHERE id = ?", (json.dumps(view, ensure_ascii=False), rid))
    audit("export", f"月报告#{rid}", f"{month}，汇总报送 " + "、".join(f"#{i}" for i in ids))
    return redirect(url_for("dashboard.report_page", rid=rid))


@bp.route("/reports/<int:rid>")
@office_only
def report_page(rid):
    row = store().report(rid)
    if row is None or not row["summary"]:
        abort(404)
    audit("view", f"月报告#{rid}", row["month"])
    return page("report.html", row=row, report=json.loads(row["summary"]),
                sources=[store().submission(int(i)) for i in row["submission_ids"].split(",") if i])


@bp.route("/reports/<int:rid>.xlsx")
@office_only
def report_download(rid):
    row = store().report(rid)
    if row is None:
        abort(404)
    path = store().report_path(rid, row["month"])
    if not path.exists():
        abort(404)
    audit("download", f"月报告#{rid}", row["month"])
    return send_file(path, as_attachment=True, download_name=path.name)
