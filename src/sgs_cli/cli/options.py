"""Choices and helpers shared by the commands: sheet kinds, output formats, the calendar of a run."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional


class Kind(str, Enum):
    auto = "auto"
    license = "license"
    penalty = "penalty"
    ledger = "ledger"
    catalog = "catalog"
    liaison = "liaison"
    objection = "objection"
    register = "register"


class Format(str, Enum):
    table = "table"
    json = "json"


class DataFormat(str, Enum):
    """Formats of a command whose result is a list of rows (findings, deadlines): CSV as well."""
    table = "table"
    json = "json"
    csv = "csv"


class TemplateKind(str, Enum):
    license = "license"
    penalty = "penalty"
    ledger = "ledger"
    catalog = "catalog"
    liaison = "liaison"
    objection = "objection"
    monthly = "monthly"
    roster = "roster"
    register = "register"
    scheme = "scheme"


def load_calendar(holidays: Optional[Path], provisional: bool = False):
    from sgs_cli.calendar.workdays import WorkCalendar

    return WorkCalendar.load(str(holidays) if holidays else None, provisional=provisional)
