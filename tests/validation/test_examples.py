"""examples/: the three example ledgers produce exactly the planted findings (examples/README.md)."""

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sgs_cli.cli.app import app
from sgs_cli.validation.engine import ValidateOptions, validate_file

pytestmark = pytest.mark.usefixtures("isolated_sgs_env")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2019, 12, 31)

PENALTY = "行政处罚台账.xlsx"
LICENSE = "行政许可台账.xlsx"
LEDGER = "双公示台账_2019-11.xlsx"

#: (code, cell, severity) of every planted error/warning. DEADLINE_PASSED is the one sheet-level warning
#: of a 790 sheet validated on 2019-12-31: every November decision is past its 7-working-day deadline.
PLANTED = {
    PENALTY: {
        ("USCC_CHECKSUM", "C5", "error"),
        ("CODE_PRECISION_LOST", "C8", "error"),
        ("FINE_UNIT_MISMATCH", "T10", "warning"),
        ("FINE_AMOUNT_REQUIRED", "T12", "error"),
        ("IDCARD_CHECKSUM", "M14", "error"),
        ("ENUM_VARIANT", "B16", "warning"),
        ("DATE_INVALID", "W20", "error"),
        ("DUPLICATE_RECORD", "N22", "error"),
        ("PRIVACY_MOBILE", "P24", "warning"),
        ("DATE_ORDER", "X26", "error"),
        ("USCC_PLACEHOLDER", "AA28", "error"),
        ("DEADLINE_PASSED", None, "warning"),
    },
    LICENSE: {
        ("DATE_ORDER", "V7", "error"),
        ("ENUM_OTHER_DETAIL", "P9", "error"),
        ("ENUM_VARIANT", "Y12", "warning"),
        ("USCC_LOOKALIKE", "C14", "error"),
        ("ORGCODE_CHECKSUM", "E16", "error"),
        ("REQUIRED_MISSING", "W20", "error"),
        ("DEADLINE_PASSED", None, "warning"),
    },
    LEDGER: {
        ("LATE_REPORT", "E6", "error"),
        ("LATE_PUSH", "F6", "error"),
        ("LATE_REPORT", "E9", "error"),
        ("LEDGER_SEQUENCE", "A12", "warning"),
        ("NOT_REPORTED_OVERDUE", "E14", "error"),
        ("DUPLICATE_WSH", "B17", "error"),
        ("DATE_ORDER", "E18", "error"),
        ("NOT_REPORTED_OVERDUE", "E22", "error"),
    },
}
PLANTED_INFO = {PENALTY: {("DATE_NONSTANDARD", "W18", "info")}, LICENSE: set(), LEDGER: set()}

#: extra findings caused by a src bug (see the xfail test below); tolerated here so that the rest of the
#: example stays checked exactly, and harmless once the bug is fixed
KNOWN_BUG_EXTRA = {LICENSE: {("LENGTH_EXCEEDED", "Y12", "error")}}

LAYOUT = {PENALTY: ("行政处罚", "penalty", "790", 2, 30), LICENSE: ("行政许可", "license", "790", 2, 25),
          LEDGER: ("台账", "ledger", "773", 2, 21)}


@pytest.fixture(scope="module")
def reports():
    return {name: validate_file(EXAMPLES / name, ValidateOptions(today=TODAY)) for name in PLANTED}


def _found(report, severities=("error", "warning")):
    assert report.error is None, report.error
    return {(f.code, f.cell, f.severity) for s in report.sheets for f in s.findings if f.severity in severities}


@pytest.mark.parametrize("name", list(PLANTED))
def test_layout(reports, name):
    [s] = reports[name].sheets
    assert (s.sheet, s.kind, s.standard, s.header_row, s.rows) == LAYOUT[name]


@pytest.mark.parametrize("name", list(PLANTED))
def test_exactly_the_planted_errors_and_warnings(reports, name):
    found = _found(reports[name]) - KNOWN_BUG_EXTRA.get(name, set())
    assert {(c, cell) for c, cell, _ in found} == {(c, cell) for c, cell, _ in PLANTED[name]}
    assert found == PLANTED[name]  # severities too


@pytest.mark.parametrize("name", list(PLANTED))
def test_info_only_where_planted(reports, name):
    assert _found(reports[name], ("info",)) == PLANTED_INFO[name]


@pytest.mark.parametrize("name", list(PLANTED))
def test_one_planted_row_each(reports, name):
    """Every planted mistake is alone in its row (the ledger's late report + late push share row 6)."""
    rows = [cell for _, cell, _ in PLANTED[name] if cell]
    rownums = [int(re.sub(r"^[A-Z]+", "", c)) for c in rows]
    dup = {r for r in rownums if rownums.count(r) > 1}
    assert dup == ({6} if name == LEDGER else set())


def test_license_status_variant_is_not_a_length_error(reports):
    assert ("LENGTH_EXCEEDED", "Y12", "error") not in _found(reports[LICENSE])


def test_deadline_passed_lists_every_dated_record(reports):
    [s] = reports[PENALTY].sheets
    [f] = [f for f in s.findings if f.code == "DEADLINE_PASSED"]
    assert f.row == 2 and f.cell is None
    # 30 records minus the one with the impossible date (row 20); every row listed, none cut off
    assert f.message == "若今天（2019/12/31）报送，以下29条已超过作出决定之日起7个工作日的期限：第3–19、21–32行"
    assert f.rows == list(range(3, 20)) + list(range(21, 33))


def test_deadline_passed_goes_away_with_a_timely_submit_date():
    # submitted on 2019-11-01 (the first decision day): nothing is late yet
    fr = validate_file(EXAMPLES / PENALTY, ValidateOptions(today=TODAY, submit_date=dt.date(2019, 11, 1)))
    assert {f.code for s in fr.sheets for f in s.findings} >= {"USCC_CHECKSUM"}
    assert "DEADLINE_PASSED" not in {f.code for s in fr.sheets for f in s.findings}


def test_sensitive_values_are_masked_in_json(reports):
    [s] = reports[PENALTY].sheets
    [idf] = [f for f in s.findings if f.code == "IDCARD_CHECKSUM"]
    shown = idf.to_dict()["value"]
    assert "*" in shown and shown != idf.value
    [mob] = [f for f in s.findings if f.code == "PRIVACY_MOBILE"]
    assert "*" in mob.to_dict()["value"]


def test_readme_table_lists_every_planted_mistake():
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    table = {}
    for sec in sections:
        name = sec.splitlines()[0].strip()
        rows = re.findall(r"^\| (\d+) \| ([A-Z]+\d+) \| [^|]+ \| `([A-Z_]+)` \| (错误|警告|提示) \|", sec, flags=re.M)
        sev = {"错误": "error", "警告": "warning", "提示": "info"}
        table[name] = {(code, cell, sev[s]) for _, cell, code, s in rows}
    for name in PLANTED:
        planted_cells = {p for p in PLANTED[name] if p[1]} | PLANTED_INFO[name]
        assert table[name] == planted_cells, name


def test_cli_json(tmp_path):
    r = CliRunner().invoke(app, ["validate", str(EXAMPLES / PENALTY), "--today", "2019-12-31", "--format", "json"])
    assert r.exit_code == 1
    doc = json.loads(r.output)
    [f] = doc["files"]
    [s] = f["sheets"]
    got = {(x["code"], x["cell"]) for x in s["findings"] if x["severity"] in ("error", "warning")}
    assert got == {(c, cell) for c, cell, _ in PLANTED[PENALTY]}
    assert doc["summary"]["errors"] == 8 and doc["summary"]["warnings"] == 4


def test_codes_are_stored_as_text():
    """Every code cell is a text cell (format @) except the one planted as damaged by Excel."""
    import openpyxl

    from sgs_cli.standard import FieldType, PENALTY as SPEC

    ws = openpyxl.load_workbook(EXAMPLES / PENALTY)["行政处罚"]
    code_cols = [i for i, f in enumerate(SPEC.fields, start=1) if f.type is FieldType.CODE]
    numeric = [(c.coordinate) for row in ws.iter_rows(min_row=3) for c in row
               if c.column in code_cols and c.value is not None and not isinstance(c.value, str)]
    assert numeric == ["C8"]
    dates = [c for row in ws.iter_rows(min_row=3) for c in row if c.column_letter in ("W", "X", "Y")]
    assert all(c.number_format == "yyyy/mm/dd" for c in dates if not isinstance(c.value, str))


def test_generator_is_deterministic_and_output_committed(tmp_path):
    spec = importlib.util.spec_from_file_location("make_examples_fresh", EXAMPLES / "make_examples.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.HERE = tmp_path
    mod.main()
    for name in list(PLANTED) + ["README.md"]:
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes(), name
