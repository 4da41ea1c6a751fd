"""The columnar engine: a batch of rows as columns (the derive stage), and each rule family checked over
the frame by its columnar form (``columns(frame, ctx, state)`` in rules/<family>.py, next to its row form,
as pandera gives one check an implementation per backend): pandas with Arrow-backed strings and numpy
masks, each distinct cell value judged once, and the row form run only on the rows that need a closer
look, on Records holding only the fields the family reads (``Rule.reads``). A family without a columnar
form would run on full Records made from the same frame. The findings are those of the row engine, in the
same order (tests/validation/test_columnar.py runs both engines on the golden inputs and on generated rows).

The engine of 790 licence and penalty sheets (2015 layouts and the annex kinds, small and order-dependent,
run their row forms behind the same protocol). SGS_ENGINE=row runs the row forms instead: they are the
reference the columnar forms are tested against (tests/validation/test_columnar.py), and the slow path of
every columnar form. SGS_ENGINE=both (the shadow engine, validation/runner.py) runs both on every batch,
small sheets included, and raises EngineDrift at the first difference in findings, their order, their
messages or the families' states.
"""

from __future__ import annotations

import os
from functools import lru_cache
from itertools import chain, repeat
from operator import is_not, itemgetter
from typing import TYPE_CHECKING

from sgs_cli.io.arrowtext import arrow_strings as _arrow, as_mask
from sgs_cli.io.cells import _FULLWIDTH, SPACE3, cell_text, compact_code, is_blank, normalize_text
from sgs_cli.records.mapping import GS15_BASIS, _buckets, individual_by_gs15
from sgs_cli.records.record import Record
from sgs_cli.standard.categories import category_of
from sgs_cli.standard.enums import LB_INDIVIDUAL, LB_ORG, LB_PERSON

if TYPE_CHECKING:
    from sgs_cli.records.mapping import SheetMapper

ENV = "SGS_ENGINE"


#: a sheet read whole with fewer data rows than this runs the row forms (unless SGS_ENGINE=columnar):
#: importing pandas and Arrow costs more than the columns save (the 30-row example: 0.70 s against
#: 1.00–1.34 s, 2026-12-01); both give the same bytes
SMALL_ROWS = 2_000


def choice() -> str:
    """SGS_ENGINE as set: "row", "columnar", "both" (the shadow engine) or "" (the default)."""
    return os.environ.get(ENV, "").strip().lower()


def eligible(mapper: "SheetMapper") -> bool:
    """Whether a sheet has columnar forms at all: a modern licence or penalty sheet (2015 layouts and the
    annex kinds run their row forms)."""
    return bool(mapper.prefix) and not mapper.legacy


def enabled(mapper: "SheetMapper", rows: int | None = None) -> bool:
    """Whether this sheet goes through the columnar engine: a modern licence or penalty sheet, unless
    SGS_ENGINE=row, or (``rows``: a sheet read whole) a small one and SGS_ENGINE is not columnar (or
    both)."""
    how = choice()
    if how == "row" or (rows is not None and rows < SMALL_ROWS and how not in ("columnar", "both")):
        return False
    return eligible(mapper)


class EngineDrift(AssertionError):
    """SGS_ENGINE=both: the columnar engine and the row engine disagree on a batch (a bug in one of a
    rule's two forms, never a fault of the input)."""


def _text(v) -> str:
    """Record.text of one cell (the per-cell path the frame's vectorised one must equal)."""
    if v is None or v == "":
        return ""
    return normalize_text(v if type(v) is str else cell_text(v))


def _plain(v) -> str:
    """A cell as the text normalize_text is given ('' when blank)."""
    if v is None or v == "":
        return ""
    return cell_text(v)


@lru_cache(maxsize=1 << 16, typed=True)  # typed: 1, 1.0 and True are different cells
def _plain_cached(v) -> str:
    return _plain(v)


def _plains_of_one_kind(raw: list) -> list[str]:
    """plains of texts among cells of one other type (no str equals one of them)."""
    memo: dict = {}
    get = memo.get
    out: list[str] = []
    append = out.append
    for v in raw:
        if type(v) is str:
            append(v)
        else:
            t = get(v)
            if t is None:
                t = memo[v] = _plain_cached(v)
            append(t)
    return out


def plains(raw: list) -> list[str]:
    """_plain of every cell, as a new list: each distinct cell that is not a str formatted once per type (1,
    1.0 and True are different cells), and the dates and numbers of earlier frames remembered."""
    import numpy as np

    kinds = set(map(type, raw))  # (in C)
    kinds.discard(str)
    if not kinds:  # the usual column: a copy
        return list(raw)
    if len(kinds) == 1:  # date cells or number cells among texts: one pass, each distinct cell formatted once
        try:
            return _plains_of_one_kind(raw)
        except TypeError:  # an unhashable cell value
            pass
    types = list(map(type, raw))
    out = list(raw)
    other = np.flatnonzero(np.fromiter(map(is_not, types, repeat(str)), bool, len(raw)))
    groups: dict = {}
    for k in other.tolist():
        groups.setdefault(types[k], []).append(k)
    for ks in groups.values():
        cells = list(map(raw.__getitem__, ks))
        try:
            memo = {v: _plain(v) for v in set(cells)}
        except TypeError:  # an unhashable cell value
            texts = list(map(_plain, cells))
        else:
            texts = list(map(memo.__getitem__, cells))
        for k, t in zip(ks, texts):
            out[k] = t
    return out


def _normalise(values: list, changing: list) -> None:
    """values[k] = normalize_text(values[k]) for k in changing. The full-width punctuation nfkc replaces
    first, and line breaks, are replaced in one joined string (in C); only the texts that are not stable
    after that (STABLE_TEXT) go through normalize_text one by one. Exact: NFKC keeps a NUL separator and
    never composes across it, and the replaced characters are stable starters too."""
    olds = [values[k] for k in changing]
    joined = "\x00".join(olds)
    if len(olds) < 16 or joined.count("\x00") != len(olds) - 1:
        for k, old in zip(changing, olds):
            values[k] = normalize_text(old)
        return
    import pyarrow.compute as pc

    for a, b in _FULLWIDTH + (("\r", " "), ("\n", " ")):
        if a in joined:
            joined = joined.replace(a, b)
    parts = joined.split("\x00")
    done = as_mask(pc.match_substring_regex(_arrow(parts), STABLE_TEXT)).tolist()  # no surrogate: olds were in Arrow
    for k, old, new, ok in zip(changing, olds, parts, done):
        values[k] = new if ok else normalize_text(old)


#: characters normalize_text keeps as they are besides printable ASCII (tests/validation/test_columnar.py
#: proves each NFKC- and NFKD-stable, of combining class 0, never the second half of a composition and not
#: white space): common Chinese punctuation and the CJK ideographs of the BMP, as inclusive ranges
_KEPT_RANGES = ((0xB7, 0xB7), (0xD7, 0xD7), (0x2014, 0x2014), (0x2018, 0x2019), (0x201C, 0x201D), (0x3001, 0x3002),
                (0x3008, 0x3011), (0x3014, 0x3015), (0x3400, 0x4DBF), (0x4E00, 0x9FFF))
_KEPT_CJK = "".join(rf"\x{{{lo:X}}}" if lo == hi else rf"\x{{{lo:X}}}-\x{{{hi:X}}}" for lo, hi in _KEPT_RANGES)
#: RE2: texts made only of kept characters and spaces, on which compact_code is remove the spaces, strip
#: leading apostrophes and upper-case ASCII letters (the test proves no kept character has another case)
KEPT_ONLY = rf"^[\x{{20}}-\x{{7E}}{_KEPT_CJK}]*$"
#: RE2: the texts normalize_text returns unchanged ('' too): kept characters with spaces only inside, not
#: starting with an apostrophe
STABLE_TEXT = (rf"^(?:[\x{{21}}-\x{{26}}\x{{28}}-\x{{7E}}{_KEPT_CJK}]"
               rf"(?:[\x{{20}}-\x{{7E}}{_KEPT_CJK}]*[\x{{21}}-\x{{7E}}{_KEPT_CJK}])?)?$")


@lru_cache(maxsize=1)
def _space_table():
    """Numpy mask over the BMP and one more entry (False): white space (or a control character ≤ U+0020)."""
    import numpy as np

    table = np.zeros(0x10001, bool)  # (0x10000: a character of 4 bytes, as _decode_at gives it)
    table[:0x21] = True
    table[[0x85, 0xA0, *SPACE3]] = True
    return table


@lru_cache(maxsize=1)
def _stable_table():
    """Numpy mask over the BMP and one more entry (False): the characters NFKC keeps whatever stands next to them (NFKC- and NFKD-stable,
    of combining class 0, never the second half of a composition; tests/validation/test_columnar.py): ASCII
    (controls and white space too: normalize_text strips only the edges, which _edge_cells looks at), the
    kept characters, and every character of a lead byte E4–E9 (U+4000–U+9FFF), which _unstable_cells never
    decodes."""
    import numpy as np

    table = np.zeros(0x10001, bool)  # (0x10000: a character of 4 bytes, as _decode_at gives it)
    table[1:0x80] = True
    table[0x4000:0xA000] = True
    for lo, hi in _KEPT_RANGES:
        table[lo:hi + 1] = True
    return table


def _decode_at(b, at):
    """The code points of the characters whose first byte is at ``at`` (numpy index array into UTF-8 bytes
    b); a character of 4 bytes gives 0x10000 (the last entry of the tables here, False)."""
    import numpy as np

    last = len(b) - 1
    lead = b[at].astype(np.int32)
    b1 = b[np.minimum(at + 1, last)].astype(np.int32) & 0x3F
    b2 = b[np.minimum(at + 2, last)].astype(np.int32) & 0x3F  # (unused bytes past the end: clipped)
    return np.where(lead < 0x80, lead, np.where(lead < 0xE0, ((lead & 0x1F) << 6) | b1,
                                                np.where(lead < 0xF0, ((lead & 0x0F) << 12) | (b1 << 6) | b2,
                                                         0x10000)))


def _space_at(b, i):
    """Numpy mask: whether the character starting at byte i (numpy index array into UTF-8 bytes b) is white
    space (or a control character ≤ U+0020): printable ASCII, CJK ideographs (lead bytes E4–E9) and
    characters of 4 bytes never are; the rest is decoded and looked up."""
    import numpy as np

    lead = b[i]
    out = np.zeros(len(i), bool)
    look = np.flatnonzero(~(((lead > 0x20) & (lead < 0x80)) | ((lead >= 0xE4) & (lead <= 0xE9)) | (lead >= 0xF0)))
    if len(look):
        out[look] = _space_table()[_decode_at(b, i[look])]
    return out


#: a last byte that may end a white space character other than ASCII: the second byte of U+0085 and U+00A0,
#: the third of U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000 (see SPACE3)
_SPACE_ENDS = bytes([0x85, 0xA0, *range(0x80, 0x8B), 0xA8, 0xA9, 0xAF, 0x9F])


@lru_cache(maxsize=1)
def _byte_tables():
    """256-entry numpy masks of a byte: one that may end a white space character (_SPACE_ENDS), one that
    starts a character _stable_table may not hold (a lead byte C0–E3 or EA–FF)."""
    import numpy as np

    ends = np.zeros(256, bool)
    ends[list(_SPACE_ENDS)] = True
    unsure = np.zeros(256, bool)
    unsure[0xC0:0xE4] = unsure[0xEA:] = True
    return ends, unsure


def _edge_cells(b, starts, ends):
    """Numpy mask of the texts (UTF-8 bytes b, each text from starts to ends) that str.strip would change or
    that start with an apostrophe (normalize_text strips it): first or last character white space, or the
    first an apostrophe."""
    import numpy as np

    out = np.zeros(len(starts), bool)
    full = np.flatnonzero(ends > starts)
    if not len(full):
        return out
    first, last = starts[full], ends[full] - 1
    fb, lb = b[first], b[last]
    hit = (fb <= 0x20) | (fb == 0x27) | (lb <= 0x20)
    look = np.flatnonzero((fb == 0xC2) | ((fb >= 0xE1) & (fb <= 0xE3)))  # a lead byte of a white space character
    if len(look):
        hit[look] |= _space_at(b, first[look])
    look = np.flatnonzero(_byte_tables()[0][lb])  # the last byte of one, perhaps
    if len(look):
        at = last[look]
        back1, back2 = b[np.maximum(at - 1, 0)], b[np.maximum(at - 2, 0)]
        lead = np.where(back1 >= 0xC0, at - 1, np.where((back1 < 0xC0) & (back2 >= 0xE0) & (back2 < 0xF0), at - 2, -1))
        sure = lead >= 0
        hit[look[sure]] |= _space_at(b, lead[sure])
    out[full] = hit
    return out


def _unstable_cells(b, starts):
    """Numpy mask of the texts (UTF-8 bytes b, each text from its start to the next) holding a character
    that _stable_table does not hold."""
    import numpy as np

    out = np.zeros(len(starts), bool)
    at = np.flatnonzero(_byte_tables()[1][b])
    if len(at):
        at = at[~_stable_table()[_decode_at(b, at)]]
        out[_cell_of(starts, at)] = True
    return out


class _Texts:
    """One field's texts made at once (_texts_at_once): ``arrow`` the Arrow array of the normalised texts,
    ``unusual`` the positions of the texts normalize_text changes otherwise than by replacing common
    full-width punctuation (_FULLWIDTH) — an edge that may be white space or an apostrophe, a line break, a
    character that may not be stable — and ``seen`` what Frame.may_contain searches (the texts joined by NUL
    before the per-cell fixes, as str and as an Arrow array, and the texts those fixes gave); ``text`` (the normalised
    texts as a list) and ``plain`` (the Arrow array of the cells as text before normalisation) are made when
    first asked."""

    __slots__ = ("_values", "arrow", "unusual", "seen", "_plain", "_split", "_fixing", "_text", "_joined")

    def __init__(self, values, arrow, unusual, seen, plain, split: bool, fixing, joined: str | None = None):
        self._values, self.arrow, self.unusual, self.seen = values, arrow, unusual, seen
        self._plain, self._split, self._fixing = plain, split, fixing
        self._text: list | None = None
        self._joined = joined  # (values None: a column given as Arrow) the cells joined by NUL, as read

    @property
    def values(self) -> list:
        """The raw cells (a column given as Arrow: its texts, split from the joined cells in C when first asked;
        the normalised texts themselves when normalisation changed none)."""
        if self._values is None:
            if not self._split and not len(self._fixing):
                self._values = self.text
            else:
                assert self._joined is not None  # (a column given as Arrow keeps its joined texts)
                self._values = self._joined.split("\x00")
        return self._values

    @property
    def plain(self):
        if self._plain is None:
            self._plain = _arrow(self.values)
        return self._plain

    @property
    def text(self) -> list:
        if self._text is None:
            if self._split:  # full-width punctuation or line breaks replaced in the joined texts
                t = self.seen[0]
                got = (t.replace("\r", " ").replace("\n", " ") if "\r" in t or "\n" in t else t).split("\x00")
            elif self._values is None:  # a column given as Arrow, unchanged but for the fixed cells
                assert self._joined is not None
                got = self._joined.split("\x00")
            else:
                got = self.values if not len(self._fixing) else list(self.values)
            for k, fixed in zip(self._fixing.tolist(), self.seen[2]):
                got[k] = fixed
            self._text = got
        return self._text


def _texts_at_once(values: list | None, given=None):
    """The _Texts of a column of raw cells, or None (too short, or a NUL or lone surrogate in a text: the
    caller's path). The column is joined by NUL once, encoded and cut by Arrow: NFKC's quick check on the
    whole (NFKC keeps the NUL and never composes across it), full-width punctuation replaced in the whole and
    line breaks in its bytes (in C), and only the texts a byte test picks — an edge that may be white space or an
    apostrophe (_edge_cells), a character that may not be stable (_unstable_cells, when the quick check
    fails) — go through normalize_text one by one. ``given`` (values None): the column as an Arrow string
    array (a CSV read by Arrow), joined in C, its cells used as they are when nothing in the whole changes, and
    its Python list made only when asked for (_Texts.values)."""
    import unicodedata

    import numpy as np
    import pyarrow as pa

    if given is not None:
        n = len(given)
        if n < 16 or given.null_count:
            return None
        joined = _arrow_joined(given)
        if joined is None or joined.count("\x00") != n - 1:  # a NUL in a text
            return None
    else:
        assert values is not None
        n = len(values)
        if n < 16:
            return None
        try:
            joined = "\x00".join(values)
        except TypeError:  # cells that are not text
            values = plains(values)
            joined = "\x00".join(values)
    if len(joined) == n - 1:  # every cell empty (an optional column left blank)
        empty = pa.StringArray.from_buffers(n, pa.py_buffer(np.zeros(n + 1, np.int32)), pa.py_buffer(b""))
        return _Texts(values, empty, np.zeros(0, np.int64), (joined, empty, []), empty, False, np.zeros(0, np.int64),
                      joined)
    t = joined
    normal = unicodedata.is_normalized("NFKC", t)
    if not normal:
        for wide, narrow in _FULLWIDTH:
            if wide in t:
                t = t.replace(wide, narrow)
        normal = t is not joined and unicodedata.is_normalized("NFKC", t)
    cells = given.cast(pa.large_string()) if given is not None and t is joined else _split(t, n)
    if cells is None:
        return None
    _, offsets, data = cells.buffers()
    bounds = np.frombuffer(offsets, np.int64, n + 1, cells.offset * 8)
    starts, ends = bounds[:-1], bounds[1:]
    b = np.frombuffer(data, np.uint8) if data is not None else np.zeros(0, np.uint8)
    unusual = np.zeros(n, bool)
    breaks = "\r" in t or "\n" in t
    if breaks:
        at = np.flatnonzero((b == 0x0D) | (b == 0x0A))
        unusual[_cell_of(starts, at)] = True
        b = b.copy()
        b[at] = 0x20
        cells = pa.LargeStringArray.from_buffers(n, offsets, pa.py_buffer(b), offset=cells.offset)
    fix = _edge_cells(b, starts, ends)
    if not normal:
        fix |= _unstable_cells(b, starts)
    unusual |= fix
    base = cells.cast(pa.string())
    fixing = np.flatnonzero(fix)
    olds = given.take(pa.array(fixing)).to_pylist() if given is not None else [values[k] for k in fixing.tolist()]  # type: ignore[index]
    fixed = [normalize_text(v) for v in olds]
    arrow = base
    if fixed:
        import pyarrow.compute as pc

        arrow = pc.replace_with_mask(base, pa.array(fix), pa.array(fixed, pa.string()))
    same = t is joined and not breaks
    if given is not None:
        plain = given if given.type == pa.string() else given.cast(pa.string())
    else:
        plain = base if same else None
    return _Texts(values, arrow, np.flatnonzero(unusual), (t, cells, fixed), plain, not same, fixing,
                  joined if given is not None else None)


def _arrow_joined(arr) -> str | None:
    """The texts of an Arrow string array joined by NUL, as one str (joined and decoded in C); None when
    Arrow cannot join them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        whole = pa.LargeListArray.from_arrays(pa.array([0, len(arr)], pa.int64()), arr)
        return pc.binary_join(whole, "\x00")[0].as_py()
    except (UnicodeError, ValueError, pa.ArrowException):
        return None


def _split(t: str, n: int):
    """The n texts of t (joined by NUL) as an Arrow large_string array (encoded and cut by Arrow, in C), or
    None when they are not n (a NUL in a text) or Arrow cannot hold them (a lone surrogate)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        cells = pc.split_pattern(pa.array([t], pa.large_string()), "\x00").values
    except (UnicodeError, ValueError, pa.ArrowException):
        return None
    return cells if len(cells) == n else None


def _cell_of(starts, at):
    """The index of the text holding each byte position ``at`` (texts from ``starts``, end to end)."""
    import numpy as np

    return np.searchsorted(starts, at, "right") - 1


def each_distinct(values: list, fn, dtype=object):
    """``[fn(v) for v in values]`` as a numpy array, fn called once per distinct value (values hashable
    and never equal across types — texts, or one kind of object)."""
    import numpy as np
    import pandas as pd

    if len(values) == 0:
        return np.zeros(0, dtype)
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    mapped = np.empty(len(uniques), dtype)
    mapped[:] = [fn(u) for u in uniques]
    return mapped[codes]


def _compact_kept(arr):
    """compact_code of Arrow texts made of kept characters (KEPT_ONLY): no spaces, no leading apostrophe, upper-case."""
    import pyarrow.compute as pc

    return pc.ascii_upper(pc.utf8_ltrim(pc.replace_substring(arr, " ", ""), characters="'"))


class Frame:
    """One batch of data rows as columns: physical row numbers, each field's raw cell values and
    normalised texts (normalize_text called only on the cells a vectorised test says it may change),
    行政相对人类别 and 处罚类别 buckets per row (each distinct value looked up once); Records made only when a
    family without a columnar form asks for them."""

    def __init__(self, numbered: list, mapper: "SheetMapper", columns: dict | None = None, arrays: dict | None = None):
        self.mapper = mapper
        self._arrays: dict = arrays or {}  # column → Arrow string array of the same texts as _columns (a CSV)
        self.numbers: list[int] = list(map(itemgetter(0), numbered)) if columns is None else list(numbered)
        self._rows: list[list] = list(map(itemgetter(1), numbered)) if columns is None else []
        self._columns: dict[int, list] = columns or {}
        self._padded = False
        self.n = len(self.numbers)
        # the source column of each code as Record.values has it (the last column read for a code)
        self.source: dict[str, int] = {code: i for code, i in mapper.sources}
        self.source.update(mapper.extensions)
        self._raw: dict[str, list] = {}
        self._text: dict[str, list] = {}
        self._plain: dict = {}  # code → Arrow array of the cells as text before normalisation (or None)
        self._text_arrow: dict = {}  # code → Arrow array of the normalised texts (or None)
        self._made: dict = {}  # code → its _Texts (None: the per-cell path of _normalised)
        self._strings: dict = {}
        self._words: dict = {}  # (code, word) → contains_word's mask
        self.damaged: dict[str, set] = {}  # code → positions whose cell Excel damaged (excel_damage)
        self._dates: list | None = None  # per position: field code → parsed date (the dates family)
        self.date_columns: dict | None = None  # field code → parsed date or None per position (the same)
        self._days: dict = {}  # field code → the same dates as day numbers since 1970-01-01 (numpy int64, NAT_DAY)
        self._records: list | None = None
        self._light: dict = {}
        p = mapper.prefix
        self._category_codes: tuple | None = None
        self._category_parts = None  # (the 类别 of each distinct text, each row's text as an index into those)
        if mapper.has_lb:
            self._category_parts = parts = self._per_text(f"{p}_XDR_LB", lambda t: category_of(t)[0] or None)
            self.category = parts[0][parts[1]].tolist()
            self.category_basis = [None] * self.n
        else:
            self.category, self.category_basis = self._derived_category(p)
        self.buckets = self.text_distinct("CF_CFLB", _buckets).tolist() if p == "CF" else [frozenset()] * self.n

    @classmethod
    def from_columns(cls, numbers: list, columns: dict, mapper: "SheetMapper", arrays: dict | None = None) -> "Frame":
        """A frame from columns: the physical row numbers and, per source column index, the raw cell
        values of the rows ('' past the end of a short row); ``arrays``: some of those columns, all text,
        already as Arrow string arrays (a CSV read by Arrow), not converted again."""
        return cls(numbers, mapper, columns, arrays)

    def has(self, code: str) -> bool:
        return code in self.source

    #: ``fn`` of every value of a list, called once per distinct value (numpy array), for the families
    each_distinct = staticmethod(each_distinct)

    def raw(self, code: str) -> list:
        """The raw cell values of a field ('' past the end of a short row; None for a field without a
        column)."""
        got = self._raw.get(code)
        if got is None:
            i = self.source.get(code)
            if i is None:
                got = [None] * self.n
            elif i in self._columns:
                got = self._columns[i]
            elif i in self._arrays:  # a CSV read by Arrow: the Python list made when a rule first asks
                made = self._texts(code)
                if made is not None:
                    got = self._columns[i] = made.values
                else:  # (the per-cell path of _texts may have made it)
                    got = self._columns.get(i)
                    if got is None:
                        got = self._columns[i] = self._arrays[i].to_pylist()
            elif self._rows:
                if not self._padded:
                    self._pad()
                got = self._transposed().get(i)
                if got is None:
                    got = list(map(itemgetter(i), self._rows))  # in C
            else:
                got = [""] * self.n
            self._raw[code] = got
        return got

    def raw_at(self, code: str, positions: list) -> list:
        """``[raw(code)[k] for k in positions]``, taken from the Arrow array of a CSV column (no Python list of
        the whole column) while its list is not made."""
        i = self.source.get(code)
        if code not in self._raw and i in self._arrays and i not in self._columns:
            import pyarrow as pa

            return self._arrays[i].take(pa.array(positions, pa.int64())).to_pylist()
        raw = self.raw(code)
        return [raw[k] for k in positions]

    def text_at(self, code: str, positions: list) -> list:
        """``[text(code)[k] for k in positions]``, taken from the normalised Arrow texts of a CSV column while
        its list is not made."""
        if code not in self._text and self.source.get(code) in self._arrays:
            arr = self.texts_arrow(code)
            if arr is not None:
                import pyarrow as pa

                return arr.take(pa.array(positions, pa.int64())).to_pylist()
        texts = self.text(code)
        return [texts[k] for k in positions]

    def given_as_text(self, code: str) -> bool:
        """Whether a field's cells were given as an Arrow string array (a CSV read by Arrow: every cell a str)."""
        return self.source.get(code) in self._arrays

    def _transposed(self) -> dict:
        """The source columns of the rows, all at once (in C), made on the first call."""
        got = self.__dict__.get("_by_index")
        if got is None:
            rows, wanted = self._rows, sorted(set(self.source.values()))
            width = len(rows[0])
            if len(set(map(len, rows))) == 1:  # the usual batch: one row after another
                # (every cell taken once in the rows' own order, then each column a slice: in C, and about a
                # third of what zip(*rows) costs, whose columns visit the cells column by column)
                flat = list(chain.from_iterable(rows))
                got = {i: flat[i::width] for i in wanted}
            else:
                got = {i: list(map(itemgetter(i), rows)) for i in wanted}
            self._by_index = got
        return got

    def _pad(self) -> None:
        """Short rows padded with '' up to the last source column (copies: the caller's rows stay as
        they are)."""
        self._padded = True
        width = max(self.source.values(), default=-1) + 1
        if self._rows and min(map(len, self._rows)) < width:
            self._rows = [r if len(r) >= width else list(r) + [""] * (width - len(r)) for r in self._rows]

    def plain(self, code: str):
        """The cells of a field as text before normalisation (_plain: cell_text of a non-text cell, '' when
        blank) as an Arrow string array; None when Arrow cannot hold them (a lone surrogate)."""
        made = self._texts(code)
        return made.plain if made is not None else self._plain[code]

    def text(self, code: str) -> list[str]:
        """Normalised text of a field, '' when blank (Record.text of every row)."""
        got = self._text.get(code)
        if got is None:
            made = self._texts(code)
            got = self._text[code] = made.text if made is not None else self._text[code]
        return got

    def _texts(self, code: str):
        """The _Texts of a field, made on the first call (None on the per-cell path, whose texts
        _normalised puts in place)."""
        if code in self._made:
            return self._made[code]
        i = self.source.get(code)
        if i is None:
            made = None
        elif i in self._arrays:  # a CSV read by Arrow: from the Arrow array, no Python list first
            made = _texts_at_once(None, self._arrays[i])
        else:
            made = _texts_at_once(self.raw(code))
        self._made[code] = made
        if made is None:
            self._text[code] = self._normalised(code)
        return made

    def unusual(self, code: str):
        """Numpy positions (int64, ascending) of the rows whose cell normalize_text changes otherwise than by
        replacing common full-width punctuation (_FULLWIDTH): every cell with white space at an edge, a line
        break or a full-width letter or digit is among them."""
        import numpy as np

        made = self._texts(code)
        if made is not None:
            return made.unusual
        arr = self.plain(code)
        if arr is not None:  # (an Arrow array given: a CSV) the texts not made only of kept characters
            import pyarrow.compute as pc

            return np.flatnonzero(~as_mask(pc.match_substring_regex(arr, STABLE_TEXT)))
        return np.flatnonzero(np.fromiter(map(str.__ne__, self.text(code), self.plain_texts(code)), bool, self.n))

    def text_distinct(self, code: str, fn, dtype=object):
        """``[fn(t) for t in text(code)]`` as a numpy array, fn called once per distinct normalised text (the
        distinct texts found by Arrow)."""
        mapped, index = self._per_text(code, fn, dtype)
        return mapped[index]

    def _per_text(self, code: str, fn, dtype=object):
        """(fn of each distinct normalised text as a numpy array, each row's text as an index into it)."""
        import numpy as np

        arr = self.texts_arrow(code)
        if arr is None:
            import pandas as pd

            index, distinct = pd.factorize(np.asarray(self.text(code), dtype=object), use_na_sentinel=False)
        else:
            import pyarrow.compute as pc

            enc = pc.dictionary_encode(arr)
            index, distinct = enc.indices.to_numpy(zero_copy_only=False), enc.dictionary.to_pylist()
        mapped = np.empty(len(distinct), dtype)
        mapped[:] = [fn(t) for t in distinct]
        return mapped, index

    def category_codes(self, categories: tuple):
        """Each row's 类别 as its index in ``categories`` (numpy int8; 0 for one not among them)."""
        import numpy as np

        got = self._category_codes
        if got is None or got[0] != categories:
            index = {c: i for i, c in enumerate(categories)}
            if self._category_parts is not None:  # per distinct 行政相对人类别 text
                mapped, rows = self._category_parts
                codes = np.array([index.get(c, 0) for c in mapped.tolist()], np.int8)[rows]
            else:
                codes = each_distinct(self.category, lambda c: index.get(c, 0), np.int8)
            got = self._category_codes = (categories, codes)
        return got[1]

    def _normalised(self, code: str) -> list[str]:
        """The normalised texts of a field cell by cell (no column, an Arrow array given, a short column,
        a NUL or lone surrogate in a text), with _plain and _text_arrow set."""
        import numpy as np
        import pyarrow.compute as pc

        if code not in self.source:
            self._plain[code] = self._text_arrow[code] = None
            return [""] * self.n
        given = self._arrays.get(self.source[code])
        values = plains(self.raw(code))
        arr = self._plain[code] = given if given is not None else _arrow(values)
        if arr is None:
            self._text_arrow[code] = None
            return [normalize_text(v) if v else "" for v in values]
        changing = np.flatnonzero(~as_mask(pc.match_substring_regex(arr, STABLE_TEXT))).tolist()
        if changing:
            _normalise(values, changing)
        self._text_arrow[code] = arr if not changing else None
        return values

    def distinct_cells(self, codes: list):
        """The rows' distinct combinations of cells of the given fields, a cell told by its text before
        normalisation and its type (which fix its normalised text and cell_text): (combination per row,
        the first position of each combination, each row's combination as an index into those)."""
        import numpy as np
        import pandas as pd
        import pyarrow.compute as pc

        key = np.zeros(self.n, np.int64)
        for code in codes:
            arr = self.plain(code)
            if arr is not None:
                by_text = pc.dictionary_encode(arr).indices.to_numpy(zero_copy_only=False).astype(np.int64)
            else:  # Python strings (a lone surrogate)
                memo: dict = {}
                by_text = np.fromiter((memo.setdefault(t, len(memo)) for t in self.plain_texts(code)), np.int64,
                                      count=self.n)
            raw = self.raw(code)
            if len(set(map(type, raw))) <= 1:  # the usual column: one type, told by the text alone
                by_type, types = np.zeros(self.n, np.int64), (str,)
            else:
                by_type, types = pd.factorize(np.fromiter(map(type, raw), dtype=object, count=self.n))
            for part, size in ((by_text, int(by_text.max(initial=-1)) + 1), (by_type, len(types))):
                if size > 1 or part is by_text:  # (a factorised key times 1 plus 0 is itself)
                    key = pd.factorize(key * size + part)[0]  # stays below the number of rows
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        return key, first, inverse.reshape(-1)

    def compacted_arrow(self, code: str):
        """compacted(code) as an Arrow string array, made in Arrow when every text is made of kept
        characters (KEPT_ONLY); from compacted(code) otherwise."""
        import pyarrow.compute as pc

        arr = self.texts_arrow(code)
        if arr is not None and pc.all(pc.match_substring_regex(arr, KEPT_ONLY)).as_py() is not False:
            return _compact_kept(arr)
        return _arrow(self.compacted(code))

    def compacted(self, code: str) -> list[str]:
        """compact_code of every row's text (identifiers as keys): in Arrow for texts made of kept
        characters, compact_code itself once per distinct other text."""
        texts = self.text(code)
        arr = self.texts_arrow(code)
        if arr is None:
            return self.each_distinct(texts, compact_code).tolist()
        import numpy as np
        import pyarrow.compute as pc

        out = _compact_kept(arr).to_pylist()
        other = np.flatnonzero(~as_mask(pc.match_substring_regex(arr, KEPT_ONLY))).tolist()
        if other:
            for k, v in zip(other, self.each_distinct([texts[k] for k in other], compact_code).tolist()):
                out[k] = v
        return out

    def compacted_joined(self, code: str, positions, sep: str) -> str:
        """``sep.join`` of ``compacted(code)`` at the given positions, made in Arrow (no Python string per
        row) when those texts are all made of kept characters."""
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = self.texts_arrow(code)
        if arr is not None:
            some = arr.take(pa.array(positions, pa.int64()))
            if pc.all(pc.match_substring_regex(some, KEPT_ONLY)).as_py():
                parts = pa.ListArray.from_arrays(pa.array([0, len(some)], pa.int32()), _compact_kept(some))
                return pc.binary_join(parts, sep)[0].as_py()
        every = self.compacted(code)
        return sep.join([every[k] for k in positions])

    def texts_arrow(self, code: str):
        """The normalised texts as an Arrow string array; None when Arrow cannot hold them."""
        made = self._texts(code)
        if made is not None:
            return made.arrow
        got = self._text_arrow.get(code)
        if got is None:
            got = self._text_arrow[code] = _arrow(self.text(code))
        return got

    def lengths(self, code: str):
        """Character counts of the normalised texts (numpy int64)."""
        import numpy as np
        import pyarrow.compute as pc

        arr = self.texts_arrow(code)
        if arr is None:
            return np.fromiter(map(len, self.text(code)), dtype=np.int64, count=self.n)
        return pc.utf8_length(arr).to_numpy(zero_copy_only=False).astype(np.int64, copy=False)

    def filled(self, code: str):
        """Numpy mask of the rows whose normalised text is not empty (Arrow byte lengths: no scan)."""
        import numpy as np
        import pyarrow.compute as pc

        arr = self.texts_arrow(code)
        if arr is None:
            return np.fromiter(map(bool, self.text(code)), dtype=bool, count=self.n)
        return pc.binary_length(arr).to_numpy(zero_copy_only=False) > 0

    def strings(self, code: str):
        """The texts as a pandas Series of Arrow-backed strings (vectorised string checks)."""
        got = self._strings.get(code)
        if got is None:
            import pandas as pd

            arr = self.texts_arrow(code)
            if arr is None:  # a lone surrogate Arrow cannot hold: Python strings
                got = pd.Series(self.text(code), dtype=object)
            else:
                got = pd.Series(pd.arrays.ArrowStringArray(arr))
            self._strings[code] = got
        return got

    def _derived_category(self, p: str) -> tuple[list, list]:
        """records.mapping._derive_category of every row (a sheet without 行政相对人类别): blank cells and
        the 92 prefix judged once per distinct text, cells that are not text one by one."""
        import numpy as np

        filled = {}
        for s in ("XDR_SHXYM", "XDR_ZZJG", "XDR_GSZC", "XDR_SWDJ", "XDR_ZJHM"):
            code = f"{p}_{s}"
            if code not in self.source:
                filled[s] = np.zeros(self.n, bool)
                continue
            mask = each_distinct(self.plain_texts(code), lambda t: bool(t.strip()), bool)
            raw = self.raw(code)
            for k in self._not_text(code):
                mask[k] = not is_blank(raw[k])
            filled[s] = mask
        org = filled["XDR_SHXYM"] | filled["XDR_ZZJG"] | filled["XDR_GSZC"] | filled["XDR_SWDJ"]
        person = ~org & filled["XDR_ZJHM"]
        code = f"{p}_XDR_SHXYM"
        if code in self.source:
            p92 = each_distinct(self.plain_texts(code), lambda t: t.strip().startswith("92"), bool)
            raw = self.raw(code)
            for k in self._not_text(code):
                p92[k] = cell_text(raw[k]).strip().startswith("92")
        else:
            p92 = np.zeros(self.n, bool)
        cat = np.full(self.n, None, object)
        basis = np.full(self.n, None, object)
        for mask, value, why in ((person, LB_PERSON, "按填写的证件号码推断"),
                                 (org & ~p92, LB_ORG, "按填写的单位代码推断"),
                                 (org & p92, LB_INDIVIDUAL, "按代码前缀（92）推断")):
            cat[mask], basis[mask] = value, why
        gs = f"{p}_XDR_GSZC"
        if gs in self.source:  # an 个体工商户 by its 工商注册号 (records.mapping.individual_by_gs15), row by row
            raw_gs, raw_u = self.raw(gs), self.raw(code) if code in self.source else None
            for k in np.flatnonzero(org & ~p92 & filled["XDR_GSZC"]).tolist():
                if individual_by_gs15(cell_text(raw_u[k]) if raw_u is not None else "", cell_text(raw_gs[k])):
                    cat[k], basis[k] = LB_INDIVIDUAL, GS15_BASIS
        return cat.tolist(), basis.tolist()

    def plain_texts(self, code: str) -> list[str]:
        """The cells of a field as text before normalisation (cell_text of a non-text cell), as a list."""
        return plains(self.raw(code))

    def _not_text(self, code: str) -> list[int]:
        """Positions whose cell is not a str."""
        return [k for k, v in enumerate(self.raw(code)) if type(v) is not str]

    def contains(self, code: str, pattern: str):
        """Numpy mask of the texts where a regular expression (written for both RE2 and Python's re) is
        found."""
        arr = self.texts_arrow(code)
        if arr is not None:
            import pyarrow.compute as pc

            return as_mask(pc.match_substring_regex(arr, pattern))
        pattern = pattern.replace(r"\p{Nd}", r"\d")  # Python strings (a lone surrogate): Python's \d is Unicode Nd
        return self.strings(code).str.contains(pattern, regex=True).to_numpy(dtype=bool, na_value=False)

    def contains_word(self, code: str, word: str):
        """Numpy mask (read-only, kept for the other families) of the texts that contain a plain word
        (``word in text``: Arrow's literal search)."""
        got = self._words.get((code, word))
        if got is None:
            import numpy as np

            arr = self.texts_arrow(code)
            if arr is None:  # Python strings (a lone surrogate)
                got = np.fromiter((word in t for t in self.text(code)), bool, count=self.n)
            else:
                import pyarrow.compute as pc

                got = as_mask(pc.match_substring(arr, word))
            got.flags.writeable = False
            self._words[(code, word)] = got
        return got

    def may_contain(self, code: str, chars: str, utf8: bytes = b"") -> bool:
        """Whether some normalised text of a field may hold one of the characters ``chars`` or the UTF-8
        bytes ``utf8`` (one search over the whole column, before a regular expression over every text):
        False only when none does."""
        made = self._texts(code)
        if made is None:
            return True
        joined, cells, fixed = made.seen
        if any(c in joined for c in chars):
            return True
        data = cells.buffers()[2] if utf8 else None
        if data is not None and utf8 in data.to_pybytes():
            return True
        return any(c in t for t in fixed for c in chars) or bool(utf8 and any(utf8 in t.encode() for t in fixed))

    def light(self, k: int, codes) -> Record:
        """Row k as a Record holding only the given fields (those a row form reads), with the row's 类别,
        处罚类别 buckets, parsed dates and damaged cells."""
        got = self._light.get(codes)
        if got is None:
            present = [c for c in codes if c in self.source]
            got = self._light[codes] = (present, [self.raw(c) for c in present], [self.text(c) for c in present],
                                        [(c, self.damaged[c]) for c in present if c in self.damaged])
        return self._light_record(k, k, *got)

    def lights(self, positions: list, codes) -> list[Record]:
        """``[light(k, codes) for k in positions]``, the cells of a CSV column taken from Arrow for those rows
        only (Frame.raw_at, text_at: no Python list of the whole column)."""
        if not positions:
            return []
        present = [c for c in codes if c in self.source]
        raws = [self.raw_at(c, positions) for c in present]
        texts = [self.text_at(c, positions) for c in present]
        damaged = [(c, self.damaged[c]) for c in present if c in self.damaged]
        return [self._light_record(k, j, present, raws, texts, damaged) for j, k in enumerate(positions)]

    def _light_record(self, k: int, j: int, present, raws, texts, damaged) -> Record:
        """Row k as light makes it, its cells at index j of ``raws`` and ``texts``."""
        rec = Record(self.numbers[k], {c: col[j] for c, col in zip(present, raws)})
        rec._texts = {c: col[j] for c, col in zip(present, texts)}
        rec.category, rec.category_basis, rec.buckets = self.category[k], self.category_basis[k], self.buckets[k]
        if self._dates is not None:
            rec.dates = self._dates[k]
        elif self.date_columns is not None:  # this row's dates only (fr.dates would make a dict for every row)
            rec.dates = {code: col[k] for code, col in self.date_columns.items() if col[k] is not None}
        for c, positions in damaged:
            if k in positions:
                rec.damaged.add(c)
        return rec

    def set_dates(self, dates: list[dict]) -> None:
        """The parsed dates of each row (the dates family), for the families after it."""
        self._dates, self.date_columns, self._days = dates, None, {}
        for rec, d in zip(self._records or (), dates):
            rec.dates = d

    def set_date_columns(self, columns: dict[str, list], days: dict | None = None) -> None:
        """The parsed dates per field (a date or None per row, fields in order: the dates family), for the
        families after it; ``dates`` (a dict per row) is made from them when asked for; ``days``: the same
        dates as numpy day numbers (``date_days``), when the family has them."""
        self._dates, self.date_columns, self._days = None, columns, dict(days or {})
        if self._records is not None:
            for rec, d in zip(self._records, self.dates or ()):
                rec.dates = d

    def date_column(self, code: str) -> list:
        """A field's parsed date per position (None where there is none, and before the dates family)."""
        if self.date_columns is not None:
            got = self.date_columns.get(code)
            return got if got is not None else [None] * self.n
        if self._dates is not None:
            return [d.get(code) for d in self._dates]
        return [None] * self.n

    def date_days(self, code: str):
        """``date_column`` as day numbers since 1970-01-01 (numpy int64; NAT_DAY where there is no date):
        the dates family's own when it gave them, else each distinct date converted once."""
        got = self._days.get(code)
        if got is None:
            import datetime as dt

            import numpy as np
            from sgs_cli.rules.dates import EPOCH_ORDINAL, NAT_DAY

            def day(d) -> int:  # (pandas' factorize makes a None NaN)
                return d.toordinal() - EPOCH_ORDINAL if isinstance(d, dt.date) else NAT_DAY

            got = self._days[code] = each_distinct(self.date_column(code), day, np.int64)
        return got

    @property
    def dates(self) -> list[dict] | None:
        """Per position: field code → parsed date (after the dates family; None before)."""
        if self._dates is None and self.date_columns is not None:
            dates: list[dict] = [{} for _ in range(self.n)]
            for code, col in self.date_columns.items():
                for d, when in zip(dates, col):
                    if when is not None:
                        d[code] = when
            self._dates = dates
        return self._dates

    def cell(self, k: int, code: str) -> Record:
        """A Record holding one cell (for a finding's row and value)."""
        return Record(self.numbers[k], {code: self.raw_at(code, [k])[0]})

    def records(self) -> list[Record]:
        """The batch as Records, exactly as SheetMapper.record makes them (with what columnar families
        noted: damaged cells)."""
        if self._records is None:
            codes = list(self.source)
            raws = [self.raw(c) for c in codes]
            texts = [self.text(c) for c in codes]
            out = []
            for k in range(self.n):
                rec = Record(self.numbers[k], {c: col[k] for c, col in zip(codes, raws)})
                rec._texts = {c: col[k] for c, col in zip(codes, texts)}
                rec.category, rec.category_basis = self.category[k], self.category_basis[k]
                rec.buckets = self.buckets[k]
                out.append(rec)
            if self.dates is not None:
                for rec, d in zip(out, self.dates):
                    rec.dates = d
            for code, positions in self.damaged.items():
                for k in positions:
                    out[k].damaged.add(code)
            self._records = out
        return self._records

    def memo(self, key, make):
        """``make()`` once per frame for a key (work two families share, e.g. rules/amounts.column_amounts);
        the value is shared: the families only read it."""
        memo = self.__dict__.setdefault("_memo", {})
        if key not in memo:
            memo[key] = make()
        return memo[key]

    def dictionary(self, code: str):
        """(each row's index into the distinct normalised texts of a field (numpy int64), those texts as an
        Arrow array, in order of first occurrence), made once: a search over the distinct texts instead of
        every row's; None when Arrow cannot hold the texts (a lone surrogate)."""
        memo = self.__dict__.setdefault("_dictionary", {})
        if code not in memo:
            arr = self.texts_arrow(code)
            if arr is None:
                memo[code] = None
            else:
                import numpy as np
                import pyarrow.compute as pc

                enc = pc.dictionary_encode(arr)
                memo[code] = (enc.indices.to_numpy(zero_copy_only=False).astype(np.int64), enc.dictionary)
        return memo[code]

    def utf8_joined(self, code: str) -> bytes | None:
        """The normalised texts of a field as UTF-8 joined by NUL (one bytes object, for byte-level
        prefilters: bytes.translate, bytes.find), cached; None when a text holds a NUL or Arrow cannot hold
        the texts (a lone surrogate): the Arrow texts joined in C."""
        memo = self.__dict__.setdefault("_utf8_joined", {})
        if code in memo:
            return memo[code]
        data = None
        arr = self.texts_arrow(code)
        if arr is not None and len(arr):
            import pyarrow as pa
            import pyarrow.compute as pc

            binary = arr.cast(pa.binary())
            whole = pa.ListArray.from_arrays(pa.array([0, len(binary)], pa.int32()), binary)
            data = pc.binary_join(whole, b"\x00")[0].as_py()
        elif arr is not None:
            data = b""
        if data is not None and data.count(b"\x00") != max(self.n - 1, 0):
            data = None
        memo[code] = data
        return data

    def translated_hits(self, code: str, table: bytes, delete: bytes, needle: bytes):
        """Positions (numpy int64, ascending) of the texts of a field in which ``needle`` occurs once their
        UTF-8 bytes are mapped by ``bytes.translate(table, delete)`` — a byte-level prefilter, in C, over
        the whole column at once; None when ``utf8_joined`` is None (the caller's path). ``table`` must map
        NUL (the texts' separator), and only NUL, to a byte that is not in ``needle``, and keep it."""
        import numpy as np

        data = self.utf8_joined(code)
        if data is None:
            return None
        sep = table[0:1]
        assert table.count(sep) == 1 and sep not in needle and b"\x00" not in delete
        mapped = data.translate(table, delete)
        out = []
        at, k = mapped.find(needle), 0
        last = 0
        while at >= 0:
            k += mapped.count(sep, last, at)  # the text the needle starts in
            out.append(k)
            last = mapped.find(sep, at)  # on from the next text
            if last < 0:
                break
            at = mapped.find(needle, last)
        return np.array(out, np.int64)


def check_frame(fr: Frame, ctx, rules, partial: bool = False) -> list:
    """The findings of a frame, family by family (columnar form where there is one), in row order."""
    found: list = []
    for rule in rules:
        state = ctx.states[rule.name]
        if partial and rule.partial_columns is not None:
            rule.partial_columns(fr, ctx, state)
        elif partial and rule.partial is not None:
            codes = rule.reads(ctx) if rule.reads is not None else None
            recs = [fr.light(k, codes) for k in range(fr.n)] if codes is not None else fr.records()
            rule.partial(recs, ctx, state)
        elif rule.columns is not None:
            found.extend(rule.columns(fr, ctx, state))
        else:
            found.extend(rule.batch(fr.records(), ctx, state))
    found.sort(key=_row)
    return found


def _row(f) -> int:
    return f.row
