"""`sgs export --public`: only the public fields in the 790 order, dates YYYY/MM/DD, records with errors held
back, and no 证件号码 / 法定代表人证件号码 value left anywhere — also not inside free text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app
from sgs_cli.codes import ric
from sgs_cli.findings import mask

from conftest import PENALTY_ORG as ORG, PENALTY_PERSON as PERSON, PERSON_ID, write_penalty

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PUBLIC = [f.name for f in S.PENALTY.fields if f.public]
CODES = [f.code for f in S.PENALTY.fields]
OTHER_ID = "410122" + "19900101" + "123"
OTHER_ID += ric.calc_check_digit(OTHER_ID)
MOBILE = "13812345678"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def cells(path: Path) -> list:
    wb = openpyxl.load_workbook(path)
    return [c.value for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


def records(path: Path, sheet: str = "行政处罚") -> list[dict]:
    ws = openpyxl.load_workbook(path)[sheet]
    head = [c.value for c in ws[2]]  # row 1 is the title
    return [dict(zip(head, (c.value for c in row))) for row in ws.iter_rows(min_row=3)]


@pytest.fixture
def examples(tmp_path):
    for name in ("行政处罚台账.xlsx", "行政许可台账.xlsx"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


def test_examples_public_fields_only_in_790_order(examples):
    out = examples / "公示.xlsx"
    r = run("export", "--public", examples / "行政处罚台账.xlsx", examples / "行政许可台账.xlsx", "-o", out,
            "--today", "2019-12-31")
    assert r.exit_code == 1, r.output  # 13 records with errors were held back
    assert "已导出公示数据：行政许可 20 条，行政处罚 22 条" in r.stdout
    assert "有错误未导出 13 条" in r.stdout
    assert "行政处罚台账.xlsx › 行政处罚 第5行 中市监罚〔2019〕1203号：C5统一社会信用代码校验位错误" in r.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["行政许可", "行政处罚"]
    assert [c.value for c in wb["行政处罚"][2]] == PUBLIC
    assert [c.value for c in wb["行政许可"][2]] == [f.name for f in S.LICENSE.fields if f.public]
    assert "证件号码" not in PUBLIC and "法定代表人证件号码" not in PUBLIC
    assert len(PUBLIC) == 28 and wb["行政处罚"].max_row == 24 and wb["行政许可"].max_row == 22
    # printed: a title, one record per row, the head and the record's first column on every page, 9 pt or more
    from sgs_cli.render.paper import print_facts

    ws = wb["行政处罚"]
    # the title merged over the first printed page's columns (A–F), not across all 28 (cut at the page boundary)
    assert ws["A1"].value == "行政处罚信息公示（共 22 条）" and "A1:F1" in {str(m) for m in ws.merged_cells.ranges}
    facts = print_facts(ws)
    assert (facts["orientation"], facts["title_rows"], facts["title_cols"]) == ("landscape", "$1:$2", "$A:$A")
    assert facts["min_pt"] >= 9 and ws.freeze_panes == "B3"


def test_examples_no_id_number_survives(examples):
    src = openpyxl.load_workbook(examples / "行政处罚台账.xlsx")["行政处罚"]
    private = {str(src.cell(r, CODES.index(code) + 1).value) for r in range(3, src.max_row + 1)
               for code in ("CF_XDR_ZJHM", "CF_FR_ZJHM") if src.cell(r, CODES.index(code) + 1).value}
    assert len(private) >= 3  # the examples do hold ID numbers
    out = examples / "公示.xlsx"
    run("export", "--public", examples / "行政处罚台账.xlsx", "-o", out, "--today", "2019-12-31", "--include-errors")
    text = "\n".join(str(v) for v in cells(out))
    for number in private:
        assert number not in text
    assert not [m for m in re.findall(r"\d{17}[\dXx]", text) if ric.is_valid(m)]
    rows = records(out)
    assert len(rows) == 30  # --include-errors: every record
    assert rows[0]["处罚决定日期"] == "2019/11/01" and rows[0]["处罚类别"] == "警告；罚款"  # full-width kept
    # the mobile number planted in 违法事实 (row 24 of the input) is masked
    sy = rows[24 - 3]["违法事实"]
    assert "*******" in sy and not re.search(r"1[3-9]\d{9}", sy)


def test_id_numbers_in_free_text_are_masked_with_a_warning(tmp_path):
    person = dict(PERSON, CF_SY=f"当事人王建军（身份证号{PERSON_ID}）无证经营。",
                  BZ=f"同案另一当事人{OTHER_ID}，联系电话{MOBILE}")
    src = write_penalty(tmp_path / "处罚.xlsx", [ORG, person])
    out = tmp_path / "公示.xlsx"
    r = run("export", "--public", src, "-o", out, "--today", "2019-11-08")
    assert r.exit_code == 1, r.output  # masked, not held back; exit 1: the source must be corrected (issue 27)
    assert "警告：行政处罚!P3「违法事实」含证件号码，导出时已打码；请同时修改原表" in r.stdout
    assert "警告：行政处罚!AD3「备注」含身份证号码，导出时已打码" in r.stdout
    assert "警告：行政处罚!AD3「备注」含手机号码，导出时已打码" in r.stdout
    rows = records(out)
    assert rows[1]["违法事实"] == f"当事人王建军（身份证号{mask(PERSON_ID)}）无证经营。"
    assert rows[1]["备注"] == f"同案另一当事人{mask(OTHER_ID)}，联系电话{mask(MOBILE)}"
    text = "\n".join(str(v) for v in cells(out))
    assert PERSON_ID not in text and OTHER_ID not in text and MOBILE not in text


def test_legal_representative_id_is_not_exported(tmp_path):
    org = dict(ORG, CF_FR_ZJLX="身份证", CF_FR_ZJHM=PERSON_ID, CF_NR=f"警告，罚款2000元（法定代表人{PERSON_ID}）")
    src = write_penalty(tmp_path / "处罚.xlsx", [org])
    out = tmp_path / "公示.xlsx"
    r = run("export", "--public", src, "-o", out, "--today", "2019-11-08", "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["exported"] == {"penalty": 1}
    assert doc["masked"] == [{"sheet": "行政处罚", "row": 2, "cell": "S2", "field_name": "处罚内容", "what": "证件号码"}]
    assert PERSON_ID not in "\n".join(str(v) for v in cells(out))
    assert records(out)[0]["法定代表人证件类型"] == "身份证"  # the type is public, the number is not


def test_records_with_errors_held_back_unless_asked(tmp_path):
    src = write_penalty(tmp_path / "处罚.xlsx", [ORG, dict(ORG, CF_WSH="中市监罚〔2019〕202号", CF_NR_FK=None)])
    out = tmp_path / "公示.xlsx"
    r = run("export", "--public", src, "-o", out, "--today", "2019-11-08")
    assert r.exit_code == 1
    assert [x["行政处罚决定书文号"] for x in records(out)] == ["中市监罚〔2019〕201号"]
    assert "第3行 中市监罚〔2019〕202号" in r.stdout
    r = run("export", "--public", src, "-o", out, "--today", "2019-11-08", "--include-errors")
    assert r.exit_code == 2 and "已存在，未覆盖" in r.stderr  # never replaced without --force
    r = run("export", "--public", src, "-o", out, "--today", "2019-11-08", "--include-errors", "--force")
    assert r.exit_code == 0
    assert [x["行政处罚决定书文号"] for x in records(out)] == ["中市监罚〔2019〕201号", "中市监罚〔2019〕202号"]


def test_text_dates_come_out_as_the_standard_spelling(tmp_path):
    src = write_penalty(tmp_path / "处罚.xlsx", [dict(ORG, CF_JDRQ="2019-11-05", CF_YXQ="2020年11月4日")])
    out = tmp_path / "公示.xlsx"
    run("export", "--public", src, "-o", out, "--today", "2019-11-08")
    rec = records(out)[0]
    assert (rec["处罚决定日期"], rec["处罚有效期"], rec["公示截止期"]) == ("2019/11/05", "2020/11/04", "2020/05/05")


def test_public_flag_is_required(tmp_path):
    src = write_penalty(tmp_path / "处罚.xlsx", [ORG])
    r = run("export", src, "-o", tmp_path / "x.xlsx")
    assert r.exit_code == 2 and "--public" in r.stderr


def test_no_licence_or_penalty_sheet(tmp_path):
    shutil.copy(EXAMPLES / "双公示台账_2019-11.xlsx", tmp_path / "台账.xlsx")
    r = run("export", "--public", tmp_path / "台账.xlsx", "-o", tmp_path / "x.xlsx", "--today", "2019-12-31")
    assert r.exit_code == 3 and "没有行政许可或行政处罚表" in r.stderr
    assert not (tmp_path / "x.xlsx").exists()
