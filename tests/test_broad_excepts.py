"""Every broad ``except`` in sgs either names what it catches or says why it must be broad, and a test
reaches it (issue 30, part 7). This file reaches the ones no other test did; the inventory at the end
keeps the list honest: a new broad ``except`` without a justification comment fails it."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest

from conftest import PENALTY_ORG, keys

SRC = Path(__file__).resolve().parents[1] / "src" / "sgs_cli"


# --------------------------------------------------------------- reports/monthly.document_title (narrowed)

def _xlsx(path: Path, core: bytes | None) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        if core is not None:
            z.writestr("docProps/core.xml", core)
    return path


CORE = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title></cp:coreProperties>')


def test_document_title_reads_the_title_and_says_nothing_of_damaged_properties(tmp_path):
    from sgs_cli.reports.monthly import document_title

    assert document_title(_xlsx(tmp_path / "a.xlsx", CORE.format("中牟县市场监督管理局台账").encode())) == "中牟县市场监督管理局台账"
    assert document_title(_xlsx(tmp_path / "b.xlsx", None)) == ""  # no docProps/core.xml: KeyError
    assert document_title(_xlsx(tmp_path / "c.xlsx", b"<cp:core")) == ""  # XML cut short: ParseError
    bomb = b'<!DOCTYPE t [<!ENTITY e "x">]><t>&e;</t>'
    assert document_title(_xlsx(tmp_path / "d.xlsx", bomb)) == ""  # defusedxml refuses entities: a ValueError
    (tmp_path / "e.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    assert document_title(tmp_path / "e.xlsx") == ""  # BadZipFile
    assert document_title(tmp_path / "missing.xlsx") == ""  # OSError


def test_document_title_lets_a_programming_error_through(tmp_path, monkeypatch):
    """Narrowed: a bug (here a TypeError inside the parser) is no longer swallowed as "no title"."""
    from defusedxml import ElementTree

    from sgs_cli.reports.monthly import document_title

    def broken(text):
        raise TypeError("bug")

    monkeypatch.setattr(ElementTree, "fromstring", broken)
    with pytest.raises(TypeError):
        document_title(_xlsx(tmp_path / "a.xlsx", CORE.format("x").encode()))


# ---------------------------------------------------------------- reports/assessment.load_scheme (narrowed)

def test_a_scheme_that_is_not_toml_names_its_line(tmp_path):
    from sgs_cli.errors import UsageError
    from sgs_cli.reports.assessment import load_scheme

    p = tmp_path / "方案.toml"
    p.write_text('[[item]]\nname = "时效性"\nweight = 三十\n', encoding="utf-8")
    with pytest.raises(UsageError) as e:
        load_scheme(p)
    assert e.value.message == "评分方案“方案.toml”第3行第10列格式错误：weight = 三十"


# -------------------------------------------------- rules/timeliness: a 罚款金额 that is not an amount (narrowed)

def test_a_fine_that_is_not_an_amount_is_not_a_simple_procedure_fine(sheet):
    """minor_reason and the columnar sieve read 罚款金额 through parse_amount: a text it cannot read (a
    ValueError, now the only thing caught) is not a 简易程序 fine; amounts.py reports it."""
    rec = dict(PENALTY_ORG, CF_CFLB="罚款", CF_NR="罚款2000元", CF_NR_FK="两千元", CF_JDRQ=dt.date(2026, 4, 8),
               CF_YXQ=dt.date(2027, 4, 7), CF_GSJZQ=dt.date(2026, 7, 8))
    found = sheet.findings("penalty", [rec], today=dt.date(2026, 4, 10))
    assert keys(found, ("error", "warning", "info")) == {("AMOUNT_INVALID", "T2", "error")}
    small = dict(rec, CF_NR_FK=0.2)  # 2000 元 for an organisation: within the 3000 元 limit
    found = sheet.findings("penalty", [small], today=dt.date(2026, 4, 10))
    assert keys(found, ("info",)) == {("PUBLICATION_NOT_REQUIRED", "R2", "info")}


def test_fine_within_catches_only_what_parse_amount_raises(monkeypatch):
    from sgs_cli.rules import amounts, timeliness

    assert timeliness._fine_within("两千元", timeliness.SIMPLE_FINE_WAN_ORG) is False
    monkeypatch.setattr(amounts, "parse_amount", lambda v: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        timeliness._fine_within("0.2", timeliness.SIMPLE_FINE_WAN_ORG)


# ------------------------------------------------------ calendar/overrides.read_sheet (justified, reached)

def test_a_damaged_holidays_workbook_is_a_calendar_file_error(tmp_path):
    from sgs_cli.calendar.overrides import CalendarFileError, read_sheet

    p = tmp_path / "节假日.xlsx"
    p.write_bytes(b"PK\x03\x04 damaged")
    with pytest.raises(CalendarFileError) as e:
        read_sheet(p)
    assert e.value.reason == "无法作为 Excel 工作簿读取（BadZipFile）"
    assert e.value.exit_code == 3


# ------------------------------------------------------------------------------------------- inventory

BROAD = re.compile(r"except\s*(?:\(\s*)?(Exception|BaseException)\b[^:]*:(.*)$|except\s*:(.*)$")


def test_every_broad_except_is_justified_or_re_raises():
    """A broad except either re-raises (a cleanup: ``raise`` on its next lines) or carries a comment
    saying why it must be broad."""
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            m = BROAD.search(line.split("#", 1)[0] + ("#" + line.split("#", 1)[1] if "#" in line else ""))
            if not m or line.lstrip().startswith("#"):
                continue
            comment = line.split("#", 1)[1] if "#" in line else ""
            comment = re.sub(r"noqa:?\s*[A-Z0-9, ]*", "", comment).strip(" -")
            reraises = any(ln.strip() == "raise" for ln in lines[i + 1:i + 4])
            if not reraises and len(comment) < 12:
                bad.append(f"{path.relative_to(SRC)}:{i + 1}: {line.strip()}")
    assert bad == []
