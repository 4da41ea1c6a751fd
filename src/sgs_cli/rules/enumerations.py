"""Enumerations: 行政相对人类别, 证件类型, 许可类别, 处罚类别 (790 and the 2021 statutory list), 当前状态.

Codes: ENUM_INVALID (error), ENUM_VARIANT (warning: a recognised non-standard spelling),
ENUM_OTHER_DETAIL (error: “其他” without the concrete category), CFLB_2021 (info).
"""

from __future__ import annotations


from sgs_cli.standard import enums as E
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.standard.categories import _other_ok, cflb_buckets

def _simple(rec, ctx, code, canon, variants, label_hint):
    text = rec.text(code)
    if not text or text in canon:
        return
    f = ctx.fields[code]
    if text in variants:
        yield ctx.warning("ENUM_VARIANT", rec, code, f"“{f.name}”的值“{text}”不是标准写法",
                          f"请改为“{variants[text]}”")
    else:
        yield ctx.error("ENUM_INVALID", rec, code, f"“{f.name}”的值“{text}”不在允许范围内", f"可选值：{label_hint}")


def check(rec: Record, ctx: SheetContext):
    lb = ctx.k("XDR_LB")
    if rec.has(lb):
        yield from _simple(rec, ctx, lb, E.XDR_LB, E.XDR_LB_VARIANTS, "、".join(E.XDR_LB))
    for code in (ctx.k("XDR_ZJLX"), ctx.k("FR_ZJLX")):
        text = rec.text(code)
        if not text or text in E.ZJLX:
            continue
        if text.startswith("其他"):
            if not _other_ok(text):
                yield ctx.error("ENUM_OTHER_DETAIL", rec, code, "证件类型为“其他”时须注明具体证件",
                                "请写成“其他-证件名称”，如“其他-军官证”")
            continue
        yield from _simple(rec, ctx, code, E.ZJLX, E.ZJLX_VARIANTS, "、".join(E.ZJLX) + "，或“其他-证件名称”")
    if ctx.prefix == "XK":
        text = rec.text("XK_XKLB")
        if text and text not in E.XKLB[:-1]:
            if text.startswith("其他"):
                if not _other_ok(text):
                    yield ctx.error("ENUM_OTHER_DETAIL", rec, "XK_XKLB", "许可类别为“其他”时须注明具体类别",
                                    "请写成“其他-具体类别”，如“其他-备案”")
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
                yield ctx.warning("ENUM_VARIANT", rec, "CF_CFLB", f"处罚类别“{item}”不是790标准写法",
                                  f"请改为“{E.CFLB_VARIANTS[item]}”")
            elif kind == "2021":
                yield ctx.info("CFLB_2021", rec, "CF_CFLB", f"处罚类别“{item}”为《行政处罚法》(2021)第九条的种类",
                               f"按790标准归入“{E.CFLB_2021[item]}”校验；请确认信用平台是否接受")
            elif kind == "other":
                yield ctx.error("ENUM_OTHER_DETAIL", rec, "CF_CFLB", "处罚类别为“其他”时须注明具体类别",
                                "请写成“其他-具体处罚”，如“其他-责令改正”")
            elif kind == "bad":
                yield ctx.error("ENUM_INVALID", rec, "CF_CFLB", f"处罚类别“{item}”不在允许范围内",
                                "可选：警告；罚款；没收违法所得、没收非法财物；责令停产停业；"
                                "暂扣或者吊销许可证、暂扣或者吊销执照；行政拘留；其他-说明（多个用“；”分隔）")
