"""Office mode, the page 审计日志 and its export to Excel (查询使用登记)."""

from __future__ import annotations

import datetime as dt
import io

from flask import Blueprint, send_file

from sgs_cli.web.common import audit, office_only, page, store
from sgs_cli.web.storage import ACTION_LABEL

bp = Blueprint("audit", __name__)


@bp.route("/audit")
@office_only
def audit_page():
    return page("audit.html", rows=store().audit_rows(500))


@bp.route("/audit/export.xlsx")
@office_only
def audit_export():
    from sgs_cli.render.audit_log import audit_xlsx

    audit("export", "审计日志", "导出为 Excel")
    buf = io.BytesIO(audit_xlsx(store().audit_rows(), ACTION_LABEL))
    return send_file(buf, as_attachment=True, download_name=f"查询使用登记_{dt.date.today():%Y%m%d}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
