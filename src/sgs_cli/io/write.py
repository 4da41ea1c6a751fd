"""Safe Excel output, shared by every writer of sgs (templates, error receipts, monthly reports).

* :func:`atomic_write_workbook` never overwrites an input file, writes to a temporary file in the
  target folder and renames it into place (``os.replace``), so a crash or a full disk never leaves a
  half-written workbook behind; failures become :class:`~sgs_cli.errors.OutputError` in Chinese.
* :func:`set_text` / :func:`set_value` store text that begins with ``=`` ``+`` ``-`` ``@`` (or a tab /
  carriage return) as text, never as a formula (docs/contract.md: the Excel error receipt). openpyxl turns
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
import math
import os
import re
import secrets
import shutil
import stat
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from sgs_cli.errors import OutputError

#: the first characters that make a spreadsheet program read a cell as a formula (CSV/formula injection)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit for the text of one cell
MAX_CELL_CHARS = 32767
#: suffixes an openpyxl workbook can honestly be saved under
XLSX_SUFFIXES = (".xlsx",)


#: what XML 1.0 cannot carry (openpyxl refuses some, and Excel cannot open a file holding the others):
#: C0 controls but tab/LF/CR, lone surrogates, and the noncharacters U+FFFE/U+FFFF
XML_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: characters Excel does not allow in a sheet name
_TITLE_FORBIDDEN_RE = re.compile(r"[\[\]:*?/\\]")
MAX_TITLE_CHARS = 31


def clean_text(text: str) -> str:
    """The one sanitiser for every string sgs writes into a workbook (cells, comments, sheet names):
    drops the characters XML 1.0 forbids, noncharacters included.

    >>> clean_text("a\x01b\ufffe\uffffc")
    'abc'
    """
    if ILLEGAL_CHARACTERS_RE.search(text) or XML_FORBIDDEN_RE.search(text):
        text = XML_FORBIDDEN_RE.sub("", ILLEGAL_CHARACTERS_RE.sub("", text))
    return text


def safe_sheet_title(name: Any, taken: Iterable[str] = (), fallback: str = "工作表") -> str:
    """A sheet name Excel and openpyxl accept, as close to ``name`` as possible: :func:`clean_text`,
    ``[ ] : * ? / \\`` replaced by "_", no leading/trailing apostrophe, at most 31 characters, not empty,
    and different (ignoring case) from every name in ``taken`` ("名称_2" …).

    >>> safe_sheet_title("台账[1]")
    '台账_1_'
    >>> safe_sheet_title("汇总", ["汇总"])
    '汇总_2'
    """
    text = _TITLE_FORBIDDEN_RE.sub("_", clean_text(str(name if name is not None else "")))
    text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ").strip().strip("'").strip()
    text = text[:MAX_TITLE_CHARS].strip() or fallback
    used = {t.lower() for t in taken}
    if text.lower() not in used and text.lower() != "history":  # "History" is reserved by Excel
        return text
    n = 2
    while True:
        suffix = f"_{n}"
        cand = text[:MAX_TITLE_CHARS - len(suffix)] + suffix
        if cand.lower() not in used:
            return cand
        n += 1


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
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # Excel has no NaN or infinity: kept as the text it was
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**308:
        return str(value)  # past a double (a 400-digit number): openpyxl cannot write it as a number
    if value is None or isinstance(value, (bool, int, float, dt.date, dt.datetime, dt.time, dt.timedelta)):
        return value
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = clean_text(text)
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


def set_value(cell, value: Any, text_format: bool = False):
    """Store any value: strings through :func:`set_text`, numbers/dates/booleans as they are.
    ``text_format``: a string cell also gets Excel's text format "@" (codes typed over later stay text).
    Returns the cell."""
    if isinstance(value, str):
        set_text(cell, value)
        if text_format:
            cell.number_format = "@"
        return cell
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


def check_output_path(out_path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = (),
                      suffixes: tuple[str, ...] = XLSX_SUFFIXES) -> Path:
    """Refuse an output path that is an input file, a folder, or named like another file type
    (``.xls``, ``.csv``… where the content is .xlsx); return it as a Path."""
    out = Path(out_path)
    if out.suffix and out.suffix.lower() not in suffixes:
        raise OutputError(f"输出文件“{out.name}”的扩展名应为 {suffixes[0]}",
                          f"请把输出文件名改为以 {suffixes[0]} 结尾，例如“结果{suffixes[0]}”")
    for inp in inputs:
        if _same_file(out, Path(inp)):
            raise OutputError(f"输出文件“{out}”与输入文件相同，已拒绝覆盖输入文件",
                              "请为输出指定另一个文件名（sgs 从不修改输入文件）")
    if out.is_dir():
        raise OutputError(f"输出路径“{out}”是一个文件夹，不是文件", "请在路径末尾加上文件名，例如“结果.xlsx”")
    try:
        st = os.stat(out)
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):  # a device (/dev/null), a FIFO, a socket
        raise OutputError(f"输出路径“{out}”不是普通文件（是设备、管道或套接字），已拒绝写入",
                          "请指定一个普通的 .xlsx 文件名，例如“结果.xlsx”")
    return out


def refuse_existing(paths: Iterable[str | os.PathLike], force: bool = False,
                    inputs: Iterable[str | os.PathLike] = (),
                    hint: str = "如确需覆盖，请加 --force；或用 -o 指定另一个文件名",
                    suffixes: tuple[str, ...] = XLSX_SUFFIXES) -> None:
    """The one rule of every command that writes a file: an existing file is never replaced unless the
    user said --force, and an input never (OutputError, exit 2, before anything is written)."""
    inputs = list(inputs)
    for p in paths:
        out = check_output_path(p, inputs, suffixes)
        if not force and out.exists():
            raise OutputError(f"输出文件“{out}”已存在，未覆盖", hint)


def _os_error_message(e: OSError, out: Path) -> OutputError:
    if isinstance(e, FileNotFoundError) and not out.parent.exists():
        return OutputError(f"无法写入“{out}”：文件夹“{out.parent}”不存在", "请先创建该文件夹，或换一个输出位置")
    if isinstance(e, PermissionError):
        return OutputError(f"无法写入“{out}”：没有写入权限，或文件正被 Excel/WPS 打开",
                           "请关闭正在打开该文件的程序，或换一个有写入权限的位置")
    if isinstance(e, IsADirectoryError):
        return OutputError(f"输出路径“{out}”是一个文件夹，不是文件", "请在路径末尾加上文件名，例如“结果.xlsx”")
    import errno

    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(f"无法写入“{out}”：磁盘空间不足", "请清理磁盘空间或换一个输出位置后重试")
    if e.errno == errno.ENAMETOOLONG:
        return OutputError(f"无法写入“{out}”：文件名或路径过长", "请换一个较短的文件名")
    if e.errno == errno.EROFS:
        return OutputError(f"无法写入“{out}”：该位置是只读的", "请换一个可写的输出位置")
    reason = e.strerror or str(e)
    return OutputError(f"无法写入“{out}”：{reason}", "请检查磁盘空间和输出位置后重试")


# openpyxl stamps both with "now": created when the Workbook object is made, modified when it is saved
_CORE_STAMPS = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _make_reproducible(src: Path, dst: Path, when: dt.datetime) -> None:
    """Copy an .xlsx with fixed zip timestamps and fixed ``dcterms:created``/``modified`` (openpyxl stamps
    them with the current time), so that the same workbook always gives the same bytes."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(src) as zin, open(dst, "wb") as fh, \
            zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_STAMPS.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            zout.writestr(zi, data)


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _temp_path(out: Path) -> Path:
    """A temporary name beside ``out``: ``.name.1a2b3c4d.tmp.xlsx``, or a short ``.sgs-….tmp.xlsx`` when that
    would pass the file system's name limit (a legal 245-byte output name must still be writable)."""
    token = secrets.token_hex(4)
    name = f".{out.stem}.{token}.tmp{out.suffix}"
    if len(os.fsencode(name)) > _name_max(out.parent if str(out.parent) else Path(".")):
        name = f".sgs-{token}.tmp{out.suffix}"
    return out.with_name(name)


def _remove(path: Path | None) -> None:
    if path is None:
        return
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:  # pragma: no cover - best effort on a locked file (Windows)
        pass


def stage_workbook(wb, out: Path, *, fixed_time: dt.datetime | None = None) -> Path:
    """Save ``wb`` to a temporary file beside ``out`` (checked with :func:`check_output_path` first) and
    return the temporary file: :func:`commit_staged` renames it into place. On any failure the temporary
    file is removed and the failure raised (an OSError as its Chinese OutputError)."""
    tmp: Path | None = None
    tmp2: Path | None = None
    hook = sys.unraisablehook
    # a save that fails half-way (disk full) leaves openpyxl's zip writer open: its clean-up, when the
    # failure is dropped, fails again and Python would print "Exception ignored …" after the Chinese
    # message. The failure is turned into its message first, then dropped and collected quietly.
    sys.unraisablehook = lambda *_: None
    failure: BaseException | None = None
    try:
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
            staged, tmp = tmp, None
        except OSError as e:
            failure = _os_error_message(e, out)
        except BaseException as e:  # noqa: BLE001 - re-raised below, once the half-written zip is collected
            failure = e.with_traceback(None)
        if failure is not None:
            import gc

            gc.collect()
    finally:
        sys.unraisablehook = hook
        _remove(tmp)
        _remove(tmp2)
    if failure is not None:
        raise failure
    return staged


def discard_staged(staged: Iterable[tuple[Path, Path]]) -> None:
    """Remove the temporary files of :func:`stage_workbook` (nothing was written)."""
    for tmp, _ in staged:
        _remove(tmp)


def commit_staged(staged: list[tuple[Path, Path]]) -> list[Path]:
    """Rename staged files (temporary file, target) into place, all or none: when one rename fails, the
    targets already renamed that did not exist before are removed and every temporary file too."""
    fresh = [not out.exists() for _, out in staged]
    done: list[Path] = []
    try:
        for tmp, out in staged:
            os.replace(tmp, out)
            done.append(out)
    except OSError as e:
        for out, new in zip(done, fresh):
            if new:
                _remove(out)
        discard_staged(staged)
        raise _os_error_message(e, staged[len(done)][1]) from None
    return done


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

    Several workbooks written all or none: render/copying.write_workbooks.
    """
    out = check_output_path(out_path, list(inputs))
    return commit_staged([(stage_workbook(wb, out, fixed_time=fixed_time), out)])[0]


def atomic_write_text(text: str, out_path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = (),
                      suffixes: tuple[str, ...] = (".toml",)) -> Path:
    """Write UTF-8 text to ``out_path`` atomically (a temporary file beside it, then ``os.replace``), with the
    checks of :func:`check_output_path`; an existing file is left untouched on any failure."""
    out = check_output_path(out_path, inputs, suffixes)
    tmp: Path | None = None
    try:
        tmp = _temp_path(out)
        with open(tmp, "x", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
        tmp = None
    except OSError as e:
        raise _os_error_message(e, out) from None
    finally:
        _remove(tmp)
    return out


__all__ = ["FORMULA_PREFIXES", "MAX_CELL_CHARS", "atomic_write_text", "atomic_write_workbook", "check_output_path", "clean_text",
           "commit_staged", "discard_staged", "stage_workbook",
           "looks_like_formula", "refuse_existing", "safe_cell_value", "safe_sheet_title", "set_text", "set_value"]
