"""The reporting cycle as the office runs it (issue 25, parts 2, 3 and 8): one hand-counted county year,
statistics date 2026-10-20, read by `monthly-report` (September, as reported on 2026-10-15), `quarterly-report`
(2026Q3) and `annual-assessment` (2026) — every figure these parts affect asserted against the hand count below.

The folder (tests/county_quarter.py's county, plus a return and its correction, a 790-only department and a
department that sent nothing); roster: 市监局, 统计局, 交通局, 住建局; no register (月报告, 工作方案 not scored).

* 市场监管局台账（1-8月）/（1-9月）.xlsx — two versions of one cumulative ledger: 1-9月 wins by its title month;
  1-8月 is never counted (its 7 rows would otherwise be 重复). Q3 rows as in county_quarter.py:
  120 许 07-06 按时 · 15 罚 07-20 逾期 (LATE_REPORT) · 131 许 08-03 按时 · 22 罚 08-17 按时 ·
  150 许 09-07 已逾期未报送 (NOT_REPORTED_OVERDUE) · 30 罚 09-14 按时, 项目名称 empty (REQUIRED_MISSING); June 101 按时.
* 统计局台账.xlsx (title 2026年1-9月), rows 3–6:
  3号 罚 07-08 → 07-16 按时 (due 07-17) · 4号 罚 09-09 → 09-24 逾期 (due 09-18, LATE_REPORT) ·
  5号 罚 09-21 → 09-29 按时 (due 10-08), 项目名称 empty (REQUIRED_MISSING) · 6号 许 09-30 → 10-19 (due 10-15).
* 退回_统计局台账.xlsx — the office returned 5号; the department sent the return file back with 项目名称 filled:
  its record replaces the original's 5号 (same 文号): 5号 passes, is not right the first time (一次通过 no),
  重报 1. The two copies of 5号 are not 重复.
* 住建局行政处罚.et — only a 790 table (no 报送日期): 牟建罚〔2026〕1号 07-13, 2号 09-02: 无法判定及时性, never on time.
* 交通局: nothing at all → 未报送 every month (not 零报送); 统计局 in August and 住建局 in August: 零报送 (their
  files cover the month — 统计局's title 1-9月, 住建局's table has no month — with no decision in it).

Issue 25's other spellings of the cycle, in the same folder — none of them changes a figure below, and each
assertion that says so would fail if the tool got it wrong:
* 统计局台账.xlsx has a 迟报说明 column (G); 4号's reads "统计执法系统升级…": 4号 stays 逾期 5 个工作日 (a fact,
  compliant, right the first time), listed in 逾期明细 with that text beside it; 150 has none.
* 退回_统计局台账.xlsx writes 5号 as 牟统罚【2026】5号 (the original: 〔〕): one 文号 key, so it still replaces the
  original's 5号 — if it did not, 统计局 would count 4 decisions, 5号 twice (once failing), 合规 and 重复 would move.
* 住建局's 790 table is 住建局行政处罚.et (WPS; xlsx bytes): read by its bytes; unread it would make 住建局
  文件无法读取 and take its 1 September / 2 Q3 decisions out of every total.
* 联络员名单.xlsx (outside the folder), the 773 list with short names in its own order (县统计局, 县市场监管局,
  县住建局, 县交通运输局), used as the roster of a second September run: the same figures under those names.
* January (fixture `january`): the folder on 2027-01-06 with 市监局's 1-12月 ledger added — December's decisions,
  the 催报清单 and the December report counted by hand in the tests' docstrings.

Statistics dates: 7月 2026-08-15, 8月 2026-09-15, 9月 2026-10-15. 6号 is 未到期 on 10-15 (its 报送日期 10-19 is after
that day: REPORT_DATE_FUTURE, an error at that date) and 逾期 2 个工作日 (10-16, 10-19; LATE_REPORT) on 10-20.
Required items (完整率): ledger 4 a row (序号, 文号, 项目名称, 决定日期); the 790 penalty (法人, 警告；罚款) 17: 14 always,
统一社会信用代码 and 法定代表人 for a 法人, 罚款金额 because the category holds 罚款.

September as reported (10-15):
            许可 处罚 总数 按时 逾期 未到期 已逾期 无法判定  及时率  合规  一次通过  重报  完整
 市监局       1    1    2    1    0    0      1      0       1/2    1/2    1        0    7/8
 统计局       1    2    3    1    1    1      0      0       1/2    2/3    1        1    12/12
 住建局       0    1    1    0    0    0      0      1        —     1/1    1        0    17/17
 交通局       —  未报送
 合计         2    4    6    2    1    1      1      1       2/4    4/6    3        1    36/37
 (合规: facts are no errors — 150's NOT_REPORTED_OVERDUE and 4号's LATE_REPORT are compliant and right the
  first time; 统计局 5号 compliant (corrected, not first pass); 住建局 2号. 30 (REQUIRED_MISSING) and 6号
  (REPORT_DATE_FUTURE, an error at 10-15) fail.)
July (08-15): 市监局 120 按时, 15 逾期 (a fact); 统计局 3号 按时; 住建局 1号 无法判定 — 许可 1, 处罚 3, 按时 2/3,
  合规 4/4, 一次通过 4, 完整 29/29. August (09-15): 市监局 131, 22 按时 — 2/2, 合规 2/2, 完整 8/8; 统计局, 住建局 零报送.
Q3 (the sum of the months as reported): 许可 4, 处罚 8, 总数 12; 按时 6, 逾期 2, 未到期 1, 已逾期未报送 1, 无法判定 2;
  及时率 6/9; 合规 10/12; 一次通过 9/12; 重报 1; 完整 73/74. Per department: 市监局 4/6, 合规 5/6 (only 30 fails),
  一次通过 5/6, 完整 23/24; 统计局 2/3, 合规 3/4 (only 6号 fails), 一次通过 2/4, 完整 16/16 — tied with 市监局 on
  及时率, second by 合规率; 住建局 not ranked (无法判定及时性（2 条决定没有报送日期）); 交通局 not ranked (未报送).
  September recomputed on 10-20: 6号 未到期 → 逾期 2 个工作日 (a fact, no longer REPORT_DATE_FUTURE): 及时率 2/4 → 2/5,
  合规 4/6 → 5/6 (统计局 2/3 → 3/3), shown beside the month as reported.
Year (10-20, default scheme, months 1–9 ended):
 市监局  时效 −2 (15) −3 (150); 完整 −0.5 (30); 零报送 1–5月 −5; 联络员, 目录 valid          → 89.5
 统计局  时效 −2 (4号) −2 (6号, 逾期 on 10-20); 零报送 1–6月, 8月 −5; 联络员 lead without 邮箱 −5;
         目录 C3 −2; 合规 and 完整 full (5号 corrected)                                         → 84
 住建局  时效 −3 × 2 (无法判定及时性); 零报送 1–6月, 8月 −5; 联络员 none −10; 目录 none −5           → 74
 交通局  sent nothing: 时效 −30, 合规 −20, 完整 −10, 未报送 1–9月 −5 (2 a month, the maximum); 联络员 −10;
         目录 −5                                                                                   → 20
 Ranking 1 市监局, 2 统计局, 3 住建局, 4 交通局.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import openpyxl
import pytest
from conftest import AUTH_USCC, PENALTY_ORG, run_checked as run, user_home, write_sheet
from county_quarter import JT, LEDGER_CODES, SJ, SJ_ROWS, TJ, _ledger_rows, _write, write_folder

from sgs_cli.render.official import scrub

D = dt.date
ZJ = "中牟县住房和城乡建设局"
TJ_TITLE = f"{TJ}行政许可和行政处罚台账（2026年1-9月）"
TJ_ROWS = [
    ("牟统罚〔2026〕3号", "拒报统计资料案", D(2026, 7, 8), D(2026, 7, 16), None, "统计执法监督科"),
    ("牟统罚〔2026〕4号", "虚报统计数据案", D(2026, 9, 9), D(2026, 9, 24), None, "统计执法监督科"),
    ("牟统罚〔2026〕5号", None, D(2026, 9, 21), D(2026, 9, 29), None, "统计执法监督科"),
    ("牟统许〔2026〕6号", "涉外调查机构资格认定", D(2026, 9, 30), D(2026, 10, 19), None, "统计执法监督科"),
]
TJ_CODES = ["XH", "WSH", "XMMC", "JDRQ", "BSRQ", "KS"]
assert LEDGER_CODES[:5] == TJ_CODES[:5]


def approx(v):
    return pytest.approx(v, abs=1e-4)


LATE_NOTE = "统计执法系统升级，9月17日至23日无法登录信用平台"  # 4号's 迟报说明 (column G of 统计局台账.xlsx)
FIX_WSH = "牟统罚【2026】5号"  # the department retyped 5号's 文号 with 【】 in its corrected return file
#: the 773 联络员名单 used as a roster: short names, its own order (统计局 first)
LIAISON = (("县统计局", "赵敏"), ("县市场监管局", "张雅丽"), ("县住建局", "孙强"), ("县交通运输局", "钱七"))
SHORT = {"县市场监管局": SJ, "县统计局": TJ, "县住建局": ZJ, "县交通运输局": JT}


def _return_file(folder):
    """退回_统计局台账.xlsx as `validate --split` writes it (汇总 first, the ledger sheet with its title, the
    returned row and the 错误原因/修改建议 columns), sent back with 项目名称 filled."""
    row = dict(_ledger_rows(TJ_ROWS)[2], XMMC="统计违法案", WSH=FIX_WSH)
    row["XH"] = 3
    path = _write(folder / "退回_统计局台账.xlsx", "ledger", [row], TJ_CODES, title=TJ_TITLE, sheet="台账")
    wb = openpyxl.load_workbook(path)
    ws = wb["台账"]
    ws.cell(2, 7, "错误原因")
    ws.cell(2, 8, "修改建议")
    ws.cell(3, 7, "必填项“项目名称/案件名称”未填写")
    ws.cell(3, 8, "请填写项目名称/案件名称")
    s = wb.create_sheet("汇总", 0)
    s["A1"] = "双公示数据退回修改清单：统计局台账.xlsx"
    s["A2"] = "以下1条记录有错误，退回修改"
    wb.save(path)
    return path


def write_year(base):
    folder = write_folder(base / "台账")
    tj = _write(folder / "统计局台账.xlsx", "ledger", _ledger_rows(TJ_ROWS), TJ_CODES, title=TJ_TITLE, sheet="台账")
    wb = openpyxl.load_workbook(tj)
    wb["台账"].cell(2, 7, "迟报说明")
    wb["台账"].cell(4, 7, LATE_NOTE)
    wb.save(tj)
    os.utime(tj, (1790500000, 1790500000))
    fix = _return_file(folder)
    os.utime(fix, (1791000000, 1791000000))
    rows = [dict(PENALTY_ORG, CF_WSH=w, CF_JDRQ=d, CF_YXQ=d.replace(year=2027), CF_GSJZQ=d.replace(year=2027) - dt.timedelta(days=1),
                 CF_CFJG=ZJ, CF_SJLY=ZJ, CF_CFJGDM=AUTH_USCC, CF_SJLYDM=AUTH_USCC)
            for w, d in (("牟建罚〔2026〕1号", D(2026, 7, 13)), ("牟建罚〔2026〕2号", D(2026, 9, 2)))]
    # saved by WPS: an .et file holding xlsx bytes, read by its bytes like any workbook
    write_sheet(folder / "住建局行政处罚.xlsx", "penalty", rows, sheet_name="行政处罚")
    (folder / "住建局行政处罚.xlsx").rename(folder / "住建局行政处罚.et")
    from sgs_cli.render.templates import write_roster_template

    roster = base / "单位名单.xlsx"
    write_roster_template(roster, overwrite=True)
    wb = openpyxl.load_workbook(roster)
    for i, (name, short) in enumerate(((SJ, "市场监管局"), (TJ, "统计局"), (JT, "交通运输局"), (ZJ, "住建局")), start=2):
        wb["单位名单"].cell(i, 1, i - 1)
        wb["单位名单"].cell(i, 2, name)
        wb["单位名单"].cell(i, 3, short)
    wb.save(roster)
    liaison = base / "联络员名单.xlsx"  # outside the folder: a roster, not a department's 773 submission
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "联络员名单"
    ws.append(["信用信息管理联络员名单表"])
    ws.append(["单位名称", "姓名", "职务", "办公电话", "手机", "邮箱", "备注(具体负责工作)"])
    for unit, person in LIAISON:
        ws.append([unit, person, "科员", "0371-62112345", "13800000000", "a@b.cn", "双公示"])
    wb.save(liaison)
    return folder, roster, liaison


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cycle")
    with user_home(tmp):
        folder, roster, liaison = write_year(tmp)
        out = {}
        for name, args in (("monthly", ["monthly-report", "--month", "2026-09", "--today", "2026-10-15"]),
                           ("quarterly", ["quarterly-report", "--quarter", "2026Q3", "--today", "2026-10-20"]),
                           ("annual", ["annual-assessment", "--year", "2026", "--today", "2026-10-20"])):
            target = tmp / f"{name}.xlsx"
            r = run(*args, folder, "--roster", roster, "-o", target, "--format", "json")
            assert r.exit_code == 0, r.output
            out[name] = {"json": json.loads(r.stdout), "wb": openpyxl.load_workbook(target)}
            if name == "monthly":  # the screen once (the quarterly's and annual's print the same notes)
                screen = run(*args, folder, "--roster", roster, "-o", tmp / f"{name}2.xlsx")
                assert screen.exit_code == 0, screen.output
                out[name]["screen"] = screen.stdout
        r = run("monthly-report", "--month", "2026-09", "--today", "2026-10-15", folder, "--roster", liaison,
                "-o", tmp / "monthly_liaison.xlsx", "--format", "json")
        assert r.exit_code == 0, r.output
        out["liaison"] = {"json": json.loads(r.stdout), "wb": openpyxl.load_workbook(tmp / "monthly_liaison.xlsx")}
    out["paths"] = (folder, roster)
    return out


KEYS = ("licence", "penalty", "records", "on_time", "late", "pending", "overdue", "no_report_date", "timeliness",
        "compliance", "first_pass", "first_pass_rate", "resubmissions", "completeness", "duplicates")


def figs(d):
    return tuple(d[k] for k in KEYS)


SEPTEMBER = {  # as reported on 2026-10-15 (the module docstring's table)
    SJ: (1, 1, 2, 1, 0, 0, 1, 0, 0.5, 0.5, 1, 0.5, 0, approx(7 / 8), 0),  # 150 not reported: a fact, compliant
    TJ: (1, 2, 3, 1, 1, 1, 0, 0, 0.5, approx(2 / 3), 1, approx(1 / 3), 1, 1.0, 0),  # 4号 late: a fact; 5号 corrected
    ZJ: (0, 1, 1, 0, 0, 0, 0, 1, None, 1.0, 1, 1.0, 0, 1.0, 0),
    JT: (0, 0, 0, 0, 0, 0, 0, 0, None, None, 0, None, 0, None, 0),
}
SEPTEMBER_TOTAL = (2, 4, 6, 2, 1, 1, 1, 1, 0.5, approx(4 / 6), 3, 0.5, 1, approx(36 / 37), 0)  # 30 and 6号 fail


def test_monthly_report_chooses_the_data_and_counts_by_hand(year):
    j = year["monthly"]["json"]
    assert {d["department"]: figs(d) for d in j["departments"]} == SEPTEMBER
    assert figs(j["total"]) == SEPTEMBER_TOTAL
    for key in ("licence", "penalty", "records", "on_time", "first_pass", "resubmissions", "duplicates"):
        assert j["total"][key] == sum(d[key] for d in j["departments"]), key  # 分部门 rows add up to the total
    assert j["zero_units"] == [] and j["missing_units"] == [JT]
    data = j["data"]
    assert [(os.path.basename(v["used"]), [os.path.basename(s) for s in v["superseded"]]) for v in data["versions"]] == [
        ("市场监管局台账（1-9月）.xlsx", ["市场监管局台账（1-8月）.xlsx"])]
    (fix,) = data["corrections"]
    assert (os.path.basename(fix["file"]), os.path.basename(fix["original"]), fix["round"], fix["added"]) == (
        "退回_统计局台账.xlsx", "统计局台账.xlsx", 1, 0)
    assert fix["replaced"] == [{"file": "统计局台账.xlsx", "sheet": "台账", "row": 5, "wsh": "牟统罚〔2026〕5号"}]
    assert sorted(os.path.basename(f) for f in j["files"] if "台账" in os.path.basename(f)) == [
        "市场监管局台账（1-9月）.xlsx", "统计局台账.xlsx", "退回_统计局台账.xlsx"]
    # the WPS .et file is read by its bytes: no file left unread, 住建局 not 文件无法读取 (nor 零报送 in September)
    assert "住建局行政处罚.et" in [os.path.basename(f) for f in j["files"]]
    assert (j["unread_files"], j["unread_units"]) == ([], [])
    # 逾期明细: 150 (no reason given) and 4号 with the 迟报说明 of its ledger — counted as facts (4号 逾期, 150
    # 已逾期未报送 above), not as errors: neither is among the problems
    assert [(i["wsh"], i["late_note"]) for i in j["late"]] == [("中市监许〔2026〕150号", ""), ("牟统罚〔2026〕4号", LATE_NOTE)]
    assert not any(p["wsh"] in ("中市监许〔2026〕150号", "牟统罚〔2026〕4号") for p in j["problems"])
    # 5号 spelled 〔〕 in 统计局台账.xlsx and 【】 in the correction: one key (standard/docno.doc_key), one decision —
    # the correction replaces it (else 总数 7 and 重复 1); the note names the original's spelling
    assert j["duplicates"] == []  # the corrected 5号 and the superseded versions are no 重复
    assert not any(p["code"] == "DUPLICATE_ACROSS_FILES" for p in j["problems"])
    assert not any(p["wsh"] == "牟统罚〔2026〕5号" for p in j["problems"])  # the erroneous original is replaced
    notes = j["notes"]
    assert notes[0].startswith(f"{SJ}的台账有 2 个版本，按标题月份使用最新的 市场监管局台账（1-9月）.xlsx")
    assert notes[1] == (f"{TJ}的更正文件 退回_统计局台账.xlsx（第1次退回后重报）替代 统计局台账.xlsx 中同一文号的 1 条记录"
                        "（牟统罚〔2026〕5号）：按更正后的记录统计")


def test_monthly_workbook_and_screen_name_the_files_and_the_new_figures(year):
    m = year["monthly"]
    ws = m["wb"]["汇总"]
    rows = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(5, ws.max_row + 1)}
    assert rows["一次通过率"] == 0.5 and rows["重报次数"] == 1 and rows["重复记录数"] == 0
    assert rows["报送状态：无法判定及时性"] == 1 and rows["未报送单位"] == JT and rows["零报送单位"] == "无"
    assert rows["使用的文件"].split("、")[:3] == ["事项目录_市场监管局.xlsx", "事项目录_统计局.xlsx", "住建局行政处罚.et"]
    assert "退回_统计局台账.xlsx" in rows["使用的文件"] and "1-8月" not in rows["使用的文件"]
    said = [ws.cell(r, 2).value for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "说明"]
    assert said[:2] == m["json"]["notes"][:2]
    dws = m["wb"]["分部门"]
    heads = [c.value for c in dws[4]]
    body = {r[0]: dict(zip(heads, r)) for r in dws.iter_rows(min_row=5, values_only=True)}
    assert (body[JT]["未报送"], body[JT]["零报送"], body["合计"]["未报送"]) == ("是", None, 1)
    assert (body[TJ]["一次通过率"], body[TJ]["重报次数"], body["合计"]["重报次数"]) == (approx(1 / 3), 1, 1)  # 4号
    lws = m["wb"]["逾期明细"]
    heads = [c.value for c in lws[4]]
    late = [dict(zip(heads, r)) for r in lws.iter_rows(min_row=5, values_only=True) if r[0]]
    assert [(x["决定书文号"], x["状态"], x["迟报说明"], x["位置"]) for x in late] == [
        ("中市监许〔2026〕150号", "已逾期未报送（17 个工作日）", None, "市场监管局台账（1-9月）.xlsx › 台账 第8行"),
        ("牟统罚〔2026〕4号", "逾期 5 个工作日", LATE_NOTE, "统计局台账.xlsx › 台账 第4行")]
    assert "合规率 66.67%（一次通过率 50.00%，重报 1 次）" in m["screen"]
    assert f"未报送单位：{JT}" in m["screen"] and "说明：中牟县统计局的更正文件 退回_统计局台账.xlsx" in m["screen"]


def test_quarterly_months_as_reported_and_the_sums(year):
    j = year["quarterly"]["json"]
    assert j["months_as_reported"] == {"07": "2026-08-15", "08": "2026-09-15", "09": "2026-10-15"}
    months = j["months_total"]
    assert figs(months["09"]) == SEPTEMBER_TOTAL == figs(year["monthly"]["json"]["total"])  # = the report sent
    assert figs(months["07"]) == (1, 3, 4, 2, 1, 0, 0, 1, approx(2 / 3), 1.0, 4, 1.0, 0, 1.0, 0)  # 15 late: a fact
    assert figs(months["08"]) == (1, 1, 2, 2, 0, 0, 0, 0, 1.0, 1.0, 2, 1.0, 0, 1.0, 0)
    assert figs(j["total"]) == (4, 8, 12, 6, 2, 1, 1, 2, approx(6 / 9), approx(10 / 12), 9, 0.75, 1, approx(73 / 74), 0)
    by = {d["department"]: d for d in j["departments"]}
    assert figs(by[SJ]["total"])[:10] == (3, 3, 6, 4, 1, 0, 1, 0, approx(4 / 6), approx(5 / 6))  # only 30 fails
    assert figs(by[TJ]["total"]) == (1, 3, 4, 2, 1, 1, 0, 0, approx(2 / 3), 0.75, 2, 0.5, 1, 1.0, 0)  # only 6号 fails
    assert figs(by[ZJ]["total"]) == (0, 2, 2, 0, 0, 0, 0, 2, None, 1.0, 2, 1.0, 0, 1.0, 0)
    assert [(n, by[n]["zero_months"], by[n]["missing_months"]) for n in (SJ, TJ, JT, ZJ)] == [
        (SJ, [], []), (TJ, [8], []), (JT, [], [7, 8, 9]), (ZJ, [8], [])]
    assert [(r["rank"], r["department"]) for r in j["ranking"]] == [(1, SJ), (2, TJ)]  # 及时率 tied, 合规率 5/6 > 3/4
    ws = year["quarterly"]["wb"]["汇总"]
    heads = [c.value for c in ws[4]]
    table = {r[1]: dict(zip(heads, r)) for r in ws.iter_rows(min_row=5, values_only=True)}
    assert [(table[n]["合规率"], table[n]["一次通过率"], table[n]["重报次数"]) for n in (TJ, SJ, ZJ, "合计")] == [
        (0.75, 0.5, 1), (approx(5 / 6), approx(5 / 6), 0), (1.0, 1.0, 0), (approx(10 / 12), 0.75, 1)]
    said = [r[1] for r in ws.iter_rows(min_row=5, values_only=True) if r[0] == "说明"]
    # on 汇总 as well, without tool talk (render/official: "（--register）" is dropped from the printed sheet)
    assert said == [scrub(n) for n in j["notes"]] and said[1].startswith(f"{TJ}的更正文件 退回_统计局台账.xlsx")
    files = [r for r in year["quarterly"]["wb"]["输入文件"].iter_rows(min_row=5, values_only=True)]
    assert ("更正（替代原记录）", "退回_统计局台账.xlsx", j["data"] and year["monthly"]["json"]["notes"][1]) in files
    assert ("未使用（旧版本）", "市场监管局台账（1-8月）.xlsx", f"{SJ}：已有更新的版本 市场监管局台账（1-9月）.xlsx") in files
    assert j["unranked"] == [{"department": ZJ, "reason": "无法判定及时性（2 条决定没有报送日期）"},
                             {"department": JT, "reason": "未报送（本期没有报送任何数据）"}]


def test_quarterly_shows_the_recomputed_september_beside_the_reported_one(year):
    q = year["quarterly"]
    again = q["json"]["recomputed"]
    assert list(again) == ["09"]
    assert figs(again["09"]["total"])[:9] == (2, 4, 6, 2, 2, 0, 1, 1, 0.4)
    assert again["09"]["reason"] == (
        "2026年9月月报告按统计日 2026-10-15 计算；按本期统计日 2026-10-20 重算：及时率 50.00%→40.00%，合规率 66.67%→83.33%"
        "（1 条记录变化：牟统许〔2026〕6号 剩余 0 个工作日（报送日期晚于统计日）→逾期 2 个工作日）。"
        "本通报各月数字按月报告统计日，不随之后的报送改变")
    assert again["09"]["reason"] in q["json"]["notes"]
    ws = q["wb"]["分月"]
    heads = [c.value for c in ws[4]]
    rows = {(r[0], r[1]): dict(zip(heads, r)) for r in ws.iter_rows(min_row=5, values_only=True)}
    assert rows[("合计", "9月")]["及时率"] == 0.5 and rows[("合计", "9月")]["按本期统计日重算"] == "决定 6，及时率 40.00%，合规率 83.33%"
    assert rows[(TJ, "9月")]["按本期统计日重算"] == "决定 3，及时率 33.33%，合规率 100.00%"  # 6号 late now: a fact
    assert rows[(SJ, "9月")]["按本期统计日重算"] is None and rows[("合计", "7月")]["按本期统计日重算"] is None
    status_cols = heads[heads.index("决定总数") + 1:heads.index("及时率")]
    assert status_cols == ["按时", "逾期", "未到期", "已逾期未报送", "无法计算", "无法判定及时性", "需要节假日安排"]
    for key, r in rows.items():  # every 分月 row: 许可＋处罚＋未分类 = 决定总数 = the statuses' sum
        assert r["许可"] + r["处罚"] + r["未分类"] == r["决定总数"] == sum(r[c] for c in status_cols), key
    assert (rows[(JT, "8月")]["零报送/未报送"], rows[(ZJ, "8月")]["零报送/未报送"]) == ("未报送", "零报送")
    chart = [r[0] for r in q["wb"]["图表"].iter_rows(min_row=5, max_row=8, values_only=True)]
    assert chart == [SJ, TJ, f"{JT}（未报送）", f"{ZJ}（无法判定及时性）"]  # the 排名's reasons, in short
    rank = [r for r in q["wb"]["排名"].iter_rows(min_row=5, values_only=True)]
    assert [r[:2] for r in rank] == [(1, SJ), (2, TJ), ("—", f"{ZJ}（无法判定及时性（2 条决定没有报送日期），不排名）"),
                                     ("—", f"{JT}（未报送（本期没有报送任何数据），不排名）")]
    text = q["wb"]["通报稿"]
    paras = [r[0] for r in text.iter_rows(values_only=True)]
    assert paras[7].endswith(f"{ZJ}不排名（无法判定及时性（2 条决定没有报送日期））。{JT}不排名（未报送（本期没有报送任何数据））。"
                             "各部门排名见“排名”表。")
    assert f"本期没有任何决定的部门（未报送或零报送）：{JT}（未报送）。" in paras[6]


def test_annual_assessment_absent_data_is_never_full_marks(year):
    j = year["annual"]["json"]
    keys = ["timeliness", "compliance", "completeness", "zero_report", "liaison", "catalog"]
    got = {d["name"]: (d["rank"], d["score"], [d["items"][k]["deducted"] for k in keys]) for d in j["departments"]}
    assert got == {
        SJ: (1, 89.5, [5, 0, 0.5, 5, 0, 0]),
        TJ: (2, 84, [4, 0, 0, 5, 5, 2]),
        ZJ: (3, 74, [6, 0, 0, 5, 10, 5]),
        JT: (4, 20, [30, 20, 10, 5, 10, 5]),
    }
    ded = j["deductions"]
    zj = [(x["item"], x["points"], x["reason"]) for x in ded if x["department"] == ZJ and x["item"] == "timeliness"]
    assert zj == [("timeliness", 3, "无法判定及时性（没有报送日期，不算按时）：牟建罚〔2026〕1号（决定日期 2026-07-13）"),
                  ("timeliness", 3, "无法判定及时性（没有报送日期，不算按时）：牟建罚〔2026〕2号（决定日期 2026-09-02）")]
    tj = [(x["points"], x["reason"]) for x in ded if x["department"] == TJ and x["item"] == "timeliness"]
    assert tj[1] == (2, "逾期报送 2 个工作日：牟统许〔2026〕6号（决定日期 2026-09-30，统计执法监督科），期限 2026-10-15，报送 2026-10-19")
    for d in j["departments"]:  # the itemised points add up to each score
        assert d["score"] == 100 - sum(x["points"] for x in ded if x["department"] == d["name"])
    assert j["total"]["duplicates"] == 0 and j["total"]["resubmissions"] == 1
    ws = year["annual"]["wb"]["汇总"]
    assert [r[1] for r in ws.iter_rows(min_row=5, values_only=True) if r[0] == "说明"] == [scrub(n) for n in j["notes"]]
    assert any("退回_统计局台账.xlsx" in n for n in j["notes"])


def test_nobody_is_not_reported_before_the_month_is_over(year):
    """October on 2026-10-20: the month is not over, so 交通局 is not 未报送 yet (and 市监局, whose ledger stops in
    September, neither); a month after its end it is."""
    from sgs_cli.reports import monthly
    from sgs_cli.reports.roster import read_roster

    folder, roster = year["paths"]
    names = read_roster(roster)
    now = monthly.build((2026, 10), [str(folder)], today=D(2026, 10, 20), roster=names)
    assert (now.missing_units, now.zero_units) == ([], [SJ, TJ, JT, ZJ])
    later = monthly.build((2026, 10), [str(folder)], today=D(2026, 11, 2), roster=names)
    assert (later.missing_units, later.zero_units) == ([SJ, TJ, JT], [ZJ])  # ledgers titled 1-9月; 住建局's table: no month


def test_a_liaison_list_roster_with_short_names(year):
    """The 773 联络员名单 as the roster (县市场监管局, 县统计局 …, 统计局 first): each ledger is its roster
    department (standard/departments.department_key), the figures are September's as reported, under the list's
    names; 分部门 in the list's order; nobody both 未报送 and 不在名单中."""
    j = year["liaison"]["json"]
    assert {SHORT[d["department"]]: figs(d) for d in j["departments"]} == SEPTEMBER
    assert figs(j["total"]) == SEPTEMBER_TOTAL
    assert (j["not_in_roster"], j["missing_units"], j["zero_units"]) == ([], ["县交通运输局"], [])
    ws = year["liaison"]["wb"]["分部门"]
    assert [r[0] for r in ws.iter_rows(min_row=5, values_only=True) if r[0]][:5] == [n for n, _ in LIAISON] + ["合计"]


DECEMBER = [  # 市场监管局台账（1-12月）.xlsx, rows 10–13 (rows 3–9 as in 1-9月: 150 still not reported)
    ("中市监许〔2026〕201号", "食品经营许可", D(2026, 12, 10), D(2026, 12, 14), "行政许可", "食品经营科"),
    ("中市监罚〔2026〕45号", "销售不合格食品案", D(2026, 12, 22), None, "行政处罚", "执法稽查大队"),
    ("中市监许〔2026〕210号", "药品经营许可", D(2026, 12, 28), None, "行政许可", "药品科"),
    ("中市监罚〔2026〕48号", "无证经营案", D(2026, 12, 30), D(2027, 1, 4), "行政处罚", "执法稽查大队"),
]
NEEDS = "需要2027年节假日安排"


@pytest.fixture(scope="module")
def january(tmp_path_factory):
    """The same folder on Wednesday 2027-01-06 (no 2027 holiday calendar yet), with 市监局's 1-12月 ledger added."""
    tmp = tmp_path_factory.mktemp("january")
    with user_home(tmp):
        folder, roster, _ = write_year(tmp)
        dec = _write(folder / "市场监管局台账（1-12月）.xlsx", "ledger", _ledger_rows(SJ_ROWS + DECEMBER), LEDGER_CODES,
                     title=f"{SJ}行政许可和行政处罚台账（2026年1-12月）", sheet="台账")
        os.utime(dec, (1799107200, 1799107200))  # 2027-01-05
        due = ["deadlines", "--ledger", folder, "--due-within", "3", "--today", "2027-01-06"]
        out = {"due": json.loads(run(*due, "--format", "json").stdout), "screen": run(*due).stdout}
        r = run(*due, "-o", tmp / "催报清单.xlsx")
        assert r.exit_code == 0, r.output
        out["remind"] = openpyxl.load_workbook(tmp / "催报清单.xlsx")
        r = run("monthly-report", "--month", "2026-12", "--today", "2027-01-06", folder, "--roster", roster,
                "-o", tmp / "12月.xlsx", "--format", "json")
        assert r.exit_code == 0, r.output
        out["december"] = json.loads(r.stdout)
    return out


def test_january_the_reminder_list_is_not_silent(january):
    """December read on 2027-01-06. Not reported, by hand: 150 (due 09-16, chased since) and 45号 (12-22 → 23, 24,
    25, 28, 29, 30, 31: due 12-31) overdue; 210号 (12-28: 9 days ago, 12-29 … 01-06) needs 2027's calendar to say
    whether it is due — its own group, with the date past notices give (29, 30, 31, 01-04, 05, 06, 07 → 01-07).
    201 and 48号 are reported; 统计局's and 住建局's decisions are all reported or have no 报送日期. 150 once: the
    1-9月 and 1-12月 versions are one ledger (the reports' version rule), 1-8月 and 1-9月 unused."""
    doc = january["due"]
    assert [(x["group"], x["wsh"], x["due"], x["due_range"], os.path.basename(x["file"]), x["row"])
            for x in doc["records"]] == [
        ("已逾期未报送", "中市监许〔2026〕150号", "2026-09-16", None, "市场监管局台账（1-12月）.xlsx", 8),
        ("已逾期未报送", "中市监罚〔2026〕45号", "2026-12-31", None, "市场监管局台账（1-12月）.xlsx", 11),
        ("需要节假日安排", "中市监许〔2026〕210号", None, ["2027-01-07", "2027-01-07"], "市场监管局台账（1-12月）.xlsx", 12)]
    assert doc["summary"] == {"today": 0, "soon": 0, "overdue": 2, "needs_calendar": 1}  # 0 + 0 + 2 + 1 = 3 rows
    assert doc["calendar"] == {"needs_calendar_records": 1, "missing_years": [2027]}
    assert doc["notes"][0].startswith(f"{SJ}的台账有 3 个版本，按标题月份使用最新的 市场监管局台账（1-12月）.xlsx")
    assert any(n.startswith(f"1 条尚未报送的记录的期限{NEEDS}（单独列为一组") for n in doc["notes"])
    assert f"今天到期 0 条，3 个工作日内到期 0 条，已逾期未报送 2 条，尚未报送、{NEEDS} 1 条" in january["screen"]
    ws = january["remind"].active
    groups = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert groups.count("已逾期未报送") == 2 and groups.count(NEEDS) == 1


def test_january_december_report_by_hand(january):
    """December (statistics date 2027-01-06): 201 按时 (due 12-21, reported 12-14); 48号 reported 01-04, 5 days after
    its decision — within 7 working days whatever 2027's holidays: 按时; 45号 已逾期未报送; 210号 needs 2027
    (not reported, 9 days). 许可 2 + 处罚 2 = 4 = 按时 2 + 已逾期 1 + 需要 1; 及时率 待定 between 2/4 (210号 late) and
    3/4 (on time); 合规 4/4. 统计局 (ledger titled 1-9月) and 交通局 未报送; 住建局 (a 790 table, no month) 零报送."""
    j = january["december"]
    t = j["total"]
    assert (t["licence"], t["penalty"], t["records"], t["on_time"], t["late"], t["pending"], t["overdue"],
            t["needs_calendar"], t["timeliness"], t["compliance"]) == (2, 2, 4, 2, 0, 0, 1, 1, None, 1.0)
    assert t["records"] == t["licence"] + t["penalty"] == t["on_time"] + t["overdue"] + t["needs_calendar"]
    assert j["timeliness_text"] == f"待定（50.00%–75.00%，1 条{NEEDS}）"
    assert (j["missing_units"], j["zero_units"]) == ([TJ, JT], [ZJ])
    assert j["calendar"]["needs_calendar_records"] == 1 and j["calendar"]["missing_years"] == [2027]
