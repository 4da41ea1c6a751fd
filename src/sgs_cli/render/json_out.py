"""The JSON document of docs/contract.md (keys in English, values in Chinese, ensure_ascii=False)."""

from __future__ import annotations

import json

from sgs_cli.findings import Report


def _masked(obj, show_sensitive: bool):
    """ID numbers masked in every string but the user's own paths (masking.mask_tree), unless asked."""
    from sgs_cli.render.masking import mask_tree

    return obj if show_sensitive else mask_tree(obj)


def dumps(report: Report, show_sensitive: bool = False, extra: dict | None = None) -> str:
    doc = report.to_dict(show_sensitive)
    if extra:
        doc.update(extra)
    return json.dumps(_masked(doc, show_sensitive), ensure_ascii=False, indent=1)


class _Stream:
    """A list written item by item (the findings of a sheet): never held as dicts all at once."""

    def __init__(self, items):
        self.items = items


_SCALARS = (int, str, float, bool, type(None))


def _emit(obj, depth: int, write) -> None:
    """json.dumps(obj, ensure_ascii=False, indent=1), written piece by piece; _Stream lists streamed."""
    if isinstance(obj, dict):
        if not obj:
            write("{}")
            return
        if not any(isinstance(v, (dict, list, tuple, _Stream)) for v in obj.values()):  # a finding: one C call
            # indent=1 would take json's pure-Python encoder (~50 µs a finding); the C encoder with the
            # indented item separator writes the same bytes, since a flat dict has no nested indentation
            pad = " " * (depth + 1)
            text = json.dumps(obj, ensure_ascii=False, separators=(",\n" + pad, ": "))
            write("{\n" + pad + text[1:-1] + "\n" + " " * depth + "}")
            return
        write("{")
        first = True
        for k, v in obj.items():
            write(("\n" if first else ",\n") + " " * (depth + 1) + json.dumps(str(k), ensure_ascii=False) + ": ")
            _emit(v, depth + 1, write)
            first = False
        write("\n" + " " * depth + "}")
    elif isinstance(obj, (list, tuple)) and obj and all(type(v) in _SCALARS for v in obj):
        # a flat list (the rows of a sheet-level finding: up to a million numbers): one C call, as for a finding
        pad = " " * (depth + 1)
        text = json.dumps(list(obj), ensure_ascii=False, separators=(",\n" + pad, ": "))
        write("[\n" + pad + text[1:-1] + "\n" + " " * depth + "]")
    elif isinstance(obj, (list, tuple, _Stream)):
        items = obj.items if isinstance(obj, _Stream) else obj
        first = True
        for v in items:
            write(("[\n" if first else ",\n") + " " * (depth + 1))
            _emit(v, depth + 1, write)
            first = False
        write("[]" if first else "\n" + " " * depth + "]")
    else:
        write(json.dumps(obj, ensure_ascii=False))


def _without(obj, attr: str, **keep):
    """obj.to_dict() computed with ``attr`` emptied (so nothing big is built), then the values in ``keep``
    (counts that depend on ``attr``) put back."""
    saved = getattr(obj, attr)
    setattr(obj, attr, [])
    try:
        sensitive = bool(keep.pop("_sensitive", None))
        d = obj.to_dict(sensitive)
    finally:
        setattr(obj, attr, saved)
    for k, v in keep.items():
        if k in d:
            d[k] = v
    return _masked(d, sensitive)


def write_stream(report: Report, stream, show_sensitive: bool = False, extra: dict | None = None) -> None:
    """The same document as :func:`dumps`, written to ``stream`` finding by finding: memory does not grow
    with a second copy of every finding as dicts and text (280,000 findings: dumps builds ~1 GB)."""
    from sgs_cli.render.console import json_text

    buf: list[str] = []
    size = 0

    def write(piece: str) -> None:
        nonlocal size
        buf.append(piece)
        size += len(piece)
        if size > 1 << 16:
            stream.write(json_text("".join(buf), stream))
            buf.clear()
            size = 0

    files = []
    for fr in report.files:
        sheets = []
        for sr in fr.sheets:
            counts = {k: getattr(sr, k) for k in ("errors", "warnings", "infos", "facts") if hasattr(sr, k)}
            d = _without(sr, "findings", _sensitive=show_sensitive, **counts)
            d["findings"] = _Stream(_masked(f.to_dict(show_sensitive), show_sensitive) for f in sr.findings)
            sheets.append(d)
        fd = _without(fr, "sheets", _sensitive=show_sensitive)
        fd["sheets"] = sheets
        files.append(fd)
    d = _without(report, "files", summary=report.summary(), _sensitive=show_sensitive)
    d["files"] = files
    if extra:
        d.update(_masked(extra, show_sensitive))
    _emit(d, 0, write)
    write("\n")
    stream.write(json_text("".join(buf), stream))
