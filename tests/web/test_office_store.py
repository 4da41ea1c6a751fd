"""Office mode in production: a write cut short (disk full, a kill at each step) never wedges the store;
a check cut short or failed is never 退回; sessions end at logout, password change, disable, remove and
after their idle and absolute lifetimes; the small things an attack day found."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import stat
import subprocess
import sys
import textwrap
import time

import openpyxl
import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from webutil import LEDGER, add_accounts, clean_ledger, csrf, login  # noqa: E402

from sgs_cli.web import sessions  # noqa: E402
from sgs_cli.web.app import create_app  # noqa: E402
from sgs_cli.web.storage import Store  # noqa: E402

SRC = os.path.join(os.path.dirname(__file__), "..", "..", "src")


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SGS_HOLIDAYS", raising=False)
    add_accounts(tmp_path / "data")
    return tmp_path / "data"


def client(app, username="scjg"):
    c = app.test_client()
    assert login(c, username).status_code == 302
    return c


def submit(c, path, name="台账.xlsx", month="2019-11"):
    token = csrf(c.get("/submit").get_data(as_text=True))
    return c.post("/submit", data={"csrf_token": token, "month": month, "file": (io.BytesIO(path.read_bytes()), name)},
                  content_type="multipart/form-data")


def sid_of(r) -> int:
    assert r.status_code == 302, r.get_data(as_text=True)
    return int(r.headers["Location"].rsplit("/", 1)[1])


def store_files(data) -> list[str]:
    return sorted(str(p.relative_to(data / "files")) for p in (data / "files").rglob("*"))


# ------------------------------------------------------------------------------------------ 1. writes


def test_a_full_disk_leaves_no_row_and_no_folder_and_the_next_upload_works(data, tmp_path, monkeypatch):
    app = create_app(data)
    c = client(app)
    ledger = clean_ledger(tmp_path / "l.xlsx")
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    r = submit(c, ledger)
    assert r.status_code == 503 and "磁盘空间不足或无法写入），本次报送未保存" in r.get_data(as_text=True)
    monkeypatch.setattr(os, "fsync", real_fsync)
    store = app.extensions["sgs_store"]
    assert store.submissions() == [] and store_files(data) == [".incoming"]
    # the next uploads of every unit work, and the first one gets id 1, version 1
    assert sid_of(submit(c, ledger)) == 1
    assert sid_of(submit(client(app, "wjw"), ledger)) == 2
    assert [(r["id"], r["unit"], r["version"], r["status"]) for r in store.submissions()] == [
        (2, "县卫健委", 1, "accepted"), (1, "县市场监管局", 1, "accepted")]


@pytest.mark.parametrize("step", ["temp", "row", "moved"])
def test_an_error_at_each_step_of_a_write_leaves_nothing(data, tmp_path, step):
    store = Store(data)

    def fail(name):
        if name == step:
            raise OSError(errno.EIO, "I/O error")

    store.fault = fail
    with pytest.raises(OSError):
        store.new_submission(unit="县市场监管局", username="scjg", month="2019-11", original_name="a.xlsx",
                             suffix=".xlsx", data=b"x")
    assert store.submissions() == [] and store_files(data) == [".incoming"]
    store.fault = None
    sid, path = store.new_submission(unit="县市场监管局", username="scjg", month="2019-11", original_name="a.xlsx",
                                     suffix=".xlsx", data=b"x")
    assert (sid, path.read_bytes(), store.submission(sid)["version"]) == (1, b"x", 1)


KILL = textwrap.dedent("""
    import os, sys
    from sgs_cli.web.storage import Store
    store = Store(sys.argv[1])
    store.fault = lambda name: os._exit(9) if name == sys.argv[2] else None
    store.new_submission(unit="县市场监管局", username="scjg", month="2019-11", original_name="台账.xlsx",
                         suffix=".xlsx", data=open(sys.argv[3], "rb").read())
    os._exit(0)
""")


@pytest.mark.parametrize("step,left,swept", [
    ("temp", [".incoming", ".incoming/*.part"], ["删除中断写入留下的临时文件"]),
    ("row", [".incoming", ".incoming/*.part"], ["删除中断写入留下的临时文件"]),
    ("moved", [".incoming", "1", "1/台账.xlsx"], ["删除没有报送记录的目录 files/1（写入中断，报送未完成）"]),
    (None, [".incoming", "1", "1/台账.xlsx"], []),  # not killed: the submission is whole and stays
])
def test_a_kill_at_each_step_of_a_write_then_every_upload_works(data, tmp_path, step, left, swept):
    ledger = clean_ledger(tmp_path / "l.xlsx")
    env = {**os.environ, "PYTHONPATH": SRC}
    code = subprocess.run([sys.executable, "-c", KILL, str(data), str(step), str(ledger)], env=env).returncode
    assert code == (9 if step else 0)
    assert [re.sub(r"[0-9a-f]{24}\.part$", "*.part", f) for f in store_files(data)] == left
    app = create_app(data)  # the start-up sweep
    store = app.extensions["sgs_store"]
    audit = [r["detail"] for r in store.audit_rows() if r["action"] == "sweep"]
    assert [a[:len(s)] for a, s in zip(audit, swept)] == swept and len(audit) == len(swept)
    assert len(store.submissions()) == (0 if step else 1)
    sid = sid_of(submit(client(app), ledger))
    assert store.submission(sid)["version"] == (1 if step else 2)
    assert store.submission(sid)["status"] == "accepted" and f"{sid}/台账.xlsx" in store_files(data)


def test_a_row_without_its_file_is_marked_at_start_up(data, tmp_path):
    store = Store(data)
    sid, path = store.new_submission(unit="县市场监管局", username="scjg", month="2019-11", original_name="台账.xlsx",
                                     suffix=".xlsx", data=clean_ledger(tmp_path / "l.xlsx").read_bytes())
    path.unlink()
    app = create_app(data)
    row = store.submission(sid)
    assert row["status"] == "lost"
    assert [r["detail"] for r in store.audit_rows() if r["action"] == "sweep"] == [
        f"报送#{sid}（县市场监管局 2019-11 第1版）的文件不存在，标记为文件缺失"]
    page = client(app).get(f"/submissions/{sid}").get_data(as_text=True)
    assert 'id="status">文件缺失' in page and "请重新报送" in page


def test_stored_files_are_readable_by_the_owner_only(data, tmp_path):
    app = create_app(data)
    sid = sid_of(submit(client(app), clean_ledger(tmp_path / "l.xlsx")))
    folder = data / "files" / str(sid)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "台账.xlsx").stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "files").stat().st_mode) == 0o700


# ------------------------------------------------------------------------------------------ 2. checks


def test_a_checker_failure_is_check_failed_never_returned_and_the_office_reruns_it(data, tmp_path, monkeypatch):
    from sgs_cli.web import services

    app = create_app(data)
    scjg, xyb = client(app), client(app, "xyb")
    real = services.check_submission

    def broken(*a, **kw):
        raise MemoryError("out of memory")

    monkeypatch.setattr(services, "check_submission", broken)
    sid = sid_of(submit(scjg, clean_ledger(tmp_path / "l.xlsx")))
    store = app.extensions["sgs_store"]
    row = store.submission(sid)
    assert (row["status"], row["rows"], row["errors"], row["exit_code"]) == ("check_failed", None, None, None)
    page = scjg.get(f"/submissions/{sid}").get_data(as_text=True)
    assert 'id="status">校验未完成' in page and "报送没有被退回" in page and "已退回" not in page
    assert 'id="recheck"' not in page  # the department waits; the office re-runs
    assert 'id="dl-json"' not in page  # no result yet: no link to a missing file
    page = xyb.get(f"/submissions/{sid}").get_data(as_text=True)
    assert '<div class="hint" id="check-error">校验程序出错：MemoryError: out of memory</div>' in page
    dash = xyb.get("/dashboard?month=2019-11").get_data(as_text=True)
    assert '<span class="badge check_failed">校验未完成</span>' in dash
    monkeypatch.setattr(services, "check_submission", real)
    token = csrf(page)
    assert scjg.post(f"/submissions/{sid}/recheck", data={"csrf_token": csrf(
        scjg.get("/submit").get_data(as_text=True))}).status_code == 403
    assert xyb.post(f"/submissions/{sid}/recheck", data={"csrf_token": token}).status_code == 302
    row = store.submission(sid)
    assert (row["status"], row["rows"], row["errors"], row["warnings"]) == ("accepted", 21, 0, 1)
    assert ("recheck", f"报送#{sid}") in [(r["action"], r["target"]) for r in store.audit_rows()]


def test_a_worker_that_dies_is_check_failed_and_later_uploads_still_work(data, tmp_path):
    """A worker killed mid-check (out of memory): 校验未完成, and the broken pool is replaced."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    app = create_app(data, check_workers=1)
    checker, store = app.extensions["sgs_checker"], app.extensions["sgs_store"]
    try:
        sid, _ = store.new_submission(unit="县市场监管局", username="scjg", month="2019-11", original_name="a.xlsx",
                                      suffix=".xlsx", data=b"x")
        f = Future()
        f.set_exception(BrokenProcessPool("a child process terminated abruptly"))
        checker._done(sid, f)
        assert (store.submission(sid)["status"], store.submission(sid)["check_error"]) == (
            "check_failed", "校验进程意外退出（可能是内存不足或被结束）")
        pool = checker._executor()
        assert pool.submit(os.getpid).result(timeout=60) > 0
        for p in list(pool._processes.values()):
            p.kill()  # the pool is now broken: every later submit would raise
        deadline = time.monotonic() + 10
        while not pool._broken and time.monotonic() < deadline:
            time.sleep(0.05)
        sid2 = sid_of(submit(client(app), clean_ledger(tmp_path / "l.xlsx")))
        deadline = time.monotonic() + 60
        while store.submission(sid2)["status"] == "checking" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert store.submission(sid2)["status"] == "accepted"
    finally:
        checker.close()


CUT = textwrap.dedent("""
    import os, sys
    import sgs_cli.render.copying as copying, sgs_cli.io.write as write
    from sgs_cli.web.storage import Store
    from sgs_cli.web import services
    moment = sys.argv[2]
    if moment == "receipt":  # killed while the receipt is written: its temporary file is left
        def cut(wb, out, *a, **kw):  # the receipt is staged beside its target (copying.write_workbooks)
            open(os.path.join(os.path.dirname(out), ".错误回执.dead.tmp.xlsx"), "wb").write(b"half")
            os._exit(9)
        copying.stage_workbook = cut
    elif moment == "json":  # the receipt is written, killed before the JSON
        write.atomic_write_text = lambda *a, **kw: os._exit(9)
    elif moment == "finish":  # both written, killed before the row is updated
        Store.finish_submission = lambda *a, **kw: os._exit(9)
    from sgs_cli.web.app import create_app
    create_app(sys.argv[1])
    os._exit(0)
""")


@pytest.mark.parametrize("moment", ["receipt", "json", "finish"])
def test_a_check_killed_at_several_moments_ends_as_an_uninterrupted_one(data, tmp_path, moment):
    store = Store(data)
    raw = LEDGER.read_bytes()  # the example with its errors: a receipt with findings
    sid, _ = store.new_submission(unit="县市场监管局", username="scjg", month="2019-11", original_name="台账.xlsx",
                                  suffix=".xlsx", data=raw)
    env = {**os.environ, "PYTHONPATH": SRC}
    assert subprocess.run([sys.executable, "-c", CUT, str(data), moment], env=env).returncode == 9
    assert store.submission(sid)["status"] == "checking"
    create_app(data)  # the restart re-checks, owning and replacing what the cut-short run wrote
    ref, _ = store.new_submission(unit="县卫健委", username="wjw", month="2019-11", original_name="台账.xlsx",
                                  suffix=".xlsx", data=raw)
    create_app(data)  # the uninterrupted run of the same file
    cols = ("status", "rows", "errors", "warnings", "exit_code")
    assert [store.submission(sid)[k] for k in cols] == [store.submission(ref)[k] for k in cols] == [
        "returned", 21, 7, 1, 1]  # as `sgs validate` counts the example
    a, b = (json.loads((data / "files" / str(i) / "校验结果.json").read_text(encoding="utf-8")) for i in (sid, ref))
    assert a["summary"] == b["summary"]
    assert sorted(p.name for p in (data / "files" / str(sid)).iterdir()) == sorted(["台账.xlsx", "错误回执.xlsx", "校验结果.json"])
    sheets = [openpyxl.load_workbook(data / "files" / str(i) / "错误回执.xlsx").sheetnames for i in (sid, ref)]
    assert sheets[0] == sheets[1]


# ------------------------------------------------------------------------------------------ 3. sessions


def copy_of(app, c):
    """A second client holding a copy of c's session cookie (a cookie copied from the browser)."""
    other = app.test_client()
    cookie = c.get_cookie("sgs_session")
    other.set_cookie("sgs_session", cookie.value, domain=cookie.domain)
    return other


def logged_in(c) -> bool:
    return c.get("/submissions").status_code == 200


def test_logout_ends_the_session_even_for_a_copied_cookie(data):
    app = create_app(data)
    c = client(app)
    thief = copy_of(app, c)
    assert logged_in(thief)
    c.post("/logout", data={"csrf_token": csrf(c.get("/submissions").get_data(as_text=True))})
    assert not logged_in(thief) and not logged_in(c)
    assert thief.get("/submissions").headers["Location"].endswith("/login")


@pytest.mark.parametrize("command", [("passwd", "scjg", "--password-stdin"), ("disable", "scjg"),
                                     ("remove", "scjg")])
def test_password_change_disable_and_remove_end_every_session(data, command):
    from typer.testing import CliRunner

    from sgs_cli.cli.app import app as cli

    app = create_app(data)
    a, b, other = client(app), client(app), client(app, "wjw")
    r = CliRunner().invoke(cli, ["serve", "user", *command, "--data", str(data)], input="Kaifeng2020\n")
    assert r.exit_code == 0, r.output
    assert not logged_in(a) and not logged_in(b) and logged_in(other)
    if command[0] == "disable":
        assert "已停用账号：scjg（结束 2 个登录）" in r.output
        c = app.test_client()
        r = login(c, "scjg")
        assert r.status_code == 403 and "此账号已停用" in r.get_data(as_text=True)
        assert CliRunner().invoke(cli, ["serve", "user", "enable", "scjg", "--data", str(data)]).exit_code == 0
        assert login(c, "scjg").status_code == 302
    actions = [(r["action"], r["target"]) for r in app.extensions["sgs_store"].audit_rows()]
    assert ("account", "账号 scjg") in actions


def test_unknown_account_in_the_account_commands(data):
    from typer.testing import CliRunner

    from sgs_cli.cli.app import app as cli

    r = CliRunner().invoke(cli, ["serve", "user", "disable", "nobody", "--data", str(data)])
    assert r.exit_code == 2 and "账号“nobody”不存在" in r.output


def test_idle_and_absolute_lifetimes(data):
    app = create_app(data)
    store = app.extensions["sgs_store"]
    c = client(app)
    store.query("UPDATE sessions SET seen = seen - ?", (sessions.IDLE - 60,))
    store._conn().commit() if store._conn().in_transaction else None
    assert logged_in(c)  # within the idle limit: the request renews it
    store.query("UPDATE sessions SET seen = seen - ?", (sessions.IDLE + 1,))
    assert not logged_in(c)
    c = client(app)
    store.query("UPDATE sessions SET created = created - ?", (sessions.MAXIMUM + 1,))
    assert not logged_in(c)  # used a moment ago, but logged in more than 10 hours ago
    assert store.query("SELECT COUNT(*) FROM sessions")[0][0] == 0


def test_refused_cross_unit_attempts_are_in_the_audit_log(data, tmp_path):
    app = create_app(data)
    wjw_sid = sid_of(submit(client(app, "wjw"), clean_ledger(tmp_path / "l.xlsx")))
    scjg = client(app)
    assert scjg.get(f"/submissions/{wjw_sid}/file").status_code == 404
    assert scjg.get("/dashboard").status_code == 403
    rows = [(r["username"], r["action"], r["target"], r["detail"]) for r in app.extensions["sgs_store"].audit_rows()
            if r["action"] == "refused"]
    assert rows == [("scjg", "refused", "/dashboard", "部门账号访问信用办页面"),
                    ("scjg", "refused", f"报送#{wjw_sid}", f"县卫健委的报送，GET /submissions/{wjw_sid}/file")]


# ------------------------------------------------------------------------------------------ 8. small ones


def raw_upload(c, filename_header: bytes, content: bytes, url="/submit"):
    token = csrf(c.get(url).get_data(as_text=True))
    b = "X" * 16
    body = (f'--{b}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{b}\r\nContent-Disposition: form-data; name="month"\r\n\r\n2019-11\r\n'.encode()
            + f'--{b}\r\nContent-Disposition: form-data; name="file"; '.encode() + filename_header
            + b"\r\n\r\n" + content + f"\r\n--{b}--\r\n".encode())
    return c.post(url, data=body, content_type=f"multipart/form-data; boundary={b}")


def test_a_file_name_with_cr_lf_is_cleaned_and_downloads(data, tmp_path):
    app = create_app(data)
    c = client(app)
    # RFC 5987 form: the percent-escapes decode to CR LF inside the name
    name = b"filename*=UTF-8''%E5%8D%81%E4%B8%80%E6%9C%88%0D%0A%E5%8F%B0%E8%B4%A6.xlsx"
    sid = sid_of(raw_upload(c, name, clean_ledger(tmp_path / "l.xlsx").read_bytes()))
    assert app.extensions["sgs_store"].submission(sid)["original_name"] == "十一月台账.xlsx"
    r = c.get(f"/submissions/{sid}/file")
    assert r.status_code == 200 and "%E5%8D%81%E4%B8%80%E6%9C%88%E5%8F%B0%E8%B4%A6.xlsx" in r.headers[
        "Content-Disposition"]


def test_the_receipt_names_the_clerks_own_file(data):
    app = create_app(data)
    sid = sid_of(submit(client(app), LEDGER, name="市场监管局11月台账.xlsx"))
    doc = json.loads((data / "files" / str(sid) / "校验结果.json").read_text(encoding="utf-8"))
    assert [os.path.basename(f["path"]) for f in doc["files"]] == ["市场监管局11月台账.xlsx"]
    wb = openpyxl.load_workbook(data / "files" / str(sid) / "错误回执.xlsx")
    assert "市场监管局11月台账.xlsx" in " ".join(str(c.value) for row in wb["汇总"].iter_rows() for c in row if c.value)


def test_an_id_beyond_64_bits_is_not_found(data):
    app = create_app(data)
    c = client(app, "xyb")
    for url in ("/submissions/18446744073709551617", "/submissions/18446744073709551617/file",
                "/reports/99999999999999999999999", "/reports/99999999999999999999999.xlsx"):
        assert c.get(url).status_code == 404, url


def test_a_file_name_not_in_utf8_gets_its_own_message(data):
    app = create_app(data)
    c = client(app)
    r = raw_upload(c, b'filename="' + "台账.xlsx".encode("gbk") + b'"', b"x")
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and "上传的文件名不是 UTF-8 编码" in page and "表单已过期" not in page


def test_over_the_server_limit_the_413_page_is_chinese():
    from sgs_cli.web.httpserver import error_page

    assert error_page(413, 50) == ("文件太大", "上传的文件合计超过 50 MB，请拆分后分批上传。")


def test_a_clerk_submits_several_files_or_a_folder_at_once(data, tmp_path):
    app = create_app(data)
    c = client(app)
    ledger = clean_ledger(tmp_path / "l.xlsx").read_bytes()
    token = csrf(c.get("/submit").get_data(as_text=True))
    r = c.post("/submit", data={"csrf_token": token, "month": "2019-11",
                                "folder": [(io.BytesIO(ledger), "十一月/许可台账.xlsx"),
                                           (io.BytesIO(LEDGER.read_bytes()), "十一月/处罚台账.xlsx"),
                                           (io.BytesIO(b"notes"), "十一月/说明.docx")]},
               content_type="multipart/form-data")
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "已收到 2 个文件，每个文件是一次报送" in page and "说明.docx" not in page
    rows = app.extensions["sgs_store"].submissions("县市场监管局", "2019-11")
    assert [(r["version"], r["original_name"], r["status"]) for r in rows] == [
        (2, "处罚台账.xlsx", "returned"), (1, "许可台账.xlsx", "accepted")]
    r = c.post("/submit", data={"csrf_token": token, "month": "2019-11",
                                "file": [(io.BytesIO(b"x"), "说明.docx")]}, content_type="multipart/form-data")
    assert r.status_code == 400 and "“说明.docx”不是 .xlsx .xlsm .xls .et .ett .ods .csv 台账文件，未报送" in r.get_data(as_text=True)
