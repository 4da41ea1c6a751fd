"""One input path (docs/architecture.md): every command reads each input once, through io.source, and
"is this a report sgs wrote?" is decided from rows already read (or, for one file, from its first row)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sgs_cli.cli.app import app
from sgs_cli.io import chunked, source
from sgs_cli.io.source import is_sgs_output, open_input

from conftest import PENALTY_ORG, write_sheet

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def reads(monkeypatch):
    """Counter of data reads per input file name (calls of Input.sheets)."""
    counts: Counter = Counter()
    original = source.Input.sheets

    def counting(self, *args, **kwargs):
        counts[self.path.name] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(source.Input, "sheets", counting)
    return counts


def write_csv(path: Path, rows: list[dict], encoding: str = "utf-8-sig") -> Path:
    import csv
    import datetime as dt

    from sgs_cli import standard as S

    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow([f.name for f in S.PENALTY.fields])
        for rec in rows:
            w.writerow([v.strftime("%Y/%m/%d") if isinstance(v, dt.date) else "" if v is None else v
                        for v in (rec.get(f.code) for f in S.PENALTY.fields)])
    return path


def run(*args):
    r = CliRunner().invoke(app, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r


def test_validate_reads_each_input_once(reads, tmp_path, isolated_sgs_env):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "*.md"))
    r = run("validate", str(folder), "--today", "2019-12-02")
    assert r.exit_code in (0, 1)
    assert dict(reads) == {"双公示台账_2019-11.xlsx": 1, "行政处罚台账.xlsx": 1, "行政许可台账.xlsx": 1}


def test_monthly_report_reads_each_input_once(reads, tmp_path, isolated_sgs_env):
    """It used to read every input twice: once more to ask whether it was a report sgs wrote."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "*.md"))
    out = folder / "月报告.xlsx"
    r = run("monthly-report", "--month", "2019-11", str(folder), "--today", "2019-12-02", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert dict(reads) == {"双公示台账_2019-11.xlsx": 1, "行政处罚台账.xlsx": 1, "行政许可台账.xlsx": 1}
    # the report now lies among the inputs: the second run skips it without reading it more than once, and
    # may replace it with --force (only that file's first row is looked at to know it is ours)
    reads.clear()
    r = run("monthly-report", "--month", "2019-11", str(folder), "--today", "2019-12-02", "-o", str(out), "--force")
    assert r.exit_code == 0, r.output
    assert dict(reads) == {"双公示台账_2019-11.xlsx": 1, "行政处罚台账.xlsx": 1, "行政许可台账.xlsx": 1,
                           "月报告.xlsx": 1}


@pytest.mark.parametrize("case, expected", [("xlsx", 1), ("csv", 2), ("many rows", 2)])
def test_report_reads(reads, tmp_path, isolated_sgs_env, monkeypatch, case, expected):
    """--report: the validation reads the input once. A workbook's receipt is the workbook itself, copied with
    its formatting by openpyxl (no second data read); a CSV's receipt, and the receipt of a sheet with more
    rows than a receipt copies whole (only the flagged rows), read the input once more, through the same
    path and streamed when the validation streamed."""
    from sgs_cli.render import receipt

    bad = dict(PENALTY_ORG, CF_XDR_SHXYM="91410122MA44R7K2X0")
    if case == "csv":
        p = write_csv(tmp_path / "处罚.csv", [PENALTY_ORG, bad])
    else:
        p = write_sheet(tmp_path / "处罚.xlsx", "penalty", [PENALTY_ORG, bad])
    if case == "many rows":
        monkeypatch.setattr(chunked, "LARGE_BYTES", 0)  # streamed, as a big file is
        monkeypatch.setattr(receipt, "LARGE_ROWS", 1)
    r = run("validate", str(p), "--today", "2019-11-08", "--report", str(tmp_path / "回执.xlsx"))
    assert r.exit_code == 1, r.output
    assert dict(reads) == {p.name: expected}


def test_is_sgs_output_reads_only_the_first_row(tmp_path, monkeypatch):
    parsed = []
    original = chunked.ChunkedSheet.parse

    def counting(self, xml):
        rows = original(self, xml)
        parsed.append(len(rows))
        return rows

    monkeypatch.setattr(chunked.ChunkedSheet, "parse", counting)
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws.append(["“双公示”工作月报告（2019年11月）"])
    for i in range(500):
        ws.append([f"第{i}行", i])
    wb.save(tmp_path / "月报告.xlsx")
    assert is_sgs_output(tmp_path / "月报告.xlsx") is True
    assert parsed == [1]
    ledger = write_sheet(tmp_path / "台账.xlsx", "penalty", [PENALTY_ORG])
    assert is_sgs_output(ledger) is False
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04 not a zip")
    assert is_sgs_output(tmp_path / "坏.xlsx") is False


@pytest.mark.parametrize("large", [False, True], ids=["whole", "streamed"])
def test_sheets_are_offered_the_same_way_whole_or_streamed(tmp_path, monkeypatch, large):
    if large:
        monkeypatch.setattr(chunked, "LARGE_BYTES", 0)
    p = write_sheet(tmp_path / "处罚.xlsx", "penalty", [PENALTY_ORG] * 3, title="中牟县市场监督管理局行政处罚台账")
    inp = open_input(p)
    assert inp.how == ("xlsx" if large else "whole")
    [sheet] = list(inp.sheets())
    assert (sheet.name, sheet.hidden, sheet.is_empty) == ("Sheet1", False, False)
    assert sheet.head[0][0] == "中牟县市场监督管理局行政处罚台账" and sheet.head[1][0] == "行政相对人名称"
    rows = [(n, row[0]) for batch in sheet.batches() for n, row in batch]
    assert rows == [(1, "中牟县市场监督管理局行政处罚台账"), (2, "行政相对人名称")] + [
        (n, "中牟县鑫源商贸有限公司") for n in (3, 4, 5)]
