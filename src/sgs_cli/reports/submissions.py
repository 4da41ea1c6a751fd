"""What each department has handed in (郑发改财贸〔2019〕773号 part 六): the 报送登记表 kept by the credit
office, the 联络员名单 and 事项目录 seen in the input folder, and the versions of a department's ledger.

* :func:`read_register` reads the register (standard/register.py, validated as its own kind) and names
  every row's department by the roster (REGISTER_UNIT_UNKNOWN when the roster does not know it).
* :func:`annexes` finds, per department, its 联络员名单 (附件3) and 事项目录 (附件1) in a validation
  result: the rows of the department, the error findings on them and — for the liaison list — whether
  the first person (the lead) is complete. The latest file (by file date) of a department wins.
* :func:`pick_versions`: ledgers are cumulative, so several versions of one department's ledger in a
  folder are versions, not more data — the latest by the month in its title (or file name) wins, else the
  latest file date; the others are superseded (and said so) — when most of their 文号 are in the newer
  file (a cumulative ledger keeps its earlier rows); files with other decisions are all used.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sgs_cli.reports import decisions
from sgs_cli.standard.kinds import DECISION_KINDS, KIND, Role
from sgs_cli.rules.base import make
from sgs_cli.errors import InputError
from sgs_cli.findings import ERROR, Finding, FindingCounts
from sgs_cli.standard.register import MONTH_CODES, REGISTER

LIAISON_LEAD_FIELDS = ("DWMC", "XM", "ZW", "BGDH", "SJ", "YX")


def file_date(path: str) -> dt.date:
    """The file's modification date (the date a clerk sees in the folder)."""
    return dt.date.fromtimestamp(os.path.getmtime(path))


# ------------------------------------------------------------------------------------------ register


@dataclass
class RegisterRow:
    unit: str  # the roster name (or the name as written when the roster does not know it)
    written: str
    row: int
    dates: dict = field(default_factory=dict)  # field code → date
    note: str = ""
    known: bool = True  # in the roster

    def get(self, code: str) -> dt.date | None:
        return self.dates.get(code)

    def month(self, m: int) -> dt.date | None:
        return self.dates.get(MONTH_CODES[m - 1])


@dataclass
class Register(FindingCounts):
    path: str
    sheet: str = ""
    rows: dict[str, RegisterRow] = field(default_factory=dict)  # unit → its (first) row
    findings: list[Finding] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field code → column letter

    def where(self, unit: str, code: str) -> str:
        """"报送登记表.xlsx › 双公示报送登记表 D3" of a unit's cell (or the row when the column is absent)."""
        r = self.rows.get(unit)
        if r is None:
            return f"{Path(self.path).name}（无该单位）"
        col = self.columns.get(code, "")
        return f"{Path(self.path).name} › {self.sheet} {col}{r.row}" if col else f"{Path(self.path).name} › {self.sheet} 第{r.row}行"

    def to_dict(self) -> dict:
        return {"path": self.path, "errors": self.errors, "warnings": self.warnings,
                "findings": [{"severity": f.severity, "code": f.code, "cell": f.cell, "row": f.row,
                              "message": f.message, "hint": f.hint} for f in self.findings]}


def read_register(path, roster=None, *, today: dt.date | None = None, holidays=None, provisional=False) -> Register:
    """The 报送登记表 in `path`, validated as kind register (InputError, exit 3, when it cannot be read or
    holds no register sheet)."""
    from sgs_cli.validation.engine import ValidateOptions, validate_file

    path = Path(path)
    if not path.exists():
        raise InputError(f"报送登记表“{path}”不存在", "请检查 --register 的文件路径（sgs template register 可生成模板）")
    fr = validate_file(path, ValidateOptions(kind="register", today=today or dt.date.today(), keep_records=True,
                                             holidays=holidays, provisional=provisional))
    if fr.error:
        raise InputError(f"报送登记表无法读取：{fr.error}", "请使用 sgs template register 生成的模板填写")
    sheets = [s for s in fr.sheets if s.kind == "register"]
    if not sheets:
        raise InputError(f"“{path.name}”中找不到报送登记表的表头", "表头应有“单位名称”“工作方案报送日期”等列（sgs template register）")
    reg = Register(str(path))
    for sr in sheets:
        reg.sheet = reg.sheet or sr.sheet
        reg.columns = reg.columns or dict(sr.columns)
        reg.findings += sr.findings
        for rec in sr.records or []:
            written = rec.text("DWMC")
            if not written:
                continue
            name = decisions.norm_department(written)
            known = True
            if roster is not None:
                got = roster.match(name)
                known = got is not None
                if not known:
                    col = sr.columns.get("DWMC")
                    reg.findings.append(make("REGISTER_UNIT_UNKNOWN", row=rec.row, column=col, field="DWMC",
                                             field_name=REGISTER.by_code("DWMC").name, value=written, unit=written))
                name = got or name
            if name not in reg.rows:
                reg.rows[name] = RegisterRow(name, written, rec.row, dict(rec.dates), rec.text("BZ"), known)
    reg.findings.sort(key=lambda f: (f.row or 0, f.column or ""))
    return reg


# ------------------------------------------------------------------------------------- annex files


@dataclass
class Annex:
    """A department's 联络员名单 or 事项目录 in the inputs."""

    kind: str  # liaison | catalog
    file: str
    sheet: str
    rows: list[int] = field(default_factory=list)
    errors: list[Finding] = field(default_factory=list)  # error findings on the department's rows
    lead_missing: list[str] | None = None  # liaison: the lead's empty items ([] complete)
    date: dt.date | None = None  # file date

    @property
    def valid(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def lead_complete(self) -> bool | None:
        return None if self.lead_missing is None else not self.lead_missing

    @property
    def where(self) -> str:
        return f"{Path(self.file).name} › {self.sheet}"

    def result_text(self) -> str:
        """校验结果: "通过" or "2 处错误（D3 手机号码格式错误…）"."""
        if self.valid:
            return "通过"
        first = self.errors[0]
        return f"{len(self.errors)} 处错误（{first.cell or f'第{first.row}行'} {first.message}）"

    def to_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "rows": self.rows, "valid": self.valid,
                "lead_complete": self.lead_complete, "lead_missing": self.lead_missing,
                "errors": [{"code": f.code, "cell": f.cell, "message": f.message} for f in self.errors],
                "file_date": self.date.isoformat() if self.date else None}


def _department(name: str, roster) -> str:
    name = decisions.norm_department(name)
    if roster is not None:
        return roster.match(name) or name
    return name


def annexes(result, roster=None) -> dict[tuple[str, str], Annex]:
    """(department, "liaison"|"catalog") → the department's rows in the latest such file of `result`
    (a findings.Report validated with keep_records=True)."""
    out: dict[tuple[str, str], Annex] = {}
    for fr in result.files:
        if fr.error:
            continue
        when = file_date(fr.path)
        for sr in fr.sheets:
            if sr.kind not in ("liaison", "catalog") or sr.records is None:
                continue
            code = KIND[sr.kind].code(Role.DEPARTMENT)
            errors_by_row: dict[int, list[Finding]] = {}
            for f in sr.findings:
                if f.severity == ERROR and f.row and f.row != sr.header_row:
                    errors_by_row.setdefault(f.row, []).append(f)
            mine: dict[str, Annex] = {}
            for rec in sr.records:
                name = rec.text(code)
                if not name:
                    continue
                dept = _department(name, roster)
                a = mine.get(dept)
                if a is None:
                    a = mine[dept] = Annex(sr.kind, fr.path, sr.sheet, date=when)
                    if sr.kind == "liaison":  # the department's first person leads its credit work
                        a.lead_missing = [LIAISON_LEAD_NAMES[c] for c in LIAISON_LEAD_FIELDS if not rec.text(c)]
                a.rows.append(rec.row)
                a.errors += [f for f in errors_by_row.get(rec.row, []) if f.code != "LIAISON_LEAD_INCOMPLETE"]
            for dept, a in mine.items():
                key = (dept, sr.kind)
                if key not in out or (a.date, a.file) > (out[key].date, out[key].file):
                    out[key] = a
    return out


def _lead_names() -> dict[str, str]:
    from sgs_cli.standard import LIAISON

    return {c: LIAISON.by_code(c).name for c in LIAISON_LEAD_FIELDS}


LIAISON_LEAD_NAMES = _lead_names()


# ----------------------------------------------------------------------------------------- versions

_TITLE_MONTH = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:(\d{1,2})\s*[-－—~～至到]\s*)?(\d{1,2})\s*月")
_STEM_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])(?!\d)")


def title_month(texts) -> tuple[int, int] | None:
    """The latest month a ledger's title (or file name) names: "台账（2026年1-9月）" → (2026, 9),
    "统计局台账_2026-08.xlsx" → (2026, 8); None if none."""
    best = None
    for t in texts:
        t = unicodedata.normalize("NFKC", t or "")
        found = [(int(m.group(1)), int(m.group(3))) for m in _TITLE_MONTH.finditer(t)]
        found += [(int(m.group(1)), int(m.group(2))) for m in _STEM_MONTH.finditer(t)]
        for ym in found:
            if 1 <= ym[1] <= 12 and (best is None or ym > best):
                best = ym
    return best


@dataclass
class FileVersion:
    path: str
    department: str
    kinds: tuple[str, ...]
    month: tuple[int, int] | None
    date: dt.date
    keys: frozenset = frozenset()  # the decisions' 文号 (compacted)


#: an older file is a version of a newer one when at least this share of its 文号 is in the newer ones
#: (a cumulative ledger keeps the earlier rows); below it, the files are separate ledgers (e.g. two 科室)
VERSION_OVERLAP = 0.5


@dataclass
class Versions:
    """One department's ledger (or 790 table) in several versions: the one used and the ones superseded."""

    department: str
    kind: str  # 台账 / 行政许可表 / 行政处罚表
    used: FileVersion
    superseded: list[FileVersion]
    by: str  # 标题月份 / 文件日期

    def text(self) -> str:
        def one(v):
            return f"{Path(v.path).name}（" + (f"{v.month[0]}年{v.month[1]}月，" if v.month else "") + f"文件日期 {v.date:%Y-%m-%d}）"

        return (f"{self.department}的{self.kind}有 {1 + len(self.superseded)} 个版本，按{self.by}使用最新的 {one(self.used)}；"
                "未使用：" + "、".join(one(v) for v in self.superseded))

    def to_dict(self) -> dict:
        return {"department": self.department, "kind": self.kind, "used": self.used.path, "by": self.by,
                "superseded": [v.path for v in self.superseded]}


_KIND_TEXT = {("ledger",): "台账", ("license",): "行政许可表", ("penalty",): "行政处罚表"}


def _file_version(fr, roster) -> FileVersion | None:
    from sgs_cli.reports.monthly import _file_department, document_title

    kinds = tuple(sorted({s.kind for s in fr.sheets if s.kind in DECISION_KINDS}))
    if not kinds:
        return None
    from sgs_cli.standard.docno import doc_key

    depts, keys = set(), set()
    for d in decisions.extract(fr):
        if d.department:
            depts.add(_department(d.department, roster))
        if d.wsh:
            keys.add(doc_key(d.wsh))
    owner = depts.pop() if len(depts) == 1 else _department(_file_department(fr, roster)[0], roster)
    texts = [t for s in fr.sheets for t in (s.context.state.get("titles", [])
                                            if s.context is not None else [])]
    texts += [document_title(fr.path), Path(fr.path).stem]
    return FileVersion(fr.path, owner, kinds, title_month(texts), file_date(fr.path), frozenset(keys))


def pick_versions(result, roster=None) -> tuple[list[str], list[Versions], dict[str, str]]:
    """(the files to use, the departments with superseded versions, file → its department) of a
    validation result: decision files (ledger / 790 tables) of the same department and kinds are
    versions of one another when the older one's 文号 are mostly (VERSION_OVERLAP) in the newer ones; the
    latest by title month wins when every version names one, else the latest file date (then the later
    name). Files of one department with different decisions (two 科室's ledgers) are all used."""
    groups: dict[tuple, list[FileVersion]] = {}
    keep, owners = [], {}
    for fr in result.files:
        v = None if fr.error else _file_version(fr, roster)
        if v is None:
            keep.append(fr.path)
            continue
        owners[fr.path] = v.department
        groups.setdefault((v.department, v.kinds), []).append(v)
    out = []
    for (dept, kinds), vs in groups.items():
        if len(vs) == 1:
            keep.append(vs[0].path)
            continue
        by_month = all(v.month for v in vs)
        vs.sort(key=lambda v: ((v.month if by_month else (0, 0)), v.date, Path(v.path).name), reverse=True)
        used, old, seen = [vs[0]], [], set(vs[0].keys)
        for v in vs[1:]:
            if not v.keys or len(v.keys & seen) >= VERSION_OVERLAP * len(v.keys):
                old.append(v)
            else:  # a separate ledger of the same department
                used.append(v)
                seen |= v.keys
        keep += [v.path for v in used]
        if old:
            out.append(Versions(dept, _KIND_TEXT.get(kinds, "台账"), vs[0], old, "标题月份" if by_month else "文件日期"))
    order = {fr.path: i for i, fr in enumerate(result.files)}
    keep.sort(key=order.get)
    out.sort(key=lambda v: v.department)
    return keep, out, owners
