"""Every file a report was given is accounted for: the files it could not read, and those in its folders it did
not read (another type, a temporary or hidden file), each with the reason and — where its name says — the
department it belongs to. Such a department shows 文件无法读取 in the reports, never 零报送 or 未报送: nobody
knows what its file holds."""

from __future__ import annotations

from pathlib import Path

from sgs_cli.reports import decisions

#: the status of a department whose only file(s) could not be read
UNREAD_STATUS = "文件无法读取"
#: why a report or receipt sgs wrote earlier, lying among the inputs, is not read as data
SGS_OUTPUT = "本工具此前生成的报告或回执，不作为台账读取"


def department_of_file(path: str | Path, roster=None) -> str:
    """The department a file name names: the roster's (or 简称's) spelling in it, else a name cut from it as
    from a ledger title ("中牟县统计局2026年9月台账.et" → 中牟县统计局); "" when it names none."""
    stem = Path(path).stem
    if stem.startswith(("~$", ".")):  # a temporary or hidden file belongs to nobody
        return ""
    if roster is not None:
        got = roster.match_file(stem)
        if got:
            return got
    name = decisions.department_from_title(stem)
    if roster is not None and name:
        return roster.match(name) or name
    return name


def unread_files(paths, result, roster=None) -> list[dict]:
    """{file, reason, department} of every file under ``paths`` that was not read: refused by the reader
    (``result``: the validated findings.Report) or skipped in a folder (io.reading.skipped_in_folders)."""
    from sgs_cli.io.reading import skipped_in_folders

    out = [{"file": fr.path, "reason": fr.error, "department": department_of_file(fr.path, roster), "read_error": True}
           if fr.error else {"file": fr.path, "reason": SGS_OUTPUT, "department": "", "read_error": False}
           for fr in result.files if fr.error or fr.sgs_output]
    roster_path = Path(roster.path).resolve() if roster is not None else None
    for p, why in skipped_in_folders(paths):
        if roster_path is not None and p.resolve() == roster_path:
            continue
        out.append({"file": str(p), "reason": why, "department": department_of_file(p, roster), "read_error": False})
    return out
