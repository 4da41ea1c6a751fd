"""The README's table of rule codes, generated from the families' declarations (sgs_cli.rules.codes).

    python scripts/rule_table.py          # rewrite the table in README.md
    python scripts/rule_table.py --check  # exit 1 when README.md's table differs from the declarations

The table is the block of lines starting with "| 代码 | 级别 | 含义 |" in the 校验规则代码 section.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sgs_cli.rules.codes import readme_table  # noqa: E402

README = ROOT / "README.md"
HEAD = "| 代码 | 级别 | 含义 |"


def split(text: str) -> tuple[str, str, str]:
    """(before the table, the table, after it)."""
    start = text.index(HEAD + "\n")
    end = start
    lines = text[start:].splitlines(keepends=True)
    for line in lines:
        if not line.startswith("|"):
            break
        end += len(line)
    return text[:start], text[start:end], text[end:]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    before, table, after = split(text)
    if args.check:
        if table != readme_table():
            print("README.md 的规则代码表与代码中的声明不一致：请运行 python scripts/rule_table.py")
            return 1
        return 0
    README.write_text(before + readme_table() + after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
