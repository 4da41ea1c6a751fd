"""One protocol on every path (issue 30, part 5): every rule family's state crosses a process boundary
through ``Rule.dump`` / ``Rule.load`` unchanged, and the dataset and Dask paths fold the states through
``Rule.combine`` and ``Rule.finish`` only — the modules that do it name no family's fields."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import LEDGER_ROW, PENALTY_ORG, PENALTY_PERSON, write_sheet
from sgs_cli.records.header import detect
from sgs_cli.rules import registry
from sgs_cli.validation.options import ValidateOptions, specs_for
from sgs_cli.validation.runner import run_batch, sheet_start

SRC = Path(__file__).resolve().parents[2] / "src" / "sgs_cli"


def _states_after_a_batch(kind: str, rows: list[dict], tmp_path, partial: bool):
    import openpyxl

    p = write_sheet(tmp_path / f"{kind}.xlsx", kind, rows)
    values = [list(r) for r in openpyxl.load_workbook(p).active.iter_rows(values_only=True)]
    hm = detect(values[:30], specs_for("auto"))
    mapper, ctx, report, rules = sheet_start("s", False, hm, ValidateOptions(today=dt.date(2019, 11, 25),
                                                                           submit_date=dt.date(2019, 11, 25)))
    run_batch(list(enumerate(values, start=1)), mapper, ctx, report, rules, partial=partial)
    return ctx


def test_every_familys_state_round_trips_through_dump_and_load(tmp_path):
    rows = [PENALTY_ORG, dict(PENALTY_PERSON, CF_JDRQ=dt.date(2031, 3, 3)), PENALTY_ORG]
    seen = set()
    for kind, data in (("penalty", rows), ("ledger", [LEDGER_ROW])):
        for partial in (False, True):
            ctx = _states_after_a_batch(kind, data, tmp_path, partial)
            for rule in ctx.families:
                state = ctx.states[rule.name]
                back = rule.load(rule.dump(state))
                assert back == state and type(back) is type(state), rule.name
                assert isinstance(rule.dump(state), str)
                seen.add(rule.name)
    # the states are not empty: the timeliness notes and the duplicates' keys were recorded
    ctx = _states_after_a_batch("penalty", rows, tmp_path, True)
    assert ctx.states["timeliness"].passed.tolist() == [2, 4]  # past 2019-11-14 at --submit-date 2019-11-25
    # the rows kept for match_ledgers: 文号 key and decision date, rebuilt from the compact notes
    assert ctx.states["timeliness"].keys() == {r: ("中市监罚〔2019〕201号", dt.date(2019, 11, 5)) for r in (2, 4)}
    assert ctx.states["timeliness"].deadline[dt.date(2031, 3, 3)] is None  # a year without calendar data
    assert [k[0] for k in ctx.states["duplicates"].keys] == [2, 3, 4]
    assert {r.name for rules in registry.FAMILIES.values() for r in rules} - seen <= {
        "annex_catalog", "liaison", "objection", "register", "repair", "sequence", "catalog"}


def test_the_dataset_and_dask_paths_name_no_familys_fields():
    """validation/dataset.py and validation/distributed.py fold states through the protocol: they never
    read or set a family state's fields (timeliness' passed / no_data / provisional, the duplicates'
    seen apart from the dataset-wide key table)."""
    for name in ("dataset.py", "distributed.py"):
        text = (SRC / "validation" / name).read_text(encoding="utf-8")
        code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
        assert not re.search(r"\.(passed|no_data|provisional|deadline|due3)\b", code), name
        assert "timeliness" not in code, name
        assert "STATE_COLUMNS" not in text or '"what"' not in code, name
