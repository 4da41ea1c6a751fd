"""信用修复登记台账 (rules/repair.py, calendar/repair.py): exact codes, cells and dates.

Dates of 2025 cross the National Day holiday and two 调休 working days (Sunday 2025-09-28 and Saturday
2025-10-11), which count: an application of Thursday 2025-09-25 is due on its 10th working day, 2025-10-15
(09-26, 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13, 10-14, 10-15)."""

from __future__ import annotations

import datetime as dt

from conftest import ORG_USCC, PERSON_ID, SPECS, keys, write_sheet, wrong_last
from sgs_cli import standard as S
from sgs_cli.validation.engine import ValidateOptions, validate_file

D = dt.date
SPECS.setdefault("repair", S.REPAIR)
TODAY = D(2025, 11, 10)
COLS = [f.code for f in S.REPAIR.fields]


def cell(code: str, row: int) -> str:
    from sgs_cli.rules.context import column_letter

    return f"{column_letter(COLS.index(code))}{row}"


BASE = {"SQR": "中牟县鑫源商贸有限公司", "XDR_SHXYM": ORG_USCC, "WSH": "中市监罚〔2025〕31号", "CFJDRQ": D(2025, 3, 10),
        "JBBM": "中牟县市场监督管理局"}
ROWS = [
    # row 2: applied on the Thursday before National Day; decided one working day late, taken down one late
    dict(BASE, SQRQ=D(2025, 9, 25), SLRQ=D(2025, 9, 26), XFJD="准予修复", JDRQ=D(2025, 10, 16), XFJG="撤下",
         CXRQ=D(2025, 10, 22)),
    # row 3: applied before the 3 months of the penalty of 2025-03-10 had passed (2025-06-10), and granted
    dict(BASE, WSH="中市监罚〔2025〕32号", SQRQ=D(2025, 4, 1), XFJD="准予修复", JDRQ=D(2025, 4, 8), CXRQ=D(2025, 4, 9)),
    # row 4: pending since 2025-10-20: due 2025-11-03, 5 working days overdue on 2025-11-10
    dict(BASE, WSH="中市监罚〔2025〕33号", SQRQ=D(2025, 10, 20)),
    # row 5: granted on 2025-11-03, not taken down: due 2025-11-06, 2 working days overdue
    dict(BASE, WSH="中市监罚〔2025〕34号", SQRQ=D(2025, 10, 27), XFJD="准予修复", JDRQ=D(2025, 11, 3)),
    # row 6: 受理 before 申请, no code at all
    dict(BASE, WSH="中市监罚〔2025〕35号", XDR_SHXYM=None, SQRQ=D(2025, 10, 28), SLRQ=D(2025, 10, 27),
         XFJD="不予修复", JDRQ=D(2025, 10, 30)),
    # row 7: a person whose ID number has a wrong check character; refused, yet a 撤下日期 written
    dict(BASE, SQR="王建军", XDR_SHXYM=None, XDR_ZJHM=wrong_last(PERSON_ID), WSH="中市监罚〔2025〕36号",
         SQRQ=D(2025, 10, 9), XFJD="不予修复", JDRQ=D(2025, 10, 17), CXRQ=D(2025, 10, 20)),
    # row 8: everything in time (applied 2025-09-29: due 2025-10-14 over the holiday; taken down 2025-10-16)
    dict(BASE, WSH="中市监罚〔2025〕37号", SQRQ=D(2025, 9, 29), SLRQ=D(2025, 9, 30), XFJD="准予修复",
         JDRQ=D(2025, 10, 13), XFJG="撤下", CXRQ=D(2025, 10, 16)),
]


def _validate(tmp_path, rows=ROWS, today=TODAY):
    p = write_sheet(tmp_path / "信用修复登记台账.xlsx", "repair", rows)
    fr = validate_file(p, ValidateOptions(today=today))
    assert fr.error is None, fr.error
    (sr,) = fr.sheets
    assert sr.kind == "repair"
    return sr.findings


def test_codes_and_cells(tmp_path):
    found = _validate(tmp_path)
    assert keys(found) == {
        ("REPAIR_DECISION_LATE", cell("JDRQ", 2), "error"),
        ("REPAIR_TAKEDOWN_LATE", cell("CXRQ", 2), "error"),
        ("REPAIR_BEFORE_MINIMUM", cell("SQRQ", 3), "error"),
        ("REPAIR_DECISION_OVERDUE", cell("XFJD", 4), "warning"),
        ("REPAIR_TAKEDOWN_OVERDUE", cell("CXRQ", 5), "warning"),
        ("DATE_ORDER", cell("SLRQ", 6), "error"),
        ("REPAIR_ID_MISSING", cell("XDR_SHXYM", 6), "error"),
        ("IDCARD_CHECKSUM", cell("XDR_ZJHM", 7), "error"),
        ("REPAIR_DECISION_INCOMPLETE", cell("CXRQ", 7), "error"),
    }
    msg = {f.code: f.message for f in found}
    assert msg["REPAIR_DECISION_LATE"] == ("修复决定超过办理期限（申请日期2025/09/25起10个工作日，期限2025/10/15，"
                                           "实际2025/10/16，逾期1个工作日）")
    assert msg["REPAIR_TAKEDOWN_LATE"] == "撤下超过期限（决定日期2025/10/16起，期限2025/10/21，实际撤下2025/10/22，逾期1个工作日）"
    assert msg["REPAIR_BEFORE_MINIMUM"] == "申请日期2025/04/01早于最短公示期届满日2025/06/10，却准予修复"
    assert msg["REPAIR_DECISION_OVERDUE"] == "尚未作出修复决定，已超过办理期限2025/11/03，逾期5个工作日"
    assert msg["REPAIR_TAKEDOWN_OVERDUE"] == "准予修复后尚未撤下，已超过撤下期限2025/11/06，逾期2个工作日"
    assert msg["DATE_ORDER"] == "受理日期2025/10/27早于申请日期2025/10/28"


def test_facts_are_facts():
    from sgs_cli.rules.codes import is_fact

    assert [c for c in ("REPAIR_DECISION_LATE", "REPAIR_DECISION_OVERDUE", "REPAIR_TAKEDOWN_LATE",
                        "REPAIR_TAKEDOWN_OVERDUE", "REPAIR_BEFORE_MINIMUM", "REPAIR_ID_MISSING") if is_fact(c)] == \
        ["REPAIR_DECISION_LATE", "REPAIR_DECISION_OVERDUE", "REPAIR_TAKEDOWN_LATE", "REPAIR_TAKEDOWN_OVERDUE"]


def test_order_36_computes_no_processing_deadline(tmp_path):
    """Applications from 2026-04-01 fall under 令2025年第36号, whose processing days were not found: no deadline
    code, however late; the minimum period is the band of the penalty's severity (严重: 12 months)."""
    rows = [dict(BASE, WSH="中市监罚〔2026〕8号", CFJDRQ=D(2026, 4, 8), SXCD="严重", SQRQ=D(2026, 10, 9),
                 XFJD="准予修复", JDRQ=D(2026, 11, 30))]
    found = _validate(tmp_path, rows, today=D(2026, 12, 7))
    assert [(f.code, f.cell, f.message) for f in found if f.severity in ("error", "warning")] == [
        ("REPAIR_BEFORE_MINIMUM", cell("SQRQ", 2), "申请日期2026/10/09早于最短公示期届满日2027/04/08，却准予修复")]


def test_recognised_by_aliases_among_other_kinds(tmp_path):
    """A register written with the usual other spellings of its headers is still the repair kind, and the objection
    register (which shares 决定书文号 and 承办部门-like columns) is not taken for it."""
    header = {"SQR": "申请人", "XDR_SHXYM": "社会信用代码", "WSH": "行政处罚决定书文号", "CFJDRQ": "处罚决定日期",
              "XFJD": "审核结果", "CXRQ": "实际撤下日期", "JBBM": "承办部门"}
    p = write_sheet(tmp_path / "修复登记.xlsx", "repair", [ROWS[0]], header_text=header)
    fr = validate_file(p, ValidateOptions(today=TODAY))
    assert [s.kind for s in fr.sheets] == ["repair"]
    assert {f.code for f in fr.sheets[0].findings if f.severity == "error"} == {"REPAIR_DECISION_LATE",
                                                                               "REPAIR_TAKEDOWN_LATE"}


def test_template_states_the_procedure_from_its_constants():
    from sgs_cli.render.templates import build_template
    from sgs_cli.standard.repair import PROCEDURE_58

    wb = build_template("repair")
    assert wb.sheetnames == ["信用修复登记台账", "填写说明"]
    notes = "\n".join(str(c.value) for row in wb["填写说明"].iter_rows() for c in row if c.value)
    assert (f"的申请{PROCEDURE_58.decide_days}个工作日内作出决定，准予修复后{PROCEDURE_58.takedown_days}个工作日内撤下"
            in notes)
    assert "2023年5月1日至2026年3月31日作出的：最短3个月、最长36个月" in notes
    assert [c.value for c in wb["信用修复登记台账"][1]][:6] == ["序号", "申请人名称", "统一社会信用代码", "证件号码", "申请日期",
                                                            "受理日期"]


def test_decision_spellings_are_read_as_the_standard_value(tmp_path):
    """“同意” is 准予修复 written otherwise (ENUM_VARIANT), and the deadlines are those of a granted repair; an
    unknown value is ENUM_INVALID and no deadline follows from it."""
    rows = [dict(ROWS[0], XFJD="同意", XFJG="终止公示"), dict(ROWS[3], WSH="中市监罚〔2025〕39号", XFJD="研究中")]
    found = _validate(tmp_path, rows)
    assert keys(found) == {
        ("ENUM_VARIANT", cell("XFJD", 2), "warning"), ("ENUM_VARIANT", cell("XFJG", 2), "warning"),
        ("REPAIR_DECISION_LATE", cell("JDRQ", 2), "error"), ("REPAIR_TAKEDOWN_LATE", cell("CXRQ", 2), "error"),
        ("ENUM_INVALID", cell("XFJD", 3), "error"),
    }
    hint = {(f.code, f.cell): f.hint for f in found}
    assert hint[("ENUM_VARIANT", cell("XFJD", 2))] == "请改为“准予修复”"
    assert hint[("ENUM_INVALID", cell("XFJD", 3))] == "可选值：准予修复、不予修复、不予受理"


def test_shortened_period(tmp_path):
    """缩短公示期: the new end is the 新公示截止日期 and the record is due down by the later of it and the decision + 3
    working days (2025-10-31 here); without the new end the row is incomplete."""
    rows = [dict(ROWS[6], XFJG="缩短公示期", XGSJZ=D(2025, 10, 31), CXRQ=D(2025, 11, 5)),
            dict(ROWS[6], WSH="中市监罚〔2025〕40号", XFJG="缩短公示期", CXRQ=D(2025, 10, 16))]
    found = _validate(tmp_path, rows)
    assert [(f.code, f.cell, f.message) for f in found if f.severity in ("error", "warning")] == [
        ("REPAIR_TAKEDOWN_LATE", cell("CXRQ", 2),
         "撤下超过期限（决定日期2025/10/13起，期限2025/10/31，实际撤下2025/11/05，逾期3个工作日）"),
        ("REPAIR_DECISION_INCOMPLETE", cell("XGSJZ", 3), "修复结果为缩短公示期，但没有新公示截止日期"),
    ]
