"""Starting the web application with waitress (pure Python, runs on Windows) and the account commands."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from sgs_cli.errors import InputError, UsageError

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
THREADS = 8


def require_web_stack() -> None:
    try:
        import flask  # noqa: F401
        import waitress  # noqa: F401
    except ImportError:
        raise UsageError("网页功能需要额外的组件，尚未安装",
                         "请运行 pip install 'sgs-cli[web]'（在源代码目录中为 pip install '.[web]'）") from None


def open_store(data: Path | str):
    from sgs_cli.web.storage import Store

    try:
        return Store(data)
    except OSError as e:
        raise InputError(f"无法使用数据目录“{data}”：{e.strerror or e}") from None


def check_listen(host: str, data: Path | None) -> None:
    """Nothing listens beyond 127.0.0.1 without office mode and at least one account."""
    if data is None:
        if host not in LOOPBACK:
            raise UsageError(f"本机模式只能在 127.0.0.1 上运行，不能监听 {host}",
                             "在内网提供服务请用办公模式：sgs serve --host 0.0.0.0 --data 数据目录，"
                             "并先用 sgs serve user add 创建账号")
        return
    if not (Path(data).expanduser() / "sgs.sqlite3").exists() or open_store(data).count_users() == 0:
        raise UsageError(f"数据目录“{data}”中还没有任何账号，无法登录",
                         f"先运行 sgs serve user add 用户名 --unit 单位名称 --role office --data {data} 创建信用办账号")


def run(host: str = "127.0.0.1", port: int = 8790, data: Path | None = None, open_browser: bool = True,
        max_upload_mb: int = 50, echo=print, contact: str | None = None, cert: Path | None = None,
        key: Path | None = None) -> None:
    require_web_stack()
    check_listen(host, data)
    https = cert is not None or key is not None
    if https:
        from sgs_cli.web import tls

        if cert is None or key is None:
            raise UsageError("HTTPS 需要同时给出 --cert 和 --key", "可用 sgs serve cert --data 数据目录 生成自签名证书")
        tls.require_tls_stack()
        tls.check_pair(cert, key)
    os.environ.setdefault("SGS_WORKERS", "1")  # requests run in threads; no worker processes per request
    from waitress import create_server

    from sgs_cli.io import contain
    from sgs_cli.web.app import create_app
    from sgs_cli.web.httpserver import stop_on_sigterm, use_chinese_errors

    if data is not None and hasattr(os, "umask"):
        os.umask(0o077)  # submissions, receipts and the database hold personal data: the server's account only
    # the reader child is forked from a clean process, never from this one that holds the listening socket
    contain.START_METHOD = "forkserver"
    stop_on_sigterm()
    app = create_app(data, max_upload_mb=max_upload_mb, check_workers=max(1, min(4, os.cpu_count() or 1)),
                     contact=(contact or "").strip()[:200] or None, https=https)
    try:
        if cert is not None and key is not None:  # https (both given: checked above)
            server = tls.https_server(app, host, port, cert, key, THREADS)
            bound = server.bind_addr[1]
        else:
            server = create_server(app, host=host, port=port, threads=THREADS, max_request_body_size=
                                   max_upload_mb * 1024 * 1024 + 1024 * 1024, ident="sgs")
            use_chinese_errors(server, max_upload_mb)
            bound = server.effective_port
    except OSError as e:
        _stop(app)
        raise UsageError(f"无法在 {host}:{port} 上启动：{e.strerror or e}", "端口可能已被占用，请用 --port 换一个端口") from None
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"{'https' if https else 'http'}://{shown}:{bound}/"
    mode = f"办公模式，数据目录 {Path(data).resolve()}" if data is not None else "本机模式，只有本电脑可以访问"
    echo(f"sgs 网页已启动（{mode}）：{url}")
    if host in ("0.0.0.0", "::"):
        echo(f"内网其他电脑请用本机的 IP 地址访问，例如 {'https' if https else 'http'}://192.168.x.x:{bound}/")
    if data is not None and host not in LOOPBACK and not https:
        echo("注意：未使用 HTTPS，身份证号、密码等在内网中明文传送。建议：sgs serve cert --data 数据目录 生成证书，"
             "再加 --cert --key 启动（见使用说明）。")
    echo("按 Ctrl+C 停止。")
    sys.stdout.flush()
    if open_browser:
        import webbrowser

        threading.Timer(0.5, lambda: webbrowser.open(url)).start()
    try:
        server.serve() if https else server.run()
    except KeyboardInterrupt:
        echo("正在停止……")
    finally:
        server.stop() if https else server.close()
        _stop(app)
    echo("已停止。")


def _stop(app) -> None:
    """Cancel the queued checks and end the running ones and the reader child: a stop takes seconds,
    not the rest of a large check (the submissions cut short stay 校验中 and run at the next start)."""
    from sgs_cli.io import contain

    checker = app.extensions.get("sgs_checker")
    if checker is not None:
        checker.close()
    contain.shutdown()


ROLE_CHOICES = ("department", "office")


def add_user(data: Path, username: str, unit: str, role: str, password: str) -> None:
    from sgs_cli.web.auth import hash_password, password_problem

    username, unit = username.strip(), unit.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise UsageError(f"用户名“{username}”无效", "用户名不能为空、不能含空格，最多64个字符")
    if not unit or len(unit) > 60:
        raise UsageError("请用 --unit 填写单位名称（最多60个字）", "如 --unit 县市场监管局")
    if role not in ROLE_CHOICES:
        raise UsageError(f"角色“{role}”无效", "可选：department（部门）、office（信用办）")
    problem = password_problem(password)
    if problem:
        raise UsageError(problem, "请换一个更长、同时含字母和数字的密码")
    store = open_store(data)
    if store.user(username) is not None:
        raise UsageError(f"账号“{username}”已存在", "如需重设密码，请用 sgs serve user passwd")
    store.add_user(username, unit, role, hash_password(password))


def set_password(data: Path, username: str, password: str) -> None:
    from sgs_cli.web.auth import hash_password, password_problem

    problem = password_problem(password)
    if problem:
        raise UsageError(problem, "请换一个更长、同时含字母和数字的密码")
    store = open_store(data)
    if not store.set_password(username, hash_password(password)):  # ends every session of the account
        raise UsageError(f"账号“{username}”不存在", "用 sgs serve user list 查看已有账号")
    store.audit("系统", "", "account", f"账号 {username}", "重设密码（命令行），已结束其全部登录会话")


def _existing_store(data: Path, username: str):
    store = open_store(data)
    if store.user(username) is None:
        raise UsageError(f"账号“{username}”不存在", "用 sgs serve user list 查看已有账号")
    return store


def disable_user(data: Path, username: str) -> int:
    """Disable an account: it can no longer log in and its sessions end at once. Returns how many
    sessions ended."""
    store = _existing_store(data, username)
    ended = store.sessions_of(username)
    store.set_disabled(username, True)
    store.audit("系统", "", "account", f"账号 {username}", f"停用（命令行），结束 {ended} 个登录会话")
    return ended


def enable_user(data: Path, username: str) -> None:
    store = _existing_store(data, username)
    store.set_disabled(username, False)
    store.audit("系统", "", "account", f"账号 {username}", "启用（命令行）")


def remove_user(data: Path, username: str) -> int:
    """Remove an account (its submissions and the audit log stay); its sessions end at once."""
    store = _existing_store(data, username)
    ended = store.sessions_of(username)
    store.remove_user(username)
    store.audit("系统", "", "account", f"账号 {username}", f"删除（命令行），结束 {ended} 个登录会话")
    return ended


def list_users(data: Path) -> list:
    return open_store(data).users()
