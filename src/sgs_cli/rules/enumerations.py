"""Enumerations: 行政相对人类别, 证件类型, 许可类别, 处罚类别 (790 and the 2021 statutory list), 当前状态.

Codes: ENUM_INVALID (error), ENUM_VARIANT (warning: a recognised non-standard spelling),
ENUM_OTHER_DETAIL (error: “其他” without the concrete category), CFLB_2021 (info).
"""

from __future__ import annotations

from copy import copy

from sgs_cli.standard import enums as E
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.standard.categories import _other_ok, cflb_buckets
from sgs_cli.findings import ERROR, INFO, WARNING
from sgs_cli.rules.base import Code, Rule, declare

_CFLB_ALLOWED = ("可选：警告；罚款；没收违法所得、没收非法财物；责令停产停业；"
                 "暂扣或者吊销许可证、暂扣或者吊销执照；行政拘留；其他-说明（多个用“；”分隔）")
CODES = declare("enumerations", {
    "ENUM_INVALID": Code(ERROR, "值不在允许范围内", "“{name}”的值“{text}”不在允许范围内", "可选值：{allowed}", variants={
        "cflb": ("处罚类别“{text}”不在允许范围内", _CFLB_ALLOWED),
        "ledger": ("决定类别“{text}”应为“行政许可”或“行政处罚”", "请改为行政许可或行政处罚"),
        "catalog": ("行政职权类别“{text}”应为“行政许可”或“行政处罚”", "双公示事项目录只列行政许可和行政处罚"),
    }),
    "ENUM_VARIANT": Code(WARNING, "非标准写法（如“法人”“有效”），应改为标准值", "“{name}”的值“{text}”不是标准写法",
                         "请改为“{standard}”", variants={"cflb": ("处罚类别“{text}”不是790标准写法", "请改为“{standard}”")}),
    "ENUM_OTHER_DETAIL": Code(ERROR, "“其他”未注明具体类别", "证件类型为“其他”时须注明具体证件",
                              "请写成“其他-证件名称”，如“其他-军官证”", variants={
        "xklb": ("许可类别为“其他”时须注明具体类别", "请写成“其他-具体类别”，如“其他-备案”"),
        "cflb": ("处罚类别为“其他”时须注明具体类别", "请写成“其他-具体处罚”，如“其他-责令改正”"),
    }),
    "CFLB_2021": Code(INFO, "《行政处罚法》(2021)第九条的处罚种类，已归入790类别",
                      "处罚类别“{text}”为《行政处罚法》(2021)第九条的种类", "按790标准归入“{bucket}”校验；请确认信用平台是否接受"),
})

def _simple(rec, ctx, code, canon, variants, label_hint):
    text = rec.text(code)
    if not text or text in canon:
        return
    f = ctx.fields[code]
    if text in variants:
        yield ctx.emit("ENUM_VARIANT", rec, code, name=f.name, text=text, standard=variants[text])
    else:
        yield ctx.emit("ENUM_INVALID", rec, code, name=f.name, text=text, allowed=label_hint)


def check(rec: Record, ctx: SheetContext, state=None):
    lb = ctx.k("XDR_LB")
    if rec.has(lb):
        yield from _simple(rec, ctx, lb, E.XDR_LB, E.XDR_LB_VARIANTS, "、".join(E.XDR_LB))
    for code in (ctx.k("XDR_ZJLX"), ctx.k("FR_ZJLX")):
        text = rec.text(code)
        if not text or text in E.ZJLX:
            continue
        if text.startswith("其他"):
            if not _other_ok(text):
                yield ctx.emit("ENUM_OTHER_DETAIL", rec, code)
            continue
        yield from _simple(rec, ctx, code, E.ZJLX, E.ZJLX_VARIANTS, "、".join(E.ZJLX) + "，或“其他-证件名称”")
    if ctx.prefix == "XK":
        text = rec.text("XK_XKLB")
        if text and text not in E.XKLB[:-1]:
            if text.startswith("其他"):
                if not _other_ok(text):
                    yield ctx.emit("ENUM_OTHER_DETAIL", rec, "XK_XKLB", variant="xklb")
            else:
                yield from _simple(rec, ctx, "XK_XKLB", E.XKLB, E.XKLB_VARIANTS, "普通、特许、认可、核准、登记、其他-具体类别")
        if rec.has("XK_ZT"):
            yield from _simple(rec, ctx, "XK_ZT", E.XK_ZT, E.XK_ZT_VARIANTS, "1（有效）、2（无效）")
    if ctx.prefix == "CF":
        text = rec.text("CF_CFLB")
        if not text:
            return
        _, items = cflb_buckets(text)
        for item, kind in items:
            if kind == "variant":
                yield ctx.emit("ENUM_VARIANT", rec, "CF_CFLB", variant="cflb", text=item,
                               standard=E.CFLB_VARIANTS[item])
            elif kind == "2021":
                yield ctx.emit("CFLB_2021", rec, "CF_CFLB", text=item, bucket=E.CFLB_2021[item])
            elif kind == "other":
                yield ctx.emit("ENUM_OTHER_DETAIL", rec, "CF_CFLB", variant="cflb")
            elif kind == "bad":
                yield ctx.emit("ENUM_INVALID", rec, "CF_CFLB", variant="cflb", text=item)


def _reads(ctx: SheetContext) -> list[str]:
    """Every field ``check`` reads."""
    return [ctx.k("XDR_LB"), ctx.k("XDR_ZJLX"), ctx.k("FR_ZJLX"), "XK_XKLB", "XK_ZT", "CF_CFLB"]


def columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: the enumeration cells of a row take few distinct combinations (a cell told by its
    text before normalisation and its type, all the row form and the finding read of it), factorised into
    one integer per row; each combination checked once and its findings repeated for every row that has
    it."""
    import numpy as np

    codes = [c for c in _reads(ctx) if fr.has(c)]
    if not fr.n:
        return []
    combo, first, inverse = fr.distinct_cells(codes)
    raws = [fr.raw(c) for c in codes]
    texts = [fr.text(c) for c in codes]
    found = []
    for k in first.tolist():
        rec = Record(fr.numbers[k], {c: col[k] for c, col in zip(codes, raws)})
        rec._texts = {c: col[k] for c, col in zip(codes, texts)}
        found.append(list(check(rec, ctx)))
    some = np.fromiter(map(bool, found), bool, count=len(found))
    out = []
    for k in np.flatnonzero(some[inverse]).tolist():
        row = fr.numbers[k]
        for f in found[inverse[k]]:
            f = copy(f)
            f.row = row
            out.append(f)
    return out


RULE = Rule("enumerations", CODES, row=check, columns=columns)
