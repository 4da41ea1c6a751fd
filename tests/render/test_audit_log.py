"""The web's audit log export (render/audit_log.py): the logged rows as they were, printed like every workbook."""

from __future__ import annotations

import io

import openpyxl
import pytest

from sgs_cli.render.audit_log import AUDIT_HEADERS, audit_workbook, audit_xlsx
from sgs_cli.render.paper import print_facts

LABELS = {"export": "导出", "view": "查看"}
ROWS = [
    {"at": "2026-12-07 09:15:02", "username": "xyb", "unit": "中牟县信用办", "action": "export",
     "target": "审计日志", "detail": "导出为 Excel", "ip": "10.0.0.5"},
    # a detail holding an option and a rule code: a record, printed as logged (no official document)
    {"at": "2026-12-07 09:14:40", "username": "scj", "unit": "中牟县市场监督管理局", "action": "view",
     "target": "报送#3", "detail": "用 --submit-date 指定；USCC_CHECKSUM 2 条", "ip": "10.0.0.7"},
    {"at": "2026-12-07 09:10:00", "username": "scj", "unit": "中牟县市场监督管理局", "action": "purge",
     "target": "报送#1", "detail": "", "ip": "10.0.0.7"},
]


def test_rows_as_logged_and_page_as_every_workbook():
    wb = openpyxl.load_workbook(io.BytesIO(audit_xlsx(ROWS, LABELS)))
    assert wb.sheetnames == ["查询使用登记"]
    ws = wb.active
    assert [c.value for c in ws[1]] == list(AUDIT_HEADERS) == ["时间", "账号", "单位", "操作", "对象", "说明", "地址"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2)] == [
        ["2026-12-07 09:15:02", "xyb", "中牟县信用办", "导出", "审计日志", "导出为 Excel", "10.0.0.5"],
        ["2026-12-07 09:14:40", "scj", "中牟县市场监督管理局", "查看", "报送#3", "用 --submit-date 指定；USCC_CHECKSUM 2 条",
         "10.0.0.7"],
        ["2026-12-07 09:10:00", "scj", "中牟县市场监督管理局", "purge", "报送#1", None, "10.0.0.7"]]
    # render/paper.finish: 7 columns (138 width units) on one A4 landscape page width at 90.14 % (770 pt ÷ 854.25 pt), the head row repeated
    assert print_facts(ws) == {"orientation": "landscape", "scale": pytest.approx(90.14, abs=0.005),
                               "min_pt": pytest.approx(9.92, abs=0.01), "pages_across": 1, "title_rows": "$1:$1",
                               "title_cols": None}
    ps = ws.page_setup
    assert (str(ps.paperSize), ps.fitToWidth, ps.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage) == \
        ("9", 1, 1, True)
    assert (ws.oddHeader.center.text, ws.oddFooter.center.text, ws.freeze_panes) == \
        ("查询使用登记", "第 &P 页 共 &N 页", "A2")
    assert {c.font.name for c in ws[1]} == {"黑体"}
    assert {c.font.name for row in ws.iter_rows(min_row=2) for c in row if c.value is not None} == {"宋体"}


def test_empty_log_is_the_head_row():
    ws = audit_workbook([], LABELS).active
    assert ws.max_row == 1 and ws.oddFooter.center.text == "第 &P 页 共 &N 页"
