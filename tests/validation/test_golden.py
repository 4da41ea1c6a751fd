"""Golden outputs: `sgs validate --format json` reproduces, byte for byte, what the engine gave when the
outputs were recorded (scripts/golden.py writes them; rerun it only for an intended change of a finding).
Inputs: examples/, every workbook and CSV under tests/data/, and seeded bench/generate.py ledgers made again
here from the seed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import user_home

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("sgs_golden", ROOT / "scripts" / "golden.py")
golden = importlib.util.module_from_spec(_spec)
sys.modules["sgs_golden"] = golden
_spec.loader.exec_module(golden)

INDEX = golden.load_index()


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    with user_home(tmp_path_factory.mktemp("home")):
        yield


def _check(name: str, text: str) -> None:
    whole = golden.whole_path(name)
    if whole.exists():  # a readable diff first
        assert text == whole.read_text(encoding="utf-8")
    assert golden.digest(text) == INDEX[name]


def test_every_input_has_a_golden_output():
    names = [n for n, _ in golden.data_cases()] + [n for n, _ in golden.BENCH_CASES]
    assert sorted(names) == sorted(INDEX)
    assert len(names) >= 25


@pytest.mark.parametrize("name,paths", golden.data_cases(), ids=[n for n, _ in golden.data_cases()])
def test_checked_in_inputs(name, paths, home):
    _check(name, golden.run_json(paths, ROOT))


#: the other generated ledgers are checked against their golden output under SGS_ENGINE=both by
#: test_columnar.test_generated_ledgers_both_engines (the shadow run writes the default engine's output)
DEFAULT_ONLY = [c for c in golden.BENCH_CASES if c[0] in ("bench__penalty_10000.inline.xlsx",
                                                           "bench__license_10000.shared.xlsx")]


@pytest.mark.parametrize("name,files", DEFAULT_ONLY, ids=[n for n, _ in DEFAULT_ONLY])
def test_generated_ledgers(name, files, bench_dir, home):
    _check(name, golden.run_json(files, bench_dir))
