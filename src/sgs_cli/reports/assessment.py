"""`sgs annual-assessment --year 2026`: the year-end assessment (年考核, 郑发改财贸〔2019〕773号 part 六) of every
roster department, and of its 科室 when the ledgers carry a 承办科室 column (the implementation plan puts 双公示
into the sections' annual targets).

The scoring scheme is data: src/sgs_cli/reports/assessment_scheme.toml (the documented default) or the office's own
file (--scheme). TOML because a clerk edits it in Notepad and it carries its own comments (JSON cannot);
read with tomllib (Python 3.11+) or tomli (3.10). An item (key in :data:`ITEMS`) has a maximum and the
points each occurrence costs; deductions stop at the maximum. Every deduction is itemised with its reason and
source (the ledger row or cell, the register cell, the annex file), and the itemised points add up to the
item's deduction.

The year's figures are those of the quarterly bulletin: every month built by monthly.build, summed
(quarterly.collect over the twelve months). The draft report, the screen lines and the JSON are
render/assessment.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from sgs_cli.reports import decisions
from sgs_cli.errors import InputError, UsageError
from sgs_cli.standard.limits import PUSH_DAYS
from sgs_cli.reports.inputs import UNREAD_STATUS
from sgs_cli.reports.monthly import Figures, _where, figures_by
from sgs_cli.reports.quarterly import LATE_REPORT, MISSING_REPORT, PeriodReport

DEFAULT_SCHEME = Path(__file__).with_name("assessment_scheme.toml")
#: item key → (what it assesses, {parameter: what one occurrence is})
ITEMS: dict[str, tuple[str, dict[str, str]]] = {
    "timeliness": (f"决定之日起{PUSH_DAYS}个工作日内报送信用平台", {"late": "每条逾期报送的决定", "overdue": "每条逾期未报送的决定",
                                                   "undetermined": "每条无法判定及时性（没有报送日期）的决定",
                                                   "nothing_sent": "全年未报送任何数据"}),
    "compliance": ("决定通过数据校验", {"per_record": "每条未通过校验的决定（时效、必填问题除外）",
                                    "nothing_sent": "全年未报送任何数据"}),
    "completeness": ("必填项填写完整", {"per_item": "每个未填写的必填项", "nothing_sent": "全年未报送任何数据"}),
    "zero_report": ("已结束的月份有决定报送", {"per_month": "每个零报送月份", "missing_month": "每个未报送月份"}),
    "monthly_report": ("月报告按时报送", {"late": "每份逾期收到的月报告", "missing": "每份已到期未收到的月报告"}),
    "plan": ("报送工作方案或推进计划", {"missing": "工作方案、推进计划均未报送", "progress_only": "只报送推进计划"}),
    "liaison": ("建立联络员制度", {"missing": "未报送联络员名单", "incomplete": "名单有错误或第1位信息不完整"}),
    "catalog": ("报送事项目录", {"missing": "未报送事项目录", "invalid": "事项目录未通过校验"}),
}
#: the items scored per record, and so per 科室 as well
SECTION_ITEMS = ("timeliness", "compliance", "completeness")
#: findings that the timeliness item (or the completeness item) already counts
TIMELINESS_CODES = frozenset({"LATE_REPORT", "NOT_REPORTED_OVERDUE", "LATE_PUSH", "REPORT_DATE_FUTURE", "DEADLINE_PASSED"})
REGISTER_ITEMS = ("monthly_report", "plan")
#: a department scoring below this is named in the draft report as one that must put things right
RECTIFY_BELOW = 60


@dataclass
class Item:
    key: str
    name: str
    max: float
    points: dict[str, float]

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "max": self.max, "points": self.points}


@dataclass
class Scheme:
    title: str
    full_score: float
    items: list[Item]
    path: str

    def item(self, key: str) -> Item | None:
        return next((i for i in self.items if i.key == key), None)

    @property
    def section_max(self) -> float:
        return sum(i.max for i in self.items if i.key in SECTION_ITEMS)

    def to_dict(self) -> dict:
        return {"title": self.title, "full_score": self.full_score, "path": self.path,
                "items": [i.to_dict() for i in self.items]}


def _toml():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib


def _load_toml(text: str):
    tomllib = _toml()
    return tomllib.loads(text), tomllib.TOMLDecodeError


def _line_of(text: str, *patterns: str, start: int = 1) -> int | None:
    """The first line (1-based, from line `start`) that matches all the patterns (comments left out)."""
    lines = text.splitlines()
    for i, line in enumerate(lines[start - 1:], start=start):
        code = line.split("#", 1)[0]
        if all(re.search(p, code) for p in patterns):
            return i
    return None


#: the scheme file's messages and hints by UnreadableText.kind
_SCHEME_UNREADABLE = {
    "too_large": ("评分方案文件“{path}”{reason}", "评分方案只有几十行；请检查 --scheme 的路径"),
    "missing": ("评分方案文件“{path}”不存在", "请检查 --scheme 的路径；不加 --scheme 使用默认评分标准"),
    "os": ("无法读取评分方案文件“{path}”：{reason}", "请检查文件的访问权限"),
    "encoding": ("评分方案文件“{name}”不是 UTF-8 编码", "请用记事本“另存为”UTF-8 编码后重试"),
}


def load_scheme(path=None) -> Scheme:
    """The scheme in `path` (default: the shipped one). UsageError (exit 2) naming the line for a scheme
    that is not valid; InputError (exit 3) when the file cannot be read."""
    p = Path(path) if path else DEFAULT_SCHEME
    name = p.name
    from sgs_cli.io.textfile import UnreadableText, read_user_text

    try:
        text = read_user_text(p)
    except UnreadableText as e:
        message, hint = _SCHEME_UNREADABLE[e.kind]
        raise InputError(message.format(path=p, name=name, reason=e.reason), hint) from None
    try:
        doc, _ = _load_toml(text)
    except _toml().TOMLDecodeError as e:  # "... (at line 5, column 9)"
        m = re.search(r"line (\d+), column (\d+)", str(e))
        where = f"第{m.group(1)}行第{m.group(2)}列" if m else ""
        quoted = text.splitlines()[int(m.group(1)) - 1].strip() if m and int(m.group(1)) <= len(text.splitlines()) else ""
        raise UsageError(f"评分方案“{name}”{where}格式错误" + (f"：{quoted}" if quoted else ""),
                         "每行写成 名称 = 值，文字加英文双引号（如 name = \"时效性\"），数字不加引号；"
                         "可参照默认评分标准 src/sgs_cli/reports/assessment_scheme.toml") from None

    def bad(msg: str, line: int | None, hint: str = "") -> UsageError:
        return UsageError(f"评分方案“{name}”" + (f"第{line}行" if line else "") + f"：{msg}",
                          hint or "可参照默认评分标准 src/sgs_cli/reports/assessment_scheme.toml 修改")

    def number(v, what: str, line) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise bad(f"{what}应为数字，实际为“{v}”", line, "数字不加引号，如 max = 30")
        if v < 0:
            raise bad(f"{what}不能为负数（{v}）", line)
        return float(v)

    known_top = {"title", "full_score", "items"}
    for k in doc:
        if k not in known_top:
            raise bad(f"无法识别的设置“{k}”", _line_of(text, rf"^\s*{re.escape(k)}\s*="),
                      "顶层只能有 title、full_score 和 [[items]]")
    full = number(doc.get("full_score", 100), "full_score（总分）", _line_of(text, r"^\s*full_score\s*="))
    items_raw = doc.get("items")
    if not isinstance(items_raw, list) or not items_raw:
        raise bad("没有任何考核项目（[[items]]）", None, "每个考核项目以一行 [[items]] 开头")
    items, seen = [], set()
    blocks = [i for i, ln in enumerate(text.splitlines(), start=1) if re.match(r"^\s*\[\[\s*items\s*\]\]", ln)]
    for n, it in enumerate(items_raw):
        if not isinstance(it, dict):
            raise bad("[[items]] 的写法不对", None, "每个考核项目以一行 [[items]] 开头，下面逐行写 key、name、max 和扣分标准")
        block = blocks[n] if n < len(blocks) else 1
        key = it.get("key")
        line = _line_of(text, r"^\s*key\s*=", start=block) or block
        if key not in ITEMS:
            raise bad(f"未知的项目代码 key = “{key}”", line, "可用：" + "、".join(f"{k}（{v[0]}）" for k, v in ITEMS.items()))
        if key in seen:
            raise bad(f"项目“{key}”出现了两次", line, "每个项目只能写一次")
        seen.add(key)
        params = ITEMS[key][1]
        points = {}
        for k, v in it.items():
            if k in ("key", "name", "max"):
                continue
            if k not in params:
                raise bad(f"项目“{key}”中无法识别的扣分标准“{k}”", _line_of(text, rf"^\s*{re.escape(k)}\s*=", start=block) or line,
                          f"“{key}”可用：" + "、".join(f"{p}（{w}）" for p, w in params.items()))
            points[k] = number(v, f"“{key}”的 {k}", _line_of(text, rf"^\s*{re.escape(k)}\s*=", start=block))
        for param in params:
            points.setdefault(param, 0.0)
        if "max" not in it:
            raise bad(f"项目“{key}”缺少满分 max", line, "如 max = 30")
        mx = number(it["max"], f"“{key}”的满分 max", _line_of(text, r"^\s*max\s*=", start=block) or line)
        nm = it.get("name") or key
        if not isinstance(nm, str):
            raise bad(f"项目“{key}”的 name 应为文字", line, "如 name = \"时效性\"")
        items.append(Item(key, nm, mx, points))
    total = sum(i.max for i in items)
    if abs(total - full) > 1e-9:
        raise bad(f"各项满分之和（{total:g}）与总分 full_score（{full:g}）不一致", _line_of(text, r"^\s*full_score\s*="),
                  "请调整各项 max 或 full_score")
    title = doc.get("title") or "“双公示”工作年度考核评分标准"
    return Scheme(str(title), full, items, str(p))


# --------------------------------------------------------------------------------------- scoring


@dataclass
class Deduction:
    department: str
    section: str  # 承办科室 ("" for a department-level item)
    item: str  # item key
    item_name: str
    reason: str
    points: float
    source: str

    def to_dict(self) -> dict:
        return {"department": self.department, "section": self.section, "item": self.item,
                "item_name": self.item_name, "reason": self.reason, "points": self.points, "source": self.source}


@dataclass
class Score:
    name: str  # department (or 科室)
    department: str
    full: float
    deducted: dict[str, float] = field(default_factory=dict)  # item key → points deducted (≤ max)
    deductions: list[Deduction] = field(default_factory=list)
    not_scored: list[str] = field(default_factory=list)  # items that could not be assessed (no register)
    figures: Figures = field(default_factory=Figures)
    rank: int | None = None
    sent_nothing: bool = False  # handed in no data all period: ranked below every department that did
    period_text: str = "全年"

    @property
    def total(self) -> float:
        return round(self.full - sum(self.deducted.values()), 2)

    def to_dict(self, scheme: Scheme, keys=None) -> dict:
        keys = keys or [i.key for i in scheme.items]
        items = [it for it in (scheme.item(k) for k in keys) if it is not None]
        return {"name": self.name, "department": self.department, "rank": self.rank, "score": self.total,
                "full": self.full,
                "items": {it.key: {"max": it.max, "deducted": self.deducted.get(it.key, 0.0),
                                   "score": round(it.max - self.deducted.get(it.key, 0.0), 2)} for it in items},
                "not_scored": self.not_scored,
                "figures": self.figures.to_dict()}


class _Tally:
    """Deductions of one item for one scored unit, stopping at the item's maximum."""

    def __init__(self, score: Score, item: Item, section: str = ""):
        self.score, self.item, self.section = score, item, section
        self.left = item.max

    def take(self, param: str, reason: str, source: str) -> None:
        pts = self.item.points.get(param, 0.0)
        if pts <= 0:
            return
        got = min(pts, self.left)
        self.left -= got
        note = "" if got == pts else ("（本项已扣满，不再扣分）" if got == 0 else f"（本项扣满，只扣 {got:g} 分）")
        self.score.deductions.append(Deduction(self.score.department, self.section, self.item.key, self.item.name,
                                               reason + note, got, source))
        self.score.deducted[self.item.key] = round(self.item.max - self.left, 2)


def _record_deductions(score: Score, scheme: Scheme, counted: list, section: str = "", nothing: str = "") -> None:
    """时效性, 合规性, 完整性 from the decisions counted in the year (monthly.build's, with their findings).
    `nothing`: the department handed in no data all period (where that is said): absent data is never full
    marks — each item loses its ``nothing_sent`` points."""
    for key in SECTION_ITEMS:
        item = scheme.item(key)
        if item is None:
            continue
        t = _Tally(score, item, section)
        if nothing:
            t.take("nothing_sent", f"{score.period_text}未报送任何数据（没有台账、790号表），无法考核{item.name}", nothing)
        for d, errs in counted:
            sec = d.section or ""
            what = f"{d.wsh or '（无文号）'}（决定日期 {d.decided:%Y-%m-%d}" + (f"，{sec}" if sec and not section else "") + "）"
            if key == "timeliness":
                if d.status == decisions.LATE:
                    t.take("late", f"逾期报送{f' {d.days} 个工作日' if d.days else ''}：{what}，期限 {d.due_text}，"
                                   f"报送 {d.entered_report:%Y-%m-%d}", _where(d))
                elif d.status == decisions.OVERDUE:
                    t.take("overdue", f"逾期未报送{f'（已过期限 {d.days} 个工作日）' if d.days else ''}：{what}，期限 {d.due_text}",
                           _where(d))
                elif d.status == decisions.NO_REPORT_DATE:
                    t.take("undetermined", f"无法判定及时性（没有报送日期，不算按时）：{what}", _where(d))
            elif key == "compliance":
                bad = [f for _, _, f in errs if f.code not in TIMELINESS_CODES and f.code != "REQUIRED_MISSING"]
                if bad:
                    f = bad[0]
                    t.take("per_record", f"未通过校验：{what}，{f.message}" + (f"等 {len(bad)} 处" if len(bad) > 1 else ""),
                           _cell(errs, f, d))
            else:
                for file, sheet, f in errs:
                    if f.code == "REQUIRED_MISSING":
                        t.take("per_item", f"必填项未填写：{what}，{f.message}", f"{file} › {sheet} {f.cell or f'第{f.row}行'}")
        score.deducted.setdefault(key, 0.0)


def _cell(errs, f, d) -> str:
    for file, sheet, g in errs:
        if g is f:
            return f"{file} › {sheet} {f.cell or f'第{f.row}行'}"
    return _where(d)


def _department_deductions(score: Score, scheme: Scheme, dept, rep: PeriodReport) -> None:
    import calendar

    reg = rep.register
    for item in scheme.items:
        key = item.key
        if key in SECTION_ITEMS:
            continue
        score.deducted.setdefault(key, 0.0)
        if key in REGISTER_ITEMS and reg is None:
            score.not_scored.append(item.name)
            continue
        t = _Tally(score, item)
        if key == "zero_report":
            unread = [Path(i["file"]).name for i in rep.unread if i["department"] == dept.name]
            for m in rep.months:
                ended = dt.date(rep.year, m, calendar.monthrange(rep.year, m)[1]) < rep.today
                if ended and dept.unread and (m in dept.zero_months or m in dept.missing_months):
                    # no data it can be credited with, and not its choice: the file could not be read
                    t.take("missing_month", f"{m}月没有可读取的数据（{UNREAD_STATUS}，不是零报送；提供可读取的文件后重新生成）",
                           "、".join(unread))
                elif ended and m in dept.zero_months:
                    t.take("per_month", f"{m}月零报送（没有决定日期在{m}月的决定）", "、".join(dept.files))
                elif ended and m in dept.missing_months:
                    t.take("missing_month", f"{m}月未报送（没有报送该月的数据）",
                           "、".join(dept.files) + "（未覆盖该月）" if dept.files else "输入文件中没有该部门的台账")
        elif key == "monthly_report":
            for m, r in sorted(dept.reports.items()):
                if r.status == LATE_REPORT:
                    t.take("late", f"{m}月月报告逾期（应于 {r.due:%Y-%m-%d} 前报送，{r.received:%Y-%m-%d} 收到）", r.where)
                elif r.status == MISSING_REPORT:
                    t.take("missing", f"{m}月月报告未收到（应于 {r.due:%Y-%m-%d} 前报送）", r.where)
        elif key == "plan" and reg is not None:  # REGISTER_ITEMS: not scored without a register (above)
            where = reg.where(dept.name, "GZFA")
            if not dept.plan_in_place:
                t.take("missing", "工作方案、推进计划均未报送", where)
            elif dept.plan is None:
                t.take("progress_only", f"暂无工作方案，只报送推进计划（{dept.progress:%Y-%m-%d}）", reg.where(dept.name, "TJJH"))
        elif key == "liaison":
            a = dept.liaison
            if a is None and dept.liaison_registered is None:
                t.take("missing", "未报送联络员名单（输入文件中没有，" + ("报送登记表也未登记）" if reg is not None else "未提供报送登记表）"),
                       reg.where(dept.name, "LLY") if reg is not None else "输入文件")
            elif a is not None and not (a.valid and a.lead_complete):
                t.take("incomplete", "联络员" + dept.liaison_problem(), a.where + (f" 第{a.rows[0]}行" if a.rows else ""))
        elif key == "catalog":
            a = dept.catalog
            if a is None and dept.catalog_registered is None:
                t.take("missing", "未报送事项目录（输入文件中没有，" + ("报送登记表也未登记）" if reg is not None else "未提供报送登记表）"),
                       reg.where(dept.name, "MLBS") if reg is not None else "输入文件")
            elif a is not None and not a.valid:
                f = a.errors[0]
                t.take("invalid", f"事项目录未通过校验：{a.result_text()}", f"{a.where} {f.cell or f'第{f.row}行'}")


@dataclass
class Assessment:
    period: PeriodReport
    scheme: Scheme
    departments: list[Score] = field(default_factory=list)
    sections: list[Score] = field(default_factory=list)

    @property
    def deductions(self) -> list[Deduction]:
        return [x for s in self.departments for x in s.deductions]

    def ranked(self) -> list[Score]:
        # departments are held in the roster's order (else by name): a tie keeps it (sorted is stable)
        return sorted(self.departments, key=lambda s: s.rank or 0)

    def to_rectify(self) -> list[Score]:
        """The departments scoring below :data:`RECTIFY_BELOW`, in rank order."""
        return [s for s in self.ranked() if s.total < RECTIFY_BELOW]


def _rank(scores: list[Score], key) -> None:
    prev, rank = None, 0
    for i, s in enumerate(sorted(scores, key=key), start=1):  # a tie: in the order given (the roster's)
        if key(s) != prev:
            rank, prev = i, key(s)
        s.rank = rank


def assess(rep: PeriodReport, scheme: Scheme) -> Assessment:
    out = Assessment(rep, scheme)
    counted_by_dept: dict[str, list] = {}
    for m in rep.months:
        for d, errs in rep.monthly[m].counted:
            counted_by_dept.setdefault(d.department, []).append((d, errs))
    for dept in rep.departments.values():
        if not dept.in_roster:
            continue
        s = Score(dept.name, dept.name, scheme.full_score, figures=dept.total, sent_nothing=dept.sent_nothing)
        counted = counted_by_dept.get(dept.name, [])
        _record_deductions(s, scheme, counted, nothing="输入文件中没有该部门的台账或790号表" if dept.sent_nothing else "")
        _department_deductions(s, scheme, dept, rep)
        s.deducted = {i.key: s.deducted.get(i.key, 0.0) for i in scheme.items}
        out.departments.append(s)
        sections: dict[str, list] = {}
        for d, errs in counted:
            if d.section:
                sections.setdefault(d.section, []).append((d, errs))
        secs = []
        figs, _ = figures_by(((d, False) for d, _ in counted if d.section), "section")
        for name, items in sorted(sections.items()):
            sc = Score(name, dept.name, scheme.section_max, figures=figs[name])
            _record_deductions(sc, scheme, items, section=name)
            secs.append(sc)
        _rank(secs, lambda s: -s.total)
        out.sections += secs
    _rank(out.departments, lambda s: (s.sent_nothing, -s.total))
    return out
