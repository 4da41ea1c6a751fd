"""平台对账 (reports/platform_intake.py): a county's ledgers against the platform's failure file and its export
(.xlsx and JSON), with hand-counted lists: one record never resent, one resent, one missing, one extra, one
changed in two fields (a third differs only in spelling and is no difference)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from conftest import D, LEDGER_ROW, LICENSE_ORG, PENALTY_ORG, write_sheet
from sgs_cli import standard as S
from sgs_cli.reports import platform_intake as pi

TODAY = D(2019, 12, 20)
MARKET = "中牟县市场监督管理局"
STATS = "中牟县统计局"


def _pen(n: int, **kw) -> dict:
    return dict(PENALTY_ORG, CF_WSH=f"中市监罚〔2019〕{n}号", **kw)


#: the market office's penalties as it sent them (a 790 table) — 201 in, 202 changed, 203 missing (decided
#: 2019-11-05: 7 working days long past), 204 failed and never resent, 205 failed and resent (now on the
#: platform), 206 decided 2019-12-18 (not yet due)
MINE = [_pen(201), _pen(202), _pen(203), _pen(204), _pen(205),
        _pen(206, CF_JDRQ=D(2019, 12, 18), CF_YXQ=D(2020, 12, 17), CF_GSJZQ=D(2020, 6, 18))]
#: the platform holds 201, 202 (罚款 0.3 万元 and another name; the 处罚机关 as 县市场监管局 and the 文号 with
#: 【】: spellings of the same values), 205, and 299 that no ledger holds
PLATFORM = [_pen(201),
            dict(_pen(202), CF_WSH="中市监罚【2019】202号", CF_NR_FK=0.3, CF_XDR_MC="中牟县鑫源商贸有限责任公司",
                 CF_CFJG="县市场监管局"),
            _pen(205), _pen(299)]
FAILED = [dict(_pen(204), XH=1, SBYY="行政相对人代码_1(统一社会信用代码)校验不通过"),
          dict(_pen(205), XH=2, SBYY="处罚决定日期格式错误")]


def _folder(tmp_path: Path) -> dict:
    led = tmp_path / "台账"
    led.mkdir()
    write_sheet(led / "市场监管局行政处罚.xlsx", "penalty", MINE, sheet_name="行政处罚")
    # 统计局 keeps a 附件2 ledger: a licence reported 2019-11-07 (on the platform), one reported 2019-12-19
    write_sheet(led / "统计局台账.xlsx", "ledger", [
        dict(LEDGER_ROW, WSH="中统许〔2019〕1号", XMMC="统计调查项目审批", LB="行政许可", BM=STATS),
        dict(LEDGER_ROW, XH=2, WSH="中统许〔2019〕2号", XMMC="统计调查项目审批", LB="行政许可", BM=STATS,
             JDRQ=D(2019, 12, 16), BSRQ=D(2019, 12, 19), TSRQ=D(2019, 12, 19))])
    codes = [f.code for f in S.PENALTY.fields]
    fail = tmp_path / "失败数据.xlsx"
    write_sheet(fail, "penalty", FAILED, columns=["XH", *codes, "SBYY"], header_text={"XH": "序号", "SBYY": "失败原因"},
                sheet_name="失败数据")
    old = dt.datetime(2019, 11, 20).timestamp()
    os.utime(fail, (old, old))  # the failure file's date: 2019-11-20
    plat = tmp_path / "平台导出.xlsx"
    lic = dict(LICENSE_ORG, XK_WSH="中统许〔2019〕1号", XK_XKJG=STATS, XK_XKWS="统计调查项目审批决定书")
    write_sheet(plat, "penalty", PLATFORM, sheet_name="行政处罚")
    lic_file = tmp_path / "平台导出许可.xlsx"
    write_sheet(lic_file, "license", [lic], sheet_name="行政许可")
    return {"ledgers": led, "failures": fail, "platform": [plat, lic_file], "licence": lic}


def _json_export(tmp_path: Path, licence: dict) -> Path:
    """The same export as JSON the way platforms give it: {"code": 200, "data": {"list": [...]}} under the
    790 labels, dates as YYYY-MM-DD text."""
    def one(kind, rec):
        spec = S.PENALTY if kind == "penalty" else S.LICENSE
        return {spec.by_code(c).name: (v.isoformat() if isinstance(v, dt.date) else v) for c, v in rec.items()
                if v is not None}

    path = tmp_path / "平台导出.json"
    path.write_text(json.dumps({"code": 200, "data": {"total": 4, "list": [one("penalty", r) for r in PLATFORM]}},
                               ensure_ascii=False), encoding="utf-8")
    lic = tmp_path / "许可.json"
    lic.write_text(json.dumps([one("license", licence)], ensure_ascii=False), encoding="utf-8")
    return [path, lic]


def _lists(rec: pi.Reconciliation) -> dict:
    return {c: sorted(i.wsh for i in rec.items if i.category == c) for c in {i.category for i in rec.items}}


@pytest.mark.parametrize("form", ["xlsx", "json"])
def test_reconciliation_lists_and_counts(tmp_path, isolated_sgs_env, form):
    f = _folder(tmp_path)
    platform = f["platform"] if form == "xlsx" else _json_export(tmp_path, f["licence"])
    rec = pi.reconcile([f["ledgers"]], failures=[f["failures"]], platform=platform, today=TODAY)
    assert _lists(rec) == {
        "diff": ["中市监罚〔2019〕202号"], "failed": ["中市监罚〔2019〕204号"], "missing": ["中市监罚〔2019〕203号"],
        "waiting": ["中市监罚〔2019〕206号", "中统许〔2019〕2号"], "extra": ["中市监罚〔2019〕299号"],
        "in": ["中市监罚〔2019〕205号"]}  # 205 is listed: in, but failed before (sent again since)
    market, stats = rec.departments[MARKET], rec.departments[STATS]
    assert dict(market.counts) == {"in": 2, "diff": 1, "missing": 1, "failed": 1, "waiting": 1, "extra": 1}
    assert (market.ledger, market.platform, market.resent, market.outside) == (6, 4, 1, 0)
    assert dict(stats.counts) == {"in": 1, "waiting": 1} and (stats.ledger, stats.platform) == (2, 1)
    total = rec.total
    assert (total.ledger, total.platform) == (8, 5)  # 6 + 2 ledger records, 4 + 1 platform records
    changed = rec.of("diff")[0]
    # two fields differ; 处罚机关 县市场监管局 and the 文号 with 【】 are the same values spelled otherwise
    assert changed.diffs == [("行政相对人名称", "中牟县鑫源商贸有限公司", "中牟县鑫源商贸有限责任公司"),
                             ("罚款金额（万元）", "0.2", "0.3")]
    failed = rec.of("failed")[0]
    assert failed.note.startswith("失败原因：行政相对人代码_1(统一社会信用代码)校验不通过（失败数据.xlsx 失败数据 第2行）")
    assert rec.of("missing")[0].note == "决定日期 2019-11-05 后第7个工作日（2019-11-14）平台仍无此记录"
    waiting = {i.wsh: i.note for i in rec.of("waiting")}
    assert waiting == {"中统许〔2019〕2号": "报送日期 2019-12-19 后第7个工作日为 2019-12-30，尚未到期",
                       "中市监罚〔2019〕206号": "决定日期 2019-12-18 后第7个工作日为 2019-12-27，尚未到期"}
    resent = rec.of("in")[0]
    assert resent.failed_before and resent.note == "曾入库失败（处罚决定日期格式错误），已重报"
    where = rec.of("extra")[0].platform_where
    assert where == ("平台导出.xlsx 行政处罚 第5行" if form == "xlsx" else "平台导出.json 第4条")


def test_reconcile_command_json_workbook_and_month(tmp_path, isolated_sgs_env):
    """`sgs reconcile --month`: only the decisions of November (206 and 中统许2号 are December's); the JSON's
    parts add up to both totals; the workbook's 平台对账 row of the market office holds the same figures."""
    import openpyxl

    from conftest import run_checked

    f = _folder(tmp_path)
    out = tmp_path / "对账.xlsx"
    args = ["reconcile", f["ledgers"], "--failures", f["failures"], *sum((["--platform", p] for p in f["platform"]), []),
            "--month", "2019-11", "--today", "2019-12-20", "--format", "json", "-o", out]
    r = run_checked(*args)
    assert r.exit_code == 0, r.output  # facts, not errors
    j = json.loads(r.stdout)
    market = next(d for d in j["departments"] if d["department"] == MARKET)
    assert {k: market[k] for k in ("ledger", "platform", "in", "diff", "failed", "missing", "waiting", "extra")} == {
        "ledger": 5, "platform": 4, "in": 2, "diff": 1, "failed": 1, "missing": 1, "waiting": 0, "extra": 1}
    for d in j["departments"] + [j["total"]]:
        assert d["ledger"] == sum(d[c.key] for c in pi.CATEGORIES if c.ledger)
        assert d["platform"] == sum(d[c.key] for c in pi.CATEGORIES if c.platform)
    assert (j["total"]["ledger"], j["total"]["platform"]) == (6, 5)
    assert [i["wsh"] for i in j["items"] if i["category"] == "diff"] == ["中市监罚〔2019〕202号"]
    ws = openpyxl.load_workbook(out)["平台对账"]
    head = [c.value for c in ws[4]]
    row = next([c.value for c in r] for r in ws.iter_rows(min_row=5) if r[0].value == MARKET)
    assert dict(zip(head, row)) == {"部门": MARKET, "台账记录": 5, "已入库": 2, "公示不一致": 1, "失败未重报": 1, "漏报": 1,
                                    "待入库": 0, "平台记录": 4, "多报": 1, "失败记录（台账外）": 0, "失败后已重报": 1}
    lines = [[c.value for c in r] for r in openpyxl.load_workbook(out)["平台对账明细"].iter_rows(min_row=5)]
    assert [(r[0], r[5], r[6], r[7]) for r in lines if r[0] == "公示不一致"] == [
        ("公示不一致", "行政相对人名称", "中牟县鑫源商贸有限公司", "中牟县鑫源商贸有限责任公司"),
        ("公示不一致", "罚款金额（万元）", "0.2", "0.3")]
    again = run_checked(*args)  # the workbook is never replaced without --force
    assert again.exit_code == 2 and "已存在" in again.output


def test_reconcile_needs_a_platform_file_and_masks_ids(tmp_path, isolated_sgs_env):
    from conftest import PENALTY_PERSON, run_checked

    f = _folder(tmp_path)
    r = run_checked("reconcile", f["ledgers"], "--today", "2019-12-20")
    assert r.exit_code == 2 and "没有给出事项目录或信用平台的文件" in r.output
    # 203 on the platform as a person's penalty: the 证件号码 differs (empty in the ledger) and is masked on screen,
    # in JSON and in the workbook
    from sgs_cli.codes.idtext import masked

    pid = PENALTY_PERSON["CF_XDR_ZJHM"]
    plat = write_sheet(tmp_path / "个人.xlsx", "penalty", [PENALTY_PERSON], sheet_name="行政处罚")
    out = tmp_path / "对账.xlsx"
    r = run_checked("reconcile", f["ledgers"], "--platform", plat, "--today", "2019-12-20", "-o", out)
    assert r.exit_code == 0 and pid not in r.output
    assert f"证件号码：台账“”，平台“{masked(pid)}”" in r.output
    r = run_checked("reconcile", f["ledgers"], "--platform", plat, "--today", "2019-12-20", "--format", "json")
    diff = next(i for i in json.loads(r.stdout)["items"] if i["category"] == "diff")
    assert {"field": "证件号码", "ledger": "", "platform": masked(pid)} in diff["differences"]
    import openpyxl

    cells = [c.value for row in openpyxl.load_workbook(out)["平台对账明细"].iter_rows() for c in row]
    assert masked(pid) in cells and pid not in cells


def test_monthly_report_gets_the_platform_sheets(tmp_path, isolated_sgs_env):
    import openpyxl

    from conftest import run_checked

    f = _folder(tmp_path)
    out = tmp_path / "月报.xlsx"
    r = run_checked("monthly-report", "--month", "2019-11", f["ledgers"], "--failures", f["failures"],
                    "--platform", _json_export(tmp_path, f["licence"])[0], "--today", "2019-12-20", "-o", out,
                    "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["total"]["records"] == 6  # the report's own figures are unchanged by the reconciliation
    market = next(d for d in j["platform"]["departments"] if d["department"] == MARKET)
    assert (market["ledger"], market["platform"], market["in"], market["diff"], market["missing"]) == (5, 4, 2, 1, 1)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-3:] == ["平台对账", "平台对账明细", "使用说明"]


def test_resent_after_the_failure_outside_the_ledger_unchecked_and_versions(tmp_path, isolated_sgs_env):
    """The failure rule's other half: a ledger row reported after the failure file's date was sent again (not
    失败未重报: it waits for the platform from its new 报送日期); a failed record no ledger holds is listed apart
    (failed_outside_ledger, not in the ledger total); without a platform export the rest is 未核对; of two versions
    of a ledger only the latest counts (submissions.choose)."""
    led = tmp_path / "台账"
    led.mkdir()
    row = dict(LEDGER_ROW, BM=STATS, LB="行政处罚", XMMC="统计违法案")
    old = write_sheet(led / "统计局台账（2019年11月）.xlsx", "ledger", [dict(row, WSH="中统罚〔2019〕1号")],
                      title="中牟县统计局行政许可和行政处罚台账（2019年11月）")
    os.utime(old, (dt.datetime(2019, 12, 1).timestamp(),) * 2)
    # the December version: 1号 reported again on 2019-12-18 after the failure of 2019-12-10, 2号 never failed
    write_sheet(led / "统计局台账（2019年12月）.xlsx", "ledger", [
        dict(row, WSH="中统罚〔2019〕1号", BSRQ=D(2019, 12, 18)), dict(row, XH=2, WSH="中统罚〔2019〕2号")],
        title="中牟县统计局行政许可和行政处罚台账（2019年12月）")
    codes = [f.code for f in S.PENALTY.fields]
    fail = write_sheet(tmp_path / "失败.xlsx", "penalty", [
        dict(PENALTY_ORG, CF_WSH="中统罚〔2019〕1号", CF_CFJG=STATS, SBYY="处罚依据超长"),
        dict(PENALTY_ORG, CF_WSH="中统罚〔2019〕9号", CF_CFJG=STATS, SBYY="重复数据")],
        columns=[*codes, "SBYY"], header_text={"SBYY": "失败原因"})
    os.utime(fail, (dt.datetime(2019, 12, 10).timestamp(),) * 2)
    rec = pi.reconcile([led], failures=[fail], today=TODAY)
    stats = rec.departments[STATS]
    assert dict(stats.counts) == {"unchecked": 2} and (stats.ledger, stats.platform, stats.outside, stats.resent) == (
        2, 0, 1, 1)
    assert [(i.category, i.wsh) for i in rec.items] == [
        ("unchecked", "中统罚〔2019〕1号"), ("unchecked", "中统罚〔2019〕2号"), ("outside", "中统罚〔2019〕9号")]
    assert rec.items[0].note == "曾入库失败（处罚依据超长），已重报" and rec.items[2].note == "失败原因：重复数据；台账中没有此记录"
    assert rec.ledger_files == ["统计局台账（2019年12月）.xlsx"]  # the November version is superseded
    # with the platform export (which holds neither): 1号 waits from its new 报送日期, 2号 is 漏报
    plat = write_sheet(tmp_path / "平台.xlsx", "penalty", [_pen(299)])
    rec = pi.reconcile([led], failures=[fail], platform=[plat], today=TODAY)
    assert [(i.category, i.wsh) for i in rec.items if i.department == STATS] == [
        ("missing", "中统罚〔2019〕2号"), ("waiting", "中统罚〔2019〕1号"), ("outside", "中统罚〔2019〕9号")]


def test_platform_files_that_cannot_be_used_stop_the_reconciliation(tmp_path, isolated_sgs_env):
    """A platform export that is no 790 table, or a failure file without 失败原因, would make every record look
    漏报 (or every failure resent): exit 3 with the file and the reason, nothing written."""
    from conftest import run_checked

    f = _folder(tmp_path)
    out = tmp_path / "对账.xlsx"
    r = run_checked("reconcile", f["ledgers"], "--platform", f["ledgers"] / "统计局台账.xlsx", "-o", out)
    assert r.exit_code == 3 and "以下平台导出无法用于对账，未对账：统计局台账.xlsx：不是行政许可或行政处罚表（790号）" in r.output
    r = run_checked("reconcile", f["ledgers"], "--failures", f["platform"][0], "-o", out)
    assert r.exit_code == 3 and "平台导出.xlsx：没有“失败原因”列，不是平台的失败文件" in r.output
    bad = tmp_path / "导出.json"
    bad.write_text('{"code": 500, "msg": "系统繁忙"}', encoding="utf-8")
    r = run_checked("reconcile", f["ledgers"], "--platform", bad, "-o", out)
    assert r.exit_code == 3 and "平台导出文件中没有记录" in r.output
    assert not out.exists()


def test_records_without_a_wenhao_are_counted_on_their_own_side(tmp_path, isolated_sgs_env):
    led = tmp_path / "台账"
    led.mkdir()
    write_sheet(led / "处罚.xlsx", "penalty", [_pen(201), dict(_pen(0), CF_WSH=None, CF_XDR_MC="无文号公司")])
    plat = write_sheet(tmp_path / "平台.xlsx", "penalty", [_pen(201), dict(_pen(0), CF_WSH=None, CF_XDR_MC="平台无号公司")])
    rec = pi.reconcile([led], platform=[plat], today=TODAY)
    market = rec.departments[MARKET]
    assert dict(market.counts) == {"in": 1, "nokey": 1, "extra_nokey": 1} and (market.ledger, market.platform) == (2, 2)
    assert [(i.category, i.name, i.note) for i in rec.items] == [
        ("nokey", "无文号公司", "台账中没有决定书文号"), ("extra_nokey", "平台无号公司", "平台记录没有决定书文号")]


def test_a_realistic_month_the_examples_against_the_platform(tmp_path, isolated_sgs_env):
    """examples/ (a 附件2 ledger and two 790 tables of November 2019, 53 distinct 文号 decided in the month — counted
    by hand: 55 文号, less 1187 decided in October and 1218 with the impossible date 2019/11/31) against what a
    platform might hold: the two 790 tables with penalty rows 6 and 10 (1204, 1208) missing, 1204 in the failure
    file of 2019-11-25, licence row 5 (0303) with another 行政相对人名称, and one penalty (9999) no ledger holds."""
    import shutil

    import openpyxl

    ex = Path(__file__).resolve().parents[2] / "examples"
    led = tmp_path / "台账"
    shutil.copytree(ex, led, ignore=shutil.ignore_patterns("*.py", "*.md"))
    pen = openpyxl.load_workbook(ex / "行政处罚台账.xlsx")
    ws = pen.active
    head = [c.value for c in ws[2]]
    failed_row = [c.value for c in ws[6]]
    extra = [c.value for c in ws[3]]
    extra[head.index("行政处罚决定书文号")] = "中市监罚〔2019〕9999号"
    ws.delete_rows(10)
    ws.delete_rows(6)
    ws.append(extra)
    pen.save(tmp_path / "平台_处罚.xlsx")
    lic = openpyxl.load_workbook(ex / "行政许可台账.xlsx")
    lic.active["A5"] = lic.active["A5"].value + "（分公司）"
    lic.save(tmp_path / "平台_许可.xlsx")
    fail = openpyxl.Workbook()
    fail.active.append(["序号", *head, "失败原因"])
    fail.active.append([1, *failed_row, "统一社会信用代码校验不通过"])
    fail.save(tmp_path / "失败数据.xlsx")
    os.utime(tmp_path / "失败数据.xlsx", (dt.datetime(2019, 11, 25).timestamp(),) * 2)
    rec = pi.reconcile([led], failures=[tmp_path / "失败数据.xlsx"],
                       platform=[tmp_path / "平台_处罚.xlsx", tmp_path / "平台_许可.xlsx"], month=(2019, 11),
                       today=D(2019, 12, 31))
    total = rec.total
    assert (total.ledger, total.platform) == (53, 52)
    assert dict(total.counts) == {"in": 50, "diff": 1, "failed": 1, "missing": 1, "extra": 1}
    assert [(i.category, i.wsh, i.name) for i in rec.items] == [
        ("diff", "中市监特认〔2019〕第0303号", "王志刚"), ("failed", "中市监罚〔2019〕1204号", "王建军"),
        ("missing", "中市监罚〔2019〕1208号", "郑州汇丰源食品有限公司"), ("extra", "中市监罚〔2019〕9999号", "中牟县鑫源商贸有限公司")]
    assert rec.items[0].diffs == [("行政相对人名称", "王志刚", "王志刚(分公司)")]
    # 1208 was reported on 2019-11-12 (the 附件2 ledger, merged with its 790 row)
    assert rec.items[2].note == "报送日期 2019-11-12 后第7个工作日（2019-11-21）平台仍无此记录"
    assert {d: (f.ledger, f.platform) for d, f in rec.departments.items()} == {
        "中牟县卫生健康委员会": (2, 2), "中牟县市场监督管理局": (51, 50)}


def test_an_id_number_spelled_otherwise_is_the_same_value(tmp_path, isolated_sgs_env):
    """证件号码 compared as ID numbers (codes/idtext.py): hyphens and full-width digits are spellings, not a change."""
    from conftest import PENALTY_PERSON

    led = tmp_path / "台账"
    led.mkdir()
    write_sheet(led / "处罚.xlsx", "penalty", [PENALTY_PERSON])
    pid = PENALTY_PERSON["CF_XDR_ZJHM"]
    spelled = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in f"{pid[:6]}-{pid[6:14]}-{pid[14:]}")
    plat = write_sheet(tmp_path / "平台.xlsx", "penalty", [dict(PENALTY_PERSON, CF_XDR_ZJHM=spelled)])
    rec = pi.reconcile([led], platform=[plat], today=TODAY)
    assert dict(rec.departments[MARKET].counts) == {"in": 1} and rec.items == []


def test_catalogue_and_platform_in_one_run(tmp_path, isolated_sgs_env):
    """`sgs reconcile --catalog … --platform …`: both comparisons on the same ledgers, one workbook holding both sets
    of sheets, the JSON's catalog key beside the 平台对账 keys; the figures are those of each run alone (the platform
    holds the 28 November penalties of the 790 penalty table: the 25 licences are 漏报 on 2019-12-31)."""
    import openpyxl
    from catalog_month import write_example_catalogue
    from conftest import run_checked

    ex = Path(__file__).resolve().parents[2] / "examples"
    cat = write_example_catalogue(tmp_path / "事项目录")
    out = tmp_path / "对账.xlsx"
    args = ("reconcile", ex, "--catalog", cat, "--platform", ex / "行政处罚台账.xlsx", "--month", "2019-11",
            "--today", "2019-12-31")
    r = run_checked(*args, "-o", out)
    assert r.exit_code == 0, r.output
    assert openpyxl.load_workbook(out).sheetnames[:4] == ["应归尽归", "应归尽归明细", "平台对账", "平台对账明细"]
    assert "应归尽归（2019年11月）：决定 54 条，匹配目录事项 36 条，未匹配 16 条，无事项目录 2 条" in r.output
    doc = json.loads(run_checked(*args, "--format", "json").stdout)
    assert (doc["catalog"]["total"]["decisions"], doc["catalog"]["total"]["matched"]) == (54, 36)
    t = doc["total"]
    assert (t["ledger"], t["platform"], t["in"], t["missing"], t["extra"]) == (53, 28, 28, 25, 0)
    r = run_checked("reconcile", "--platform", ex / "行政处罚台账.xlsx")
    assert r.exit_code == 2 and "平台对账需要各部门的台账" in r.output
