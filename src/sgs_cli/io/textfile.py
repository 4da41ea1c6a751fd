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


def os_reason(e: OSError) -> str:
    """Why a file could not be read, in Chinese (io/guards.os_reason)."""
    from sgs_cli.io.guards import os_reason as reason

    return reason(e)


def check_regular(source: str | os.PathLike) -> None:
    """Refuse a device, FIFO or socket before it is opened (reading a FIFO without a writer blocks for
    ever; /dev/zero never ends): OSError(ENXIO)."""
    import errno
    import stat

    if str(source) == "-":
        return
    st = os.stat(Path(source).expanduser())
    if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        raise OSError(errno.ENXIO, "不是普通文件（设备或管道）", str(source))


def read_bounded(source: str | os.PathLike, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a file (``"-"``: standard input), at most ``limit`` of them: TextTooLarge when there are
    more. OSError (missing, no permission, a folder) is left to the caller, which knows what the file is."""
    if str(source) == "-":
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        data = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1).encode("utf-8")
    else:
        check_regular(source)
        with open(Path(source).expanduser(), "rb") as fh:
            data = fh.read(limit + 1)
    if len(data) > limit:
        raise TextTooLarge(len(data), limit)
    return data


class UnreadableText(ValueError):
    """Why a user's text file gave no text: ``kind`` is ``missing``, ``too_large``, ``os`` (permission, a folder,
    a device…) or ``encoding``; ``reason`` says it in Chinese. Each caller words the message for its own file."""

    def __init__(self, kind: str, reason: str = ""):
        super().__init__(kind, reason)
        self.kind, self.reason = kind, reason


def read_user_text(source: str | os.PathLike, encodings: tuple[str, ...] = ("utf-8-sig",),
                   limit: int = MAX_TEXT_BYTES) -> str:
    """The text of a file the user gives (``"-"``: standard input), bounded by ``limit`` bytes and decoded with
    the first of ``encodings`` that fits; UnreadableText otherwise."""
    try:
        data = read_bounded(source, limit)
    except TextTooLarge:
        raise UnreadableText("too_large", too_large_message(limit)) from None
    except FileNotFoundError:
        raise UnreadableText("missing", "不存在") from None
    except OSError as e:
        raise UnreadableText("os", os_reason(e)) from None
    for enc in encodings:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UnreadableText("encoding", "无法识别文件编码")


__all__ = ["MAX_TEXT_BYTES", "TextTooLarge", "UnreadableText", "check_regular", "os_reason", "read_bounded",
           "read_user_text", "too_large_message"]
