"""应归尽归 (reports/catalog_match.py) on paper and on screen: the rows of the 应归尽归 sheets (per-department counts;
in 应归尽归明细 the decisions matching no catalogue item with the nearest items, the items without a decision in the period,
the departments without a catalogue) — the sheet itself is made by render/monthly_workbook.catalog_sheet, in the
monthly report or alone (`sgs reconcile -o`) — and the screen summary."""

from __future__ import annotations

from sgs_cli.reports.catalog_match import SCORE_TEXT, CatalogReport

SHEET, DETAIL_SHEET = "应归尽归", "应归尽归明细"
COUNT_HEADERS = ["部门", "事项目录", "目录事项", "本月有决定的事项", "本月无决定的事项", "决定总数", "匹配目录事项",
                 "未匹配目录事项", "无事项目录"]
DETAIL_HEADERS = ["类别", "部门", "职权类别", "决定书文号", "项目/案件名称或目录事项", "决定日期",
                  "最接近的目录事项（相似度）/ 说明", "位置"]
UNUSED_NOTE = "本期没有该事项的决定：请向部门了解是否确无此类决定（情况说明，不是部门的错误）"
NO_CATALOGUE_NOTE = "部门有决定但未提供事项目录，无法比对"


def hint_text(item: dict) -> str:
    """The hints of an unmatched decision on one line: "食品经营许可（0.67）；…"."""
    return "；".join(f"{h['item']}（{h['score']:.2f}）" for h in item["hints"]) or "目录中没有同类事项"


def intro(rep: CatalogReport) -> str:
    return f"决定总数 = 匹配目录事项 + 未匹配目录事项 + 无事项目录；目录事项 = 本月有决定 + 本月无决定。{SCORE_TEXT}。"


def count_rows(rep: CatalogReport) -> list[list]:
    rows = [[d.name, d.catalogue or "（无）", len(d.items), d.used_items, d.unused_items, d.decisions, d.matched,
             d.unmatched, d.no_catalogue] for d in rep.departments]
    rows.append(["合计", "", sum(len(d.items) for d in rep.departments), rep.total("used_items"),
                 rep.total("unused_items"), rep.total("decisions"), rep.total("matched"), rep.total("unmatched"),
                 rep.total("no_catalogue")])
    return rows


def detail_rows(rep: CatalogReport) -> list[list]:
    rows = [["未匹配目录事项的决定", i["department"], i["kind"], i["wsh"], i["title"], i["decision_date"],
             hint_text(i), i["where"]] for i in rep.unmatched]
    rows += [["本期无决定的目录事项", i["department"], i["kind"], "", i["item"], "", UNUSED_NOTE, i["where"]]
             for i in rep.unused]
    rows += [["无事项目录的部门", d, "", "", "", "", NO_CATALOGUE_NOTE, ""] for d in rep.no_catalogue]
    return rows


def summary_lines(rep: CatalogReport) -> list[str]:
    """The screen summary of `sgs reconcile --catalog`."""
    out = [f"应归尽归（{rep.period}）：决定 {rep.total('decisions')} 条，匹配目录事项 {rep.total('matched')} 条，"
           f"未匹配 {rep.total('unmatched')} 条，无事项目录 {rep.total('no_catalogue')} 条；"
           f"目录事项 {sum(len(d.items) for d in rep.departments)} 项，本月无决定 {rep.total('unused_items')} 项",
           SCORE_TEXT]
    for d in rep.departments:
        if d.catalogue is None:
            out.append(f"  {d.name}：决定 {d.decisions} 条，未提供事项目录")
        else:
            out.append(f"  {d.name}：决定 {d.decisions} 条（匹配 {d.matched}，未匹配 {d.unmatched}）；"
                       f"目录事项 {len(d.items)} 项（本月有决定 {d.used_items}，无决定 {d.unused_items}）")
    if rep.unmatched:
        out.append("未匹配目录事项的决定（最接近的目录事项及相似度）：")
        out += [f"  {i['department']} {i['wsh']}“{i['title']}” {i['where']} → {hint_text(i)}" for i in rep.unmatched]
    if rep.unused:
        out.append("本期无决定的目录事项（情况说明，不是部门的错误）：")
        out += [f"  {i['department']} {i['kind']}“{i['item']}”" for i in rep.unused]
    if rep.no_catalogue:
        out.append("有决定但未提供事项目录的部门：" + "、".join(rep.no_catalogue))
    return out
