"""`sgs schema`: the JSON Schema of a sheet kind's records."""

from __future__ import annotations


import typer

from sgs_cli.cli.options import TemplateKind
from sgs_cli.cli.root import app
from sgs_cli.render.console import write_json


@app.command()
def schema(
    kind: TemplateKind = typer.Argument(..., help="类型：license penalty ledger catalog liaison objection register repair"),
):
    """输出某类记录的 JSON Schema（字段、类型、长度上限、枚举值），供数据平台和脚本使用。

    示例：sgs schema penalty > 行政处罚.schema.json
    """
    import json

    from sgs_cli.errors import UsageError

    if kind in (TemplateKind.monthly, TemplateKind.roster, TemplateKind.scheme):
        raise UsageError(f"{kind.value} 没有记录结构", "可选：license penalty ledger catalog liaison objection register repair")
    from sgs_cli.standard.models import json_schema

    write_json(json.dumps(json_schema(kind.value), ensure_ascii=False, indent=1) + "\n")
