"""Bounded-memory reading of large .xlsx files.

python-calamine parses a sheet fast but holds the whole sheet (about 4 GB at 1,000,000 rows × 30
columns). For large workbooks the sheet XML is inflated as a stream and cut at ``</row>`` boundaries into
chunks of ``chunk_rows`` rows; each chunk is wrapped in a small in-memory workbook (the original
workbook.xml, styles and shared strings, the chunk as the sheet) and parsed by calamine. Physical row
numbers come from the cells' own ``r`` attributes, so gaps and the real row numbers are kept; the
``<dimension>`` element is dropped (WPS writes wrong ones, and calamine would size the range from it).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path

from sgs_cli.io.sheetxml import SheetPart

CHUNK_ROWS = 10_000
#: rows of the first chunk at most: the main process parses it for the header (records.header) before the
#: workers get any work, so it is kept small; the workers parse it again with the others
FIRST_CHUNK_ROWS = 1_000
LARGE_BYTES = 8 * 1024 * 1024  # compressed .xlsx size from which the chunked path is used
_BLOCK = 4 * 1024 * 1024
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*/>")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b[^>]*?(/?)>")
_SST_ITEM = re.compile(rb"<si\b[^>]*/>|<si\b.*?</si>", re.S)
SPARSE_SST_BYTES = 1 << 20  # shared-string tables from this size are cut down per chunk
#: calamine allocates a dense range over the cells it parses (start to end address): a chunk whose range
#: would exceed this many cells (and four times its real cells) is parsed in smaller groups of rows
CELL_BUDGET = 2_000_000
MAX_ROW, MAX_COL = 1_048_576, 16_384  # Excel's last cell, XFD1048576
#: a cell's address as calamine reads it: letters in either case and any number of them, digits however
#: many (leading zeros; a number past 2**32, which calamine wraps around): each past XFD1048576 is named
_ADDR = re.compile(rb"""<(?:\w+:)?c\b[^>]*?\br=["']([A-Za-z]+)(\d+)["']""")
_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\b[^>]*?\bref=["']([A-Z]{1,4})(\d{1,8}):([A-Z]{1,4})(\d{1,8})["']""")
_SST_COUNTS = re.compile(rb"""\s(?:count|uniqueCount)=["'][^"']*["']""")
#: every whole number a <v> starts with (any cell's): a superset of the shared-string indices calamine reads
_V_NUMBER = re.compile(rb"<(?:\w+:)?v>\s*(\d+)")
_WHITESPACE = b" \t\n\r"  # XML's white space: what may sit around an attribute's "=" and before its name
#: the bytes of a plain shared-string reference after the "=" of its t attribute: ="s"><v>
_PLAIN_SST_TAIL = b'"s"><v>'
MAX_SST_DIGITS = 18  # digits of an index renumbered in place (int64 holds them)


def _fallback_refs(xml: bytes) -> list[int]:
    """The shared-string indices a chunk of sheet XML may use, for a chunk whose references are not all spelled
    plainly: every whole number a <v> element starts with, and 0 — calamine reads a shared-string cell whose
    value is not a plain number (``<v> 2</v>``, ``<v>2.0</v>``) as item 0 (tests/io/test_chunk_strings.py)."""
    return [0, *map(int, _V_NUMBER.findall(xml))]


def _plain_refs(xml: bytes):
    """(offset of the first digit, digit count, index) arrays of the shared-string references of a piece of sheet
    XML, found in numpy over its bytes, when every one is spelled `` t="s"><v>N</v>`` with N 1–18 ASCII digits (as
    Excel, WPS and the usual libraries write) and no attribute of the XML has white space around its "=", in any
    order; None otherwise (the chunk then keeps the table's numbers, _chunk_parts)."""
    import numpy as np

    buf = np.frombuffer(xml, dtype=np.uint8)
    n = len(buf)
    space = np.zeros(256, dtype=bool)
    space[list(_WHITESPACE)] = True
    eq = np.flatnonzero(buf == 61)  # "=": every attribute has one (a few more in text and formulas)
    if not len(eq):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    if eq[0] < 2 or eq[-1] + 12 >= n or (space[buf[eq - 1]] | space[buf[eq + 1]]).any():
        return None  # t = "s" is the t attribute too
    quote = buf[eq + 1]
    t = eq[(buf[eq - 1] == 116) & (buf[eq + 2] == 115) & ((quote == 34) | (quote == 39)) & (buf[eq + 3] == quote)]
    if not space[buf[t - 2]].all():
        return None  # xt="s", x:t="s": another attribute, or t in a namespace — let the regexes decide
    for i, ch in enumerate(_PLAIN_SST_TAIL, start=1):
        if (buf[t + i] != ch).any():
            return None  # t='s', t="s"/>, t="s"><f>…: another spelling
    first = t + len(_PLAIN_SST_TAIL) + 1
    value = np.zeros(len(t), dtype=np.int64)
    width = np.zeros(len(t), dtype=np.int64)
    going = np.ones(len(t), dtype=bool)
    for j in range(MAX_SST_DIGITS + 1):
        d = buf[np.minimum(first + j, n - 1)].astype(np.int64) - 48
        going &= (d >= 0) & (d <= 9)
        if not going.any():
            break
        value = np.where(going, value * 10 + d, value)
        width += going
    if ((width < 1) | (width > MAX_SST_DIGITS)).any():
        return None
    end = first + width
    if (end + 4 > n).any():
        return None
    for i, ch in enumerate(b"</v>"):
        if (buf[end + i] != ch).any():
            return None  # <v>12 </v>, <v>1.5</v>: calamine reads another index
    return first, width, value


def _ranks(old):
    """(the distinct indices of ``old`` ascending, each one's rank among them): np.unique's answer, by a mark
    array over the indices' range when that is at most 64 bytes per reference (a chunk's indices crowd together:
    its new strings follow one another in the table), else by a sort."""
    import numpy as np

    lo, hi = int(old.min()), int(old.max())
    if hi - lo < 64 * len(old):
        mark = np.zeros(hi - lo + 1, dtype=bool)
        mark[old - lo] = True
        used = np.flatnonzero(mark) + lo
    else:
        used = np.unique(old)
    return used, np.searchsorted(used, old)


def _write_numbers(xml: bytearray, first, width, numbers) -> None:
    """Write each number over the digits at first[i] (width[i] of them), right-aligned and padded with zeros
    (calamine reads ``<v>0012</v>`` as 12): the sheet XML keeps its length, no piece of it is copied."""
    import numpy as np

    out = np.frombuffer(xml, dtype=np.uint8)
    last = first + width - 1
    rest = numbers.astype(np.uint32)  # a chunk's ranks are fewer than its cells
    for j in range(int(width.max(initial=0))):
        at = last - j
        out[at] = np.where(width > j, (rest % 10).astype(np.uint8) + 48, out[at])
        rest //= 10


#: bytes of a shared-string table scanned at a time by _plain_item_spans (bounds its temporary arrays)
_SPAN_BLOCK = 1 << 24


def _pairs_in(data: bytes, two: bytes, lo: int, hi: int):
    """Offsets p, lo <= p < hi (lo even), where data[p:p + 2] == two: the bytes as 16-bit values at even
    and at odd offsets, two whole-array comparisons (the even ones first, then the odd ones: unsorted)."""
    import numpy as np

    key, found = int.from_bytes(two, "little"), []
    for start in (lo, lo + 1):
        count = (min(hi - 1, len(data) - 2) - start) // 2 + 1
        if count > 0:
            values = np.frombuffer(data, dtype="<u2", count=count, offset=start)
            found.append(np.flatnonzero(values == key) * 2 + start)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _plain_item_spans(data: bytes):
    """(starts, ends) of the items of a shared-string table, as _SST_ITEM.finditer finds them, in numpy
    over the bytes when every item is spelled ``<si>…</si>`` or ``<si/>`` (no attributes) and the items
    follow one another; None otherwise (the regex decides). The regex pass spent 5.1 s of the main process
    on the 4.9 million items of a 1M-row Excel-style ledger before any worker had work (2026-12-08)."""
    import numpy as np

    full = np.frombuffer(data, dtype=np.uint8)
    word = np.zeros(256, dtype=bool)  # what continues a name (the regex's \b: ASCII letters, digits, _)
    word[[*range(48, 58), *range(65, 91), *range(97, 123), 95]] = True
    opens, empties, closes = [], [], []
    for lo in range(0, len(data), _SPAN_BLOCK):
        hi = min(lo + _SPAN_BLOCK, len(data))
        at = _pairs_in(data, b"<s", lo, hi)
        at = at[at + 4 < len(data)]
        at = at[(full[at + 2] == 105) & ~word[full[at + 3]]]  # "<si" ending its name
        after = full[at + 3]
        empty = (after == 47) & (full[at + 4] == 62)  # <si/>
        if not ((after == 62) | empty).all():
            return None  # attributes, or another spelling
        opens.append(at[after == 62])
        empties.append(at[empty])
        at = _pairs_in(data, b"/s", lo, hi)  # fewer than "</": every </t> has one of those
        at = at[(at >= 1) & (at + 3 < len(data))]
        closes.append(at[(full[at - 1] == 60) & (full[at + 2] == 105) & (full[at + 3] == 62)] - 1)  # "</si>"
    # sorted: each block's offsets are two ascending runs (even, odd), which a stable sort merges in one pass
    opens_, empties_, closes_ = (np.sort(np.concatenate(a), kind="stable") if a else np.zeros(0, dtype=np.int64)
                                 for a in (opens, empties, closes))
    if len(closes_) != len(opens_):
        return None
    starts = np.concatenate([opens_, empties_])
    ends = np.concatenate([closes_ + 5, empties_ + 5])
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    is_open = np.zeros(len(starts), dtype=bool)
    is_open[:len(opens_)] = True
    is_open = is_open[order]
    # each item's end after its own start, before the next item's start: the regex's pairing
    if (ends[is_open] < starts[is_open] + 9).any() or (ends[:-1] > starts[1:]).any():
        return None
    return starts.astype(np.int64), ends.astype(np.int64)


class AddressError(ValueError):
    """A cell address past Excel's last cell XFD1048576."""


def _col_number(letters: bytes) -> int:
    """The column number of address letters (either case, as calamine); past MAX_COL from four letters on."""
    if len(letters) > 4:
        return MAX_COL + 1
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _row_number(digits: bytes) -> int:
    """The row number of address digits; MAX_ROW + 1 for more than eight significant digits (no int() of a
    text of thousands of digits)."""
    significant = digits.lstrip(b"0")
    return int(significant or b"0") if len(significant) <= 8 else MAX_ROW + 1


def _address_text(letters: bytes, digits: bytes) -> str:
    """An address as AddressError names it: the row as a number, at most 24 characters."""
    text = letters.decode() + (str(_row_number(digits)) if len(digits.lstrip(b"0")) <= 8 else digits.decode())
    return text if len(text) <= 24 else text[:24] + "…"


def addresses(xml: bytes) -> tuple[int, int, int, int, int]:
    """(cells, first row, last row, first column, last column), 1-based, of the cell addresses in a piece
    of sheet XML; raises AddressError for an address past XFD1048576."""
    got = _plain_addresses(xml) if len(xml) >= NUMPY_MIN_BYTES else None  # numpy's import outweighs a small scan
    if got is not None:
        return got
    pairs = _ADDR.findall(xml)  # in C: a Python step per cell made this pass cost ~1 s per 600,000 cells
    if not pairs:
        return 0, MAX_ROW + 1, 0, MAX_COL + 1, 0
    letters, digits = zip(*pairs)
    rows = list(map(_row_number, set(digits)))  # distinct row numbers only
    cols = [_col_number(c) for c in set(letters)]  # a sheet has few distinct column letters
    r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
    if c1 > MAX_COL or r1 > MAX_ROW or r0 < 1:
        for m in _ADDR.finditer(xml):  # name the first address past the last cell
            c, r = _col_number(m.group(1)), _row_number(m.group(2))
            if c > MAX_COL or r > MAX_ROW or r < 1:
                raise AddressError(_address_text(m.group(1), m.group(2)))
    return len(pairs), r0, r1, c0, c1


#: sheet XML from which the cell addresses are found in numpy (_plain_addresses); below it the regex pass
#: is cheaper than importing numpy (a 30-row sheet: ~0.1 s of a 0.5 s run)
NUMPY_MIN_BYTES = 1 << 20
#: the bytes the regex's \b counts as part of a name (ASCII letters, digits, _)
_WORD_BYTES = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
#: colons looked at one by one (bytes.find: memchr) before _plain_addresses turns to numpy for them
_FEW_COLONS = 64
#: bytes of sheet XML scanned at a time by _plain_addresses: its arrays stay small (no fresh pages per call)
_ADDRESS_BLOCK = 1 << 21
#: SWAR constants of _plain_addresses (eight bytes in one 64-bit word, the first byte the highest)
_HIGH, _LOW7 = 0x8080808080808080, 0x7F7F7F7F7F7F7F7F
#: times a word of 0x01/0x00 bytes (each byte's flag moved to its bit 0): its top byte is the 8 flags, the
#: first byte's in bit 7 (the classic movemask by multiplication; no two partial products overlap)
_GATHER = sum(1 << (7 + 7 * i) for i in range(8))


@cache
def _address_tables():
    """(word, shift, quote) lookup tables of _plain_addresses, indexed by a byte or an 8-bit flag mask
    (bit 7 for the first byte): ``word[b]``: b continues a name; ``shift[m]``: 8 × the number of leading
    letters when it is 1–3, else 0; ``quote[m]``: 56 − 8 × the number of leading digits (at most 7)."""
    import numpy as np

    def leading(mask: int, bit: int) -> int:
        k = 0
        while k < 8 and (mask >> (7 - k)) & 1 == bit:
            k += 1
        return k

    word = np.zeros(256, dtype=bool)
    word[list(_WORD_BYTES)] = True
    shift = np.array([8 * leading(m, 1) if 1 <= leading(m, 1) <= 3 else 0 for m in range(256)], dtype=np.uint64)
    quote = np.array([56 - 8 * min(leading(m, 0), 7) for m in range(256)], dtype=np.uint64)
    return word, shift, quote


def _prefixed_cell(xml: bytes) -> bool | None:
    """Whether the XML may hold a cell tag with a namespace prefix (``:c`` before a byte that ends a name);
    None when it has too many colons to look at one by one."""
    at, k = xml.find(b":"), 0
    while at >= 0:
        k += 1
        if k > _FEW_COLONS:
            return None
        if xml[at + 1:at + 2] == b"c" and at + 2 < len(xml) and xml[at + 2] not in _WORD_BYTES:
            return True
        at = xml.find(b":", at + 1)
    return False


def _plain_addresses(xml: bytes) -> tuple[int, int, int, int, int] | None:
    """addresses() of XML whose every cell tag is spelled ``<c r="`` + an address of 1–3 letters and 1–7
    digits (no leading zero) + ``"`` (as Excel, WPS and the usual libraries write), in numpy over the bytes,
    without a Python object per cell (the regex pass costs ~18 µs per 30-cell row). None when a cell is
    spelled otherwise, or an address is past the last cell: the regex pass decides (and names the address).

    Exact, not a shortcut: every cell the regex (_ADDR) would count is looked at, and the answer is the
    regex's whenever it is not None. Every ``<c`` is found (the bytes as 16-bit values at even and at odd
    offsets, two whole-array comparisons); one followed by a name byte is another element (``<col>``),
    one followed by anything but `` r="`` is a cell spelled otherwise (None); a ``:c`` followed by a
    non-name byte may be a prefixed cell (None). For each cell the 16 bytes after ``<c`` are gathered once
    as two 64-bit words and tested in all lanes at once (SWAR): 1–3 letters A–Z, then 1–7 digits whose
    first is not 0, then ``"`` — anything else (a lowercase or fourth letter, an eighth digit, a leading
    zero, the other quote) is None. Such an address reads the same under the regex. Its letters and its
    digits, each right-aligned in a word, order as the numbers they stand for (a longer run is the larger
    number: the first letter or digit is not zero), so only the two extremes of each are converted. A
    row in one tag and a cell address in another (a cell may lie about its row) is no matter: rows are
    taken from the cells alone. A 10,000-row chunk of 19 cells a row: 41 → 10 ms with inline strings (15 MB),
    22 → 7 ms with shared strings (2026-12-08, CPU)."""
    import numpy as np

    size = len(xml)
    prefixed = _prefixed_cell(xml)
    if prefixed is None:  # many colons (times, addresses in the text): in numpy
        buf = np.frombuffer(xml, dtype=np.uint8)
        at = np.flatnonzero(buf[:-2] == 58)
        prefixed = bool((buf[at + 1] == 99)[~_address_tables()[0][buf[at + 2]]].any()) if len(at) else False
    if prefixed:
        return None
    n, rows, cols = 0, list[int](), list[int]()  # each block's least and greatest packed address
    for lo in range(0, size, _ADDRESS_BLOCK):
        got = _plain_block(xml, lo, min(lo + _ADDRESS_BLOCK, size))
        if got is None:
            return None
        if got[0]:
            n += got[0]
            rows += got[1:3]
            cols += got[3:]
    if not n:
        return 0, MAX_ROW + 1, 0, MAX_COL + 1, 0
    r0, r1 = (int((v >> 8).to_bytes(8, "big").lstrip(b"\0")) for v in (min(rows), max(rows)))
    c0, c1 = (_col_number(v.to_bytes(8, "big").lstrip(b"\0")) for v in (min(cols), max(cols)))
    if c1 > MAX_COL or r1 > MAX_ROW:
        return None
    return n, r0, r1, c0, c1


def _plain_block(xml: bytes, lo: int, hi: int) -> tuple[int, int, int, int, int] | None:
    """(cells, least and greatest row key, least and greatest column key) of the cells whose ``<c`` starts
    at lo <= offset < hi (lo even), as _plain_addresses computes them; None as there."""
    import numpy as np
    from numpy.lib.stride_tricks import as_strided

    size = len(xml)
    # "<c" (0x633C as a little-endian 16-bit value) at even offsets, or'ed with those at odd offsets: one
    # nonzero pass; two "<c" never share a pair, so the byte at the even offset tells which one it is
    last = min(hi, size - 1)  # a pair starts before it
    hits = np.frombuffer(xml, dtype="<u2", count=(last - lo + 1) // 2, offset=lo) == 0x633C
    odd = (last - lo) // 2
    if odd:
        hits[:odd] |= np.frombuffer(xml, dtype="<u2", count=odd, offset=lo + 1) == 0x633C
    at = np.flatnonzero(hits) * 2
    if not len(at):
        return 0, 0, 0, 0, 0
    if lo + at[-1] + 19 > size:  # the window of the last cells stays inside: a padded copy of the block
        buf = np.frombuffer(xml[lo:] + bytes(19), dtype=np.uint8)
    else:
        buf, at = np.frombuffer(xml, dtype=np.uint8), at + lo
    at += buf[at] != 60
    word, shift, quote = _address_tables()
    windows = as_strided(buf, shape=(len(buf) - 15, 16), strides=(1, 1))[at + 2].view(">u8")
    w0, w1 = windows[:, 0], windows[:, 1]  # ' r="' and the address's bytes 0–3; its bytes 4–11
    u64 = np.uint64
    tag = (w0 >> u64(32)) == u64(0x20723D22)  # ' r="'
    if not tag.all():
        if not word[(w0[~tag] >> u64(56)).astype(np.intp)].all():
            return None  # <c followed by something else than a name byte: a cell spelled otherwise
        w0, w1 = w0[tag], w1[tag]
        if not len(w0):
            return 0, 0, 0, 0, 0
    a = (w0 << u64(32)) | (w1 >> u64(32))  # the address's bytes 0–7
    b = (w1 << u64(32)) >> u64(1)  # its bytes 8–11, shifted right once (for a shift of 64 - 8 × letters)
    low = a & u64(_LOW7)  # letters: 0x41 <= byte <= 0x5A (no carry between lanes: low + 0x3F <= 0xBE)
    letters = (low + u64(0x3F3F3F3F3F3F3F3F)) & ~((low + u64(0x2525252525252525)) | a) & u64(_HIGH)
    sh = shift[(((letters >> u64(7)) * u64(_GATHER)) >> u64(56)).view(np.int64)]  # 8 × letters (1–3), else 0
    back = u64(63) - sh
    x = (a << sh) | (b >> back)  # the bytes after the letters: digits, quote, …
    d = x ^ u64(0x3030303030303030)  # digits: 0x30 <= byte <= 0x39
    other = (((d & u64(_LOW7)) + u64(0x7676767676767676)) | d) & u64(_HIGH)
    rows = x >> quote[(((other >> u64(7)) * u64(_GATHER)) >> u64(56)).view(np.int64)]  # the digits, the byte after
    ok = (sh != 0) & ((rows & u64(0xFF)) == u64(0x22)) & (((x >> u64(56)) - u64(0x31)) < u64(9))
    if not ok.all():
        return None
    cols = (a >> u64(1)) >> back  # the letters, right-aligned
    return len(w0), int(rows.min()), int(rows.max()), int(cols.min()), int(cols.max())


def dense_ok(n: int, r0: int, r1: int, c0: int, c1: int) -> bool:
    """Whether calamine may parse these cells at once: the dense range it allocates is bounded by data."""
    if not n:
        return True
    area = (r1 - r0 + 1) * (c1 - c0 + 1)
    return area <= max(CELL_BUDGET, 4 * n)


def scan_sheet(fh) -> tuple[tuple[int, int, int, int, int], list[tuple[int, int, int, int]]]:
    """Stream a worksheet part once: the extent of its cell addresses (as :func:`addresses`) and its
    merged ranges, 0-based (r0, c0, r1, c1), clipped to Excel's last cell. The searches for a DTD and for
    merged ranges first ask whether the block could hold one (a "!" byte: memchr; "mergeCell"), so a block
    of cells costs what inflating and :func:`addresses` cost (10,000 inline-string rows: 89 ms → ~40 ms)."""
    n, r0, r1, c0, c1 = 0, MAX_ROW + 1, 0, MAX_COL + 1, 0
    merged: list[tuple[int, int, int, int]] = []
    tail = b""
    while True:
        block = fh.read(_BLOCK)
        _refuse_dtd(block, 0)
        buf = tail + block
        cut = buf.rfind(b">") + 1 if block else len(buf)
        piece, tail = buf[:cut], buf[cut:]
        k, a, b, c, d = addresses(piece)
        if k:
            n, r0, r1, c0, c1 = n + k, min(r0, a), max(r1, b), min(c0, c), max(c1, d)
        for m in _MERGE.finditer(piece) if b"mergeCell" in piece else ():
            if len(merged) < 100_000:
                ra, rb_ = int(m.group(2)), int(m.group(4))
                ca, cb = _col_number(m.group(1)), _col_number(m.group(3))
                merged.append((max(ra, 1) - 1, max(ca, 1) - 1, min(rb_, MAX_ROW) - 1, min(cb, MAX_COL) - 1))
        if not block:
            break
    return (n, r0, r1, c0, c1), merged


def streamed(path: Path) -> str | None:
    """"xlsx" or "csv" when a file is big enough to be read as a stream in chunks, else None (read whole).
    Validation and the error receipt both decide with this, so they read a file the same way."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv") or not path.is_file() or path.stat().st_size <= LARGE_BYTES:
        return None
    return "csv" if suffix == ".csv" else "xlsx"


#: members of a workbook a chunk does not need: the sheets themselves, pictures, drawings, document properties
_NOT_FOR_CHUNKS = ("xl/worksheets/", "xl/media/", "xl/drawings/", "docProps/")


def _for_chunks(name: str) -> bool:
    return not name.startswith(_NOT_FOR_CHUNKS)


def _without_counts(data: bytes) -> bytes:
    """A shared-string table (or its head) without its count attributes: calamine reserves memory for the declared
    string count (a lying count of 99,999,999,999 aborts the process); the count is optional, so it is dropped."""
    start = data.find(b"<sst")
    end = data.find(b">", start)
    if start >= 0 and end > start:
        with memoryview(data) as view:  # one copy of a large table
            data = b"".join((view[:start], _SST_COUNTS.sub(b"", data[start:end]), view[end:]))
    return data


def _sst_member(parts: dict[str, bytes]) -> str | None:
    return next((n for n in parts if n.lower().endswith("sharedstrings.xml")), None)


def _sst_layout(parts: dict[str, bytes]):
    """(member name, head without the counts, item starts, item ends, tail) of a large shared-string table among
    a workbook's parts (starts and ends: int64 arrays); None when there is none, it is small, or its XML is not
    the plain form this expects."""
    name = _sst_member(parts)
    data = parts.get(name) if name else None
    if data and len(data) >= SPARSE_SST_BYTES:
        import numpy as np

        spans = _plain_item_spans(data)
        if spans is None:
            found = [m.span() for m in _SST_ITEM.finditer(data)]
            spans = (np.array([a for a, _ in found], dtype=np.int64), np.array([b for _, b in found], dtype=np.int64))
        starts, ends = spans
        if len(starts) and b"<si" not in data[int(ends[-1]):] and b"</si>" not in data[:int(starts[0])]:
            return name, _without_counts(data[:int(starts[0])]), starts, ends, data[int(ends[-1]):]
    return None


class WorkbookParts:
    """The members of a streamed workbook that every chunk is wrapped with (all but the sheets, pictures,
    drawings and document properties), read once — by source.open_input while it guards the file, so the
    shared-string table is inflated once — and the layout of a large shared-string table (``sst``, computed on
    first use: open_input has it computed while the reader child opens the workbook). A chunk never gets the
    table's count attributes (_without_counts): a large table loses them from its head only, and is copied
    whole without them only when its chunks get it whole (``sst`` is None)."""

    def __init__(self, parts: dict[str, bytes]):
        self.parts = parts

    @classmethod
    def read(cls, z: zipfile.ZipFile, skip: str = "") -> "WorkbookParts":
        """The parts of an open workbook (``skip``: a sheet's own member, wherever it is)."""
        return cls({info.filename: z.read(info.filename) for info in z.infolist()
                    if info.filename != skip and _for_chunks(info.filename)})

    @cached_property
    def sst(self):
        layout = _sst_layout(self.parts)
        name = _sst_member(self.parts)
        if layout is None and name:
            self.parts[name] = _without_counts(self.parts[name])
        return layout


_ROW_END = b"</row>"
_DTD = (b"<!DOCTYPE", b"<!ENTITY")
_HALVE_BYTES = 1 << 16  # _nth_end counts in halves down to spans of this size


def _refuse_dtd(buf: bytes | bytearray, start: int) -> None:
    """Raise for a DTD or an entity declaration in buf from ``start`` on, or across ``start`` (a tag cut
    between two blocks): the first look is for a "!" byte (memchr)."""
    if has_dtd(buf, max(0, start - max(map(len, _DTD)) + 1)):
        raise ValueError("DOCTYPE/ENTITY in a worksheet")  # guards._calamine_error: entity


def has_dtd(buf: bytes | bytearray, start: int = 0) -> bool:
    """Whether buf holds a DTD or an entity declaration from ``start`` on (the first look is for a "!": memchr)."""
    return buf.find(b"!", start) >= 0 and any(buf.find(d, start) >= 0 for d in _DTD)


def _nth_end(buf: bytearray, k: int, lo: int = 0) -> int:
    """The offset just past the k-th ``</row>`` of buf that starts from ``lo`` on (k >= 1; buf has at least k):
    halves the span by a count in C while many are left, then finds the last few one by one."""
    tag = _ROW_END
    hi = len(buf)
    while k > 8 and hi - lo > _HALVE_BYTES:
        mid = (lo + hi) // 2
        c = buf.count(tag, lo, mid)
        if c >= k:
            hi = mid  # the k-th lies whole before mid
        else:  # those counted start before mid - len(tag) + 1; one that starts from there on is not counted
            k, lo = k - c, mid - len(tag) + 1
    at = lo
    for _ in range(k):
        at = buf.find(tag, at) + len(tag)
    return at


#: compressed bytes inflated at a time by _Inflated (each call's output is also bounded by the block asked for)
_INFLATE_IN = 1 << 19


class _Inflated:
    """A deflated zip member read straight through zlib, in blocks of at most the size asked for, its CRC-32
    checked at the end as zipfile checks it (zipfile.BadZipFile; EOFError for a stream cut short). zipfile's own
    reader re-feeds up to a whole block of compressed bytes on every call: 3.0 s against 2.2 s of CPU for the
    1.56 GB sheet of a 1M-row ledger (2026-12-08). For any other member, zipfile's reader (:func:`_member`)."""

    def __init__(self, path: Path, info: zipfile.ZipInfo):
        self.info, self.fh = info, open(path, "rb")
        try:
            self.fh.seek(info.header_offset)
            head = self.fh.read(30)
            if len(head) != 30 or head[:4] != b"PK\x03\x04":
                raise zipfile.BadZipFile("Bad magic number for file header")
            name_len, extra_len = struct.unpack("<HH", head[26:30])
            self.fh.seek(name_len + extra_len, 1)
        except BaseException:
            self.fh.close()
            raise
        self.left, self.crc, self.z = info.compress_size, 0, zlib.decompressobj(-15)
        self.size = info.file_size  # bytes still to come: no more than declared, as zipfile (a lying size)

    def read(self, n: int) -> bytes:
        while not self.z.eof and self.size > 0:
            data = self.z.unconsumed_tail
            if not data and self.left:
                data = self.fh.read(min(self.left, _INFLATE_IN))
                self.left -= len(data)
            # no input left: zlib may still hold output (a call that filled its output with the last input)
            out = self.z.decompress(data, n)
            if not data and not out and not self.z.eof:
                raise EOFError("Compressed file ended before the end-of-stream marker was reached")
            if out:
                out = out[:self.size]
                self.size -= len(out)
                self.crc = zlib.crc32(out, self.crc)
                self._check()  # with the last bytes, as zipfile: the first read of a lying member fails
                return out
        self._check()
        return b""

    def _check(self) -> None:
        if (self.z.eof or self.size <= 0) and self.crc != self.info.CRC:
            raise zipfile.BadZipFile(f"Bad CRC-32 for file {self.info.filename!r}")

    def close(self) -> None:
        self.fh.close()

    def __enter__(self) -> "_Inflated":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _member(z: zipfile.ZipFile, path: Path, info: zipfile.ZipInfo):
    """A reader of one member of an open workbook: _Inflated for a plain deflated one, else zipfile's."""
    if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 1:
        return _Inflated(path, info)
    return z.open(info)


#: bytes before a byte cut's target searched for its </row> first (_cut_at): rows are far shorter
_CUT_WINDOW = 1 << 16


def _span(blocks: list, lo: int, hi: int) -> bytes:
    """The bytes lo:hi of the blocks as one."""
    out, at = [], 0
    for block in blocks:
        end = at + len(block)
        if end > lo and at < hi:
            out.append(block[max(lo - at, 0):min(hi, end) - at])
        at = end
        if at >= hi:
            break
    return b"".join(out)


def _cut_at(blocks: list, size: int, target: int) -> int:
    """The end of the last ``</row>`` of the blocks that ends within min(size, target) bytes, else the end of
    the first one; 0 when they hold none. Looks at the last _CUT_WINDOW bytes before the target first."""
    hi = min(size, target)
    lo = max(0, hi - _CUT_WINDOW)
    i = _span(blocks, lo, hi).rfind(_ROW_END)
    if i < 0 and lo:
        lo, i = 0, _span(blocks, 0, hi).rfind(_ROW_END)
    if i < 0:
        lo, i = 0, _span(blocks, 0, size).find(_ROW_END)  # a row longer than the target: alone
    return lo + i + len(_ROW_END) if i >= 0 else 0


def _split(blocks: list, cut: int) -> tuple[list, list]:
    """The blocks before byte ``cut`` and those after it, the block it falls in shared as two memoryviews."""
    at = 0
    for k, block in enumerate(blocks):
        end = at + len(block)
        if end >= cut:
            view = memoryview(block)
            head, tail = view[:cut - at], view[cut - at:]
            return [*blocks[:k], head], ([tail] if len(tail) else []) + blocks[k + 1:]
        at = end
    return blocks, []


class ChunkedSheet:
    """Iterate a worksheet of a large .xlsx as lists of (physical row number, values)."""

    def __init__(self, path: Path, part: SheetPart, chunk_rows: int | None = None, parts: WorkbookParts | None = None):
        """``parts``: the workbook's parts, already read (source.open_input); read from the file otherwise."""
        self.path, self.part, self.chunk_rows = path, part, chunk_rows or CHUNK_ROWS
        #: without chunk_rows, the chunks after the first are cut by bytes (xml_chunks), not by rows counted
        self.by_bytes = chunk_rows is None
        self.bytes_total = 0
        self.bytes_done = 0
        self.shared: dict[str, bytes] = {}
        self._parts = None if parts is not None and part.path in parts.parts else parts  # its own XML is no part

    def _shared(self, z: zipfile.ZipFile) -> dict[str, bytes]:
        if self._parts is None:
            self._parts = WorkbookParts.read(z, self.part.path)
        return self._parts.parts

    def chunks(self) -> Iterator[list[tuple[int, list]]]:
        """The sheet as batches of (physical row number, values)."""
        for xml in self.xml_chunks():
            yield self.parse(xml)

    def xml_chunks(self) -> Iterator[bytes]:
        """The sheet as small standalone worksheet documents of chunk_rows rows each (turn one into rows with
        parse(), here or in a worker process); fills self.shared with the workbook parts they need. The first
        has at most FIRST_CHUNK_ROWS rows; without a chunk_rows (by_bytes), the others about CHUNK_ROWS rows
        each by the first one's bytes per row (_byte_cuts)."""
        with zipfile.ZipFile(self.path) as z:
            info = z.getinfo(self.part.path)
            self.bytes_total = info.file_size or 1
            self.shared = self._shared(z)
            with _member(z, self.path, info) as raw:
                prefix, rest = self._read_prefix(raw)
                if prefix is None:
                    return
                self.bytes_done = len(prefix)
                suffix = b"</sheetData></worksheet>"
                pending = bytearray(rest)  # DTD-checked with the head (_read_prefix)
                # rows: the </row> tags that lie whole in pending[:counted], counted in C per block (a Python
                # step per row cost ~2.5 s of the main process at 1M rows); the cut at the limit-th one is
                # found by _nth_end, so every chunk has the rows it had when each </row> was found in turn
                rows, counted = 0, 0
                limit = min(self.chunk_rows, FIRST_CHUNK_ROWS)
                eof = False
                while True:
                    mark = max(0, counted - len(_ROW_END) + 1)  # a </row> starting here or later is not counted
                    before, rows = rows, rows + pending.count(_ROW_END, mark)
                    counted = len(pending)
                    if rows < limit and not eof:
                        block = raw.read(_BLOCK)
                        if block:
                            start = len(pending)
                            pending += block
                            _refuse_dtd(pending, start)
                            continue
                        eof = True
                    if rows >= limit:
                        # the cut lies in the bytes counted last (a block) unless rows were left from a cut
                        at = _nth_end(pending, limit - before, mark) if limit > before else _nth_end(pending, limit)
                        last, rows = at, rows - limit
                    else:  # the end of the sheet: the rows up to the last </row>
                        last, rows = pending.rfind(_ROW_END) + len(_ROW_END) if rows else 0, 0
                    if not last:
                        break
                    with memoryview(pending) as view, view[:last] as piece:  # one copy of the rows
                        xml = b"".join((prefix, piece, suffix))
                    del pending[:last]
                    counted -= last
                    self.bytes_done += last
                    yield xml
                    if eof and not pending.strip():
                        break
                    if self.by_bytes:
                        # about chunk_rows rows by the first chunk's bytes per row (at most FIRST_CHUNK_ROWS of
                        # them, so only those are counted): counting every </row> cost ~1 s at 1M rows
                        target = max(1, last * self.chunk_rows // limit)
                        yield from self._byte_cuts(raw, pending, prefix, suffix, eof, target)
                        return
                    limit = self.chunk_rows

    def _byte_cuts(self, raw, pending: bytearray, prefix: bytes, suffix: bytes, eof: bool,
                   target: int) -> Iterator[bytes]:
        """The rest of xml_chunks cut by bytes: each chunk ends at the last ``</row>`` that ends within
        ``target`` bytes (or at the first one, when a row alone is longer), the last at the sheet's last
        ``</row>``; the same bytes in the same order as the cuts by rows. The blocks read are kept as they
        come and joined once into each chunk (no growing buffer: one copy of the sheet's bytes fewer)."""
        blocks: list = [bytes(pending)] if pending else []
        size = len(pending)
        while True:
            if size >= target or eof:
                cut = _cut_at(blocks, size, target)
                if cut:
                    pieces, blocks = _split(blocks, cut)
                    size -= cut
                    self.bytes_done += cut
                    yield b"".join([prefix, *pieces, suffix])
                    if eof and not _span(blocks, 0, size).strip():
                        return
                    continue
                if eof:
                    return
            block = raw.read(_BLOCK)
            if block:
                _refuse_dtd(block, 0)
                if blocks:  # a tag cut between two blocks: at most 8 bytes on either side
                    _refuse_dtd(bytes(blocks[-1][-8:]) + block[:8], 0)
                blocks.append(block)
                size += len(block)
            else:
                eof = True

    def _read_prefix(self, raw) -> tuple[bytes | None, bytes]:
        head = b""
        while True:
            block = raw.read(_BLOCK)
            start = len(head)
            head += block
            _refuse_dtd(head, start)
            m = _SHEET_DATA.search(head)
            if m:
                if m.group(1):  # <sheetData/>: no rows
                    return None, b""
                prefix = _DIMENSION.sub(b"", head[: m.end()])
                return prefix, head[m.end():]
            if not block:
                return None, b""

    @property
    def _sst(self):
        """The layout of a large shared-string table of self.shared (filled by xml_chunks; see _sst_layout),
        computed once: by the main process (source.open_input has it computed while the reader child opens the
        workbook, or the first chunk's parse asks for it), and inherited by the forked workers."""
        if self._parts is None or self._parts.parts is not self.shared:
            self._parts = WorkbookParts(self.shared)
        return self._parts.sst

    def _renumbered(self, sheet_xml: bytes) -> tuple[dict[str, bytes], bytes | bytearray]:
        """The workbook parts and the sheet XML for one chunk. With a large shared-string table and every
        shared-string cell spelled t="s"><v>N</v> (_plain_refs), the chunk gets a table of only the strings it
        uses, numbered 0, 1, … in the order of the table, and its cells are renumbered to match, each new number
        written over the old one's digits (padded with zeros: the XML is neither cut nor joined): calamine then
        parses those strings only. (Keeping the numbers, as _chunk_parts does, leaves an empty item for each
        string the chunk does not use: a chunk late in a 1M-row Excel-style file parsed 4.8 million of them,
        1.24 s against 0.31 s for an early chunk.)"""
        sst = self._sst
        if sst is None:
            return self.shared, sheet_xml
        refs = _plain_refs(sheet_xml)
        if refs is None:
            return self._chunk_parts(sheet_xml), sheet_xml
        name, head, starts, ends, tail = sst
        first, width, old = refs
        if len(old) and old.max() >= len(starts):  # an index past the table: calamine reports it as for the whole file
            return self._chunk_parts(sheet_xml), sheet_xml
        import numpy as np

        out = dict(self.shared)
        if not len(old):
            out[name] = head + tail
            return out, sheet_xml
        used, new = _ranks(old)
        st, en = starts[used], ends[used]
        # runs of used items that follow one another in the table (a chunk's new strings do): one slice each
        cut = np.flatnonzero(st[1:] != en[:-1]) + 1
        lo, hi = np.concatenate(([0], cut)), np.concatenate((cut, [len(used)]))
        data = self.shared[name]
        out[name] = b"".join([head, *map(data.__getitem__, map(slice, st[lo].tolist(), en[hi - 1].tolist())), tail])
        xml = bytearray(sheet_xml)
        _write_numbers(xml, first, width, new)
        return out, xml

    def _chunk_parts(self, sheet_xml: bytes) -> dict[str, bytes]:
        """The workbook parts for one chunk whose shared-string references are not all spelled plainly. A large
        shared-string table is cut down to the strings the chunk may use (_fallback_refs), the others left as
        empty items so that every index keeps its meaning: calamine then parses the chunk's strings instead of
        the whole table each time (100k-row Excel-style file: parse time 7.0 s -> 4.3 s)."""
        sst = self._sst
        if sst is None:
            return self.shared
        name, head, starts, ends, tail = sst
        data = self.shared[name]
        pieces, nxt = [head], 0
        for i in sorted(set(_fallback_refs(sheet_xml))):
            if i >= len(starts):
                break  # an index past the table: calamine reports it as it would for the whole file
            if i > nxt:
                pieces.append(b"<si/>" * (i - nxt))
            pieces.append(data[starts[i]:ends[i]])
            nxt = i + 1
        pieces.append(tail)
        out = dict(self.shared)
        out[name] = b"".join(pieces)
        return out

    def parse(self, sheet_xml: bytes) -> list[tuple[int, list]]:
        """One chunk of xml_chunks() as (physical row number, values). A chunk whose cells span a range far
        larger than they fill (a value in XFD1048576, rows far apart) is parsed in groups of rows whose
        ranges stay small, so memory follows the cells that hold data, not their addresses."""
        if dense_ok(*addresses(sheet_xml)):
            return self._parse(sheet_xml)
        m = _SHEET_DATA.search(sheet_xml)
        if m is None:  # dense_ok found addresses, so the part has a <sheetData>: a part without one is parsed whole
            return self._parse(sheet_xml)
        end = sheet_xml.rfind(b"</", 0, sheet_xml.rfind(b"</"))  # </sheetData></worksheet>
        prefix, body, suffix = sheet_xml[:m.end()], sheet_xml[m.end():end], sheet_xml[end:]
        out: list[tuple[int, list]] = []
        group: list[bytes] = []
        ext = (0, MAX_ROW + 1, 0, MAX_COL + 1, 0)
        pos = 0
        while pos < len(body):
            i = body.find(b"</row>", pos)
            piece = body[pos:] if i < 0 else body[pos:i + 6]
            pos = len(body) if i < 0 else i + 6
            e = addresses(piece)
            merged = (ext[0] + e[0], min(ext[1], e[1]), max(ext[2], e[2]), min(ext[3], e[3]), max(ext[4], e[4]))
            if group and not dense_ok(*merged):
                out.extend(self._parse(prefix + b"".join(group) + suffix))
                group, merged = [], e
            group.append(piece)
            ext = merged
        if group:
            out.extend(self._parse(prefix + b"".join(group) + suffix))
        return out

    def _parse(self, sheet_xml: bytes) -> list[tuple[int, list]]:
        from python_calamine import CalamineWorkbook

        parts, chunk_xml = self._renumbered(sheet_xml)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
            for name, data in parts.items():
                out.writestr(name, data)
            out.writestr(self.part.path, chunk_xml)
        buf.seek(0)
        wb = CalamineWorkbook.from_filelike(buf)
        sh = wb.get_sheet_by_name(self.part.name)
        rows = sh.to_python(skip_empty_area=True)
        start = sh.start or (0, 0)
        r0, c0 = start
        pad = [""] * c0
        out_rows = [(r0 + 1 + i, pad + row if c0 else row) for i, row in enumerate(rows)]
        wb.close()
        return out_rows
