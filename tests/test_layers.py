"""The folders are the layers (docs/architecture.md): every import inside ``sgs_cli`` points down, never up,
and the folders form no cycle. The check reads the source with ``ast`` — lazy imports inside functions
count too, because they are the same dependency paid later."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "sgs_cli"

# Top to bottom. A module may import its own folder, and any folder on a lower line; never a folder on its
# own line or above. ``errors`` and ``findings`` are single modules that sit with the layer named.
LAYERS = [
    ("__main__",),
    ("cli",),
    ("web",),
    ("render",),
    ("reports",),
    ("validation",),
    ("rules",),
    ("records", "calendar"),
    ("io", "findings"),
    ("standard", "codes", "errors"),
]
RANK = {name: i for i, line in enumerate(LAYERS) for name in line}


def _component(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    base = SRC.parent.joinpath(*dotted.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: relative import (the package uses absolute imports)"
            if node.module and node.module.split(".")[0] == "sgs_cli":
                for alias in node.names:
                    yield node.lineno, node.module, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "sgs_cli":
                    yield node.lineno, alias.name, None


def _edges():
    for path in sorted(SRC.rglob("*.py")):
        here = _module_of(path)
        for line, target, name in _imports(path):
            if name is not None and _is_module(f"{target}.{name}"):
                yield here, line, f"{target}.{name}"  # ``from sgs_cli.x import submodule``
            elif target == "sgs_cli":
                # ``from sgs_cli import __version__``: the package root holds only the version and the lazy API
                assert name == "__version__", f"{here}:{line} imports {name} from the package root"
            else:
                yield here, line, target


def test_every_component_has_a_layer():
    components = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
                  if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())) and p.stem != "__init__"}
    assert components <= set(RANK), f"folders without a layer: {sorted(components - set(RANK))}"


def test_imports_point_down():
    upward = []
    for here, line, target in _edges():
        a, b = _component(here), _component(target)
        if a == b or not a:
            continue
        if RANK[b] <= RANK[a]:
            upward.append(f"{here}:{line} -> {target}")
    assert upward == []


def test_no_cycle_between_modules():
    graph: dict[str, set[str]] = {}
    for here, _, target in _edges():
        graph.setdefault(here, set()).add(target)
    seen, stack, cycles = set(), [], []

    def visit(node):
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt)
        stack.pop()

    for node in sorted(graph):
        visit(node)
    assert cycles == []


@pytest.mark.parametrize("forbidden", [("io", {"standard", "rules", "validation", "records"})])
def test_io_knows_no_standard(forbidden):
    layer, names = forbidden
    bad = [f"{h}:{n} -> {t}" for h, n, t in _edges() if _component(h) == layer and _component(t) in names]
    assert bad == []
