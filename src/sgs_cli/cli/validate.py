"""`sgs validate`: check ledgers against the standard; table, JSON, CSV, receipt, pass/return files."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from sgs_cli.calendar.options import parse_date_option
from sgs_cli.standard.limits import PUSH_DAYS
from sgs_cli.cli.options import DataFormat, Kind
from sgs_cli.cli.root import app
from sgs_cli.render.console import plain


@app.command()
def validate(
    paths: List[Path] = typer.Argument(..., help="要校验的文件或文件夹（.xlsx .xlsm .xls .csv）", show_default=False),
    kind: Kind = typer.Option(Kind.auto, "--kind", help="表格类型；auto 为按表头自动识别"),
    fmt: DataFormat = typer.Option(DataFormat.table, "--format",
                                   help="输出格式：table（表格）、json 或 csv（每条问题一行，UTF-8 带 BOM，Excel 可直接打开）"),
    report: Optional[Path] = typer.Option(None, "--report", help="生成 Excel 错误回执（标出错误单元格）"),
    today: Optional[str] = typer.Option(None, "--today", help="视为“今天”的日期 YYYY-MM-DD（默认今天）"),
    submit_date: Optional[str] = typer.Option(None, "--submit-date",
                                              help=f"报送日期 YYYY-MM-DD，用于提示已超过{PUSH_DAYS}个工作日的记录（默认今天）"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
    show_sensitive: bool = typer.Option(False, "--show-sensitive", help="显示完整证件号码（默认打码）"),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="同时显示“提示”级别的结果"),
    severity: Optional[str] = typer.Option(None, "--severity", help="行政处罚没有“失信严重程度”列或未填写时按此核对公示期限："
                                           "轻微、一般、严重（默认一般）"),
    split: Optional[Path] = typer.Option(None, "--split", help="按校验结果拆分到该文件夹：每个输入生成"
                                         "“通过_文件名.xlsx”（可直接上报）和“退回_文件名.xlsx”（标出错误，退回修改）"),
    strict: bool = typer.Option(False, "--strict", help="与 --split 合用：有警告的记录也退回（默认只退回有错误的记录）"),
    force: bool = typer.Option(False, "--force", help="输出文件（错误回执、通过/退回文件）已存在时覆盖（默认不覆盖）"),
    dask: bool = typer.Option(False, "--dask", help="在 Dask 集群上校验 Parquet / CSV 数据集（需 pip install 'sgs-cli[dask]'）；"
                              "不给 --scheduler 时在本机各核上启动本地集群"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="与 --dask 合用：Dask 调度器地址，如 tcp://10.0.0.5:8786"),
    findings_out: Optional[Path] = typer.Option(None, "--findings-out",
                                                help="与 --dask 合用：全部问题写入此文件夹（分片 Parquet 数据集），屏幕只显示统计和前20条"),
):
    """校验双公示表格：790号行政许可/行政处罚表、2015年旧标准表、台账、事项目录、联络员名单。

    逐个单元格检查必填项、代码校验位、日期、金额、枚举值、重复记录等，问题用中文指出到单元格。

    --split 按773号数据校验机制拆分：通过的记录可直接上报，有错误的记录连同错误原因、修改建议退回部门。

    退出码：0 无错误；1 发现错误；2 用法错误；3 文件无法读取；4 缺少节假日数据。

    示例：sgs validate 行政处罚台账.xlsx --report 错误回执.xlsx

    示例：sgs validate 各部门/ --split 拆分结果/

    Parquet 文件、由 Parquet 或 CSV 分片文件（part-00000.parquet …）组成的文件夹按一个数据集校验，
    问题按“分片文件 + 文件内行号”（列名为第1行）指出。数据量很大时可在 Dask 集群上校验：

    示例：sgs validate 全省处罚数据/ --dask --findings-out 问题清单/
    """
    from sgs_cli.validation import engine
    from sgs_cli.render import json_out
    from sgs_cli.render.console import make_console

    opts = engine.ValidateOptions(kind=kind.value, holidays=str(holidays) if holidays else None, provisional=provisional)
    opts.today = parse_date_option(today, "--today") or opts.today
    opts.submit_date = parse_date_option(submit_date, "--submit-date")
    opts.keep_records = split is not None  # the split needs to know which rows are records
    if severity is not None:  # the reports' modules only when the option is given
        from sgs_cli.reports.reminders import check_severity

        opts.severity = check_severity(severity)
    else:
        opts.severity = None
    if strict and split is None:
        from sgs_cli.errors import UsageError

        raise UsageError("--strict 只能与 --split 一起使用", "示例：sgs validate 台账.xlsx --split 拆分结果/ --strict")
    if force and split is None and report is None and findings_out is None:
        from sgs_cli.errors import UsageError

        raise UsageError("--force 只能与 --report 或 --split 一起使用（覆盖已存在的输出文件）",
                         "示例：sgs validate 台账.xlsx --report 错误回执.xlsx --force")
    from sgs_cli.cli.progress import progress_for

    if (report is not None or split is not None) and not (dask or scheduler or findings_out):
        from sgs_cli.io.dataset import dataset_parts

        if any(dataset_parts(p) is not None for p in paths):
            from sgs_cli.errors import UsageError

            raise UsageError("--report 和 --split 用于 Excel / CSV 台账，不用于 Parquet 或分片数据集",
                             "数据集的全部问题可用 --format csv 导出，或加 --dask --findings-out 文件夹写成 Parquet")
    if dask or scheduler or findings_out:
        from sgs_cli.cli.dask_run import run_dask

        raise typer.Exit(run_dask(paths, opts, scheduler=scheduler, findings_out=findings_out, json=fmt is DataFormat.json,
                                  csv=fmt is DataFormat.csv, show_sensitive=show_sensitive, force=force,
                                  unsupported={"--report": report, "--split": split}))

    if fmt is DataFormat.table:  # rich's console is imported while the reader child reads (io/contain.meanwhile)
        from sgs_cli.io import contain

        contain.meanwhile(_import_console)
    with progress_for(True) as progress:
        result = engine.validate_paths([str(p) for p in paths], opts, progress)
    written = []
    if report is not None:
        from sgs_cli.render.receipt import write_receipt

        written = write_receipt(result, report, show_sensitive, force=force)
    splits = []
    if split is not None:
        from sgs_cli.render.split import split_report

        splits = split_report(result, split, strict=strict, force=force, show_sensitive=show_sensitive)
    if fmt is DataFormat.json:
        extra = {"split": [s.to_dict() for s in splits]} if split is not None else None
        import sys

        json_out.write_stream(result, sys.stdout, show_sensitive, extra)
    elif fmt is DataFormat.csv:
        from sgs_cli.render.csv_out import findings_rows, write_csv

        write_csv(findings_rows(result, show_sensitive))
    else:
        from sgs_cli.render import terminal  # after the read: it imports the rules (parallel.import_rules)

        con = make_console(mask=not show_sensitive)
        terminal.render(result, con, verbose=verbose, show_sensitive=show_sensitive)
        for path in written:
            plain(con, f"错误回执已写入：{path}")
        if report is not None and not written:
            con.print("没有可读取的表格，未生成错误回执")
        for s in splits:
            con.print(split_line(s, strict))
    raise typer.Exit(result.exit_code())


def _import_console() -> None:
    import rich.console  # noqa: F401


def split_line(s, strict: bool) -> str:
    from pathlib import Path as _P

    name = _P(s.path).name
    if s.skipped:
        return f"{name}：未拆分（{s.skipped}）"
    why = "有错误或警告" if strict else "有错误"
    facts = f"；{s.facts} 条有迟报等时效情况（事实，不因此退回，见退回文件汇总）" if s.facts else ""
    return (f"{name}：共 {s.passed + s.returned} 条，通过 {s.passed} 条 → {s.pass_path}；"
            f"退回 {s.returned} 条（{why}，需要修改数据）→ {s.return_path}{facts}")
