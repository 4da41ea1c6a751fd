"""Holiday override files: the JSON file (--holidays, ~/.sgs/holidays.json) and the fill-in sheet of `sgs calendar YEAR --template`, read and checked, with the line or row of any error."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Union

from sgs_cli.errors import EXIT_INPUT, SgsError

TYPE_OFF, TYPE_WORK = "放假", "上班"


DateLike = Union[date, datetime, str]


_FORMAT_EXAMPLE = (
    '{{"{y}": {{"holidays": ["{y}-01-01", "…"], "workdays": ["…"]}}}}\n'
    "（holidays 填放假日期，workdays 填调休上班的周末日期，日期写成 YYYY-MM-DD；"
    "也可写成 {{\"{y}-01-01\": \"元旦\"}} 的形式附带节日名称。文件中的年份会整体替换内置数据。）"
)


class CalendarFileError(SgsError):
    """An override (holidays) file cannot be read or is not in the expected format (exit code 3)."""

    exit_code = EXIT_INPUT

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"第 {line} 行" if line else ""
        message = f"节假日文件 {self.path} {where}有误：{reason}"
        hint = "请按以下格式修改该文件：\n" + _FORMAT_EXAMPLE.format(y=2027)
        super().__init__(message, hint)

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}"


def coerce_date(value: DateLike) -> date:
    """A ``date`` from a date, a datetime or an ISO string ``YYYY-MM-DD`` (also ``YYYY/MM/DD``)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*", value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
        raise ValueError(f"无法识别的日期：{value!r}，请写成 YYYY-MM-DD，例如 2025-09-30")
    raise TypeError(f"无法识别的日期：{value!r}")


@dataclass
class _YearData:
    holidays: dict[date, str | None]
    workdays: dict[date, str | None]


def _line_of(text: str, token: str) -> int | None:
    idx = text.find(token)
    if idx < 0:
        return None
    return text.count("\n", 0, idx) + 1


def _parse_dates(path, text, year: int, key: str, value) -> dict[date, str | None]:
    if value is None:
        return {}
    if isinstance(value, list):
        items = [(v, None) for v in value]
    elif isinstance(value, dict):
        items = list(value.items())
    else:
        raise CalendarFileError(
            path, f"{year} 年的 \"{key}\" 应为日期列表或“日期: 名称”对象", _line_of(text, f'"{key}"')
        )
    out: dict[date, str | None] = {}
    for raw, name in items:
        if not isinstance(raw, str) or not _ISO_RE.fullmatch(raw.strip()):
            raise CalendarFileError(
                path,
                f"{year} 年 \"{key}\" 中的 {json.dumps(raw, ensure_ascii=False)} 不是 YYYY-MM-DD 格式的日期",
                _line_of(text, json.dumps(raw, ensure_ascii=False)) if isinstance(raw, str) else None,
            )
        try:
            d = date.fromisoformat(raw.strip())
        except ValueError:
            raise CalendarFileError(
                path, f"{year} 年 \"{key}\" 中的 \"{raw}\" 不是有效日期", _line_of(text, f'"{raw}"')
            ) from None
        if abs(d.year - year) > 1:
            raise CalendarFileError(
                path,
                f"日期 {raw} 写在了 {year} 年下面（只允许 {year} 年及相邻年份的日期）",
                _line_of(text, f'"{raw}"'),
            )
        if name is not None and not isinstance(name, str):
            raise CalendarFileError(path, f"日期 {raw} 的名称应为文字", _line_of(text, f'"{raw}"'))
        if d in out:
            raise CalendarFileError(path, f"{year} 年 \"{key}\" 中的日期 {raw} 重复", _line_of(text, f'"{raw}"'))
        out[d] = (name.strip() or None) if isinstance(name, str) else None
    return out


def parse_override_text(text: str, path: str | Path = "<text>") -> dict[int, _YearData]:
    """Parse the JSON text of an override file; raises :class:`CalendarFileError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise CalendarFileError(path, f"不是有效的 JSON（第 {e.colno} 列：{e.msg}）", e.lineno) from None
    except RecursionError:  # [[[[… nested thousands deep: a bound on what one file can make the parser do
        raise CalendarFileError(path, "不是有效的节假日文件（括号嵌套过深）") from None
    if not isinstance(data, dict):
        raise CalendarFileError(path, "最外层应为对象，每个年份一个键，例如 {\"2027\": {...}}")
    years: dict[int, _YearData] = {}
    for key, value in data.items():
        if isinstance(key, str) and key.startswith("_"):
            continue
        if not re.fullmatch(r"\d{4}", str(key).strip()):
            raise CalendarFileError(path, f"键 \"{key}\" 不是四位年份", _line_of(text, f'"{key}"'))
        year = int(str(key).strip())
        if not 1949 <= year <= 2200:
            raise CalendarFileError(path, f"年份 {year} 超出范围", _line_of(text, f'"{key}"'))
        if year in years:
            raise CalendarFileError(path, f"年份 {year} 重复出现", _line_of(text, f'"{key}"'))
        if not isinstance(value, dict):
            raise CalendarFileError(
                path, f"{year} 年的值应为对象，包含 \"holidays\" 和 \"workdays\"", _line_of(text, f'"{key}"')
            )
        unknown = [k for k in value if k not in ("holidays", "workdays", "note")]
        if unknown:
            raise CalendarFileError(
                path,
                f"{year} 年下有无法识别的键 \"{unknown[0]}\"（只能是 \"holidays\"、\"workdays\"、\"note\"）",
                _line_of(text, f'"{unknown[0]}"'),
            )
        hol = _parse_dates(path, text, year, "holidays", value.get("holidays"))
        wrk = _parse_dates(path, text, year, "workdays", value.get("workdays"))
        both = sorted(set(hol) & set(wrk))
        if both:
            d = both[0].isoformat()
            raise CalendarFileError(
                path, f"{d} 同时出现在 {year} 年的 \"holidays\" 和 \"workdays\" 中", _line_of(text, f'"{d}"')
            )
        years[year] = _YearData(hol, wrk)
    return years


def read_override_file(path: str | Path) -> dict[int, _YearData]:
    """Read and validate an override file (JSON, or the Excel sheet of ``sgs calendar YEAR --template``);
    raises :class:`CalendarFileError`."""
    from sgs_cli.io.textfile import UnreadableText, check_regular, os_reason, read_user_text

    p = Path(path).expanduser()
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            check_regular(p)  # a FIFO named .xlsx would block openpyxl for ever
        except FileNotFoundError:
            raise CalendarFileError(path, "文件不存在") from None
        except OSError as e:
            raise CalendarFileError(path, f"无法读取（{os_reason(e)}）") from None
        return read_sheet(p)

    try:
        text = read_user_text(p, ("utf-8-sig", "gb18030"))
    except UnreadableText as e:
        reason = {"missing": "文件不存在", "too_large": e.reason, "encoding": "无法识别文件编码，请保存为 UTF-8"}
        raise CalendarFileError(path, reason.get(e.kind, f"无法读取（{e.reason}）")) from None
    return parse_override_text(text, path)


SHEET_TITLE = "节假日安排"


HEADERS = ("日期", "类型", "节日名称", "备注")


_OFF_WORDS = {"放假", "休", "休息", "节假日", "假日", "补休"}


_WORK_WORDS = {"上班", "班", "调休上班", "补班", "工作日"}


def read_sheet(path: str | Path) -> dict:
    """Read a filled-in sheet into the override structure {year: _YearData}; CalendarFileError with the
    row number for anything wrong."""
    from openpyxl import load_workbook

    p = Path(path).expanduser()
    try:
        wb = load_workbook(p, data_only=True, read_only=True)
    except FileNotFoundError:
        raise CalendarFileError(path, "文件不存在") from None
    except Exception as e:  # noqa: BLE001 - any damage of the workbook: a Chinese message
        raise CalendarFileError(path, f"无法作为 Excel 工作簿读取（{type(e).__name__}）") from None
    try:
        ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    year, header = None, None
    for i, row in enumerate(rows[:30]):
        cells = [str(v).strip() if v is not None else "" for v in row]
        if cells and cells[0] == "年份" and len(row) > 1 and row[1] is not None:
            try:
                year = int(str(row[1]).strip().rstrip("年"))
            except ValueError:
                raise CalendarFileError(path, f"年份“{row[1]}”不是四位数字", i + 1) from None
        if "日期" in cells and "类型" in cells:
            header = (i, cells.index("日期"), cells.index("类型"),
                      cells.index("节日名称") if "节日名称" in cells else None)
            break
    if header is None:
        raise CalendarFileError(path, "找不到“日期”“类型”表头（请用 sgs calendar 年份 --template 生成的表）")
    hr, c_date, c_type, c_name = header
    holidays: dict[str, str] = {}
    workdays: dict[str, str] = {}
    seen: dict[dt.date, int] = {}
    for i, row in enumerate(rows[hr + 1:], start=hr + 2):
        raw, kind, name = (row[c] if c is not None and c < len(row) else None for c in (c_date, c_type, c_name))
        if raw in (None, "") and kind in (None, ""):
            continue
        if raw in (None, ""):
            raise CalendarFileError(path, "有类型没有日期", i)
        try:
            d = coerce_date(raw if not isinstance(raw, str) else raw.strip())
        except (ValueError, TypeError):
            raise CalendarFileError(path, f"“{raw}”不是日期，请写成 YYYY-MM-DD", i) from None
        kind = str(kind or "").strip()
        if kind in _OFF_WORDS:
            target = holidays
        elif kind in _WORK_WORDS:
            target = workdays
        else:
            raise CalendarFileError(path, f"{d.isoformat()} 的类型“{kind}”无法识别，应为“{TYPE_OFF}”或“{TYPE_WORK}”", i)
        if d in seen:
            raise CalendarFileError(path, f"{d.isoformat()} 重复出现（另见第 {seen[d]} 行）", i)
        seen[d] = i
        if year is not None and abs(d.year - year) > 1:
            raise CalendarFileError(path, f"日期 {d.isoformat()} 不属于{year}年（只允许该年及相邻年份的日期）", i)
        target[d.isoformat()] = str(name).strip() if name not in (None, "") else ""
    if not seen:
        raise CalendarFileError(path, "表中没有填写任何日期")
    if year is None:
        years = [d.year for d in seen]
        year = max(set(years), key=years.count)
    data = {str(year): {"holidays": holidays, "workdays": workdays}}
    return parse_override_text(json.dumps(data, ensure_ascii=False), path)


_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
