"""A progress bar (rows done, rows/s) for large inputs on a terminal; nothing when output is piped."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def progress_for(enabled: bool):
    """Yields a factory path → callback(fraction, rows) (or None when disabled / not a TTY)."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from sgs_cli.render.console import can_encode, make_console

    bar = BarColumn() if can_encode("━", sys.stderr) else BarColumn(complete_style="white", style="dim")
    with Progress(TextColumn("{task.description}"), bar, TextColumn("{task.fields[rows]:,} 行"),
                  TextColumn("{task.fields[rate]:,.0f} 行/秒"), TimeElapsedColumn(),
                  console=make_console(stderr=True), transient=True) as prog:
        def factory(path):
            from rich.markup import escape

            task = prog.add_task(f"校验 {escape(Path(path).name)}", total=1.0, rows=0, rate=0.0)

            def tick(fraction: float, rows: int) -> None:
                elapsed = prog.tasks[task].elapsed or 1e-9
                prog.update(task, completed=min(fraction, 1.0), rows=rows, rate=rows / elapsed)
            return tick
        yield factory
