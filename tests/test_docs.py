"""The repository stands alone: every document that code, tests, README and bench cite is in the repository,
every cited section of docs/standard.md exists, every relative link in the Markdown files resolves, and
every command's help carries an example."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CITING = ("src", "tests", "bench", "scripts", "examples", "README.md", "docs")
#: the research folder beside the repository in development: never there on a user's machine
OUTSIDE = tuple(".." + "/" + "shared" + tail for tail in ("", "/spec", "/realdata")) + ("shared/spec", "shared/realdata")


def _tracked(*paths: str) -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--", *paths], cwd=ROOT, capture_output=True,
                             check=True).stdout
        files = [ROOT / p for p in out.decode().split("\0") if p]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (e.g. an sdist)
        files = [p for name in paths for p in ((ROOT / name).rglob("*") if (ROOT / name).is_dir()
                                              else [ROOT / name])]
    return [p for p in files if p.is_file() and p.suffix in (".py", ".md", ".txt", ".toml", "")]


def _text_files():
    for p in _tracked(*CITING):
        try:
            yield p, p.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue


def test_no_reference_points_outside_the_repository():
    bad = []
    for p, text in _text_files():
        if p.name == "test_docs.py":
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if any(outside in line for outside in OUTSIDE):
                bad.append(f"{p.relative_to(ROOT)}:{n}: {line.strip()[:80]}")
            for m in re.finditer(r"(?<![\w/.-])((?:[\w.-]+/)*)(design|standard|contract|architecture)\.md", line):
                cited = m.group(0)  # resolves from the citing file's folder or from the repository's root
                if not ((p.parent / cited).exists() or (ROOT / cited).exists()):
                    bad.append(f"{p.relative_to(ROOT)}:{n}: cites {cited!r}, which the repository does not hold")
    assert not bad, "\n".join(bad)


def _sections() -> set[str]:
    heads = re.findall(r"^#{2,4} (\d+(?:\.\d+)*)[. ]", (ROOT / "docs/standard.md").read_text(), re.M)
    return set(heads)


def test_cited_sections_of_the_standard_exist():
    sections = _sections()
    assert {"1.1", "1.2", "1.5", "2.1", "2.3", "3", "5", "6.2"} <= sections
    bad = []
    for p, text in _text_files():
        for m in re.finditer(r"standard\.md\s*§\s*(\d+(?:\.\d+)*)", text):
            if m.group(1) not in sections:
                bad.append(f"{p.relative_to(ROOT)}: §{m.group(1)}")
    assert not bad, bad


def test_relative_links_in_markdown_resolve():
    bad = []
    for p in _tracked("README.md", "docs", "bench", "examples", "tests/data"):
        if p.suffix != ".md":
            continue
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", p.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            if not (p.parent / target).exists():
                bad.append(f"{p.relative_to(ROOT)} → {target}")
    assert not bad, bad


def _commands():
    from typer.main import get_command

    from sgs_cli.cli.app import app

    group = get_command(app)
    stack = [(name, cmd) for name, cmd in group.commands.items()]
    while stack:
        name, cmd = stack.pop()
        yield name, cmd
        for sub, c in getattr(cmd, "commands", {}).items():
            stack.append((f"{name} {sub}", c))


@pytest.mark.parametrize("name", sorted(n for n, _ in _commands()))
def test_every_command_help_has_an_example(name):
    cmd = dict(_commands())[name]
    assert "示例" in (cmd.help or ""), f"sgs {name} --help has no 示例"


def test_the_version_lives_in_one_place_and_the_changelog_names_it():
    """pyproject.toml reads the version from sgs_cli.__version__ (no second copy), CHANGELOG.md has a
    section for it, and py.typed ships with the package."""
    import sgs_cli

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in text and 'version = { attr = "sgs_cli.__version__" }' in text
    assert not re.search(r'(?m)^version\s*=\s*"', text)  # no literal version
    assert f"## [{sgs_cli.__version__}] - " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert (ROOT / "src" / "sgs_cli" / "py.typed").exists() and '"py.typed"' in text


def test_every_repository_path_cited_exists():
    """A path into the repository named in README, docs, bench, scripts or a module's text exists (the files
    moved into tests/<area>/ left stale names behind once); bench/out/ is generated, not checked in."""
    cited = re.compile(r"(?<![\w/.])(?:tests|scripts|bench|docs|examples)/[\w./-]+\.(?:py|md|toml|json|xlsx|csv|txt)")
    missing = set()
    for base in ("README.md", "docs", "bench", "scripts", "src"):
        for p in [ROOT / base] if base.endswith(".md") else (ROOT / base).rglob("*"):
            if p.suffix not in (".md", ".py") or not p.is_file():
                continue
            for m in cited.findall(p.read_text(encoding="utf-8")):
                if not m.startswith("bench/out/") and not (ROOT / m).exists():
                    missing.add(f"{p.relative_to(ROOT)}: {m}")
    assert sorted(missing) == []
