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
