"""Reading a text file the user gives (a holiday notice, a holiday JSON file, a scoring scheme) with a bound
on its size: a parser of user text is never handed more than ``limit`` bytes, whatever the file holds
(a device such as /dev/zero, a 2 GB file named .txt)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: the largest text file sgs reads: a notice is ~3 KB, a holiday file or a scheme a few KB
MAX_TEXT_BYTES = 1_000_000


class TextTooLarge(ValueError):
    """The text passes ``limit`` bytes (``size`` is what was read before stopping, at least limit + 1)."""

    def __init__(self, size: int, limit: int):
        super().__init__(f"{size} > {limit}")
        self.size, self.limit = size, limit


def too_large_message(limit: int = MAX_TEXT_BYTES) -> str:
    return f"超过 {limit // 1000:,} KB，不像是这类文本文件"


def read_bounded(source: str | os.PathLike, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a file (``"-"``: standard input), at most ``limit`` of them: TextTooLarge when there are
    more. OSError (missing, no permission, a folder) is left to the caller, which knows what the file is."""
    if str(source) == "-":
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        data = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1).encode("utf-8")
    else:
        with open(Path(source).expanduser(), "rb") as fh:
            data = fh.read(limit + 1)
    if len(data) > limit:
        raise TextTooLarge(len(data), limit)
    return data


__all__ = ["MAX_TEXT_BYTES", "TextTooLarge", "read_bounded", "too_large_message"]
