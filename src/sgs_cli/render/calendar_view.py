"""`sgs calendar YEAR`: twelve month grids with holidays and 调休 make-up days marked."""

from __future__ import annotations

import calendar as _cal

from sgs_cli.calendar.workdays import KIND_HOLIDAY, KIND_MAKEUP


def render_year(cal, year: int, console) -> None:
    from rich.markup import escape

    console.print(f"[bold]{year}年工作日安排[/]  数据来源：{escape(cal.source_of(year) or '无')}")
    if cal.is_provisional(year):
        from sgs_cli.calendar.provisional import REASON

        console.print(f"[bold yellow]暂定：[/]{escape(REASON)}")
    console.print("图例：[休] 法定节假日放假  [班] 调休上班  周六、周日未标注者为休息日")
    for month in range(1, 13):
        console.print(f"\n[bold]{month}月[/]")
        console.print("  一    二    三    四    五    六    日")
        for week in _cal.Calendar().monthdayscalendar(year, month):
            cells = []
            for day in week:
                if not day:
                    cells.append("      ")
                    continue
                info = cal.day_info(f"{year}-{month:02d}-{day:02d}")
                mark = "休" if info.kind == KIND_HOLIDAY else "班" if info.kind == KIND_MAKEUP else "  "
                style = "red" if info.kind == KIND_HOLIDAY else "green" if info.kind == KIND_MAKEUP else ""
                text = f"{day:>2}{mark}"
                cells.append(f"[{style}]{text}[/]  " if style else f"{text}  ")
            console.print(" " + "".join(cells))
        names = sorted({(d.isoformat(), n) for d, n in cal.holidays_of(year) if d.month == month and n})
        if names:
            console.print("  " + "；".join(f"{d[5:]} {n}" for d, n in names))


def _zh(d) -> str:
    return f"{d.month}月{d.day}日（星期{'一二三四五六日'[d.weekday()]}）"


def render_list(cal, year: int, console) -> None:
    """Every day off and every 调休 working day of the year, grouped by holiday, for a visual check
    against the notice."""
    from rich.markup import escape

    groups: dict[str, list] = {}
    for d, n in cal.holidays_of(year):
        groups.setdefault(n or "（未注明）", []).append(d)
    work: dict[str, list] = {}
    for d, n in cal.makeup_workdays_of(year):
        work.setdefault(n or "（未注明）", []).append(d)
    console.print(f"\n[bold]{year}年放假和调休上班日期[/]")
    for name, days in groups.items():
        runs, start, prev = [], days[0], days[0]
        for d in days[1:] + [None]:
            if d is not None and (d - prev).days == 1:
                prev = d
                continue
            runs.append(_zh(start) if start == prev else f"{_zh(start)}至{_zh(prev)}")
            if d is not None:
                start = prev = d
        line = f"  {escape(name)}：放假 " + "、".join(runs) + f"，共{len(days)}天"
        if work.get(name):
            line += "；上班 " + "、".join(_zh(d) for d in work.pop(name))
        console.print(line)
    for name, days in work.items():
        console.print(f"  {escape(name)}：上班 " + "、".join(_zh(d) for d in days))
