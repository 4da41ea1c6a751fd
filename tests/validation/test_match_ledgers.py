"""`validate` on a folder holding 790 tables and the department's ledger matches them (same 文号, same decision
date, as `monthly-report` does) before it speaks of deadlines (rules/timeliness.match_ledgers).

examples/ at --today 2019-12-31: every November record of 行政处罚台账.xlsx (rows 3–32 but row 20, whose date
does not exist) is past its deadline if reported today. Nine of them are reported in the ledger
(双公示台账_2019-11.xlsx, by row of the 790 table → ledger row, 报送日期):
  3 → 4 (11-05), 5 → 6 (11-20, late: the ledger's LATE_REPORT says so), 7 → 8 (11-08), 10 → 10 (11-12),
  12 → 12 (11-14), 17 → 16 (11-14), 22 → 8 (row 22 repeats row 7), 26 → 20 (11-26), 32 → 23 (12-10).
Not matched: 15 and 31 (ledger rows 14 and 22 have no 报送日期), 24 (ledger row 18's 报送日期 is before the
decision: no report) and the 17 records the ledger does not hold.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sgs_cli.cli.app import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PENALTY_ROWS = [r for r in range(3, 33) if r != 20]
MATCHED = [3, 5, 7, 10, 12, 17, 22, 26, 32]


def deadline_findings(doc, name):
    return [f for fr in doc["files"] if Path(fr["path"]).name == name for s in fr["sheets"] for f in s["findings"]
            if f["code"] == "DEADLINE_PASSED"]


def run_json(*paths):
    r = CliRunner().invoke(app, ["validate", *map(str, paths), "--today", "2019-12-31", "--format", "json"])
    return json.loads(r.stdout)


def test_a_790_table_alone_lists_every_late_record(tmp_path):
    (f,) = deadline_findings(run_json(EXAMPLES / "行政处罚台账.xlsx"), "行政处罚台账.xlsx")
    assert f["rows"] == PENALTY_ROWS


@pytest.mark.parametrize("engine", ["row", "columnar"])
def test_the_ledger_of_the_folder_decides_the_records_it_reports(tmp_path, monkeypatch, engine):
    monkeypatch.setenv("SGS_ENGINE", engine)  # both engines note the keys of the late records
    folder = tmp_path / "台账"
    folder.mkdir()
    for name in ("行政处罚台账.xlsx", "双公示台账_2019-11.xlsx"):
        shutil.copyfile(EXAMPLES / name, folder / name)
    (f,) = deadline_findings(run_json(folder), "行政处罚台账.xlsx")
    rest = [r for r in PENALTY_ROWS if r not in MATCHED]
    assert f["rows"] == rest and len(rest) == 20
    assert f["message"] == ("若今天（2019/12/31）报送，以下20条已超过作出决定之日起7个工作日的期限："
                            "第4、6、8–9、11、13–16、18–19、21、23–25、27–31行（另有9条在台账“双公示台账_2019-11.xlsx”中有"
                            "同一文号、同一决定日期的报送记录，按台账的报送日期判断，见台账的校验结果）")


def test_every_record_reported_in_the_ledger_leaves_no_deadline_warning(tmp_path):
    """A 790 table of the matched records only: nothing to say about deadlines."""
    import openpyxl

    folder = tmp_path / "台账"
    folder.mkdir()
    shutil.copyfile(EXAMPLES / "双公示台账_2019-11.xlsx", folder / "双公示台账_2019-11.xlsx")
    wb = openpyxl.load_workbook(EXAMPLES / "行政处罚台账.xlsx")
    ws = wb.active
    for r in sorted(set(range(3, ws.max_row + 1)) - set(MATCHED), reverse=True):
        ws.delete_rows(r)
    wb.save(folder / "行政处罚台账.xlsx")
    alone = deadline_findings(run_json(folder / "行政处罚台账.xlsx"), "行政处罚台账.xlsx")
    assert [f["rows"] for f in alone] == [list(range(3, 12))]
    assert deadline_findings(run_json(folder), "行政处罚台账.xlsx") == []
