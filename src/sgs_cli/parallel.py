"""Large workbooks on several cores: the chunks of a streamed sheet (chunked.py) are parsed and
validated in worker processes; the main process inflates the sheet, keeps the order and runs the only
rules that need every row before them (duplicates; the per-sheet deadline summary), so the findings
are exactly those of the serial path (tests/test_chunked.py compares them).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .rules import duplicates
from .rules.context import Record

_W: dict = {}  # per worker process: the sheet being validated


def _init(path: str, part, shared: dict, hm, opts) -> None:
    from .chunked import ChunkedSheet

    _W.update(sheet=ChunkedSheet(Path(path), part), shared=shared, hm=hm, opts=opts)


def _work(xml: bytes):
    """Parse and validate one chunk; return what the main process merges."""
    from .validate import _run_batch, _sheet_start

    rows = _W["sheet"]._parse(_W["shared"], xml)
    hm, opts = _W["hm"], _W["opts"]
    mapper, ctx, report, rules = _sheet_start("", False, hm, opts, rules_without=(duplicates.check,))
    report.findings.clear()  # header findings are the main process's
    keys = []
    wsh = ctx.k("WSH")

    def key_of(rec: Record) -> None:
        key = duplicates.record_key(rec, ctx)
        if key is not None:
            keys.append((rec.row, key, rec.raw(wsh)))

    _run_batch(rows, mapper, ctx, report, rules, on_record=key_of if mapper.prefix else None)
    return (report.findings, keys, ctx.state.get("passed", []), ctx.state.get("no_data", {}), report.rows,
            rows[-1][0] if rows else 0)


def workers() -> int:
    return min(2, os.cpu_count() or 1)


def validate_sheet_parallel(sheet, first_xml: bytes, xml_chunks, hm, opts, progress=None):
    """SheetReport of a streamed sheet, validated chunk by chunk in worker processes."""
    from .validate import _sheet_finish, _sheet_start

    mapper, ctx, report, _rules = _sheet_start(sheet.part.name, sheet.part.hidden, hm, opts)
    opts_for_workers = _without_calendar(opts)
    seen = ctx.state.setdefault("dup", {})
    wsh = ctx.k("WSH")
    with ProcessPoolExecutor(workers(), initializer=_init,
                             initargs=(str(sheet.path), sheet.part, sheet.shared, hm, opts_for_workers)) as pool:
        pending = []
        for xml in _chain(first_xml, xml_chunks):
            pending.append(pool.submit(_work, xml))
            if len(pending) > workers():  # bounded: never more chunks in flight than the workers need
                _merge(pending.pop(0).result(), report, ctx, seen, wsh, mapper, progress, sheet)
        for fut in pending:
            _merge(fut.result(), report, ctx, seen, wsh, mapper, progress, sheet)
    return _sheet_finish(mapper, ctx, report)


def _chain(first, rest):
    yield first
    yield from rest


def _without_calendar(opts):
    """Workers load their own calendar (the same files), which keeps what is sent to them small."""
    from dataclasses import replace

    return replace(opts, calendar=None, keep_records=False)


def _merge(result, report, ctx, seen, wsh, mapper, progress, sheet) -> None:
    findings, keys, passed, no_data, rows, _last = result
    report.findings.extend(findings)
    for row, key, raw in keys:  # duplicates, in row order, exactly as rules/duplicates.py reports them
        first = seen.get(key)
        if first is None:
            seen[key] = row
        else:
            report.findings.append(duplicates.finding(Record(row, {wsh: raw}), ctx, first))
    ctx.state.setdefault("passed", []).extend(passed)
    for year, dates in no_data.items():
        ctx.state.setdefault("no_data", {}).setdefault(year, []).extend(dates)
    report.rows += rows
    if progress is not None:
        progress(report.rows)
