"""`sgs serve`: the web page (personal or office mode) and its user accounts."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from sgs_cli.cli.root import app


serve_app = typer.Typer(add_completion=False, rich_markup_mode=None, invoke_without_command=True)


user_app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True,
                       help="办公模式的账号：添加、重设密码、停用、启用、删除、列出。\n\n"
                            "示例：sgs serve user add scjg --unit 县市场监管局 --role department --data 数据目录")


serve_app.add_typer(user_app, name="user")


app.add_typer(serve_app, name="serve")


@serve_app.callback(invoke_without_command=True)
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；127.0.0.1 以外（如 0.0.0.0）需要办公模式和至少一个账号"),
    port: int = typer.Option(8790, "--port", min=0, max=65535, help="端口（0 为任选一个空闲端口）"),
    data: Optional[Path] = typer.Option(None, "--data", help="办公模式的数据目录：账号、报送文件、审计日志（SQLite）"),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器"),
    max_upload_mb: int = typer.Option(50, "--max-upload-mb", min=1, max=1024, help="一次上传的文件合计上限（MB）"),
    contact: Optional[str] = typer.Option(None, "--contact", help="登录页上写的联系人，如 “县信用办 王科长 0371-12345678”"),
    cert: Optional[Path] = typer.Option(None, "--cert", help="HTTPS 证书（PEM）；与 --key 一起使用，见 sgs serve cert"),
    key: Optional[Path] = typer.Option(None, "--key", help="HTTPS 私钥（PEM，无密码）"),
):
    """在浏览器中使用 sgs。默认只在本机 127.0.0.1 上运行并打开浏览器（本机模式，无需登录）。

    办公模式：sgs serve --host 0.0.0.0 --data 数据目录。各部门用自己的账号报送台账，信用办查看报送汇总、
    生成月报告；每次报送都保存为新版本，查看和下载记入审计日志。账号用 sgs serve user add 创建。
    需要安装网页组件：pip install 'sgs-cli[web]'。

    示例：sgs serve --host 0.0.0.0 --port 8790 --data D:\\双公示数据
    """
    if ctx.invoked_subcommand is not None:
        return
    from sgs_cli.web.server import run

    run(host=host, port=port, data=data, open_browser=not no_browser, max_upload_mb=max_upload_mb, contact=contact,
        cert=cert, key=key)


def _read_password(from_stdin: bool) -> str:
    import getpass
    import sys

    from sgs_cli.errors import UsageError

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再输入一次：") != first:
        raise UsageError("两次输入的密码不一致，账号未改动", "请重新运行并输入相同的密码")
    return first


@serve_app.command("cert")
def serve_cert(
    data: Path = typer.Option(..., "--data", help="办公模式的数据目录（证书保存在其中的 tls 文件夹）"),
    name: list[str] = typer.Option([], "--name", help="部门在浏览器中输入的地址：本机 IP 或计算机名，可写多次"),
    force: bool = typer.Option(False, "--force", help="已有证书时重新生成"),
):
    """为办公模式生成自签名 HTTPS 证书（有效期约两年），然后用 --cert --key 启动。

    示例：sgs serve cert --data D:\\双公示数据 --name 192.168.1.20 --name xyb-pc
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.web import tls
    from sgs_cli.web.server import require_web_stack

    require_web_stack()
    tls.require_tls_stack()
    cert, key, fingerprint = tls.make_self_signed(Path(data).expanduser() / "tls", name, force=force)
    con = make_console()
    con.print(f"已生成证书：{cert}\n私钥：{key}（只有本账号可读）\nSHA-256 指纹：{fingerprint}", markup=False)
    con.print(f"启动：sgs serve --host 0.0.0.0 --data {data} --cert {cert} --key {key}", markup=False)
    con.print("各部门第一次打开时浏览器会提示证书不受信任：请核对上面的指纹后选择继续，"
              "或由信息中心把 sgs-cert.pem 导入各电脑的“受信任的根证书颁发机构”。", markup=False)


@user_app.command("add")
def user_add(
    username: str = typer.Argument(..., help="用户名（登录用，不含空格）"),
    unit: str = typer.Option(..., "--unit", help="单位名称，如 县市场监管局；部门账号只能看到本单位的报送"),
    role: str = typer.Option("department", "--role", help="角色：department（部门）或 office（信用办）"),
    data: Path = typer.Option(..., "--data", help="办公模式的数据目录"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="从标准输入读取密码（供脚本使用）"),
):
    """添加一个账号（密码用 scrypt 加密保存）。

    示例：sgs serve user add xyb --unit 县信用办 --role office --data 数据目录
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.web.server import add_user, require_web_stack

    require_web_stack()
    add_user(data, username, unit, role, _read_password(password_stdin))
    make_console().print(f"已添加账号：{username}（{unit}，{'信用办' if role == 'office' else '部门'}）", markup=False)


@user_app.command("passwd")
def user_passwd(
    username: str = typer.Argument(..., help="用户名"),
    data: Path = typer.Option(..., "--data", help="办公模式的数据目录"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="从标准输入读取密码（供脚本使用）"),
):
    """重设账号的密码。

    示例：sgs serve user passwd scjg --data 数据目录
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.web.server import require_web_stack, set_password

    require_web_stack()
    set_password(data, username, _read_password(password_stdin))
    make_console().print(f"已重设密码：{username}", markup=False)


@user_app.command("disable")
def user_disable(
    username: str = typer.Argument(..., help="用户名"),
    data: Path = typer.Option(..., "--data", help="办公模式的数据目录"),
):
    """停用账号：立即结束它的所有登录，之后不能再登录（报送记录保留）。

    示例：sgs serve user disable scjg --data 数据目录
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.web.server import disable_user, require_web_stack

    require_web_stack()
    ended = disable_user(data, username)
    make_console().print(f"已停用账号：{username}（结束 {ended} 个登录）", markup=False)


@user_app.command("enable")
def user_enable(
    username: str = typer.Argument(..., help="用户名"),
    data: Path = typer.Option(..., "--data", help="办公模式的数据目录"),
):
    """重新启用已停用的账号。

    示例：sgs serve user enable scjg --data 数据目录
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.web.server import enable_user, require_web_stack

    require_web_stack()
    enable_user(data, username)
    make_console().print(f"已启用账号：{username}", markup=False)


@user_app.command("remove")
def user_remove(
    username: str = typer.Argument(..., help="用户名"),
    data: Path = typer.Option(..., "--data", help="办公模式的数据目录"),
):
    """删除账号：立即结束它的所有登录（报送记录和审计日志保留）。

    示例：sgs serve user remove scjg --data 数据目录
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.web.server import remove_user, require_web_stack

    require_web_stack()
    ended = remove_user(data, username)
    make_console().print(f"已删除账号：{username}（结束 {ended} 个登录）", markup=False)


@user_app.command("list")
def user_list(data: Path = typer.Option(..., "--data", help="办公模式的数据目录")):
    """列出账号。

    示例：sgs serve user list --data 数据目录
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.web.server import list_users, require_web_stack

    require_web_stack()
    con = make_console()
    for u in list_users(data):
        state = "\t已停用" if u["disabled"] else ""
        con.print(f"{u['username']}\t{u['unit']}\t{'信用办' if u['role'] == 'office' else '部门'}\t{u['created_at']}"
                  f"{state}", markup=False)
