"""`sgs validate --dask`: parse what the options ask, open the cluster, call the library, render."""

from __future__ import annotations

import sys
from pathlib import Path

from sgs_cli.errors import UsageError


def run_dask(paths, opts, scheduler=None, findings_out=None, json: bool = False, csv: bool = False,
             show_sensitive: bool = False, force: bool = False, unsupported=None) -> int:
    """Validate one dataset on Dask; returns the exit code (0 no error, 1 errors found)."""
    example = "示例：sgs validate 全省处罚数据/ --dask --findings-out 问题清单/"
    for name, value in (unsupported or {}).items():
        if value is not None:
            raise UsageError(f"{name} 不能与 --dask 一起使用（数据量大时问题写入 --findings-out 文件夹）", example)
    if csv:
        raise UsageError("--dask 不支持 --format csv：全部问题写入 --findings-out 的 Parquet 数据集", example)
    if findings_out is None:
        raise UsageError("--dask 需要 --findings-out 文件夹：全部问题写入该文件夹（Parquet 数据集）", example)
    if len(paths) != 1:
        raise UsageError("--dask 一次校验一个数据集（一个 Parquet / CSV 文件或一个分片文件夹）", example)
    from sgs_cli.cli.progress import progress_for
    from sgs_cli.errors import InputError, SgsError
    from sgs_cli.render.console import make_console, write_json
    from sgs_cli.validation import distributed

    distributed.prepare(paths[0], findings_out, opts, force)  # refusals before a cluster is started
    client, cluster = distributed.open_client(scheduler)
    try:
        with progress_for(True) as progress:
            tick = progress(Path(paths[0])) if progress else None
            try:
                summary = distributed.validate_distributed(paths[0], findings_out, opts, client=client,
                                                           show_sensitive=show_sensitive, force=force, progress=tick)
            except (SgsError, KeyboardInterrupt):
                raise
            except Exception as e:  # noqa: BLE001 - a worker lost, the cluster gone: a message, not a traceback
                raise InputError(f"在 Dask 集群上校验失败：{type(e).__name__}: {e}",
                                 "请查看调度器和工作进程的日志；也可以先不加 --dask 在本机校验") from None
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if json:
        import json as _json

        write_json(_json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n", sys.stdout)
    else:
        from sgs_cli.render.dask_summary import render_summary

        render_summary(summary, make_console(mask=not show_sensitive))
    return summary.exit_code()
