"""Order and names (issue 28 part 6): departments whose figures tie share a rank and are listed in the order of the
roster the office gave (its 单位名单 / 联络员名单 / 报送登记表 — the order it lists its departments in), not by code
point; without a roster, by name (the documented order). The 季通报's 排名 and the 年考核's ranking alike."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from conftest import run_checked as run, user_home

D = dt.date
SJ, TJ, WJ = "中牟县市场监督管理局", "中牟县统计局", "中牟县卫生健康委员会"


def _folder(tmp_path):
    """Three departments with one ledger each: 市监局 and 统计局 the same figures (two on-time penalties in
    August), 卫健委 one on time and one late (及时率 1/2: below them)."""
    from reports.test_reminders import write_ledger

    folder = tmp_path / "2026Q3"
    folder.mkdir()
    on_time = [(D(2026, 8, 3), D(2026, 8, 5)), (D(2026, 8, 4), D(2026, 8, 6))]
    write_ledger(folder / "市场监管局.xlsx", [(f"牟市监罚〔2026〕{i}号", a, b) for i, (a, b) in enumerate(on_time, 1)], SJ)
    write_ledger(folder / "统计局.xlsx", [(f"牟统罚〔2026〕{i}号", a, b) for i, (a, b) in enumerate(on_time, 1)], TJ)
    # 8-03 → due 8-12; reported 8-20: late
    write_ledger(folder / "卫健委.xlsx", [("牟卫罚〔2026〕1号", D(2026, 8, 3), D(2026, 8, 5)),
                                        ("牟卫罚〔2026〕2号", D(2026, 8, 3), D(2026, 8, 20))], WJ)
    return folder


def _liaison_roster(path, names):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "联络员名单"
    ws.append(["信用信息管理联络员名单表"])
    ws.append(["单位名称", "姓名", "职务", "办公电话", "手机", "邮箱", "备注(具体负责工作)"])
    for unit in names:
        ws.append([unit, "张三", "科员", "0371-62112345", "13800000000", "a@b.cn", "双公示"])
    wb.save(path)
    return path


@pytest.mark.parametrize("order", [(WJ, TJ, SJ), (SJ, WJ, TJ), None])
def test_a_tie_follows_the_roster_order(tmp_path, order):
    folder = _folder(tmp_path)
    roster = ["--roster", _liaison_roster(tmp_path / "联络员名单.xlsx", order)] if order else []
    with user_home(tmp_path):
        r = run("quarterly-report", "--quarter", "2026Q3", folder, *roster, "--today", "2026-10-20",
                "-o", tmp_path / "q.xlsx", "--format", "json")
        assert r.exit_code == 0, r.output
        q = json.loads(r.stdout)
        r = run("annual-assessment", "--year", "2026", folder, *roster, "--today", "2026-10-20",
                "-o", tmp_path / "a.xlsx", "--format", "json")
        assert r.exit_code == 0, r.output
        a = json.loads(r.stdout)
    # 市监局 and 统计局: 及时率 2/2, 合规率 and 完整率 equal — rank 1 both; 卫健委 1/2 — rank 3
    tied = [n for n in order if n != WJ] if order else [SJ, TJ]  # without a roster: by name (市 U+5E02 < 统 U+7EDF)
    assert [(x["rank"], x["department"]) for x in q["ranking"]] == [(1, tied[0]), (1, tied[1]), (3, WJ)]
    ws = openpyxl.load_workbook(tmp_path / "q.xlsx")["排名"]
    assert [r[:2] for r in ws.iter_rows(min_row=5, values_only=True)] == [(1, tied[0]), (1, tied[1]), (3, WJ)]
    # the 年考核: the same scores for the tied two (their ledgers are alike), in the roster's order
    got = sorted(((d["rank"], d["name"], d["score"]) for d in a["departments"]), key=lambda x: x[0])
    assert [x[:2] for x in got][:2] == [(1, tied[0]), (1, tied[1])] and got[0][2] == got[1][2]
    listed = [r for r in openpyxl.load_workbook(tmp_path / "a.xlsx")["汇总"].iter_rows(min_row=5, values_only=True)
              if isinstance(r[0], int)]
    assert [r[:2] for r in listed][:2] == [(1, tied[0]), (1, tied[1])]
