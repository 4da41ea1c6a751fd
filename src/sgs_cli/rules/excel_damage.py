"""18-digit codes damaged by Excel: stored as numbers (precision lost past 15 digits, 1.2E+17).

Codes: CODE_PRECISION_LOST (error), CODE_SCIENTIFIC (error), CODE_NUMERIC_CELL (warning).
Runs before the identifier rules, which skip the damaged cells.
"""

from __future__ import annotations

import re

from sgs_cli.standard import FieldType
from sgs_cli.findings import ERROR, WARNING
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.rules.base import ordered

_SCI = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
_TEXT_HINT = "请将该列设置为“文本”格式后重新输入完整代码（或在代码前加英文单引号）"

CODES = declare("excel_damage", {
    "CODE_PRECISION_LOST": Code(ERROR, "18位代码以数字存储，末尾数字已丢失",
                                "“{name}”以数字格式存储，Excel只保留15位有效数字，末尾数字已丢失", _TEXT_HINT),
    "CODE_SCIENTIFIC": Code(ERROR, "代码变成了科学计数法（如1.2E+17）", "“{name}”是科学计数法“{text}”，原代码已丢失",
                            _TEXT_HINT),
    "CODE_NUMERIC_CELL": Code(WARNING, "代码以数字格式存储", "“{name}”以数字格式存储", _TEXT_HINT),
})


def _is_code(f) -> bool:
    return f.type is FieldType.CODE


def check(rec: Record, ctx: SheetContext, state=None):
    for code, f in ctx.present(_is_code):
        v = rec.raw(code)
        if type(v) in (int, float) and not isinstance(v, bool):
            digits = len(str(int(v))) if v == v and abs(v) < 1e30 else 0
            if digits >= 16:
                rec.damaged.add(code)
                yield ctx.emit("CODE_PRECISION_LOST", rec, code, name=f.name)
            elif f.identifier or f.max_len == 18:
                yield ctx.emit("CODE_NUMERIC_CELL", rec, code, name=f.name)
        elif type(v) is str and _SCI.match(v.strip()):
            rec.damaged.add(code)
            yield ctx.emit("CODE_SCIENTIFIC", rec, code, name=f.name, text=v.strip())


# What the normalised text of a cell matching _SCI looks like (NFKC maps decimal digits to decimal digits and
# white space to white space, which the normalisation strips): a filter, the raw cell decides.
_SCI_TEXT = r"^\p{Nd}+(?:\.\p{Nd}+)?[eE]\+?\p{Nd}+$"
_SCI_LETTERS = "eE"  # one of them is in every text _SCI_TEXT finds (Frame.may_contain: a column without is skipped)
#: byte prefilter of _SCI_TEXT (Frame.translated_hits): "d" for an ASCII digit and for the first byte of every
#: character of 2 to 4 bytes (a digit of another script among them), "e" for e and E, "|" for NUL (the texts'
#: separator), "x" for the rest; "+" and continuation bytes deleted. A text _SCI_TEXT finds has a digit, an e
#: and a digit in a row ("ded") once so mapped.
_SCI_TABLE = bytes(ord("d") if 0x30 <= b <= 0x39 or 0xC2 <= b <= 0xF4 else ord("e") if b in b"eE" else
                   ord("|") if b == 0 else ord("x") for b in range(256))
_SCI_DELETE = bytes(range(0x80, 0xC0)) + b"+"


def _sci_rows(fr, code: str):
    """Mask (a new array) of the texts of a code column _SCI_TEXT finds: the regular expression run only on
    the texts the byte prefilter passes."""
    import numpy as np

    at = fr.translated_hits(code, _SCI_TABLE, _SCI_DELETE, b"ded")
    if at is None:  # Python strings (a lone surrogate) or a NUL in a text
        return np.array(fr.contains(code, _SCI_TEXT), dtype=bool)
    import pyarrow as pa
    import pyarrow.compute as pc

    from sgs_cli.io.arrowtext import as_mask

    rows = np.zeros(fr.n, bool)
    if len(at):
        rows[at] = as_mask(pc.match_substring_regex(fr.texts_arrow(code).take(pa.array(at)), _SCI_TEXT))
    return rows


def _types(raws: list) -> set:
    """The types of a column's cells (a column of texts told by one join, in C)."""
    try:
        "".join(raws)
    except TypeError:
        return set(map(type, raws))
    return {str} if raws else set()


def columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: the number cells of a code column (found by the set of the column's cell types,
    usually text only) and the cells whose text looks like scientific notation (a byte prefilter over the
    column, then one regular expression over the texts it passes), each then judged as the row form does;
    damaged cells are noted on the frame for the identifier rules."""
    import numpy as np

    out = []
    for fi, (code, f) in enumerate(ctx.present(_is_code)):
        if not fr.has(code):
            continue
        if fr.given_as_text(code):  # (a CSV column: told without its Python list)
            types = {str} if fr.n else set()
        else:
            types = _types(fr.raw(code))
        sci = str in types and fr.may_contain(code, _SCI_LETTERS)
        rows = _sci_rows(fr, code) if sci else np.zeros(fr.n, bool)
        if int in types or float in types:
            raws = fr.raw(code)
            rows[[k for k, v in enumerate(raws) if type(v) in (int, float)]] = True
        at = np.flatnonzero(rows).tolist()
        raws = fr.raw(code) if at else []
        for k in at:
            v = raws[k]
            t = type(v)
            if t is int or t is float:
                digits = len(str(int(v))) if v == v and abs(v) < 1e30 else 0
                if digits >= 16:
                    fr.damaged.setdefault(code, set()).add(k)
                    out.append((k, fi, 0, ctx.emit("CODE_PRECISION_LOST", fr.cell(k, code), code, name=f.name)))
                elif f.identifier or f.max_len == 18:
                    out.append((k, fi, 0, ctx.emit("CODE_NUMERIC_CELL", fr.cell(k, code), code, name=f.name)))
            elif t is str and _SCI.match(v.strip()):
                fr.damaged.setdefault(code, set()).add(k)
                out.append((k, fi, 0, ctx.emit("CODE_SCIENTIFIC", fr.cell(k, code), code, name=f.name, text=v.strip())))
    return ordered(out)


RULE = Rule("excel_damage", CODES, row=check, columns=columns)
