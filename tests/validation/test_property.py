"""Property-based tests (hypothesis): no rule, value parser, header matcher or check-digit function
raises on whatever a spreadsheet cell can hold; generated valid identifiers always validate; reference
vectors of the national standards.

The rules are driven through ``validation.runner`` exactly as the engine drives them: a header row of the
spec's canonical names is matched by ``records.header.detect``, the generated rows go through
``sheet_start`` → ``run_batch`` → ``sheet_finish``.

Properties of the rules themselves (the second half): a plausible record yields no finding; changing one
cell of it yields findings only on that cell or on fields that declare it in ``Field.depends_on``; every
code a rule emits is in the catalogue.
"""

from __future__ import annotations

from decimal import Decimal
import datetime as dt
import math
import os
import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from sgs_cli import standard as S
from sgs_cli.codes import ValidationError, gs15, orgcode, ric, uscc
from sgs_cli.records.header import detect, match_header, normalize_header
from sgs_cli.validation import runner
from sgs_cli.validation.options import ValidateOptions
from sgs_cli.io.cells import (
    DateParseError,
    cell_text,
    compact_code,
    is_blank,
    normalize_text,
    parse_date,
)
from sgs_cli.calendar.workdays import WorkCalendar

#: 60 examples a test keeps the suite within its time (each example runs both engines through the shadow fixture);
#: SGS_HYPOTHESIS_EXAMPLES=5000 pytest tests/validation/test_property.py for a deeper run
SETTINGS = settings(max_examples=int(os.environ.get("SGS_HYPOTHESIS_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------------------------ cell values

#: text that reaches the deeper branches of the rules: numbers, dates, codes, placeholders, enums
TRICKY_TEXT = [
    "", " ", "\n", "'", "'0", "无", "/", "-", "null", "NULL", "N/A", "#N/A", "#DIV/0!", "inf", "-inf", "nan",
    "NaN", "1e400", "-1e400", "1E+17", "1.2E+17", "9.1110000600037E+17", "0", "-0", "0.0", "1", "-1", "1.5",
    "12345678901234567890123", "9" * 400, "0x1F", "１２３", "２０１９年５月１日", "2019/5/1", "2019-02-30",
    "2019.5.1", "2019年5月1日", "20190501", "29991231", "99999999", "5/1/2019", "2019/05/01 10:00",
    "2019/05/01T25:61", "0000/00/00", "9999/12/31", "1900/01/01", "2099/12/31", "长期", "长期有效",
    "91110000600037341L", "91110000600037341A", "91230500MA1B3N1N2M", "11230500001755309F", "00000000000000000X",
    "A1110000MA00000000", "360426199101010071", "36042619910101007X", "360426199113010071", "110108000000016",
    "60003734-1", "600037341", "ＭＡ１Ｂ３Ｎ１Ｎ２", "9111000060003734１L",
    "法人及非法人组织", "自然人", "个体工商户", "法人", "身份证", "护照号", "普通", "特许", "认可", "核准", "登记",
    "其他-备案", "其他", "警告", "罚款", "警告；罚款", "警告;罚款;没收违法所得、没收非法财物", "责令停产停业",
    "暂扣或者吊销许可证、暂扣或者吊销执照", "行政拘留", "其他-通报批评", "其他-", "1", "2", "3", "行政许可", "行政处罚",
    "13800138000", "0371-62171234", "a@b.cn", "@", "=1+1", "+1", "-1-1", "@SUM(A1)", "\t=cmd", "\x00", "\ufeff",
    "\u200b", "\ud800", "𠮷", "中牟县市场监督管理局", "中市监罚〔2019〕201号", "身份证号码：360426199101010071",
    "手机13800138000", "0.000001", "0.0000001", "1234567.1234567", "-5", "1,000", "１,０００.５", "￥100", "100元",
]

INTS = st.one_of(st.integers(min_value=-(2**63), max_value=2**63 - 1),
                 st.sampled_from([0, 1, -1, 19000101, 20190501, 29991231, 2958465, 2958466, 43586, 10**15, 10**17,
                                  911100006000373413, 360426199101010071, 2**53 + 1]))
FLOATS = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.sampled_from([math.nan, math.inf, -math.inf, 0.0, -0.0, 1e-300, 5e-324, 1.7976931348623157e308,
                                    0.2, 43586.5, 20190501.0, 9.11100006000373e17, 3.60426199101010e17, 1e21, 1e15,
                                    0.1 + 0.2, 123456789.123456789]))
DATES = st.one_of(st.dates(), st.sampled_from([dt.date(1, 1, 1), dt.date(1900, 1, 1), dt.date(1900, 2, 28),
                                              dt.date(1900, 3, 1), dt.date(2019, 11, 5), dt.date(2099, 12, 31),
                                              dt.date(9999, 12, 31)]))
DATETIMES = st.one_of(st.datetimes(), st.sampled_from([dt.datetime(1900, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59),
                                                      dt.datetime(2019, 11, 5, 10, 30)]))
TEXT = st.one_of(st.text(), st.text(alphabet=st.characters(codec="utf-8")), st.sampled_from(TRICKY_TEXT),
                 st.from_regex(r"[0-9A-Z]{15,18}", fullmatch=True), st.from_regex(r"\d{4}[/.\-年]\d{1,2}[/.\-月]\d{1,2}日?",
                                                                                 fullmatch=True))
CELL = st.one_of(st.none(), TEXT, INTS, FLOATS, st.booleans(), DATES, DATETIMES, st.times(), st.timedeltas())

# ---------------------------------------------------------------------------------- record rules

CALENDAR = WorkCalendar.load(use_env=False, use_default_file=False)  # never the user's holiday file
TODAY = dt.date(2025, 10, 20)
SPECS = {"license": S.LICENSE, "penalty": S.PENALTY, "ledger": S.LEDGER, "catalog": S.CATALOG,
         "liaison": S.LIAISON, "license2015": S.LICENSE_2015, "penalty2015": S.PENALTY_2015}


def _run_sheet(spec: S.SheetSpec, rows: list[list]) -> list:
    """One sheet through validation.runner, as the engine runs it (start → one batch → finish), without
    the reading: a header row of the spec's canonical names, then ``rows``."""
    header = [f.name for f in spec.fields]
    hm = detect([header], (spec,))
    assert hm is not None and hm.spec is spec
    opts = ValidateOptions(today=TODAY, submit_date=TODAY, calendar=CALENDAR)
    mapper, ctx, report, rules = runner.sheet_start("Sheet1", False, hm, opts)
    runner.run_batch([(hm.header_row + 1 + i, row) for i, row in enumerate(rows)], mapper, ctx, report, rules)
    findings = runner.sheet_finish(mapper, ctx, report).findings
    for f in findings:  # every finding renders
        f.to_dict()
        f.to_dict(show_sensitive=True)
    return findings


def _rows(spec: S.SheetSpec):
    n = len(spec.fields)
    return st.lists(st.lists(CELL, min_size=n, max_size=n), min_size=1, max_size=3)


def _ok(kind: str, rows: list[list]) -> None:
    """The rows go through without an exception, and what comes out is well formed: every code catalogued,
    every finding on the header (row 1, a column's finding), on a data row (2 … len(rows)+1) or on the sheet."""
    from sgs_cli.rules.codes import RULES

    found = _run_sheet(SPECS[kind], rows)
    assert {f.code for f in found} <= set(RULES)
    assert [f.row for f in found if f.row is not None and not 1 <= f.row <= len(rows) + 1] == []


KINDS = ["license", "penalty", "ledger", "catalog", "liaison", "license2015", "penalty2015"]


@pytest.mark.parametrize("kind", KINDS)
@SETTINGS
@given(data=st.data())
def test_record_rules_accept_any_cell_values(kind, data):
    rows = data.draw(_rows(SPECS[kind]))
    _ok(kind, rows)


@pytest.mark.parametrize("kind", KINDS)
@SETTINGS
@given(data=st.data())
def test_record_rules_accept_one_odd_value_in_a_plausible_row(kind, data):
    """Change one cell of an otherwise ordinary row: reaches the checks that run only when the other
    fields make sense (category-dependent requirements, dates order, amounts, duplicates)."""
    spec = SPECS[kind]
    base = [_plausible(f) for f in spec.fields]
    row = list(base)
    i = data.draw(st.integers(min_value=0, max_value=len(row) - 1))
    row[i] = data.draw(CELL)
    _ok(kind, [base, row])


def _plausible(f: S.Field):
    if f.type is S.FieldType.DATE:
        return dt.date(2025, 9, 30)
    if f.type is S.FieldType.NUMBER:
        return 1
    if f.enum:
        return f.enum[0]
    if f.identifier == "uscc":
        return "91110000600037341L"
    if f.identifier == "ric":
        return "360426199101010071"
    return "中牟县某某单位"


@pytest.mark.parametrize("kind, xh, shown", [("ledger", "inf", "inf"), ("catalog", "1e400", "1e400"),
                                            ("catalog", math.inf, "inf")])
def test_sequence_number_overflow_is_not_a_crash(kind, xh, shown):
    """Was a crash (OverflowError in annex._sequence for 'inf', '1e400', float inf): now the 序号 warning."""
    found = _run_sheet(SPECS[kind], [[xh] + [""] * (len(SPECS[kind].fields) - 1)])
    assert [(f.code, f.cell, f.message) for f in found if f.code == "LEDGER_SEQUENCE"] == [
        ("LEDGER_SEQUENCE", "A2", f"序号“{shown}”不是数字")]


def test_nan_fine_amount_is_an_invalid_amount():
    """Was a crash (decimal.InvalidOperation on `NaN <= 0`); an .xlsx cell <v>NaN</v> reads as float nan."""
    row = [_plausible(f) for f in S.PENALTY.fields]
    row[S.PENALTY.codes.index("CF_NR_FK")] = math.nan
    assert "AMOUNT_INVALID" in {f.code for f in _run_sheet(S.PENALTY, [row])}


# ------------------------------------------------------------------------------------ values.py

@SETTINGS
@given(CELL)
@example(10**400)
@example(-(10**400))
@example(float("nan"))
@example("2019/02/29")
@example("0000/01/01")
def test_parse_date_returns_a_date_or_raises_date_parse_error(v):
    try:
        d, note = parse_date(v)
    except DateParseError as e:
        assert e.message and isinstance(e.hint, str)
        return
    assert isinstance(d, dt.date) and not isinstance(d, dt.datetime)
    assert note is None or isinstance(note, str)


@SETTINGS
@given(CELL)
@example("甲\r\n乙\u3000")
@example(" '9111 0000\n60003734１l ")
def test_cell_text_and_friends_never_raise(v):
    t = cell_text(v)
    assert isinstance(t, str) and (t == v if type(v) is str else True)  # a text cell is shown as it is
    blank = is_blank(v)
    assert blank in (True, False) and (not blank or not t.strip())
    code = compact_code(t)
    assert re.search(r"\s", code) is None and not code.startswith("'") and code == code.upper()
    text = normalize_text(t)
    assert text == text.strip() and "\r" not in text and "\n" not in text


@SETTINGS
@given(st.floats(min_value=1e15, max_value=1e20))
def test_cell_text_of_big_integral_floats_keeps_15_digits(v):
    assume(v.is_integer())
    t = cell_text(v)
    # Excel keeps 15 significant digits; the rest are zeros (914101227067004000), not float noise
    assert t.isdigit() and t == format(Decimal(f"{v:.15g}"), "f") and len(t.rstrip("0")) <= 15


# ------------------------------------------------------------------------------------ header.py

@SETTINGS
@given(st.one_of(st.text(), st.sampled_from(["行政相对人代码_2(组织机构代码)", "*行政相对人名称（必填）", "CF_XDR_MC",
                                          "1.行政相对人名称", "处罚决定日期：YYYY/MM/DD", "((()))", "(", ")",
                                          "：", "＊", "行政相对人代码_5(居民身份证号)"])))
def test_header_matching_never_raises(text):
    assert isinstance(normalize_header(text), str)
    for spec in S.ALL_SPECS:
        m = match_header(spec, text)
        assert m is None or m.code in spec.codes


@SETTINGS
@given(st.lists(st.lists(CELL, max_size=8), max_size=6))
def test_header_detection_never_raises(rows):
    hm = detect(rows)
    assert hm is None or hm.header_row >= 1


# ------------------------------------------------------------------------------ check digits

CODE_TEXT = st.one_of(st.text(), st.from_regex(r"[0-9A-Z\- ]{0,20}", fullmatch=True), st.sampled_from(TRICKY_TEXT))
MODULES = {"uscc": uscc, "orgcode": orgcode, "ric": ric, "gs15": gs15}


@pytest.mark.parametrize("name", list(MODULES))
@SETTINGS
@given(text=CODE_TEXT)
def test_validate_raises_only_validation_errors(name, text):
    mod = MODULES[name]
    try:
        out = mod.validate(text)
    except ValidationError as e:
        assert e.message
        assert mod.is_valid(text) is False
    else:
        assert isinstance(out, str) and mod.is_valid(text) is True


ORG_BODY = st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=8, max_size=8)


@SETTINGS
@given(ORG_BODY)
def test_generated_orgcodes_validate(body):
    code = body + orgcode.calc_check_digit(body)
    assert orgcode.validate(code) == code
    assert orgcode.validate(f"{body}-{code[-1]}") == code  # the usual hyphenated spelling


USCC_ALPHABET = uscc.ALPHABET


@SETTINGS
@given(dept=st.sampled_from("123456789ANY"), cat=st.sampled_from(USCC_ALPHABET),
       region=st.from_regex(r"[0-9]{6}", fullmatch=True),
       org=st.text(alphabet=[c for c in USCC_ALPHABET], min_size=8, max_size=8))
def test_generated_usccs_validate(dept, cat, region, org):
    org9 = org + orgcode.calc_check_digit(org)
    assume(all(c in USCC_ALPHABET for c in org9))  # the orgcode check may be 'X'... which is in the alphabet
    body = dept + cat + region + org9
    code = body + uscc.calc_check_digit(body)
    assert uscc.validate(code) == code
    assert uscc.validate(code.lower()) == code  # compact() upper-cases
    wrong = code[:-1] + next(c for c in USCC_ALPHABET if c != code[-1])
    assert not uscc.is_valid(wrong)


@SETTINGS
@given(region=st.from_regex(r"[1-8][0-9]{5}", fullmatch=True),
       born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31)),
       seq=st.from_regex(r"[0-9]{3}", fullmatch=True))
def test_generated_rics_validate(region, born, seq):
    body = f"{region}{born:%Y%m%d}{seq}"
    code = body + ric.calc_check_digit(body)
    assert ric.validate(code) == code
    assert ric.birth_date(code) == born


@SETTINGS
@given(st.from_regex(r"[0-9]{14}", fullmatch=True))
def test_generated_gs15_validate(body):
    code = body + gs15.calc_check_digit(body)
    assert gs15.validate(code) == code
    assert not gs15.is_valid(code[:-1] + str((int(code[-1]) + 1) % 10))


@pytest.mark.parametrize("code, valid", [
    ("91110000600037341L", True),
    ("91230500MA1B3N1N2M", True),
    ("11230500001755309F", True),
    ("00000000000000000X", False),  # the documented placeholder for a 个体工商户 without a code
    ("91110000600037341A", False),
    ("９１１１００００６０００３７３４１Ｌ", True),  # full-width, as typed in a Chinese IME
    (" 91110000600037341l ", True),
])
def test_uscc_reference_vectors(code, valid):
    assert uscc.is_valid(code) is valid


@pytest.mark.parametrize("dept", "ANY")
def test_uscc_a_n_y_prefixes_are_accepted(dept):
    body = dept + "1110000" + "MA1B3N1N"
    body = body[:8] + body[8:16] + orgcode.calc_check_digit(body[8:16])
    code = body + uscc.calc_check_digit(body)
    assert uscc.validate(code) == code


def test_uscc_placeholder_fails_with_a_checksum_error():
    with pytest.raises(ValidationError):
        uscc.validate(uscc.PLACEHOLDER)


@pytest.mark.parametrize("code, valid", [("60003734-1", True), ("600037341", True), ("600037342", False),
                                         ("MA1B3N1N2", True), ("MA1B3N1N3", False), ("", False)])
def test_orgcode_reference_vectors(code, valid):
    assert orgcode.is_valid(code) is valid


@pytest.mark.parametrize("code, valid", [("360426199101010071", True), ("360426199101010072", False),
                                         ("360426199113010071", False), ("36042619910101007", False)])
def test_ric_reference_vectors(code, valid):
    assert ric.is_valid(code) is valid


@pytest.mark.parametrize("code, valid", [("110108000000016", True), ("110108000000017", False)])
def test_gs15_reference_vectors(code, valid):
    assert gs15.is_valid(code) is valid


@SETTINGS
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("，（）：；！？\u3000ＡＢ１２ｱﾞ\u0301\u0308")), max_size=60))
@example("罚款人民币１２，０００元（壹万贰仟元）：\u3000已缴纳；")
@example("Ａ\u0301，")
def test_fast_nfkc_equals_unicodedata(s):
    import unicodedata

    from sgs_cli.io.cells import nfkc

    assert nfkc(s) == unicodedata.normalize("NFKC", s)


# ------------------------------------------------------------------ properties of the rules themselves

from conftest import make_ric, make_uscc  # noqa: E402 - the shared fixture code of the suite

USCC_BODY = st.from_regex(r"[0-9ABCDEFGHJKLMNPQRTUWXY]{8}", fullmatch=True)
REGIONS = st.sampled_from(["410122", "410102", "110101", "440305", "510104"])
NAMES = st.sampled_from(["中牟县鑫源商贸有限公司", "郑州市金水区好运来超市", "河南省中原建设工程有限公司", "中牟县刘记烩面馆",
                         "王建军", "李秀英", "张伟"])
AUTHORITY = make_uscc("11410122", "00558762")


@st.composite
def plausible_records(draw, kind: str, n: int = 2) -> list[dict]:
    """``n`` records of ``kind`` (license or penalty) that a careful clerk could have entered: valid codes
    with their check digits, dates in order and in the past, amounts that agree with the text."""
    p = "CF" if kind == "penalty" else "XK"
    out = []
    decided = draw(st.dates(min_value=dt.date(2019, 1, 2), max_value=dt.date(2025, 9, 30)))  # one day's decisions
    for i in range(n):
        who = draw(st.sampled_from(["法人及非法人组织", "个体工商户", "自然人"]))
        rec = {f"{p}_XDR_MC": draw(NAMES), f"{p}_XDR_LB": who}
        if who == "自然人":
            born = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2000, 12, 31)))
            rec.update({f"{p}_XDR_ZJLX": "身份证",
                        f"{p}_XDR_ZJHM": make_ric(draw(REGIONS), born.strftime("%Y%m%d"),
                                                  draw(st.from_regex(r"[0-9]{3}", fullmatch=True)))})
        else:
            rec.update({f"{p}_XDR_SHXYM": make_uscc(("91" if who != "个体工商户" else "92") + draw(REGIONS),
                                                     draw(USCC_BODY)),
                        f"{p}_FRDB": draw(st.sampled_from(["李国强", "刘长青", "赵敏"]))})
        if kind == "penalty":
            yuan = draw(st.integers(min_value=1, max_value=2000)) * 100
            rec.update(CF_WSH=f"中市监罚〔{decided.year}〕{300 + i}号", CF_WFXW="销售超过保质期的食品",
                       CF_SY="当事人在其经营场所销售超过保质期的预包装食品。", CF_YJ="《中华人民共和国食品安全法》第一百二十四条第一款",
                       CF_CFLB="警告；罚款", CF_NR=f"警告，并处罚款{yuan}元", CF_NR_FK=yuan / 10000, CF_JDRQ=decided,
                       CF_YXQ=decided + dt.timedelta(days=365), CF_GSJZQ=decided + dt.timedelta(days=180),
                       CF_CFJG="中牟县市场监督管理局", CF_CFJGDM=AUTHORITY, CF_SJLY="中牟县市场监督管理局",
                       CF_SJLYDM=AUTHORITY)
        else:
            rec.update(XK_XKWS="食品经营许可决定书", XK_WSH=f"中市监食许〔{decided.year}〕{300 + i:04d}号", XK_XKLB="普通",
                       XK_XKZS="食品经营许可证", XK_XKBH=f"JY1410122{decided.year}{i:03d}",
                       XK_NR="准予食品经营许可，经营项目：预包装食品销售", XK_JDRQ=decided, XK_YXQZ=decided,
                       XK_YXQZI=decided + dt.timedelta(days=5 * 365), XK_XKJG="中牟县市场监督管理局", XK_XKJGDM=AUTHORITY,
                       XK_ZT="1", XK_LYDW="中牟县市场监督管理局", XK_LYDWDM=AUTHORITY)
        out.append(rec)
    return out


def _row_findings(spec: S.SheetSpec, records: list[dict]) -> list:
    """Findings of ``records`` validated the day after their decision (nothing overdue yet)."""
    today = records[0].get("CF_JDRQ", records[0].get("XK_JDRQ")) + dt.timedelta(days=1)
    header = [f.name for f in spec.fields]
    hm = detect([header], (spec,))
    opts = ValidateOptions(today=today, calendar=CALENDAR)
    mapper, ctx, report, rules = runner.sheet_start("Sheet1", False, hm, opts)
    rows = [(hm.header_row + 1 + i, [r.get(f.code) for f in spec.fields]) for i, r in enumerate(records)]
    runner.run_batch(rows, mapper, ctx, report, rules)
    return runner.sheet_finish(mapper, ctx, report).findings


@pytest.mark.parametrize("kind", ["license", "penalty"])
@SETTINGS
@given(data=st.data())
def test_a_plausible_record_yields_no_finding(kind, data):
    records = data.draw(plausible_records(kind))
    got = [(f.code, f.field, f.message) for f in _row_findings(SPECS[kind], records) if f.severity != "info"]
    assert got == []


@pytest.mark.parametrize("kind", ["license", "penalty"])
@SETTINGS
@given(data=st.data())
def test_one_changed_cell_brings_findings_only_on_it_or_on_the_fields_that_depend_on_it(kind, data):
    spec = SPECS[kind]
    records = data.draw(plausible_records(kind))
    changed = data.draw(st.sampled_from(spec.codes))
    records[1][changed] = data.draw(CELL)
    allowed = {changed} | {f.code for f in spec.fields if changed in f.depends_on}
    row = 2 + 1  # the second record's physical row (header on row 1)
    got = {(f.code, f.field) for f in _row_findings(spec, records)
           if f.severity != "info" and f.row == row and f.field not in allowed}
    assert got == set(), f"{changed} changed"


@pytest.mark.parametrize("kind", ["license", "penalty"])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_code_a_rule_emits_is_in_the_catalogue(kind, data):
    """Every code the findings of plausible records with odd cells carry is catalogued (the catalogue and
    the README table are kept equal by tests/rules/test_rule_catalog.py)."""
    from sgs_cli.rules.codes import RULES

    records = data.draw(plausible_records(kind))
    changed = data.draw(st.sampled_from(SPECS[kind].codes))
    records[1][changed] = data.draw(CELL)
    emitted = {f.code for f in _row_findings(SPECS[kind], records)}
    assert emitted <= set(RULES)
