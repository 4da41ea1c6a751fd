"""A small mutation check over src/sgs_cli/rules/ and src/sgs_cli/codes/ (issue 30, part 3).

Each mutant is one textual change (a rule family deleted from the registry, one document-kind spelling
dropped, a comparison flipped, a condition negated …) applied to a copy of the source in a temporary
folder; the test command runs against that copy (PYTHONPATH) and the mutant is killed when it fails. The
source tree is never modified. Mutants: the hand-written list below plus comparisons drawn at random
(seeded) from rules/ and codes/.

    python scripts/mutate.py                      # the catalogue and the codes tests, every mutant
    python scripts/mutate.py --tests tests/rules  # another test selection
    python scripts/mutate.py --only registry      # mutants whose name contains a word

Prints one line per mutant and the score; bench/README.md records the last run and explains survivors.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
FAST_TESTS = ["tests/validation/test_violation_catalogue.py", "tests/codes", "src/sgs_cli/codes",
              "tests/test_codes_stdnum.py"]

RECORD_FAMILIES = ["legacy", "excel_damage", "required", "enumerations", "identifiers", "dates", "amounts",
                   "content", "duplicates", "privacy", "length", "normalization", "timeliness"]


def hand_written() -> list[tuple[str, str, str, str]]:
    """(name, file under src/sgs_cli, old text, new text): the mutants the issue names, and one per family."""
    out = []
    reg = "rules/registry.py"
    for fam in RECORD_FAMILIES:
        old = f"{fam}.RECORD_RULE" if fam == "timeliness" else f"{fam}.RULE"
        if fam == "dates":  # the end of a line
            out.append((f"registry: delete {fam}", reg, "dates.RULE,\n    amounts.RULE", "amounts.RULE"))
            continue
        out.append((f"registry: delete {fam}", reg, f"{old}, " if fam != "timeliness" else f", {old})",
                    "" if fam != "timeliness" else ")"))
    out += [
        ("registry: delete annex.LEDGER", reg, "annex.SEQUENCE, annex.LEDGER, ", "annex.SEQUENCE, "),
        ("registry: delete annex.LIAISON", reg, "required.RULE, annex.LIAISON)", "required.RULE)"),
        ("registry: delete objection", reg, "required.RULE, objection.RULE)", "required.RULE)"),
        ("registry: delete register", reg, "required.RULE, register.RULE)", "required.RULE)"),
        ("registry: delete ledger timeliness", reg, "annex.LEDGER, timeliness.LEDGER_RULE)", "annex.LEDGER)"),
        ("enums: drop the spelling 居民身份证", "standard/enums.py", '    "居民身份证": "身份证",\n', ""),
        ("enums: drop the spelling 01", "standard/enums.py", '    "01": "身份证",\n', ""),
        ("identifiers: row form ignores the kinds", "rules/identifiers.py",
         "return kind in _ID_KINDS or (not kind and len(value) in (15, 18))",
         "return (not kind and len(value) in (15, 18))"),
        ("identifiers: the mask ignores the kinds", "rules/identifiers.py",
         "value_set=pa.array(_ID_KINDS, pa.large_string())", "value_set=pa.array(_ID_KINDS[:1], pa.large_string())"),
        ("identifiers: the mask never asks", "rules/identifiers.py", "asked = (b.lengths > 0) & (id_kind | no_kind)",
         "asked = (b.lengths > 0) & no_kind"),
        ("timeliness: 简易程序 fields", "rules/timeliness.py", '("CF_NR", "CF_SY", "BZ")', '("CF_NR",)'),
        ("timeliness: warning-only", "rules/timeliness.py", "return bool(buckets) and buckets <= {CF_WARNING}",
         "return False"),
        ("amounts: RE2 one fine accepts any text", "records/moneytext.py",
         'NO_FINE_RE2 = rf"^{_OTHER_RE2}(?:[；;]{_OTHER_RE2})*。?$"', 'NO_FINE_RE2 = r"^"'),
        ("ric: check digit weights", "codes/ric.py", "", ""),  # filled in by _ric_weights
    ]
    return [m for m in out if m[2]] + _ric_weights()


def _ric_weights() -> list:
    text = (SRC / "sgs_cli/codes/ric.py").read_text(encoding="utf-8")
    m = re.search(r"\b(?:2 \*\* \(17 - i\)|pow\(2, 17 - i, 11\)|_WEIGHTS\s*=\s*\(7, 9)", text)
    if not m:
        return []
    old = m.group(0)
    new = {"2 ** (17 - i)": "2 ** (16 - i)", "pow(2, 17 - i, 11)": "pow(2, 16 - i, 11)",
           "_WEIGHTS = (7, 9": "_WEIGHTS = (9, 7"}.get(old, old)
    return [("ric: check digit weights", "codes/ric.py", old, new)] if new != old else []


FLIPS = [(" <= ", " < "), (" < ", " <= "), (" >= ", " > "), (" > ", " >= "), (" == ", " != "), (" != ", " == "),
         (" not in ", " in "), (" and ", " or "), ("if not ", "if ")]


def drawn(n: int, seed: int) -> list[tuple[str, str, str, str]]:
    """n comparisons of rules/ and codes/ flipped, drawn with a seed (code lines only, not docstrings or
    comments). Each mutant changes one occurrence, named by file and line."""
    sites = []
    for path in sorted([*(SRC / "sgs_cli/rules").glob("*.py"), *(SRC / "sgs_cli/codes").glob("*.py")]):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        in_doc = False
        for i, line in enumerate(lines):
            code = line.split("#", 1)[0]
            if code.count('"""') % 2:
                in_doc = not in_doc
                continue
            if in_doc or '"""' in code or not code.strip() or code.lstrip().startswith(("def ", "class ", "@")):
                continue
            for old, new in FLIPS:
                if old in code:
                    sites.append((path, i, old, new))
                    break
    rng = random.Random(seed)
    out = []
    for path, i, old, new in rng.sample(sites, min(n, len(sites))):
        rel = path.relative_to(SRC / "sgs_cli").as_posix()
        line = path.read_text(encoding="utf-8").splitlines(keepends=True)[i]
        out.append((f"{rel}:{i + 1}: '{old.strip()}' → '{new.strip()}'", rel, line, line.replace(old, new, 1)))
    return out


def run(mutant, tests: list[str], timeout: int) -> str:
    name, rel, old, new = mutant
    with tempfile.TemporaryDirectory(prefix="sgs-mutant-") as tmp:
        copy = Path(tmp) / "src"
        shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
        target = copy / "sgs_cli" / rel
        text = target.read_text(encoding="utf-8")
        if old not in text:
            return "not applied"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1")
        # test paths under src/ are the mutated copy's (doctests), the others the repository's
        paths = [str(copy.parent / t) if t.startswith("src/") else str(ROOT / t) for t in tests]
        cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-n", "0", "-p", "no:cacheprovider", "--rootdir", str(ROOT), *paths]
        try:
            res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "killed (timeout)"
        return "killed" if res.returncode != 0 else "SURVIVED"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tests", nargs="*", default=FAST_TESTS)
    ap.add_argument("--drawn", type=int, default=30, help="comparisons flipped at random")
    ap.add_argument("--seed", type=int, default=30)
    ap.add_argument("--only", default="")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--skip", nargs="*", default=[], help="mutants already judged (names)")
    a = ap.parse_args()
    control = [("control: a comment added (must survive)", "rules/length.py", "from __future__ import annotations\n",
                "from __future__ import annotations  # control\n")]
    mutants = [m for m in control + hand_written() + drawn(a.drawn, a.seed) if a.only in m[0] and m[0] not in a.skip]
    killed = total = 0
    for m in mutants:
        got = run(m, a.tests, a.timeout)
        print(f"{got:16} {m[0]}", flush=True)
        if m is control[0]:
            if got != "SURVIVED":
                sys.exit("the control mutant was killed: the test command fails on the unchanged code")
            continue
        if got != "not applied":
            total += 1
            killed += got.startswith("killed")
    print(f"mutation score: {killed}/{total} killed ({100 * killed / max(total, 1):.0f} %)")


if __name__ == "__main__":
    main()
