"""The web's audit log (查询使用登记) as a workbook for the office's files: one row per logged action, newest first,
laid out for paper like every workbook sgs writes (render/paper.finish) and kept as logged — a record, no text of it
rewritten (it is no official document: the office files it)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

AUDIT_SHEET = "查询使用登记"
AUDIT_HEADERS = ("时间", "账号", "单位", "操作", "对象", "说明", "地址")
AUDIT_WIDTHS = (20, 14, 20, 10, 18, 40, 16)
_FIELDS = ("at", "username", "unit", "action", "target", "detail", "ip")


def audit_workbook(rows: Iterable[Mapping], labels: Mapping[str, str]):
    """The workbook of ``rows`` (the audit table's rows: at, username, unit, action, target, detail, ip); an action
    is named by ``labels`` (查看, 下载…), an unknown one as logged."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from sgs_cli.io.write import set_text
    from sgs_cli.render.paper import finish

    wb = Workbook()
    ws = wb.active
    ws.title = AUDIT_SHEET
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for c, (h, w) in enumerate(zip(AUDIT_HEADERS, AUDIT_WIDTHS), 1):
        cell = set_text(ws.cell(1, c), h)
        cell.font, cell.fill = head_font, head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = w
    for r, row in enumerate(rows, 2):
        for c, key in enumerate(_FIELDS, 1):
            v = row[key]
            set_text(ws.cell(r, c), labels.get(v, v) if key == "action" else v)
    ws.freeze_panes = "A2"
    finish(wb, kept=[AUDIT_SHEET])
    return wb


def audit_xlsx(rows: Iterable[Mapping], labels: Mapping[str, str]) -> bytes:
    """:func:`audit_workbook` as the bytes of an .xlsx (the web sends it; nothing is written to disk)."""
    buf = io.BytesIO()
    audit_workbook(rows, labels).save(buf)
    return buf.getvalue()


__all__ = ["AUDIT_HEADERS", "AUDIT_SHEET", "audit_workbook", "audit_xlsx"]
