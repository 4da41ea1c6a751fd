"""Workbooks and CSV files → sheets of rows with their physical row numbers.

python-calamine reads .xlsx/.xlsm/.xls/.ods with cell types intact (a code stored as a number comes back
as a float, which is how sgs can say "Excel damaged this code"). CSV is decoded as UTF-8 (with or
without BOM) or GB18030 (a superset of GBK).
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}
SUFFIXES = EXCEL_SUFFIXES | {".csv"}

# zip-bomb guards: the whole uncompressed workbook and the compression ratio of any member
MAX_UNCOMPRESSED = 4 * 1024**3
MAX_RATIO = 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class RawSheet:
    name: str
    rows: list[list]  # rows[i] is physical row i + 1
    hidden: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based (r0, c0, r1, c1)

    @property
    def is_empty(self) -> bool:
        return not any(any(v not in ("", None) for v in r) for r in self.rows)


def find_inputs(paths: list[str | os.PathLike]) -> list[Path]:
    """Expand folders into the spreadsheets they hold (sorted); check that every path exists."""
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise InputError(f"找不到文件或文件夹：{p}", "请检查路径是否正确（含中文文件名时注意引号）")
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUFFIXES
                           and not q.name.startswith(("~$", ".")))
            if not found:
                raise InputError(f"文件夹中没有电子表格文件：{p}", "支持 .xlsx .xlsm .xls .csv")
            out.extend(found)
        else:
            out.append(p)
    return out


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            total = 0
            for info in z.infolist():
                total += info.file_size
                if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 50e6:
                    raise InputError(f"文件“{path.name}”解压后异常巨大（疑似压缩炸弹），已拒绝读取",
                                     "请向数据提供方索取正常导出的文件")
            if total > MAX_UNCOMPRESSED:
                raise InputError(f"文件“{path.name}”解压后超过 {MAX_UNCOMPRESSED // 1024**3} GB，已拒绝读取",
                                 "请拆分为多个文件后再校验")
            if "xl/workbook.xml" not in z.namelist() and "content.xml" not in z.namelist():
                raise InputError(f"文件“{path.name}”不是有效的 Excel 工作簿", "请用 Excel 或 WPS 打开后另存为 .xlsx")
    except zipfile.BadZipFile:
        raise InputError(f"文件“{path.name}”已损坏或不是 Excel 工作簿（无法解压）",
                         "请重新导出，或用 Excel/WPS 打开后另存为 .xlsx") from None


def read_sheets(path: Path) -> list[RawSheet]:
    """Every sheet of a workbook, or the one table of a CSV file."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"无法读取文件“{path}”：{e.strerror}") from None
    if size == 0:
        raise InputError(f"文件“{path.name}”是空文件（0 字节）", "请重新导出或保存该文件")
    if suffix in CSV_SUFFIXES:
        return [read_csv(path)]
    if suffix not in EXCEL_SUFFIXES:
        raise InputError(f"不支持的文件类型“{path.suffix}”：{path.name}", "支持 .xlsx .xlsm .xls .csv")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if head == OLE_MAGIC:
            raise InputError(f"工作簿“{path.name}”已加密（设置了打开密码），无法读取",
                             "请在 Excel/WPS 中取消密码（文件→信息→保护工作簿）后另存再校验")
        _check_zip(path)
    elif head != OLE_MAGIC:
        if head.startswith(b"PK"):
            raise InputError(f"文件“{path.name}”实为 .xlsx 格式却以 .xls 命名", "请将扩展名改为 .xlsx 后再校验")
        raise InputError(f"文件“{path.name}”不是有效的 .xls 工作簿", "请用 Excel 或 WPS 打开后另存为 .xlsx")
    return _read_calamine(path)


def _read_calamine(path: Path) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in wb.sheets_metadata:
            if "WorkSheet" not in str(meta.typ):
                continue  # chart sheets and macro sheets carry no table
            sh = wb.get_sheet_by_name(meta.name)
            rows = sh.to_python(skip_empty_area=False)
            merged = []
            for rng in sh.merged_cell_ranges or []:
                (r0, c0), (r1, c1) = rng
                merged.append((r0, c0, r1, c1))
            sheets.append(RawSheet(meta.name, rows, hidden="Visible" not in str(meta.visible), merged=merged))
        wb.close()
        return sheets
    except InputError:
        raise
    except Exception as e:  # calamine raises its own error types for corrupt, encrypted or odd files
        text = str(e)
        if "password" in text.lower() or "encrypt" in text.lower():
            raise InputError(f"工作簿“{path.name}”已加密（设置了打开密码），无法读取",
                             "请在 Excel/WPS 中取消密码后另存再校验") from None
        raise InputError(f"无法读取工作簿“{path.name}”：文件已损坏或格式异常（{text[:120]}）",
                         "请用 Excel 或 WPS 打开后另存为 .xlsx 再校验") from None


def decode_csv_bytes(data: bytes, name: str) -> tuple[str, str]:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc), ("UTF-8" if enc == "utf-8-sig" else "GB18030/GBK")
        except UnicodeDecodeError:
            continue
    raise InputError(f"CSV 文件“{name}”的编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）",
                     "请用 Excel/WPS 打开后另存为“CSV UTF-8”或 .xlsx")


def read_csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    text, _enc = decode_csv_bytes(data, path.name)
    text = text.replace("\x00", "")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        raise InputError(f"CSV 文件“{path.name}”格式错误：{e}", "请检查引号是否成对") from None
    return RawSheet(path.stem, rows)
