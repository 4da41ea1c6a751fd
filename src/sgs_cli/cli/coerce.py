"""Option values without pydantic (issue 32, fixed costs).

typer ≥ 0.2x turns each command-line value into its Python type through a pydantic ``TypeAdapter`` it
builds for every parameter of the invoked command, values left out included: importing pydantic and
building the adapters is about a third of a small ``sgs validate``'s CPU. The values sgs's commands take
are simple — text, paths, choices (enums), lists of those, whole numbers — and typer's own helpers
(``coerce_cli_choice``, ``coerce_cli_path``) do all the work inside those adapters; pydantic only passes
the result through. :func:`install` gives every parameter of a command tree a runtime parameter that calls
those helpers directly. Anything else, and every value these quick forms do not take (a bad choice, a
missing file, ``--year abc``), goes through typer's own pydantic adapter, so results and error messages
stay typer's (tests/cli/test_quick_coercion.py compares the two for every option of every command). With a
typer that has no such adapters (older releases on top of click), or ``SGS_TYPER_PYDANTIC=1``, :func:`install`
does nothing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

try:
    from typer import _coercion, _param_types
    from typer.core import _TyperParameter  # noqa: F401 - the class install() hooks
except ImportError:  # pragma: no cover - typer without the pydantic coercion layer
    _coercion = _param_types = None  # type: ignore[assignment]

_WHOLE = re.compile(r"(?:0|[1-9][0-9]{0,17})")


class _Unsure(Exception):
    """The quick form does not take this value: typer's adapter decides."""


def _leaf(annotation: Any, info: Any):
    """The quick coercion of one value of ``annotation``, or None when typer's adapter must do it."""
    pt = _param_types
    if info.parser is not None:
        return None
    if pt.lenient_issubclass(annotation, Enum):
        choices = list(annotation)
        return lambda v, param, ctx: pt.coerce_cli_choice(v, choices=choices, case_sensitive=info.case_sensitive,
                                                          ctx=ctx)
    if annotation is bool or annotation is str:
        tp = annotation

        def exactly(v, param, ctx):  # a flag or a text as click gave it; anything else is typer's to judge
            if type(v) is not tp:
                raise _Unsure
            return v
        return exactly
    if annotation is int and not info.clamp:
        def whole(v, param, ctx):
            if type(v) is str and _WHOLE.fullmatch(v):
                v = int(v)
            elif type(v) is not int:
                raise _Unsure
            if (info.min is not None and v < info.min) or (info.max is not None and v > info.max):
                raise _Unsure
            return v
        return whole
    if annotation is Path and pt.routes_to_path(annotation, info) and info.path_type is None:
        def path(v, param, ctx):
            if type(v) is str and v and "\x00" not in v:
                v = annotation(v)  # what pydantic's Path validation makes of a non-empty text
            elif not isinstance(v, annotation):
                raise _Unsure
            return pt.coerce_cli_path(v, info, path_type=annotation, param=param, ctx=ctx)
        return path
    return None


def _quick(annotation: Any, info: Any):
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (None,)
        one = _leaf(item, info) if item is not None else None
        if one is None:
            return None
        return lambda v, param, ctx: [one(x, param, ctx) for x in (v if isinstance(v, (list, tuple)) else [v])]
    if get_origin(annotation) is not None:
        return None
    return _leaf(annotation, info)


if _coercion is not None:
    @dataclass(frozen=True)
    class QuickParam(_coercion.RuntimeParam):
        """typer's RuntimeParam (None and multi-value handling are its own) whose coercion is the quick form
        ``fn``, falling back to the pydantic adapter typer would have used for ``descriptor``."""

        descriptor: Any = None
        fn: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.fn(value, param, ctx)
            except Exception:  # noqa: BLE001 - _Unsure, or a value typer's adapter must judge (and word)
                pass
            return _coercion.build_runtime_param(self.descriptor)._coerce_value(value, param, ctx)


def quick_param(descriptor, fn):
    return QuickParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                      descriptor=descriptor, fn=fn)


def install() -> None:
    """Make typer's parameters take the quick coercion where it applies (once per process; parameters
    are made per command and per context — the help option — so the hook is on their class). A typer whose
    parameters are built differently keeps its own coercion."""
    if _coercion is None or os.environ.get("SGS_TYPER_PYDANTIC") == "1":
        return
    from typer.core import _TyperParameter

    original = getattr(_TyperParameter, "get_runtime_param", None)
    if original is None or getattr(original, "quick", False):
        return

    def get_runtime_param(self):
        desc = getattr(self, "type_descriptor", None)
        if getattr(self, "_runtime_param", False) is None and desc is not None:
            fn = _quick(desc.annotation, desc.parameter_info)
            if fn is not None:
                self._runtime_param = quick_param(desc, fn)
        return original(self)

    get_runtime_param.quick = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
