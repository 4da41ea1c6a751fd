"""The files a report did not read, as the screen and 汇总 say it (reports/inputs.unread_files finds them)."""

from __future__ import annotations

from pathlib import Path

from sgs_cli.reports.inputs import UNREAD_STATUS


def unread_lines(items: list[dict]) -> list[str]:
    """"文件名：原因（部门）" per file, for 汇总 and the screen."""
    return [f"{Path(i['file']).name}：{i['reason']}" + (f"（{i['department']}）" if i["department"] else "")
            for i in items]


def unread_summary(items: list[dict], units=()) -> list[str]:
    """The lines every report prints (screen) and writes (汇总) about the files it did not read."""
    if not items:
        return []
    lines = [f"未读取的文件（{len(items)} 个）：" + "；".join(unread_lines(items))]
    if units:
        lines.append(f"{UNREAD_STATUS}的部门（不计为零报送或未报送）：" + "、".join(units))
    return lines
