"""应归尽归: the month's decisions against each department's 事项目录 (773号附件1).

Every decision counted in the month (monthly.build: submissions.choose, one decision per 文号 and date) is
compared with the items of its own department's catalogue (departments joined by
standard/departments.department_key): a licence with the 行政许可 items, a penalty with the 行政处罚 items,
an unclassified decision with all. What is compared is the decision's name as the data give it
(reports/decisions: the ledger's 项目名称/案件名称, the 790 licence's 行政许可决定文书名称, the 790 penalty's
违法行为类型) with the item's 项目名称. The 许可类别 of a 790 licence (普通、特许…) names no item and is not
compared.

Names are written loosely, so both are normalised (:func:`normalise`: full/half width, case, whitespace,
brackets and punctuation dropped; a leading 对 and the item's subject (经营者, 食品生产经营者…) cut, and the endings
that name the paper or the act: 的处罚 / 行政处罚 / 案 / 决定书 / 通知书 / 证 / 核发 / 审批 / 等 / 的) and
scored (:func:`similarity`, difflib of the standard library): the characters of the shorter name found, in
order, in the longer one, divided by the length of the shorter name; a shorter name of fewer than
:data:`MIN_PARTIAL` characters is scored with difflib's ratio instead (2 × same ÷ both lengths). A decision
matches the item of highest score when that score is at least :data:`THRESHOLD`.

Results: decisions matching no item (with the :data:`HINTS` nearest items and their scores as hints);
catalogue items with no decision in the month (a fact for the office to ask about, never an error of the
department); departments with decisions and no catalogue. Per department: 决定 = 匹配 + 未匹配 (or 无目录
when the department has no catalogue), 目录事项 = 本月有决定 + 本月无决定.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from sgs_cli.standard.departments import department_key

#: a decision matches an item whose similarity is at least this
THRESHOLD = 0.85
#: nearest items listed with a decision that matches none
HINTS = 3
#: a shorter name of fewer characters is scored by difflib's ratio (not by its share found in the longer one)
MIN_PARTIAL = 4
ITEM_KIND = {"行政许可": "license", "行政处罚": "penalty"}
KIND_TEXT = {"license": "行政许可", "penalty": "行政处罚", "unknown": "未分类"}
SCORE_TEXT = (f"相似度 = 规范化后（全角半角、空格、括号和标点统一，去掉“对……的处罚”“经营者”“……案”“……许可证”"
              f"“……决定书”“……核发”等）较短名称中按顺序出现在"
              f"较长名称里的字数 ÷ 较短名称字数（较短名称不足{MIN_PARTIAL}字时为两名称相同字数×2 ÷ 两名称字数之和）；"
              f"相似度不低于 {THRESHOLD:.2f} 视为同一事项")

_DROP = re.compile(r"[\s\W_]+")  # whitespace, brackets, punctuation (after NFKC: full width is half width)
_LEAD = ("对于", "对")
#: who an item is about, as catalogues word it ("对经营者不按规定明码标价的处罚"): a case names the party instead
_SUBJECT = ("食品生产经营者", "生产经营者", "经营者", "生产者", "销售者", "使用单位", "用人单位")
#: endings that name the paper or the act, not the matter ("…许可证", "…决定书", "…核发", "…的处罚", "…案"; not the 案
#: of 备案, 档案, 方案)
_TAIL = re.compile(r"(?:的行政处罚|的处罚|行政处罚|处罚|决定书|通知书|证书|证|核发|审批|案件|(?<![备档方])案|行为|等|的)$")


def normalise(name: str) -> str:
    """The comparable form of an item or decision name: "对经营超过保质期食品的处罚" → "经营超过保质期食品";
    "（食品）经营许可 等" → "食品经营许可"."""
    n = _DROP.sub("", unicodedata.normalize("NFKC", name or "").lower())
    for words in (_LEAD, _SUBJECT):
        for lead in words:
            if n.startswith(lead) and len(n) > len(lead) + 1:
                n = n[len(lead):]
                break
    while (m := _TAIL.search(n)) and m.start() > 1:
        n = n[: m.start()]
    return n


def similarity(a: str, b: str) -> float:
    """The similarity (0–1) of two normalised names, rounded to 2 decimals (see the module's docstring)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    sm = SequenceMatcher(None, short, long_, autojunk=False)
    if len(short) < MIN_PARTIAL:
        return round(sm.ratio(), 2)
    same = sum(m.size for m in sm.get_matching_blocks())
    return round(same / len(short), 2)


@dataclass
class Item:
    department: str
    kind: str  # license | penalty
    name: str
    where: str
    key: str = ""
    used: int = 0  # decisions of the month matched to it

    def __post_init__(self):
        self.key = normalise(self.name)


@dataclass
class Department:
    name: str
    catalogue: str | None = None  # file › sheet of its catalogue; None: no catalogue
    items: list[Item] = field(default_factory=list)
    decisions: int = 0
    matched: int = 0
    unmatched: int = 0

    @property
    def used_items(self) -> int:
        return sum(1 for i in self.items if i.used)

    @property
    def unused_items(self) -> int:
        return len(self.items) - self.used_items

    @property
    def no_catalogue(self) -> int:
        return self.decisions if self.catalogue is None else 0

    def to_dict(self) -> dict:
        return {"department": self.name, "catalogue": self.catalogue, "items": len(self.items),
                "used_items": self.used_items, "unused_items": self.unused_items, "decisions": self.decisions,
                "matched": self.matched, "unmatched": self.unmatched, "no_catalogue": self.no_catalogue}


@dataclass
class CatalogReport:
    period: str
    departments: list[Department] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)  # decisions matching no item, with hints
    matches: list[dict] = field(default_factory=list)  # decisions matched: the item and the score (JSON, checks)
    unused: list[dict] = field(default_factory=list)  # items with no decision in the period (facts)
    no_catalogue: list[str] = field(default_factory=list)  # departments with decisions, without a catalogue
    files: list[str] = field(default_factory=list)  # the catalogues used

    def total(self, attr: str) -> int:
        return sum(getattr(d, attr) for d in self.departments)

    def to_dict(self) -> dict:
        keys = ("decisions", "matched", "unmatched", "no_catalogue", "used_items", "unused_items")
        return {"period": self.period, "threshold": THRESHOLD, "score": SCORE_TEXT, "catalogues": self.files,
                "total": {k: self.total(k) for k in keys} | {"items": sum(len(d.items) for d in self.departments)},
                "departments": [d.to_dict() for d in self.departments], "unmatched": self.unmatched,
                "matched": self.matches,
                "unused_items": self.unused, "no_catalogue": self.no_catalogue}


def kind_of(text: str) -> str | None:
    """The kind of a catalogue item from its 行政职权类别: "行政许可" or "许可" → license, "行政处罚" → penalty; None for
    another 类别 (行政检查…), which is not compared."""
    text = re.sub(r"\s+", "", text or "")
    return ITEM_KIND.get(text) or ITEM_KIND.get("行政" + text)


def read_catalogues(result, roster=None) -> dict[str, Department]:
    """department_key → the department with the 许可/处罚 items of its latest catalogue in `result` (validated
    with keep_records=True; the latest file per department as submissions.annexes chooses it). Items of another
    类别 (an invalid 行政检查) are not compared."""
    from sgs_cli.reports.submissions import annexes
    from sgs_cli.standard.kinds import KIND, Role

    sheets = {(fr.path, sr.sheet): sr for fr in result.files if not fr.error for sr in fr.sheets
              if sr.kind == "catalog" and sr.records is not None}
    k = KIND["catalog"]
    dept_code, title_code = k.code(Role.DEPARTMENT), k.code(Role.TITLE)
    out: dict[str, Department] = {}
    for (dept, kind), annex in sorted(annexes(result, roster).items()):
        if kind != "catalog":
            continue
        sr = sheets[(annex.file, annex.sheet)]
        rows = set(annex.rows)
        d = out.setdefault(department_key(dept), Department(dept, annex.where))
        for rec in sr.records:
            item_kind = kind_of(rec.text("ZQLB"))
            if rec.row in rows and item_kind and rec.text(title_code) and rec.text(dept_code):
                d.items.append(Item(d.name, item_kind, rec.text(title_code), f"{annex.where} 第{rec.row}行"))
    return out


def has_catalogue(result) -> bool:
    return any(sr.kind == "catalog" for fr in result.files if not fr.error for sr in fr.sheets)


class Pool:
    """A department's items of one kind, indexed by character: the characters a name shares with an item (counted
    with repeats) bound its similarity from above, so only the items whose bound can reach the best
    :data:`HINTS` scores are scored with difflib (a county's 1,000 items × 2,000 decisions in seconds)."""

    def __init__(self, items: list[Item]):
        from collections import Counter

        self.items = items
        self.lengths = [len(i.key) for i in items]
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for n, item in enumerate(items):
            for ch, k in Counter(item.key).items():
                self.postings.setdefault(ch, []).append((n, k))

    def nearest(self, name: str) -> list[tuple[float, Item]]:
        """The item of highest similarity to `name` (normalised) when it reaches :data:`THRESHOLD` (it may come
        with others), else the :data:`HINTS` items of highest similarity, best first; ties in catalogue order."""
        from collections import Counter

        import heapq

        shared = [0] * len(self.items)
        for ch, k in Counter(name).items():
            for n, kk in self.postings.get(ch, ()):
                shared[n] += min(k, kk)
        size = len(name)
        heap = [(-(sh / (size if size < li else li)) if size and li else 0.0, n)
                for n, (sh, li) in enumerate(zip(shared, self.lengths))]
        heapq.heapify(heap)  # popped: highest bound first, ties in catalogue order
        best: list[tuple[float, int]] = []
        while heap:
            neg, n = heapq.heappop(heap)
            bound = round(-neg, 2)
            # a match needs only the best item, a decision that matches none its HINTS nearest
            need = 1 if best and best[0][0] >= THRESHOLD else HINTS
            if len(best) >= need and bound < best[need - 1][0]:
                break  # no item further down can enter them
            best.append((similarity(name, self.items[n].key), n))
            best.sort(key=lambda t: (-t[0], t[1]))
            del best[HINTS:]
        return [(sc, self.items[n]) for sc, n in best]


def match(decided, catalogues: dict[str, Department], period: str) -> CatalogReport:
    """The report of `decided` (decisions.Decision of the month, their departments set) against `catalogues`
    (read_catalogues)."""
    rep = CatalogReport(period, files=sorted({d.catalogue for d in catalogues.values() if d.catalogue}))
    depts = dict(catalogues)
    pools: dict = {}  # (department key, kind) → Pool of its items
    ranks: dict = {}  # (department key, kind, name) → nearest items: a department's names repeat
    for dec in decided:
        key = department_key(dec.department)
        dept = depts.get(key)
        if dept is None:
            dept = depts[key] = Department(dec.department)
        elif dept.catalogue is not None and dept.name != dec.department and not dept.decisions:
            dept.name = dec.department  # the name the month's data use (roster or ledger), as on 分部门
        dept.decisions += 1
        if dept.catalogue is None:
            continue
        kind = dec.kind if dec.kind in ITEM_KIND.values() else "all"
        pool = pools.get((key, kind))
        if pool is None:
            pool = pools[(key, kind)] = Pool([i for i in dept.items if kind in ("all", i.kind)])
        name = normalise(dec.title)
        ranked = ranks.get((key, kind, name))
        if ranked is None:
            ranked = ranks[(key, kind, name)] = pool.nearest(name)
        item = {"department": dept.name, "kind": KIND_TEXT.get(dec.kind, "未分类"), "wsh": dec.wsh, "title": dec.title,
                "decision_date": dec.decided.isoformat() if dec.decided else "",
                "where": f"{Path(dec.file).name} › {dec.sheet} 第{dec.row}行"}
        if ranked and ranked[0][0] >= THRESHOLD:
            dept.matched += 1
            ranked[0][1].used += 1
            rep.matches.append({**item, "item": ranked[0][1].name, "score": ranked[0][0]})
            continue
        dept.unmatched += 1
        rep.unmatched.append({**item, "hints": [{"item": i.name, "score": sc} for sc, i in ranked]})
    for dept in sorted(depts.values(), key=lambda d: d.name):
        rep.departments.append(dept)
        if dept.catalogue is None:
            rep.no_catalogue.append(dept.name)
        rep.unused += [{"department": dept.name, "kind": KIND_TEXT[i.kind], "item": i.name, "where": i.where}
                       for i in dept.items if not i.used]
    for lst in (rep.unmatched, rep.matches):
        lst.sort(key=lambda i: (i["department"], i["decision_date"], i["wsh"]))
    return rep


def from_result(result, month_report, roster=None) -> CatalogReport | None:
    """The 应归尽归 of a monthly.MonthlyReport built from `result`; None when `result` holds no catalogue."""
    if not has_catalogue(result):
        return None
    return match([d for d, _ in month_report.counted], read_catalogues(result, roster), month_report.period)
