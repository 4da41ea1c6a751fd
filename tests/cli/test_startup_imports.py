"""The fixed cost of a small run (issue 32): ``sgs --help`` and ``sgs validate`` of the 30-row example run the
whole CLI (typer, the reader, the rules, the table) without importing the libraries only large inputs need —
numpy, pandas and Arrow (the columnar engine, the Arrow CSV reader), openpyxl (receipts, reports), nor pydantic
(typer's option adapters, replaced by cli/coerce.py; standard/models.py for `sgs schema`). A test of what is
imported, not of time (bench/startup.py measures the time)."""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "pandas", "pyarrow", "openpyxl", "dask", "flask", "docx", "lxml", "pydantic")

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


def test_validate_registers_only_its_own_command():
    """`sgs validate` imports cli/validate.py and none of the other commands' modules (cli/app.py)."""
    code = ("import sys; from sgs_cli.cli.app import main; sys.argv = ['sgs', 'validate', "
            "'examples/行政处罚台账.xlsx', '--today', '2019-12-31']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "from sgs_cli.cli.app import COMMANDS\n"
            "print(sorted(m for m in COMMANDS.values() if 'sgs_cli.cli.' + m in sys.modules), file=sys.stderr)")
    env = dict(os.environ, SGS_READER_PROCESS="0")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert r.stderr.strip().splitlines()[-1] == "['validate']"


def test_help_lists_every_command_in_order_whichever_was_loaded_first():
    from sgs_cli.cli import app as app_module

    app_module.load("serve")  # a command loaded alone first ends up in its place
    names = [c.name or c.callback.__name__ for c in app_module.load().registered_commands]
    assert names == [c for c in app_module.COMMANDS if c != "serve"]
    assert [g.name for g in app_module.app.registered_groups] == ["serve"]


def test_the_program_ends_at_once_with_the_same_output_and_exit_code():
    """`python -m sgs_cli` (cli/app.run) ends the process with os._exit after flushing: what it prints and
    its exit code are those of main() ending the ordinary way."""
    env = dict(os.environ, COLUMNS="120")
    env.pop("SGS_ENGINE", None)
    ordinary = "import sys; sys.argv[0] = 'sgs'; from sgs_cli.cli.app import main; main()"
    for args in (["validate", "examples/行政处罚台账.xlsx", "--today", "2019-12-31"],
                 ["validate", "examples/行政处罚台账.xlsx", "--today", "2019-12-31", "--format", "json"],
                 ["validate", "examples/行政处罚台账.xlsx", "--today", "2019-12-31", "--format", "csv"],
                 ["--version"], ["validate", "--format", "yaml", "examples"], ["deadlines", "--from", "2026-12-15"]):
        fast = subprocess.run([sys.executable, "-m", "sgs_cli", *args], capture_output=True, env=env, cwd=ROOT,
                              timeout=120)
        slow = subprocess.run([sys.executable, "-c", ordinary, *args], capture_output=True, env=env, cwd=ROOT,
                              timeout=120)
        assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr), args
        assert fast.stdout or fast.stderr
    assert fast.returncode == 0 and "2026" in fast.stdout.decode()
