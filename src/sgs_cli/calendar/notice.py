"""Reading the State Council's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) as published.

``sgs calendar 2027 --from-notice 通知.txt`` turns the text of the notice into the year's entry of the
user's override file (see :mod:`sgs_cli.calendar.workdays`). The notice has one numbered item per holiday::

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。
    一、元旦：1月1日放假，1月2日（星期一）补休。
    四、劳动节：5月1日放假，与周末连休。

Each item is cut into clauses (at "，" and "。" outside brackets). A clause with "上班" gives 调休
working days; a clause with "放假", "补休" or "休息" gives days off — single dates and ranges
("A至B", also "—", "-", "~"; the end may omit the month, and a range may run into the next year).
"共N天" / "放假N天" is checked against the days found, a weekday in brackets ("周四", "星期一") against
the date, and a clause with a date that fits none of these is reported as not understood — nothing
is silently dropped. Text outside the numbered items (preamble, closing paragraph) is not read.

Full-width and half-width punctuation are both accepted (the text is NFKC-normalised first).

The work one notice can ask for is bounded before anything is expanded: at most MAX_NOTICE_CHARS
characters and MAX_ITEMS items; every date must lie in the notice's year or a neighbouring one, and a
range may span at most MAX_RANGE_DAYS days (the longest holiday so far is 8) — a range that does not is
reported and not expanded. Items may be numbered with any Chinese numeral (二十一、) or Arabic digits;
numbering that is not a number (一二三、, 十十十、) is reported and the item numbered by its place.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

_CN_NUM = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: bounds on what one notice can make the parser do (a published notice is about 3,000 characters, 7-9 items)
MAX_NOTICE_CHARS = 100_000
MAX_ITEMS = 50
MAX_RANGE_DAYS = 31
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

_ITEM_RE = re.compile(r"(?:^|(?<=[\s。]))([零〇一二两三四五六七八九十百]{1,6}|[0-9]{1,3})[、.]\s*([^:。\n]{1,24}?)\s*:")
_DATE_RE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日\s*(?:\((?P<note>[^)]*)\))?")
_RANGE_SEP_RE = re.compile(r"\s*(?:至|到|—+|-|~|–)\s*")
_COUNT_RE = re.compile(r"(?:共|放假|休息)\s*([0-9]+|[一二两三四五六七八九十]{1,2})\s*天")
_YEAR_RE = re.compile(r"关于\s*(\d{4})\s*年\s*部分节假日安排|现将\s*(\d{4})\s*年")

HOLIDAY_WORDS = ("放假", "补休", "休息", "连休")
WORKDAY_WORDS = ("上班",)


class NoticeError(ValueError):
    """The text is not a holiday notice that can be read at all."""


@dataclass
class NoticeItem:
    number: int
    name: str  # e.g. "国庆节、中秋节"
    text: str
    holidays: list[dt.date] = field(default_factory=list)
    workdays: list[dt.date] = field(default_factory=list)


@dataclass
class NoticeSchedule:
    year: int
    items: list[NoticeItem]
    warnings: list[str]  # anything not understood or inconsistent: the schedule may be wrong
    notes: list[str] = field(default_factory=list)  # sentences deliberately not used (e.g. "鼓励……")

    def _by_date(self, attr: str) -> dict[dt.date, str]:
        """Date → the holiday it belongs to (the first item that names it), in date order."""
        out: dict[dt.date, str] = {}
        for it in self.items:
            for d in getattr(it, attr):
                out.setdefault(d, it.name)
        return dict(sorted(out.items()))

    @property
    def holidays(self) -> dict[dt.date, str]:
        return self._by_date("holidays")

    @property
    def workdays(self) -> dict[dt.date, str]:
        return self._by_date("workdays")

    def override_entry(self, note: str | None = None) -> dict[str, str | dict[str, str]]:
        """The year's entry of the override file: {"holidays": {date: name}, "workdays": {...}, "note"}."""
        entry: dict[str, str | dict[str, str]] = {"holidays": {d.isoformat(): n for d, n in self.holidays.items()},
                 "workdays": {d.isoformat(): n for d, n in self.workdays.items()}}
        if note:
            entry["note"] = note
        return entry


def cn_number(text: str) -> int | None:
    """The value of a number written in Arabic digits or Chinese numerals (十, 二十一, 一百零五), or None
    when the text is not a well-formed number (一二三, 十十十)."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for ch in text:
        if ch in ("零", "〇"):
            continue  # a place holder (一百零五): the round trip below checks where it stands
        if ch in _CN_NUM:
            if digit is not None:  # two digits in a row: 一二
                return None
            digit = _CN_NUM[ch]
        elif ch in ("十", "百"):
            total += (1 if digit is None else digit) * (10 if ch == "十" else 100)
            digit = None
        else:
            return None
    total += digit or 0
    plain = text.replace("两", "二").replace("〇", "零")
    usual = _cn_spelling(total)
    # the usual spelling, or it with a leading 一 added (一十) or left out (百零五)
    return total if plain in (usual, "一" + usual) or "一" + plain == usual else None


def _cn_spelling(n: int) -> str:
    """The usual spelling of 0-999 (十一, 二十, 一百零五)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else ("零" + digits[rest] if rest < 10 else
                                 ("一" if rest < 20 else "") + _cn_spelling(rest))
    return digits[n // 100] + "百" + tail


def _num(text: str) -> int:
    n = cn_number(text)
    return 0 if n is None else n


def _clauses(text: str, marks: str = ",;。") -> list[str]:
    """Split at the given marks outside brackets (default ，；。, after NFKC: ,;。)."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        if depth == 0 and ch in marks:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur).strip())
    return [c for c in out if c]


def detect_year(text: str) -> int | None:
    m = _YEAR_RE.search(unicodedata.normalize("NFKC", text))
    return int(m.group(1) or m.group(2)) if m else None


def parse_notice(text: str, year: int | None = None) -> NoticeSchedule:
    """Read the notice; ``year`` is the year the user asked for (checked against the title).

    Raises :class:`NoticeError` when the year does not match or no numbered item is found."""
    if len(text) > MAX_NOTICE_CHARS:
        raise NoticeError(f"文本有 {len(text)} 个字符，超过通知的合理长度（{MAX_NOTICE_CHARS} 个字符），请只粘贴通知全文")
    norm = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    found = detect_year(norm)
    if year is None:
        if found is None:
            raise NoticeError("无法从通知中确定年份（应有“关于YYYY年部分节假日安排”字样），请在命令中给出年份")
        year = found
    elif found is not None and found != year:
        raise NoticeError(f"这是{found}年的节假日安排通知，不是{year}年的")
    starts = list(_ITEM_RE.finditer(norm))
    if not starts:
        raise NoticeError("没有找到“一、元旦：……”这样的分项内容，请粘贴通知全文")
    if len(starts) > MAX_ITEMS:
        raise NoticeError(f"找到 {len(starts)} 个分项，超过通知的合理数量（{MAX_ITEMS} 项），请只粘贴通知全文")
    items: list[NoticeItem] = []
    warnings: list[str] = []
    notes: list[str] = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(norm)
        body = norm[m.end():end]
        # the last item ends at its paragraph; the closing paragraph is not part of it
        para = re.search(r"\n\s*\n|\n(?=\s*\S)", body)
        if para and i + 1 == len(starts):
            body = body[:para.start()]
        body = " ".join(body.split())
        number = cn_number(m.group(1))
        if number is None:
            warnings.append(f"第{i + 1}项“{m.group(2).strip()}”的编号“{m.group(1)}、”不是一个数，已按第{i + 1}项读取")
            number = i + 1
        item = NoticeItem(number, m.group(2).strip(), body)
        _parse_item(item, year, warnings, notes)
        items.append(item)
    return NoticeSchedule(year, items, warnings, notes)


def _item_clauses(item: NoticeItem, notes: list[str]):
    """The clauses of an item's sentences; a sentence that only encourages ("鼓励各单位……安排职工在除夕
    （2月9日）休息", 2024) is not part of the schedule and is left out, with a note."""
    for sentence in _clauses(item.text, "。"):
        if "鼓励" in sentence:
            notes.append(f"“{item.name}”：“{sentence}。”是倡议，不是放假安排，未采用")
            continue
        yield from _clauses(sentence)


def _parse_item(item: NoticeItem, year: int, warnings: list[str], notes: list[str]) -> None:
    where = f"“{item.name}”"
    expected = None
    prev: dt.date | None = None  # a date without month/year continues from the previous one
    for clause in _item_clauses(item, notes):
        dates, rest, ok = [], clause, True
        pos = 0
        ranges: list[tuple[dt.date, dt.date]] = []
        singles: list[dt.date] = []
        while True:
            m = _DATE_RE.search(clause, pos)
            if not m:
                break
            d = _make_date(m, year, prev, clause, where, warnings)
            if d is None:
                ok = False
                break
            prev = d
            nxt = _RANGE_SEP_RE.match(clause, m.end())
            if nxt:
                m2 = _DATE_RE.match(clause, nxt.end())
                if not m2:
                    warnings.append(f"{where}：“{clause}”中的日期范围看不懂")
                    ok = False
                    break
                d2 = _make_date(m2, year, d, clause, where, warnings)
                if d2 is None or d2 < d:
                    if d2 is not None:
                        warnings.append(f"{where}：“{clause}”中的日期范围起止颠倒")
                    ok = False
                    break
                if (d2 - d).days + 1 > MAX_RANGE_DAYS:  # checked before a single day is expanded
                    warnings.append(f"{where}：“{clause}”中的日期范围长达 {(d2 - d).days + 1} 天"
                                    f"（超过 {MAX_RANGE_DAYS} 天），不像节假日安排，未采用")
                    ok = False
                    break
                ranges.append((d, d2))
                prev = d2
                pos = m2.end()
            else:
                singles.append(d)
                pos = m.end()
            dates.append(d)
        if not ok:
            continue
        rest = _DATE_RE.sub("", clause)
        count = _COUNT_RE.search(clause)
        if count:
            expected = (expected or 0) + _num(count.group(1))
        if not dates:
            continue  # "共3天", "与周末连休", "不调休", ...: nothing to add (counts are checked below)
        if any(w in rest for w in WORKDAY_WORDS):
            if ranges:
                for a, b in ranges:
                    singles.extend(a + dt.timedelta(days=i) for i in range((b - a).days + 1))
            item.workdays.extend(singles)
        elif any(w in rest for w in HOLIDAY_WORDS):
            for a, b in ranges:
                item.holidays.extend(a + dt.timedelta(days=i) for i in range((b - a).days + 1))
            item.holidays.extend(singles)
        else:
            warnings.append(f"{where}：看不懂“{clause}”（既不是放假也不是上班），未采用")
    if expected is not None and expected != len(set(item.holidays)):
        warnings.append(f"{where}：通知写“共{expected}天”，但识别出 {len(set(item.holidays))} 天放假日期，请核对")
    if not item.holidays and not item.workdays:
        warnings.append(f"{where}：没有识别出任何日期：“{item.text}”")
    clash = sorted(set(item.holidays) & set(item.workdays))
    for d in clash:
        warnings.append(f"{where}：{d.month}月{d.day}日 同时写成了放假和上班，请核对")


def _make_date(m: re.Match, year: int, prev: dt.date | None, clause: str, where: str,
               warnings: list[str]) -> dt.date | None:
    y = int(m.group("y")) if m.group("y") else None
    mo = int(m.group("m")) if m.group("m") else None
    day = int(m.group("d"))
    if mo is None:
        if prev is None:
            warnings.append(f"{where}：“{clause}”中的“{m.group(0)}”没有月份")
            return None
        mo = prev.month
        y = y or prev.year
        if day < prev.day:  # "12月30日至1日": the end runs into the next month
            mo += 1
            if mo == 13:
                mo, y = 1, y + 1
    if y is None:
        y = year
        if prev is not None and prev.year == year and prev.month == 12 and mo == 1 and m.group("m"):
            # "12月31日至1月2日" inside one item: the end is in the next year
            y = prev.year + 1 if (prev.month, prev.day) > (mo, day) else y
    if abs(y - year) > 1:  # a notice for one year names that year and its neighbours only
        warnings.append(f"{where}：“{m.group(0)}”不在{year}年及相邻年份，未采用")
        return None
    try:
        d = dt.date(y, mo, day)
    except ValueError:
        warnings.append(f"{where}：“{m.group(0)}”不是有效日期")
        return None
    note = m.group("note") or ""
    wd = re.search(r"(?:周|星期|礼拜)([一二三四五六日天])", note)
    if wd and _WEEKDAYS[wd.group(1)] != d.weekday():
        warnings.append(f"{where}：{d.month}月{d.day}日 写的是“{wd.group(0)}”，"
                        f"但{d.year}年{d.month}月{d.day}日是星期{'一二三四五六日'[d.weekday()]}，请核对")
    return d
