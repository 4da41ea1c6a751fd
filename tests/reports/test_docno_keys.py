"""One key per decision in the reports (issue 26 part 3, issue 25 part 6): a 文号 written 〔2018〕 in one file and
【2018】 in another is one decision — counted once in monthly-report, matched with its ledger row, and the
same key in the version choice of the quarter."""

import datetime as dt

from sgs_cli.render.monthly_text import month_notes
from sgs_cli.reports import monthly

from conftest import LEDGER_ROW, PENALTY_ORG, write_sheet

D = dt.date
A, B = "京工商海处字〔2018〕第1583号", "京工商海处字【2018】第1583号"


def test_monthly_report_counts_one_decision_once(tmp_path, isolated_sgs_env):
    rec = dict(PENALTY_ORG, CF_JDRQ=D(2019, 11, 5))
    a = write_sheet(tmp_path / "海淀分局1.xlsx", "penalty", [dict(rec, CF_WSH=A)])
    b = write_sheet(tmp_path / "海淀分局2.xlsx", "penalty", [dict(rec, CF_WSH=B)])
    rep = monthly.build((2019, 11), [a, b], today=D(2019, 12, 2))
    # one department's two tables with the same 文号 (by its key) are two versions of one table
    # (reports/submissions.choose): the later one is used, so the decision is counted once and is no 重复
    assert (rep.total.records, rep.total.penalty, rep.total.duplicates) == (1, 1, 0)
    notes = month_notes(rep)
    assert notes[0].startswith("中牟县市场监督管理局的行政处罚表有 2 个版本") and "未使用：海淀分局" in notes[0]


def test_ledger_row_matches_the_790_record_in_other_brackets(tmp_path, isolated_sgs_env):
    """The 790 record spelled 【】 takes the 报送日期 of its 附件2 row spelled 〔〕: one decision, 按时."""
    rec = dict(PENALTY_ORG, CF_WSH=B, CF_JDRQ=D(2019, 11, 4))
    p = write_sheet(tmp_path / "处罚.xlsx", "penalty", [rec])
    led = dict(LEDGER_ROW, WSH=A, JDRQ=D(2019, 11, 4), BSRQ=D(2019, 11, 6), TSRQ=D(2019, 11, 6),
               BM=PENALTY_ORG["CF_CFJG"])
    q = write_sheet(tmp_path / "台账.xlsx", "ledger", [led])
    rep = monthly.build((2019, 11), [p, q], today=D(2019, 12, 2))
    from sgs_cli.reports import decisions

    t = rep.total
    assert (t.records, t.count(decisions.ON_TIME), t.count(decisions.NO_REPORT_DATE), t.duplicates) == (1, 1, 0, 0)
