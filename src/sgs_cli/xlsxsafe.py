"""Safe Excel output, shared by every writer of sgs (templates, error receipts, monthly reports).

* :func:`atomic_write_workbook` never overwrites an input file, writes to a temporary file in the
  target folder and renames it into place (``os.replace``), so a crash or a full disk never leaves a
  half-written workbook behind; failures become :class:`~sgs_cli.errors.OutputError` in Chinese.
* :func:`set_text` / :func:`set_value` store text that begins with ``=`` ``+`` ``-`` ``@`` (or a tab /
  carriage return) as text, never as a formula (design.md: the Excel error receipt). openpyxl turns
  any ``str`` that starts with ``=`` into a formula, so assigning is not enough: the cell type is forced
  to ``s`` (string) and Excel's quote-prefix flag is set, so the text also survives a later edit of
  the cell in Excel/WPS.

>>> from openpyxl import Workbook
>>> ws = Workbook().active
>>> c = set_text(ws["A1"], "=HYPERLINK(\\"http://x\\")")
>>> c.data_type, c.value.startswith("=")
('s', True)
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .errors import OutputError

#: the first characters that make a spreadsheet program read a cell as a formula (CSV/formula injection)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit for the text of one cell
MAX_CELL_CHARS = 32767
#: suffixes an openpyxl workbook can honestly be saved under
XLSX_SUFFIXES = (".xlsx",)


def looks_like_formula(value: Any) -> bool:
    """True for text a spreadsheet program could take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell_value(value: Any) -> Any:
    """The value to store in a cell: text without the control characters that XML cannot carry
    (openpyxl raises ``IllegalCharacterError`` on them; they are dropped), line ends as ``\n`` (an
    XML reader turns a bare CR into LF anyway) and cut to Excel's 32767 characters. Numbers, dates,
    booleans and None are returned unchanged; other objects as ``str``.

    Formula-like text is returned unchanged: use :func:`set_text`/:func:`set_value` to store it, which
    also force the cell to be text.
    """
    if value is None or isinstance(value, (bool, int, float, dt.date, dt.datetime, dt.time, dt.timedelta)):
        return value
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[:MAX_CELL_CHARS]
    return text


def set_text(cell, value: Any):
    """Store ``value`` in an openpyxl cell as text (never a formula). None or "" clears the cell.
    Returns the cell."""
    if value is None or value == "":
        cell.value = None
        return cell
    text = safe_cell_value(value if isinstance(value, str) else str(value))
    cell.value = text
    cell.data_type = "s"  # openpyxl made it 'f' if it starts with '='
    if looks_like_formula(text):
        cell.quotePrefix = True  # Excel/WPS keep it text when the user edits the cell
    return cell


def set_value(cell, value: Any):
    """Store any value: strings through :func:`set_text`, numbers/dates/booleans as they are.
    Returns the cell."""
    if isinstance(value, str):
        return set_text(cell, value)
    cell.value = safe_cell_value(value)
    if isinstance(cell.value, str):
        set_text(cell, cell.value)
    return cell


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
    except OSError:
        pass
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(out_path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """Refuse an output path that is an input file, a folder, or named like another file type
    (``.xls``, ``.csv``…: the content is always .xlsx); return it as a Path."""
    out = Path(out_path)
    if out.suffix and out.suffix.lower() not in XLSX_SUFFIXES:
        raise OutputError(f"输出文件“{out.name}”的扩展名应为 .xlsx",
                          "请把输出文件名改为以 .xlsx 结尾，例如“结果.xlsx”")
    for inp in inputs:
        if _same_file(out, Path(inp)):
            raise OutputError(f"输出文件“{out}”与输入文件相同，已拒绝覆盖输入文件",
                              "请为输出指定另一个文件名（sgs 从不修改输入文件）")
    if out.is_dir():
        raise OutputError(f"输出路径“{out}”是一个文件夹，不是文件", "请在路径末尾加上文件名，例如“结果.xlsx”")
    return out


def refuse_existing(paths: Iterable[str | os.PathLike], force: bool = False,
                    inputs: Iterable[str | os.PathLike] = ()) -> None:
    """The one rule of every command that writes a file: an existing file is never replaced unless the
    user said --force, and an input never (OutputError, exit 2, before anything is written)."""
    inputs = list(inputs)
    for p in paths:
        out = check_output_path(p, inputs)
        if not force and out.exists():
            raise OutputError(f"输出文件“{out}”已存在，未覆盖",
                              "如确需覆盖，请加 --force；或用 -o 指定另一个文件名")


def _os_error_message(e: OSError, out: Path) -> OutputError:
    if isinstance(e, FileNotFoundError) and not out.parent.exists():
        return OutputError(f"无法写入“{out}”：文件夹“{out.parent}”不存在", "请先创建该文件夹，或换一个输出位置")
    if isinstance(e, PermissionError):
        return OutputError(f"无法写入“{out}”：没有写入权限，或文件正被 Excel/WPS 打开",
                           "请关闭正在打开该文件的程序，或换一个有写入权限的位置")
    if isinstance(e, IsADirectoryError):
        return OutputError(f"输出路径“{out}”是一个文件夹，不是文件", "请在路径末尾加上文件名，例如“结果.xlsx”")
    reason = e.strerror or str(e)
    return OutputError(f"无法写入“{out}”：{reason}", "请检查磁盘空间和输出位置后重试")


_CORE_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _make_reproducible(src: Path, dst: Path, when: dt.datetime) -> None:
    """Copy an .xlsx with fixed zip timestamps and a fixed ``dcterms:modified`` (openpyxl stamps
    both with the current time), so that the same workbook always gives the same bytes."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(src) as zin, open(dst, "wb") as fh, \
            zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            zout.writestr(zi, data)


def _temp_path(out: Path) -> Path:
    return out.with_name(f".{out.stem}.{secrets.token_hex(4)}.tmp{out.suffix}")


def _remove(path: Path | None) -> None:
    if path is None:
        return
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:  # pragma: no cover - best effort on a locked file (Windows)
        pass


def atomic_write_workbook(wb, out_path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = (), *,
                          fixed_time: dt.datetime | None = None) -> Path:
    """Save an openpyxl workbook to ``out_path`` atomically and return the path written.

    * raises OutputError (Chinese message) when ``out_path`` is one of ``inputs`` (same file after
      resolving links), a folder, not ``.xlsx``, or cannot be written (missing folder, no permission,
      file open in Excel on Windows, disk full);
    * writes a temporary file in the same folder and ``os.replace``-s it into place; on any failure
      the temporary file is removed and an existing ``out_path`` is left untouched;
    * ``fixed_time``: stamp the file with this time instead of "now" (document properties and zip
      entries), for byte-reproducible output such as the shipped templates.
    """
    inputs = list(inputs)
    out = check_output_path(out_path, inputs)
    tmp: Path | None = None
    tmp2: Path | None = None
    try:
        tmp = _temp_path(out)
        with open(tmp, "xb") as fh:  # exclusive create: normal permissions (umask), never clobbers
            wb.save(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if fixed_time is not None:
            tmp2 = _temp_path(out)
            _make_reproducible(tmp, tmp2, fixed_time)
            _remove(tmp)
            tmp, tmp2 = tmp2, None
        if out.exists():
            try:
                shutil.copymode(out, tmp)  # keep the permissions of the file being replaced
            except OSError:
                pass
        os.replace(tmp, out)
        tmp = None
    except OSError as e:
        raise _os_error_message(e, out) from None
    finally:
        _remove(tmp)
        _remove(tmp2)
    return out


__all__ = ["FORMULA_PREFIXES", "MAX_CELL_CHARS", "atomic_write_workbook", "check_output_path", "refuse_existing",
           "looks_like_formula", "safe_cell_value", "set_text", "set_value"]
