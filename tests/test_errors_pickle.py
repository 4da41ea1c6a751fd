"""Every SgsError crosses a process boundary (worker processes, the contained reader) with its fields."""

import importlib
import pickle
import pkgutil
from pathlib import Path

import sgs_cli
from sgs_cli.calendar.overrides import CalendarFileError
from sgs_cli.calendar.workdays import CalendarDataMissing
from sgs_cli.errors import InputError, OutputError, SgsError, UsageError


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


#: one instance of each subclass, built as the code builds it
SAMPLES = {
    SgsError: lambda: SgsError("消息", "提示"),
    InputError: lambda: InputError("无法读取文件“a.xlsx”", "请检查文件"),
    UsageError: lambda: UsageError("参数错误"),
    OutputError: lambda: OutputError("输出文件已存在", "加 --force"),
    CalendarDataMissing: lambda: CalendarDataMissing(2027, [2025, 2026], default_path=Path("/x/holidays.json")),
    CalendarFileError: lambda: CalendarFileError("h.json", "不是 JSON", line=3),
}


def test_every_subclass_has_a_sample():
    for mod in pkgutil.walk_packages(sgs_cli.__path__, "sgs_cli."):  # import all: every subclass defined
        if ".web" in mod.name or mod.name.endswith("__main__"):
            continue
        importlib.import_module(mod.name)
    assert set(_all_subclasses(SgsError)) | {SgsError} == set(SAMPLES)


def test_round_trip_keeps_class_fields_and_text():
    for cls, make in SAMPLES.items():
        err = make()
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is cls
        assert back.__dict__ == err.__dict__, cls
        assert str(back) == str(err) and back.args == err.args
        assert back.exit_code == err.exit_code


def test_calendar_data_missing_fields():
    back = pickle.loads(pickle.dumps(CalendarDataMissing(2027, [2026, 2025])))
    assert (back.year, back.covered) == (2027, [2025, 2026])
    assert back.message.startswith("缺少 2027 年的节假日和调休安排数据")
    assert back.exit_code == 4


def test_calendar_file_error_fields():
    back = pickle.loads(pickle.dumps(CalendarFileError("h.json", "不是 JSON", line=3)))
    assert (back.path, back.reason, back.line) == ("h.json", "不是 JSON", 3)
    assert back.message == "节假日文件 h.json 第 3 行有误：不是 JSON"
