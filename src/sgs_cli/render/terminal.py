"""The validation report for a terminal: one block per sheet, one line per finding naming the cell,
then the fix hint; a summary line at the end. Works in a narrow or GBK console."""

from __future__ import annotations

from pathlib import Path

from sgs_cli.findings import ERROR, INFO, SEVERITY_LABEL, WARNING, Report
from sgs_cli.rules.codes import FACT_LABEL, is_fact, label
from sgs_cli.standard import KIND_LABEL
from sgs_cli.render.rollup import counts_by_column, counts_by_rule, rollup

_STYLE: dict[str, str] = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan",
                          "fact": "magenta"}  # a fact: purple, as on the receipt
_STANDARD: dict[str | None, str | None] = {"790": "790号新标准", "2015": "2015年旧标准", "773": "773号附件模板",
                                          "58": "sgs 模板"}
_NO_VALUE = {"HEADER_UNKNOWN", "HEADER_ALIAS", "HEADER_EXTRA", "HEADER_DUPLICATE", "REQUIRED_MISSING"}


def where(sheet: str, f) -> str:
    """行政处罚!D7「行政相对人代码_1(统一社会信用代码)」 (docs/contract.md)."""
    place = f"{sheet}!{f.cell}" if f.cell else (f"{sheet}!第{f.row}行" if f.row else sheet)
    return place + (f"「{f.field_name}」" if f.field_name else "")


def render(report: Report, console, verbose: bool = False, show_sensitive: bool = False) -> None:
    from rich.markup import escape

    hidden_info = 0
    for fr in report.files:
        name = Path(fr.path).name
        if fr.error:
            console.print(f"[bold]{escape(name)}[/]\n  [bold red]无法读取：[/]{escape(fr.error)}")
            continue
        for sr in fr.sheets:
            title = f"[bold]{escape(name)} › {escape(sr.sheet)}[/]"
            if sr.kind:
                title += (f"  （{KIND_LABEL.get(sr.kind, sr.kind)}，{_STANDARD.get(sr.standard, sr.standard)}，"
                          f"表头在第{sr.header_row}行，数据{sr.rows}行）")
            console.print(title)
            if verbose:
                render_columns(sr, console)
            shown = [f for f in sr.findings if verbose or f.severity != INFO]
            hidden_info += len(sr.findings) - len(shown)
            if not shown:
                console.print("  [green]未发现错误或警告[/]")
                continue
            groups, shown = rollup(shown, sr.rows)
            render_groups(sr, groups, console)
            for f in sorted(shown, key=lambda f: (f.row or 0, _col_key(f.column))):
                value = f.shown_value(show_sensitive)
                msg = f.message
                if value not in (None, "") and f.code not in _NO_VALUE:
                    msg += f"（值：{value}）"
                console.print(f"  [{_style(f)}]{label(f)}[/] "
                              f"{escape(where(sr.sheet, f))} {escape(msg)} [dim]{f.code}[/]")
                if f.hint:
                    console.print(f"      [green]→[/] {escape(f.hint)}")
        if len(report.files) > 1 and fr.sheets:
            console.print(f"  [dim]{escape(name)} 小计：{fr.rows} 行，{_counted(fr)}[/]")
    s = report.summary()
    errors, warnings = _fixable([sr for fr in report.files for sr in fr.sheets], sum(1 for fr in report.files if fr.error))
    line = (f"共 {s['files']} 个文件、{s['sheets']} 个工作表、{s['rows']} 行数据："
            f"[bold red]{errors} 个错误[/]，[yellow]{warnings} 个警告[/]")
    if s["facts"]:
        line += f"，[magenta]{s['facts']} 项时效情况（事实）[/]"
    if hidden_info:
        line += f"，另有 {hidden_info} 条提示（加 -v 显示）"
    console.print(line)
    if s["facts"]:
        console.print("时效情况（事实）是迟报、逾期未报送等已发生的情况：不需修改数据，计入月报告“逾期明细”"
                      "（可在台账“迟报说明”列写明原因）；--split 和信用办受理时不因此退回")
    render_counts(report, console)
    render_unreadable(report, console)


def _style(f) -> str:
    return _STYLE["fact"] if f.fact else _STYLE[f.severity]


def _fixable(sheets, unread: int = 0) -> tuple[int, int]:
    """(errors, warnings) that are not facts: what the department has to correct or check (a file that
    could not be read is one error)."""
    return (unread + sum(1 for sr in sheets for f in sr.findings if f.severity == ERROR and not f.fact),
            sum(1 for sr in sheets for f in sr.findings if f.severity == WARNING and not f.fact))


def _counted(fr) -> str:
    """A file's subtotal: "3 个错误，1 个警告，2 项时效情况（事实）"."""
    errors, warnings = _fixable(fr.sheets, 1 if fr.error else 0)
    facts = sum(sr.facts for sr in fr.sheets)
    return f"{errors} 个错误，{warnings} 个警告" + (f"，{facts} 项时效情况（事实）" if facts else "")


def _col_key(col: str | None) -> tuple:
    return (len(col or ""), col or "")


def render_columns(sr, console) -> None:
    """-v: which column was read as which field, which are known extension columns and which were ignored."""
    from rich.markup import escape

    cols = getattr(sr, "header_columns", None) or []
    if not cols:
        return
    matched = [c for c in cols if c[3] == "field"]
    console.print(f"  [dim]列识别：{len(matched)} 列对应标准字段[/]")
    for letter, text, name, status in cols:
        if status == "field":
            same = name == text
            console.print(f"    [dim]{letter}[/] {escape(text)}" + ("" if same else f" → {escape(name)}"))
    extras = [c for c in cols if c[3] == "extra"]
    if extras:
        console.print("  [dim]地方扩展列（保留，不作校验）：[/]"
                      + "；".join(f"{c[0]} {escape(c[1])}" for c in extras))
    ignored = [c for c in cols if c[3] == "ignored"]
    if ignored:
        console.print("  [yellow]已忽略的列（无法识别）：[/]" + "；".join(f"{c[0]} {escape(c[1])}" for c in ignored))


def render_unreadable(report: Report, console) -> None:
    """A batch: the files that could not be read or recognised, listed once at the end (the exit code
    is 1 when errors were found in the other files, 3 otherwise)."""
    from rich.markup import escape

    bad = [Path(f.path).name for f in report.files if f.error]
    if bad and len(report.files) > 1:
        console.print(f"[bold red]未能校验的文件（{len(bad)} 个，无法读取或找不到表头）：[/]" + escape("、".join(bad)))


#: the table ends with counts per rule and per column from this many errors and warnings on
COUNTS_FROM = 20
COUNTS_SHOWN = 12


def render_groups(sr, groups, console) -> None:
    """One line per rolled-up (rule, column): the count and the first rows (report/rollup.py)."""
    from rich.markup import escape

    for g in groups:
        f = g.first
        place = f"{sr.sheet}!{f.column}列" + (f"「{f.field_name}」" if f.field_name else "")
        console.print(f"  [{_style(f)}]{label(f)}[/] {escape(place)} "
                      f"{escape(g.describe(sr.rows))} [dim]{g.code}[/]")
        if f.hint:
            console.print(f"      [green]→[/] {escape(f.hint)}")


def render_counts(report: Report, console) -> None:
    """Counts per rule and per column at the end of a long report."""
    from rich.markup import escape

    findings = [f for fr in report.files for s in fr.sheets for f in s.findings]
    if sum(1 for f in findings if f.severity in (ERROR, WARNING)) < COUNTS_FROM:
        return
    rules = counts_by_rule(findings)
    console.print("按规则统计：" + "、".join(
        f"{code}（{FACT_LABEL if sev != INFO and is_fact(code) else SEVERITY_LABEL[sev]}）{n}" for code, sev, n in rules))
    by_col = counts_by_column(findings) if len(report.files) == 1 else []
    if by_col:
        text = "、".join(f"{col}列" + (f"「{name}」" if name else "") + f" {n}" for col, name, n in by_col[:COUNTS_SHOWN])
        more = f"，另有{len(by_col) - COUNTS_SHOWN}列" if len(by_col) > COUNTS_SHOWN else ""
        console.print("按列统计：" + escape(text) + more)
