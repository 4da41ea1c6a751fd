"""Golden outputs of `sgs validate --format json`: the findings of today's engine, kept so that a change to
the rule engine can prove it changes nothing (tests/validation/test_golden.py requires byte-identical JSON).

    python scripts/golden.py            # (re)write tests/golden/
    python scripts/golden.py --check    # exit 1 when an output differs from the stored one

Inputs: examples/ (one run over the folder: cross-file duplicates included), every workbook and CSV under
tests/data/, and files made by bench/generate.py from a fixed seed (10,000 rows, licence and penalty,
inline- and shared-string xlsx and CSV; plus two small copies of one ledger run together). The generated
inputs are not stored: they are made again from the seed. Small outputs are stored whole (readable diffs);
every output is stored as its sha256 with a compact digest (summary and count per code) in index.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

GOLDEN = ROOT / "tests" / "golden"
TODAY = "2026-06-30"  # inside the built-in calendar: no finding depends on a year still to be published
SEED = 790
#: outputs up to this size are stored whole as well
WHOLE_MAX = 24_000
INPUT_SUFFIXES = (".csv", ".xls", ".xlsx")


def data_cases() -> list[tuple[str, list[str]]]:
    """(case name, paths relative to the repository) of the checked-in inputs."""
    cases = [("examples", ["examples"])]
    for p in sorted((ROOT / "tests" / "data").rglob("*")):
        if p.suffix.lower() in INPUT_SUFFIXES and p.is_file():
            rel = p.relative_to(ROOT).as_posix()
            cases.append((rel.removeprefix("tests/data/").replace("/", "__"), [rel]))
    return cases


#: (case name, generated files) — names as bench/generate.py writes them
BENCH_CASES = [
    ("bench__penalty_10000.inline.xlsx", ["penalty_10000.inline.xlsx"]),
    ("bench__penalty_10000.shared.xlsx", ["penalty_10000.shared.xlsx"]),
    ("bench__penalty_10000.csv", ["penalty_10000.csv"]),
    ("bench__license_10000.shared.xlsx", ["license_10000.shared.xlsx"]),
    ("bench__license_10000.inline.xlsx", ["license_10000.inline.xlsx"]),
    ("bench__license_10000.csv", ["license_10000.csv"]),
    ("bench__penalty_300.pair", ["penalty_300.inline.xlsx", "penalty_300.csv"]),
]


def generate_bench(out: Path) -> None:
    """The generated inputs of BENCH_CASES (same seed, same bytes)."""
    from generate import generate

    for kind in ("penalty", "license"):
        generate(kind, 10_000, out, seed=SEED, quiet=True)
    generate("penalty", 300, out, seed=SEED, flavours=("inline", "csv"), quiet=True)


def run_json(paths: list[str], cwd: Path) -> str:
    """`sgs validate PATHS --format json --today TODAY` run in cwd (paths as given, so they appear
    relative in the JSON), with the tool version blanked."""
    from typer.testing import CliRunner

    from sgs_cli.cli.app import app

    old = Path.cwd()
    os.chdir(cwd)
    try:
        res = CliRunner().invoke(app, ["validate", *paths, "--format", "json", "--today", TODAY])
    finally:
        os.chdir(old)
    if res.exit_code not in (0, 1, 3):
        raise RuntimeError(f"sgs validate {paths} exited {res.exit_code}: {res.output[-2000:]}")
    doc = json.loads(res.stdout)
    from sgs_cli import __version__

    assert doc["tool_version"] == __version__
    return res.stdout.replace(f'"tool_version": "{__version__}"', '"tool_version": "-"', 1)


def digest(text: str) -> dict:
    doc = json.loads(text)
    codes = Counter(f["code"] for fr in doc["files"] for s in fr.get("sheets", []) for f in s["findings"])
    return {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "bytes": len(text.encode("utf-8")),
            "summary": doc["summary"], "codes": dict(sorted(codes.items()))}


def all_outputs(bench_dir: Path) -> dict[str, str]:
    out = {name: run_json(paths, ROOT) for name, paths in data_cases()}
    for name, files in BENCH_CASES:
        out[name] = run_json(files, bench_dir)
    return out


def whole_path(name: str) -> Path:
    return GOLDEN / f"{name}.json"


def write(outputs: dict[str, str]) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.glob("*.json"):
        old.unlink()
    index = {}
    for name, text in outputs.items():
        index[name] = digest(text)
        if len(text.encode("utf-8")) <= WHOLE_MAX:
            whole_path(name).write_text(text, encoding="utf-8")
    (GOLDEN / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load_index() -> dict:
    return json.loads((GOLDEN / "index.json").read_text(encoding="utf-8"))


def differences(outputs: dict[str, str]) -> list[str]:
    index = load_index()
    bad = sorted(set(index) ^ set(outputs))
    for name, text in outputs.items():
        if name in index and digest(text) != index[name]:
            bad.append(name)
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args(argv)
    os.environ.pop("SGS_HOLIDAYS", None)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        os.environ.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), APPDATA=str(home / "AppData"))
        bench_dir = Path(tmp) / "bench"
        generate_bench(bench_dir)
        outputs = all_outputs(bench_dir)
    if args.check:
        bad = differences(outputs)
        for name in bad:
            print(f"differs: {name}")
        return 1 if bad else 0
    write(outputs)
    print(f"{len(outputs)} golden outputs written to {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
