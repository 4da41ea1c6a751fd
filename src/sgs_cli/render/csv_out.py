"""CSV for other tools: one row per finding of `sgs validate`, one row per record of `sgs deadlines --ledger`.

Headers are Chinese (the people opening the file read Chinese); the text is UTF-8 with a BOM, so Excel
and WPS open it without garbling and ``csv``/pandas read it with ``encoding="utf-8-sig"``. Values that a
spreadsheet would take for a formula (``=`` ``+`` ``-`` ``@``) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from sgs_cli.findings import Report
from sgs_cli.rules.codes import label
from sgs_cli.io.write import looks_like_formula

#: (column header, key of the finding's JSON dict)
FINDING_COLUMNS = (("文件", "file"), ("工作表", "sheet"), ("级别", "severity_label"), ("规则代码", "code"),
                   ("单元格", "cell"), ("行", "row"), ("列", "column"), ("字段", "field_name"),
                   ("决定书文号", "record_key"), ("值", "value"), ("问题", "message"), ("修改建议", "hint"),
                   ("涉及的行", "rows"))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    text = str(value)
    return "'" + text if looks_like_formula(text) else text


def findings_rows(report: Report, show_sensitive: bool = False) -> list[list[str]]:
    rows = [[h for h, _ in FINDING_COLUMNS]]
    for fr in report.files:
        if fr.error:
            rows.append([_cell(v) for v in (fr.path, "", "错误", "FILE_UNREADABLE", "", "", "", "", "", "",
                                            fr.error, "", "")])
            continue
        for sr in fr.sheets:
            for f in sr.findings:
                d = f.to_dict(show_sensitive)
                d.update(file=fr.path, sheet=sr.sheet, severity_label=label(f))  # 事实 for a fact
                rows.append([_cell(d.get(k)) for _, k in FINDING_COLUMNS])
    return rows


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def write_csv(rows: list[list[str]], out: Path | None = None, stream=None) -> None:
    """UTF-8 with BOM to ``out`` (atomically) or to stdout (bytes, whatever the console's encoding)."""
    data = ("\ufeff" + csv_text(rows)).encode("utf-8")
    if out is not None:
        from sgs_cli.io.write import _os_error_message, _temp_path

        import os

        tmp = _temp_path(Path(out))
        try:
            with open(tmp, "xb") as fh:
                fh.write(data)
            os.replace(tmp, out)
        except OSError as e:
            try:
                tmp.unlink()
            except OSError:
                pass
            raise _os_error_message(e, Path(out)) from None
        return
    stream = stream or sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(data)
        buffer.flush()
    else:  # a text-only stream (tests): the same characters
        stream.write(data.decode("utf-8"))
