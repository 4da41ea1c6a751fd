"""`sgs schema`: a JSON Schema (draft 2020-12) a platform can reject records with — required fields from the
standard, if/then by 行政相对人类别 and 处罚类别, dates as YYYY/MM/DD — checked against the example records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app
from sgs_cli.render.export import record_json
from sgs_cli.standard.models import json_schema
from sgs_cli.validation.engine import ValidateOptions, validate_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema(kind))


@pytest.mark.parametrize("kind", S.KINDS)
def test_every_schema_is_valid_draft_2020_12(kind):
    doc = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(doc)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc["$id"] == f"urn:sgs-cli:schema:{kind}:{S.BY_KIND[kind].standard}"
    assert doc["required"] == [f.name for f in S.BY_KIND[kind].fields if f.required is S.Required.ALWAYS]
    assert list(doc["properties"]) == [f.name for f in S.BY_KIND[kind].fields]
    assert not any("null" in json.dumps(p) for p in doc["properties"].values())  # nothing is nullable


def test_schema_command_output():
    r = CliRunner().invoke(app, ["schema", "penalty"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc == json_schema("penalty")
    assert doc["required"] == ["行政相对人名称", "行政相对人类别", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据",
                               "处罚类别", "处罚内容", "处罚决定日期", "处罚有效期", "处罚机关", "处罚机关统一社会信用代码",
                               "数据来源单位", "数据来源单位统一社会信用代码"]
    assert doc["properties"]["处罚决定日期"]["pattern"] == r"^[0-9]{4}/(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])$"


def _examples(name: str):
    fr = validate_file(EXAMPLES / name, ValidateOptions(today=dt.date(2019, 12, 31), keep_records=True))
    [sr] = fr.sheets
    flagged = {f.row for f in sr.findings if f.severity in ("error", "warning") and f.row != sr.header_row}
    errors = {f.row: f.code for f in sr.findings if f.severity == "error"}
    return sr, flagged, errors


@pytest.mark.parametrize("name, kind, clean", [("行政处罚台账.xlsx", "penalty", 19), ("行政许可台账.xlsx", "license", 19)])
def test_example_records_without_findings_are_accepted(name, kind, clean):
    sr, flagged, _ = _examples(name)
    v = validator(kind)
    ok = [rec for rec in sr.records if rec.row not in flagged]
    assert len(ok) == clean
    for rec in ok:
        errs = [e.message for e in v.iter_errors(record_json(rec, S.BY_KIND[kind]))]
        assert errs == [], (rec.row, errs)


def test_example_record_missing_an_always_required_field_is_rejected():
    sr, _, errors = _examples("行政许可台账.xlsx")
    assert errors[20] == "REQUIRED_MISSING"  # 许可机关 left blank
    [rec] = [r for r in sr.records if r.row == 20]
    errs = list(validator("license").iter_errors(record_json(rec, S.LICENSE)))
    assert [(e.validator, e.message) for e in errs] == [("required", "'许可机关' is a required property")]


def _base() -> dict:
    sr, flagged, _ = _examples("行政处罚台账.xlsx")
    rec = next(r for r in sr.records if r.row not in flagged and r.category == "自然人")
    return record_json(rec, S.PENALTY)


def test_conditional_requirements_by_category_and_penalty_type():
    person = _base()
    v = validator("penalty")
    assert list(v.iter_errors(person)) == []
    no_id = {k: x for k, x in person.items() if k != "证件号码"}
    assert [e.message for e in v.iter_errors(no_id)] == ["'证件号码' is a required property"]
    org = dict(person, 行政相对人类别="法人及非法人组织")
    assert sorted(e.message for e in v.iter_errors(org)) == [
        "'法定代表人' is a required property",
        "'行政相对人代码_1(统一社会信用代码)' is a required property"]
    fine = dict(person, 处罚类别="罚款")
    fine.pop("罚款金额（万元）", None)
    assert [e.message for e in v.iter_errors(fine)] == ["'罚款金额（万元）' is a required property"]
    iso = dict(person, 处罚决定日期="2019-11-05")
    assert [e.validator for e in v.iter_errors(iso)] == ["pattern"]
