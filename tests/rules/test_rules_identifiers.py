"""rules/identifiers.py — check digits and consistency of USCC, 组织机构代码, 工商注册号, 身份证."""

import pytest

from sgs_cli.codes import ric, uscc
from sgs_cli.rules import identifiers

from conftest import (AUTH_USCC, GSZC, IND_USCC, LICENSE_ORG, ORG_USCC, PENALTY_INDIVIDUAL, PENALTY_ORG,
                      PENALTY_PERSON, PERSON_ID, keys, make_gs15, make_orgcode, make_ric, make_uscc, wrong_last)

P, L = "penalty", "license"
PLACEHOLDER = "00000000000000000X"


def _id_with_check_x() -> str:
    for seq in range(100, 1000):
        n = make_ric("410122", "19900101", str(seq))
        if n.endswith("X"):
            return n
    raise AssertionError


# ------------------------------------------------------------------------------------------- USCC

def test_valid_codes_pass(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_GSZC=GSZC, CF_XDR_ZZJG=ORG_USCC[8:17], CF_XDR_SWDJ="410122" + ORG_USCC[8:17],
               CF_FR_ZJLX="身份证", CF_FR_ZJHM=PERSON_ID)
    assert sheet.findings(P, [rec]) == []


@pytest.mark.parametrize("code", ["91110000600037341L", "91230500MA1B3N1N2M", "11230500001755309F"])
def test_published_vectors_pass(sheet, code):
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=code)]) == []


def test_uscc_checksum(sheet):
    bad = wrong_last(ORG_USCC, uscc.ALPHABET)
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=bad)])
    assert (f.code, f.cell, f.severity) == ("USCC_CHECKSUM", "C2", "error")
    assert ORG_USCC[-1] in f.hint  # the expected check character


def test_uscc_checksum_on_authority_code(sheet):
    rec = dict(PENALTY_ORG, CF_CFJGDM=wrong_last(AUTH_USCC, uscc.ALPHABET))
    assert keys(sheet.findings(P, [rec])) == {("USCC_CHECKSUM", "AA2", "error")}


def test_uscc_checksum_on_data_source_code_license(sheet):
    rec = dict(LICENSE_ORG, XK_LYDWDM=wrong_last(AUTH_USCC, uscc.ALPHABET))
    assert keys(sheet.findings(L, [rec])) == {("USCC_CHECKSUM", "AA2", "error")}


@pytest.mark.parametrize("value", [ORG_USCC[:17], "91410122-MA44R7K2", "A1B10122MA44R7K28L"])
def test_uscc_format(sheet, value):
    assert keys(sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=value)])) == {("USCC_FORMAT", "C2", "error")}


def test_uscc_starting_with_n_or_y_is_accepted(sheet):
    # python-stdnum rejects these; GB 32100 allows 登记管理部门 A, N, Y
    code = make_uscc("N2410122", "MA44R7K2")
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=code)]) == []


def test_uscc_orgcode(sheet):
    body = "MA44R7K2"
    bad_org = wrong_last(make_orgcode(body))
    first17 = "91410122" + bad_org
    code = first17 + uscc.calc_check_digit(first17)  # overall check digit right, embedded one wrong
    assert keys(sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=code)])) == {("USCC_ORGCODE", "C2", "error")}


def test_uscc_lookalike_letter_o(sheet):
    assert "0" in ORG_USCC[:8]
    value = ORG_USCC.replace("0", "O", 1)
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=value)])
    assert (f.code, f.cell, f.severity) == ("USCC_LOOKALIKE", "C2", "error")
    assert ORG_USCC in f.hint  # the likely intended code


def test_uscc_placeholder_on_authority(sheet):
    assert keys(sheet.findings(P, [dict(PENALTY_ORG, CF_CFJGDM=PLACEHOLDER)])) == {
        ("USCC_PLACEHOLDER", "AA2", "error")}


def test_uscc_placeholder_for_organisation(sheet):
    assert keys(sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=PLACEHOLDER)])) == {
        ("USCC_PLACEHOLDER", "C2", "error")}


def test_uscc_placeholder_for_individual_with_registration_number(sheet):
    rec = dict(PENALTY_INDIVIDUAL, CF_XDR_SHXYM=PLACEHOLDER, CF_XDR_GSZC=GSZC)
    assert sheet.findings(P, [rec]) == []


def test_uscc_placeholder_for_individual_without_registration_number(sheet):
    rec = dict(PENALTY_INDIVIDUAL, CF_XDR_SHXYM=PLACEHOLDER)
    assert keys(sheet.findings(P, [rec])) == {("USCC_PLACEHOLDER_GSZC", "D2", "error")}


def test_uscc_placeholder_gszc_reported_on_uscc_when_column_absent(sheet):
    from conftest import SPECS

    columns = [f.code for f in SPECS[P].fields if f.code != "CF_XDR_GSZC"]
    rec = dict(PENALTY_INDIVIDUAL, CF_XDR_SHXYM=PLACEHOLDER)
    findings = sheet.findings(P, [rec], columns=columns)
    assert ("USCC_PLACEHOLDER_GSZC", "C2", "error") in keys(findings)


def test_prefix_92_with_organisation(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_SHXYM=IND_USCC)
    assert keys(sheet.findings(P, [rec])) == {("USCC_PREFIX_MISMATCH", "C2", "warning")}


def test_prefix_91_with_individual(sheet):
    rec = dict(PENALTY_INDIVIDUAL, CF_XDR_SHXYM=ORG_USCC)
    assert keys(sheet.findings(P, [rec])) == {("USCC_PREFIX_MISMATCH", "C2", "warning")}


def test_prefix_93_cooperative_is_fine_for_organisation(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_SHXYM=make_uscc("93410122", "MA45D1W3"))
    assert sheet.findings(P, [rec]) == []


def test_id_number_in_uscc_column(sheet):
    f = [f for f in sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=PERSON_ID)])]
    assert keys(f) == {("ID_IN_USCC_COLUMN", "C2", "error")}
    assert f[0].sensitive  # masked in output


@pytest.mark.parametrize("code, col", [("CF_CFJGDM", "AA"), ("CF_SJLYDM", "AC")])
def test_authority_code_prefix(sheet, code, col):
    rec = dict(PENALTY_ORG, **{code: ORG_USCC})
    assert keys(sheet.findings(P, [rec])) == {("AUTHORITY_CODE_PREFIX", f"{col}2", "warning")}


def test_authority_code_prefix_12_is_fine(sheet):
    rec = dict(LICENSE_ORG, XK_XKJGDM=make_uscc("12410122", "41600123"))
    assert sheet.findings(L, [rec]) == []


@pytest.mark.parametrize("value, expected", [
    ("9141 0122MA44R7K28L", {("CODE_NORMALIZED", "C2", "warning")}),
    ("９１４１０１２２ＭＡ４４Ｒ７Ｋ２８Ｌ", {("CODE_NORMALIZED", "C2", "warning")}),
    (" 91410122MA44R7K28L", {("CODE_NORMALIZED", "C2", "warning")}),
    ("91410122MA44R7K28L\n", {("CODE_NORMALIZED", "C2", "warning")}),
])
def test_code_normalized(sheet, value, expected):
    assert ORG_USCC == "91410122MA44R7K28L"
    assert keys(sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=value)])) == expected


def test_code_normalized_hint_gives_clean_code(sheet):
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM="9141 0122MA44R7K28L")])
    assert ORG_USCC in f.hint


def test_lower_case_uscc_is_reported(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_SHXYM=ORG_USCC.lower())
    assert keys(sheet.findings(P, [rec])) == {("CODE_NORMALIZED", "C2", "warning")}


# ---------------------------------------------------------------------------------- 组织机构代码

@pytest.mark.parametrize("value", ["MA44R7K28", "MA44R7K2-8", "60003734-1"])
def test_orgcode_valid(sheet, value):
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_ZZJG=value)]) == []


def test_orgcode_checksum(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_ZZJG="60003734-2")
    [f] = sheet.findings(P, [rec])
    assert (f.code, f.cell, f.severity) == ("ORGCODE_CHECKSUM", "E2", "error")
    assert "1" in f.hint


@pytest.mark.parametrize("value", ["6000373", "60003734-Y"])
def test_orgcode_format(sheet, value):
    assert keys(sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_ZZJG=value)])) == {("ORGCODE_FORMAT", "E2", "error")}


# ------------------------------------------------------------------------------------ 工商注册号

def test_gszc_valid(sheet):
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_GSZC="110108000000016")]) == []


def test_gszc_checksum(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_GSZC="110108000000017")
    assert keys(sheet.findings(P, [rec])) == {("GSZC_CHECKSUM", "D2", "error")}


@pytest.mark.parametrize("value", [ORG_USCC, "41012260001"])
def test_gszc_format(sheet, value):
    assert keys(sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_GSZC=value)])) == {("GSZC_FORMAT", "D2", "warning")}


def test_gszc_13_digits_accepted(sheet):
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_GSZC="4101221000123")]) == []


# ----------------------------------------------------------------------------------------- 身份证

def test_idcard_checksum(sheet):
    rec = dict(PENALTY_PERSON, CF_XDR_ZJHM=wrong_last(PERSON_ID))
    [f] = sheet.findings(P, [rec])
    assert (f.code, f.cell, f.severity) == ("IDCARD_CHECKSUM", "M2", "error")
    assert f.sensitive and PERSON_ID[-1] in f.hint


def test_idcard_checksum_legal_representative(sheet):
    rec = dict(PENALTY_ORG, CF_FR_ZJLX="身份证", CF_FR_ZJHM=wrong_last(PERSON_ID))
    assert keys(sheet.findings(P, [rec])) == {("IDCARD_CHECKSUM", "K2", "error")}


@pytest.mark.parametrize("value", [PERSON_ID[:17], "410122850312213", "41012219850312213A"])
def test_idcard_format(sheet, value):
    assert keys(sheet.findings(P, [dict(PENALTY_PERSON, CF_XDR_ZJHM=value)])) == {("IDCARD_FORMAT", "M2", "error")}


def test_idcard_birthdate(sheet):
    body = "410122" + "19851332" + "213"
    rec = dict(PENALTY_PERSON, CF_XDR_ZJHM=body + ric.calc_check_digit(body))
    assert keys(sheet.findings(P, [rec])) == {("IDCARD_BIRTHDATE", "M2", "error")}


def test_idcard_lowercase_x_is_info(sheet):
    n = _id_with_check_x()
    findings = sheet.findings(P, [dict(PENALTY_PERSON, CF_XDR_ZJHM=n.lower())])
    assert keys(findings) == set()
    assert keys(findings, ("info",)) == {("IDCARD_LOWERCASE_X", "M2", "info")}


def test_idcard_with_uppercase_x_is_valid(sheet):
    assert sheet.findings(P, [dict(PENALTY_PERSON, CF_XDR_ZJHM=_id_with_check_x())]) == []


def test_passport_number_is_not_checked_as_idcard(sheet):
    rec = dict(PENALTY_PERSON, CF_XDR_ZJLX="护照号", CF_XDR_ZJHM="E12345678")
    assert sheet.findings(P, [rec]) == []


def test_idcard_checked_when_type_empty_and_18_chars(sheet):
    rec = dict(PENALTY_ORG, CF_FR_ZJHM=wrong_last(PERSON_ID))
    assert keys(sheet.findings(P, [rec])) == {("IDCARD_CHECKSUM", "K2", "error")}


def test_gs15_helper_consistent():
    assert make_gs15("11010800000001") == "110108000000016"


def test_id_number_in_uscc_column_of_natural_person(sheet):
    # the typical mix-up: the ID number typed into 代码_1, 证件类型/证件号码 left empty
    rec = {k: v for k, v in PENALTY_PERSON.items() if k not in ("CF_XDR_ZJLX", "CF_XDR_ZJHM")}
    rec["CF_XDR_SHXYM"] = PERSON_ID
    assert keys(sheet.findings(P, [rec])) == {("ID_IN_USCC_COLUMN", "C2", "error"), ("MUST_BE_EMPTY", "C2", "warning"),
                                              ("REQUIRED_MISSING", "L2", "error"), ("REQUIRED_MISSING", "M2", "error")}


def test_leading_apostrophe_in_code_is_reported(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_SHXYM="'" + ORG_USCC)
    assert keys(sheet.findings(P, [rec])) == {("CODE_NORMALIZED", "C2", "warning")}


# ------------------------------------------------------------------ accurate messages (issue 13, part 6)

def test_uscc_with_suffix_is_one_finding_with_the_real_length(sheet):
    cell = ORG_USCC + "（1-1）"  # as in a real extract: a valid code and a branch/sequence note
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=cell)])
    assert (f.code, f.cell, f.value) == ("USCC_FORMAT", "C2", cell)
    assert f.message == "统一社会信用代码应为18位，该单元格有23个字符（代码后多了“（1-1）”）"
    assert f.hint == f"前18位“{ORG_USCC}”是有效的统一社会信用代码，请删去“（1-1）”（如需说明请写在备注中）"


def test_overlong_invalid_uscc_states_the_cells_length(sheet):
    cell = wrong_last(ORG_USCC, uscc.ALPHABET) + " 12"  # 21 characters written, no valid code in front
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=cell)])
    assert (f.code, f.cell) == ("USCC_FORMAT", "C2")
    assert f.message == "统一社会信用代码应为18位，该单元格有21个字符"


def test_check_digit_hint_only_when_the_body_is_consistent(sheet):
    body = ORG_USCC[:16] + wrong_last(ORG_USCC[:17])[-1]  # 组织机构代码 part broken too
    code = body + uscc.calc_check_digit(body)
    code = wrong_last(code, uscc.ALPHABET)
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=code)])
    assert (f.code, f.cell) == ("USCC_CHECKSUM", "C2")
    assert "校验位应为" not in f.hint and "核对全部18位" in f.hint
    [g] = sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_SHXYM=wrong_last(ORG_USCC, uscc.ALPHABET))])
    assert (g.code, g.hint) == ("USCC_CHECKSUM", f"校验位应为 {ORG_USCC[-1]}，请核对原件")


def test_inferred_category_is_said_to_be_inferred(sheet):
    # no 行政相对人类别 column: the category comes from the code prefix, and the message says so
    cols = [c for c in PENALTY_INDIVIDUAL if c != "CF_XDR_LB"] + ["CF_XDR_ZJHM"]
    rec = dict(PENALTY_INDIVIDUAL, CF_XDR_ZJHM=PERSON_ID)
    [f] = [f for f in sheet.findings(P, [rec], columns=cols) if f.code == "MUST_BE_EMPTY"]
    assert f.message == "行政相对人类别按代码前缀（92）推断为“个体工商户”时“证件号码”应留空"
    assert "类别是推断的" in f.hint


# ----------------------------------------------------------------------- columnar form, cell by cell

def _both_engines(monkeypatch, spec, recs: list[dict]) -> list[dict]:
    """The findings of the records (one batch, in the spec's column order) under the row and the columnar
    engine, which must be the same (code, cell, message, hint…)."""
    import datetime as dt

    from sgs_cli.records.header import detect
    from sgs_cli.validation import columnar
    from sgs_cli.validation.options import ValidateOptions
    from sgs_cli.validation.runner import run_batch, sheet_finish, sheet_start

    today = dt.date(2025, 10, 20)
    out = {}
    for engine in ("row", "columnar"):
        monkeypatch.setenv(columnar.ENV, engine)
        hm = detect([[f.name for f in spec.fields]], (spec,))
        mapper, ctx, report, rules = sheet_start("Sheet1", False, hm, ValidateOptions(today=today, submit_date=today))
        rows = [(2 + i, [rec.get(c, "") for c in spec.codes]) for i, rec in enumerate(recs)]
        run_batch(rows, mapper, ctx, report, rules)
        out[engine] = [f.to_dict(show_sensitive=True) for f in sheet_finish(mapper, ctx, report).findings]
    assert out["columnar"] == out["row"]
    return out["row"]


_ID_CODES = set(identifiers.CODES)

#: (what the row changes, the identifier findings as (code, field code)); each vectorised quiet test has
#: a case on each side of it
COLUMN_CASES = [
    ({}, set()),
    ({"CF_XDR_SHXYM": wrong_last(ORG_USCC, uscc.ALPHABET)}, {("USCC_CHECKSUM", "CF_XDR_SHXYM")}),
    ({"CF_XDR_SHXYM": ORG_USCC.lower()}, {("CODE_NORMALIZED", "CF_XDR_SHXYM")}),
    ({"CF_XDR_SHXYM": f" {ORG_USCC}"}, {("CODE_NORMALIZED", "CF_XDR_SHXYM")}),
    ({"CF_XDR_SHXYM": ORG_USCC[:8] + "-" + ORG_USCC[8:]}, set()),  # 19 characters that compact to a valid code
    ({"CF_XDR_SHXYM": ORG_USCC[:8] + "-" + ORG_USCC[8:17]}, {("USCC_FORMAT", "CF_XDR_SHXYM")}),
    ({"CF_XDR_SHXYM": ORG_USCC + "（1-1）"}, {("USCC_FORMAT", "CF_XDR_SHXYM")}),
    ({"CF_XDR_SHXYM": ORG_USCC.replace("1", "I", 1)}, {("USCC_LOOKALIKE", "CF_XDR_SHXYM")}),
    ({"CF_XDR_SHXYM": IND_USCC}, {("USCC_PREFIX_MISMATCH", "CF_XDR_SHXYM")}),  # 92 for an organisation
    ({"CF_XDR_SHXYM": "NULL"}, set()),
    ({"CF_XDR_SHXYM": None}, set()),
    ({"CF_XDR_SHXYM": 914101227067004000}, set()),  # a number cell: the row form judges it
    ({"CF_CFJGDM": make_uscc("13410122", "00558762")}, {("AUTHORITY_CODE_PREFIX", "CF_CFJGDM")}),
    ({"CF_CFJGDM": make_uscc("12410122", "00558762")}, set()),
    ({"CF_SJLYDM": PLACEHOLDER}, {("USCC_PLACEHOLDER", "CF_SJLYDM")}),
    ({"CF_XDR_ZZJG": ORG_USCC[8:16] + "-" + ORG_USCC[16]}, set()),
    ({"CF_XDR_ZZJG": ORG_USCC[8:16] + "-" + wrong_last(ORG_USCC[8:17])[-1]}, {("ORGCODE_CHECKSUM", "CF_XDR_ZZJG")}),
    ({"CF_XDR_ZZJG": ORG_USCC[8:16].lower() + ORG_USCC[16]}, {("CODE_NORMALIZED", "CF_XDR_ZZJG")}),
    ({"CF_XDR_GSZC": GSZC}, set()),
    ({"CF_XDR_GSZC": GSZC[:13]}, set()),  # the 13-digit number of old licences
    ({"CF_XDR_GSZC": wrong_last(GSZC)}, {("GSZC_CHECKSUM", "CF_XDR_GSZC")}),
    ({"CF_XDR_GSZC": GSZC[:6] + "-" + GSZC[6:]}, {("GSZC_FORMAT", "CF_XDR_GSZC")}),
    ({"CF_XDR_GSZC": ORG_USCC}, {("GSZC_FORMAT", "CF_XDR_GSZC")}),
    ({"CF_FR_ZJLX": "身份证", "CF_FR_ZJHM": PERSON_ID}, set()),
    ({"CF_FR_ZJLX": "01", "CF_FR_ZJHM": wrong_last(PERSON_ID)}, {("IDCARD_CHECKSUM", "CF_FR_ZJHM")}),
    ({"CF_FR_ZJLX": "", "CF_FR_ZJHM": wrong_last(PERSON_ID)}, {("IDCARD_CHECKSUM", "CF_FR_ZJHM")}),
    ({"CF_FR_ZJLX": "", "CF_FR_ZJHM": PERSON_ID[:15]}, {("IDCARD_FORMAT", "CF_FR_ZJHM")}),
    ({"CF_FR_ZJLX": "", "CF_FR_ZJHM": PERSON_ID[:16]}, set()),  # 16 characters: not taken for an ID number
    ({"CF_FR_ZJLX": "", "CF_FR_ZJHM": "".join(chr(ord(c) + 0xFEE0) for c in PERSON_ID)}, set()),
    ({"CF_FR_ZJLX": "护照", "CF_FR_ZJHM": wrong_last(PERSON_ID)}, set()),
    ({"CF_FR_ZJLX": "身份证", "CF_FR_ZJHM": PERSON_ID[:6] + "2099" + PERSON_ID[10:]}, {("IDCARD_BIRTHDATE", "CF_FR_ZJHM")}),
    ({"CF_FR_ZJLX": "身份证", "CF_FR_ZJHM": PERSON_ID[:8] + " " + PERSON_ID[8:]}, set()),
]


def test_columnar_form_cell_by_cell(monkeypatch):
    """One batch of rows, each with one identifier case, among valid rows: the same findings under both
    engines, and the identifier findings each case expects."""
    from sgs_cli import standard as S

    x_id = _id_with_check_x()
    cases = COLUMN_CASES + [
        ({"CF_FR_ZJLX": "身份证", "CF_FR_ZJHM": x_id}, set()),
        ({"CF_FR_ZJLX": "身份证", "CF_FR_ZJHM": x_id.lower()}, {("IDCARD_LOWERCASE_X", "CF_FR_ZJHM")}),
    ]
    recs = [dict(PENALTY_ORG, CF_WSH=f"中市监罚〔2019〕{i}号", **change) for i, (change, _) in enumerate(cases)]
    found = _both_engines(monkeypatch, S.PENALTY, recs + [dict(PENALTY_ORG, CF_WSH=f"中市监罚〔2020〕{i}号")
                                                         for i in range(40)])
    for i, (change, want) in enumerate(cases):
        got = {(f["code"], f["field"]) for f in found if f["row"] == 2 + i and f["code"] in _ID_CODES}
        assert got == want, change


def test_columnar_placeholder_of_an_individual(monkeypatch):
    """The 17-zeros placeholder: quiet for a 个体工商户 with a valid 工商注册号 only."""
    from sgs_cli import standard as S

    base = dict(PENALTY_INDIVIDUAL, CF_XDR_SHXYM=PLACEHOLDER)
    cases = [({"CF_XDR_GSZC": GSZC}, set()), ({"CF_XDR_GSZC": f"{GSZC[:5]} {GSZC[5:]}"}, {"CODE_NORMALIZED"}),
             ({"CF_XDR_GSZC": wrong_last(GSZC)}, {"USCC_PLACEHOLDER_GSZC", "GSZC_CHECKSUM"}),
             ({}, {"USCC_PLACEHOLDER_GSZC"}), ({"CF_XDR_LB": "法人及非法人组织", "CF_XDR_GSZC": GSZC}, {"USCC_PLACEHOLDER"}),
             ({"CF_XDR_SHXYM": PLACEHOLDER.lower(), "CF_XDR_GSZC": GSZC}, {"CODE_NORMALIZED"})]
    recs = [dict(base, CF_WSH=f"中市监罚〔2019〕{i}号", **change) for i, (change, _) in enumerate(cases)]
    found = _both_engines(monkeypatch, S.PENALTY, recs)
    for i, (change, want) in enumerate(cases):
        assert {f["code"] for f in found if f["row"] == 2 + i and f["code"] in _ID_CODES} == want, change
