"""Which files are inputs: the spreadsheet suffixes sgs reads, folders expanded into the spreadsheets they
hold (each file once, however often it is named), and the files of a folder that are not read, each with
its reason (a report accounts for every file it was given)."""

from __future__ import annotations

import os
from pathlib import Path

from sgs_cli.errors import InputError
from sgs_cli.io.guards import os_reason, require_regular

#: WPS 表格 names: a workbook saved by WPS as .et (or a template, .ett) holds xls or xlsx bytes; which one is
#: decided by the bytes, as for any file
WPS_SUFFIXES = {".et", ".ett"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"} | WPS_SUFFIXES
CSV_SUFFIXES = {".csv", ".txt"}
SUFFIXES = EXCEL_SUFFIXES | {".csv"}


def _identity(p: Path):
    """What makes two paths the same file: (device, inode) where the system has them, else the resolved path."""
    try:
        st = p.stat()
        if st.st_ino:
            return (st.st_dev, st.st_ino)
    except OSError:
        pass
    try:
        return str(p.resolve())
    except (OSError, RuntimeError):
        return str(p.absolute())


def _walk(folder: Path) -> list[Path]:
    """The spreadsheets under ``folder`` (sorted), and every subfolder that could not be listed (an
    unreadable folder is reported as an input that cannot be read, never skipped)."""
    found: list[Path] = []
    errors: list[Path] = []

    def failed(e: OSError) -> None:
        errors.append(Path(e.filename) if e.filename else folder)

    for root, dirs, files in os.walk(folder, onerror=failed):
        dirs.sort()
        for name in files:
            q = Path(root) / name
            if q.suffix.lower() in SUFFIXES and not name.startswith(("~$", ".")) and q.is_file():
                found.append(q)
    return sorted(found) + errors


def find_inputs(paths: list[str | os.PathLike]) -> list[Path]:
    """Expand folders into the spreadsheets they hold (sorted); check that every path exists. The same
    file given twice, or a folder and a file inside it, is read once (same device and inode)."""
    out: list[Path] = []
    seen: set = set()
    for p in map(Path, paths):
        if not os.path.lexists(p):
            raise InputError(f"找不到文件或文件夹：{p}", "请检查路径是否正确（含中文文件名时注意引号）")
        if p.is_dir():
            try:
                found = _walk(p)
            except OSError as e:
                raise InputError(f"无法读取文件夹“{p}”：{os_reason(e)}", "请检查文件夹的访问权限") from None
            if not found:
                raise InputError(f"文件夹中没有电子表格文件：{p}", "支持 .xlsx .xlsm .xls .et .csv")
        else:
            require_regular(p)
            found = [p]
        for q in found:
            key = _identity(q)
            if key not in seen:
                seen.add(key)
                out.append(q)
    return out


def skipped_in_folders(paths: list[str | os.PathLike]) -> list[tuple[Path, str]]:
    """The files inside the folders of ``paths`` that :func:`find_inputs` does not offer, each with the
    reason (sorted): a report must account for every file it was given, not only those it read."""
    out: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if not p.is_dir():
            continue
        for root, dirs, files in os.walk(p, onerror=lambda e: None):  # unreadable folders: find_inputs says so
            dirs.sort()
            for name in sorted(files):
                q = Path(root) / name
                suffix = q.suffix.lower()
                if name.startswith("~$"):
                    why = "Excel/WPS 打开文件时生成的临时文件，不是台账"
                elif name.startswith("."):
                    why = "隐藏文件"
                elif suffix in SUFFIXES and q.is_file():
                    continue
                elif not q.is_file():
                    why = "不是普通文件"
                elif suffix in CSV_SUFFIXES:
                    why = f"文本文件（{q.suffix}），不作为台账读取；如是台账请另存为 .csv 或 .xlsx"
                else:
                    why = (f"不是电子表格（{q.suffix}）" if q.suffix else "没有扩展名，不是电子表格") + \
                          "；台账请另存为 .xlsx 或 .xls"
                out.append((q, why))
    return sorted(out)
