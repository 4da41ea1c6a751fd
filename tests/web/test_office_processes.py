"""`sgs serve` as a process: killed, it leaves no worker behind and the port free; SIGTERM stops it
within seconds like Ctrl+C, with the queued checks cancelled and run again at the next start; no child
process ever holds the listening socket. Only 127.0.0.1; every process started here is killed at the end."""

from __future__ import annotations

import os
import signal
import socket
import sys
import time

import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

from served import Client, descendants, holds_socket, kill_all, listening_inode, start_server, wait_gone  # noqa: E402
from webutil import PASSWORD, PENALTY, add_accounts, clean_ledger  # noqa: E402


def submit(client: Client, ledger) -> int:
    status, headers, _ = client.upload("/submit", {"csrf_token": client.csrf("/submit"), "month": "2019-11"},
                                       {"file": ("台账.xlsx", ledger.read_bytes())})
    assert status == 302, status
    return int(headers["Location"].rsplit("/", 1)[1])


def wait_status(data, sid: int, seconds: float = 60) -> str:
    from sgs_cli.web.storage import Store

    store, deadline = Store(data), time.monotonic() + seconds
    while store.submission(sid)["status"] == "checking" and time.monotonic() < deadline:
        time.sleep(0.1)
    return store.submission(sid)["status"]


def port_free(port: int) -> bool:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress binds: a LISTEN socket still refuses
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def test_a_killed_server_leaves_no_process_and_the_port_free(tmp_path):
    data = tmp_path / "data"
    add_accounts(data)
    proc, port = start_server(data)
    seen = set()
    try:
        scjg = Client(port)
        assert scjg.login("scjg", PASSWORD) == 302
        submit(scjg, clean_ledger(tmp_path / "l.xlsx"))  # starts the checker workers; killed mid-check below
        # the 校验 page reads in the reader child (forked from a forkserver, not from the server)
        status, _, _ = scjg.upload("/validate", {"csrf_token": scjg.csrf("/validate")},
                                   {"files": ("行政处罚台账.xlsx", PENALTY.read_bytes())})
        assert status == 302
        seen = descendants(proc.pid)
        assert len(seen) >= 2, seen  # checker worker(s), the reader's forkserver and child ...
        inode = listening_inode(port)
        assert inode is not None
        assert [p for p in seen if holds_socket(p, inode)] == []  # no child holds the listening socket
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        assert wait_gone(seen, 10) == set()  # every worker noticed its parent is gone and exited
        assert port_free(port)  # a restart binds it as waitress does (SO_REUSEADDR): no "Address already in use"
    finally:
        proc.kill()
        proc.wait(10)
        kill_all(seen)


def test_sigterm_stops_like_ctrl_c_and_the_queued_checks_run_at_the_next_start(tmp_path):
    data = tmp_path / "data"
    add_accounts(data)
    proc, port = start_server(data)
    seen = set()
    try:
        scjg = Client(port)
        assert scjg.login("scjg", PASSWORD) == 302
        ledger = clean_ledger(tmp_path / "l.xlsx")
        sids = [submit(scjg, ledger) for _ in range(4)]  # more than the workers: some wait in the queue
        seen = descendants(proc.pid)
        t = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=15)
        assert time.monotonic() - t < 8, "SIGTERM took too long"
        assert proc.returncode == 0 and "已停止。" in out, out
        assert wait_gone(seen, 10) == set()
        assert port_free(port)
    finally:
        proc.kill()
        kill_all(seen)
    from sgs_cli.web.app import create_app
    from sgs_cli.web.storage import Store

    store = Store(data)
    create_app(data)  # the next start checks what the stop cut short (in this thread: check_workers=0)
    assert [(store.submission(s)["status"], store.submission(s)["rows"], store.submission(s)["errors"])
            for s in sids] == [("accepted", 21, 0)] * 4


def test_https_with_a_self_signed_certificate_and_secure_cookies(tmp_path):
    from typer.testing import CliRunner

    from sgs_cli.cli.app import app as cli

    data = tmp_path / "data"
    add_accounts(data)
    r = CliRunner().invoke(cli, ["serve", "cert", "--data", str(data), "--name", "127.0.0.1"])
    assert r.exit_code == 0 and "SHA-256 指纹：" in r.output, r.output
    cert, key = data / "tls" / "sgs-cert.pem", data / "tls" / "sgs-key.pem"
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    again = CliRunner().invoke(cli, ["serve", "cert", "--data", str(data)])
    assert again.exit_code == 2 and "已存在，未覆盖" in again.output
    proc, port = start_server(data, "0", "--cert", str(cert), "--key", str(key))
    seen = set()
    try:
        c = Client(port, cafile=cert)  # the department's browser trusts the office's certificate
        status, headers, body = c.request("/login")
        assert status == 200 and "未使用 HTTPS" not in body.decode()
        assert "Secure" in headers["Set-Cookie"] and "SameSite=Lax" in headers["Set-Cookie"]
        assert c.login("scjg", PASSWORD) == 302 and c.request("/submissions")[0] == 200
        seen = descendants(proc.pid)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=15)
        assert "已停止。" in out
    finally:
        proc.kill()
        kill_all(seen)


def test_plain_http_says_so_at_start_and_on_the_login_page(tmp_path):
    data = tmp_path / "data"
    add_accounts(data)
    proc, port = start_server(data)
    try:
        status, headers, body = Client(port).request("/login")
        assert "未使用 HTTPS 加密" in body.decode() and "Secure" not in headers["Set-Cookie"]
    finally:
        proc.kill()
        proc.wait(10)
        kill_all(descendants(proc.pid))


def test_a_wrong_certificate_is_a_chinese_message(tmp_path):
    from typer.testing import CliRunner

    from sgs_cli.cli.app import app as cli

    data = tmp_path / "data"
    add_accounts(data)
    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate")
    r = CliRunner().invoke(cli, ["serve", "--data", str(data), "--cert", str(bad), "--key", str(bad), "--no-browser"])
    assert r.exit_code == 3 and "无法使用证书" in r.output


def test_a_body_over_the_servers_limit_gets_the_chinese_413_page(tmp_path):
    """Over the limit waitress answers before the application: its page is in Chinese too."""
    data = tmp_path / "data"
    add_accounts(data)
    proc, port = start_server(data, "0", "--max-upload-mb", "1")
    try:
        import socket

        # the declared length is over max-upload-mb + 1 MB of form overhead: waitress answers on the headers. The
        # body is not sent: a client still sending when the server closes gets a reset instead of the page (flaky)
        with socket.create_connection(("127.0.0.1", int(port)), timeout=30) as sock:
            sock.sendall(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                         b"Content-Length: %d\r\nConnection: close\r\n\r\n" % (3 * 1024 * 1024))
            raw = b""
            while chunk := sock.recv(65536):
                raw += chunk
        head, _, page = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = dict(line.split(": ", 1) for line in lines[1:])
        text = page.decode("utf-8")
        assert status == 413 and "上传的文件合计超过 1 MB，请拆分后分批上传。" in text
        assert "Request Entity Too Large" not in text and "text/html" in headers["Content-Type"]
    finally:
        proc.kill()
        proc.wait(10)
        kill_all(descendants(proc.pid))
