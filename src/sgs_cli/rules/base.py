"""A rule family as a declared unit: its codes (severity, Chinese title, message template) and one
protocol — start / batch / combine / finish — with state the family owns.

* ``Code``: what a code means. The message and hint of a finding are formatted from the code's template
  with the finding's params (``{name}`` …); a code whose wording differs by case declares the other
  wordings as named variants.
* ``Rule``: ``start(ctx)`` makes the family's per-sheet state; ``batch(records, ctx, state)`` returns the
  findings of a batch of records in row order (``row(rec, ctx, state)`` per record); ``combine(states,
  ctx)`` merges the states of batches checked apart (worker processes, partitions), in row order, and
  returns (state, the findings only the merge can see — a duplicate across two batches); ``finish(ctx,
  state, report)`` returns the sheet-level findings once every row is seen. A family whose findings need
  every earlier row (duplicates) has ``partial(records, ctx, state)``: what a batch checked apart records
  for ``combine`` instead of findings.
* ``Code.fact``: the code records a fact about the process (a late report, a record not reported, a
  deadline passed) that no correction of the data can undo. Facts are counted, listed and explained
  (月报告 逾期明细, the receipt's 汇总) but never send a record back to the department: ``--split``, the
  office's accept/return and 合规率 look only at the fixable findings (rules/codes.fixable).
* ``declare(family, codes)`` puts a family's codes into the one catalogue (``CATALOGUE``) that
  rules/codes.py, the README table, the receipt and the tests read.
"""

from __future__ import annotations

import base64
import pickle
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from sgs_cli.findings import FACT_CODES, Finding


@dataclass(frozen=True, slots=True)
class Code:
    severity: str  # usual severity; a rule may emit another where the code says so in its title
    title: str  # Chinese, one line: the README table and the receipt's 汇总
    template: str  # message, str.format over the finding's params
    hint: str = ""  # hint, the same way
    variants: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # other wordings: (template, hint)
    family: str = ""  # set by declare()
    fact: bool = False  # a fact about the process, not a data defect the department can correct

    def render(self, variant: str, params: Mapping[str, Any]) -> tuple[str, str]:
        """(message, hint) of a finding of this code."""
        template, hint = (self.template, self.hint) if not variant else self.variants[variant]
        return template.format_map(params), hint.format_map(params)


#: every code sgs emits → its declaration (filled by declare(), one family per code)
CATALOGUE: dict[str, Code] = {}


def declare(family: str, codes: Mapping[str, Code]) -> dict[str, Code]:
    """Register a family's codes (each code has exactly one home); returns them with the family set."""
    out = {}
    for name, code in codes.items():
        if name in CATALOGUE and CATALOGUE[name].family != family:
            raise ValueError(f"{name} is declared by {CATALOGUE[name].family} and {family}")
        out[name] = CATALOGUE[name] = Code(code.severity, code.title, code.template, code.hint, code.variants,
                                             family, code.fact)
        if code.fact:
            FACT_CODES.add(name)
    return out


def make(code: str, *, variant: str = "", severity: str | None = None, row: int | None = None,
         column: str | None = None, field: str | None = None, field_name: str | None = None, value=None,
         sensitive: bool = False, rows: list | None = None, rendered: tuple | None = None, **params) -> Finding:
    """A finding of a declared code, its message and hint formatted from the code's template (or given
    as ``rendered`` = (params, message, hint) by a rule that formats a repeated finding once)."""
    c = CATALOGUE[code]
    if rendered is not None:
        params, message, hint = rendered
    else:
        message, hint = c.render(variant, params)
    return Finding(severity or c.severity, code, message, row=row, column=column, field=field,
                   field_name=field_name, value=value, hint=hint, sensitive=sensitive, rows=rows,
                   params=params or None)


def ordered(found: list) -> list[Finding]:
    """A columnar form's findings given as (position in the batch, field order, order within the field,
    Finding), in the order the row form yields them."""
    found.sort(key=lambda t: t[:3])
    return [t[3] for t in found]


def _no_state(ctx):
    return None


def _first(states: list, ctx) -> tuple:
    return (states[0] if states else None), []


def _nothing(ctx, state, report) -> list:
    return []


@dataclass(frozen=True)
class Rule:
    """One rule family's implementation of the protocol. ``row(rec, ctx, state)`` yields the findings
    of one record (the row engine); ``batch`` defaults to it over a list of records."""

    name: str
    codes: Mapping[str, Code]
    row: Callable[..., Iterable[Finding]] | None = None
    start: Callable[[Any], Any] = _no_state
    combine: Callable[[list, Any], tuple] = _first
    finish: Callable[[Any, Any, Any], list] = _nothing
    partial: Callable[[list, Any, Any], None] | None = None
    #: the columnar form of ``partial`` (a Frame instead of Records), when the family has one
    partial_columns: Callable[[Any, Any, Any], None] | None = None
    #: the columnar form (validation/columnar.py): findings of a whole Frame, in the order ``row`` gives them
    columns: Callable[[Any, Any, Any], list] | None = None
    #: the fields ``row`` and ``partial`` read (a tuple, given the context): the columnar engine hands them
    #: Records holding only these
    reads: Callable[[Any], tuple] | None = None
    #: its rows must be seen in order in one process (序号 continuity, the lead liaison): never split
    ordered: bool = False

    def dump(self, state) -> str:
        """A state as text, for a table column (the Dask path's state frame) or any process boundary: the
        families' states are plain dataclasses, dicts and sets, pickled (only sgs's own workers write them)."""
        return base64.b64encode(pickle.dumps(state, protocol=4)).decode("ascii")

    def load(self, text: str):
        """The state ``dump`` wrote."""
        return pickle.loads(base64.b64decode(text))  # noqa: S301 - written by dump() in sgs's own workers

    @property
    def combines(self) -> bool:
        """Whether batches checked apart hand their state back to be combined."""
        return self.combine is not _first

    def batch(self, records: list, ctx, state) -> list[Finding]:
        if self.row is None:
            return []
        out: list[Finding] = []
        row = self.row
        for rec in records:
            out.extend(row(rec, ctx, state))
        return out
