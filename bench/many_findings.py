"""A ledger with many findings: the output must scale with rows, not with findings (issue 13, part 5).

    python bench/many_findings.py [--rows 20000] [--src OTHER_SRC_DIR ...] [--repeat 1]

Builds ``many_<rows>.csv`` from the generated penalty ledger (bench/generate.py, seeded) with 14 columns
emptied in every row — the shape of a real warehouse extract that carries only some columns: 违法行为类型,
违法事实, 处罚依据, 处罚内容, 处罚有效期, 处罚机关, 处罚机关统一社会信用代码, 数据来源单位, 数据来源单位统一社会信用代码,
行政处罚决定书文号, 处罚决定日期, 处罚类别, 行政相对人名称, 法定代表人 (≈ 13.8 findings per row: 13 required columns
on every row, 法定代表人 on the 77 % that are organisations). Then it times, one process each (bench/run.py's
``measure``: wall, CPU, peak summed PSS of the process group):

* ``sgs validate FILE --format json`` (stdout to a file; the findings in it are counted),
* ``sgs validate FILE`` (the table, stdout to a file; its lines are counted),
* ``sgs validate FILE --report receipt.xlsx --format json`` (stdout discarded).

``--src DIR`` (repeatable) runs the same three commands with another source tree first on PYTHONPATH —
e.g. ``git archive <commit> src | tar -x -C /tmp/base`` then ``--src /tmp/base/src`` — so that before
and after are measured in the same run on the same (shared, noisy) machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import PY, TODAY, ensure_generated, fmt_mb, fmt_s, measure  # noqa: E402

EMPTIED = ["违法行为类型", "违法事实", "处罚依据", "处罚内容", "处罚有效期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位",
           "数据来源单位统一社会信用代码", "行政处罚决定书文号", "处罚决定日期", "处罚类别", "行政相对人名称", "法定代表人"]


def build(rows: int, out: Path, seed: int) -> Path:
    name, _ = ensure_generated("penalty", rows, out, seed, ["csv"])
    dest = out / f"many_{rows}.csv"
    if dest.exists():
        return dest
    with open(out / f"{name}.csv", encoding="utf-8-sig", newline="") as src, \
            open(dest, "w", encoding="utf-8-sig", newline="") as fh:
        reader, writer = csv.reader(src), csv.writer(fh)
        head = next(reader)
        idx = [head.index(h) for h in EMPTIED]
        writer.writerow(head)
        for row in reader:
            for i in idx:
                row[i] = ""
            writer.writerow(row)
    return dest


def run_one(label: str, src_dir: str | None, path: Path, out: Path, repeat: int) -> dict:
    env = dict(os.environ)
    if src_dir:
        env["PYTHONPATH"] = src_dir + os.pathsep + env.get("PYTHONPATH", "")
    sgs = [PY, "-c", "import sys; from sgs_cli.cli.app import main; sys.argv[0] = 'sgs'; main()", "validate", str(path),
           "--today", TODAY]
    res = {"label": label}
    for what, extra in (("json", ["--format", "json"]), ("table", []),
                        ("report", ["--report", str(out / f"receipt_{label}.xlsx"), "--format", "json"])):
        target = out / f"many_{label}.{what}.out"
        best = None
        for _ in range(max(1, repeat)):
            receipt = out / f"receipt_{label}.xlsx"
            if receipt.exists():
                receipt.unlink()
            with open(target if what != "report" else os.devnull, "wb") as fh:
                m = measure(sgs + extra, stdout=fh, env=env)
            if best is None or m["wall"] < best["wall"]:
                best = m
        if what == "json" and best["rc"] in (0, 1):
            # counted line by line: a parsed 100 MB document would make this process big, and the next
            # measured child, forked from it, would show that memory until it execs
            with open(target, encoding="utf-8") as fh:
                best["findings"] = sum(1 for line in fh if line.lstrip().startswith('"severity": '))
        if what == "table":
            best["lines"] = sum(1 for _ in open(target, encoding="utf-8", errors="replace"))
        res[what] = best
    return res


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=790)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--src", action="append", default=[], help="another src tree to measure first (before)")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    path = build(args.rows, args.out, args.seed)
    runs = [(f"src{i}", s) for i, s in enumerate(args.src, start=1)] + [("this", None)]
    print(f"{path.name}: {args.rows:,} rows, load average {os.getloadavg()[0]:.1f}")
    print("| src | JSON wall / peak memory (findings) | table wall / peak memory (lines) | --report wall / peak memory |")
    print("|---|---|---|---|")
    for label, src_dir in runs:
        r = run_one(label, src_dir, path, args.out, args.repeat)

        def cellx(m, extra=""):
            if m["rc"] not in (0, 1):
                return f"failed rc={m['rc']}"
            return f"{fmt_s(m['wall'])} s (cpu {fmt_s(m['cpu'])}) / {fmt_mb(m['group_mb'])}{extra}"

        n_findings = r["json"].get("findings", 0)
        n_lines = r["table"].get("lines", 0)
        print(f"| {src_dir or 'this tree'} | {cellx(r['json'], f' ({n_findings:,})')} | "
              f"{cellx(r['table'], f' ({n_lines:,} lines)')} | {cellx(r['report'])} |", flush=True)


if __name__ == "__main__":
    main()
