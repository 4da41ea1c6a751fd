"""rules/excel_damage.py — CODE_PRECISION_LOST, CODE_SCIENTIFIC, CODE_NUMERIC_CELL."""

import pytest

from conftest import GSZC, LICENSE_ORG, PENALTY_ORG, PENALTY_PERSON, PERSON_ID, keys, make_uscc

P, L = "penalty", "license"
NUMERIC_USCC = make_uscc("91410122", "70670000")  # every character a digit
assert NUMERIC_USCC.isdigit()


def excel_float(code: str) -> float:
    """What Excel keeps of an 18-digit number typed into a General cell: 15 significant digits."""
    return float(f"{int(code):.14e}")


def test_uscc_stored_as_number_loses_precision(sheet):
    value = excel_float(NUMERIC_USCC)
    assert str(int(value)) != NUMERIC_USCC  # the trailing digits are gone
    rec = dict(PENALTY_ORG, CF_XDR_SHXYM=value)
    # the identifier rules skip the damaged cell: one finding, not a checksum error on top
    assert keys(sheet.findings(P, [rec])) == {("CODE_PRECISION_LOST", "C2", "error")}


def test_exact_18_digit_number_is_still_reported(sheet):
    # even when the stored number happens to be right, the cell type is wrong and will break on re-save
    rec = dict(PENALTY_ORG, CF_XDR_SHXYM=int(NUMERIC_USCC))
    assert keys(sheet.findings(P, [rec])) == {("CODE_PRECISION_LOST", "C2", "error")}


def test_id_number_stored_as_number(sheet):
    rec = dict(PENALTY_PERSON, CF_XDR_ZJHM=excel_float(PERSON_ID))
    assert keys(sheet.findings(P, [rec])) == {("CODE_PRECISION_LOST", "M2", "error")}


@pytest.mark.parametrize("value", ["9.14101E+17", "9.14101227067E+17", "1E+17"])
def test_scientific_notation_text(sheet, value):
    rec = dict(PENALTY_ORG, CF_XDR_SHXYM=value)
    assert keys(sheet.findings(P, [rec])) == {("CODE_SCIENTIFIC", "C2", "error")}


def test_scientific_notation_in_authority_code(sheet):
    rec = dict(LICENSE_ORG, XK_XKJGDM="1.14101E+17")
    assert keys(sheet.findings(L, [rec])) == {("CODE_SCIENTIFIC", "X2", "error")}


def test_registration_number_as_number_is_warning(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_GSZC=int(GSZC))
    assert keys(sheet.findings(P, [rec])) == {("CODE_NUMERIC_CELL", "D2", "warning")}


def test_orgcode_as_number_is_warning(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_ZZJG=int("706700009"))
    assert keys(sheet.findings(P, [rec])) == {("CODE_NUMERIC_CELL", "E2", "warning")}


def test_code_as_text_is_fine(sheet):
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=NUMERIC_USCC, CF_XDR_GSZC=GSZC)]) == []


def test_document_number_as_number_is_not_a_code_damage(sheet):
    # 文书号 201312142 stored as a number (Zhejiang template): no identifier, not 18 digits → no finding
    rec = dict(PENALTY_ORG, CF_WSH=201312142)
    assert sheet.findings(P, [rec]) == []


# the cell as Excel left it → the excel_damage codes of the row (the columnar form must agree with the row
# form: cells found by a regular expression over the normalised text, then judged on the raw value)
DAMAGE_CASES = [
    ("9.14101E+17", {"CODE_SCIENTIFIC"}),
    (" 1.2E+17\u3000", {"CODE_SCIENTIFIC"}),
    ("１.２Ｅ+１７", set()),  # a full-width E is not [eE]: not what Excel writes
    ("１.２E+１７", {"CODE_SCIENTIFIC"}),  # full-width digits are digits
    ("\u0661.\u0662E+\u0661\u0667", {"CODE_SCIENTIFIC"}),  # so are Arabic-Indic ones
    ("12.5e17", set()),
    ("1.2E-07", set()),
    ("1.2E+17号", set()),
    ("'1.2E+17", set()),
    (1e300, {"CODE_NUMERIC_CELL"}),  # a number whose text is 1e+300
    (float("nan"), {"CODE_NUMERIC_CELL"}),
    (914101227067004000, {"CODE_PRECISION_LOST"}),
    (True, set()),
    (None, set()),
]


def test_columnar_form_case_by_case(monkeypatch):
    from sgs_cli import standard as S
    from sgs_cli.rules import excel_damage

    from test_rules_identifiers import _both_engines

    recs = [dict(PENALTY_ORG, CF_WSH=f"中市监罚〔2019〕{i}号", CF_XDR_SHXYM=v, CF_XDR_ZZJG=v)
            for i, (v, _) in enumerate(DAMAGE_CASES)]
    found = _both_engines(monkeypatch, S.PENALTY, recs)
    for i, (v, want) in enumerate(DAMAGE_CASES):
        for field in ("CF_XDR_SHXYM", "CF_XDR_ZZJG"):
            got = {f["code"] for f in found if f["row"] == 2 + i and f["field"] == field and f["code"] in excel_damage.CODES}
            assert got == want, (v, field)


def test_columnar_form_case_by_case_in_a_long_batch(monkeypatch):
    """The same cases twice over with codes that hold an E between digits (not scientific notation): a batch
    long enough for the frame's joined texts, which the byte prefilter (excel_damage._SCI_TABLE) reads."""
    from sgs_cli import standard as S
    from sgs_cli.rules import excel_damage

    from test_rules_identifiers import _both_engines

    cases = DAMAGE_CASES * 2 + [("91350100E12345678X", set()), ("1E1", {"CODE_SCIENTIFIC"}), ("E+17", set())]
    recs = [dict(PENALTY_ORG, CF_WSH=f"中市监罚〔2019〕{i}号", CF_XDR_SHXYM=v, CF_XDR_ZZJG=v)
            for i, (v, _) in enumerate(cases)]
    assert len(recs) >= 16
    found = _both_engines(monkeypatch, S.PENALTY, recs)
    for i, (v, want) in enumerate(cases):
        for field in ("CF_XDR_SHXYM", "CF_XDR_ZZJG"):
            got = {f["code"] for f in found if f["row"] == 2 + i and f["field"] == field and f["code"] in excel_damage.CODES}
            assert got == want, (v, field)
