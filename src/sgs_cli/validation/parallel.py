"""Big sheets on several cores. A sheet's rows go to worker processes in batches — as sheet XML that
the worker parses (streamed .xlsx, chunked.py) or as rows already read (CSV, in-memory sheets). Each
worker runs every rule family on its batch apart from the rows before it (a family that needs every
earlier row, duplicates, only records its keys); the main process keeps the order and folds each batch's
family states into the sheet's through the families' own combine (rules/base.Rule), then finishes the
sheet, so the findings are exactly those of the serial path (tests/io/test_chunked.py compares them).

Only licence and penalty sheets: the annex kinds have rules that follow the rows in order (序号
continuity, unique 文号, the lead liaison) and are small anyway.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sgs_cli.validation import quiet_gc

_W: dict = {}  # per worker process: what the sheet's batches need

#: rows from which an in-memory sheet is worth the workers (their start-up is ~0.05 s with fork,
#: ~0.5 s where processes are spawned — Windows, macOS)
MIN_ROWS_FORK = 30_000  # the columnar engine: 10k rows take 2.15 s in one process, 2.34 s on two (2026-12-01)
MIN_ROWS_SPAWN = 30_000


def _init(sheet, hm, opts) -> None:
    quiet_gc()  # a spawned worker starts with Python's thresholds (a forked one has them already)
    _W.update(sheet=sheet, hm=hm, opts=opts)


def _rows(batch, xml_sheet):
    """A batch as (row number, values): sheet XML and CSV text are parsed, rows already read are used as
    they are."""
    from sgs_cli.io.source import batch_rows

    return batch_rows(batch, xml_sheet)


def _work(batch):
    """Validate one batch (sheet XML bytes or a list of (row number, values)); return what the main
    process merges."""
    from sgs_cli.validation.runner import run_batch, shared_states, sheet_start

    rows = _rows(batch, _W["sheet"])
    hm, opts = _W["hm"], _W["opts"]
    mapper, ctx, report, rules = sheet_start("", False, hm, opts)
    report.findings.clear()  # header findings are the main process's
    run_batch(rows, mapper, ctx, report, rules, partial=True)
    return report.findings, shared_states(ctx), report.rows


def workers() -> int:
    """Worker processes: 2 on a machine with 2 or more cores; the SGS_WORKERS environment variable
    overrides it (1 = everything in one process)."""
    env = os.environ.get("SGS_WORKERS", "").strip()
    if env.isdigit() and int(env) >= 1:
        return int(env)
    return min(2, os.cpu_count() or 1)


def worth_it(hm, opts, rows: int | None = None) -> bool:
    """Whether a sheet of this kind (and, for an in-memory sheet, this many rows) goes to the workers."""
    if workers() < 2 or opts.keep_records or hm.spec.kind not in ("license", "penalty"):
        return False
    if rows is None:
        return True
    # the method the pool will use (ProcessPoolExecutor takes the default context): fork on Linux,
    # spawn on Windows and macOS
    fork = multiprocessing.get_start_method() == "fork"
    return rows >= (MIN_ROWS_FORK if fork else MIN_ROWS_SPAWN)


def validate_parallel(name: str, hidden: bool, hm, batches, opts, progress=None, xml_sheet=None):
    """SheetReport of a sheet whose batches (XML of xml_sheet, or lists of rows) are validated in
    worker processes; progress(rows done) after each batch."""
    from dataclasses import replace

    from sgs_cli.validation.runner import run_batch, sheet_finish, sheet_start

    mapper, ctx, report, rules = sheet_start(name, hidden, hm, opts)
    _preload(mapper)
    # workers load their own calendar (the same files): keeps what is sent to them small
    opts_for_workers = replace(opts, calendar=None, keep_records=False)
    n = workers()
    batches = iter(batches)
    pending: list = []  # (batch, future) not merged yet, in order
    broken = False
    pool = ProcessPoolExecutor(n, initializer=_init, initargs=(xml_sheet, hm, opts_for_workers))
    try:
        for batch in batches:  # an error reading the input propagates as it would without workers
            try:
                pending.append((batch, pool.submit(_work, batch)))
            except (BrokenProcessPool, OSError):
                pending.append((batch, None))
                broken = True
                break
            if len(pending) > n and not _merge_first(pending, report, ctx, progress):
                broken = True  # bounded: never more batches in flight than the workers need
                break
        while pending and not broken:
            broken = not _merge_first(pending, report, ctx, progress)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if broken:
        # No worker processes here (a sandbox that forbids them, a worker killed for memory): the batches
        # not merged yet are checked in this process with the same state, so the findings do not change.
        for batch in _rest(pending, batches):
            run_batch(_rows(batch, xml_sheet), mapper, ctx, report, rules)
            if progress is not None:
                progress(report.rows)
    return sheet_finish(mapper, ctx, report)


def _preload(mapper) -> None:
    """Import the columnar engine's libraries (numpy, pandas, Arrow) before the workers are forked: they
    then share those pages with this process instead of importing them again (~0.3 s and ~170 MB each)."""
    from sgs_cli.validation import columnar

    if columnar.enabled(mapper) and multiprocessing.get_start_method() == "fork":
        preload_columnar()


def preload_columnar() -> None:
    """Import the libraries of the columnar engine (about 0.5 s of CPU: pandas, numpy, Arrow's compute)."""
    import pandas  # noqa: F401  (numpy and pyarrow with it)
    import pyarrow.compute  # noqa: F401


#: a workbook read whole from this size on (compressed) most likely holds a sheet of more rows than
#: columnar.SMALL_ROWS (2,000 generated penalty rows: 300–400 KB); below it the import could outlast the read
PRELOAD_BYTES = 512 * 1024


def import_rules() -> None:
    """Import what checking a recognised sheet needs (header recognition, the rule families, the runner)."""
    import sgs_cli.records.header  # noqa: F401
    import sgs_cli.rules.annex  # noqa: F401
    import sgs_cli.rules.duplicates  # noqa: F401
    import sgs_cli.rules.sheets  # noqa: F401
    import sgs_cli.rules.timeliness  # noqa: F401
    import sgs_cli.validation.runner  # noqa: F401


def preload_while_reading(path, opts) -> None:
    """When a workbook is read whole in the reader child (io/contain.py), do here meanwhile what its
    sheets will need (issue 32): the read and this work overlap on two cores instead of following each
    other. The rules' modules (import_rules), the working-day calendar (rules.timeliness loads it on first
    use: the chinesecalendar tables, the override files), and — for a workbook big enough that its sheet will go through the columnar
    engine — that engine's libraries. A calendar that fails to load is loaded again, and fails, where it
    is needed."""
    from pathlib import Path

    from sgs_cli.io import contain
    from sgs_cli.io.inputs import EXCEL_SUFFIXES
    from sgs_cli.validation import columnar

    path = Path(path)
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        return
    contain.meanwhile(import_rules)
    if opts.calendar is None:
        contain.meanwhile(lambda: _load_calendar(opts))
    if (opts.kind in ("auto", "license", "penalty") and columnar.choice() != "row"
            and path.stat().st_size >= PRELOAD_BYTES):
        contain.meanwhile(preload_columnar)


def _load_calendar(opts) -> None:
    from sgs_cli.rules.timeliness import options_calendar

    options_calendar(opts)


def _merge_first(pending: list, report, ctx, progress) -> bool:
    """Merge the oldest batch's result; False when the worker pool broke (the batch stays pending)."""
    fut = pending[0][1]
    if fut is None:
        return False
    try:
        result = fut.result()
    except BrokenProcessPool:
        return False
    _merge(result, report, ctx, progress)
    pending.pop(0)
    return True


def _rest(pending: list, batches):
    for batch, _ in pending:
        yield batch
    yield from batches


def split(rows: list, parts: int) -> list[list]:
    """An in-memory sheet's (row number, values) list cut into `parts` nearly equal batches."""
    size = -(-len(rows) // parts) or 1
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def _merge(result, report, ctx, progress) -> None:
    from sgs_cli.rules.codes import CATALOGUE
    from sgs_cli.validation.runner import combine_states

    findings, states, rows = result
    # the duplicates the merge finds go where the serial pass puts them: in row order, and within a row in
    # the order the families run (the batch's own findings are already so)
    findings = findings + combine_states(ctx, states)
    rank = {rule.name: i for i, rule in enumerate(ctx.families)}
    findings.sort(key=lambda f: (f.row or 0, rank.get(CATALOGUE[f.code].family, len(rank))))
    report.findings.extend(findings)
    report.rows += rows
    if progress is not None:
        progress(report.rows)
