"""`sgs reconcile -o`: one workbook of the 应归尽归 sheets and/or the 平台对账 sheets."""

from __future__ import annotations

from pathlib import Path

from sgs_cli.io.write import atomic_write_workbook
from sgs_cli.render.masking import mask_workbook
from sgs_cli.render.monthly_workbook import catalog_sheet
from sgs_cli.render.platform_intake import add_sheets


def write_reconcile_workbook(out: Path, inputs=(), catalog=None, platform=None) -> Path:
    """`sgs reconcile -o`: the 应归尽归 sheets of a CatalogReport and/or the 平台对账 sheets of a Reconciliation."""
    import openpyxl

    from sgs_cli.render.paper import finish

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if catalog is not None:
        catalog_sheet(wb, catalog)
    if platform is not None:
        add_sheets(wb, platform)
    title = ("信用平台入库对账" if catalog is None else f"应归尽归比对（{catalog.period}）" if platform is None
             else f"应归尽归与平台对账（{catalog.period}）")
    finish(wb, title, notes=True)
    mask_workbook(wb)
    atomic_write_workbook(wb, Path(out), inputs=[Path(p) for p in inputs])
    return Path(out)
