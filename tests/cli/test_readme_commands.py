"""Every command line README.md shows runs, in README order, on the examples (issue 30, part 8): a stale
path, a renamed option or a command that no longer exists fails here. The files a command names are made
from examples/ in one folder (各部门/ holds the two 790 sheets, 台账.xlsx is the penalty sheet, …); files
one command writes are read by the later ones, as a clerk following the README would."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sgs_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
EX = ROOT / "examples"
PENALTY, LICENSE, LEDGER = "行政处罚台账.xlsx", "行政许可台账.xlsx", "双公示台账_2019-11.xlsx"

#: lines not run here, each with its reason
NOT_RUN = {
    "serve": "a long-running server (tests/web/ drives it)",
    "--dask": "a Dask cluster (tests/validation/test_dataset.py runs the same on a local cluster)",
    "--from-notice -": "reads the notice from standard input (the line above it reads the same text from a file)",
}
#: lines whose documented outcome is not exit 0/1, and why
EXIT = {
    "sgs calendar 2027 --from-notice 2027年放假通知.txt": (0,),
    # the form as the line above writes it, not filled in: exit 3, “表中没有填写任何日期”
    "sgs calendar 2027 --holidays 2027年节假日安排填写表.xlsx": (3,),
    # the roster as `sgs template roster` writes it, not filled in: exit 3, “单位名单…中没有单位”
    "sgs monthly-report --month 2019-11 台账文件夹/ --roster 单位名单.xlsx --unit 中牟县信用办": (3,),
    # the office's year (README “信用办的一年”) with the same unfilled roster: exit 3 as well
    "sgs monthly-report --month 2026-09 台账/ --roster 单位名单.xlsx --unit 中牟县发展和改革委员会 -o 月报告.xlsx": (3,),
    "sgs quarterly-report --quarter 2026Q3 台账/ --roster 单位名单.xlsx --register 报送登记表.xlsx "
    "--unit 中牟县发展和改革委员会 -o 季度通报.xlsx": (3,),
    "sgs annual-assessment --year 2026 台账/ --roster 单位名单.xlsx --register 报送登记表.xlsx "
    "--unit 中牟县发展和改革委员会 -o 年度考核.xlsx": (3,),
}


def readme_commands() -> list[str]:
    """The sgs command lines of README.md's code blocks, comments and redirections dropped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, re.S):
        block = re.sub(r"\s*\\\n\s*", " ", block)  # a command continued on the next line (“\” at the end)
        for line in block.splitlines():
            m = re.match(r"^(?:\$ )?(sgs .*)$", line.strip())
            if not m:
                continue
            cmd = re.split(r"\s{2,}#", m.group(1))[0].strip()
            cmd = re.sub(r"\s+>\s*\S+$", "", cmd)  # “> 问题.csv”: the runner captures the output
            if cmd not in out:
                out.append(cmd)
    return out


COMMANDS = readme_commands()


def _notice_2027() -> str:
    """A 2027 notice in the State Council's wording (the 2026 notice's form, 2027's days)."""
    return ("国务院办公厅关于2027年部分节假日安排的通知\n"
            "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。\n"
            "二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。\n")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("readme")
    for name in (PENALTY, LICENSE, LEDGER):
        shutil.copy(EX / name, d / name)
    shutil.copytree(EX, d / "examples", ignore=shutil.ignore_patterns("*.py", "*.md"))
    for sub in ("各部门", "台账文件夹", "全省处罚数据", "台账"):
        (d / sub).mkdir()
        shutil.copy(EX / PENALTY, d / sub / PENALTY)
        if sub != "全省处罚数据":
            shutil.copy(EX / LICENSE, d / sub / LICENSE)
    shutil.copy(EX / PENALTY, d / "台账.xlsx")
    shutil.copy(ROOT / "tests/data/realdata/kevinliu2333-psychology-ptsjzx/corp_cf.xls", d / "旧标准台账.xls")
    (d / "2027年放假通知.txt").write_text(_notice_2027(), encoding="utf-8")
    from catalog_month import write_example_catalogue

    write_example_catalogue(d / "事项目录")  # `sgs reconcile`: 市场监管局's catalogue
    return d


def test_the_readme_shows_the_commands():
    """The parse finds the README's commands (a change of its layout must not make this test vacuous)."""
    assert len(COMMANDS) >= 40
    assert "sgs validate 各部门/ --today 2019-12-31 --submit-date 2019-12-02 --split 拆分结果/" in COMMANDS
    assert "sgs validate 台账.xlsx --format csv" in COMMANDS


@pytest.mark.parametrize("cmd", COMMANDS)
def test_readme_command(cmd, folder, monkeypatch, isolated_sgs_env):
    skip = next((why for key, why in NOT_RUN.items() if key in cmd.split(" ", 2)[1:2] or key in cmd), None)
    if skip:
        pytest.skip(skip)
    monkeypatch.chdir(folder)
    args = shlex.split(cmd, posix=True)[1:]
    args = [a.replace("\\", "/") for a in args]
    out = [a for i, a in enumerate(args) if i and args[i - 1] == "-o"]
    for o in out:  # a line run again (the same -o twice in README): the first file stays
        if Path(o).exists():
            args.append("--force")
    res = CliRunner().invoke(app, args)
    if res.exit_code == 2 and "已存在，未覆盖" in res.output:  # a default output an earlier line wrote: never replaced
        res = CliRunner().invoke(app, args + ["--force"])  # … unless asked to (docs/contract.md)
    assert res.exit_code in EXIT.get(cmd, (0, 1)), (cmd, res.output[-1500:])
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), (cmd, repr(res.exception))
    assert res.output.strip(), cmd
    for o in out:  # written unless the documented outcome is a refusal (exit 3: nothing written)
        assert Path(o).exists() is (res.exit_code in (0, 1)), (cmd, o)
