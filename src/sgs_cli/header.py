"""Header recognition: find the header row under title/notice rows, match each header cell to a
field of a sheet layout (by code, canonical name, alias or parenthetical label) and pick the layout.

standard.md §2.3: NFKC, strip spaces, ``*``, required marks, trailing annotations such as
``（必填，XXXX/XX/XX格式）`` or ``:公示;仅政府部门内部共享``; resolve 代码_2/_3/_5 by their label.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .standard import ALL_SPECS, SheetSpec
from .values import cell_text

HEADER_SCAN_ROWS = 30

_DASHES = str.maketrans({"－": "_", "—": "_", "-": "_", "＿": "_", "“": "", "”": "", '"': "", "、": "、"})
_PAREN = re.compile(r"\(([^()]*)\)$")


@lru_cache(maxsize=65536)
def normalize_header(text: str) -> str:
    s = unicodedata.normalize("NFKC", str(text)).translate(_DASHES)
    s = re.sub(r"[\s*＊]", "", s)
    s = re.sub(r"^\d+[.、]", "", s)  # "1.行政相对人名称"
    return s.rstrip(":：")


def _strip_annotations(s: str) -> list[str]:
    """Progressively shorter forms of a header: drop ':…' tails and trailing '(…)' notes."""
    out = []
    for sep in (":", "："):
        if sep in s:
            s = s.split(sep, 1)[0]
            out.append(s)
    while True:
        m = _PAREN.search(s)
        if not m:
            break
        s = s[: m.start()]
        out.append(s)
    return out


@dataclass(frozen=True)
class Match:
    code: str
    how: str  # "code", "name", "alias", "label", "stripped"


@lru_cache(maxsize=None)
def _lookup(spec: SheetSpec) -> dict[str, str]:
    table: dict[str, str] = {}
    for f in spec.fields:  # canonical names and codes win over aliases
        table.setdefault(normalize_header(f.name), f.code)
        table.setdefault(f.code.upper(), f.code)
    for f in spec.fields:
        for a in f.aliases:
            table.setdefault(normalize_header(a).upper() if a.isascii() else normalize_header(a), f.code)
    return table


@lru_cache(maxsize=None)
def _canon(spec: SheetSpec) -> dict[str, str]:
    return {normalize_header(f.name): f.code for f in spec.fields}


@lru_cache(maxsize=None)
def _markers(spec: SheetSpec) -> frozenset[str]:
    return frozenset(normalize_header(x) for x in spec.markers)


@lru_cache(maxsize=65536)
def match_header(spec: SheetSpec, text: str) -> Match | None:
    s = normalize_header(text)
    if not s:
        return None
    table = _lookup(spec)
    canon = _canon(spec)
    if s in canon:
        return Match(canon[s], "name")
    if s.upper() in table and s.isascii():
        return Match(table[s.upper()], "code")
    if s in table:
        return Match(table[s], "alias")
    m = _PAREN.search(s)
    if m:  # 行政相对人代码_2(组织机构代码): the label decides, whatever the number says
        label = m.group(1)
        if label in table and not s.startswith(label):
            return Match(table[label], "label")
    for shorter in _strip_annotations(s):
        if shorter in table:
            return Match(table[shorter], "stripped")
    return None


@dataclass
class HeaderMap:
    spec: SheetSpec
    header_row: int  # physical row number (1-based) of the (last) header row
    columns: dict[int, str]  # column index → field code
    matches: dict[int, Match]
    texts: dict[int, str]  # column index → header text as written
    unknown: list[int] = field(default_factory=list)  # columns with a header that matched nothing
    duplicates: list[int] = field(default_factory=list)  # columns mapped to a field already taken
    score: float = 0.0
    first_data_row: int = 0  # 0-based index into rows

    def column_of(self, code: str) -> int | None:
        for i, c in self.columns.items():
            if c == code:
                return i
        return None


def _row_texts(row: list) -> dict[int, str]:
    return {i: cell_text(v).strip() for i, v in enumerate(row) if cell_text(v).strip()}


def _map_row(spec: SheetSpec, texts: dict[int, str], header_row: int) -> HeaderMap:
    columns, matches, unknown, dups = {}, {}, [], []
    taken: set[str] = set()
    for i, t in texts.items():
        m = match_header(spec, t)
        if m is None:
            unknown.append(i)
        elif m.code in taken:
            dups.append(i)
        else:
            columns[i], matches[i] = m.code, m
            taken.add(m.code)
    hm = HeaderMap(spec, header_row, columns, matches, texts, unknown, dups)
    marks = _markers(spec)
    markers = sum(1 for t in texts.values()
                  if normalize_header(t) in marks or normalize_header(t).split("(")[0] in marks)
    exact = sum(1 for m in matches.values() if m.how in ("name", "code"))
    hm.score = len(columns) + 0.5 * markers + 0.1 * exact - 0.05 * len(unknown)
    return hm


def detect(rows: list[list], specs: tuple[SheetSpec, ...] = ALL_SPECS) -> HeaderMap | None:
    """Best (row, layout) among the first rows; two-row headers are tried by filling a parent row's
    text into the blank cells of the row under it."""
    best: HeaderMap | None = None
    limit = min(len(rows), HEADER_SCAN_ROWS)
    row_texts = [_row_texts(rows[i]) for i in range(limit)]
    for i in range(limit):
        texts = row_texts[i]
        if len(texts) < 2:
            continue
        candidates = [(texts, i)]
        if i + 1 < limit and row_texts[i + 1]:
            merged = dict(texts)
            merged.update(row_texts[i + 1])
            candidates.append((merged, i + 1))
        for t, last in candidates:
            for spec in specs:
                hm = _map_row(spec, t, last + 1)
                hm.first_data_row = last + 1
                if best is None or hm.score > best.score + 1e-9:
                    best = hm
    if best is None or len(best.columns) < 3 or len(best.columns) < 0.4 * len(best.texts):
        return None
    return best
