"""Hostile and broken input refused before (or translated after) a reader touches it: zip bombs and
non-workbooks sniffed by their bytes, inputs that are not regular files, and the Chinese messages (exit 3)
for what the readers raise on a damaged or hostile file (docs/contract.md: never a traceback).

* zip bombs: the sizes declared in the zip's central directory are checked before anything is
  inflated (each member, the whole workbook, the compression ratio). python-calamine's zip reader
  refuses a member that inflates to more than its declared size, so a lying size cannot get past it;
* XML entity bombs ("billion laughs"): python-calamine does not expand DTD entities, it fails on the
  first custom entity (→ "不允许的XML实体");
* HTML/XML/text files named .xls/.xlsx, Word/PowerPoint documents: each named as such.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from pathlib import Path

from sgs_cli.errors import InputError

# zip-bomb guards on the sizes declared in the central directory (python-calamine enforces them when
# it inflates): the whole uncompressed workbook, any one member, and the compression ratio of a big member
MAX_UNCOMPRESSED = 4 * 1024**3
MAX_MEMBER = 2 * 1024**3
MAX_RATIO = 200
RATIO_MIN_SIZE = 50 * 1024**2  # small members may compress as well as they like
MAX_MEMBERS = 100_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_REEXPORT = "请用 Excel 或 WPS 打开后另存为 .xlsx 再校验"


def _sniff_text(head: bytes) -> str | None:
    """What a non-workbook file starting with ``head`` probably is (for the message)."""
    h = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower()
    if h.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<meta")) or b"<html" in head[:1024].lower():
        return "网页（HTML）"
    if h.startswith(b"<?xml") or h.startswith(b"<"):
        return "XML"
    if head.startswith(b"%PDF"):
        return "PDF"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "文本"
    try:
        head[:1024].decode("utf-8")
        return "文本（CSV）" if (b"," in head or b"\t" in head) else "文本"
    except UnicodeDecodeError:
        return None


def _not_a_workbook(path: Path, head: bytes, what: str) -> InputError:
    kind = _sniff_text(head)
    if kind:
        return InputError(f"文件“{path.name}”实为{kind}格式，不是真正的 {what} 工作簿（常见于业务系统“导出Excel”）",
                          "请用 Excel 或 WPS 打开该文件，再“另存为”Excel 工作簿（.xlsx）后校验")
    return InputError(f"文件“{path.name}”已损坏或不是 Excel 工作簿（无法解压）",
                      "请重新导出，或用 Excel/WPS 打开后另存为 .xlsx")


def _check_zip(path: Path) -> None:
    """Refuse zip bombs and non-workbooks before python-calamine inflates anything."""
    bomb = InputError(f"文件“{path.name}”解压后异常巨大（疑似压缩炸弹），已拒绝读取",
                      "请向数据提供方索取正常导出的文件")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise bomb
            total = 0
            for info in infos:
                size, packed = info.file_size, info.compress_size
                total += size
                if size > MAX_MEMBER or size < 0 or packed < 0:
                    raise bomb
                if size > RATIO_MIN_SIZE and size > MAX_RATIO * max(packed, 1):
                    raise bomb
            if total > MAX_UNCOMPRESSED:
                raise InputError(f"文件“{path.name}”解压后超过 {MAX_UNCOMPRESSED // 1024**3} GB，已拒绝读取",
                                 "请拆分为多个文件后再校验")
            names = set(z.namelist())
            if "xl/workbook.xml" not in names and "content.xml" not in names:
                if "word/document.xml" in names or "ppt/presentation.xml" in names:
                    raise InputError(f"文件“{path.name}”是 Word/PowerPoint 文档，不是 Excel 工作簿",
                                     "请选择 Excel 工作簿（.xlsx .xls）或 CSV 文件")
                if any(n.lower() == "xl/workbook.xml" for n in names) or any(n.startswith("xl/") for n in names):
                    pass  # unusual casing or a workbook part elsewhere: let the reader decide
                else:
                    raise InputError(f"文件“{path.name}”不是有效的 Excel 工作簿", _REEXPORT)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        with open(path, "rb") as fh:
            head = fh.read(2048)
        if head.startswith(b"PK"):
            raise InputError(f"文件“{path.name}”已损坏（不完整或被截断），无法解压",
                             "请重新复制或重新导出该文件；如能用 Excel/WPS 打开，请另存为 .xlsx 后再校验") from None
        raise _not_a_workbook(path, head, path.suffix.lower()) from None


def crashed(path: Path) -> InputError:
    """The message for a workbook that made the native reader abort or panic."""
    return InputError(f"工作簿“{Path(path).name}”已损坏或为恶意构造的文件：读取组件解析该文件时异常终止"
                      "（常见原因：声明了异常巨大的表格范围、单元格地址或字符串数量）", _REEXPORT)


def os_reason(e: OSError) -> str:
    """The reason of an OSError in Chinese (strerror is in the system's language, often English)."""
    import errno

    return {errno.EACCES: "没有访问权限", errno.EPERM: "没有访问权限", errno.ENOENT: "文件或文件夹不存在",
            errno.EIO: "读取出错（磁盘或网络故障）", errno.ENAMETOOLONG: "路径过长", errno.ELOOP: "符号链接循环",
            errno.ENOTDIR: "路径中有一段不是文件夹", errno.EISDIR: "这是一个文件夹",
            errno.ENXIO: "不是普通文件（是设备、管道或套接字）"}.get(e.errno or 0, e.strerror or str(e))


def require_regular(path: Path) -> None:
    """InputError (exit 3) for an input that is not a regular file: a FIFO (opening it waits for a writer
    for ever), a device (/dev/zero never ends), a socket — before anything opens it."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        raise InputError(f"无法读取“{path}”：{os_reason(e)}", "请检查文件的访问权限") from None
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InputError(f"“{path}”不是普通文件（是设备、管道或套接字），无法读取",
                         "请给出保存在磁盘上的 .xlsx / .xls / .csv 文件")


def _calamine_error(path: Path, e: BaseException) -> InputError:
    if not isinstance(e, Exception):  # pyo3_runtime.PanicException: the reader gave up on this file
        return crashed(path)
    text = str(e)
    low = text.lower()
    kind = type(e).__name__
    if kind == "PasswordError" or "password" in low or "encrypt" in low:
        return InputError(f"工作簿“{path.name}”已加密（设置了打开密码），无法读取",
                          "请在 Excel/WPS 中取消密码后另存再校验")
    if "larger than its declared" in low:
        return InputError(f"文件“{path.name}”解压后的内容大于其声明的大小（疑似压缩炸弹或文件已损坏），已拒绝读取",
                          "请向数据提供方索取正常导出的文件")
    if "entity" in low or "doctype" in low or "dtd" in low:
        return InputError(f"文件“{path.name}”含有不允许的 XML 实体定义（可能是恶意构造的文件），已拒绝读取",
                          "请向数据提供方索取正常导出的文件，或用 Excel/WPS 打开后另存为 .xlsx")
    if "codepage" in low:
        return InputError(f"工作簿“{path.name}”使用了无法识别的字符编码（代码页），无法读取",
                          "请用 Excel 或 WPS 打开后另存为 .xlsx 再校验")
    return InputError(f"无法读取工作簿“{path.name}”：文件已损坏或格式异常（{text[:120]}）", _REEXPORT)


def unreadable(path: str | os.PathLike, exc: BaseException) -> InputError:
    """The Chinese InputError (exit 3) for what a reader raises on a damaged or hostile file (python-calamine's
    errors; zipfile/zlib when a workbook is streamed by hand — a CRC error is also how a member inflating past
    its declared size shows) while reading ``path`` without :func:`read_sheets` (e.g. the chunked reader)."""
    path = Path(path)
    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, MemoryError):
        return InputError(f"工作簿“{path.name}”过大，内存不足，无法读取", "请拆分为多个文件后再校验")
    if isinstance(exc, OSError):
        return InputError(f"无法读取文件“{path}”：{os_reason(exc)}",
                          "请检查文件是否存在、是否有读取权限，或是否正被其他程序独占打开")
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        if "crc" in str(exc).lower():
            return InputError(f"文件“{path.name}”已损坏（校验和错误），或其中内容大于声明的大小（疑似压缩炸弹），已拒绝读取",
                              "请重新导出该文件，或向数据提供方索取正常导出的文件")
        return InputError(f"文件“{path.name}”已损坏（不完整或被截断），无法解压",
                          "请重新复制或重新导出该文件；如能用 Excel/WPS 打开，请另存为 .xlsx 后再校验")
    return _calamine_error(path, exc)
