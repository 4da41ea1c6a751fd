"""One name, one key (issue 25 part 6): department names as the county's papers write them — a ledger's column
or title, the 773 联络员名单 (often short: 县市场监管局, 县卫健委), the roster with its 简称, the 773 notice itself
(郑州市发展和改革委员会, 市发展改革委) — reduce to one key through standard/departments.department_key, and the
reports match them through it."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from conftest import run_checked as run
from sgs_cli.standard.departments import department_key

D = dt.date


@pytest.mark.parametrize("names, key", [
    (("中牟县市场监督管理局", "县市场监管局", "市场监管局", "中牟县 市场监督管理局", "郑州市中牟县市场监督管理局"), "市场监管局"),
    (("中牟县卫生健康委员会", "县卫健委", "卫生健康委员会", "县卫生健康委"), "卫健委"),
    (("郑州市发展和改革委员会", "市发展改革委", "郑州市发改委"), "发改委"),  # docs/sources/郑发改财贸〔2019〕773号.txt
    (("中牟县住房和城乡建设局", "县住建局", "住房城乡建设局"), "住建局"),
    (("中牟县人力资源和社会保障局", "县人社局"), "人社局"),
    (("中牟县统计局", "统计局", "ＸＸ县统计局"[2:]), "统计局"),  # full-width spellings are NFKC-folded
])
def test_spellings_of_one_department_share_a_key(names, key):
    assert {department_key(n) for n in names} == {key}


def test_place_words_that_are_not_places_are_kept():
    # 市场 / 市政 / 市容 begin with 市 but are no place; 中牟县 alone is a place and no department
    assert department_key("市场监管局") == "市场监管局"
    assert department_key("县市政管理处") == "市政管理处"
    assert department_key("中牟县") == "中牟县"
    assert department_key("中牟县统计局") != department_key("中牟县审计局")


def _liaison_roster(path):
    """A 773 附件3 联络员名单表 as offices fill it: a title, short names, one row per liaison."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "联络员名单"
    ws.append(["信用信息管理联络员名单表"])
    ws.append(["单位名称", "姓名", "职务", "办公电话", "手机", "邮箱", "备注(具体负责工作)"])
    for unit, person in (("县市场监管局", "张三"), ("县市场监管局", "李四"), ("县卫健委", "王五"), ("县统计局", "赵六"),
                         ("县交通运输局", "钱七")):
        ws.append([unit, person, "科员", "0371-62112345", "13800000000", "a@b.cn", "双公示"])
    wb.save(path)
    return path


def test_a_liaison_list_as_roster_matches_the_ledgers_full_names(tmp_path):
    """The issue: a liaison list roster writing 县市场监管局 listed 县市场监管局 as 零报送 and 中牟县市场监督管理局 as
    不在名单中 — the same department both ways. Now each ledger is its roster department."""
    from reports.test_reminders import write_ledger

    folder = tmp_path / "2026-09"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [("牟市监罚〔2026〕1号", D(2026, 9, 3), D(2026, 9, 8)),
                                    ("牟市监罚〔2026〕2号", D(2026, 9, 4), D(2026, 9, 8))], dept="中牟县市场监督管理局")
    write_ledger(folder / "b.xlsx", [("牟卫罚〔2026〕1号", D(2026, 9, 3), D(2026, 9, 8))], dept="中牟县卫生健康委员会")
    write_ledger(folder / "c.xlsx", [("牟统罚〔2026〕1号", D(2026, 9, 3), D(2026, 9, 8))], dept="中牟县统计局")
    roster = _liaison_roster(tmp_path / "联络员名单.xlsx")
    r = run("monthly-report", "--month", "2026-09", folder, "--roster", roster, "--today", "2026-10-20",
            "-o", tmp_path / "r.xlsx", "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["not_in_roster"] == []
    assert {d["department"]: d["records"] for d in j["departments"]} == {
        "县市场监管局": 2, "县卫健委": 1, "县统计局": 1, "县交通运输局": 0}
    # 交通运输局 sent no file: 未报送 (missing_units), not 零报送 (a submission saying there was no decision)
    assert "县市场监管局" not in j["zero_units"] + j["missing_units"] and j["missing_units"] == ["县交通运输局"]


def test_without_roster_short_and_full_names_are_one_department(tmp_path):
    from reports.test_reminders import write_ledger

    folder = tmp_path / "2026-09"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [("牟市监罚〔2026〕1号", D(2026, 9, 3), D(2026, 9, 8))], dept="中牟县市场监督管理局")
    write_ledger(folder / "b.xlsx", [("牟市监罚〔2026〕2号", D(2026, 9, 4), D(2026, 9, 8))], dept="县市场监管局")
    write_ledger(folder / "c.xlsx", [("牟卫罚〔2026〕1号", D(2026, 9, 3), D(2026, 9, 8))], dept="县卫健委")
    write_ledger(folder / "d.xlsx", [("牟卫罚〔2026〕2号", D(2026, 9, 3), D(2026, 9, 8))], dept="中牟县卫生健康委员会")
    r = run("monthly-report", "--month", "2026-09", folder, "--today", "2026-10-20", "-o", tmp_path / "r.xlsx",
            "--format", "json")
    j = json.loads(r.stdout)
    assert {d["department"]: d["records"] for d in j["departments"]} == {
        "中牟县市场监督管理局": 2, "中牟县卫生健康委员会": 2}


def test_versions_of_one_ledger_spelled_two_ways_are_versions(tmp_path):
    """A department's cumulative ledger sent twice, once as 县市场监管局 and later as 中牟县市场监督管理局: the 季通报
    uses the later one and names the older as superseded, instead of counting every decision twice."""
    import os

    from reports.test_reminders import write_ledger

    folder = tmp_path / "2026Q3"
    folder.mkdir()
    rows = [("牟市监罚〔2026〕1号", D(2026, 7, 3), D(2026, 7, 8)), ("牟市监罚〔2026〕2号", D(2026, 8, 4), D(2026, 8, 10))]
    old = write_ledger(folder / "旧.xlsx", rows, dept="县市场监管局")
    new = write_ledger(folder / "新.xlsx", rows + [("牟市监罚〔2026〕3号", D(2026, 9, 1), D(2026, 9, 4))],
                       dept="中牟县市场监督管理局")
    os.utime(old, (1_790_000_000, 1_790_000_000))
    os.utime(new, (1_791_000_000, 1_791_000_000))
    r = run("quarterly-report", "--quarter", "2026Q3", folder, "--today", "2026-10-20", "-o", tmp_path / "q.xlsx",
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert [(v["department"], v["used"].split("/")[-1], [s.split("/")[-1] for s in v["superseded"]])
            for v in j["versions"]] == [("中牟县市场监督管理局", "新.xlsx", ["旧.xlsx"])]
    assert j["total"]["records"] == 3 and j["total"]["duplicates"] == 0
