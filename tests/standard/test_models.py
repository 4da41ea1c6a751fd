"""The pydantic record models are derived from the field declarations."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app
from sgs_cli.standard.models import json_schema, model_for


@pytest.mark.parametrize("kind", S.KINDS)
def test_model_fields_follow_the_declaration(kind):
    model = model_for(kind)
    spec = S.BY_KIND[kind]
    assert list(model.model_fields) == [f.code for f in spec.fields]
    assert [m.alias for m in model.model_fields.values()] == [f.name for f in spec.fields]


def test_penalty_model_types_and_limits():
    m = model_for("penalty")
    rec = m.model_validate({"行政相对人名称": " 中牟县某某商贸有限公司 ", "处罚决定日期": "2019-11-05", "罚款金额（万元）": "0.2",
                            "行政相对人类别": "法人及非法人组织"})
    assert rec.CF_XDR_MC == "中牟县某某商贸有限公司"
    assert rec.CF_JDRQ == dt.date(2019, 11, 5)
    assert rec.CF_NR_FK == Decimal("0.2")
    with pytest.raises(ValidationError):  # confirmed limit: 200 characters
        m.model_validate({"行政相对人名称": "甲" * 201})
    with pytest.raises(ValidationError):  # closed enumeration
        m.model_validate({"行政相对人类别": "法人"})
    with pytest.raises(ValidationError):  # at most 6 decimals
        m.model_validate({"罚款金额（万元）": "0.1234567"})


def test_schema_command_prints_the_json_schema():
    result = CliRunner().invoke(app, ["schema", "license"])
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc == json_schema("license")
    assert doc["properties"]["当前状态"]["enum"] == ["1", "2"]
    assert doc["properties"]["许可机关统一社会信用代码"]["pattern"] == "^[0-9A-HJ-NPQRTUWXY]{18}$"
