"""Absent data is never full marks (issue 25, part 3) on a 790 penalty table of November 2019 (statistics date
2019-12-02): a required column missing from the sheet counts as unfilled on every row (完整率) and makes every
row fail (合规率); 完整率 counts the conditionally required fields where their condition holds, as
standard/requirements.py defines them.

Hand count — required items of a penalty record: 14 always (名称, 类别, 文号, 违法行为类型, 违法事实, 处罚依据, 处罚类别,
处罚内容, 决定日期, 有效期, 处罚机关, 其代码, 数据来源单位, 其代码); 法人: 统一社会信用代码 and 法定代表人 (+2);
自然人: 证件类型 and 证件号码 (+2); 处罚类别 含罚款: 罚款金额 (+1).
  A 法人, 警告；罚款, complete                          17 of 17, passes
  B 法人, 警告；罚款, no 统一社会信用代码, no 罚款金额    15 of 17 (REQUIRED_MISSING, FINE_AMOUNT_REQUIRED)
  C 自然人, 警告, no 证件号码                           15 of 16 (REQUIRED_MISSING)
  → 完整率 47/50, 合规率 1/3 (only A passes). Counting only the always-required fields said 42/42.
The same three records without the 违法行为类型 and 违法事实 columns: 2 more unfilled items a row → 41/50, and
COLUMN_MISSING holds every row: 合规率 0/3.
"""

from __future__ import annotations

import json

import pytest
from conftest import PENALTY_ORG, PENALTY_PERSON, run_checked as run, write_sheet

from sgs_cli import standard as S

A = dict(PENALTY_ORG, CF_WSH="中市监罚〔2019〕301号")
B = dict(PENALTY_ORG, CF_WSH="中市监罚〔2019〕302号", CF_XDR_SHXYM=None, CF_NR_FK=None)
C = dict(PENALTY_PERSON, CF_WSH="中市监罚〔2019〕303号", CF_XDR_ZJHM=None)
ALL = [f.code for f in S.BY_KIND["penalty"].fields]


def month(tmp_path, columns):
    path = write_sheet(tmp_path / "行政处罚.xlsx", "penalty", [A, B, C], columns=columns, sheet_name="行政处罚")
    r = run("monthly-report", "--month", "2019-11", path, "--today", "2019-12-02", "-o", tmp_path / "r.xlsx",
            "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_conditionally_required_fields_count_where_their_condition_holds(tmp_path, isolated_sgs_env):
    j = month(tmp_path, ALL)
    t = j["total"]
    assert (t["records"], t["compliance"], t["completeness"]) == (3, pytest.approx(1 / 3, abs=1e-4), 0.94)  # 47/50
    got = sorted((p["wsh"][-4:], p["code"], p["field"]) for p in j["problems"] if p["code"] in (
        "REQUIRED_MISSING", "FINE_AMOUNT_REQUIRED"))
    assert got == [("302号", "FINE_AMOUNT_REQUIRED", "罚款金额（万元）"),
                   ("302号", "REQUIRED_MISSING", "行政相对人代码_1(统一社会信用代码)"),
                   ("303号", "REQUIRED_MISSING", "证件号码")]


def test_completeness_counts_what_standard_requirements_says():
    """One source of truth: the fields 完整率 counts for a record are those standard/requirements.py requires."""
    from sgs_cli.standard.enums import CF_FINE, LB_ORG, LB_PERSON
    from sgs_cli.standard.requirements import required_for

    spec = S.BY_KIND["penalty"]

    def needed(category, buckets, text=lambda c: ""):
        return [f.code for f in spec.fields if required_for(f, category, buckets, text)]

    assert len(needed(None, frozenset())) == 14
    assert set(needed(LB_ORG, {CF_FINE})) - set(needed(None, frozenset())) == {"CF_XDR_SHXYM", "CF_FRDB", "CF_NR_FK"}
    assert set(needed(LB_PERSON, frozenset())) - set(needed(None, frozenset())) == {"CF_XDR_ZJLX", "CF_XDR_ZJHM"}
    gszc = needed("个体工商户", frozenset(), lambda c: "00000000000000000X" if c == "CF_XDR_SHXYM" else "")
    assert "CF_XDR_GSZC" in gszc and "CF_XDR_GSZC" not in needed("个体工商户", frozenset())


def test_a_missing_required_column_is_unfilled_on_every_row_and_fails_every_row(tmp_path, isolated_sgs_env):
    j = month(tmp_path, [c for c in ALL if c not in ("CF_WFXW", "CF_SY")])
    t = j["total"]
    assert (t["records"], t["compliance"], t["completeness"]) == (3, 0.0, 0.82)  # 41/50
    assert t["first_pass"] == 0
    assert {p["code"] for p in j["problems"]} >= {"COLUMN_MISSING"}
    assert sorted({p["wsh"] for p in j["problems"] if p["code"] == "COLUMN_MISSING"}) == [
        "中市监罚〔2019〕301号", "中市监罚〔2019〕302号", "中市监罚〔2019〕303号"]
