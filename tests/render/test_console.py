"""The Windows console: `sgs` run as a subprocess with a GBK (cp936) stdout/stderr prints Chinese,
degrades the glyphs GBK lacks (› → >, → stays, ✓ → √, box drawing stays) and never raises
UnicodeEncodeError; the exit codes are those of the contract."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import PENALTY_ROW
from sgs_cli import standard as S
from sgs_cli.render.console import (
    FALLBACKS,
    GlyphSafeWriter,
    box_style,
    can_encode,
    degrade,
    json_text,
    make_console,
    safe_stream,
    stream_encoding,
)

D = dt.date


def write_penalty(path: Path, rows: list[dict], sheet: str = "行政处罚") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([f.name for f in S.PENALTY.fields])
    for rec in rows:
        ws.append([rec.get(f.code) for f in S.PENALTY.fields])
    wb.save(path)
    return path


@pytest.fixture
def env(tmp_path):
    """A child environment: the built-in calendar only, Unicode file names (as on Windows), the console
    encoding set by PYTHONIOENCODING alone."""
    e = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIOENCODING", "PYTHONUTF8", "SGS_"))}
    e.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / ".config"), APPDATA=str(tmp_path / "AppData"),
             PYTHONUTF8="0", LC_ALL="C.UTF-8", LANG="C.UTF-8", COLUMNS="100")
    return e


def run_sgs(env: dict, encoding: str, *args, cwd=None) -> subprocess.CompletedProcess:
    e = dict(env, PYTHONIOENCODING=encoding)
    return subprocess.run([sys.executable, "-c", "from sgs_cli.cli.app import main; main()", *args],
                          capture_output=True, env=e, cwd=cwd, timeout=120)


def decoded(p: subprocess.CompletedProcess, encoding: str) -> tuple[str, str]:
    """stdout and stderr decoded strictly: the bytes must be valid in the console's encoding."""
    return p.stdout.decode(encoding), p.stderr.decode(encoding)


ENCODINGS = ["gbk", "cp936"]
#: cp936 (what a Chinese Windows console reports) is Python's other name of the GBK codec, read as "gbk" by
#: console.stream_encoding: the validate and error runs go under both names, the other commands under one
GBK = ["gbk"]


@pytest.fixture
def findings_file(tmp_path) -> Path:
    bad = dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A")  # wrong check character (M)
    return write_penalty(tmp_path / "台账.xlsx", [PENALTY_ROW, dict(bad, CF_WSH="中市监罚〔2019〕202号")])


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_validate_with_findings_on_a_gbk_console(env, findings_file, encoding):
    p = run_sgs(env, encoding, "validate", str(findings_file), "--today", "2019-11-08")
    out, err = decoded(p, encoding)
    assert p.returncode == 1, err
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    # the sheet title separator › is not in GBK: degraded to ">", not "?"
    assert "台账.xlsx > 行政处罚" in out
    assert "行政处罚!C3「行政相对人代码_1(统一社会信用代码)」" in out
    assert "统一社会信用代码校验位错误" in out and "USCC_CHECKSUM" in out
    assert "→ 校验位应为 M" in out  # → is in GBK: kept
    assert "?" not in out.replace("（值：", "")


@pytest.mark.parametrize("encoding", GBK)
def test_help_of_every_command_on_a_gbk_console(env, encoding):
    for args in (["--help"], ["validate", "--help"], ["deadlines", "--help"], ["calendar", "--help"],
                 ["monthly-report", "--help"], ["template", "--help"], ["convert", "--help"]):
        p = run_sgs(env, encoding, *args)
        out, err = decoded(p, encoding)
        assert p.returncode == 0, (args, err)
        assert "Traceback" not in err, args
        assert "示例" in out, args


@pytest.mark.parametrize("encoding", GBK)
def test_deadlines_on_a_gbk_console(env, encoding):
    p = run_sgs(env, encoding, "deadlines", "--from", "2025-09-30")
    out, err = decoded(p, encoding)
    assert p.returncode == 0, err
    assert "Traceback" not in err
    assert "2025年10月16日（星期四）" in out


@pytest.mark.parametrize("encoding", GBK)
def test_calendar_on_a_gbk_console(env, encoding):
    p = run_sgs(env, encoding, "calendar", "2025")
    out, err = decoded(p, encoding)
    assert p.returncode == 0, err
    assert "Traceback" not in err
    assert "2025年工作日安排" in out and "10月" in out and "休" in out and "班" in out


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_errors_on_a_gbk_console(env, tmp_path, encoding):
    p = run_sgs(env, encoding, "validate", str(tmp_path / "不存在😀.xlsx"))
    out, err = decoded(p, encoding)
    assert p.returncode == 3
    assert "Traceback" not in err
    assert "错误：找不到文件或文件夹" in err and "不存在?.xlsx" in err  # the emoji has no GBK equivalent
    p = run_sgs(env, encoding, "deadlines", "--from", "2025-13-45")
    out, err = decoded(p, encoding)
    assert p.returncode == 2 and "Traceback" not in err and "--from 的日期" in err


@pytest.mark.parametrize("encoding", GBK)
def test_calendar_year_without_data_on_a_gbk_console(env, encoding):
    p = run_sgs(env, encoding, "calendar", "2099")
    out, err = decoded(p, encoding)
    assert p.returncode == 4
    assert "Traceback" not in err and "2099" in err


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_non_gbk_characters_in_cells_and_file_names_table(env, tmp_path, encoding):
    name = tmp_path / "台账😀›.xlsx"
    write_penalty(name, [dict(PENALTY_ROW, CF_XDR_SHXYM="9123050😀MA1B3N1N2M", CF_XDR_MC="张𠮷商贸")])
    p = run_sgs(env, encoding, "validate", str(name), "--today", "2019-11-08")
    out, err = decoded(p, encoding)
    assert p.returncode == 1, err
    assert "Traceback" not in err
    assert "台账?>.xlsx > 行政处罚" in out


@pytest.mark.parametrize("encoding", GBK)
def test_non_gbk_characters_json(env, tmp_path, encoding):
    name = tmp_path / "台账😀›.xlsx"
    write_penalty(name, [dict(PENALTY_ROW, CF_XDR_SHXYM="9123050😀MA1B3N1N2M")])
    p = run_sgs(env, encoding, "validate", str(name), "--format", "json", "--today", "2019-11-08")
    out, err = decoded(p, encoding)
    assert p.returncode == 1, err
    doc = json.loads(out)
    assert doc["files"][0]["path"] == str(name)


# ---------------------------------------------------------------------------- console.py itself

class FakeStream(io.StringIO):
    def __init__(self, encoding: str, tty: bool = False):
        super().__init__()
        self._enc = encoding
        self._tty = tty

    @property
    def encoding(self):
        return self._enc

    def isatty(self):
        return self._tty


def test_degrade_prefers_close_equivalents_over_question_marks():
    s = "台账.xlsx › 行政处罚 → 提示 ✓ ✗ • ─│┼ … “引号”"
    assert degrade(s, "gbk") == "台账.xlsx > 行政处罚 → 提示 √ × · ─│┼ … “引号”"
    assert degrade(s, "ascii") == '??.xlsx > ???? -> ?? v x * -|+ ... "??"'
    assert degrade(s, "utf-8") == s


def test_every_fallback_is_printable_in_gbk_and_ascii():
    for ch in FALLBACKS:
        for enc in ("gbk", "ascii", "cp1252", "big5"):
            rep = degrade(ch, enc)
            assert "?" not in rep, (ch, enc, rep)
            rep.encode(enc)


def test_safe_stream_wraps_only_encodings_without_full_unicode():
    for enc in ("utf-8", "UTF8", "gb18030", "utf-16"):
        s = FakeStream(enc)
        assert safe_stream(s) is s
    assert stream_encoding(FakeStream("cp936")) == stream_encoding(FakeStream("GBK")) == "gbk"
    for enc in ("gbk", "cp936", "ascii", "cp1252", "big5"):
        w = safe_stream(FakeStream(enc))
        assert isinstance(w, GlyphSafeWriter)
        w.write("a › b 😀")
        w._stream.getvalue().encode(stream_encoding(w))


def test_make_console_on_a_gbk_stream(monkeypatch):
    s = FakeStream("gbk")
    monkeypatch.setattr(sys, "stdout", s)
    con = make_console()
    con.print("[bold]台账.xlsx › 行政处罚[/] " + "很长的说明文字" * 30 + " ✓ 😀")
    text = s.getvalue()
    text.encode("gbk")
    assert "台账.xlsx > 行政处罚" in text and "√ ?" in text
    assert text.count("\n") == 1  # not a terminal: not hard-wrapped at 80 columns
    assert box_style(con).__class__.__name__ == "Box"
    assert can_encode("─│┼", con.file)


def test_make_console_wraps_on_a_terminal(monkeypatch):
    s = FakeStream("utf-8", tty=True)
    monkeypatch.setattr(sys, "stdout", s)
    monkeypatch.setenv("COLUMNS", "40")
    con = make_console()
    con.print("很长的说明文字" * 20)
    assert s.getvalue().count("\n") > 1


def test_box_style_falls_back_to_ascii():
    from rich import box
    from rich.console import Console

    con = Console(file=FakeStream("ascii"))
    assert box_style(con) is box.ASCII2
    con = Console(file=FakeStream("gbk"))
    assert box_style(con) is box.SIMPLE_HEAD


def test_json_text_escapes_only_what_the_console_cannot_print():
    doc = {"path": "台账😀›.xlsx", "value": "张𠮷 a\u2028b", "n": 1, "x": "\\u00e9"}
    text = json.dumps(doc, ensure_ascii=False)
    safe = json_text(text, FakeStream("gbk"))
    safe.encode("gbk")
    assert json.loads(safe) == doc
    assert "台账" in safe and "张" in safe  # readable Chinese stays
    assert json_text(text, FakeStream("utf-8")) == text
    assert json.loads(json_text(text, FakeStream("ascii"))) == doc
