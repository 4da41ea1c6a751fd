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

from sgs_cli.findings import ERROR, Finding
from sgs_cli.standard import enums as E
from sgs_cli.io.cells import cell_text, compact_code, is_blank
from sgs_cli.rules import dates, objection, register, required
from sgs_cli.rules.context import Record, SheetContext

_PHONE = re.compile(r"^(\(?0\d{2,3}\)?[-\s]?)?\d{7,8}([-转]\d{1,6})?$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def _sequence(rec: Record, ctx: SheetContext):
    t = rec.text("XH")
    if not t or type(rec.raw("XH")) is Continued:
        return
    try:
        n = int(float(t))
    except (ValueError, OverflowError):
        yield ctx.warning("LEDGER_SEQUENCE", rec, "XH", f"序号“{t}”不是数字", "序号请填1、2、3……")
        return
    expected = ctx.state.get("xh", 0) + 1
    if n != expected:
        yield ctx.warning("LEDGER_SEQUENCE", rec, "XH", f"序号不连续：应为{expected}，实际为{n}",
                          "请检查是否漏登、重登或排序错误")
    ctx.state["xh"] = n


def _ledger_wsh(rec: Record, ctx: SheetContext):
    wsh = compact_code(rec.text("WSH"))
    if not wsh:
        return
    seen = ctx.state.setdefault("wsh", {})
    if wsh in seen:
        yield ctx.error("DUPLICATE_WSH", rec, "WSH", f"行政决定书文号与第{seen[wsh]}行重复", "文号不得重复，请核对")
    else:
        seen[wsh] = rec.row


def _ledger_dates(rec: Record, ctx: SheetContext):
    yield from dates.parse_all(rec, ctx)
    jd = rec.dates.get("JDRQ")
    if jd and jd > ctx.today:
        yield ctx.error("DATE_FUTURE", rec, "JDRQ", f"行政决定日期{dates.fmt(jd)}晚于今天（{dates.fmt(ctx.today)}）",
                        "请核对决定日期；如需按其他日期校验，请用 --today 指定")
    for code, label in (("BSRQ", "向同级信用平台报送日期"), ("TSRQ", "部门网站推送日期")):
        d = rec.dates.get(code)
        if jd and d and d < jd:
            yield ctx.error("DATE_ORDER", rec, code, f"{label}{dates.fmt(d)}早于行政决定日期{dates.fmt(jd)}",
                            "报送、推送不能早于作出决定")
    lb = rec.text("LB")
    if lb and lb not in E.ZQLB:
        yield ctx.error("ENUM_INVALID", rec, "LB", f"决定类别“{lb}”应为“行政许可”或“行政处罚”", "请改为行政许可或行政处罚")


def _catalog(rec: Record, ctx: SheetContext):
    t = rec.text("ZQLB")
    if t and t not in E.ZQLB:
        yield ctx.error("ENUM_INVALID", rec, "ZQLB", f"行政职权类别“{t}”应为“行政许可”或“行政处罚”",
                        "双公示事项目录只列行政许可和行政处罚")


def _liaison(rec: Record, ctx: SheetContext):
    checks = (("BGDH", _PHONE, "PHONE_INVALID", "办公电话格式不正确", "如 0371-67177793"),
              ("SJ", _MOBILE, "MOBILE_INVALID", "手机号码应为11位、以1开头", "如 13800000000"),
              ("YX", _EMAIL, "EMAIL_INVALID", "邮箱格式不正确", "如 zzcredit@163.com"))
    for code, rx, err, msg, hint in checks:
        t = rec.text(code)
        if t:
            v = t if code == "YX" else compact_code(t).replace("－", "-")
            if not rx.match(v):
                yield ctx.error(err, rec, code, f"{msg}：“{t}”", hint)
    if "lead" not in ctx.state:
        ctx.state["lead"] = rec.row
        missing = [ctx.fields[c].name for c in ("DWMC", "XM", "ZW", "BGDH", "SJ", "YX") if not rec.text(c)]
        if missing:
            yield ctx.error("LIAISON_LEAD_INCOMPLETE", rec, None,
                            f"第1位联络员为本单位信用信息工作总负责人，其信息不完整（缺{'、'.join(missing)}）",
                            "请补全第1位人员的单位、姓名、职务、电话、手机和邮箱")


RECORD_RULES = {
    "ledger": (required.check, _sequence, _ledger_wsh, _ledger_dates),
    "catalog": (required.check, _sequence, _catalog),
    "liaison": (required.check, _liaison),
    "objection": objection.RECORD_RULES,  # 异议登记台账 (rules/objection.py)
    "register": register.RECORD_RULES,  # 报送登记表 (rules/register.py)
}


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


def sheet_end(ctx: SheetContext, report) -> list[Finding]:
    if ctx.spec.kind == "liaison" and report.rows == 0:
        return [Finding(ERROR, "LIAISON_EMPTY", "联络员名单表没有填写任何人员", row=ctx.header_row,
                        hint="请至少填写1名联络员（第1位为本单位总负责人）")]
    return []


__all__ = ["RECORD_RULES", "fill_down", "sheet_end", "cell_text"]
