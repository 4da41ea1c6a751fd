"""Findings and the report object (frictionless-style): rules yield findings with a stable code;
the report renders to a table, JSON or an Excel receipt without knowing the rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How bad a finding is. A str: JSON and comparisons see "error", "warning", "info"."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value

    def __format__(self, format_spec: str) -> str:  # f"{sev}" is the value, as for a str
        return self.value.__format__(format_spec)

    @property
    def label(self) -> str:
        return SEVERITY_LABEL[self]


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def mask(text: str) -> str:
    """Mask the middle of a personal number: 110101********1234 (docs/contract.md: 证件号码 not public)."""
    n = len(text)
    if n <= 4:
        return "*" * n
    keep_head = 6 if n >= 15 else max(1, n // 4)
    keep_tail = 4 if n >= 15 else max(1, n // 4)
    return text[:keep_head] + "*" * (n - keep_head - keep_tail) + text[n - keep_tail:]


#: keyed by Severity, which is a str: a plain "error" finds its label too
SEVERITY_LABEL: dict[str, str] = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
#: the columns sgs appends to each flagged row of a receipt or a returned file (错误原因, 修改建议)
SGS_ROW_COLUMNS = ("错误原因", "修改建议")
#: the column of a return file (退回_) giving each record's row in the original file
SGS_ORIGIN_COLUMN = "原行号"
#: file-name prefixes of ``sgs validate --split``: the records that pass, and those returned to the department (a
#: department sends the 退回_ file back corrected: the reports read it as a correction of the original)
PASS_PREFIX, RETURN_PREFIX = "通过_", "退回_"
#: version of the JSON document of `sgs validate --format json`; raised when keys change meaning or go away
FORMAT_VERSION = "1.1"
#: the codes declared facts (rules/base.declare fills it as the rule families declare their codes: the rules sit
#: above this module and may not be imported from it)
FACT_CODES: set[str] = set()


@dataclass(slots=True)
class Finding:
    severity: Severity | str  # a Severity; plain "error"/"warning"/"info" compare equal
    code: str
    message: str
    row: int | None = None
    column: str | None = None
    field: str | None = None
    field_name: str | None = None
    value: Any = None
    hint: str = ""
    sensitive: bool = False  # value is personal data: masked unless the user asks otherwise
    key: str | None = None  # record key (决定书文号) of the row, for tools that join findings to records
    rows: list | None = None  # table-level findings: every data row concerned (physical row numbers)
    params: dict | None = None  # what the code's message template was formatted with (rules/base.py)

    @property
    def cell(self) -> str | None:
        if self.column and self.row:
            return f"{self.column}{self.row}"
        return None

    def shown_value(self, show_sensitive: bool = False):
        value = self.value
        if value is not None and not isinstance(value, (str, int, float, bool)):
            value = str(value)
        if self.sensitive and not show_sensitive and value not in (None, ""):
            value = mask(str(value))
        return value

    @property
    def fact(self) -> bool:
        """A fact about the process (a late report …; rules/base.Code.fact), not an error to return: shown as
        事实 (rules/codes.label), counted apart; its severity and the exit code are kept."""
        return self.severity != INFO and self.code in FACT_CODES

    def to_dict(self, show_sensitive: bool = False) -> dict:
        value = self.shown_value(show_sensitive)
        return {"severity": self.severity, "code": self.code, "fact": self.fact, "row": self.row,
                "column": self.column, "cell": self.cell, "field": self.field, "field_name": self.field_name,
                "value": value, "message": self.message, "hint": self.hint, "record_key": self.key, "rows": self.rows}


class FindingCounts:
    """errors / warnings / infos of an object holding ``findings`` (a sheet, a register)."""

    findings: list

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    @property
    def infos(self) -> int:
        return sum(1 for f in self.findings if f.severity == INFO)

    @property
    def facts(self) -> int:
        """Errors and warnings that record a fact (counted in errors / warnings as well)."""
        return sum(1 for f in self.findings if f.fact)


@dataclass
class SheetReport(FindingCounts):
    sheet: str
    kind: str | None
    standard: str | None
    header_row: int | None
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field code -> column letter
    records: list | None = None  # kept only when asked (monthly report, deadlines)
    #: the sheet's rule context (rules.context.SheetContext: spec, field columns, per-rule state such as the
    #: duplicate keys and title rows) for the checks across files and the reports; not part of the JSON
    context: Any = None
    # how each header cell was read: (column letter, header as written, field or extra name, status) with
    # status "field" (a standard field), "extra" (a known extension column) or "ignored"
    header_columns: list[tuple[str, str, str, str]] = field(default_factory=list)

    def to_dict(self, show_sensitive: bool = False) -> dict:
        return {"sheet": self.sheet, "kind": self.kind, "standard": self.standard, "header_row": self.header_row,
                "rows": self.rows, "errors": self.errors, "warnings": self.warnings,
                "infos": self.infos, "facts": self.facts, "findings": [f.to_dict(show_sensitive) for f in self.findings]}


@dataclass
class FileReport:
    path: str
    sheets: list[SheetReport] = field(default_factory=list)
    error: str | None = None  # the file could not be read (exit 3)
    sgs_output: bool = False  # an error receipt or monthly report written by sgs (skipped, not an input)

    @property
    def errors(self) -> int:
        return sum(s.errors for s in self.sheets) + (1 if self.error else 0)

    @property
    def warnings(self) -> int:
        return sum(s.warnings for s in self.sheets)

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.sheets)

    def to_dict(self, show_sensitive: bool = False) -> dict:
        d = {"path": self.path, "sheets": [s.to_dict(show_sensitive) for s in self.sheets]}
        if self.error:
            d["error"] = self.error
        return d


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.files)

    @property
    def unreadable(self) -> bool:
        return any(f.error for f in self.files)

    @property
    def infos(self) -> int:
        return sum(s.infos for f in self.files for s in f.sheets)

    @property
    def facts(self) -> int:
        return sum(s.facts for f in self.files for s in f.sheets)

    def summary(self) -> dict:
        return {"files": len(self.files), "sheets": sum(len(f.sheets) for f in self.files),
                "rows": sum(f.rows for f in self.files), "errors": self.errors, "warnings": self.warnings,
                "infos": self.infos, "facts": self.facts}

    def to_dict(self, show_sensitive: bool = False) -> dict:
        from sgs_cli import __version__

        return {"format_version": FORMAT_VERSION, "tool_version": __version__, "summary": self.summary(),
                "files": [f.to_dict(show_sensitive) for f in self.files]}

    def exit_code(self) -> int:
        from sgs_cli.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK

        # a batch: errors found in the files that were validated (1) win over a file that could not be
        # read or recognised (3); with no error found, an unreadable file still makes it 3
        found = any(s.errors for f in self.files for s in f.sheets if s.kind)
        if found:
            return EXIT_FINDINGS
        if self.unreadable:
            return EXIT_INPUT
        return EXIT_FINDINGS if self.errors else EXIT_OK
