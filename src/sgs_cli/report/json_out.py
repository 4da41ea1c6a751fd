"""The JSON document of design.md (keys in English, values in Chinese, ensure_ascii=False)."""

from __future__ import annotations

import json

from ..findings import Report


def dumps(report: Report, show_sensitive: bool = False, extra: dict | None = None) -> str:
    doc = report.to_dict(show_sensitive)
    if extra:
        doc.update(extra)
    return json.dumps(doc, ensure_ascii=False, indent=1)
