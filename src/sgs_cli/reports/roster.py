"""The roster (单位名单) of the departments that must report every month: `sgs monthly-report --roster`.

A roster is any sheet with a 单位名称 (or 部门名称 / 部门 / 单位) column — the template of
`sgs template roster`, or the 信用信息管理联络员名单表 of 郑发改财贸〔2019〕773号 附件3 (one row per liaison,
so a department may appear on several rows). An optional 简称 column gives another spelling.

Names are matched after :func:`sgs_cli.reports.decisions.norm_department`, and also without the leading place
name ("中牟县统计局" ↔ "统计局"), so a department written in a column, in a ledger's title and in the roster
is one department.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sgs_cli.reports.decisions import norm_department
from sgs_cli.errors import InputError

NAME_HEADERS = ("单位名称", "部门名称", "单位全称", "单位", "部门")
ALIAS_HEADERS = ("简称", "单位简称", "部门简称", "别名")
_PLACE = re.compile(r"^.{1,6}?(?:省|自治区|市|县|区|旗)")
_SKIP = ("示例", "样例", "例：", "合计", "填写说明", "说明")
ROSTER_SHEET = "单位名单"


def short_forms(name: str) -> list[str]:
    """The name without its leading place names: "郑州市中牟县统计局" → ["中牟县统计局", "统计局"]."""
    out, n = [], name
    while True:
        m = _PLACE.match(n)
        if not m or len(n) - m.end() < 3:
            return out
        n = n[m.end():]
        out.append(n)


@dataclass
class Roster:
    path: str
    names: list[str] = field(default_factory=list)  # normalised, in the roster's order
    _keys: dict[str, str | None] = field(default_factory=dict)  # spelling → roster name (None: ambiguous)

    def add(self, name: str, aliases=()) -> None:
        name = norm_department(name)
        if not name:
            return
        if name not in self.names:
            self.names.append(name)
        self._keys[name] = name
        for key in [norm_department(a) for a in aliases if a] + short_forms(name):
            if key and key not in self.names:
                prev = self._keys.get(key, name)
                self._keys[key] = name if prev == name else None

    def match(self, name: str) -> str | None:
        """The roster name of a department name, or None."""
        n = norm_department(name)
        for key in [n] + short_forms(n):
            got = self._keys.get(key)
            if got:
                return got
        return None

    def match_file(self, file_name: str) -> str | None:
        """The roster department whose name (or 简称, or name without place) is in a file name — the
        longest such spelling wins."""
        stem = norm_department(file_name)
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
        for row in sheet.rows[r0 + 1:]:
            name = str(row[col]).strip() if col < len(row) and row[col] is not None else ""
            if not name or name.startswith(_SKIP) or norm_department(name) in NAME_HEADERS:
                continue
            other = str(row[alias]).strip() if alias is not None and alias < len(row) and row[alias] else ""
            roster.add(name, [other] if other else [])
    if not found:
        raise InputError(f"单位名单“{path.name}”中找不到“单位名称”列",
                         "名单第一行应有“单位名称”列（可用 sgs template roster 生成模板，或使用773号附件3联络员名单表）")
    if not roster.names:
        raise InputError(f"单位名单“{path.name}”中没有单位", "请在“单位名称”列填写应报送的部门")
    return roster


def build_roster_template():
    """The blank roster: 序号, 单位名称, 简称, 备注 and a 填写说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from sgs_cli.io.write import set_text

    wb = Workbook()
    ws = wb.active
    ws.title = ROSTER_SHEET
    for c, (h, w) in enumerate((("序号", 8), ("单位名称", 40), ("简称", 20), ("备注", 30)), start=1):
        cell = set_text(ws.cell(1, c), h)
        cell.font = Font(bold=True, color="C00000" if h == "单位名称" else "000000")
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions["ABCD"[c - 1]].width = w
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("填写说明")
    notes.column_dimensions["A"].width = 100
    for r, text in enumerate((
            "单位名单：每月应报送“双公示”信息的部门，每行一个单位。",
            "1. “单位名称”填部门全称，如“中牟县统计局”，与台账“行政决定部门”列或台账标题中的名称一致。",
            "2. “简称”选填，如“统计局”；台账文件名或部门列使用简称时也能对应到该单位。",
            "3. 使用：sgs monthly-report --month 2026-09 台账文件夹/ --roster 单位名单.xlsx",
            "4. 名单中本月没有任何决定的单位（包括没有报送台账的单位）列为“零报送”；数据中出现但不在名单中的部门单独列出。",
            "5. 773号附件3“信用信息管理联络员名单表”也可直接作为单位名单使用。"), start=1):
        set_text(notes.cell(r, 1), text).alignment = Alignment(wrap_text=True)
    return wb


def write_roster_template(out, *, overwrite: bool = False):
    """Write the blank roster to `out` (an existing file is kept unless `overwrite`), byte-reproducible like
    the other templates; the copy in templates/roster.xlsx is made by scripts/make_templates.py."""
    from sgs_cli.render.templates import FIXED_TIME
    from sgs_cli.io.write import atomic_write_workbook, refuse_existing

    refuse_existing([out], overwrite)
    wb = build_roster_template()
    wb.properties.creator = wb.properties.lastModifiedBy = "sgs"
    wb.properties.title = "单位名单模板"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    return atomic_write_workbook(wb, out, fixed_time=FIXED_TIME)
