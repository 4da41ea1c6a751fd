"""Package imports and the CLI answers."""

from typer.testing import CliRunner

from sgs_cli.cli.app import app


def test_help_lists_validate():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "validate" in result.output


def test_missing_file_is_exit_3(tmp_path):
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "无此文件.xlsx")])
    assert result.exit_code == 3
    assert "找不到文件" in result.output
