"""R14: the same decision entered twice (文书号 + 相对人名称 + 相对人代码).

Codes: DUPLICATE_RECORD (error, naming the first occurrence in the sheet) and DUPLICATE_ACROSS_FILES
(error at both places, when several files — or several sheets of one workbook — are validated: :func:`across_files`).
The key: 文号 by standard/docno.doc_key (any bracket shape, width and spacing), 相对人名称, 相对人代码.

State: a 16-byte digest of each decision's key → its first row (and the 文号 key, for the duplicates across
files), in numpy runs (:class:`KeyIndex`). Batches checked apart (worker processes, partitions) only list
their keyed rows as columns (``partial``, :class:`Chunk`); ``combine`` folds them in row order into the keys
seen before and finds the duplicates, exactly as one pass over the sheet would (:func:`fold`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial as _partial
from operator import methodcaller
from pathlib import Path

from sgs_cli.findings import ERROR
from sgs_cli.io.cells import compact_code
from sgs_cli.records.mapping import record_key_code
from sgs_cli.standard.docno import _BRACKETS, doc_key
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext

CODES = declare("duplicates", {
    "DUPLICATE_RECORD": Code(ERROR, "同一文件内重复记录", "与第{first}行重复（决定书文号、相对人相同）",
                             "同一决定只应报送一次，请删除重复行", variants={
        # a dataset (Parquet / CSV part files): the first occurrence is in another part file
        "other_part": ("与“{part}”第{first}行重复（决定书文号、相对人相同）", "同一决定只应报送一次，请删除重复行")}),
    "DUPLICATE_ACROSS_FILES": Code(ERROR, "与另一个文件中的记录重复",
                                   "与文件“{file}”工作表“{sheet}”第{first}行重复（决定书文号、相对人相同）",
                                   "同一决定只应报送一次，请删除其中一条", variants={
        # two sheets of one workbook (a licence sheet copied into a second sheet, 1月 and 2月 sheets)
        "same_file": ("与本文件工作表“{sheet}”第{first}行重复（决定书文号、相对人相同）", "同一决定只应报送一次，请删除其中一条")}),
})


@dataclass(eq=False)
class State:
    """The decisions of a sheet seen so far (``index``: digest → first row and 文号 key) and, for a batch
    checked apart, the keyed rows it saw (``pending``: chunks of columns, folded by :func:`combine`)."""

    index: "KeyIndex" = field(default_factory=lambda: KeyIndex())
    pending: list = field(default_factory=list)  # Chunk per frame / step of a batch checked apart

    @property
    def keys(self) -> list[tuple]:
        """The keyed rows a batch checked apart saw: (row, digest, raw 文书号, record key, 文号 key), in row
        order (the dataset and Dask paths)."""
        return [t for c in self.pending for t in c.items()]

    def __eq__(self, other) -> bool:  # the shadow engine and dump/load compare states
        return isinstance(other, State) and self.index == other.index and self.keys == other.keys

    def __len__(self) -> int:
        return len(self.index)


# ----------------------------------------------------------------------------------------------- keys
#
# A decision's key is (文号 key, 相对人名称, 相对人代码). What crosses a process boundary, and what the main
# process keeps for every decision of a sheet, is a fixed-size digest of it: the 16-byte BLAKE2b of the
# three texts written injectively ("len(a):len(b):a:b:c", UTF-8), not the texts (a 1M-row sheet kept
# ~430 MB of key tuples; 16 bytes, a row number and the 文号 key as UTF-8 in Arrow take ~60 MB).
#
# Exactness: two different keys get the same digest only by a collision of BLAKE2b-128. For n keys the
# chance that any two of them collide is at most n²/2¹²⁹ — 1.5·10⁻²⁷ for a million keys, 1.5·10⁻¹⁹ for
# 10⁹ (far below the chance of an undetected memory error in the machine computing it); no shorter way
# to find a BLAKE2b collision is known, so no file, however crafted, makes two decisions one. Equal keys
# always give equal digests: the digest is a function of the key.

_SEP_FORMAT = "{}:{}:{}:{}:{}".format
_ENCODE = methodcaller("encode", "utf-8", "surrogatepass")  # a lone surrogate (an xlsx cell) is text too
_DIGEST = methodcaller("digest")
_BLAKE = _partial(hashlib.blake2b, digest_size=16)


def digests(wsh: Sequence[str], who: Sequence[str], ident: Sequence[str]) -> bytes:
    """The 16-byte digests of the keys (wsh[k], who[k], ident[k]), concatenated: the texts written in Arrow
    (its UTF-8 as the bytes hashed), hashed by maps over C functions (no Python frame per row); Python
    writes them when Arrow cannot hold a text (a lone surrogate), the same bytes otherwise."""
    if len(wsh) >= 64:
        import pyarrow as pa

        try:
            cols = [pa.array(col, type=pa.string()) for col in (wsh, who, ident)]
        except (UnicodeError, ValueError, TypeError, pa.ArrowException):
            pass
        else:
            return _arrow_digests(*cols)
    texts = map(_SEP_FORMAT, map(len, wsh), map(len, who), wsh, who, ident)
    return b"".join(map(_DIGEST, map(_BLAKE, map(_ENCODE, texts))))


def _arrow_digests(wsh, who, ident) -> bytes:
    """digests() of three Arrow string arrays: the texts written in Arrow, its UTF-8 hashed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    length = [pc.cast(pc.utf8_length(col), pa.string()) for col in (wsh, who)]
    texts = pc.binary_join_element_wise(*length, wsh, who, ident, ":").cast(pa.binary()).to_pylist()
    return b"".join(map(_DIGEST, map(_BLAKE, texts)))


def _halves(blob: bytes):
    """Concatenated digests as (first 8 bytes, last 8 bytes) uint64 arrays."""
    import numpy as np

    both = np.frombuffer(blob, dtype="<u8").reshape(-1, 2)
    return both[:, 0].copy(), both[:, 1].copy()


def _wsh_array(texts: list):
    """文号 keys as an Arrow string array (binary, UTF-8 with lone surrogates kept, when Arrow cannot hold
    them as text)."""
    import pyarrow as pa

    try:
        return pa.array(texts, type=pa.string())
    except (UnicodeError, ValueError, TypeError, pa.ArrowException):
        return pa.array(list(map(_ENCODE, texts)), type=pa.binary())


def _item_columns(items: list[tuple[bytes, int, str]]):
    """KeyIndex.items()-shaped (digest, row, 文号 key) triples as the columns KeyIndex.add takes: digest
    halves, rows (numpy), 文号 keys (Arrow)."""
    import numpy as np

    hi, lo = _halves(b"".join(d for d, _, _ in items))
    return hi, lo, np.asarray([r for _, r, _ in items], np.int64), _wsh_array([w for _, _, w in items])


def _wsh_text(t) -> str:
    return t if isinstance(t, str) else t.decode("utf-8", "surrogatepass")


class Chunk:
    """Keyed rows of a batch checked apart, as columns (row order): digest halves, rows, 文号 keys (Arrow),
    raw 文书号 cells and record keys (lists: a duplicate's finding shows them)."""

    __slots__ = ("hi", "lo", "rows", "wsh", "raw", "rkey")

    def __init__(self, hi, lo, rows, wsh, raw: list, rkey: list):
        self.hi, self.lo, self.rows, self.wsh, self.raw, self.rkey = hi, lo, rows, wsh, raw, rkey

    def __getstate__(self):
        return self.hi, self.lo, self.rows, self.wsh, self.raw, self.rkey

    def __setstate__(self, state) -> None:
        self.hi, self.lo, self.rows, self.wsh, self.raw, self.rkey = state

    def items(self):
        import numpy as np

        digests = np.stack([self.hi, self.lo], 1).astype("<u8").tobytes()
        return [(int(r), digests[16 * k:16 * k + 16], raw, rkey, _wsh_text(w))
                for k, (r, raw, rkey, w) in enumerate(zip(self.rows.tolist(), self.raw, self.rkey,
                                                           self.wsh.to_pylist()))]


#: keys added one at a time (the row form) kept in a dict until there are this many, then made a run
RECENT_MAX = 50_000


class KeyIndex:
    """Digest → (first row, 文号 key) of every decision of a sheet: sorted runs of numpy columns (digest
    halves, rows, the key's place in ``texts``) looked up a batch at a time with searchsorted; runs merge
    as they grow (each at most half the one before: O(log n) runs, O(n log n) work in all). The 文号 keys
    (for the duplicates across files) stay in the Arrow arrays they came in, in the order they were added.
    About 32 bytes and the key's UTF-8 per decision. The row form adds keys one at a time into ``recent``
    (a dict), moved into a run when it grows."""

    __slots__ = ("runs", "texts", "count", "recent")

    def __init__(self):
        self.runs: list[tuple] = []  # (hi, lo, rows, place in texts), sorted by (hi, lo)
        self.texts: list = []  # Arrow arrays of 文号 keys, in the order added
        self.count = 0  # keys in runs
        self.recent: dict[bytes, tuple[int, str]] = {}

    def __getstate__(self):
        return self.runs, self.texts, self.count, self.recent

    def __setstate__(self, state) -> None:
        self.runs, self.texts, self.count, self.recent = state

    def __len__(self) -> int:
        return self.count + len(self.recent)

    def __eq__(self, other) -> bool:
        return isinstance(other, KeyIndex) and self.items() == other.items()

    # -- one at a time (the row form)
    def get(self, digest: bytes) -> int | None:
        got = self.recent.get(digest)
        if got is not None:
            return got[0]
        if not self.runs:
            return None
        hi, lo = _halves(digest)
        row = self.lookup(hi, lo, flush=False)[0]
        return None if row < 0 else int(row)

    def put(self, digest: bytes, row: int, wsh: str) -> None:
        self.recent[digest] = (row, wsh)
        if len(self.recent) >= RECENT_MAX:
            self._flush()

    def _flush(self) -> None:
        import numpy as np

        if not self.recent:
            return
        recent, self.recent = self.recent, {}
        hi, lo = _halves(b"".join(recent))
        self.add(hi, lo, np.fromiter((r for r, _ in recent.values()), np.int64, len(recent)),
                 _wsh_array([w for _, w in recent.values()]))

    # -- a batch at a time (the columnar form, combine)
    def lookup(self, hi, lo, flush: bool = True):
        """The first row of each digest (hi[k], lo[k]), -1 for a digest not seen."""
        import numpy as np

        if flush:
            self._flush()
        out = np.full(len(hi), -1, np.int64)
        if not self.runs or not len(hi):
            return out
        # the queries in ascending order: searchsorted then walks each run once (a bound carried from key
        # to key) instead of jumping about it
        order = np.argsort(hi)
        hi, lo = hi[order], lo[order]
        for rhi, rlo, rrows, _ in self.runs:
            i = np.minimum(np.searchsorted(rhi, hi), len(rhi) - 1)
            same_hi = rhi[i] == hi
            hit = same_hi & (rlo[i] == lo)
            out[hit] = rrows[i[hit]]
            # equal first halves of different keys (~n²/2⁶⁵: a few in 10⁸ at a million keys): the run's
            # keys with that first half, one by one
            for k in np.flatnonzero(same_hi & ~hit).tolist():
                j = int(i[k]) + 1
                while j < len(rhi) and rhi[j] == hi[k]:
                    if rlo[j] == lo[k]:
                        out[k] = rrows[j]
                        break
                    j += 1
        back = np.empty_like(out)
        back[order] = out
        return back

    def add(self, hi, lo, rows, wsh) -> None:
        """Add digests not in the index (distinct), their first rows and 文号 keys (an Arrow array). A run is
        sorted by the first half only (lookup walks the rare equal first halves); merging two runs is a
        linear merge at the places searchsorted gives."""
        import numpy as np

        if not len(hi):
            return
        order = np.argsort(hi, kind="stable")
        place = np.arange(self.count, self.count + len(hi), dtype=np.int64)
        self.runs.append((hi[order], lo[order], rows[order], place[order]))
        self.texts.append(wsh)
        self.count += len(hi)
        while len(self.runs) > 1 and len(self.runs[-2][0]) <= len(self.runs[-1][0]):
            b, a = self.runs.pop(), self.runs.pop()
            at = np.searchsorted(a[0], b[0], side="right") + np.arange(len(b[0]))  # b's places in the merge
            from_a = np.ones(len(a[0]) + len(b[0]), bool)
            from_a[at] = False
            merged = []
            for x, y in zip(a, b):
                out = np.empty(len(from_a), x.dtype)
                out[at], out[from_a] = y, x
                merged.append(out)
            self.runs.append(tuple(merged))

    def items(self) -> list[tuple[bytes, int, str]]:
        """(digest, first row, 文号 key) of every decision, in row order (the order they were first seen)."""
        import numpy as np

        self._flush()
        if not self.runs:
            return []
        hi, lo, rows, place = (np.concatenate([r[i] for r in self.runs]) for i in range(4))
        order = np.argsort(rows, kind="stable")
        blob = np.stack([hi, lo], 1)[order].astype("<u8").tobytes()
        texts = [w for t in self.texts for w in t.to_pylist()]
        return [(blob[16 * n:16 * n + 16], r, _wsh_text(texts[p]))
                for n, (p, r) in enumerate(zip(place[order].tolist(), rows[order].tolist()))]


def _first_positions(hi, lo):
    """(position of the first occurrence of each distinct digest, in order; each position's digest as an
    index into those). The first halves hashed by pandas (O(n)); when two different digests share one,
    both halves sorted together instead."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(hi)
    if len(uniques) == len(hi):
        return np.arange(len(hi)), np.arange(len(hi))
    # factorize numbers the values in order of first occurrence: a position is a first one where its code
    # exceeds every code before it
    first = np.flatnonzero(codes > np.maximum.accumulate(np.concatenate([[-1], codes[:-1]])))
    if (lo == lo[first][codes]).all():
        return first, codes
    pairs = np.ascontiguousarray(np.stack([hi, lo], 1)).view("V16").reshape(-1)
    _, first, inverse = np.unique(pairs, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # number the keys in order of first occurrence
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    return first[order], rank[inverse.reshape(-1)]


def fold(index: KeyIndex, chunk: Chunk) -> list[tuple[int, int, object, str]]:
    """Fold a batch's keyed rows (row order) into the sheet's index as one pass over them would: each
    row whose key was seen before — in an earlier batch or earlier in this one — is a duplicate. Returns
    (row, the row the key first occurs on, raw 文书号, record key) per duplicate, in row order; the keys
    seen for the first time are added. numpy throughout: a Python step only per duplicate."""
    import numpy as np

    n = len(chunk.hi)
    if not n:
        return []
    first, inverse = _first_positions(chunk.hi, chunk.lo)
    earlier = index.lookup(chunk.hi[first], chunk.lo[first])  # per distinct key: its row in earlier batches
    new = earlier < 0
    first_row = np.where(new, chunk.rows[first], earlier)[inverse]
    dup = np.flatnonzero(first_row != chunk.rows).tolist()
    keep = np.sort(first[new])
    index.add(chunk.hi[keep], chunk.lo[keep], chunk.rows[keep], chunk.wsh.take(keep))
    rows, firsts = chunk.rows.tolist(), first_row.tolist()
    return [(rows[k], firsts[k], chunk.raw[k], chunk.rkey[k]) for k in dup]


def record_key(rec: Record, ctx: SheetContext) -> tuple | None:
    wsh = doc_key(rec.text(ctx.k("WSH")))  # 〔2018〕 and 【2018】 are one decision
    if not wsh:
        return None
    who = rec.text(ctx.k("XDR_MC"))
    ident = compact_code(rec.text(ctx.k("XDR_SHXYM")) or rec.text(ctx.k("XDR_ZJHM")))
    return (wsh, who, ident)


def start(ctx: SheetContext) -> State:
    return State()


def check(rec: Record, ctx: SheetContext, state: State):
    key = record_key(rec, ctx)
    if key is None:
        return
    digest = digests(*zip(key))
    first = state.index.get(digest)
    if first is None:
        state.index.put(digest, rec.row, key[0])
        return
    yield finding(rec, ctx, first)


def partial(records: list, ctx: SheetContext, state: State) -> None:
    """A batch checked apart: only its keyed rows, for :func:`combine`."""
    wsh, key_code = ctx.k("WSH"), record_key_code(ctx.spec.kind)
    keyed = [(rec, key) for rec in records for key in (record_key(rec, ctx),) if key is not None]
    if keyed:
        _pend(state, [k[0] for _, k in keyed], [k[1] for _, k in keyed], [k[2] for _, k in keyed],
              [rec.row for rec, _ in keyed], [rec.raw(wsh) for rec, _ in keyed],
              [rec.text(key_code) if key_code else "" for rec, _ in keyed])


def _pend(state: State, wsh: list, who: list, ident: list, rows: list, raw: list, rkey: list) -> None:
    import numpy as np

    hi, lo = _halves(digests(wsh, who, ident))
    state.pending.append(Chunk(hi, lo, np.asarray(rows, np.int64), _wsh_array(wsh), raw, rkey))


def combine(states: list, ctx: SheetContext) -> tuple[State, list]:
    """The first state with the keyed rows of the later ones folded in, in order, and the duplicates found
    (a batch's own keys, when it kept any, are added as first occurrences)."""
    acc, found = states[0], []
    wsh = ctx.k("WSH")
    for s in states[1:]:
        for chunk in s.pending:
            for row, first, raw, record in fold(acc.index, chunk):
                found.append(finding(Record(row, {wsh: raw}), ctx, first))
                found[-1].key = record or None  # as the row engine sets it
        items = s.index.items()
        if items:
            hi, lo, rows, texts = _item_columns(items)
            unseen = acc.index.lookup(hi, lo) < 0
            acc.index.add(hi[unseen], lo[unseen], rows[unseen], texts.filter(unseen))
    return acc, found


def finding(rec: Record, ctx: SheetContext, first: int):
    """DUPLICATE_RECORD for rec, whose decision was first entered on row ``first``."""
    return ctx.emit("DUPLICATE_RECORD", rec, ctx.k("WSH"), first=first)


#: brackets doc_key turns into 〔 〕 (all but 〔 〕 themselves), as an RE2 class
_OTHER_BRACKETS = "[" + "".join("\\x{%X}" % o for o in sorted(_BRACKETS) if chr(o) not in "〔〕") + "]"


def _keys(fr, ctx: SheetContext) -> tuple[list, list, list]:
    """The key columns of a frame: 文号 keys (doc_key), 相对人名称, 相对人代码 (compacted). doc_key(t) is
    compact_code(t) with every bracket shape made 〔〕 (both: NFKC, no white space, no leading apostrophe,
    upper case), so the 文号 keys are fr.compacted's (in Arrow) with the brackets translated only in the
    texts that hold another bracket."""
    import numpy as np
    import pyarrow.compute as pc

    from sgs_cli.io.arrowtext import arrow_strings as _arrow, as_mask

    wsh = fr.compacted(ctx.k("WSH"))
    arr = _arrow(wsh)
    odd = range(fr.n) if arr is None else np.flatnonzero(as_mask(pc.match_substring_regex(arr, _OTHER_BRACKETS))).tolist()
    for k in odd:
        wsh[k] = wsh[k].translate(_BRACKETS)
    shxym = ctx.k("XDR_SHXYM")
    ident = np.where(np.asarray(fr.text(shxym), object).astype(bool),
                     np.asarray(fr.compacted(shxym), object),
                     np.asarray(fr.compacted(ctx.k("XDR_ZJHM")), object)) if fr.n else np.zeros(0, object)
    return wsh, fr.text(ctx.k("XDR_MC")), ident.tolist()


def _arrow_chunk(fr, ctx: SheetContext):
    """_chunk with the key columns kept in Arrow (no Python string per row but for the digests' input);
    False when a column cannot be (a lone surrogate, a 文号 with another bracket shape): _chunk's way."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if fr.n < 64:
        return False
    wsh = fr.compacted_arrow(ctx.k("WSH"))
    who = fr.texts_arrow(ctx.k("XDR_MC"))
    shxym = ctx.k("XDR_SHXYM")
    codes = fr.compacted_arrow(shxym), fr.compacted_arrow(ctx.k("XDR_ZJHM"))
    if wsh is None or who is None or None in codes or pc.any(pc.match_substring_regex(wsh, _OTHER_BRACKETS)).as_py():
        return False
    ident = pc.if_else(pa.array(fr.filled(shxym)), *codes)
    keyed = pc.binary_length(wsh).to_numpy(zero_copy_only=False) > 0
    pos = np.flatnonzero(keyed)
    if not len(pos):
        return None
    raw, rkey = _kept_cells(fr, ctx, pos)
    if len(pos) < fr.n:
        mask = pa.array(keyed)
        wsh, who, ident = wsh.filter(mask), who.filter(mask), ident.filter(mask)
    hi, lo = _halves(_arrow_digests(wsh, who, ident))
    return Chunk(hi, lo, np.asarray(fr.numbers, np.int64)[pos], wsh, raw, rkey)


def _kept_cells(fr, ctx: SheetContext, pos) -> tuple[list, list]:
    """The 文号 cells and the record keys of the frame's rows at ``pos`` (new lists)."""
    key_code = record_key_code(ctx.spec.kind)
    take = pos.tolist()  # a CSV column's cells from Arrow (no Python list of the whole column)
    return fr.raw_at(ctx.k("WSH"), take), fr.text_at(key_code, take) if key_code else [""] * len(take)


def _chunk(fr, ctx: SheetContext) -> Chunk | None:
    """The frame's keyed rows as a Chunk (None when no row has a 文号)."""
    import numpy as np

    got = _arrow_chunk(fr, ctx)
    if got is not False:
        return got
    wsh, who, ident = _keys(fr, ctx)
    pos = np.flatnonzero(np.asarray(wsh, object).astype(bool)) if fr.n else np.zeros(0, np.int64)
    if not len(pos):
        return None
    raw, rkey = _kept_cells(fr, ctx, pos)
    if len(pos) < fr.n:
        take = pos.tolist()
        wsh, who, ident = (list(map(col.__getitem__, take)) for col in (wsh, who, ident))
    hi, lo = _halves(digests(wsh, who, ident))
    return Chunk(hi, lo, np.asarray(fr.numbers, np.int64)[pos], _wsh_array(wsh), raw, rkey)


def columns(fr, ctx: SheetContext, state: State) -> list:
    """Columnar form: the key columns built per column (Arrow), one digest per keyed row, and the frame
    folded into the sheet's index with numpy (:func:`fold`): a Python step only per duplicate."""
    chunk = _chunk(fr, ctx)
    if chunk is None:
        return []
    wsh = ctx.k("WSH")
    return [finding(Record(row, {wsh: raw}), ctx, first) for row, first, raw, _ in fold(state.index, chunk)]


def partial_columns(fr, ctx: SheetContext, state: State) -> None:
    """Columnar form of ``partial``: the frame's keyed rows as one Chunk."""
    chunk = _chunk(fr, ctx)
    if chunk is not None:
        state.pending.append(chunk)


def reads(ctx: SheetContext) -> tuple:
    """The fields ``check`` and ``partial`` read."""
    codes = [ctx.k("WSH"), ctx.k("XDR_MC"), ctx.k("XDR_SHXYM"), ctx.k("XDR_ZJHM")]
    key_code = record_key_code(ctx.spec.kind)
    return tuple(dict.fromkeys(codes + ([key_code] if key_code else [])))


RULE = Rule("duplicates", CODES, row=check, start=start, partial=partial, combine=combine, columns=columns,
            reads=reads, partial_columns=partial_columns)


def remember(state: State, firsts: list[tuple[bytes, int, str]]) -> None:
    """Make ``state`` hold exactly these first occurrences (digest, row, 文号 key) in this order (a
    dataset's keys, found by its own fold across part files), for :func:`across_files`."""
    state.index = KeyIndex()
    if firsts:
        state.index.add(*_item_columns(firsts))


def across_files(report) -> None:
    """DUPLICATE_ACROSS_FILES at both places, from the duplicate keys each sheet kept (records need not be
    kept): across files, and across the sheets of one workbook (variant same_file). ``report``: the Report of
    one file or several."""
    sheets = [(fr, sr, sr.context, sr.context.states.get("duplicates")) for fr in report.files for sr in fr.sheets
              if sr.context is not None and sr.context.prefix]
    sheets = [s for s in sheets if s[3] is not None]
    if len(sheets) < 2:
        return  # one sheet: its own duplicates are DUPLICATE_RECORD (folding its 1,000,000 keys took ~1 s)
    first: dict[tuple, tuple] = {}
    for fr, sr, ctx, state in sheets:
        for digest, row, wsh in state.index.items():
            key = (ctx.prefix, digest)
            if key not in first:
                first[key] = (fr, sr, row, ctx)
                continue
            ofr, osr, orow, octx = first[key]
            if osr is sr:
                continue  # same sheet: DUPLICATE_RECORD already says so
            variant = "same_file" if ofr is fr else ""
            sr.findings.append(ctx.emit("DUPLICATE_ACROSS_FILES", Record(row, {}), ctx.k("WSH"), value=wsh,
                                        variant=variant, file=Path(ofr.path).name, sheet=osr.sheet, first=orow))
            osr.findings.append(octx.emit("DUPLICATE_ACROSS_FILES", Record(orow, {}), octx.k("WSH"), value=wsh,
                                         variant=variant, file=Path(fr.path).name, sheet=sr.sheet, first=row))
            sr.findings[-1].key = osr.findings[-1].key = str(wsh) if wsh else None
