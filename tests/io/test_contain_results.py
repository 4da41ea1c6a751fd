"""io/contain: what the reader child returns comes back whole — rows pickled there without pickle's memo
(contain._Packed), a result with a cycle (which that cannot pickle) the ordinary way."""

import datetime as dt
import os

import pytest

from sgs_cli.io import contain


@pytest.fixture
def child(monkeypatch):
    monkeypatch.delenv("SGS_READER_PROCESS", raising=False)
    if not contain._enabled():
        pytest.skip("no fork here: the reader runs in this process")


def _rows():
    gap = ()
    return os.getpid(), [["名称", 1.5, dt.date(2026, 12, 8), ""], gap, gap, ["", "", True, dt.datetime(2026, 1, 2, 3)]]


def _cycle():
    a: list = [os.getpid()]
    a.append(a)
    return a


def test_rows_come_back_equal_from_the_child(child):
    pid, rows = contain.run(_rows)
    assert pid != os.getpid()
    assert rows == [["名称", 1.5, dt.date(2026, 12, 8), ""], (), (), ["", "", True, dt.datetime(2026, 1, 2, 3)]]
    assert [type(v) for v in rows[3]] == [str, str, bool, dt.datetime]


def test_a_result_with_a_cycle_comes_back_the_ordinary_way(child):
    a = contain.run(_cycle)
    assert a[0] != os.getpid() and a[1] is a


def test_packing_drops_the_memo_only():
    rows = _rows()[1]
    packed = contain._Packed.of(rows)
    assert isinstance(packed, contain._Packed) and packed.value() == rows
    assert contain._Packed.of(_cycle()).__class__ is list  # fast mode refuses cycles: left as it is
