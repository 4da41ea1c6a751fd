"""The OLE (Compound File Binary) container of .xls workbooks, encrypted workbooks and Word files, read with
olefile (pure Python, bounds-checked on damaged containers; no parser of our own on hostile input).

Two jobs: name what a container holds (``stream_names``, for the messages of ``ole_message``) and make an
in-memory copy of a BIFF8 .xls whose CODEPAGE record is set to 1200 (``biff8_codepage_fix``: BIFF8 strings
are UTF-16 whatever CODEPAGE says, and python-calamine would decode them with the declared code page)."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from sgs_cli.errors import InputError

#: what olefile raises on a damaged container: OSError for what it refuses outright ("not an OLE2
#: structured storage file", "incorrect OLE sector index"), the others on structures cut short
OLE_ERRORS = (OSError, ValueError, struct.error, IndexError, KeyError, TypeError, EOFError)
#: how far into the Workbook stream the CODEPAGE record is looked for (it precedes every BOUNDSHEET)
CODEPAGE_WINDOW = 16384
UTF16_CODEPAGE = 1200


def stream_names(data: bytes) -> set[str]:
    """The lower-case names of the streams in a container (any depth); empty when it cannot be read."""
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            return {entry[-1].lower() for entry in ole.listdir(streams=True, storages=False)}
    except OLE_ERRORS:
        return set()


def _codepage_at(stream: bytes) -> tuple[int, int] | None:
    """(offset of the CODEPAGE value in a BIFF8 Workbook stream, its value), or None when the stream is not
    BIFF8 or has no CODEPAGE record before the first BOUNDSHEET / EOF."""
    buf = stream[:CODEPAGE_WINDOW]
    if len(buf) < 6:
        return None
    rid, rlen = struct.unpack_from("<HH", buf, 0)
    if rid != 0x0809 or rlen < 2 or struct.unpack_from("<H", buf, 4)[0] != 0x0600:
        return None  # not BIFF8: older BIFF really stores 8-bit strings in the code page
    pos = 0
    while pos + 4 <= len(buf):
        rid, rlen = struct.unpack_from("<HH", buf, pos)
        if rid == 0x0042 and rlen == 2 and pos + 6 <= len(buf):
            return pos + 4, struct.unpack_from("<H", buf, pos + 4)[0]
        if rid in (0x000A, 0x0085):  # EOF, or BOUNDSHEET: the CODEPAGE record comes before both
            return None
        pos += 4 + rlen
    return None


def biff8_codepage_fix(data: bytes) -> tuple[bytes, int] | None:
    """A copy of an .xls with its CODEPAGE record set to 1200 (UTF-16) when the workbook is BIFF8 and
    declares another code page, plus the old value; None when nothing needs patching or the container is
    not understood. Excel, WPS and xlwt pad the Workbook stream to 4,096 bytes, so it is a regular stream;
    one in the mini stream (olefile does not rewrite those) is read as it declares itself."""
    import olefile

    try:
        buf = io.BytesIO(data)  # the copy that is patched; the file itself is never opened for writing
        with olefile.OleFileIO(buf, write_mode=True) as ole:
            name = next((e[0] for e in ole.listdir(streams=True, storages=False)
                         if len(e) == 1 and e[0].lower() in ("workbook", "book")), None)
            if name is None:
                return None
            stream = ole.openstream(name).read()
            found = _codepage_at(stream)
            if found is None or found[1] == UTF16_CODEPAGE:
                return None
            at, old = found
            ole.write_stream(name, stream[:at] + struct.pack("<H", UTF16_CODEPAGE) + stream[at + 2:])
        return buf.getvalue(), old
    except NotImplementedError:  # a Workbook stream in the mini stream
        return None
    except OLE_ERRORS:
        return None


def ole_message(path: Path, data: bytes) -> InputError:
    """An OLE container that is not a readable workbook under its name: an encrypted workbook, an .xls under
    an .xlsx name, a Word/PowerPoint document."""
    names = stream_names(data)
    if {"workbook", "book"} & names and "encryptedpackage" not in names:
        return InputError(f"文件“{path.name}”实为旧版 .xls 格式却以 {path.suffix} 命名",
                          "请将扩展名改为 .xls 后再校验，或用 Excel/WPS 打开后另存为 .xlsx")
    if "encryptedpackage" in names or "encryptioninfo" in names:
        return InputError(f"工作簿“{path.name}”已加密（设置了打开密码），无法读取",
                          "请在 Excel/WPS 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再校验")
    if "worddocument" in names or "powerpoint document" in names:
        return InputError(f"文件“{path.name}”是 Word/PowerPoint 文档，不是 Excel 工作簿",
                          "请选择 Excel 工作簿（.xlsx .xls）或 CSV 文件")
    return InputError(f"工作簿“{path.name}”已加密（设置了打开密码）或已损坏，无法读取",
                      "如设置了打开密码，请在 Excel/WPS 中取消密码后另存再校验；否则请重新导出该文件")


__all__ = ["biff8_codepage_fix", "ole_message", "stream_names"]
