"""Validation rules, one module per family (find a rule by its file name). Each family declares its codes
(severity, title, message template) next to its logic and implements one protocol (rules/base.py);
rules/registry.py says which families run for which sheet kind; rules/codes.py collects the codes.

* excel_damage — codes stored as numbers / scientific notation
* enumerations — 类别, 证件类型, 许可类别, 处罚类别, 当前状态
* required — R1–R4, must-be-empty, placeholders
* identifiers — USCC, 组织机构代码, 工商注册号, 身份证 check digits; 91/92 prefix; authority codes
* dates — parsing, spellings, order, future dates
* amounts — 罚款/没收 amounts, 暂扣/吊销 证照 (R6–R8)
* duplicates — the same decision twice (R14), in a sheet and across files
* privacy — ID and mobile numbers in public free text
* length — field length limits
* normalization — spaces, line breaks, full-width letters in text cells
* timeliness — 7-working-day deadline, publication period (needs the calendar)
* legacy — 2015-layout status values that need review
* columns — header-level findings; sheets — hidden and unrecognised sheets; cells — formulas without a
  value, error cells
* annex — the 773号 annex kinds (ledger, catalog, liaison); objection — 异议登记台账; register — 报送登记表;
  repair — 信用修复登记台账
"""
