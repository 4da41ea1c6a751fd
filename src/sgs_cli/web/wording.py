"""The web pages speak of their own fields, not of the command line's options (issue 28 part 4).

Hints and notes come from the library, written for the person at a terminal ("用 --submit-date 指定实际报送日期",
"运行 sgs calendar 2027 --from-notice 通知.txt 补充"). A clerk using the page has fields instead: every value a
template prints passes through :func:`page_words` (the Jinja environment's ``finalize``), which turns known phrases
into the page's words (:data:`PAGE_TERMS`), then each remaining option into the name of the field that does the same
(:data:`FIELDS`), and drops a sentence that still holds a command (a server administrator's concern, such as
``pip install``). Paths and file names are left as they are: the office's own page may show where it saves.
"""

from __future__ import annotations

import re

from sgs_cli.render.official import drop_clauses

#: phrases → the page's words (applied first, in order)
PAGE_TERMS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?:通知)?(?:发布后)?运行\s*sgs calendar\s+\S+\s+--from-notice\s+\S+\s*补充"), "通知发布后在“日历”页粘贴通知补充"),
    (re.compile(r"（节假日文件中的年份优先于内置数据）"), ""),
    (re.compile(r"[，,]?\s*发布前可加\s*--provisional\s*暂定计算"), ""),
    (re.compile(r"用\s*--submit-date\s*指定实际报送日期"), "已报送的请在“报送日期”栏填写实际报送日期"),
    (re.compile(r"用\s*--submit-date\s*/\s*--today\s*指定"), "在“报送日期”或“统计日期”栏填写"),
    (re.compile(r"请用\s*--today\s*指定"), "请在“统计日期”栏填写"),
    (re.compile(r"[；;，,]?\s*--split\s*和信用办受理时"), "；信用办受理时"),
    (re.compile(r"（未填写，可用\s*--unit\s*指定）"), "（未填写，可在“填报单位”栏填写）"),
    (re.compile(r"（?sgs template (\w+)\s*(?:可)?生成(?:标准)?模板）?"), "（可在“模板”页下载标准模板）"),
]
#: an option → the field of the pages that does the same
FIELDS = {
    "--submit-date": "“报送日期”栏", "--today": "“统计日期”栏", "--month": "“统计月份”栏",
    "--roster": "“单位名单”栏", "--unit": "“填报单位”栏", "--register": "“报送登记表”栏", "--scheme": "“评分标准”栏",
    "--quarter": "“季度”栏", "--year": "“年度”栏", "--severity": "“失信程度”栏", "--due-within": "“N 个工作日内到期”栏",
    "--holidays": "“日历”页", "--ledger": "“台账或790号表格”栏", "--received": "“收到异议日期”栏",
}
_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
#: what no page may still say after that: an option without a field, a command line
_TALK = re.compile(r"(?<![\w-])--[a-z][a-z-]*|(?<![A-Za-z])(?:sgs\s+[a-z]|pip\s+install)")


def page_words(value):
    """``value`` as a page shows it (non-text values unchanged)."""
    if not isinstance(value, str) or hasattr(value, "__html__") or ("--" not in value and "sgs " not in value and "pip " not in value):
        return value
    text = value
    for pattern, words in PAGE_TERMS:
        text = pattern.sub(words, text)
    text = _OPTION.sub(lambda m: FIELDS.get(m.group(0), m.group(0)), text)
    return drop_clauses(text, _TALK) if _TALK.search(text) else text
