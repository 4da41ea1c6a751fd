"""处罚内容 names the penalty its 处罚类别 says (rules/content.py): CONTENT_WITHOUT_PENALTY.

Added by following docs/architecture.md "How to add a rule", step by step."""

from conftest import PENALTY_ORG, PENALTY_PERSON, keys


def test_content_without_the_penalty(sheet):
    rec = dict(PENALTY_ORG, CF_NR="依法作出行政处罚，详见处罚决定书")  # 处罚类别 警告；罚款
    assert keys(sheet.findings("penalty", [rec])) == {("CONTENT_WITHOUT_PENALTY", "S2", "warning")}
    [f] = [f for f in sheet.findings("penalty", [rec]) if f.code == "CONTENT_WITHOUT_PENALTY"]
    assert (f.message, f.hint) == ("“处罚内容”没有写明警告、罚款", "请写明处罚结果，如“警告，并处罚款人民币2000元”")


def test_content_that_names_one_of_the_penalties_is_not_enough(sheet):
    """Issue 26 part 2 (both directions): every category must be named in 处罚内容 — naming one of two is
    CATEGORY_NOT_IN_CONTENT (rules/consistency.py), not CONTENT_WITHOUT_PENALTY (none named)."""
    assert keys(sheet.findings("penalty", [dict(PENALTY_ORG, CF_NR="警告，并处罚款2000元")])) == set()
    for text in ("罚款人民币贰仟元整", "予以警告"):
        assert keys(sheet.findings("penalty", [dict(PENALTY_ORG, CF_NR=text)])) == {
            ("CATEGORY_NOT_IN_CONTENT", "S2", "warning")}, text
    assert keys(sheet.findings("penalty", [PENALTY_PERSON])) == set()  # 警告 / 警告


def test_categories_the_rule_cannot_word_are_left_alone(sheet):
    """A 2021 category (通报批评), “其他-说明” or a variant may be worded in ways the rule cannot list."""
    for cflb, nr in (("通报批评", "全市通报"), ("其他-责令改正", "责令限期改正"), ("警告；其他-责令改正", "责令限期改正")):
        rec = dict(PENALTY_PERSON, CF_CFLB=cflb, CF_NR=nr)
        assert "CONTENT_WITHOUT_PENALTY" not in {k[0] for k in keys(sheet.findings("penalty", [rec]))}, cflb
