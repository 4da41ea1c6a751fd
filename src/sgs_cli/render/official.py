"""No tool talk in official documents: what a department or the county government reads says what to do in the
office's terms, never a command, an option, a path or an English rule code.

The findings' hints are written for the person at the keyboard ("用 --submit-date 指定实际报送日期"); the console
and JSON keep them as they are. Every text sgs writes into a workbook sheet meant for others passes through
:func:`scrub`: known phrases become the office's words (:data:`OFFICE_TERMS`), a bracket that only names an option
is dropped, and any other sentence (or part after ；) holding a command, option or path is dropped whole. Rule codes stay in JSON, CSV and
the receipt's hidden 规则代码 column. Notes for the office's own clerk (how to add next year's holidays) go to a
sheet named 使用说明, which is not printed (render/paper.py).
"""

from __future__ import annotations

import re

#: what must not appear in an official sheet: an option (--today), a command line (sgs …, pip install), an absolute
#: path (/home/…, C:\…) or an English rule code (USCC_PLACEHOLDER)
TOOL_TALK = re.compile(r"(?<![\w-])--[a-z][a-z-]*|(?<![A-Za-z])sgs\s+[a-z]|(?<![A-Za-z])pip\s+install"
                       r"|(?<![A-Za-z])[A-Za-z]:\\|(?:^|[\s（(“：:])/[\w.-]+/"
                       r"|(?<![A-Za-z0-9_])[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])")

#: tool phrases → the office's words (applied first, in order)
OFFICE_TERMS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?:发布后)?运行\s*sgs calendar\s+\S+\s+--from-notice\s+\S+\s*补充"), "发布后由信用办补充节假日安排"),
    (re.compile(r"可?加\s*--provisional\s*"), "可"),
    (re.compile(r"按\s*--severity\s*指定"), "按信用办指定的失信程度"),
    (re.compile(r"用\s*--submit-date\s*指定实际报送日期"), "已报送的请填写实际报送日期"),
    (re.compile(r"请用\s*--today\s*指定"), "请与信用办核对统计日期"),
    (re.compile(r"（未填写，可用\s*--unit\s*指定）"), "（未填写）"),
    (re.compile(r"（?sgs template (\w+)\s*(?:可)?生成(?:标准)?模板）?"), "（可向信用办索取标准模板）"),
]
_BRACKET = re.compile(r"[（(][^（）()]*[）)]")
_CLAUSE = re.compile(r"([；;。]|\n)")  # a sentence (or its part after ；) with tool talk is dropped whole


def is_clean(text: str) -> bool:
    return not TOOL_TALK.search(text)


def scrub(text: str) -> str:
    """``text`` without tool talk (see the module's docstring); unchanged when it holds none."""
    if not isinstance(text, str) or is_clean(text):
        return text
    for pattern, words in OFFICE_TERMS:
        text = pattern.sub(words, text)
    text = _BRACKET.sub(lambda m: "" if TOOL_TALK.search(m.group(0)) else m.group(0), text)
    if is_clean(text):
        return text
    return drop_clauses(text, TOOL_TALK)


def drop_clauses(text: str, talk: re.Pattern) -> str:
    """``text`` without each sentence (or its part after ；) that ``talk`` finds something in."""
    parts = _CLAUSE.split(text)
    kept: list[str] = []
    for i in range(0, len(parts), 2):
        clause, sep = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if talk.search(clause):
            if sep in ("。", "\n") and kept and kept[-1] in "；;":
                kept[-1] = sep  # the sentence ends where the dropped clause ended
            continue
        kept += [clause, sep] if sep else [clause]
    out = "".join(kept).strip()
    return out.rstrip("；;") if out else ""


def existing_rows(ws, min_row: int = 1, max_row: int | None = None):
    """The cells of ``ws`` that exist and hold a value, row by row in column order — never creating one (openpyxl's
    row iterator makes a cell for every blank of the grid: a department's copied sheet formatted out to column XFD
    has 80 million; a blank template has 2,000 pre-formatted rows)."""
    rows: dict[int, list] = {}
    for (r, _), cell in ws._cells.items():
        if r >= min_row and (max_row is None or r <= max_row) and cell.value is not None:
            rows.setdefault(r, []).append(cell)
    for r in sorted(rows):
        yield sorted(rows[r], key=lambda c: c.column)

def scrub_sheet(ws, columns=None) -> list[str]:
    """Scrub every text cell of ``ws`` (only ``columns``, 1-based, when given) but those of hidden columns (the rule
    codes kept for machines); the original texts changed."""
    from openpyxl.utils import get_column_letter

    from sgs_cli.io.write import set_text

    hidden = {c for c in range(1, ws.max_column + 1)
              if (d := ws.column_dimensions.get(get_column_letter(c))) is not None and d.hidden}
    changed = []
    for row in existing_rows(ws):
        for c in row:
            if isinstance(c.value, str) and (columns is None or c.column in columns) and c.column not in hidden \
                    and not is_clean(c.value):
                changed.append(c.value)
                set_text(c, scrub(c.value))
    return changed


def sgs_columns(ws, head_rows: int = 10) -> set[int]:
    """The columns sgs added to a department's copied sheet (错误原因, 修改建议): the only ones scrubbed there."""
    from sgs_cli.findings import SGS_ROW_COLUMNS

    return {c.column for row in existing_rows(ws, max_row=head_rows) for c in row if c.value in SGS_ROW_COLUMNS}


NOTES_SHEET = "使用说明"
NOTES_LEAD = "本表供信用办经办人员使用（隐藏，不打印）：报表中的说明已改为办公用语，下面是原文（含操作命令）。"


def notes_sheet(wb, texts: list[str]) -> None:
    """The 使用说明 sheet (last, not printed): the original texts, each once, for the office's own clerk."""
    from openpyxl.styles import Alignment, Font

    from sgs_cli.io.write import set_text

    ws = wb[NOTES_SHEET] if NOTES_SHEET in wb.sheetnames else wb.create_sheet(NOTES_SHEET)
    row = ws.max_row + 1 if ws.max_row > 1 else 1
    if row == 1:
        set_text(ws.cell(1, 1), NOTES_LEAD).font = Font(bold=True)
        row = 2
    ws.column_dimensions["A"].width = 100
    for text in dict.fromkeys(texts):
        c = set_text(ws.cell(row, 1), text)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1


__all__ = ["NOTES_SHEET", "OFFICE_TERMS", "TOOL_TALK", "is_clean", "notes_sheet", "scrub", "scrub_sheet", "sgs_columns"]
