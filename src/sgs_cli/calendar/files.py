"""Files of the working-day calendar that users write: the override JSON file (one year added by
``sgs calendar YEAR --from-notice``) and the fill-in Excel sheet (``sgs calendar YEAR --template``),
which ``--holidays`` reads like the JSON file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sgs_cli.errors import OutputError
from sgs_cli.io.write import atomic_write_text
from sgs_cli.calendar.overrides import (
    HEADERS,
    SHEET_TITLE,
    TYPE_OFF,
    TYPE_WORK,
    CalendarFileError,
    parse_override_text,
)


TEMPLATE_ROWS = 60


# ------------------------------------------------------------------------------------- JSON file


def save_year(path: str | Path, year: int, entry: dict, force: bool = False) -> str:
    """Put ``entry`` as the data of ``year`` into the override file at ``path`` (created with its
    folder if missing; other years and ``_`` notes kept). Returns "新增", "替换" or "未变".

    An existing, different entry of the year is replaced only with ``force``; the file is written
    atomically (temporary file + rename)."""
    p = Path(path).expanduser()
    data: dict = {}
    if p.exists():
        try:
            text = p.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise CalendarFileError(p, f"无法读取（{e}）") from None
        parse_override_text(text, p)  # refuse to rewrite a broken file
        data = json.loads(text)
    key = str(year)
    old = data.get(key)
    if old is not None:
        same = {k: old.get(k) for k in ("holidays", "workdays")} == {k: entry.get(k) for k in ("holidays", "workdays")}
        if same:
            return "未变"
        if not force:
            raise OutputError(f"节假日文件 {p} 中已有{year}年的安排，与本次内容不同，未覆盖",
                              "核对无误后加 --force 替换该年的安排")
    data[key] = entry
    data = dict(sorted(data.items(), key=lambda kv: (not kv[0].startswith("_"), kv[0])))
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    parse_override_text(text, p)  # what is written must read back
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"无法写入节假日文件 {p}：{e.strerror or e}", "请检查该文件夹的写入权限") from None
    atomic_write_text(text, p, suffixes=(p.suffix.lower() or ".json",))
    return "替换" if old is not None else "新增"


# ---------------------------------------------------------------------------------- Excel sheet


def write_template(year: int, out: str | Path, force: bool = False) -> Path:
    """The fill-in sheet for ``year``: one row per day off or 调休 working day."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from sgs_cli.calendar import provisional
    from sgs_cli.io.write import atomic_write_workbook, refuse_existing, set_text

    out = Path(out)
    refuse_existing([out], force)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.merge_cells("A1:D1")
    set_text(ws["A1"], f"{year}年节假日安排填写表")
    ws["A1"].font = Font(bold=True, size=14)
    set_text(ws["A2"], "年份")
    ws["B2"] = int(year)
    ws["A2"].font = Font(bold=True)
    ws.merge_cells("A3:D3")
    set_text(ws["A3"],
             f"请按《国务院办公厅关于{year}年部分节假日安排的通知》填写：放假的每一天（包括假期中的周六、周日）填一行，"
             f"类型选“{TYPE_OFF}”；调休上班的周六、周日填一行，类型选“{TYPE_WORK}”。"
             f"日期写成 {year}-01-01。填好后运行 sgs calendar {year} --holidays 本文件 核对，"
             f"计算期限时同样加 --holidays 本文件。")
    ws["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[3].height = 64
    try:
        ref = provisional.statutory_holidays(year)
        by_name: dict[str, list[dt.date]] = {}
        for d, n in ref.items():
            by_name.setdefault(n, []).append(d)
        parts = [f"{n} " + "、".join(f"{d.month}月{d.day}日" for d in ds) for n, ds in by_name.items()]
        hint = f"参考：{provisional.LAW}规定的法定节假日为 " + "；".join(parts) + "。通知中的调休安排以通知为准。"
    except provisional.ProvisionalUnavailable:
        hint = "参考：以通知为准。"
    ws.merge_cells("A4:D4")
    set_text(ws["A4"], hint)
    ws["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[4].height = 48
    fill = PatternFill("solid", fgColor="D9E1F2")
    for c, h in enumerate(HEADERS, start=1):
        cell = ws.cell(6, c)
        set_text(cell, h)
        cell.font, cell.fill = Font(bold=True), fill
    first, last = 7, 6 + TEMPLATE_ROWS
    dv_type = DataValidation(type="list", formula1=f'"{TYPE_OFF},{TYPE_WORK}"', allow_blank=True,
                             showErrorMessage=True, errorTitle="类型", error=f"请选择“{TYPE_OFF}”或“{TYPE_WORK}”")
    dv_date = DataValidation(type="date", operator="between",
                             formula1=f"DATE({year - 1},12,1)", formula2=f"DATE({year + 1},1,31)",
                             allow_blank=True, showErrorMessage=True, errorTitle="日期",
                             error=f"请填写{year}年的日期，例如 {year}-01-01")
    ws.add_data_validation(dv_type)
    ws.add_data_validation(dv_date)
    dv_type.add(f"B{first}:B{last}")
    dv_date.add(f"A{first}:A{last}")
    for r in range(first, last + 1):
        ws.cell(r, 1).number_format = "yyyy-mm-dd"
    for col, width in zip("ABCD", (14, 10, 16, 40)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A7"
    return atomic_write_workbook(wb, out)
