"""The fixed cost of a small run (issue 32): ``sgs --help`` and ``sgs validate`` of the 30-row example run the
whole CLI (typer, the reader, the rules, the table) without importing the libraries only large inputs need —
numpy, pandas and Arrow (the columnar engine, the Arrow CSV reader), openpyxl (receipts, reports). A test of
what is imported, not of time (bench/startup.py measures the time)."""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "pandas", "pyarrow", "openpyxl", "dask", "flask", "docx", "lxml")

# the CLI as `sgs` runs it (sgs_cli.cli.app:main), in one process (the reader not in its child process,
# so that what the reader imports is seen too); prints the exit code and the heavy modules imported
CODE = """
import json, sys
from sgs_cli.cli.app import main
args, watched = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
sys.argv = ["sgs", *args]
try:
    main()
except SystemExit as e:
    code = e.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & watched)
reports = sorted(m for m in sys.modules if m.startswith("sgs_cli.reports"))
print(json.dumps([code, heavy, reports]), file=sys.stderr)
"""


@functools.lru_cache  # the tests that look at one run's modules share its process
def _run(*args: str) -> tuple[int, list[str], str, list[str]]:
    env = dict(os.environ, SGS_READER_PROCESS="0", COLUMNS="120")
    env.pop("SGS_ENGINE", None)
    r = subprocess.run([sys.executable, "-c", CODE, json.dumps(args), json.dumps(HEAVY)], capture_output=True,
                       text=True, env=env, cwd=ROOT, timeout=120)
    code, heavy, reports = json.loads(r.stderr.strip().splitlines()[-1])
    return code, heavy, r.stdout, reports


def test_help_imports_no_heavy_library():
    code, heavy, out, _ = _run("--help")
    assert code == 0 and "validate" in out
    assert heavy == []


def test_validating_the_30_row_example_imports_no_heavy_library():
    code, heavy, out, _ = _run("validate", "examples/行政处罚台账.xlsx", "--today", "2019-12-31")
    assert code == 1  # the example carries errors on purpose
    assert "USCC_CHECKSUM" in out or "统一社会信用代码" in out
    assert heavy == []


def test_validating_without_severity_leaves_the_reports_modules_alone():
    code, _, _, reports = _run("validate", "examples/行政处罚台账.xlsx", "--today", "2019-12-31")
    assert code == 1 and reports == []
