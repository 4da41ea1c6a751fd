"""The roster (单位名单) of the departments that must report every month: `sgs monthly-report --roster`.

A roster is any sheet with a 单位名称 (or 部门名称 / 部门 / 单位) column — the template of
`sgs template roster`, or the 信用信息管理联络员名单表 of 郑发改财贸〔2019〕773号 附件3 (one row per liaison,
so a department may appear on several rows). An optional 简称 column gives another spelling.

Names are matched through one normaliser, :func:`sgs_cli.standard.departments.department_key` (one spelling
of words such as 监督管理/监管 and 卫生健康委员会/卫健委, then the leading place names off: "中牟县统计局" ↔
"统计局", "中牟县市场监督管理局" ↔ "县市场监管局"), and through the roster's 简称, so a department written in a
column, in a ledger's title, in a liaison list and in the roster is one department.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sgs_cli.reports.decisions import norm_department
from sgs_cli.errors import InputError
from sgs_cli.standard.departments import places_off, spelled

NAME_HEADERS = ("单位名称", "部门名称", "单位全称", "单位", "部门")
ALIAS_HEADERS = ("简称", "单位简称", "部门简称", "别名")
_SKIP = ("示例", "样例", "例：", "合计", "填写说明", "说明")
ROSTER_SHEET = "单位名单"
#: bounds on what one roster can make sgs do (a county has 50-150 departments; matching is per name)
MAX_ROSTER_NAMES = 5_000
MAX_NAME_CHARS = 100


def short_forms(name: str) -> list[str]:
    """The name in one spelling without its leading place names, one more each step: "郑州市中牟县统计局" →
    ["中牟县统计局", "统计局"], "县市场监督管理局" → ["市场监管局"] (standard/departments.py)."""
    return places_off(spelled(name))


def spellings(name: str) -> list[str]:
    """Every key a name is known by: its one spelling, then without each leading place name."""
    s = spelled(name)
    return [s] + places_off(s)


@dataclass
class Roster:
    path: str
    names: list[str] = field(default_factory=list)  # normalised, in the roster's order
    _keys: dict[str, str | None] = field(default_factory=dict)  # spelling → roster name (None: ambiguous)

    def add(self, name: str, aliases=()) -> None:
        name = norm_department(name)
        if not name:
            return
        if name not in self._keys or self._keys[name] != name:
            self.names.append(name)
        self._keys[name] = name
        own = spellings(name)
        self._keys[own[0]] = name
        for key in own[1:] + [k for a in aliases if a for k in spellings(a)]:
            if key and key not in self.names:
                prev = self._keys.get(key, name)
                self._keys[key] = name if prev == name else None  # two departments share it: no match

    def match(self, name: str) -> str | None:
        """The roster name of a department name (exact, then through its spellings and without its place
        names), or None."""
        n = norm_department(name)
        for key in [n] + spellings(n):
            got = self._keys.get(key)
            if got:
                return got
        return None

    def match_file(self, file_name: str) -> str | None:
        """The roster department whose name (or 简称, or name without place) is in a file name — the
        longest such spelling wins."""
        stem = spelled(norm_department(file_name))
        best = None
        for key, name in self._keys.items():
            if name and len(key) >= 3 and key in stem and (best is None or len(key) > len(best[0])):
                best = (key, name)
        return best[1] if best else None


def _header(rows: list[list]) -> tuple[int, int, int | None] | None:
    for r, row in enumerate(rows[:15]):
        texts = [norm_department(str(v)) if v is not None else "" for v in row]
        for wanted in NAME_HEADERS:
            if wanted in texts:
                alias = next((texts.index(a) for a in ALIAS_HEADERS if a in texts), None)
                return r, texts.index(wanted), alias
    return None


def read_roster(path: str | Path) -> Roster:
    """The roster in `path` (InputError, exit 3, when it cannot be read or has no 单位名称 column)."""
    from sgs_cli.io.reading import read_sheets

    path = Path(path)
    if not path.exists():
        raise InputError(f"单位名单“{path}”不存在", "请检查 --roster 的文件路径")
    sheets = read_sheets(path)
    roster = Roster(str(path))
    found = False
    for sheet in sheets:
        if sheet.name == "填写说明":
            continue
        head = _header(sheet.rows)
        if head is None:
            continue
        found = True
        r0, col, alias = head
        for n, row in enumerate(sheet.rows[r0 + 1:], start=r0 + 2):
            name = str(row[col]).strip() if col < len(row) and row[col] is not None else ""
            if not name or name.startswith(_SKIP) or norm_department(name[:MAX_NAME_CHARS + 1]) in NAME_HEADERS:
                continue
            if len(name) > MAX_NAME_CHARS:
                raise InputError(f"单位名单“{path.name}”第{n}行的单位名称有 {len(name)} 个字，超过 {MAX_NAME_CHARS} 个字",
                                 "“单位名称”列每行填一个单位的名称")
            if len(roster.names) >= MAX_ROSTER_NAMES:
                raise InputError(f"单位名单“{path.name}”的单位超过 {MAX_ROSTER_NAMES} 个，不像一个县（市、区）的单位名单",
                                 "请检查 --roster 是否选错了文件")
            other = str(row[alias]).strip() if alias is not None and alias < len(row) and row[alias] else ""
            roster.add(name, [other] if other else [])
    if not found:
        raise InputError(f"单位名单“{path.name}”中找不到“单位名称”列",
                         "名单第一行应有“单位名称”列（可用 sgs template roster 生成模板，或使用773号附件3联络员名单表）")
    if not roster.names:
        raise InputError(f"单位名单“{path.name}”中没有单位", "请在“单位名称”列填写应报送的部门")
    return roster
