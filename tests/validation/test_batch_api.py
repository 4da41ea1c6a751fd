"""The batch API (validation/batch.py): a sheet checked as partitions processed apart and combined gives
exactly the findings of validating the whole sheet."""

from __future__ import annotations

import datetime as dt
import pickle
import sys
from pathlib import Path

import pandas as pd
import pytest

from sgs_cli.errors import InputError
from sgs_cli.validation import batch
from sgs_cli.validation.engine import ValidateOptions, validate_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
TODAY = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    """A generated 2000-row penalty ledger (bench/generate.py, fixed seed): 20 injected violations, one or two
    of each kind, duplicates included, as CSV."""
    from generate import generate

    out = tmp_path_factory.mktemp("ledger")
    generate("penalty", 2000, out, seed=790, flavours=("csv",), quiet=True)
    return out / "penalty_2000.csv"


def _key(d: dict) -> tuple:
    return tuple(str(d[k]) for k in batch.FINDING_COLUMNS)


def _whole(path: Path) -> list[tuple]:
    """The findings of `sgs validate` on the whole file (the row engine, one pass)."""
    fr = validate_file(path, ValidateOptions(today=TODAY))
    (sr,) = fr.sheets
    return sorted(_key({**f.to_dict(show_sensitive=True), "record_key": f.key, "sensitive": f.sensitive})
                  for f in sr.findings)


def _partitioned(frame: pd.DataFrame, cuts: list[int]) -> list[tuple]:
    parts, states = [], []
    bounds = [0, *cuts, len(frame)]
    for a, b in zip(bounds, bounds[1:]):
        found, state = batch.check_batch(frame.iloc[a:b], "penalty", today=TODAY)
        parts.append(found)
        states.append(pickle.loads(pickle.dumps(state)))  # as a cluster ships it
    merged, found = batch.combine(states[::-1])  # in any order: combine puts them in row order
    parts += [found, batch.finish(merged)]
    out = pd.concat(parts, ignore_index=True)
    return sorted(_key(r) for r in out.to_dict("records"))


def test_partitions_combined_give_the_whole_sheet_findings(ledger):
    frame = pd.read_csv(ledger, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.insert(0, batch.ROW, range(2, len(frame) + 2))
    whole = _whole(ledger)
    codes = {k[1] for k in whole}
    assert {"DUPLICATE_RECORD", "USCC_CHECKSUM", "REQUIRED_MISSING", "DATE_INVALID"} <= codes
    assert _partitioned(frame, []) == whole
    assert _partitioned(frame, [497, 1201]) == whole
    # a decision and its copy in two different partitions: the duplicate is found by combine
    dup = next(k for k in whole if k[1] == "DUPLICATE_RECORD")
    first = int(dup[8].split("第")[1].split("行")[0])
    # row `first` is frame position first - 2: it ends the first partition, its copy is in the second
    assert int(dup[2]) > first
    assert _partitioned(frame, [first - 1]) == whole


def test_without_row_numbers_rows_count_from_2(ledger):
    frame = pd.read_csv(ledger, dtype=str, keep_default_na=False, encoding="utf-8-sig").iloc[:50]
    found, state = batch.check_batch(frame, today=TODAY)
    assert state.kind == "penalty" and state.rows == 50 and state.first_row == 2
    assert set(found["row"]) <= set(range(2, 52))


def test_a_frame_that_is_not_a_licence_or_penalty_sheet_is_refused():
    with pytest.raises(InputError, match="找不到可识别的行政许可或行政处罚表头"):
        batch.check_batch(pd.DataFrame({"姓名": ["张三"], "年龄": ["3"]}), today=TODAY)
