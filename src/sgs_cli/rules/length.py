"""Length limits of the standard. Code: LENGTH_EXCEEDED — error where the limit is confirmed (real DDL),
warning where docs/standard.md marks it UNCONFIRMED."""

from __future__ import annotations

from sgs_cli.standard import FieldType
from sgs_cli.io.cells import compact_code
from sgs_cli.findings import ERROR, WARNING
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.rules.base import ordered

CODES = declare("length", {
    "LENGTH_EXCEEDED": Code(ERROR, "超过字段长度上限（上限未经确认的为警告）", "“{name}”长度{n}字，超过上限{limit}字{note}",
                            "超长会导致推送信用平台前置库失败，请精简"),
})


def _limited(f) -> bool:
    # enumerations are checked against their values (a recognised variant is only a warning)
    return bool(f.max_len) and f.type not in (FieldType.DATE, FieldType.NUMBER, FieldType.ENUM)


def check(rec: Record, ctx: SheetContext, state=None):
    for code, f in ctx.present(_limited):
        text = rec.text(code)
        if not text:
            continue
        if f.identifier == "uscc":
            continue  # USCC_FORMAT names a wrong length (with the cell's real length): one defect, one finding
        if f.identifier:
            text = compact_code(text).replace("-", "")
        n = len(text)
        if n > f.max_len:
            note = "" if f.len_confirmed else "（该上限未经标准原文确认）"
            yield ctx.emit("LENGTH_EXCEEDED", rec, code, severity=ERROR if f.len_confirmed else WARNING,
                           value=text[:50] + ("…" if n > 50 else ""), name=f.name, n=n, limit=f.max_len, note=note)


def columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: character counts of whole columns (Arrow), a finding only where a limit is passed."""
    import numpy as np

    out = []
    for fi, (code, f) in enumerate(ctx.present(_limited)):
        if f.identifier == "uscc" or not fr.has(code):
            continue
        lengths = fr.lengths(code)
        if f.identifier:
            # the compact form of an ASCII text is no longer than the text; other texts (NFKC, upper case
            # may lengthen them) and the long ones are compacted one by one
            maybe = np.flatnonzero((lengths > f.max_len) | ~_ascii(fr, code)).tolist()
            compacted = {k: compact_code(t).replace("-", "") for k, t in zip(maybe, fr.text_at(code, maybe))}
            over = [k for k, t in compacted.items() if len(t) > f.max_len]
            texts = compacted
        else:
            over = np.flatnonzero(lengths > f.max_len).tolist()
            texts = dict(zip(over, fr.text_at(code, over)))
        note = "" if f.len_confirmed else "（该上限未经标准原文确认）"
        for k in over:
            text = texts[k]
            n = len(text)
            out.append((k, fi, 0, ctx.emit("LENGTH_EXCEEDED", fr.cell(k, code), code,
                                           severity=ERROR if f.len_confirmed else WARNING,
                                           value=text[:50] + ("…" if n > 50 else ""), name=f.name, n=n,
                                           limit=f.max_len, note=note)))
    return ordered(out)


def _ascii(fr, code: str):
    """Numpy mask of the texts that are ASCII."""
    import numpy as np

    arr = fr.texts_arrow(code)
    if arr is None:  # Python strings (a lone surrogate)
        return np.fromiter((t.isascii() for t in fr.text(code)), bool, fr.n)
    import pyarrow.compute as pc

    from sgs_cli.io.arrowtext import as_mask

    return as_mask(pc.string_is_ascii(arr))


RULE = Rule("length", CODES, row=check, columns=columns)
