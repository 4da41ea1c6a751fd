"""平台对账 in a workbook (the `sgs reconcile` workbook and a sheet pair of the monthly report) and on screen:
per department the categories of reports/platform_intake.py, whose parts add up to the ledger total and to the
platform total, then the list of every record that is not simply 已入库 (公示不一致 one line per field, both
values). ID numbers are masked (render/masking) and the page made official by render/paper.finish."""

from __future__ import annotations

import math

from sgs_cli.reports import platform_intake as pi

SUMMARY_SHEET, LIST_SHEET = "平台对账", "平台对账明细"


def _info(rec: pi.Reconciliation) -> str:
    month = f"统计月份 {rec.month[0]}年{rec.month[1]}月；" if rec.month else ""
    given = "平台导出：" + ("、".join(rec.platform_files) if rec.platform_files else "未提供（只能核对失败未重报）")
    fails = "失败文件：" + ("、".join(rec.failure_files) if rec.failure_files else "未提供")
    return (f"{month}统计日期 {rec.today:%Y-%m-%d}；报送后等待 {rec.wait_days} 个工作日仍未入库的计为漏报。"
            f"{given}；{fails}")


#: categories that are rare (no platform export given, a record without 文号): a column only when some record has one
_RARE = (pi.UNCHECKED, pi.NOKEY, pi.EXTRA_NOKEY)


def _shown(rec: pi.Reconciliation) -> tuple[list, list]:
    """(ledger-side, platform-only) categories shown as columns."""
    total = rec.total.counts
    keep = [c for c in pi.CATEGORIES if c.key not in _RARE or total.get(c.key)]
    return [c for c in keep if c.ledger], [c for c in keep if c.platform and not c.ledger]


def _headers(rec: pi.Reconciliation) -> list[str]:
    mine, theirs = _shown(rec)
    return ["部门", "台账记录", *[c.label for c in mine], "平台记录", *[c.label for c in theirs], pi.OUTSIDE_LABEL,
            "失败后已重报"]


def _row(rec: pi.Reconciliation, f: pi.DepartmentFigures) -> list:
    mine, theirs = _shown(rec)
    return [f.department, f.ledger, *[f.counts.get(c.key, 0) for c in mine],
            f.platform, *[f.counts.get(c.key, 0) for c in theirs], f.outside, f.resent]


def _list_rows(rec: pi.Reconciliation) -> list[list]:
    rows = []
    for i in rec.items:
        label = pi.LABEL.get(i.category, pi.OUTSIDE_LABEL) + ("（曾失败）" if i.failed_before else "")
        day = i.decided.isoformat() if i.decided else ""
        base = [label, i.department, i.wsh, i.name, day]
        if i.diffs:
            rows += [base + [name, mine, theirs, i.note, i.where, i.platform_where] for name, mine, theirs in i.diffs]
        else:
            rows.append(base + ["", "", "", i.note, i.where, i.platform_where])
    return rows


def add_sheets(wb, rec: pi.Reconciliation) -> None:
    """The sheets 平台对账 (counts per department, the 合计 row, how each category is counted) and 平台对账明细."""
    from sgs_cli.io.write import set_text
    from sgs_cli.render.monthly_workbook import _date, _display_width, _page, _styles, _table, _title

    st = _styles()
    info = _info(rec)
    ws = wb.create_sheet(SUMMARY_SHEET)
    head = _headers(rec)
    _title(ws, st, "信用平台入库对账（分部门）", len(head), info)
    rows = [_row(rec, f) for _, f in sorted(rec.departments.items())] + [_row(rec, rec.total)]
    end = _table(ws, st, 4, head, rows, [22] + [8] * (len(head) - 1))
    lines = [("计算口径", "")] + [(c.label, c.rule) for c in pi.CATEGORIES] + [
        ("台账记录", "＝" + "＋".join(c.label for c in pi.CATEGORIES if c.ledger)),
        ("平台记录", "＝" + "＋".join(c.label for c in pi.CATEGORIES if c.platform)),
        (pi.OUTSIDE_LABEL, "失败文件中有、台账中没有的记录（不计入台账记录）"),
        ("失败后已重报", "曾在失败文件中、此后已重报的记录（已计入上列各项）"), ("", "")]
    lines += [(note, "") for note in rec.notes] + [("无法读取", u) for u in rec.unreadable]
    width = 22 + 8 * (len(head) - 1)
    for n, (a, b) in enumerate(lines, start=end + 1):  # one merged line each: the table's columns keep their widths
        ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=len(head))
        text = f"{a}：{b}" if a and b else a or b
        set_text(ws.cell(n, 1), text)
        ws.cell(n, 1).alignment = st["wrap"]
        ws.row_dimensions[n].height = 15 * max(1, math.ceil(_display_width(text) / width)) + 2
    _page(ws, 4)
    ws = wb.create_sheet(LIST_SHEET)
    head = ["类别", "部门", "决定书文号", "相对人/项目名称", "决定日期", "不一致的项", "台账中的值", "平台上的值", "说明",
            "台账位置", "平台位置"]
    _title(ws, st, "信用平台入库对账明细（已入库且一致的记录不列出）", len(head), info)
    rows = [r[:4] + [_date(r[4])] + r[5:] for r in _list_rows(rec)]
    _table(ws, st, 4, head, rows, [14, 22, 24, 26, 12, 18, 22, 22, 36, 30, 30], date_cols=(5,))
    _page(ws, 4)


def summary_lines(rec: pi.Reconciliation, lists: bool = True) -> list[str]:
    """The screen's summary: one line per department and the 合计, then (``lists``) the lists; ID numbers
    masked."""
    from sgs_cli.render.masking import mask_ids

    def line(f: pi.DepartmentFigures) -> str:
        parts = "，".join(f"{c.label} {f.counts.get(c.key, 0)}" for c in pi.CATEGORIES if f.counts.get(c.key))
        extra = (f"；{pi.OUTSIDE_LABEL} {f.outside}" if f.outside else "") + (f"；失败后已重报 {f.resent}" if f.resent else "")
        return f"{f.department}：台账 {f.ledger} 条，平台 {f.platform} 条（{parts or '无记录'}）{extra}"

    out = [_info(rec)] + [line(f) for _, f in sorted(rec.departments.items())]
    if len(rec.departments) > 1:
        out.append(line(rec.total))
    for i in rec.items if lists else ():
        label = pi.LABEL.get(i.category, pi.OUTSIDE_LABEL)
        diffs = "；".join(f"{n}：台账“{a}”，平台“{b}”" for n, a, b in i.diffs)
        out.append(f"  [{label}] {i.department} {i.wsh or '（无文号）'} {i.name}"
                   + (f"：{diffs}" if diffs else "") + (f"（{i.note}）" if i.note else ""))
    out += rec.notes + [f"无法读取：{u}" for u in rec.unreadable]
    return [mask_ids(t) for t in out]
