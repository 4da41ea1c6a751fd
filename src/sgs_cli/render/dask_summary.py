"""The screen summary of `sgs validate --dask`: counts per rule and per column and the first findings,
read back from the findings dataset (the client never holds every finding)."""

from __future__ import annotations

from sgs_cli.findings import SEVERITY_LABEL, Severity

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_summary(s, console, show_first: int = 20) -> None:
    """``s``: validation.distributed.DistributedSummary."""
    from rich.markup import escape

    console.print(f"[bold]{escape(s.path)}[/]  （数据集：{s.parts} 个分片文件，{s.partitions} 个分区，"
                  f"{s.workers} 个 Dask 工作进程，用时 {s.seconds:.1f} 秒）")
    console.print(f"共 {s.rows:,} 行数据：[bold red]{s.errors:,} 个错误[/]，[yellow]{s.warnings:,} 个警告[/]，"
                  f"{s.infos:,} 条提示")
    if s.by_code:
        console.print("按规则统计：")
        for sev, code, n in s.by_code:
            label = SEVERITY_LABEL.get(Severity(sev), sev) if sev in ("error", "warning", "info") else sev
            console.print(f"  [{_STYLE.get(sev, '')}]{label}[/] {code}：{n:,} 条")
    if s.by_column:
        console.print("按列统计（前20项）：")
        for col, name, code, n in s.by_column[:20]:
            console.print(f"  {escape(str(col))}列「{escape(str(name or ''))}」{code}：{n:,} 条")
    if s.first:
        console.print(f"前{min(show_first, len(s.first))}条错误和警告：")
        for f in s.first[:show_first]:
            place = f"{f['part']}!{f['cell']}" if f.get("cell") else f"{f['part']}!第{f['row']}行"
            if f.get("field_name"):
                place += f"「{f['field_name']}」"
            msg = f["message"]
            if f.get("value") not in (None, "") and f.get("column"):
                msg += f"（值：{f['value']}）"
            label = SEVERITY_LABEL.get(Severity(f["severity"]), f["severity"])
            console.print(f"  [{_STYLE.get(f['severity'], '')}]{label}[/] {escape(place)} {escape(msg)} "
                          f"[dim]{f['code']}[/]")
    console.print(f"全部问题已写入：{escape(s.findings_out)}（Parquet 数据集，可用 pandas / Dask / DuckDB 读取）",
                  markup=True)
