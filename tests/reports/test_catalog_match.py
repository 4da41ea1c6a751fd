"""应归尽归 (reports/catalog_match.py): the fixture month of tests/catalog_month.py, lists and counts
checked by hand against its docstring."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sgs_cli.cli.app import app
from sgs_cli.render.catalog_match import hint_text
from sgs_cli.reports import catalog_match as cm
from county_quarter import JT, SJ, TJ
from catalog_month import MONTH, TODAY, write_catalogues, write_ledgers


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    base = tmp_path_factory.mktemp("catalog")
    write_catalogues(base / "事项目录")
    write_ledgers(base / "台账")
    return base


@pytest.fixture(scope="module")
def report(folder):
    from sgs_cli.reports.catalog_month import reconcile

    return reconcile(MONTH, [folder / "台账"], [folder / "事项目录"], today=TODAY)


@pytest.mark.parametrize("written, normal", [
    ("对经营超过保质期食品的处罚", "经营超过保质期食品"),
    ("对未取得食品经营许可从事食品经营活动的行政处罚", "未取得食品经营许可从事食品经营活动"),
    ("销售超过保质期的食品案", "销售超过保质期的食品"),
    ("（食品）经营许可 等", "食品经营许可"),
    ("药品经营许可\u3000", "药品经营许可"),
    ("ＡＢＣ许可", "abc许可"),
    ("对经营者不按规定明码标价的处罚", "不按规定明码标价"),  # the item's subject: a case names the party
    ("药品经营许可证核发", "药品经营许可"),
    ("食品小经营店备案通知书", "食品小经营店备案"),  # the 案 of 备案 stays
])
def test_normalise(written, normal):
    assert cm.normalise(written) == normal


def test_item_kind_from_its_category():
    assert [cm.kind_of(x) for x in ("行政许可", " 许可 ", "处罚", "行政 处罚", "行政检查", "")] == [
        "license", "license", "penalty", "penalty", None, None]


def test_similarity_by_hand():
    # 经营超过保质期食品 (9): 超过保质期 + 食品 found in order in 销售超过保质期的食品 → 7 / 9
    assert cm.similarity("销售超过保质期的食品", "经营超过保质期食品") == 0.78
    assert cm.similarity("食品经营许可", "食品经营许可含仅销售预包装食品备案") == 1.0
    assert cm.similarity("药品经营许可", "食品经营许可") == 0.83  # one character of six differs: below 0.85
    assert cm.similarity("无照经营", "经营超过保质期食品") == 0.5
    assert cm.similarity("无照", "经营") == 0.0  # shorter than 4: difflib's ratio
    assert cm.similarity("", "经营") == 0.0


def test_counts_per_department_add_up(report):
    by = {d.name: d.to_dict() for d in report.departments}
    assert by == {
        SJ: {"department": SJ, "catalogue": "事项目录_市场监管局.xlsx › 目录", "items": 5, "used_items": 3,
             "unused_items": 2, "decisions": 5, "matched": 3, "unmatched": 2, "no_catalogue": 0},
        TJ: {"department": TJ, "catalogue": "事项目录_统计局.xlsx › 目录", "items": 2, "used_items": 1,
             "unused_items": 1, "decisions": 1, "matched": 1, "unmatched": 0, "no_catalogue": 0},
        JT: {"department": JT, "catalogue": None, "items": 0, "used_items": 0, "unused_items": 0, "decisions": 1,
             "matched": 0, "unmatched": 0, "no_catalogue": 1},
    }
    total = report.to_dict()["total"]
    assert total == {"decisions": 7, "matched": 4, "unmatched": 2, "no_catalogue": 1, "used_items": 4,
                     "unused_items": 3, "items": 7}
    assert total["matched"] + total["unmatched"] + total["no_catalogue"] == total["decisions"]
    assert total["used_items"] + total["unused_items"] == total["items"]


def test_unmatched_decisions_with_hints(report):
    assert [(i["wsh"], i["title"], i["where"], [(h["item"], h["score"]) for h in i["hints"]])
            for i in report.unmatched] == [
        ("中市监罚〔2026〕30号", "销售超过保质期的食品案", "市场监管局台账.xlsx › 台账 第6行",
         [("对经营超过保质期食品的处罚", 0.78), ("对未取得食品经营许可从事食品经营活动的行政处罚", 0.2)]),
        ("中市监罚〔2026〕32号", "无照经营案", "市场监管局台账.xlsx › 台账 第8行",
         [("对经营超过保质期食品的处罚", 0.5), ("对未取得食品经营许可从事食品经营活动的行政处罚", 0.5)]),
    ]
    assert {i["department"] for i in report.unmatched} == {SJ}
    assert hint_text(report.unmatched[0]) == "对经营超过保质期食品的处罚（0.78）；对未取得食品经营许可从事食品经营活动的行政处罚（0.20）"


def test_unused_items_are_facts_and_no_catalogue(report):
    # the August 特种设备使用登记 decision is outside the month; 行政检查 is not a 许可/处罚 item
    assert [(i["department"], i["kind"], i["item"], i["where"]) for i in report.unused] == [
        (SJ, "行政处罚", "对经营超过保质期食品的处罚", "事项目录_市场监管局.xlsx › 目录 第5行"),
        (SJ, "行政许可", "特种设备使用登记", "事项目录_市场监管局.xlsx › 目录 第7行"),
        (TJ, "行政处罚", "对提供不真实统计资料的处罚", "事项目录_统计局.xlsx › 目录 第4行"),
    ]
    assert report.no_catalogue == [JT]


def test_cli_json_workbook_and_refusal(folder, tmp_path):
    out = tmp_path / "对账.xlsx"
    args = ["reconcile", str(folder / "台账"), "--catalog", str(folder / "事项目录"), "--month", "2026-09",
            "--today", "2026-10-20", "-o", str(out)]
    res = CliRunner().invoke(app, args + ["--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)["catalog"]
    assert data["threshold"] == 0.85 and data["no_catalogue"] == [JT]
    assert [i["wsh"] for i in data["unmatched"]] == ["中市监罚〔2026〕30号", "中市监罚〔2026〕32号"]
    ws = openpyxl.load_workbook(out)["应归尽归"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert rows[0][:9] == ["部门", "事项目录", "目录事项", "本月有决定的事项", "本月无决定的事项", "决定总数",
                           "匹配目录事项", "未匹配目录事项", "无事项目录"]
    assert rows[4][:9] == ["合计", None, 7, 4, 3, 7, 4, 2, 1]
    assert len(rows) == 5
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out)["应归尽归明细"].iter_rows(min_row=4)]
    assert rows[0][0] == "类别"
    details = rows[1:]
    assert [(r[0], r[3] or r[4]) for r in details] == [
        ("未匹配目录事项的决定", "中市监罚〔2026〕30号"), ("未匹配目录事项的决定", "中市监罚〔2026〕32号"),
        ("本期无决定的目录事项", "对经营超过保质期食品的处罚"), ("本期无决定的目录事项", "特种设备使用登记"),
        ("本期无决定的目录事项", "对提供不真实统计资料的处罚"), ("无事项目录的部门", None)]
    assert details[-1][1] == JT
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 2 and "已存在" in again.output


def test_cli_needs_a_catalogue(folder):
    res = CliRunner().invoke(app, ["reconcile", str(folder / "台账"), "--month", "2026-09"])
    assert res.exit_code == 2 and "--catalog" in res.output
    res = CliRunner().invoke(app, ["reconcile", "--catalog", str(folder / "台账"), "--month", "2026-09"])
    assert res.exit_code == 3 and "没有事项目录" in res.output


def test_monthly_report_sheet_when_catalogues_in_the_folder(folder, tmp_path):
    import shutil

    both = tmp_path / "本月"
    shutil.copytree(folder / "台账", both)
    for f in (folder / "事项目录").iterdir():
        shutil.copy(f, both / f.name)
    out = tmp_path / "月报告.xlsx"
    res = CliRunner().invoke(app, ["monthly-report", str(both), "--month", "2026-09", "--today", "2026-10-20",
                                   "-o", str(out), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["catalog"]["total"]["decisions"] == data["total"]["records"] == 7
    assert data["catalog"]["total"]["unmatched"] == 2
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[wb.sheetnames.index("问题明细") + 1:][:2] == ["应归尽归", "应归尽归明细"]
    assert [c.value for c in wb["应归尽归"][8]][:9] == ["合计", None, 7, 4, 3, 7, 4, 2, 1]


def test_examples_month_against_a_realistic_catalogue(tmp_path):
    """examples/ (November 2019, 54 decisions) against 市场监管局's 22-item catalogue (tests/catalog_month.py), checked
    by hand: 36 decisions name a catalogue item; of the 16 that do not, 7 are loose wordings whose nearest item is the
    right one (销售/经营超过保质期 0.80 ×2, 备案/登记 0.75 ×2, 准予设立登记 0.67 ×2, 作业人员证/资格认定 0.67), 9 are
    matters the catalogue lacks; 卫健委 has no catalogue."""
    from catalog_month import write_example_catalogue
    from sgs_cli.reports.catalog_month import reconcile

    root = Path(__file__).resolve().parents[2]
    rep = reconcile((2019, 11), [root / "examples"], [write_example_catalogue(tmp_path / "事项目录")],
                    today=dt.date(2019, 12, 2))
    assert rep.to_dict()["total"] == {"decisions": 54, "matched": 36, "unmatched": 16, "no_catalogue": 2,
                                      "used_items": 17, "unused_items": 5, "items": 22}
    assert rep.no_catalogue == ["中牟县卫生健康委员会"]
    near = {(i["title"], i["hints"][0]["item"], i["hints"][0]["score"]) for i in rep.unmatched
            if i["hints"][0]["score"] >= 0.6}
    assert near == {("中牟县鑫源商贸有限公司销售超过保质期的食品案", "对经营超过保质期的食品的处罚", 0.8),
                    ("销售超过保质期的食品", "对经营超过保质期的食品的处罚", 0.8),
                    ("食品小经营店备案通知书", "食品小经营店登记", 0.75),
                    ("准予设立登记通知书", "企业设立、变更、注销登记", 0.67),
                    ("王志刚特种设备安全管理和作业人员证", "特种设备作业人员资格认定", 0.67)}
    assert sum(1 for i in rep.unmatched if i["hints"][0]["score"] >= 0.6) == 7
    assert [i["item"] for i in rep.unused] == ["企业设立、变更、注销登记", "食品小经营店登记", "医疗器械经营许可",
                                               "对经营超过保质期的食品的处罚", "对未取得食品生产许可从事食品生产活动的处罚"]
    assert ("食品经营许可决定书", "食品经营许可", 1.0) in {(m["title"], m["item"], m["score"]) for m in rep.matches}


def test_indexed_search_equals_scoring_every_item():
    """Pool.nearest prunes by a character bound; its answer is the one of scoring every item (ties in catalogue
    order), for matches (the best item) and non-matches (the three nearest)."""
    import random

    rng = random.Random(7)
    chars = "食品经营许可未取得从事活动销售超过保质期的生产标签不符合规定预包装使用检验特种设备计量器具明码标价广告案证"
    items = [cm.Item("县市场监管局", "penalty", "对" + "".join(rng.choice(chars) for _ in range(rng.randint(1, 18))) + "的处罚", "")
             for _ in range(60)]
    items += [cm.Item("县市场监管局", "penalty", items[3].name, "")]  # the same name twice: the first wins
    pool = cm.Pool(items)
    names = [cm.normalise("".join(rng.choice(chars) for _ in range(rng.randint(0, 24)))) for _ in range(80)]
    names.append(items[3].key)
    for name in names:
        every = sorted(((cm.similarity(name, i.key), n) for n, i in enumerate(items)), key=lambda t: (-t[0], t[1]))
        got = [(s, items.index(i)) for s, i in pool.nearest(name)]
        if every[0][0] >= cm.THRESHOLD:
            assert got[0] == every[0], name
        else:
            assert got == every[: cm.HINTS], name
    assert pool.nearest(items[3].key)[0] == (1.0, items[3])
