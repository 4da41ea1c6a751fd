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
from sgs_cli.standard.departments import department_key
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
    departments: frozenset = frozenset()  # every department its records name (the owner when none)
    decisions: list = field(default_factory=list, repr=False)  # decisions.Decision of the file
    bad: frozenset = frozenset()  # (sheet, row) of its records with an error (duplicates across files aside)
    name: str = ""  # the file's name as the department gave it (office mode stores files under other names)
    stamp: float = 0.0  # modification time: orders versions handed in on the same day


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
            return f"{v.name or Path(v.path).name}（" + (f"{v.month[0]}年{v.month[1]}月，" if v.month else "") + f"文件日期 {v.date:%Y-%m-%d}）"

        return (f"{self.department}的{self.kind}有 {1 + len(self.superseded)} 个版本，按{self.by}使用最新的 {one(self.used)}；"
                "未使用：" + "、".join(one(v) for v in self.superseded)
                + "（台账逐月累计，旧版本的记录已包含在新版本中）")

    def to_dict(self) -> dict:
        return {"department": self.department, "kind": self.kind, "used": self.used.path, "by": self.by,
                "superseded": [v.path for v in self.superseded]}


_KIND_TEXT = {("ledger",): "台账", ("license",): "行政许可表", ("penalty",): "行政处罚表"}


def record_key(d) -> str:
    """The key that makes two records one decision across files: the 决定书文号's one key (standard/docno.py:
    〔2018〕 and 【2018】 are one decision)."""
    from sgs_cli.standard.docno import doc_key

    return doc_key(d.wsh or "")


def _file_version(fr, roster, name: str = "") -> FileVersion | None:
    from sgs_cli.reports.decisions import document_title, file_department as _file_department

    kinds = tuple(sorted({s.kind for s in fr.sheets if s.kind in DECISION_KINDS}))
    if not kinds:
        return None
    ds = decisions.extract(fr)
    depts, keys = set(), set()
    for d in ds:
        if d.department:
            depts.add(_department(d.department, roster))
        if d.wsh:
            keys.add(record_key(d))
    owner = next(iter(depts)) if len(depts) == 1 else _department(_file_department(fr, roster)[0], roster)
    texts = [t for s in fr.sheets for t in (s.context.state.get("titles", [])
                                            if s.context is not None else [])]
    texts += [document_title(fr.path), Path(name or fr.path).stem]
    bad = set()
    for sr in fr.sheets:
        if sr.kind in DECISION_KINDS:
            rows, whole = decisions.error_rows(sr, ignore=ACROSS_FILES)
            bad |= {(sr.sheet, d.row) for d in ds if d.sheet == sr.sheet and (whole or d.row in rows)}
    return FileVersion(fr.path, owner, kinds, title_month(texts), file_date(fr.path), frozenset(keys),
                       frozenset(depts or {owner}), ds, frozenset(bad), name or Path(fr.path).name,
                       os.path.getmtime(fr.path))


def _pick(vs_all: list[FileVersion]) -> tuple[list[FileVersion], list[Versions], dict[str, str]]:
    """(the files used, the departments with superseded versions, file → the used file of its group)."""
    groups: dict[tuple, list[FileVersion]] = {}
    for v in vs_all:
        # one department however its files spell it (县市场监管局 / 中牟县市场监督管理局): standard/departments.py
        groups.setdefault((department_key(v.department), v.kinds), []).append(v)
    used_all, out, winner = [], [], {}
    for (_, kinds), vs in groups.items():
        if len(vs) == 1:
            used_all.append(vs[0])
            winner[vs[0].path] = vs[0].path
            continue
        by_month = all(v.month for v in vs)
        vs.sort(key=lambda v: ((v.month if by_month else (0, 0)), v.stamp, v.name), reverse=True)
        used, old, seen = [vs[0]], [], set(vs[0].keys)
        winner[vs[0].path] = vs[0].path
        for v in vs[1:]:
            if not v.keys or len(v.keys & seen) >= VERSION_OVERLAP * len(v.keys):
                old.append(v)
                winner[v.path] = vs[0].path
            else:  # a separate ledger of the same department
                used.append(v)
                winner[v.path] = v.path
                seen |= v.keys
        used_all += used
        if old:
            out.append(Versions(vs[0].department, _KIND_TEXT.get(kinds, "台账"), vs[0], old,
                                "标题月份" if by_month else "文件日期"))
    out.sort(key=lambda v: v.department)
    return used_all, out, winner


def pick_versions(result, roster=None) -> tuple[list[str], list[Versions], dict[str, str]]:
    """(the files to use, the departments with superseded versions, file → its department) of a
    validation result (the version part of :func:`choose`)."""
    c = choose(result, roster)
    return c.files, c.versions, c.owners


# -------------------------------------------------------------------------------------- corrections

#: the finding between two copies of one record in two files: between a version (or a correction) and the
#: file it replaces it is no error of the data chosen
ACROSS_FILES = frozenset({"DUPLICATE_ACROSS_FILES"})


def correction_of(path: str) -> tuple[int, str]:
    """(how many times the file went back, the name of the original): "退回_退回_统计局台账.xlsx" → (2,
    "统计局台账"); (0, stem) for a file that is no returned file."""
    from sgs_cli.findings import RETURN_PREFIX

    stem, n = Path(path).stem, 0
    while stem.startswith(RETURN_PREFIX):
        stem, n = stem[len(RETURN_PREFIX):], n + 1
    return n, stem


@dataclass
class Correction:
    """A 退回_ file sent back corrected: its records replace the records with the same 文号 of the original."""

    path: str
    department: str
    round: int  # 1: the first return; 2: a return of the return …
    date: dt.date
    name: str = ""  # as the department named it
    original_name: str = ""
    original: str | None = None  # the file whose records it replaces (the used version of the original)
    replaced: list = field(default_factory=list)  # (file name, sheet, row, 文号) superseded by it
    added: int = 0  # its records that replace none (new in the return file)
    superseded_by: str | None = None  # a newer version of the ledger, sent after it, makes it unnecessary

    @property
    def used(self) -> bool:
        return self.superseded_by is None

    def text(self) -> str:
        name = self.name or Path(self.path).name
        if self.superseded_by:
            return (f"{self.department}的更正文件 {name}（文件日期 {self.date:%Y-%m-%d}）未使用：之后报送的新版本 "
                    f"{self.superseded_by} 已包含更正后的记录")
        if self.original is None:
            return f"{self.department}的更正文件 {name} 找不到原文件，其记录按新报送计入"
        what = "、".join(w or f"第{r}行" for _, _, r, w in self.replaced[:5]) + ("等" if len(self.replaced) > 5 else "")
        return (f"{self.department}的更正文件 {name}（第{self.round}次退回后重报）替代 {self.original_name} 中同一文号的 "
                f"{len(self.replaced)} 条记录" + (f"（{what}）" if self.replaced else "")
                + (f"，另有 {self.added} 条新记录" if self.added else "") + "：按更正后的记录统计")

    def to_dict(self) -> dict:
        return {"file": self.path, "department": self.department, "round": self.round, "original": self.original,
                "used": self.used, "superseded_by": self.superseded_by,
                "replaced": [{"file": f, "sheet": s, "row": r, "wsh": w} for f, s, r, w in self.replaced],
                "added": self.added}


@dataclass
class DataChoice:
    """Which data the reports count (:func:`choose`): the files used, the versions and the records superseded,
    and per record of a correction how often it was sent again and whether its first submission was wrong."""

    files: list[str] = field(default_factory=list)  # decision and other files used, in input order
    versions: list[Versions] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    owners: dict[str, str] = field(default_factory=dict)  # decision file → its department
    superseded_files: set = field(default_factory=set)
    dropped: dict = field(default_factory=dict)  # (path, sheet, row) → the correction that replaces it
    resubmitted: dict = field(default_factory=dict)  # (path, sheet, row) of a correction record → times sent again
    was_wrong: set = field(default_factory=set)  # (path, sheet, row): its first submission had an error
    coverage: dict = field(default_factory=dict)  # department → latest (year, month) its files cover; None: all
    names: dict = field(default_factory=dict)  # path → the name the department gave the file

    def name(self, path) -> str:
        return self.names.get(str(path)) or Path(path).name

    def covers(self, department: str, ym: tuple[int, int], canon=None) -> bool:
        """Whether the department handed in data for month `ym` (a ledger is cumulative: a file titled
        “2026年1-8月” covers January to August; a file without a month covers every month)."""
        canon = canon or {}
        for dept, last in self.coverage.items():
            if canon.get(dept, dept) == department and (last is None or last >= ym):
                return True
        return False

    def notes(self) -> list[str]:
        return [v.text() for v in self.versions] + [c.text() for c in self.corrections]

    def to_dict(self) -> dict:
        return {"used": self.files, "versions": [v.to_dict() for v in self.versions],
                "corrections": [c.to_dict() for c in self.corrections],
                "superseded_files": sorted(self.superseded_files)}

    def apply(self, result):
        """The validation result without the superseded files, and without the DUPLICATE_ACROSS_FILES
        findings whose other record is superseded (a version or a correction is not a duplicate of what it
        replaces); the result itself is not changed."""
        from dataclasses import replace

        gone = {Path(p).name for p in self.superseded_files}
        dropped = {(Path(p).name, s, r) for p, s, r in self.dropped}

        def keep(f) -> bool:
            if f.code not in ACROSS_FILES or not f.params:
                return True
            other = (f.params.get("file"), f.params.get("sheet"), f.params.get("first"))
            return other[0] not in gone and other not in dropped

        files = []
        for fr in result.files:
            if fr.path in self.superseded_files:
                continue
            if any(f.code in ACROSS_FILES for sr in fr.sheets for f in sr.findings):
                fr = replace(fr, sheets=[replace(sr, findings=[f for f in sr.findings if keep(f)])
                                         for sr in fr.sheets])
            files.append(fr)
        return replace(result, files=files)


def _original(c: FileVersion, base: str, plain: list[FileVersion]) -> FileVersion | None:
    """The file a returned file corrects: the one named as it (without 退回_), else the department's file
    of the same kinds sharing most 文号 with it."""
    same = [v for v in plain if v.department == c.department and v.kinds == c.kinds]
    named = [v for v in same if Path(v.name).stem == base]
    if named:
        return named[0]
    best = max(same, key=lambda v: (len(v.keys & c.keys), v.date), default=None)
    return best if best is not None and (best.keys & c.keys or not c.keys) else None


def choose(result, roster=None, names: dict | None = None) -> DataChoice:
    """The one rule by which the monthly report, the 季通报, the 年考核 and office mode choose their data from
    the files handed in (a validation result kept with records):

    * versions: decision files (ledger / 790 tables) of one department and kinds whose 文号 are mostly
      (VERSION_OVERLAP) in a newer one are versions of it: the latest by title month wins when every version
      names one, else the latest file date (then the later name); files with other decisions are all used;
    * corrections: a returned file sent back (``退回_…``) replaces, record by record (文号; an unmatched
      record of a returned file replaces an erroneous record of the same title and decision date), the
      records of the file it corrects — of the used version of it, unless a version sent after the
      correction makes it unnecessary. A record replaced by a correction whose first submission had an
      error is not right the first time (一次通过); each correction that replaces it is one 重报.

    `names`: path → the name the department gave the file, where it is stored under another (office mode)."""
    names = {str(k): v for k, v in (names or {}).items()}
    files = [fr for fr in result.files if not fr.error and not fr.sgs_output]
    versions = [v for v in (_file_version(fr, roster, names.get(str(fr.path), "")) for fr in files) if v is not None]
    corr = [v for v in versions if correction_of(v.name)[0]]
    plain = [v for v in versions if not correction_of(v.name)[0]]
    used, vers, winner = _pick(plain)
    out = DataChoice(versions=vers, owners={v.path: v.department for v in versions}, names=names)
    out.superseded_files = {v.path for g in vers for v in g.superseded}
    by_path = {v.path: v for v in versions}
    # the current holder of every key of an original: (path, sheet, row, times sent again, wrong before)
    holders: dict[str, dict] = {}
    # the 文号 as the replaced record spells it (a correction may write 【】 where the original has 〔〕)
    spelled = {(v.path, d.sheet, d.row): d.wsh for v in corr + plain for d in v.decisions}

    def family(orig: FileVersion) -> dict:
        if orig.path not in holders:
            h = holders[orig.path] = {}
            for d in orig.decisions:
                key = record_key(d) or ("", norm_title(d.title), d.decided)
                h.setdefault(key, (orig.path, d.sheet, d.row, 0, (d.sheet, d.row) in orig.bad))
        return holders[orig.path]

    for c in sorted(corr, key=lambda v: (correction_of(v.name)[0], v.stamp, v.name)):
        n, base = correction_of(c.name)
        fix = Correction(c.path, c.department, n, c.date, c.name)
        out.corrections.append(fix)
        orig = _original(c, base, plain)
        if orig is None:
            used.append(c)
            fix.added = len(c.decisions)
            continue
        target = by_path[winner[orig.path]]
        if target.path != orig.path and target.stamp > c.stamp:  # a newer version was sent after the correction
            fix.superseded_by = target.name
            out.superseded_files.add(c.path)
            continue
        fix.original, fix.original_name = target.path, target.name
        used.append(c)
        h = family(target)
        for d in c.decisions:
            me = (c.path, d.sheet, d.row)
            key: str | tuple = record_key(d)  # or the ("", title, date) key of an erroneous 文号
            if not key or key not in h:  # 文号 corrected too: the erroneous record of the same title and date
                alt = ("", norm_title(d.title), d.decided)
                key = alt if alt in h and h[alt][4] else key
            held = h.get(key) if key else None
            if held is None:
                fix.added += 1
            else:
                out.dropped[held[:3]] = c.path
                fix.replaced.append((by_path[held[0]].name, held[1], held[2], spelled.get(held[:3]) or d.wsh))
                out.resubmitted[me] = held[3] + 1
                if held[4]:
                    out.was_wrong.add(me)
            if key:
                h[key] = (c.path, d.sheet, d.row, out.resubmitted.get(me, 0), me in out.was_wrong or (d.sheet, d.row) in c.bad)
    chosen = {v.path for v in used}
    out.files = [fr.path for fr in result.files if fr.path not in out.superseded_files
                 and (fr.path in chosen or fr.path not in by_path)]
    for v in used:
        if correction_of(v.name)[0]:
            continue  # a correction covers no month of its own
        for dept in v.departments:
            last = out.coverage.get(dept, (0, 0))
            out.coverage[dept] = None if last is None or v.month is None else max(last, v.month)
    return out


def norm_title(t: str) -> str:
    """A title or value compared as written: NFKC (full-width → half-width), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", t or ""))
