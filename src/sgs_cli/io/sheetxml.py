"""The parts of an .xlsx read from their XML by hand (bytes and regular expressions, no XML parser: no
entity is ever expanded): the worksheets a workbook lists and the zip members that hold them, and a
streaming scan of a worksheet for the cells python-calamine reads as "" though they are not blank
(a formula without a cached value, an error value). Shared by the whole-workbook reader (workbook.py),
the streamed reader (chunked.py) and the receipt's copy check (render/copying)."""

from __future__ import annotations

import html
import os
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

#: the formula/error-cell scan reads a worksheet part in blocks of _CHUNK bytes, each after the last _OVERLAP
_CHUNK = 4 << 20
_OVERLAP = 128 << 10  # longer than any one <c> element worth finding (a formula has at most 8,192 chars)
_WB_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_ATTR = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


def attrs(blob: bytes) -> dict[str, str]:
    """The attributes inside an XML start tag, their values unescaped."""
    out = {}
    for m in _ATTR.finditer(blob):
        key = m.group(1).decode("ascii", "replace")
        out[key] = html.unescape((m.group(2) if m.group(2) is not None else m.group(3) or b"").decode("utf-8", "replace"))
    return out


def sheet_members(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its worksheet XML (the relationships typed worksheet; names as
    workbook.xml spells them; several names may point at one part, render/copying counts them)."""
    rels = {}
    for m in _REL.finditer(z.read("xl/_rels/workbook.xml.rels")):
        a = attrs(m.group(1))
        if a.get("Type", "").endswith("/worksheet") and "Id" in a and "Target" in a:
            target = a["Target"]
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            rels[a["Id"]] = os.path.normpath(part).replace(os.sep, "/")
    out = {}
    for m in _WB_SHEET.finditer(z.read("xl/workbook.xml")):
        a = attrs(m.group(1))
        rid = next((v for k, v in a.items() if k.endswith(":id") or k == "id"), None)
        if "name" in a and rid in rels:
            out[a["name"]] = rels[rid]
    return out


@dataclass
class SheetPart:
    name: str
    path: str  # member name inside the zip
    hidden: bool


def sheet_parts(z: zipfile.ZipFile, names: list[str] | None = None) -> list[SheetPart]:
    """The worksheets of a workbook in order, each once (however many entries point at its part). Read
    tolerantly (a character reference XML forbids in a name does not stop it); ``names``: the worksheet
    names python-calamine gives (workbook.open_check), used when they pair up one to one."""
    targets = {}
    for m in _REL.finditer(z.read("xl/_rels/workbook.xml.rels")):
        a = attrs(m.group(1))
        if "Id" in a and a.get("Target"):
            targets[a["Id"]] = a["Target"]
    entries = []
    for m in _WB_SHEET.finditer(z.read("xl/workbook.xml")):
        a = attrs(m.group(1))
        rid = next((v for k, v in a.items() if k.endswith(":id") or k == "id"), None)
        target = (targets.get(rid) if rid is not None else None) or ""
        if "worksheets/" not in target:
            continue  # chart sheets
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        entries.append((a.get("name"), path, a.get("state") in ("hidden", "veryHidden")))
    if names is not None and len(names) == len(entries):
        entries = [(n, p, h) for n, (_, p, h) in zip(names, entries)]
    parts, seen = [], set()
    for name, path, hidden in entries:
        if path in seen:
            continue  # another entry for a sheet already listed (a hostile workbook.xml): read it once
        seen.add(path)
        parts.append(SheetPart(name if name is not None else path.rsplit("/", 1)[-1], path, hidden))
    return parts


def cell_pos(ref: str) -> tuple[int, int] | None:
    m = _CELL_REF.match(ref)
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def scan_formula_cells(fh) -> tuple[set[tuple[int, int]], dict[tuple[int, int], str]]:
    """Stream a worksheet XML part; find formula cells without <v> and cells of type "e". A fast
    bytes.find screen runs on every chunk; the regular expression only where the screen hit."""
    no_value: set[tuple[int, int]] = set()
    errors: dict[tuple[int, int], str] = {}
    first = fh.read(_CHUNK)
    m = re.search(rb"<(\w+:)?worksheet\b", first[:4096])
    p = (m.group(1) or b"") if m else b""
    cell_open = b"<" + p + b"c"
    cell_rx = re.compile(rb"<" + re.escape(p) + rb"c\b([^>]*?)(?<!/)>(.*?)</" + re.escape(p) + rb"c>", re.S)
    f_open, v_open = b"<" + p + b"f", b"<" + p + b"v"
    empty_v = re.compile(rb"<" + re.escape(p) + rb"v\s*/>|<" + re.escape(p) + rb"v>\s*</" + re.escape(p) + rb"v>")
    screens = (b"f></" + p + b"c>", b"/></" + p + b"c>", b't="e"', b"t='e'")
    buf = first
    while buf:
        hits = []
        for s in screens:
            i = buf.find(s)
            while i >= 0:
                hits.append(i)
                i = buf.find(s, i + 1)
        for h in hits:
            start = buf.rfind(cell_open, 0, h + 1)
            while start >= 0 and buf[start + len(cell_open):start + len(cell_open) + 1] not in (b" ", b">", b"\t", b"\n", b"\r"):
                start = buf.rfind(cell_open, 0, start)
            if start < 0:
                continue
            cm = cell_rx.match(buf, start)
            if not cm:
                continue
            a = attrs(cm.group(1))
            pos = cell_pos(a.get("r", ""))
            if pos is None:
                continue
            body = cm.group(2)
            if a.get("t") == "e":
                vm = re.search(rb"<" + re.escape(p) + rb"v>([^<]*)</", body)
                errors[pos] = html.unescape(vm.group(1).decode("utf-8", "replace")) if vm else "#错误"
            elif f_open in body and (v_open not in body or (empty_v.search(body) and a.get("t") != "str")):
                no_value.add(pos)  # no <v>, or an empty one (openpyxl writes <v />; t="str" <v></v> is "")
        more = fh.read(_CHUNK)
        if not more:
            break
        buf = buf[-_OVERLAP:] + more
    return no_value, errors
