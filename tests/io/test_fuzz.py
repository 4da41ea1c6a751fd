"""A small seeded set of the fuzz campaign (bench/fuzz.py): two variants of each generator class, each
through two of its commands, checked against the whole contract (no traceback, exit code, input
unchanged, no partial output, outputs re-open without formulas, no unmasked ID, time and memory).
The long campaign and its counts: bench/README.md."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import fuzz  # noqa: E402

SEED = 2026
VARIANTS = 16  # two per class (a variant's class is index % 8)


def test_generators_are_seeded_and_cover_every_class():
    seeds = fuzz._seed_files()
    a = [fuzz.make_variant(SEED, i, seeds) for i in range(VARIANTS)]
    b = [fuzz.make_variant(SEED, i, seeds) for i in range(VARIANTS)]
    assert [(v["class"], v["data"]) for v in a] == [(v["class"], v["data"]) for v in b]
    assert sorted({v["class"] for v in a}) == sorted(fuzz.CLASSES)


def test_checker_sees_what_it_must():
    assert fuzz.unmasked_ids("证件号 110105 19491231 002x", []) == ["11010519491231002X"]
    assert fuzz.unmasked_ids("证件号 110105********002X", []) == []
    assert fuzz.unmasked_ids("１１０１０５１９４９１２３１００２Ｘ", []) == ["11010519491231002X"]
    # round three: mathematical digits, zero-width characters, non-breaking spaces, dashes
    bold = "".join(chr(0x1D7CE + int(c)) if c.isdigit() else c for c in "11010519491231002X")
    assert fuzz.unmasked_ids(bold, []) == ["11010519491231002X"]
    assert fuzz.unmasked_ids("1101\u200b0519491231002X", []) == ["11010519491231002X"]
    assert fuzz.unmasked_ids("110105\u00a019491231\u00a0002X", []) == ["11010519491231002X"]
    assert fuzz.unmasked_ids("110105\u201019491231\u2013002X", []) == ["11010519491231002X"]


@pytest.mark.parametrize("start", [0, 8])
def test_seeded_variants_keep_the_contract(tmp_path, start, monkeypatch):
    # the seed corpus through the shadow engine: a difference between the engines is a traceback here
    monkeypatch.setenv("SGS_ENGINE", "both")
    seeds = fuzz._seed_files()
    jobs = []
    for i in range(start, start + VARIANTS // 2):
        v = fuzz.make_variant(SEED, i, seeds)
        commands = fuzz.pick_commands(i, list(fuzz.COMMANDS), None)  # a notice: the notice commands only
        jobs += [(v, c) for c in dict.fromkeys([commands[i % len(commands)], commands[(i + 5) % len(commands)]])]
    exe = Path(sys.executable).with_name("sgs")
    sgs = [str(exe)] if exe.exists() else [sys.executable, "-c", "from sgs_cli.cli.app import main; main()"]
    with ThreadPoolExecutor(2) as pool:
        records = list(pool.map(lambda vc: fuzz.run_one(vc[0], vc[1], tmp_path, 60, sgs), jobs))
    bad = [(r["variant"], r["class"], r["what"], r["command"], r["violations"], r.get("output", "")[-400:])
           for r in records if r["violations"]]
    assert not bad, bad
    assert {r["rc"] for r in records} <= {0, 1, 3, 4}


def test_web_upload_route_keeps_the_contract(tmp_path):
    # the web upload route (bench/fuzz_web.py): the plain /validate page, /submit of office mode, the 月报告 page,
    # the 期限 page's ledger form and the 公示导出 page. Variant 3 (hostile values) printed an apostrophe-typed ID
    # number in clear on the validate page, variant 11 a spaced one in the 文号 column on the 期限 page and variant 6
    # one in the 公示导出 page's list of records held back, before these pages went through the masking
    pytest.importorskip("flask")
    seeds = fuzz._seed_files()
    plan = [(3, "web_validate"), (6, "web_submit"), (11, "web_deadlines"), (6, "web_monthly"), (6, "web_export")]
    variants = {i: fuzz.make_variant(SEED, i, seeds) for i in {i for i, _ in plan}}
    with ThreadPoolExecutor(2) as pool:
        records = list(pool.map(lambda ic: fuzz.run_one(variants[ic[0]], ic[1], tmp_path, 60, []), plan))
    bad = [(r["variant"], r["command"], r["violations"], r.get("output", "")[-400:]) for r in records if r["violations"]]
    assert not bad, bad
    # the page answers with findings (1), office mode returns the submission (1), the other pages show their result (0)
    assert [(r["variant"], r["command"], r["rc"]) for r in records] == [
        (3, "web_validate", 1), (6, "web_submit", 1), (11, "web_deadlines", 0), (6, "web_monthly", 0), (6, "web_export", 0)]
