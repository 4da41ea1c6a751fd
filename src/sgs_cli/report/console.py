"""A rich console that does not crash on a GBK (cp936) Windows console: glyphs the encoding cannot
print are degraded, box drawing falls back to ASCII when needed."""

from __future__ import annotations

import codecs
import sys


def stream_encoding(stream=None) -> str:
    stream = stream or sys.stdout
    enc = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(enc).name
    except LookupError:
        return "utf-8"


def can_encode(text: str, stream=None) -> bool:
    try:
        text.encode(stream_encoding(stream))
        return True
    except UnicodeEncodeError:
        return False


def make_console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    enc = stream_encoding(stream)
    if enc not in ("utf-8", "utf-16", "utf-32", "gb18030"):
        # make unknown characters printable instead of raising UnicodeEncodeError
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    return Console(file=stream, highlight=False, soft_wrap=False, emoji=False,
                   legacy_windows=False, safe_box=True)


def box_style(console):
    from rich import box

    return box.SIMPLE_HEAD if can_encode("─│┼", console.file) else box.ASCII2
