"""R14: the same decision entered twice (文书号 + 相对人名称 + 相对人代码).

Code: DUPLICATE_RECORD (error, naming the first occurrence). The key function is shared with the
cross-file check in validate.py (DUPLICATE_ACROSS_FILES).
"""

from __future__ import annotations

from sgs_cli.io.cells import compact_code
from sgs_cli.rules.context import Record, SheetContext


def record_key(rec: Record, ctx: SheetContext) -> tuple | None:
    wsh = compact_code(rec.text(ctx.k("WSH")))
    if not wsh:
        return None
    who = rec.text(ctx.k("XDR_MC"))
    ident = compact_code(rec.text(ctx.k("XDR_SHXYM")) or rec.text(ctx.k("XDR_ZJHM")))
    return (wsh, who, ident)


def check(rec: Record, ctx: SheetContext):
    key = record_key(rec, ctx)
    if key is None:
        return
    seen = ctx.state.setdefault("dup", {})
    first = seen.get(key)
    if first is None:
        seen[key] = rec.row
        return
    yield finding(rec, ctx, first)


def finding(rec: Record, ctx: SheetContext, first: int):
    """DUPLICATE_RECORD for rec, whose decision was first entered on row ``first``."""
    return ctx.error("DUPLICATE_RECORD", rec, ctx.k("WSH"), f"与第{first}行重复（决定书文号、相对人相同）",
                     "同一决定只应报送一次，请删除重复行")
