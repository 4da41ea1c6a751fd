"""`sgs calendar YEAR`: twelve month grids with holidays and 调休 make-up days marked."""

from __future__ import annotations

import calendar as _cal

from ..workcal import KIND_HOLIDAY, KIND_MAKEUP


def render_year(cal, year: int, console) -> None:
    from rich.markup import escape

    console.print(f"[bold]{year}年工作日安排[/]  数据来源：{escape(cal.source_of(year) or '无')}")
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
