"""Choices and helpers shared by the commands: sheet kinds, output formats, the calendar of a run."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from sgs_cli.standard.kinds import KINDS


if TYPE_CHECKING:  # the members are made from standard/kinds.KINDS below; a type checker sees the fixed ones
    class Kind(str, Enum):
        auto = "auto"

    class TemplateKind(str, Enum):
        monthly = "monthly"
        roster = "roster"
        scheme = "scheme"
else:
    #: --kind: auto or a sheet kind of standard/kinds.py
    Kind = Enum("Kind", {"auto": "auto", **{k.kind: k.kind for k in KINDS}}, type=str)
    #: `sgs template`: every sheet kind, then the blank monthly report, the roster and the scoring scheme
    TemplateKind = Enum("TemplateKind", {**{k.kind: k.kind for k in KINDS}, "monthly": "monthly", "roster": "roster",
                                         "scheme": "scheme"}, type=str)


class Format(str, Enum):
    table = "table"
    json = "json"


class DataFormat(str, Enum):
    """Formats of a command whose result is a list of rows (findings, deadlines): CSV as well."""
    table = "table"
    json = "json"
    csv = "csv"




def load_calendar(holidays: Optional[Path], provisional: bool = False):
    from sgs_cli.calendar.workdays import WorkCalendar

    return WorkCalendar.load(str(holidays) if holidays else None, provisional=provisional)
