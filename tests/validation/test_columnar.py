"""The columnar engine (validation/columnar.py, the default) against the row engine (SGS_ENGINE=row, the
reference): the golden outputs byte for byte under the row engine too (test_golden.py checks them under the
default engine), and generated rows finding for finding."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from sgs_cli import standard as S
from sgs_cli.standard.docno import YEAR_CLOSES, YEAR_OPENS
from sgs_cli.records.header import detect
from sgs_cli.validation import columnar
from sgs_cli.validation.options import ValidateOptions
from sgs_cli.validation.runner import run_batch, sheet_finish, sheet_start
from conftest import PENALTY_ORG as S_ORG, PERSON_ID, user_home
from test_golden import _check, golden

TODAY = dt.date(2025, 10, 20)
AMOUNT_CODES = set(__import__("sgs_cli.rules.amounts", fromlist=["CODES"]).CODES)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    with user_home(tmp_path_factory.mktemp("home")):
        yield


@pytest.fixture
def both_engines(monkeypatch):
    """SGS_ENGINE=both: every batch through the row engine and the columnar engine, small sheets too
    (which the default runs on the row forms only); any difference raises EngineDrift; strict records."""
    from strict import strict_engines

    strict_engines(monkeypatch)


@pytest.mark.parametrize("name,paths", golden.data_cases(), ids=[n for n, _ in golden.data_cases()])
def test_checked_in_inputs_both_engines(name, paths, home, both_engines):
    _check(name, golden.run_json(paths, golden.ROOT))


#: one xlsx flavour per kind (the other is read the same way), CSV, and the pair run together
BOTH_BENCH = [c for c in golden.BENCH_CASES if c[0] not in ("bench__penalty_10000.inline.xlsx",
                                                                  "bench__license_10000.shared.xlsx")]


@pytest.mark.parametrize("name,files", BOTH_BENCH, ids=[n for n, _ in BOTH_BENCH])
def test_generated_ledgers_both_engines(name, files, bench_dir, home, both_engines):
    _check(name, golden.run_json(files, bench_dir))


def test_the_shadow_engine_fails_on_a_difference(monkeypatch, tmp_path):
    """A columnar form that drops a finding (a mutant quiet mask) is an EngineDrift under SGS_ENGINE=both,
    naming the first finding that differs; the default engine would have said nothing."""
    from conftest import PENALTY_PERSON, wrong_last, write_sheet
    from sgs_cli.rules import identifiers
    from sgs_cli.validation.engine import validate_file

    rows = [dict(PENALTY_PERSON, CF_XDR_ZJLX="居民身份证", CF_XDR_ZJHM=wrong_last(PERSON_ID))]
    path = write_sheet(tmp_path / "a.xlsx", "penalty", rows)
    opts = ValidateOptions(today=TODAY)
    monkeypatch.setenv(columnar.ENV, "both")
    codes = [f.code for s in validate_file(path, opts).sheets for f in s.findings]
    assert "IDCARD_CHECKSUM" in codes
    import numpy as np

    monkeypatch.setattr(identifiers, "_id_rows", lambda fr, num, typ: np.zeros(fr.n, bool))  # a mask too quiet
    with pytest.raises(columnar.EngineDrift, match="IDCARD_CHECKSUM"):
        validate_file(path, opts)
    monkeypatch.setenv(columnar.ENV, "columnar")
    assert "IDCARD_CHECKSUM" not in [f.code for s in validate_file(path, opts).sheets for f in s.findings]


def _findings(spec, rows, engine: str, monkeypatch) -> list[dict]:
    monkeypatch.setenv(columnar.ENV, engine)
    hm = detect([[f.name for f in spec.fields]], (spec,))
    mapper, ctx, report, rules = sheet_start("Sheet1", False, hm, ValidateOptions(today=TODAY, submit_date=TODAY))
    run_batch([(2 + i, row) for i, row in enumerate(rows)], mapper, ctx, report, rules)
    return [f.to_dict(show_sensitive=True) for f in sheet_finish(mapper, ctx, report).findings]


#: cell values as readers give them: texts with the defects the rules look for, numbers, dates, blanks
_CELL = st.one_of(
    st.sampled_from(["", " ", "无", "/", "NULL", "示", "自然人", "法人及非法人组织", "个体工商户", "法人", "身份证",
                     "91350100M000100Y43", "9135010 0M000100Y43", "９１３５０１００Ｍ０００１００Ｙ４３",
                     "00000000000000000X", "110101199003070035", "11010119900307003x", "1.2E+17",
                     "2024/02/30", "2024-3-1", "罚款；警告", "罚款2000元", "其他", "其他-责令改正", "训诫", "1", "3",
                     " 某某公司 ", "ＡＢ公司", "联系电话13800138000。", "身份证110101199003070035", "x" * 210]),
    st.text(alphabet="0123456789Xx 　ＡA公司-/\n", max_size=22),
    st.integers(min_value=0, max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=False, width=64),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.none(),
)


@pytest.mark.parametrize("spec", [S.LICENSE, S.PENALTY], ids=["license", "penalty"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_rows_give_the_same_findings(spec, data, monkeypatch):
    n = len(spec.fields)
    rows = data.draw(st.lists(st.lists(_CELL, min_size=n, max_size=n), min_size=1, max_size=6))
    assert _findings(spec, rows, "columnar", monkeypatch) == _findings(spec, rows, "row", monkeypatch)


def test_a_lone_surrogate_is_checked_the_same_way(monkeypatch):
    """Arrow cannot hold a lone surrogate (a CSV decoded with surrogateescape): the column falls back to
    Python strings, with the same findings."""
    row = [""] * len(S.PENALTY.fields)
    row[S.PENALTY.codes.index("CF_SY")] = "违法事实\udce9联系13800138000"
    row[S.PENALTY.codes.index("CF_XDR_MC")] = " 某某\udce9公司"
    got = _findings(S.PENALTY, [row], "columnar", monkeypatch)
    assert got == _findings(S.PENALTY, [row], "row", monkeypatch)
    assert {"PRIVACY_MOBILE", "TEXT_WHITESPACE", "REQUIRED_MISSING"} <= {f["code"] for f in got}


@pytest.mark.parametrize("kind", ["penalty", "license"])
def test_one_process_both_engines_on_a_generated_ledger(kind, tmp_path, monkeypatch, isolated_sgs_env):
    """The serial path (no worker processes: duplicates checked by the columnar form itself) on a ledger
    with every injected violation, duplicates included."""
    import sys

    sys.path.insert(0, str(golden.ROOT / "bench"))
    from generate import generate

    generate(kind, 2000, tmp_path, seed=790, flavours=("csv",), quiet=True)
    path = tmp_path / f"{kind}_2000.csv"
    monkeypatch.setenv("SGS_WORKERS", "1")
    out = {}
    for engine in ("row", "columnar"):
        monkeypatch.setenv(columnar.ENV, engine)
        out[engine] = golden.run_json([path.name], tmp_path)
    assert out["columnar"] == out["row"]
    assert '"DUPLICATE_RECORD"' in out["row"] and '"ENUM_INVALID"' in out["row"]


# ---------------------------------------------------- amounts, timeliness, content: the masks' edge cases

def _both_engines(sheet, monkeypatch, rows: list[dict], **kw) -> list[dict]:
    """The findings of a penalty sheet under both engines (asserted equal), as dicts."""
    out = {}
    for engine in ("row", "columnar"):
        monkeypatch.setenv(columnar.ENV, engine)
        out[engine] = [f.to_dict(show_sensitive=True) for f in sheet.findings("penalty", rows, **kw)]
    assert out["columnar"] == out["row"]
    return out["row"]


def _codes(found: list[dict]) -> list[tuple]:
    return [(f["code"], f.get("cell")) for f in found]


@pytest.mark.parametrize("cflb, nr, fk, expected", [
    ("警告；罚款", "警告，并处罚款2000元", 0.2, []),
    ("罚款", "罚款人民币12,000元。", 1.2, []),
    ("罚款", "罚款人民币1.5万元", 1.5, []),
    ("罚款", "罚款人民币1.5万元", 0.15, [("FINE_AMOUNT_MISMATCH", "T2")]),
    ("罚款", "罚款2000元", 2000, [("FINE_UNIT_MISMATCH", "T2")]),
    ("罚款", "没收违法所得500元；罚款2000元。", 0.2, []),
    ("罚款", "没收违法所得2000元；罚款500元。", 0.2, [("FINE_AMOUNT_MISMATCH", "T2")]),
    ("罚款", "罚款贰仟元整", 0.3, [("FINE_AMOUNT_MISMATCH", "T2")]),  # Chinese numerals: the row form
    ("罚款", "罚款2000元；罚款3000元", 0.7, []),  # two amounts: none stated for certain
    ("罚款", "处一万元以上十万元以下罚款，罚款20000元", 2, []),  # the law's range is not the fine
    ("罚款", "罚款2000元", "0.2", []),
    ("罚款", "罚款2000元", " 0,2 ", [("FINE_AMOUNT_MISMATCH", "T2")]),  # thousands separator: 2
    ("罚款", "罚款2000元", "贰仟元", [("AMOUNT_INVALID", "T2")]),
    ("罚款", "罚款2000元", 0.1234567, [("AMOUNT_DECIMALS", "T2"), ("FINE_AMOUNT_MISMATCH", "T2")]),
    ("罚款", "给予罚款", 0, [("AMOUNT_NOT_POSITIVE", "T2")]),
    ("罚款", "给予罚款", None, [("FINE_AMOUNT_REQUIRED", "T2")]),
    ("警告", "警告", 0.2, [("FINE_WITHOUT_CATEGORY", "T2")]),
    ("警告", "警告", True, [("AMOUNT_INVALID", "T2")]),  # a boolean cell is no amount (True == 1.0 as a key)
    ("罚款；暂扣或者吊销许可证、暂扣或者吊销执照", "罚款2000元；吊销营业执照", 0.2, [("REVOKED_LICENCE_REQUIRED", "V2")]),
])
def test_amounts_columnar_equals_row(sheet, monkeypatch, cflb, nr, fk, expected):
    found = _both_engines(sheet, monkeypatch, [dict(S_ORG, CF_CFLB=cflb, CF_NR=nr, CF_NR_FK=fk)])
    assert [c for c in _codes(found) if c[0] in AMOUNT_CODES] == expected


def test_amounts_messages_columnar_equals_row(sheet, monkeypatch):
    rows = [dict(S_ORG, CF_CFLB="罚款", CF_NR="罚款人民币1.5万元", CF_NR_FK=v) for v in (1.5, 0.15, 15000, 1.5)]
    rows.append(dict(S_ORG, CF_CFLB="罚款", CF_NR="罚款人民币1.5万元", CF_NR_FK=1.5, CF_NR_WFFF=-1))
    found = [f for f in _both_engines(sheet, monkeypatch, rows) if f["code"] in AMOUNT_CODES]
    assert [(f["code"], f["cell"], f["message"]) for f in found] == [
        ("FINE_AMOUNT_MISMATCH", "T3", "罚款金额0.15万元与处罚内容中的15000元不一致"),
        ("FINE_UNIT_MISMATCH", "T4", "罚款金额单位应为万元：处罚内容为15000元，金额却填了15000")]


def _penalty_2026(**kw) -> dict:
    return {**S_ORG, "CF_JDRQ": dt.date(2026, 5, 6), "CF_YXQ": dt.date(2027, 5, 5), "CF_GSJZQ": dt.date(2026, 11, 6),
            **kw}


def test_timeliness_columnar_equals_row(sheet, monkeypatch):
    rows = [
        _penalty_2026(),  # 一般, in band: nothing but the deadline
        _penalty_2026(CF_CFLB="警告", CF_NR="给予警告", CF_NR_FK=None),  # 轻微: 警告 only
        _penalty_2026(BZ="简易程序"),
        _penalty_2026(CF_XDR_MC="王建军", CF_XDR_LB="自然人", CF_XDR_SHXYM=None, CF_FRDB=None, CF_XDR_ZJLX="身份证",
                      CF_XDR_ZJHM=PERSON_ID, CF_CFLB="罚款", CF_NR="罚款200元", CF_NR_FK=0.02),  # within 200 元
        _penalty_2026(CF_CFLB="罚款", CF_NR="罚款3000元", CF_NR_FK="0.3"),  # within 3000 元, as text
        _penalty_2026(CF_CFLB="罚款", CF_NR="罚款3001元", CF_NR_FK=0.3001),
        _penalty_2026(CF_GSJZQ=dt.date(2026, 6, 1)),  # shorter than 3 months
        _penalty_2026(CF_GSJZQ=dt.date(2099, 12, 31)),  # longer than 12 months
        _penalty_2026(CF_GSJZQ=dt.date(2027, 5, 6), _XYCD="严重"),  # 严重: 12 months is in band
        _penalty_2026(_XYCD="轻微"),
        _penalty_2026(_XYCD="很严重"),
        dict(S_ORG, CF_GSJZQ=dt.date(2019, 11, 1)),  # before the decision (527号)
        dict(S_ORG, CF_JDRQ=dt.date(2019, 3, 1), CF_GSJZQ=dt.date(2099, 1, 1)),  # before any regime
        dict(S_ORG, CF_JDRQ=None),
        _penalty_2026(CF_JDRQ=dt.date(2026, 12, 28), CF_GSJZQ=dt.date(2027, 6, 28)),  # deadline in 2027: no data
        _penalty_2026(CF_CFLB="罚款", CF_NR="罚款50000元", CF_NR_FK=5, BZ="简易程序"),  # 简易程序 whatever the fine
    ]
    columns = [f.code for f in S.PENALTY.fields] + ["_XYCD"]
    runs = {}
    # 2027-01-06: 9 days after the 12-28 decision, whether 7 working days have passed needs 2027 (on 01-04, 7 days
    # after it, they cannot have: no CALENDAR_NO_DATA then)
    for today, submit in ((dt.date(2026, 5, 8), None), (dt.date(2027, 1, 6), None), (dt.date(2030, 1, 1), dt.date(2026, 6, 1))):
        found = runs[today] = _both_engines(sheet, monkeypatch, rows, today=today, submit_date=submit, columns=columns,
                                            header_text={"_XYCD": "失信严重程度"})
        codes = {f["code"] for f in found}
        assert {"PUBLICATION_PERIOD", "PUBLICATION_NOT_REQUIRED", "SEVERITY_INVALID"} <= codes
    [passed] = [f for f in found if f["code"] == "DEADLINE_PASSED"]
    assert passed["message"].startswith("按报送日期2026/06/01，以下14条已超过") and passed["rows"] == [*range(2, 15), 17]
    [no_data] = [f for f in runs[dt.date(2027, 1, 6)] if f["code"] == "CALENDAR_NO_DATA"]
    assert no_data["rows"] == [16]
    assert [f["row"] for f in found if f["code"] == "PUBLICATION_NOT_REQUIRED"] == [3, 4, 5, 6, 11, 17]
    assert [f["row"] for f in found if f["code"] == "PUBLICATION_PERIOD"] == [8, 9, 11, 13]


def test_timeliness_provisional_columnar_equals_row(sheet, monkeypatch):
    rows = [dict(S_ORG, CF_JDRQ=dt.date(2026, 12, 24), CF_GSJZQ=dt.date(2027, 6, 24)),
            dict(S_ORG, CF_JDRQ=dt.date(2019, 11, 5))]
    found = _both_engines(sheet, monkeypatch, rows, today=dt.date(2027, 1, 6), provisional=True)
    assert {"DEADLINE_PASSED", "CALENDAR_PROVISIONAL"} <= {f["code"] for f in found}


def test_content_columnar_equals_row(sheet, monkeypatch):
    rows = [dict(S_ORG, CF_NR="依法作出行政处罚，详见处罚决定书"), dict(S_ORG, CF_NR="予以警告"),
            dict(S_ORG, CF_CFLB="罚款", CF_NR="罚没款2000元"), dict(S_ORG, CF_CFLB="罚款", CF_NR="依法处理"),
            dict(S_ORG, CF_CFLB="通报批评", CF_NR="全市通报"), dict(S_ORG, CF_CFLB="警告；罚款", CF_NR=None),
            dict(S_ORG, CF_CFLB="责令停产停业；罚款", CF_NR="罚款1000元")]
    found = [f for f in _both_engines(sheet, monkeypatch, rows) if f["code"] == "CONTENT_WITHOUT_PENALTY"]
    assert [(f["cell"], f["message"]) for f in found] == [("S2", "“处罚内容”没有写明警告、罚款"),
                                                          ("S5", "“处罚内容”没有写明罚款")]


#: 处罚内容, amounts, 处罚类别, dates and 失信严重程度 as the amounts, timeliness and content masks meet them
_NR = ["罚款2000元", "罚款人民币12,000元。", "罚款人民币1.5万元", "没收违法所得500.5元；罚款2000元。", "警告，并处罚款2000元",
       "罚款2000元整", "罚款贰仟元", "罚款2000元；罚款3000元", "罚款1,2345元", "处罚款2000元以上", "罚款（人民币）2000元",
       "罚款￥2000元", "罚款2000元\n罚款2000元", "给予警告", "", "罚没款2000元", "合计罚款2000元", "罚款2000万元", "罚款0元",
       "没收2000元；罚款2000元", "罚款２０００元", "每日罚款2000元", "简易程序，罚款200元", "责令停产停业7日；罚款200元"]
_FK = [0.2, "0.2", 2000, 0.15, 1.5, 1.2, None, "", 0, -1, "abc", "贰仟元", True, 0.1234567, 0.02, 0.3, "0.30", 1, 200]
_CFLB = ["罚款", "警告；罚款", "警告", "罚款；没收违法所得、没收非法财物", "罚款；暂扣或者吊销许可证、暂扣或者吊销执照",
         "责令停产停业；罚款", "其他-责令改正", "通报批评", "", "罚金"]
_DAY = [dt.date(2026, 5, 6), dt.date(2026, 12, 28), dt.date(2019, 11, 5), dt.date(2019, 3, 1), dt.date(2023, 6, 1),
        dt.date(2027, 3, 1), None, "2026/04/01", dt.date(2026, 3, 31), dt.date(2099, 12, 31)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_amounts_and_deadlines_give_the_same_findings(data, monkeypatch):
    fields = {"CF_XDR_LB": ["法人及非法人组织", "自然人"], "CF_CFLB": _CFLB, "CF_NR": _NR, "CF_NR_FK": _FK,
              "CF_NR_WFFF": _FK, "CF_JDRQ": _DAY, "CF_GSJZQ": _DAY, "CF_NR_ZKDX": ["", "许可证"],
              "BZ": ["", "简易程序"], "CF_SY": ["", "适用简易程序"]}
    codes = S.PENALTY.codes
    rows = []
    for _ in range(data.draw(st.integers(1, 8))):
        row = [""] * len(codes)
        for code, choices in fields.items():
            row[codes.index(code)] = data.draw(st.sampled_from(choices))
        rows.append(row)
    assert _findings(S.PENALTY, rows, "columnar", monkeypatch) == _findings(S.PENALTY, rows, "row", monkeypatch)

# --------------------------------------------------------------------------------- the derive stage


def _mapper(codes, prefix: str = "", has_lb: bool = False):
    """What Frame reads of a SheetMapper: one source column per code."""
    from types import SimpleNamespace

    return SimpleNamespace(sources=[(c, i) for i, c in enumerate(codes)], extensions={}, prefix=prefix,
                           has_lb=has_lb)


#: characters normalize_text changes or keeps next to ones it may change: white space of every kind,
#: full-width letters and punctuation, combining marks, compatibility characters, the apostrophe, lone
#: surrogates, CJK and Chinese punctuation
_TRICKY = ["\u3000", "\xa0", "\t", "\r", "\n", "\x0b", "\x1c", "\x85", "\u2028", " ", "'", "＇", "，", "（", "）",
           "：", "；", "！", "？", "Ａ", "９", "ｶ", "\u0301", "\u0308", "e", "\u1100", "\u1161", "\u11a8", "①", "℃",
           "…", "ﬁ", "\ufb01", "\u2126", "\uf900", "\ud800", "\udce9", "公", "司", "、", "。", "“", "”", "《", "》",
           "·", "×", "—", "\x00", "\U00020000", "\u2f00", "\u4dc0", "K", "\u212a"]
_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(_TRICKY), max_size=8),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=6),
    st.sampled_from(["", " ", "'", "''", "' 1'", "某某公司", " 某某公司", "违法事实，罚款（二）项", "罚款；警告"]),
)
_ANY_CELL = st.one_of(_TEXT, _TEXT, _TEXT, st.integers(min_value=-10**20, max_value=10**20), st.booleans(),
                      st.floats(width=64), st.dates(), st.datetimes(), st.none())


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(_ANY_CELL, max_size=60))
def test_the_frames_texts_are_record_text_cell_by_cell(cells):
    """Frame.text (normalize_text only where a vectorised test says the text may change, full-width
    punctuation replaced in one joined string) equals the per-cell path exactly."""
    fr = columnar.Frame([(2 + k, [v]) for k, v in enumerate(cells)], _mapper(["A"]))
    assert fr.text("A") == [columnar._text(v) for v in cells]
    for chars, utf8 in (("公ｶ", b""), ("\ufffd", b"\xc2"), ("'", b"\xe3\x80")):  # False only when no text holds one
        assert fr.may_contain("A", chars, utf8) or not any(
            c in t for t in fr.text("A") for c in chars) and not (utf8 and any(utf8 in t.encode() for t in fr.text("A")))
    assert fr.lengths("A").tolist() == [len(columnar._text(v)) for v in cells]
    assert fr.filled("A").tolist() == [bool(columnar._text(v)) for v in cells]
    assert fr.strings("A").tolist() == [columnar._text(v) for v in cells]


def test_many_changing_texts_take_the_joined_path():
    cells = [f"第{k}条，罚款（{k}）元\r\n" for k in range(40)] + ["\u3000'某：" + "\x00"] * 20 + ["ｶ，"] * 20
    fr = columnar.Frame([(2 + k, [v]) for k, v in enumerate(cells)], _mapper(["A"]))
    assert fr.text("A") == [columnar._text(v) for v in cells]


def test_the_kept_characters_are_stable_under_normalize_text():
    """Every character STABLE_TEXT lets through is NFKC- and NFKD-stable, of combining class 0, never the
    second half of a canonical composition, and not white space but the space."""
    import unicodedata

    import pyarrow as pa
    import pyarrow.compute as pc

    seconds = set()
    for c in range(0x110000):
        d = unicodedata.decomposition(chr(c))
        if d and not d.startswith("<") and len(d.split()) == 2:
            seconds.add(int(d.split()[1], 16))
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    kept = pc.match_substring_regex(pa.array(chars), columnar.STABLE_TEXT).to_pylist()
    singles = [ch for ch, ok in zip(chars, kept) if ok]
    assert len(singles) > 27000 and "'" not in singles and " " not in singles
    for ch in singles + [" "]:
        assert unicodedata.normalize("NFKC", ch) == ch == unicodedata.normalize("NFKD", ch), hex(ord(ch))
        assert not unicodedata.combining(ch) and ord(ch) not in seconds, hex(ord(ch))
        assert not ch.isspace() or ch == " "


def test_the_stable_table_holds_only_characters_nfkc_keeps_whatever_their_neighbours():
    """Every character columnar._stable_table holds (those _unstable_cells lets through without a look: ASCII,
    the kept characters, and all of U+4000–U+9FFF, whose lead byte it never decodes) is NFKC- and
    NFKD-stable, of combining class 0 and never the second half of a canonical composition; the full-width
    letters and digits are not held."""
    import unicodedata

    seconds = set()
    for c in range(0x110000):
        d = unicodedata.decomposition(chr(c))
        if d and not d.startswith("<") and len(d.split()) == 2:
            seconds.add(int(d.split()[1], 16))
    table = columnar._stable_table()
    held = [c for c in range(0x10000) if table[c]]
    assert not table[0x10000] and not table[0] and len(held) > 27000
    assert set(range(0x4000, 0xA000)) <= set(held)  # every character of a lead byte E4–E9
    for c in held:
        ch = chr(c)
        assert unicodedata.normalize("NFKC", ch) == ch == unicodedata.normalize("NFKD", ch), hex(c)
        assert not unicodedata.combining(ch) and c not in seconds, hex(c)
    assert not any(table[c] for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)])


def test_every_white_space_character_ends_in_a_byte_the_edge_test_looks_at():
    """_edge_cells decodes a text's last character only when its last byte is in _SPACE_ENDS (or ≤ 0x20)."""
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert all(s.encode()[-1] <= 0x20 or s.encode()[-1] in columnar._SPACE_ENDS for s in spaces)


def test_a_column_left_blank():
    """Every cell empty ('' or None): the texts at once without cutting them."""
    import pyarrow as pa

    cells = ["", None] * 10
    fr = columnar.Frame([(2 + k, [v, "x"]) for k, v in enumerate(cells)], _mapper(["A", "B"]))
    assert fr.text("A") == [""] * 20 and fr.texts_arrow("A").equals(pa.array([""] * 20, pa.string()))
    assert fr.plain("A").equals(pa.array([""] * 20, pa.string())) and fr.filled("A").tolist() == [False] * 20
    assert fr.unusual("A").tolist() == [] and fr.lengths("A").tolist() == [0] * 20
    assert not fr.may_contain("A", "x", b"x") and fr.may_contain("B", "x")
    for one in ("x", " ", "公"):  # one short text among blanks is not a blank column
        cells = [""] * 19 + [one]
        fr = columnar.Frame([(2 + k, [v]) for k, v in enumerate(cells)], _mapper(["A"]))
        assert fr.text("A") == [columnar._text(v) for v in cells]
        assert fr.texts_arrow("A").to_pylist() == fr.text("A") and fr.unusual("A").tolist() == ([19] if one == " " else [])


def test_cells_of_every_type_in_one_long_column():
    """plains formats each distinct cell once per type: 1, 1.0 and True stay different cells (the joined
    path, 16 cells or more), and texts stay themselves beside cells of one other type."""
    cells = [1, 1.0, True, "1", 0.5, dt.date(2024, 3, 1), dt.datetime(2024, 3, 1), dt.datetime(2024, 3, 1, 8),
             None, "", 10**16, float("nan"), False, 0, -0.0, " 是 "] * 3
    fr = columnar.Frame([(2 + k, [v]) for k, v in enumerate(cells)], _mapper(["A"]))
    assert fr.text("A") == [columnar._text(v) for v in cells]
    assert fr.plain_texts("A") == [columnar._plain(v) for v in cells]
    assert fr.plain("A").to_pylist() == [columnar._plain(v) for v in cells]
    texts = ["1", "1.0", "是", "2024/03/01", " x", ""]
    for kind in ([1.0, 0.5, -0.0, float("nan"), 1e16], [1, 0, 10**16], [True, False], [None],
                 [dt.date(2024, 3, 1), dt.date(1, 1, 1)], [dt.datetime(2024, 3, 1), dt.datetime(2024, 3, 1, 8)]):
        cells = (texts + kind) * 4  # texts and cells of one other type: one look-up per cell
        fr = columnar.Frame([(2 + k, [v]) for k, v in enumerate(cells)], _mapper(["A"]))
        assert fr.plain_texts("A") == [columnar._plain(v) for v in cells]
        assert fr.text("A") == [columnar._text(v) for v in cells]


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.lists(st.one_of(st.sampled_from(["", " ", "  ", "\u3000", "91350100M000100Y43", "92350100",
                                                          " 92", "9", "110101199003070035", "'", "\xa0"]),
                                         st.integers(min_value=0, max_value=10**18), st.floats(width=64),
                                         st.none(), st.booleans()),
                               min_size=5, max_size=5), max_size=12))
def test_the_derived_category_is_the_record_mappers(rows):
    """A sheet without 行政相对人类别: the frame's per-distinct-value category equals _derive_category."""
    from sgs_cli.records.mapping import _derive_category

    codes = [f"CF_{s}" for s in ("XDR_SHXYM", "XDR_ZZJG", "XDR_GSZC", "XDR_SWDJ", "XDR_ZJHM")]
    fr = columnar.Frame([(2 + k, r) for k, r in enumerate(rows)], _mapper(codes, "CF"))
    want = [_derive_category(dict(zip(codes, r)), "CF") for r in rows]
    assert list(zip(fr.category, fr.category_basis)) == want


def test_category_and_buckets_per_distinct_value():
    from sgs_cli.records.mapping import _buckets
    from sgs_cli.standard.categories import category_of

    lbs = ["法人及非法人组织", "自然人", "法人", "", "个体工商户", " 自然人", "其他", "法人"] * 3
    cflbs = ["罚款；警告", "", "训诫", "其他-责令改正", "罚款", "警告,罚款", "xx", "罚款；警告"] * 3
    fr = columnar.Frame([(2 + k, [a, b]) for k, (a, b) in enumerate(zip(lbs, cflbs))],
                        _mapper(["CF_XDR_LB", "CF_CFLB"], "CF", has_lb=True))
    assert fr.category == [category_of(columnar._text(t))[0] for t in lbs]
    assert fr.buckets == [_buckets(columnar._text(t)) for t in cflbs]
    assert fr.category_basis == [None] * len(lbs)


#: cells for the vectorised families: the tricky texts, placeholders in every case, digits runs for the
#: privacy rule, dates in every spelling, the enumerations with white space
_FAMILY_CELL = st.one_of(
    _TEXT,
    st.sampled_from(["NULL", "N/A", "#n/A", "\\N", " 无", "－", "——", "Null\u3000", "２０２４年３月１日", "2024/3/1 10:00",
                     "20240301", "45000", "3/1/2024", "'2024/03/01", " 罚款 ", "罚款；；其他", "其他（备案）", "法人 ",
                     "电话：13912345678。", "１３９１２３４５６７８", "13912345678.5", "身份证号11010119900307003X，",
                     "a110101199003070035", "１１０１０１１９９００３０７００３５", "\u0661" * 11, "ＡＢＣ\n", "x\r", "\t罚款"]),
    st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2110, 1, 1)),
    st.integers(min_value=0, max_value=50000),
    st.none(),
)


@pytest.mark.parametrize("spec", [S.LICENSE, S.PENALTY], ids=["license", "penalty"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_tricky_texts_give_the_same_findings(spec, data, monkeypatch):
    n = len(spec.fields)
    base = data.draw(st.lists(_FAMILY_CELL, min_size=n, max_size=n))
    rows = data.draw(st.lists(st.lists(st.one_of(_FAMILY_CELL, st.just(None)), min_size=n, max_size=n),
                              min_size=1, max_size=5))
    rows += [list(base)] * 2  # a duplicate
    assert _findings(spec, rows, "columnar", monkeypatch) == _findings(spec, rows, "row", monkeypatch)


def test_normalization_edges_both_engines(monkeypatch):
    """TEXT_WHITESPACE / TEXT_FULLWIDTH at the cells Frame.unusual picks, and only there."""
    texts = [" 某某", "某某 ", "某某\u3000", "\xa0某", "某\x1c", "某\r\n某", "某\n", "ＡＢ公司", "某某", "（某某）", "“某”",
             "某\u2028", "\u200b某", "a", "'某", "某\t"]
    spec = S.PENALTY
    rows = []
    for t in texts:
        row = [None] * len(spec.fields)
        for code in ("CF_XDR_MC", "CF_SY", "CF_CFJG", "BZ"):
            row[spec.codes.index(code)] = t
        rows.append(row)
    got = _findings(spec, rows, "columnar", monkeypatch)
    assert got == _findings(spec, rows, "row", monkeypatch)
    ws = {(f["row"], f["field"]) for f in got if f["code"] == "TEXT_WHITESPACE"}
    assert (2, "CF_XDR_MC") in ws and (10, "CF_XDR_MC") not in ws and (13, "CF_XDR_MC") in ws
    assert {f["row"] for f in got if f["code"] == "TEXT_FULLWIDTH"} == {9}


@pytest.mark.parametrize("frame_rows", [2, 3, 20_000])
def test_duplicates_within_and_across_frames(monkeypatch, frame_rows):
    """DUPLICATE_RECORD naming the first row, within a frame and against earlier frames, keys compacted
    (white space, full-width) and the 证件号码 standing in for a blank 统一社会信用代码."""
    from sgs_cli.validation import runner

    monkeypatch.setattr(runner, "COLUMNAR_ROWS", frame_rows)
    spec = S.PENALTY
    keyed = [("京罚〔2024〕1号", "甲公司", "91350100M000100Y43", ""), ("京罚〔2024〕1号 ", "甲公司", "９１３５０１００Ｍ０００１００Ｙ４３", ""),
             ("京罚〔2024〕2号", "张三", "", "110101199003070035"), ("", "甲公司", "91350100M000100Y43", ""),
             ("京罚〔2024〕2号", "张三", "", "1101 01199003070035"), ("京罚〔2024〕1号", "乙公司", "91350100M000100Y43", ""),
             ("京罚〔2024〕1号", "甲公司", "91350100M000100Y43", "x"), ("京罚〔2024〕3号", "丙", "", ""),
             ("京罚〔2024〕3号", "丙", "", ""), ("京罚〔2024〕2号", "张三", "", "110101199003070035")]
    rows = []
    for wsh, mc, shxym, zjhm in keyed:
        row = [None] * len(spec.fields)
        for code, v in (("CF_WSH", wsh), ("CF_XDR_MC", mc), ("CF_XDR_SHXYM", shxym), ("CF_XDR_ZJHM", zjhm)):
            row[spec.codes.index(code)] = v
        rows.append(row)
    got = _findings(spec, rows, "columnar", monkeypatch)
    assert got == _findings(spec, rows, "row", monkeypatch)
    dups = [(f["row"], int(re.search(r"第(\d+)行", f["message"]).group(1))) for f in got
            if f["code"] == "DUPLICATE_RECORD"]
    assert dups == [(3, 2), (6, 4), (8, 2), (10, 9), (11, 4)]


@pytest.mark.parametrize("rows", [
    [["a", "b", "c"], ["d", "e", "f", "extra"]],  # every column at once
    [["a", "b", "c"], ["d"], []],  # a short row: '' past its end
    [["a", 1, None]],
])
def test_raw_columns_whatever_the_row_lengths(rows):
    fr = columnar.Frame([(2 + k, r) for k, r in enumerate(rows)], _mapper(["A", "B", "C"]))
    for i, code in enumerate(["A", "B", "C"]):
        assert fr.raw(code) == [r[i] if i < len(r) else "" for r in rows]
    assert fr.raw("D") == [None] * len(rows) and fr.text("D") == [""] * len(rows)
    by_columns = columnar.Frame.from_columns([2 + k for k in range(len(rows))],
                                             {i: [r[i] if i < len(r) else "" for r in rows] for i in range(3)},
                                             _mapper(["A", "B", "C"]))
    assert [by_columns.text(c) for c in "ABC"] == [fr.text(c) for c in "ABC"]


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(st.one_of(_TEXT, st.sampled_from(["' 9135 0100m000100y43", "京罚〔2024〕1号 ", "ａｂ", "x'y"]),
                                st.integers(), st.none()), max_size=40))
def test_compacted_is_compact_code_of_each_text(cells):
    from sgs_cli.io.cells import compact_code

    fr = columnar.Frame([(2 + k, [v]) for k, v in enumerate(cells)], _mapper(["A"]))
    assert fr.compacted("A") == [compact_code(columnar._text(v)) for v in cells]


def test_the_kept_characters_have_no_case_but_ascii_letters():
    """compacted upper-cases ASCII letters only (pc.ascii_upper): every other kept character is its own
    str.upper(), and the only white space among them is the space."""
    import pyarrow as pa
    import pyarrow.compute as pc

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    kept = pc.match_substring_regex(pa.array(chars), columnar.KEPT_ONLY).to_pylist()
    for ch in (c for c, ok in zip(chars, kept) if ok):
        assert ch.upper() == (ch.upper() if "a" <= ch <= "z" else ch), hex(ord(ch))
        assert not ch.isspace() or ch == " "


def test_a_small_sheet_read_whole_runs_the_row_forms_without_importing_pandas(monkeypatch):
    """Below columnar.SMALL_ROWS data rows a sheet read whole is checked by the row forms (the same bytes):
    the clerk's everyday 30-row ledger does not pay for importing pandas and Arrow; SGS_ENGINE=columnar
    still forces the columnar engine (what the conformance tests compare)."""
    import subprocess
    import sys

    code = ("import sys, datetime as dt; from sgs_cli.validation.engine import validate_file, ValidateOptions; "
            "r = validate_file('examples/行政处罚台账.xlsx', ValidateOptions(today=dt.date(2019, 12, 31))); "
            "print(sum(1 for s in r.sheets for f in s.findings), 'pandas' in sys.modules)")
    env = {k: v for k, v in __import__("os").environ.items() if k != columnar.ENV}
    default = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=golden.ROOT)
    n_default, pandas_default = default.stdout.split()
    assert pandas_default == "False"  # a fresh process: nothing imported pandas
    # forced: in this process (pandas is imported here anyway), the frames counted as the columnar engine checks them
    from sgs_cli.validation.engine import validate_file

    frames = []
    check_frame = columnar.check_frame
    monkeypatch.setattr(columnar, "check_frame", lambda fr, *a: frames.append(fr.n) or check_frame(fr, *a))
    monkeypatch.setenv(columnar.ENV, "columnar")
    r = validate_file(golden.ROOT / "examples" / "行政处罚台账.xlsx", ValidateOptions(today=dt.date(2019, 12, 31)))
    assert sum(frames) == r.sheets[0].rows > 0  # every data row through the columnar engine
    assert int(n_default) == sum(1 for s in r.sheets for f in s.findings)  # the same findings either way


#: 处罚类别 / 处罚内容 / 文号 / 处罚机关 as the consistency and encoding masks meet them: penalty words negated or
#: quoted from the law, words of a penalty outside the 类别, 见处罚类别2, 不予处罚 文号, a category in 处罚机关,
#: the signs of a wrong encoding
_CONSISTENCY_NR = ["警告", "警告；罚款2000元。", "不予罚款，予以警告", "依据《某法》处罚款", "没收违法所得825元",
                   "没收违法所得2600元、没收掺假花生油15桶", "责令停产停业7日", "罚款2000元，吊销许可证", "拘留五日",
                   "可以并处罚款", "给予警告；没收广告费1552.95元", "依法处理", "", "罚款\ufffd\ufffd元", "锟斤拷警告",
                   "ä¸\xadå›½罚款", "烫烫烫"]
_CONSISTENCY_CFLB = ["警告", "罚款", "警告；罚款", "没收违法所得、没收非法财物", "其他（见处罚类别2）", "见处罚类别二",
                     "罚款；没收违法所得、没收非法财物", "责令停产停业", "其他-责令改正", "", "暂扣或者吊销许可证、暂扣或者吊销执照"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_consistency_and_encoding_give_the_same_findings(data, monkeypatch):
    fields = {"CF_XDR_LB": ["法人及非法人组织", "自然人"], "CF_CFLB": _CONSISTENCY_CFLB, "CF_NR": _CONSISTENCY_NR,
              "CF_NR_FK": _FK, "CF_NR_WFFF": [0.0825, 0.26, "", 0.1552, 1],
              "CF_WSH": ["某市监不罚字〔2024〕1号", "某不予行政处罚决定书", "某市监罚字〔2024〕2号", "锟斤拷"],
              "CF_CFJG": ["某市市场监督管理局", "罚款", "警告；罚款", "烫烫"], "CF_CFLB2": ["", "警告"]}
    codes = S.PENALTY.codes
    rows = []
    for _ in range(data.draw(st.integers(1, 12))):
        row = [""] * len(codes)
        for code, choices in fields.items():
            if code in codes:
                row[codes.index(code)] = data.draw(st.sampled_from(choices))
        rows.append(row)
    assert _findings(S.PENALTY, rows, "columnar", monkeypatch) == _findings(S.PENALTY, rows, "row", monkeypatch)


def test_the_space_characters_by_their_utf8_length():
    """_edge_cells knows white space by its UTF-8 form: every str.isspace character of one byte is ≤ U+0020, of
    two bytes U+0085 or U+00A0, of three bytes in SPACE3, and none has four."""
    spaces = [c for c in range(0x110000) if chr(c).isspace()]
    assert [c for c in spaces if c > 0x7F and c < 0x800] == [0x85, 0xA0]
    assert [c for c in spaces if c >= 0x800] == list(columnar.SPACE3)
    assert max(c for c in spaces if c < 0x80) <= 0x20


_EDGE = st.sampled_from([" ", "\t", "\x1c", "\x85", "\xa0", "\u1680", "\u2000", "\u200a", "\u200b", "\u2028",
                         "\u202f", "\u205f", "\u3000", "'", "·", "×", "“", "”", "。", "，", "）", "a", "公", "\U00020000",
                         "\u0301", "ｶ", "\r", "\n", ""])


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(st.one_of(st.builds(lambda a, m, b: a + m + b, _EDGE, st.sampled_from(["", "某", "x", "甲 乙"]), _EDGE),
                                _TEXT), min_size=16, max_size=50))
def test_texts_at_once_equal_normalize_text_cell_by_cell(cells):
    """The joined column (_texts_at_once): the same texts as normalize_text of each cell, white space of any
    UTF-8 length at either edge; its Arrow arrays those of pa.array; every text with white space at an edge,
    a line break or a full-width letter or digit among ``unusual``."""
    import pyarrow as pa

    from sgs_cli.io.cells import normalize_text

    done = columnar._texts_at_once(list(cells))
    try:
        expected_plain = pa.array(cells, pa.string())
    except (UnicodeError, ValueError, pa.ArrowException):  # a lone surrogate
        assert done is None
        return
    if done is None:
        assert any("\x00" in c for c in cells)
        return
    texts = [normalize_text(c) for c in cells]
    assert done.plain.equals(expected_plain)
    assert done.text == texts
    assert done.arrow.equals(pa.array(texts, pa.string()))
    unusual = [k for k, c in enumerate(cells) if c != c.strip() or "\r" in c or "\n" in c
               or re.search("[０-９Ａ-Ｚａ-ｚ]", c)]
    assert set(unusual) <= set(done.unusual.tolist())


_EDGED = st.builds(lambda a, m, b: a + m + b, _EDGE, st.sampled_from(["", "某", "x", "甲 乙", "a\x00b", "违法事实，罚款（二）项"]),
                   _EDGE)


@settings(max_examples=150, deadline=None)
@given(cells=st.one_of(st.lists(_EDGED, min_size=16, max_size=40), st.lists(st.one_of(_EDGED, _TEXT), max_size=50)),
       start=st.integers(0, 3))
@example(cells=["某，（x）"] * 20, start=1)  # full-width punctuation only: the whole changes, no cell is unstable
def test_a_csv_frame_has_the_texts_of_a_frame_of_python_lists(cells, start):
    """A CSV frame (its columns given as Arrow arrays, a slice of a larger one, as arrow_data_columns gives
    them) reads the same raw cells, normalised texts, plain and normalised Arrow texts, unusual cells and
    may_contain answers as a frame built from the same cells as Python lists: line breaks, white space at
    the edges, full-width punctuation and letters, a NUL in a text (the per-cell path), fewer than 16 rows."""
    import pyarrow as pa

    cells = [c for c in cells if not re.search("[\ud800-\udfff]", c)]  # (a CSV never gives Arrow a lone surrogate)
    whole = pa.array(["pad"] * start + cells + ["pad"], pa.string())
    given = whole.slice(start, len(cells))
    numbers = [2 + k for k in range(len(cells))]
    csv = columnar.Frame.from_columns(numbers, {}, _mapper(["A"]), {0: given})
    lists = columnar.Frame.from_columns(numbers, {0: list(cells)}, _mapper(["A"]))
    some = list(range(0, len(cells), 3))
    assert csv.raw_at("A", some) == [cells[k] for k in some]  # (taken from Arrow: no list made yet)
    assert csv.text_at("A", some) == [lists.text("A")[k] for k in some]
    assert csv.text("A") == lists.text("A")
    assert csv.raw("A") == list(cells)
    assert set(csv.unusual("A").tolist()) >= set(lists.unusual("A").tolist()) >= {
        k for k, c in enumerate(cells) if c != c.strip() or "\r" in c or "\n" in c or re.search("[０-９Ａ-Ｚａ-ｚ]", c)}
    assert csv.texts_arrow("A").equals(lists.texts_arrow("A"))
    assert csv.plain("A").equals(lists.plain("A"))
    for chars, utf8 in (("é", b"\xc3"), ("ａ", b""), ("\u3000", b""), ("某", b"\xe6\x9f")):
        if any(c in t for t in lists.text("A") for c in chars) or any(utf8 and utf8 in t.encode() for t in lists.text("A")):
            assert csv.may_contain("A", chars, utf8)


def test_the_space_class_is_pythons_white_space():
    """io.cells.SPACE_CLASS (re2's \\s) holds exactly the characters Python's re takes for \\s."""
    from sgs_cli.io.cells import SPACE_CLASS

    inside = re.compile(f"[{SPACE_CLASS}]")
    assert [c for c in range(0x110000) if inside.fullmatch(chr(c))] == [c for c in range(0x110000)
                                                                      if re.fullmatch(r"\s", chr(c))]


_WSH = st.lists(st.sampled_from(["X", "罚", "字", "号", "第", "〔", "〕", "【", "】", "(", ")", "（", "）", "[", "]",
                                  "﹝", "﹞", "2", "0", "1", "9", "8", "２", "٣", " ", "\u3000", "\u2028", "\xa0",
                                  "违法", "罚款", "元", "'", "A"]), max_size=14).map("".join)
#: a year between any two brackets (the standard's and others, matched or not), amid random text: the columnar
#: form's RE2 of odd year brackets must pick what the row form flags
_BRACKETED = st.builds(lambda pre, a, y, b, post: f"{pre}{a}{y}{b}{post}", _WSH,
                       st.sampled_from(list(YEAR_OPENS.replace("\\", "")) + ["", " "]),
                       st.sampled_from(["2019", "2020", "1998", "２０１９", "201", "20199"]),
                       st.sampled_from(list(YEAR_CLOSES.replace("\\", "")) + ["", " "]), _WSH)


# each example costs two frames whatever its size: fewer, longer examples see as many 文号 (about 7,000) in a
# quarter of the time
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.one_of(_WSH, _BRACKETED), min_size=60, max_size=180))
def test_generated_decision_numbers_give_the_same_findings(texts, monkeypatch):
    """docno: the two RE2 passes of the columnar form pick every 文号 the row form speaks of."""
    spec = S.PENALTY
    rows = []
    for t in texts:
        row = [""] * len(spec.fields)
        row[spec.codes.index("CF_WSH")] = t
        rows.append(row)
    monkeypatch.setattr(columnar, "SMALL_ROWS", 0)

    def wsh(engine):
        return [f for f in _findings(spec, rows, engine, monkeypatch) if f["code"].startswith("WSH_")]

    assert wsh("columnar") == wsh("row")


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(st.one_of(_ANY_CELL, st.sampled_from(["电话13800138000", "1 3 8\u200b0013 8000", "1.2E+17",
                                                            "\u0661" * 11, " 12345678901"])), max_size=60))
def test_translated_hits_are_each_texts_own(cells):
    """Frame.translated_hits (one bytes.translate over the column's joined UTF-8, the needle's texts told by
    counting separators) names exactly the texts whose own UTF-8, so translated, holds the needle; Frame.
    dictionary indexes the distinct texts."""
    from sgs_cli.rules import excel_damage, privacy

    fr = columnar.Frame([(2 + k, [v]) for k, v in enumerate(cells)], _mapper(["A"]))
    texts = fr.text("A")
    for table, delete, needle in ((privacy._DIGIT_TABLE, privacy._DIGIT_DELETE, privacy._ELEVEN),
                                  (excel_damage._SCI_TABLE, excel_damage._SCI_DELETE, b"ded")):
        got = fr.translated_hits("A", table, delete, needle)
        if any("\x00" in t for t in texts) or fr.texts_arrow("A") is None:
            assert got is None
            continue
        assert got.tolist() == [k for k, t in enumerate(texts) if needle in t.encode().translate(table, delete)]
    distinct = fr.dictionary("A")
    if distinct is not None:
        index, every = distinct
        assert [every[i].as_py() for i in index.tolist()] == texts
