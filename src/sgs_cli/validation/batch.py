"""The batch API: check a licence or penalty sheet given as pandas DataFrames, one partition at a time,
so that any partitioned engine (multiprocessing, Dask ``map_partitions``, Spark ``mapInPandas``) can call
the rules per partition and merge the results once (docs/batch-api.md).

* ``check_batch(frame, kind)`` → (findings frame, state): the findings of the partition's own rows and
  the state the rule families hand on (duplicate keys, deadline notes). Partitions are independent.
* ``combine(states)`` → (state, findings frame): the partitions' states merged in row order, with the
  findings only the merge can see (a decision entered twice in two partitions).
* ``finish(state)`` → findings frame: the sheet-level findings (header, DEADLINE_PASSED, CALENDAR_NO_DATA).

The findings of all partitions, of ``combine`` and of ``finish`` together are those of validating the
whole sheet at once (tests/validation/test_batch_api.py). A frame's columns are the sheet's header cells as written
(or the standard names); an optional ``__row__`` column gives each row's physical row number (default:
the header on row 1, data from row 2). Blank cells may be '', None or NaN.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sgs_cli.errors import InputError
from sgs_cli.findings import Finding
from sgs_cli.records.header import detect
from sgs_cli.validation.options import ValidateOptions, no_header_hint, specs_for
from sgs_cli.validation.runner import combine_states, run_batch, shared_states, sheet_finish, sheet_start

ROW = "__row__"
#: the columns of a findings frame
FINDING_COLUMNS = ("severity", "code", "row", "column", "cell", "field", "field_name", "value", "message", "hint",
                   "record_key", "sensitive")


@dataclass
class BatchState:
    """What a partition hands on: picklable, small (no records)."""

    header: tuple
    kind: str
    options: ValidateOptions
    first_row: int  # the partition's first physical row (combine keeps row order)
    rows: int = 0
    states: dict = field(default_factory=dict)  # family name → state (families that combine)


def _options(today: dt.date | None, options: ValidateOptions | None) -> ValidateOptions:
    opts = options or ValidateOptions()
    if today is not None:
        opts = replace(opts, today=today)
    return replace(opts, calendar=None, keep_records=False)  # each process loads its own calendar


def _sheet(header: tuple, kind: str, opts: ValidateOptions):
    hm = detect([list(header)], specs_for(kind))
    if hm is None or hm.spec.kind not in ("license", "penalty"):
        raise InputError("找不到可识别的行政许可或行政处罚表头", no_header_hint(opts))
    return hm


def _blank(v):
    if v is None:
        return ""
    if type(v) is float and v != v:  # NaN: pandas' blank
        return ""
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return ""
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return v


def findings_frame(findings: list[Finding]):
    """Findings as a DataFrame (one row per finding, FINDING_COLUMNS; values unmasked, ``sensitive`` says
    which are personal data)."""
    import pandas as pd

    rows = []
    for f in findings:
        d = f.to_dict(show_sensitive=True)
        rows.append({**{k: d.get(k) for k in FINDING_COLUMNS if k not in ("record_key", "sensitive")},
                     "record_key": f.key, "sensitive": f.sensitive})
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))


def check_batch(frame, kind: str = "auto", *, today: dt.date | None = None,
                options: ValidateOptions | None = None):
    """(findings frame, BatchState) of one partition of a licence or penalty sheet."""
    opts = _options(today, options)
    header = tuple(str(c) for c in frame.columns if c != ROW)
    hm = _sheet(header, kind, opts)
    numbers = frame[ROW].tolist() if ROW in frame.columns else [i + 2 for i in range(len(frame))]
    values = frame[[c for c in frame.columns if c != ROW]].itertuples(index=False, name=None)
    rows = [(int(n), [_blank(v) for v in row]) for n, row in zip(numbers, values)]
    mapper, ctx, report, rules = sheet_start("", False, hm, opts)
    report.findings.clear()  # header findings: finish()
    run_batch(rows, mapper, ctx, report, rules, partial=True)
    state = BatchState(header=header, kind=hm.spec.kind, options=opts,
                       first_row=min((n for n, _ in rows), default=0), rows=report.rows, states=shared_states(ctx))
    return findings_frame(report.findings), state


def combine(states: list[BatchState]):
    """(merged BatchState, findings frame of what only the merge sees), the partitions in row order."""
    states = sorted(states, key=lambda s: s.first_row)
    first = states[0]
    hm = _sheet(first.header, first.kind, first.options)
    mapper, ctx, report, rules = sheet_start("", False, hm, first.options)
    found: list[Finding] = []
    for s in states:
        found.extend(combine_states(ctx, s.states))
    merged = BatchState(header=first.header, kind=first.kind, options=first.options, first_row=first.first_row,
                        rows=sum(s.rows for s in states), states=shared_states(ctx))
    return merged, findings_frame(found)


def finish(state: BatchState):
    """Findings frame of the sheet as a whole: the header findings and each family's end-of-sheet
    findings."""
    hm = _sheet(state.header, state.kind, state.options)
    mapper, ctx, report, rules = sheet_start("", False, hm, state.options)
    ctx.states.update(state.states)
    report.rows = state.rows
    return findings_frame(sheet_finish(mapper, ctx, report).findings)
