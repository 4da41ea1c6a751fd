"""io/contain.meanwhile: work this process does while the reader child reads (issue 32 — the columnar
engine's imports overlap the read of a large workbook), and validation/parallel.preload_while_reading,
which asks for the calendar for every workbook read whole and for the columnar engine's imports only for
one big enough for that engine."""

import os

import pytest

from sgs_cli.io import contain
from sgs_cli.validation import parallel
from sgs_cli.validation.options import ValidateOptions


def _pid_of_reader() -> int:
    return os.getpid()


@pytest.fixture
def child(monkeypatch):
    monkeypatch.delenv("SGS_READER_PROCESS", raising=False)
    if not contain._enabled():
        pytest.skip("no fork here: the reader runs in this process")
    yield
    contain._MEANWHILE.clear()


def test_meanwhile_runs_here_while_the_child_reads_once(child):
    done: list[int] = []
    contain.meanwhile(lambda: done.append(os.getpid()))
    contain.meanwhile(lambda: 1 / 0)  # a failing preparation is ignored: the read still returns
    reader = contain.run(_pid_of_reader)
    assert reader != os.getpid() and done == [os.getpid()]
    contain.run(_pid_of_reader)
    assert done == [os.getpid()]  # once: not again at the next read


def test_meanwhile_is_dropped_when_the_read_happens_here(monkeypatch):
    monkeypatch.setenv("SGS_READER_PROCESS", "0")
    done: list[int] = []
    contain.meanwhile(lambda: done.append(1))
    assert contain.run(_pid_of_reader) == os.getpid()
    assert done == [] and contain._MEANWHILE == []


def _asked(path, **opts) -> bool:
    contain._MEANWHILE.clear()
    parallel.preload_while_reading(path, ValidateOptions(**opts))
    asked = parallel.preload_columnar in contain._MEANWHILE
    contain._MEANWHILE.clear()
    return asked


def test_preload_only_for_a_large_workbook_the_columnar_engine_will_check(tmp_path, monkeypatch):
    monkeypatch.delenv("SGS_ENGINE", raising=False)
    big, small, csv = tmp_path / "台账.xlsx", tmp_path / "小.xlsx", tmp_path / "台账.csv"
    big.write_bytes(b"\0" * parallel.PRELOAD_BYTES)
    small.write_bytes(b"\0" * (parallel.PRELOAD_BYTES - 1))
    csv.write_bytes(b"\0" * parallel.PRELOAD_BYTES)  # read in this process: nothing to overlap
    assert _asked(big) and _asked(big, kind="penalty")
    assert not _asked(small) and not _asked(csv)
    assert not _asked(big, kind="catalog")  # the annex kinds have no columnar forms
    monkeypatch.setenv("SGS_ENGINE", "row")
    assert not _asked(big)


def test_the_calendar_is_loaded_while_a_workbook_is_read(child, tmp_path):
    opts = ValidateOptions()
    parallel.preload_while_reading("examples/行政处罚台账.xlsx", opts)
    assert parallel.preload_columnar not in contain._MEANWHILE  # 30 rows: the row engine checks them
    contain.run(_pid_of_reader)
    assert opts.calendar is not None and contain._MEANWHILE == []
    csv = tmp_path / "台账.csv"
    csv.write_text("a,b\n", encoding="utf-8")
    parallel.preload_while_reading(csv, ValidateOptions())
    assert contain._MEANWHILE == []  # a CSV is read in this process: nothing to overlap


def _formula_workbook(path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "行政处罚"
    ws.append(["行政相对人名称", "罚款金额"])
    ws.append(["某某商贸有限公司", "=0.1+0.1"])  # openpyxl saves the formula only, no cached value
    ws.append(["某某餐馆", "#N/A"])  # an error value (t="e")
    wb.create_sheet("空白")
    wb.save(path)


def test_formula_cells_are_scanned_here_while_the_child_reads(child, tmp_path, monkeypatch):
    """workbook.read_sheets scans the sheet XML for formula and error cells in this process while the child
    reads; the sheets come back with the same marks as a read in this process (which scans after reading)."""
    from sgs_cli.io import workbook

    path = tmp_path / "公式.xlsx"
    _formula_workbook(path)
    scans = []
    real = workbook._formula_scans
    monkeypatch.setattr(workbook, "_formula_scans", lambda p: scans.append(os.getpid()) or real(p))
    in_child = workbook.read_sheets(path)
    assert scans == [os.getpid()]  # once, here; the child was asked not to scan
    monkeypatch.setenv("SGS_READER_PROCESS", "0")
    here = workbook.read_sheets(path)
    for sheets in (in_child, here):
        assert [(s.name, s.formula_no_value, s.error_cells) for s in sheets] == [
            ("行政处罚", {(1, 1)}, {(2, 1): "#N/A"}), ("空白", set(), {})]
