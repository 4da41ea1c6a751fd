"""A rich console that does not crash on a GBK (cp936) Windows console.

* Characters the stream's encoding cannot print are degraded to a close equivalent the encoding has
  (``›`` → ``>``, ``→`` → ``->``, ``✓`` → ``√``, ``✗`` → ``×``, box drawing → ``- | +``), and only then to
  ``?`` — never a UnicodeEncodeError.
* Box drawing falls back to ASCII tables when the encoding lacks it (:func:`box_style`).
* Output that is not a terminal (a pipe, a file, CI logs) is not hard-wrapped at 80 columns, so a
  message naming a cell stays on one line and can be searched for.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from typing import IO, cast

#: encodings that can print every character: nothing to degrade
_FULL_UNICODE = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "gb18030",
                 "utf-8-sig"}

#: replacement candidates per glyph, best first; the first one the encoding can print wins
FALLBACKS: dict[str, tuple[str, ...]] = {
    "›": (">",), "‹": ("<",), "»": (">>",), "«": ("<<",),
    "→": ("->",), "←": ("<-",), "⇒": ("=>",), "↑": ("^",), "↓": ("v",), "➜": ("->",), "▶": (">",), "►": (">",),
    "✓": ("√", "v"), "✔": ("√", "v"), "✗": ("×", "x"), "✘": ("×", "x"), "✕": ("×", "x"),
    "•": ("·", "*"), "·": ("*",), "●": ("*",), "○": ("o",), "■": ("#",), "□": ("[]",),
    "…": ("...",), "—": ("--",), "–": ("-",), "―": ("--",), "‐": ("-",), "−": ("-",),
    "“": ('"',), "”": ('"',), "„": ('"',), "‘": ("'",), "’": ("'",), "「": ("[",), "」": ("]",),
    "（": ("(",), "）": (")",), "，": (",",), "：": (":",), "；": (";",), "。": (".",), "、": (",",),
    "⚠": ("!",), "ℹ": ("i",), "×": ("x",), "√": ("v",), "≤": ("<=",), "≥": (">=",), "≠": ("!=",),
    "\u00a0": (" ",), "\u3000": ("  ",), "\u200b": ("",), "\ufeff": ("",),
}
for _chars, _rep in (("─━═┄┅┈┉╌╍╴╶╸╺╼╾", "-"), ("│┃║┆┇┊┋╎╏╵╷╹╻╽╿", "|"),
                     ("┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫╭╮╯╰┍┎┑┒┕┖┙┚┝┞┟┠┡┢┥┦┧┨┩┪┭┮┯┰┱┲┵┶┷┸┹┺┽┾┿╀╁╂╃╄╅╆╇╈╉╊",
                      "+")):
    for _ch in _chars:
        FALLBACKS[_ch] = (_rep,)


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


def degrade(text: str, encoding: str, _cache: dict | None = None) -> str:
    """``text`` with every character ``encoding`` cannot print replaced by its best printable
    equivalent (:data:`FALLBACKS`, then its NFKC compatibility form, then ``?``)."""
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    cache = {} if _cache is None else _cache
    out = []
    for ch in text:
        rep = cache.get(ch)
        if rep is None:
            rep = _degrade_char(ch, encoding)
            cache[ch] = rep
        out.append(rep)
    return "".join(out)


def _printable(s: str, encoding: str) -> bool:
    try:
        s.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def _degrade_char(ch: str, encoding: str) -> str:
    if _printable(ch, encoding):
        return ch
    for cand in FALLBACKS.get(ch, ()):
        if _printable(cand, encoding):
            return cand
        again = "".join(_degrade_char(c, encoding) if c != ch else "?" for c in cand)
        if "?" not in again:
            return again
    nfkc = unicodedata.normalize("NFKC", ch)
    if nfkc != ch and _printable(nfkc, encoding):
        return nfkc
    return "?"


class PrintableWriter:
    """A text stream proxy that passes everything through :func:`printable` (tables, progress bars and
    plain lines alike): a lone surrogate never reaches an encoder."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self._stream, name)


class GlyphSafeWriter:
    """A text stream proxy that degrades what the wrapped stream's encoding cannot print."""

    def __init__(self, stream, encoding: str):
        self._stream = stream
        self.encoding = encoding
        self._cache: dict[str, str] = {}

    def write(self, text: str) -> int:
        return self._stream.write(degrade(text, self.encoding, self._cache))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name):  # flush, isatty, fileno, errors, buffer …
        return getattr(self._stream, name)


def safe_stream(stream):
    """``stream`` itself when its encoding prints everything, else a :class:`GlyphSafeWriter` on it
    (with ``errors='replace'`` as the last resort for anything the writer lets through)."""
    enc = stream_encoding(stream)
    if enc in _FULL_UNICODE:
        return stream
    try:
        stream.reconfigure(errors="replace")
    except (AttributeError, ValueError, OSError):
        pass
    return GlyphSafeWriter(stream, enc)


#: surrogate escapes, with the 2-byte UTF-8 characters around them (GBK bytes can form some: 台 = CC A8 = U+0328)
_ESCAPED = re.compile("[\u0080-\u07ff\udc80-\udcff]*[\udc80-\udcff][\u0080-\u07ff\udc80-\udcff]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` without lone surrogates, which no stream can encode: a file name whose bytes are not UTF-8
    (GBK, as unzip leaves Windows names; Python keeps those bytes as surrogate escapes) is shown decoded
    as GB18030 when it is that, else with "?" for each byte.

    >>> printable("台账" + b"\\xc5\\xc5".decode("utf-8", "surrogateescape") + ".xlsx")
    '台账排.xlsx'
    """
    if text.isascii() or not _SURROGATE.search(text):  # isascii: a fast pass over the JSON of row numbers
        return text

    def gbk(m: re.Match) -> str:
        raw = m.group(0).encode("utf-8", "surrogateescape")
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return m.group(0).encode("utf-8", "surrogateescape").decode("utf-8", "replace")

    return _SURROGATE.sub("\ufffd", _ESCAPED.sub(gbk, text))


def json_text(text: str, stream=None) -> str:
    """A JSON document (``json.dumps(..., ensure_ascii=False)``) made printable on ``stream``: each
    character its encoding lacks becomes a JSON ``\\uXXXX`` escape (a surrogate pair beyond the BMP).
    Outside strings JSON is ASCII, so the result is the same JSON value, byte-exact data for scripts,
    and readable Chinese on a GBK console — where a plain write raises UnicodeEncodeError."""
    enc = stream_encoding(stream)
    text = printable(text)
    if enc in _FULL_UNICODE or _printable(text, enc):
        return text
    out = []
    for ch in text:
        if _printable(ch, enc):
            out.append(ch)
            continue
        cp = ord(ch)
        if cp > 0xFFFF:
            cp -= 0x10000
            out.append(f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}")
        else:
            out.append(f"\\u{cp:04x}")
    return "".join(out)


def write_json(text: str, stream=None) -> None:
    """Write a JSON document to ``stream`` (default stdout) with :func:`json_text`."""
    stream = stream or sys.stdout
    stream.write(json_text(text, stream))


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def make_console(stderr: bool = False, mask: bool = True):
    """The console every command prints through. ``mask``: ID numbers in any printed text are masked
    (masking.mask_ids) — everything but ``--show-sensitive`` output."""
    from rich.console import Console

    class SgsConsole(Console):
        def print(self, *objects, **kwargs):
            objects = tuple(printable(o) if isinstance(o, str) else o for o in objects)
            if mask:
                from sgs_cli.render.masking import mask_ids

                objects = tuple(mask_ids(o) for o in objects)
            return super().print(*objects, **kwargs)

    stream = sys.stderr if stderr else sys.stdout
    # the writer is a proxy of a text stream (every other attribute is the stream's): typed as one
    return SgsConsole(file=cast("IO[str]", PrintableWriter(safe_stream(stream))), highlight=False, soft_wrap=not _is_terminal(stream), emoji=False,
                      legacy_windows=False, safe_box=True)


def plain(console, text: str) -> None:
    """Print a line of data (file names, sheet names, cell text) with no markup: ``[/]`` in a path or a
    cell is printed as it is, never taken for a style tag."""
    console.print(text, markup=False)


def box_style(console):
    from rich import box

    return box.SIMPLE_HEAD if can_encode("─│┼", console.file) else box.ASCII2
