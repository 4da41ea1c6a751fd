"""rules/duplicates.py — DUPLICATE_RECORD (R14); validate.py — DUPLICATE_ACROSS_FILES."""

from sgs_cli.validation.engine import ValidateOptions, validate_paths

from conftest import (IND_USCC, LICENSE_ORG, LICENSE_PERSON, PENALTY_ORG, PENALTY_PERSON, TODAY, keys, make_uscc,
                      write_sheet)

P, L = "penalty", "license"


def test_duplicate_penalty(sheet):
    findings = sheet.findings(P, [PENALTY_ORG, PENALTY_PERSON, PENALTY_ORG])
    assert keys(findings) == {("DUPLICATE_RECORD", "N4", "error")}
    [f] = findings
    assert "第2行" in f.message


def test_duplicate_license(sheet):
    findings = sheet.findings(L, [LICENSE_ORG, LICENSE_ORG])
    assert keys(findings) == {("DUPLICATE_RECORD", "O3", "error")}


def test_duplicate_natural_person_keyed_by_id_number(sheet):
    assert keys(sheet.findings(L, [LICENSE_PERSON, LICENSE_PERSON])) == {("DUPLICATE_RECORD", "O3", "error")}


def test_duplicate_ignores_spacing_in_document_number(sheet):
    again = dict(PENALTY_ORG, CF_WSH=PENALTY_ORG["CF_WSH"].replace("〔", " 〔"))
    assert keys(sheet.findings(P, [PENALTY_ORG, again])) == {("DUPLICATE_RECORD", "N3", "error")}


def test_same_document_number_other_party_is_not_duplicate(sheet):
    # one decision can name several parties (共同违法)
    other = dict(PENALTY_ORG, CF_XDR_MC="中牟县华强建材有限公司",
                 CF_XDR_SHXYM=make_uscc("91410122", "MA45F6W4"))
    assert sheet.findings(P, [PENALTY_ORG, other]) == []


def test_same_name_and_number_different_code_is_not_duplicate(sheet):
    other = dict(PENALTY_ORG, CF_XDR_LB="个体工商户", CF_XDR_SHXYM=IND_USCC)
    assert sheet.findings(P, [PENALTY_ORG, other]) == []


def test_rows_without_document_number_are_not_compared(sheet):
    rec = dict(PENALTY_ORG, CF_WSH=None)
    assert keys(sheet.findings(P, [rec, rec])) == {("REQUIRED_MISSING", "N2", "error"),
                                                   ("REQUIRED_MISSING", "N3", "error")}


def test_duplicate_across_files(tmp_path, isolated_sgs_env):
    a = write_sheet(tmp_path / "a.xlsx", P, [PENALTY_PERSON, PENALTY_ORG])
    b = write_sheet(tmp_path / "b.xlsx", P, [PENALTY_ORG])
    opts = ValidateOptions(today=TODAY, keep_records=True)
    report = validate_paths([a, b], opts)
    fa, fb = report.files
    assert keys(fa.sheets[0].findings) == {("DUPLICATE_ACROSS_FILES", "N3", "error")}
    assert keys(fb.sheets[0].findings) == {("DUPLICATE_ACROSS_FILES", "N2", "error")}
    assert "b.xlsx" in fa.sheets[0].findings[0].message
    assert "a.xlsx" in fb.sheets[0].findings[0].message


def test_no_duplicate_across_files_when_different(tmp_path, isolated_sgs_env):
    a = write_sheet(tmp_path / "a.xlsx", P, [PENALTY_PERSON])
    b = write_sheet(tmp_path / "b.xlsx", P, [PENALTY_ORG])
    report = validate_paths([a, b], ValidateOptions(today=TODAY, keep_records=True))
    assert all(s.findings == [] for f in report.files for s in f.sheets)


# ------------------------------------------------------------------ one key per decision (issue 26 part 3)

#: one real decision (issue 26): the same number in 〔〕 and in 【】, same date, same authority
HAIDIAN, HAIDIAN_B = "京工商海处字〔2018〕第1583号", "京工商海处字【2018】第1583号"


def test_one_decision_in_any_bracket_keys_once():
    from sgs_cli.standard.docno import doc_key

    spellings = [HAIDIAN, HAIDIAN_B, "京工商海处字[2018]第1583号", "京工商海处字［2018］第1583号",
                 "京工商海处字(2018)第1583号", "京工商海处字（2018）第1583号", "京工商海处字 〔２０１８〕 第1583号"]
    assert {doc_key(s) for s in spellings} == {"京工商海处字〔2018〕第1583号"}
    assert doc_key("京工商海处字〔2018〕第1584号") != doc_key(HAIDIAN)


def test_duplicate_within_a_sheet_whatever_the_brackets(sheet):
    a, b = dict(PENALTY_ORG, CF_WSH=HAIDIAN), dict(PENALTY_ORG, CF_WSH=HAIDIAN_B)
    found = sheet.findings(P, [a, PENALTY_PERSON, b])
    assert ("DUPLICATE_RECORD", "N4", "error") in keys(found)
    [f] = [f for f in found if f.code == "DUPLICATE_RECORD"]
    assert f.message == "与第2行重复（决定书文号、相对人相同）"


def test_duplicate_across_files_whatever_the_brackets(tmp_path, isolated_sgs_env):
    a = write_sheet(tmp_path / "a.xlsx", P, [dict(PENALTY_ORG, CF_WSH=HAIDIAN)])
    b = write_sheet(tmp_path / "b.xlsx", P, [dict(PENALTY_ORG, CF_WSH="京工商海处字(2018)第1583号")])
    fa, fb = validate_paths([a, b], ValidateOptions(today=TODAY)).files
    assert ("DUPLICATE_ACROSS_FILES", "N2", "error") in keys(fa.sheets[0].findings)
    assert ("DUPLICATE_ACROSS_FILES", "N2", "error") in keys(fb.sheets[0].findings)


def test_duplicate_across_sheets_of_one_workbook(tmp_path, isolated_sgs_env):
    """Not reported at all before: the same decision on two sheets of one workbook (1月, 2月)."""
    import openpyxl

    p = write_sheet(tmp_path / "ab.xlsx", P, [PENALTY_PERSON, dict(PENALTY_ORG, CF_WSH=HAIDIAN)], sheet_name="1月")
    second = write_sheet(tmp_path / "tmp.xlsx", P, [dict(PENALTY_ORG, CF_WSH=HAIDIAN_B)], sheet_name="2月")
    wb, src = openpyxl.load_workbook(p), openpyxl.load_workbook(second)
    ws = wb.create_sheet("2月")
    for row in src["2月"].iter_rows():
        for c in row:
            ws.cell(c.row, c.column, c.value).number_format = c.number_format
    wb.save(p)
    [fr] = validate_paths([p], ValidateOptions(today=TODAY)).files
    s1, s2 = fr.sheets
    [f1] = [f for f in s1.findings if f.code == "DUPLICATE_ACROSS_FILES"]
    [f2] = [f for f in s2.findings if f.code == "DUPLICATE_ACROSS_FILES"]
    assert (f1.cell, f1.message) == ("N3", "与本文件工作表“2月”第2行重复（决定书文号、相对人相同）")
    assert (f2.cell, f2.message) == ("N2", "与本文件工作表“1月”第3行重复（决定书文号、相对人相同）")


def test_ledger_duplicate_wsh_whatever_the_brackets(sheet):
    from conftest import LEDGER_ROW

    again = dict(LEDGER_ROW, XH=2, WSH=LEDGER_ROW["WSH"].replace("〔", "【").replace("〕", "】"))
    assert ("DUPLICATE_WSH", "B3", "error") in keys(sheet.findings("ledger", [LEDGER_ROW, again]))


import pytest  # noqa: E402

#: (文号, 相对人名称, 统一社会信用代码, 证件号码) of ten rows: 5 duplicates (rows 2, 5, 7, 9, 10 of each ten) the
#: first time, every keyed row (9 of 10: row 4 has no 文号) after
_KEYED = [("京罚〔2024〕1号", "甲公司", "91350100M000100Y43", ""), ("京罚〔2024〕1号 ", "甲公司", "９１３５０１００Ｍ０００１００Ｙ４３", ""),
          ("京罚〔2024〕2号", "张三", "", "110101199003070035"), ("", "甲公司", "91350100M000100Y43", ""),
          ("京罚〔2024〕2号", "张三", "", "1101 01199003070035"), ("京罚〔2024〕1号", "乙公司", "91350100M000100Y43", ""),
          ("京罚〔2024〕1号", "甲公司", "91350100M000100Y43", "x"), ("京罚〔2024〕3号", "丙", "", ""),
          ("京罚〔2024〕3号", "丙", "", ""), ("京罚〔2024〕2号", "张三", "", "110101199003070035")]


@pytest.mark.parametrize("twist", [
    {},  # every key column made of kept characters: the keys in Arrow (duplicates._arrow_chunk)
    {0: ("京罚【2024】1号", "甲公司", "91350100M000100Y43", "")},  # another bracket shape: the Python keys
    {i: _KEYED[i][:3] + (_KEYED[i][3] + "가",) for i in (2, 4, 9)},  # codes not of kept characters: compact_code
])
def test_duplicates_in_a_long_frame(sheet, twist):
    """80 rows (the key columns in Arrow from 64 rows on), the sheet runner comparing both engines: 5 + 7 × 9
    duplicates, each naming its first row."""
    keyed = [twist.get(i, k) for i, k in enumerate(_KEYED)] * 8
    rows = [dict(PENALTY_ORG, CF_WSH=w, CF_XDR_MC=mc, CF_XDR_SHXYM=u, CF_XDR_ZJHM=z) for w, mc, u, z in keyed]
    dups = [f for f in sheet.findings(P, rows) if f.code == "DUPLICATE_RECORD"]
    first = {0: 2, 1: 2, 2: 4, 4: 4, 5: 7, 6: 2, 7: 9, 8: 9, 9: 4}  # position in the ten → the key's first row
    want = [(2 + i, first[i % 10]) for i in range(80) if i % 10 != 3 and (i >= 10 or i in (1, 4, 6, 8, 9))]
    assert [(f.row, int(f.message.split("第")[1].split("行")[0])) for f in dups] == want
