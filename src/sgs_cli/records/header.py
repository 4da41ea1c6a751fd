"""Header recognition: find the header row under title/notice rows, match each header cell to a
field of a sheet layout (by code, canonical name, alias or parenthetical label) and pick the layout.

docs/standard.md §2.3: NFKC, strip spaces, ``*``, required marks, trailing annotations such as
``（必填，XXXX/XX/XX格式）`` or ``:公示;仅政府部门内部共享``; resolve 代码_2/_3/_5 by their label.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from sgs_cli.standard import ALL_SPECS, SheetSpec
from sgs_cli.standard.extras import extras_for
from sgs_cli.standard.meanings import BARE_NAMES, GENERIC_CODE_STEMS, identifier_of, meaning_of
from sgs_cli.io.cells import cell_text

HEADER_SCAN_ROWS = 30

_DASHES = str.maketrans({"－": "_", "—": "_", "-": "_", "＿": "_", "“": "", "”": "", '"': "", "、": "、",
                         "【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")", "「": "(", "」": ")",
                         "〈": "(", "〉": ")", "<": "(", ">": ")"})
_PAREN = re.compile(r"\(([^()]*)\)$")
# notes that say how to fill a column, wherever they stand: (必填), (选填), (必填,XXXX/XX/XX格式),
# (三证必须选一填写), (单位万元,范围为0.00~9999.99) keeps its 万元 through the alias table
_FILL_NOTE = re.compile(r"\((?:[^()]*?(?:必填|选填|非必填|必须|可不填|格式|填写|如有|若有)[^()]*)\)")
# 代码-4, 代码/4, 代码4, 代码_4, 代码 4 → 代码_4 (after the dashes are unified)
_NUMBERED = re.compile(r"代码[_/]?([1-6])(?=\(|$|[^0-9])")


@lru_cache(maxsize=65536)
def normalize_header(text: str) -> str:
    s = unicodedata.normalize("NFKC", str(text)).translate(_DASHES)
    s = re.sub(r"[\s*＊]", "", s)
    s = re.sub(r"^\d+[.、]", "", s)  # "1.行政相对人名称"
    s = _FILL_NOTE.sub("", s) or s
    s = _NUMBERED.sub(r"代码_\1", s)
    return s.rstrip(":：")


def loose(s: str) -> str:
    """A normalised header with the spelling variants that do not change its meaning folded: 号码/号,
    做出/作出 (“证件号码”, “证件号”; “身份证号码”, “身份证号”)."""
    return s.replace("号码", "号").replace("做出", "作出")


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
def _loose_lookup(spec: SheetSpec) -> dict[str, str]:
    table: dict[str, str] = {}
    for k, code in _lookup(spec).items():
        table.setdefault(loose(k), code)
    return table


@lru_cache(maxsize=None)
def _extras(spec: SheetSpec) -> dict[str, str]:
    own = _lookup(spec)
    table: dict[str, str] = {}
    for e in extras_for(spec.kind):
        for a in (e.name, *e.aliases):
            k = loose(normalize_header(a).upper() if a.isascii() else normalize_header(a))
            if k not in own:
                table.setdefault(k, e.code)
    return table


@lru_cache(maxsize=65536)  # a header scan asks for every cell of the first rows, under every layout
def match_extra(spec: SheetSpec, text: str) -> str | None:
    """The code of a known extra column (standard/extras.py) a header names, or None."""
    s = normalize_header(text)
    if not s:
        return None
    table = _extras(spec)
    s = s.upper() if s.isascii() else s
    for form in (s, *_strip_annotations(s)):
        if loose(form) in table:
            return table[loose(form)]
    return None


@lru_cache(maxsize=None)
def _canon(spec: SheetSpec) -> dict[str, str]:
    return {normalize_header(f.name): f.code for f in spec.fields}


@lru_cache(maxsize=None)
def _markers(spec: SheetSpec) -> frozenset[str]:
    return frozenset(normalize_header(x) for x in spec.markers)


def _identifier(spec: SheetSpec, code: str) -> str | None:
    try:
        return spec.by_code(code).identifier or ("swdj" if code.endswith("_SWDJ") else None)
    except KeyError:
        return None


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
        label, stem = m.group(1), s[: m.start()]
        hit = table.get(label) or _loose_lookup(spec).get(loose(label))
        if hit is None and spec.kind in ("license", "penalty"):
            hit = identifier_of(label, spec.codes)  # 行政相对人代码_3（工商登记号）: the words in brackets decide
        if hit and not s.startswith(label):
            # a label naming two identifiers (“统一社会信用代码（纳税人识别号）” and its mirror) is the USCC
            # column: the 18-character code is what is written there, and it must be check-digit-tested
            generic = re.sub(r"_[1-6]$", "", stem) in GENERIC_CODE_STEMS  # “行政相对人代码（纳税人识别号）”
            other = None if generic else table.get(stem) or _loose_lookup(spec).get(loose(stem))
            if other and other != hit and _identifier(spec, other) == "uscc" and _identifier(spec, hit):
                return Match(other, "label")
            return Match(hit, "label")
    for shorter in _strip_annotations(s):
        if shorter in table:
            return Match(table[shorter], "stripped")
    lt = _loose_lookup(spec)
    for form in (s, *_strip_annotations(s)):
        if loose(form) in lt:
            return Match(lt[loose(form)], "alias" if form == s else "stripped")
    if spec.kind in ("license", "penalty") and match_extra(spec, text) is None:
        code = meaning_of(s, spec.codes)  # label families by their words (standard/meanings.py)
        if code is not None:
            return Match(code, "meaning")
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
    extras: dict[int, str] = field(default_factory=dict)  # column → code of a known extra (standard/extras.py)

    def column_of(self, code: str) -> int | None:
        for i, c in self.columns.items():
            if c == code:
                return i
        return None


def _row_texts(row: list) -> dict[int, str]:
    return {i: cell_text(v).strip() for i, v in enumerate(row) if cell_text(v).strip()}


def _representative(spec: SheetSpec, columns: dict[int, str], matches: dict[int, Match], legal_person: bool) -> None:
    """In 法人 templates a 证件类型 / 证件号码 pair next to the 法定代表人 columns is the representative's
    (health-program/credit: “法定代表人（必填）| 证件类型（必填）| 法人证件号（必填）”). Such a column is moved to
    法定代表人证件类型 / 法定代表人证件号码 when that field has no column of its own and either both neighbours
    are representative columns or one is and the template is a 法人 one (file, sheet or title says 法人)."""
    codes = set(spec.codes)
    for p in ("XK", "CF"):
        if f"{p}_XDR_ZJLX" in codes:
            break
    else:
        return
    moves = {f"{p}_XDR_ZJLX": f"{p}_FR_ZJLX", f"{p}_XDR_ZJHM": f"{p}_FR_ZJHM"}
    rep = {f"{p}_FRDB", f"{p}_FR", f"{p}_FR_ZJLX", f"{p}_FR_ZJHM"}
    order = sorted(columns)
    changed = True
    while changed:
        changed = False
        taken = set(columns.values())
        for k, i in enumerate(order):
            target = moves.get(columns[i])
            if target is None or target not in codes or target in taken:
                continue
            left = columns[order[k - 1]] in rep if k > 0 and order[k - 1] == i - 1 else False
            right = columns[order[k + 1]] in rep if k + 1 < len(order) and order[k + 1] == i + 1 else False
            if (left and right) or ((left or right) and legal_person):
                columns[i] = target
                matches[i] = Match(target, "role")
                changed = True
                break


def _map_row(spec: SheetSpec, texts: dict[int, str], header_row: int, legal_person: bool = False) -> HeaderMap:
    columns, matches, unknown, dups, extras = {}, {}, [], [], {}
    taken: set[str] = set()
    for i, t in texts.items():
        m = match_header(spec, t)
        if m is None:
            extra = match_extra(spec, t)
            if extra is None:
                unknown.append(i)
            else:
                extras[i] = extra
        elif m.code in taken:
            dups.append(i)
        else:
            columns[i], matches[i] = m.code, m
            taken.add(m.code)
    _bare_name(spec, texts, columns, matches, unknown)
    _representative(spec, columns, matches, legal_person)
    hm = HeaderMap(spec, header_row, columns, matches, texts, unknown, dups, extras=extras)
    marks = _markers(spec)
    markers = sum(1 for t in texts.values()
                  if normalize_header(t) in marks or normalize_header(t).split("(")[0] in marks)
    exact = sum(1 for m in matches.values() if m.how in ("name", "code"))
    hm.score = len(columns) + 0.5 * markers + 0.1 * exact - 0.05 * len(unknown)
    return hm


def _bare_name(spec: SheetSpec, texts: dict[int, str], columns: dict[int, str], matches: dict[int, Match],
               unknown: list[int]) -> None:
    """A bare 名称 / 姓名 column is the party's name when a column beside it holds one of the party's codes and
    the layout has no name column yet (国家企业信用信息公示系统: 名称 | 注册号 | 统一社会信用代码)."""
    name = next((c for c in (f"{p}_XDR_MC" for p in ("CF", "XK")) if c in spec.codes), None)
    name = name or next((c for c in ("XK_XDR",) if c in spec.codes), None)
    if name is None or name in columns.values():
        return
    for i in list(unknown):
        if normalize_header(texts[i]) not in BARE_NAMES:
            continue
        beside = [columns.get(i - 1), columns.get(i + 1)]
        if any(c and _identifier(spec, c) in ("uscc", "gs15", "orgcode", "swdj") for c in beside):
            columns[i], matches[i] = name, Match(name, "meaning")
            unknown.remove(i)
            return


def _key_fields(hm: HeaderMap) -> int:
    """How many of a decision's key fields (文号, party, decision date, authority) a licence or penalty layout
    recognised."""
    if hm.spec.kind not in ("license", "penalty"):
        return 0
    p = "XK" if hm.spec.kind == "license" else "CF"
    got = {hm.spec.mapping.get(c, c) for c in hm.columns.values()}
    auth = f"{p}_XKJG" if p == "XK" else f"{p}_CFJG"
    return sum(1 for c in (f"{p}_WSH", f"{p}_XDR_MC", f"{p}_JDRQ", auth) if c in got)


#: a sheet whose columns include this many of the 4 key fields is validated whatever else it carries (the
#: columns not recognised are listed as ignored): a 38-column platform export is a ledger, not a stranger
KEY_FIELDS_ENOUGH = 3


def _our_790_output(hm: HeaderMap, specs: tuple[SheetSpec, ...], hint: str) -> HeaderMap | None:
    """A header that starts with every column of a 790 template, by its canonical names and in order, is a 790
    sheet whatever follows — `sgs convert` writes the 790 columns first and keeps the old columns it could
    not migrate after them (地方编码, 数据更新时间戳, 处罚名称…): those are extras, not a 2015 layout."""
    modern = next((s for s in specs if s.kind == hm.spec.kind and s.standard != "2015"), None)
    if modern is None:
        return None
    cells = [normalize_header(hm.texts[i]) for i in sorted(hm.texts)]
    names = [normalize_header(f.name) for f in modern.fields]
    if cells[:len(names)] != names:
        return None
    out = _map_row(modern, hm.texts, hm.header_row, is_legal_person_template(hint))
    out.first_data_row = hm.first_data_row
    return out


def is_legal_person_template(hint: str) -> bool:
    """A template for 法人 (not 自然人) by its file name, sheet name or title (“行政处罚法人导入模板”)."""
    return "法人" in hint.replace("非法人", "")


def detect(rows: list[list], specs: tuple[SheetSpec, ...] = ALL_SPECS, hint: str = "") -> HeaderMap | None:
    """Best (row, layout) among the first rows; two-row headers are tried by filling a parent row's
    text into the blank cells of the row under it. hint: file and sheet name (a 法人 template's
    证件类型 next to 法定代表人 is the representative's)."""
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
        legal_person = is_legal_person_template(hint + "".join("".join(row_texts[j].values()) for j in range(i)))
        for t, last in candidates:
            for spec in specs:
                hm = _map_row(spec, t, last + 1, legal_person)
                hm.first_data_row = last + 1
                if best is None or hm.score > best.score + 1e-9:
                    best = hm
    if best is not None and best.spec.standard == "2015":
        best = _our_790_output(best, specs, hint) or best
    if best is None or len(best.columns) < 3:
        return None
    if len(best.columns) < 0.4 * (len(best.texts) - len(best.extras)) and _key_fields(best) < KEY_FIELDS_ENOUGH:
        return None
    return best
