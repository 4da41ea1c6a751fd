"""submissions.choose, the data rule of every report, on small ledgers: a correction whose 文号 was itself
corrected, a second return, and a correction made unnecessary by a newer version sent after it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from conftest import write_sheet

from sgs_cli.reports.submissions import choose
from sgs_cli.validation.engine import ValidateOptions, validate_paths

D = dt.date
TITLE = "中牟县统计局行政许可和行政处罚台账（2026年{}）"
COLS = ["XH", "WSH", "XMMC", "JDRQ", "BSRQ"]


def ledger(path, rows, months="1-9月", stamp=None):
    write_sheet(path, "ledger", [{"XH": i, "WSH": w, "XMMC": t, "JDRQ": d, "BSRQ": r}
                                 for i, (w, t, d, r) in enumerate(rows, start=1)],
                columns=COLS, title=TITLE.format(months), sheet_name="台账")
    if stamp:
        os.utime(path, (stamp, stamp))
    return path


A = ("牟统罚〔2026〕1号", "拒报统计资料案", D(2026, 9, 1), D(2026, 9, 3))
B_BAD = (None, "虚报统计数据案", D(2026, 9, 2), D(2026, 9, 4))  # no 文号: returned, sent back with one
B_FIXED = ("牟统罚〔2026〕2号", "虚报统计数据案", D(2026, 9, 2), D(2026, 9, 4))
C_BAD = ("牟统罚〔2026〕3号", None, D(2026, 9, 7), D(2026, 9, 8))  # 项目名称 missing
C_FIXED = ("牟统罚〔2026〕3号", "统计违法案", D(2026, 9, 7), D(2026, 9, 8))


def chosen(paths):
    return choose(validate_paths([str(p) for p in paths], ValidateOptions(today=D(2026, 10, 20), keep_records=True)))


def test_a_correction_replaces_by_wsh_or_by_title_and_date_and_a_second_return_counts_twice(tmp_path):
    orig = ledger(tmp_path / "统计局台账.xlsx", [A, B_BAD, C_BAD], stamp=1790000000)
    first = ledger(tmp_path / "退回_统计局台账.xlsx", [B_FIXED, C_BAD], stamp=1790100000)
    second = ledger(tmp_path / "退回_退回_统计局台账.xlsx", [C_FIXED], stamp=1790200000)
    c = chosen([orig, first, second])
    assert [(Path(x.path).name, x.round, [(f, r, w) for f, _, r, w in x.replaced], x.added) for x in c.corrections] == [
        ("退回_统计局台账.xlsx", 1, [("统计局台账.xlsx", 4, "牟统罚〔2026〕2号"), ("统计局台账.xlsx", 5, "牟统罚〔2026〕3号")], 0),
        ("退回_退回_统计局台账.xlsx", 2, [("退回_统计局台账.xlsx", 4, "牟统罚〔2026〕3号")], 0)]
    assert {(Path(p).name, r) for p, _, r in c.dropped} == {("统计局台账.xlsx", 4), ("统计局台账.xlsx", 5),
                                                          ("退回_统计局台账.xlsx", 4)}
    # B: 文号 corrected (matched by title and date), sent again once; C: sent again twice; both wrong at first
    assert {(Path(p).name, r): n for (p, _, r), n in c.resubmitted.items()} == {
        ("退回_统计局台账.xlsx", 3): 1, ("退回_统计局台账.xlsx", 4): 1, ("退回_退回_统计局台账.xlsx", 3): 2}
    assert {(Path(p).name, r) for p, _, r in c.was_wrong} == {
        ("退回_统计局台账.xlsx", 3), ("退回_统计局台账.xlsx", 4), ("退回_退回_统计局台账.xlsx", 3)}
    assert c.coverage == {"中牟县统计局": (2026, 9)}  # a correction covers no month of its own


def test_a_newer_version_sent_after_the_correction_makes_it_unnecessary(tmp_path):
    orig = ledger(tmp_path / "统计局台账（1-9月）.xlsx", [A, C_BAD], stamp=1790000000)
    fix = ledger(tmp_path / "退回_统计局台账（1-9月）.xlsx", [C_FIXED], stamp=1790100000)
    newer = ledger(tmp_path / "统计局台账（1-10月）.xlsx", [A, C_FIXED], months="1-10月", stamp=1790200000)
    c = chosen([orig, fix, newer])
    assert [Path(p).name for p in c.files] == ["统计局台账（1-10月）.xlsx"]
    (x,) = c.corrections
    assert (x.used, x.superseded_by, x.replaced) == (False, "统计局台账（1-10月）.xlsx", [])
    day = dt.date.fromtimestamp(1790100000)  # the file date as the clerk's folder shows it
    assert x.text() == (f"中牟县统计局的更正文件 退回_统计局台账（1-9月）.xlsx（文件日期 {day:%Y-%m-%d}）未使用：之后报送的新版本 "
                        "统计局台账（1-10月）.xlsx 已包含更正后的记录")
    assert c.dropped == {} and sorted(Path(p).name for p in c.superseded_files) == [
        "统计局台账（1-9月）.xlsx", "退回_统计局台账（1-9月）.xlsx"]
