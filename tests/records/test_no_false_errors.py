"""The 0-false-error check on every real file of tests/data (issue 26 “Done when”): every error `sgs validate`
reports on a real record is one of the known, true defects of that file — an empty required cell of the
Ningbo extract (only the USCC is filled there), the 浙江 template example row's swapped 处罚种类 and invalid
USCC, the planted check digit of gbk_penalty.csv. Sheet-level errors (missing columns) are about layouts,
not records, and are asserted by the golden outputs."""

from pathlib import Path

import pytest

from sgs_cli.io.reading import SUFFIXES
from sgs_cli.validation.engine import ValidateOptions, validate_file

from conftest import TODAY

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted(p for p in DATA.rglob("*") if p.suffix.lower() in SUFFIXES)
#: (file name, code, cell or None for “any cell of that code”) of the true defects of the real records
KNOWN = {
    ("xzcf.xls", "ENUM_INVALID", "E3"), ("xzcf.xls", "USCC_FORMAT", "I3"),
    ("xzcf.xlsx", "ENUM_INVALID", "E3"), ("xzcf.xlsx", "USCC_FORMAT", "I3"),
    ("gbk_penalty.csv", "USCC_CHECKSUM", "C3"),
}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_no_false_error_on_real_records(path, isolated_sgs_env):
    fr = validate_file(path, ValidateOptions(today=TODAY))
    seen = set()
    for s in fr.sheets:
        for f in s.findings:
            if f.severity != "error" or f.row is None or f.row <= (s.header_row or 0):
                continue
            if path.name == "dw_shl_sgsxzxk.csv":
                assert f.code == "REQUIRED_MISSING" and f.value in (None, ""), (f.code, f.cell, f.value)
                continue
            assert (path.name, f.code, f.cell) in KNOWN, (path.name, f.code, f.cell, f.message)
            seen.add((path.name, f.code, f.cell))
    # and the true defects are still found
    assert seen == {k for k in KNOWN if k[0] == path.name}
