"""rules/length.py — LENGTH_EXCEEDED: error where the limit is confirmed (real DDL), warning where
docs/standard.md marks it UNCONFIRMED."""

import pytest

from conftest import LICENSE_ORG, PENALTY_ORG, keys

P, L = "penalty", "license"


def test_confirmed_limit_exceeded_is_error(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_MC="中" * 201)
    [f] = sheet.findings(P, [rec])
    assert (f.code, f.cell, f.severity) == ("LENGTH_EXCEEDED", "A2", "error")
    assert "200" in f.message


def test_confirmed_limit_reached_is_fine(sheet):
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_MC="中" * 200)]) == []


@pytest.mark.parametrize("kind, base, code, n, cell", [
    (P, PENALTY_ORG, "CF_WFXW", 2001, "O2"),
    (P, PENALTY_ORG, "BZ", 513, "AD2"),
    (L, LICENSE_ORG, "XK_XKWS", 65, "N2"),
    (L, LICENSE_ORG, "XK_XKZS", 65, "Q2"),
])
def test_unconfirmed_limit_exceeded_is_warning(sheet, kind, base, code, n, cell):
    rec = dict(base, **{code: "许" * n})
    [f] = sheet.findings(kind, [rec])
    assert (f.code, f.cell, f.severity) == ("LENGTH_EXCEEDED", cell, "warning")
    assert "未经标准原文确认" in f.message


def test_authority_name_limit(sheet):
    rec = dict(PENALTY_ORG, CF_CFJG="局" * 201)
    assert keys(sheet.findings(P, [rec])) == {("LENGTH_EXCEEDED", "Z2", "error")}


def test_overlong_uscc_is_one_finding(sheet):
    # one defect, one finding: USCC_FORMAT names the length; no LENGTH_EXCEEDED on top of it
    rec = dict(PENALTY_ORG, CF_XDR_SHXYM=PENALTY_ORG["CF_XDR_SHXYM"] + "1")
    [f] = sheet.findings(P, [rec])
    assert (f.code, f.cell, f.severity) == ("USCC_FORMAT", "C2", "error")
    assert "19个字符" in f.message


def test_orgcode_with_hyphen_is_counted_without_it(sheet):
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_ZZJG="MA44R7K2-8")]) == []


def test_long_message_value_is_truncated(sheet):
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_WFXW="违" * 3000)])
    assert len(f.value) <= 51


# an identifier cell → the LENGTH_EXCEEDED finding on it (n, the compact length), under both engines: the
# columnar form compacts only long or non-ASCII texts
ORGCODE_LENGTHS = [
    ("MA44R7K2-8", None),
    ("MA44 R7K2 8", None),
    ("MA44R7K2-8-", None),
    ("MA44R7K2-88", 10),
    ("ßßßßß", 10),  # five characters, ten once upper-cased
    ("ßßßß", None),
    ("ＭＡ４４Ｒ７Ｋ２８１", 10),
    ("'ma44r7k281", 10),
]


def test_columnar_identifier_lengths(monkeypatch):
    from sgs_cli import standard as S

    from test_rules_identifiers import _both_engines

    recs = [dict(PENALTY_ORG, CF_WSH=f"中市监罚〔2019〕{i}号", CF_XDR_ZZJG=v) for i, (v, _) in enumerate(ORGCODE_LENGTHS)]
    found = _both_engines(monkeypatch, S.PENALTY, recs)
    for i, (v, n) in enumerate(ORGCODE_LENGTHS):
        got = [f for f in found if f["row"] == 2 + i and f["code"] == "LENGTH_EXCEEDED"]
        assert [f"长度{n}字" in f["message"] for f in got] == ([True] if n else []), v
