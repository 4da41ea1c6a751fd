"""The JSON document of design.md (keys in English, values in Chinese, ensure_ascii=False)."""

from __future__ import annotations

import json

from ..findings import Report


def dumps(report: Report, show_sensitive: bool = False) -> str:
    from ..masking import mask_tree

    doc = report.to_dict(show_sensitive)
    return json.dumps(doc if show_sensitive else mask_tree(doc), ensure_ascii=False, indent=1)
