"""Time `sgs monthly-report` on a generated ledger, one process per run (bench/run.py's measure), and
the report's own part (monthly.build over an already validated file: decisions, statuses, figures,
listings) apart from the validation.

    python bench/monthly.py bench/out/penalty_100000.inline.xlsx [--month 2024-03] [--today 2024-04-20]
                            [--repeat 3] [--engine row|columnar]

Per run it prints wall and CPU seconds, peak memory and the SHA-256 of the JSON summary (without its
"output" path), so two versions can be compared for time and identical output; then, in one more
process, the validation once and ``build`` --repeat times (fastest wall and CPU time kept; on a busy
machine the CPU time is the steadier figure). ``--profile`` runs only that last part. bench/generate.py's decisions
are dated 2024, so the default month is 2024-03.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import PY, SGS, measure  # noqa: E402


def digest(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("output", None)  # the workbook's path differs per run
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def profile(path: str, month: str, today: str, repeat: int) -> dict:
    """In this process: validate once (keep_records), then monthly.build `repeat` times on that result."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from sgs_cli.calendar.workdays import WorkCalendar
    from sgs_cli.reports import monthly
    from sgs_cli.validation.engine import ValidateOptions, validate_paths

    day = dt.date.fromisoformat(today)
    ym = tuple(int(x) for x in month.split("-"))
    t = time.perf_counter()
    result = validate_paths([path], ValidateOptions(today=day, keep_records=True, calendar=WorkCalendar.load(None)))
    validate = time.perf_counter() - t
    builds, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        rep = monthly.build(ym, [path], today=day, validated=result)
        builds.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return {"validate_s": validate, "build_s": min(builds), "build_cpu_s": min(cpus), "decisions": rep.total.records,
            "departments": len(rep.departments)}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--month", default="2024-03")
    ap.add_argument("--today", default="2024-04-20")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--engine", choices=("row", "columnar"), default=None, help="SGS_ENGINE (default: as set)")
    ap.add_argument("--profile", action="store_true", help="only validate once and time monthly.build (JSON)")
    a = ap.parse_args(argv)
    if a.profile:
        print(json.dumps(profile(a.file, a.month, a.today, a.repeat)))
        return
    env = dict(os.environ, **({"SGS_ENGINE": a.engine} if a.engine else {}))
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(a.repeat):
            out = Path(tmp) / f"run{i}.json"
            with open(out, "wb") as fh:
                m = measure([SGS, "monthly-report", "--month", a.month, a.file, "--today", a.today, "--format",
                             "json", "-o", str(Path(tmp) / f"run{i}.xlsx"), "--force"], stdout=fh, env=env)
            if m["rc"]:
                sys.exit(f"sgs monthly-report failed (rc {m['rc']}): {m['stderr']}")
            print(f"run {i + 1}: {m['wall']:.2f} s wall, {m['cpu']:.2f} s CPU, peak {m['group_mb']:.0f} MB, "
                  f"output {digest(out)}")
    got = subprocess.run([PY, __file__, a.file, "--month", a.month, "--today", a.today, "--repeat", str(a.repeat),
                          "--profile"], env=env, capture_output=True, text=True, check=True)
    p = json.loads(got.stdout)
    print(f"in one process: validation {p['validate_s']:.2f} s, monthly.build {p['build_s'] * 1000:.0f} ms wall, "
          f"{p['build_cpu_s'] * 1000:.0f} ms CPU (fastest of {a.repeat}; {p['decisions']} decisions, "
          f"{p['departments']} departments)")


if __name__ == "__main__":
    main()
