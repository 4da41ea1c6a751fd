"""Many findings of one kind in one column — a column left empty in every row, or one defect repeated on
most rows — are shown as one line (the count and the first rows) in the terminal table and in the
receipt's 汇总, so that a 20,000-row extract with 280,000 findings gives a readable report. The JSON output
keeps every finding; nothing here changes the findings themselves."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sgs_cli.findings import Finding

#: a (rule, column) pair is rolled up from this many rows on …
ROLLUP_MIN = 10
#: … when it covers at least this share of the sheet's data rows (“most rows”)
ROLLUP_SHARE = 0.5
#: rows named in a rolled-up line
FIRST_ROWS = 5


@dataclass
class Group:
    """Findings of one rule in one column on many rows, shown as one line."""
    first: Finding  # the first finding (its message, hint, field, column)
    count: int = 0
    rows: list[int] = field(default_factory=list)  # the first FIRST_ROWS rows
    same_message: bool = True

    @property
    def severity(self) -> str:
        return self.first.severity

    @property
    def code(self) -> str:
        return self.first.code

    @property
    def column(self) -> str | None:
        return self.first.column

    def describe(self, data_rows: int) -> str:
        """“必填项“违法行为类型”未填写 — 共 20000 行（全部数据行），如第2、3、4、5、6行”."""
        what = self.first.message if self.same_message else f"{self.first.message}等"
        whole = "（全部数据行）" if self.count >= data_rows > 0 else ""
        first = "、".join(str(r) for r in self.rows)
        more = "…" if self.count > len(self.rows) else ""
        return f"{what} — 共 {self.count} 行{whole}，如第{first}{more}行"


def _key(f: Finding) -> tuple:
    return (f.code, f.severity, f.column, f.field)


def rolled_keys(findings, data_rows: int) -> set:
    """The (code, severity, column, field) keys that are rolled up in a sheet with ``data_rows`` rows."""
    counts = Counter(_key(f) for f in findings if f.row and f.column)
    need = max(ROLLUP_MIN, ROLLUP_SHARE * data_rows)
    return {k for k, n in counts.items() if n >= need}


def rollup(findings, data_rows: int) -> tuple[list[Group], list[Finding]]:
    """(groups, the other findings): groups in order of their first row, the rest unchanged."""
    keys = rolled_keys(findings, data_rows)
    if not keys:
        return [], list(findings)
    groups: dict[tuple, Group] = {}
    rest = []
    for f in findings:
        k = _key(f) if f.row and f.column else None
        if k is None or k not in keys:
            rest.append(f)
            continue
        g = groups.get(k)
        if g is None:
            g = groups[k] = Group(f)
        g.count += 1
        if len(g.rows) < FIRST_ROWS:
            g.rows.append(f.row)
        if g.same_message and f.message != g.first.message:
            g.same_message = False
    return sorted(groups.values(), key=lambda g: (g.rows[0], len(g.column or ""), g.column or "")), rest


def counts_by_rule(findings) -> list[tuple[str, str, int]]:
    """(code, severity, n) of the errors and warnings, most frequent first."""
    c = Counter((f.code, f.severity) for f in findings if f.severity in ("error", "warning"))
    return [(code, sev, n) for (code, sev), n in c.most_common()]


def counts_by_column(findings) -> list[tuple[str, str, int]]:
    """(column letter, field name, n) of the errors and warnings tied to a column, most frequent first."""
    c = Counter((f.column, f.field_name or "") for f in findings
                if f.column and f.severity in ("error", "warning"))
    return [(col, name, n) for (col, name), n in c.most_common()]
