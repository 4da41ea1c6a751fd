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
    from openpyxl import Workbook

    from sgs_cli.io.write import set_text

    audit("export", "审计日志", "导出为 Excel")
    wb = Workbook()
    ws = wb.active
    ws.title = "查询使用登记"
    headers = ("时间", "账号", "单位", "操作", "对象", "说明", "地址")
    for c, h in enumerate(headers, 1):
        set_text(ws.cell(1, c), h)
    for r, row in enumerate(store().audit_rows(), 2):
        values = (row["at"], row["username"], row["unit"], ACTION_LABEL.get(row["action"], row["action"]),
                  row["target"], row["detail"], row["ip"])
        for c, v in enumerate(values, 1):
            set_text(ws.cell(r, c), v)
    for col, w in zip("ABCDEFG", (20, 14, 20, 10, 18, 40, 16)):
        ws.column_dimensions[col].width = w
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return send_file(buf, as_attachment=True, download_name=f"查询使用登记_{dt.date.today():%Y%m%d}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
