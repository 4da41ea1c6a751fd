"""Validation rules, one module per family (find a rule by its file name):

* excel_damage — codes stored as numbers / scientific notation
* enumerations — 类别, 证件类型, 许可类别, 处罚类别, 当前状态
* required — R1–R4, must-be-empty, placeholders
* identifiers — USCC, 组织机构代码, 工商注册号, 身份证 check digits; 91/92 prefix; authority codes
* dates — parsing, spellings, order, future dates
* amounts — 罚款/没收 amounts, 暂扣/吊销 证照 (R6–R8)
* duplicates — the same decision twice (R14)
* privacy — ID and mobile numbers in public free text
* length — field length limits
* normalization — spaces, line breaks, full-width letters in text cells
* timeliness — 7-working-day deadline, publication period (needs the calendar)
* columns — header-level findings
* annex — the 773号 annex kinds (ledger, catalog, liaison)
"""

from sgs_cli.rules import (
    amounts,
    dates,
    duplicates,
    enumerations,
    excel_damage,
    identifiers,
    length,
    normalization,
    privacy,
    required,
)

#: record rules for licence and penalty sheets, in the order they run (excel_damage marks damaged cells,
#: dates fills rec.dates for the rules after it)
RECORD_RULES = (excel_damage.check, required.check, enumerations.check, identifiers.check, dates.check,
                amounts.check, duplicates.check, privacy.check, length.check, normalization.check)
