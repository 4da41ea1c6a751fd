"""The three annex templates of 郑发改财贸〔2019〕773号.

* ledger (附件2 双公示台账): LEDGER_SEQUENCE (warning: 序号 not continuous), DUPLICATE_WSH (error),
  DATE_ORDER (error: 报送/推送 before the decision), plus REQUIRED_MISSING, DATE_INVALID, DATE_NONSTANDARD;
  timeliness in rules/timeliness.py (LATE_REPORT).
* catalog (附件1 事项目录): merged cells in data rows filled for every cell of the merge (序号 and 行政决定部门
  spanning a department's items); a blank 序号 and 部门 after a numbered row continues it; ENUM_INVALID for
  行政职权类别; LEDGER_SEQUENCE for 序号.
* liaison (附件3 联络员名单表): PHONE_INVALID, MOBILE_INVALID, EMAIL_INVALID (errors), LIAISON_EMPTY,
  LIAISON_LEAD_INCOMPLETE (errors: the first person leads the unit's credit work).
"""

from __future__ import annotations

import re

from sgs_cli.findings import ERROR, WARNING
from sgs_cli.standard import enums as E
from sgs_cli.standard.docno import doc_key
from sgs_cli.io.cells import cell_text, compact_code, is_blank
from sgs_cli.rules import dates
from sgs_cli.rules.base import Code, Rule, declare, make
from sgs_cli.rules.context import Record, SheetContext

_PHONE = re.compile(r"^(\(?0\d{2,3}\)?[-\s]?)?\d{7,8}([-转]\d{1,6})?$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")

CODES = declare("annex", {
    "LEDGER_SEQUENCE": Code(WARNING, "序号不连续", "序号不连续：应为{expected}，实际为{n}", "请检查是否漏登、重登或排序错误",
                            variants={"nan": ("序号“{text}”不是数字", "序号请填1、2、3……")}),
    "DUPLICATE_WSH": Code(ERROR, "台账：行政决定书文号重复", "行政决定书文号与第{first}行重复", "文号不得重复，请核对"),
    "PHONE_INVALID": Code(ERROR, "办公电话格式错误", "办公电话格式不正确：“{text}”", "如 0371-67177793"),
    "MOBILE_INVALID": Code(ERROR, "手机号码格式错误", "手机号码应为11位、以1开头：“{text}”", "如 13800000000"),
    "EMAIL_INVALID": Code(ERROR, "邮箱格式错误", "邮箱格式不正确：“{text}”", "如 zzcredit@163.com"),
    "LIAISON_EMPTY": Code(ERROR, "联络员名单为空", "联络员名单表没有填写任何人员", "请至少填写1名联络员（第1位为本单位总负责人）"),
    "LIAISON_LEAD_INCOMPLETE": Code(ERROR, "第1位联络员（总负责人）信息不完整",
                                    "第1位联络员为本单位信用信息工作总负责人，其信息不完整（缺{missing}）",
                                    "请补全第1位人员的单位、姓名、职务、电话、手机和邮箱"),
})


def _sequence(rec: Record, ctx: SheetContext, state: dict):
    t = rec.text("XH")
    if not t or type(rec.raw("XH")) is Continued:
        return
    try:
        n = int(float(t))
    except (ValueError, OverflowError):
        yield ctx.emit("LEDGER_SEQUENCE", rec, "XH", variant="nan", text=t)
        return
    expected = state["xh"] + 1
    if n != expected:
        yield ctx.emit("LEDGER_SEQUENCE", rec, "XH", expected=expected, n=n)
    state["xh"] = n


def _ledger(rec: Record, ctx: SheetContext, state: dict):
    """附件2: 文号 unique, dates parsed and in order, 决定类别."""
    wsh = doc_key(rec.text("WSH"))  # 〔2018〕 and 【2018】 are one decision
    if wsh:
        seen = state["wsh"]
        if wsh in seen:
            yield ctx.emit("DUPLICATE_WSH", rec, "WSH", first=seen[wsh])
        else:
            seen[wsh] = rec.row
    yield from dates.parse_all(rec, ctx)
    jd = rec.dates.get("JDRQ")
    if jd and jd > ctx.today:
        yield ctx.emit("DATE_FUTURE", rec, "JDRQ", variant="ledger", date=dates.fmt(jd), today=dates.fmt(ctx.today))
    for code, label in (("BSRQ", "向同级信用平台报送日期"), ("TSRQ", "部门网站推送日期")):
        d = rec.dates.get(code)
        if jd and d and d < jd:
            yield ctx.emit("DATE_ORDER", rec, code, variant="ledger", label=label, later=dates.fmt(d),
                           earlier=dates.fmt(jd))
    lb = rec.text("LB")
    if lb and lb not in E.ZQLB:
        yield ctx.emit("ENUM_INVALID", rec, "LB", variant="ledger", text=lb)


def _catalog(rec: Record, ctx: SheetContext, state=None):
    t = rec.text("ZQLB")
    if t and t not in E.ZQLB:
        yield ctx.emit("ENUM_INVALID", rec, "ZQLB", variant="catalog", text=t)


def _liaison(rec: Record, ctx: SheetContext, state: dict):
    checks = (("BGDH", _PHONE, "PHONE_INVALID"), ("SJ", _MOBILE, "MOBILE_INVALID"), ("YX", _EMAIL, "EMAIL_INVALID"))
    for code, rx, err in checks:
        t = rec.text(code)
        if t:
            v = t if code == "YX" else compact_code(t).replace("－", "-")
            if not rx.match(v):
                yield ctx.emit(err, rec, code, text=t)
    if state["lead"] is None:
        state["lead"] = rec.row
        missing = [ctx.fields[c].name for c in ("DWMC", "XM", "ZW", "BGDH", "SJ", "YX") if not rec.text(c)]
        if missing:
            yield ctx.emit("LIAISON_LEAD_INCOMPLETE", rec, None, missing="、".join(missing))


def _liaison_end(ctx: SheetContext, state: dict, report) -> list:
    if report.rows == 0:
        return [make("LIAISON_EMPTY", row=ctx.header_row)]
    return []


#: 序号 continuity (附件1, 附件2): the rows in order, in one process
SEQUENCE = Rule("sequence", CODES, row=_sequence, start=lambda ctx: {"xh": 0}, ordered=True)
LEDGER = Rule("ledger", CODES, row=_ledger, start=lambda ctx: {"wsh": {}}, ordered=True)
CATALOG = Rule("catalog", CODES, row=_catalog)
LIAISON = Rule("liaison", CODES, row=_liaison, start=lambda ctx: {"lead": None}, finish=_liaison_end, ordered=True)


class Continued(str):
    """The 序号 of a row that continues the item above (a 序号 merged over several rows, or a blank 序号 and
    部门 right after a numbered row): the same number, not a new one, so the sequence check skips it."""


def fill_down(raw, hm) -> list[list]:
    """附件1/附件2 data rows as the reader sees them in Excel: every merged range in the data area gives its
    value to every cell of the merge (序号 and 行政决定部门 merged over a department's items, or any other
    merged column); in the 事项目录 a blank 部门 is taken from the row above (how merged cells read in
    CSV/xls exports), and a row whose 序号 and 部门 are both blank right after a numbered row continues
    that department (the 773 annex 1 layout)."""
    rows = [list(r) for r in raw.rows]
    first = hm.first_data_row
    xh, col = hm.column_of("XH"), hm.column_of("BM")

    def put(row, c, v):
        while len(row) <= c:
            row.append("")
        row[c] = v

    for r0, c0, r1, c1 in raw.merged:
        if r1 < first or r0 >= len(rows):
            continue
        top = rows[r0]
        for c in range(c0, c1 + 1):
            v = top[c0] if c0 < len(top) else ""
            for r in range(max(r0, first), min(r1 + 1, len(rows))):
                if r == r0 and c == c0:
                    continue
                put(rows[r], c, Continued(cell_text(v)) if c == xh and r > r0 and not is_blank(v) else v)
    if hm.spec.kind != "catalog" or col is None:
        return rows
    last, last_xh = "", None
    for r in range(first, len(rows)):
        row = rows[r]
        if all(is_blank(v) for v in row):
            continue
        blank_bm = col >= len(row) or is_blank(row[col])
        blank_xh = xh is not None and (xh >= len(row) or is_blank(row[xh]))
        if blank_bm and blank_xh and last_xh is not None:  # continuation of the department above
            put(row, xh, Continued(cell_text(last_xh)))
        if not blank_bm:
            last = row[col]
        elif last:
            put(row, col, last)
        if xh is not None and xh < len(row) and not is_blank(row[xh]):
            last_xh = row[xh]
    return rows


__all__ = ["CATALOG", "CODES", "LEDGER", "LIAISON", "SEQUENCE", "fill_down", "cell_text"]
