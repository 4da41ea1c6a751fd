"""Cells the reader could not give a value for: FORMULA_NO_VALUE (a formula saved without its result,
as libraries such as openpyxl write them) and CELL_ERROR_VALUE (#N/A and other Excel errors)."""

import datetime as dt

import openpyxl

from sgs_cli import standard as S
from sgs_cli.io.reading import RawSheet
from sgs_cli.validation.engine import ValidateOptions, validate_file, validate_sheet


def _headers():
    return [f.name for f in S.PENALTY.fields]


def test_formula_without_cached_value(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(_headers())
    row = [""] * len(S.PENALTY.fields)
    ws.append(row)
    fk = S.PENALTY.codes.index("CF_NR_FK") + 1
    ws.cell(2, fk).value = "=0.1+0.1"  # openpyxl saves the formula only, no result
    ws.cell(2, 1).value = "中牟县某某商贸有限公司"
    path = tmp_path / "公式.xlsx"
    wb.save(path)
    fr = validate_file(path, ValidateOptions(today=dt.date(2019, 12, 31)))
    got = [(f.code, f.cell, f.severity) for f in fr.sheets[0].findings if f.code == "FORMULA_NO_VALUE"]
    assert got == [("FORMULA_NO_VALUE", "T2", "warning")]


def test_error_value_cell():
    header = _headers()
    data = [""] * len(header)
    data[0] = ""
    raw = RawSheet("行政处罚", [header, data], error_cells={(1, 0): "#N/A"})
    report = validate_sheet(raw, ValidateOptions(today=dt.date(2019, 12, 31)))
    got = [(f.code, f.cell, f.severity, f.value) for f in report.findings if f.code == "CELL_ERROR_VALUE"]
    assert got == [("CELL_ERROR_VALUE", "A2", "error", "#N/A")]


def test_reader_notes_reach_the_user_as_info_findings(tmp_path):
    """READER_NOTE: how the reader decoded or repaired a file (here a GB18030 CSV) is said as an info
    finding; UTF-8 goes without saying."""
    import csv

    from conftest import PENALTY_ORG

    p = tmp_path / "处罚.csv"
    with open(p, "w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(_headers())
        w.writerow([v.strftime("%Y/%m/%d") if isinstance(v, dt.date) else "" if v is None else v
                    for v in (PENALTY_ORG.get(c) for c in S.PENALTY.codes)])
    fr = validate_file(p, ValidateOptions(today=dt.date(2019, 11, 8)))
    notes = [(f.code, f.severity, f.message, f.row) for f in fr.sheets[0].findings if f.code == "READER_NOTE"]
    assert notes == [("READER_NOTE", "info", "CSV编码：GB18030/GBK", None)]
