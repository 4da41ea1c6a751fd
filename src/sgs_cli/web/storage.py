"""Office mode storage under ``--data DIR``: an SQLite database (accounts, submissions, monthly reports,
the audit log, the login sessions) and the files. Every path under DIR is made by the server (numbers,
and names cleaned by :func:`safe_stem`), never taken as sent. Submissions are never overwritten: each one
is a new row with the next version number and its own folder.

A submission's file is first written under ``files/.incoming/`` (a random name outside the id space),
flushed to disk, then moved to ``files/<id>/`` inside the transaction that inserts its row: a failed
write or a kill leaves either nothing or a folder without a row, which the next write and the start-up
sweep (:meth:`Store.sweep`) remove. Files and folders are readable by the server's account only."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import secrets
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger("sgs.web")

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY, unit TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('department', 'office')),
    pw_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, unit TEXT NOT NULL, username TEXT NOT NULL, month TEXT NOT NULL,
    version INTEGER NOT NULL, original_name TEXT NOT NULL, stored_name TEXT NOT NULL, size INTEGER NOT NULL,
    sha256 TEXT NOT NULL, created_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'checking',
    rows INTEGER, errors INTEGER, warnings INTEGER, exit_code INTEGER,
    UNIQUE (unit, month, version));
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT, month TEXT NOT NULL, username TEXT NOT NULL, created_at TEXT NOT NULL,
    submission_ids TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, created REAL NOT NULL, seen REAL NOT NULL,
    ip TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, username TEXT NOT NULL, unit TEXT NOT NULL,
    action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', ip TEXT NOT NULL DEFAULT '');
"""

ROLES = {"department": "部门", "office": "信用办"}
#: status of a submission: 通过 = no error the department can fix (warnings and facts such as a late report
#: allowed, render/split.is_returned), or accepted by the office with a written reason; 退回 = fixable errors
#: or unreadable; 校验未完成 = the checker itself failed (not the department's file: the office re-runs it);
#: 文件缺失 = the row's file was not found at start-up
STATUS_LABEL = {"checking": "校验中", "accepted": "通过", "returned": "退回", "check_failed": "校验未完成",
                "lost": "文件缺失"}
ACTION_LABEL = {"view": "查看", "download": "下载", "export": "导出", "submit": "报送", "login": "登录",
                "logout": "退出", "calendar": "修改节假日", "refused": "拒绝访问", "sweep": "启动清理",
                "recheck": "重新校验", "account": "账号变更", "accept": "受理退回的报送",
                "catalog": "上传事项目录", "upload": "上传平台文件", "reconcile": "平台对账"}
SYSTEM = "系统"
#: columns added after the first release (a database made before gets them on opening): (table, column, declaration)
MIGRATIONS = (("users", "disabled", "INTEGER NOT NULL DEFAULT 0"), ("submissions", "check_error", "TEXT"),
              ("submissions", "accept_note", "TEXT NOT NULL DEFAULT ''"),
              ("submissions", "accepted_by", "TEXT NOT NULL DEFAULT ''"),
              ("submissions", "accepted_at", "TEXT NOT NULL DEFAULT ''"))
INCOMING = ".incoming"
DIR_MODE, FILE_MODE = 0o700, 0o600

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


def clean_name(name: str) -> str:
    """A file name as sent, for showing and for Content-Disposition: the last path part, control
    characters (CR, LF, NUL ...) and undecodable bytes removed, at most 200 characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF).strip()
    return name[:200]


def _fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in ``path`` durable (POSIX; Windows has no directory handles)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private(path: Path, data: bytes) -> None:
    """Write a new file readable by the owner only and flush it to disk (refuses an existing name)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def safe_stem(text: str, fallback: str = "台账") -> str:
    """A file-name stem from a unit or file name: letters, digits, Chinese characters and a few
    brackets only, at most 60 characters; never a separator, '..' or a Windows device name."""
    text = re.split(r"[\\/]", text or "")[-1]
    stem = re.sub(r"[^\w\u4e00-\u9fff（）()〔〕［］\[\]\-]+", "_", text).strip("._ ")[:60]
    if not stem or stem.upper() in _WINDOWS_RESERVED:
        stem = fallback
    return stem


class Store:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).expanduser().resolve()
        self.root.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        for sub in ("files", "reports", f"files/{INCOMING}"):
            (self.root / sub).mkdir(exist_ok=True, mode=DIR_MODE)
        self.db_path = self.root / "sgs.sqlite3"
        self._local = threading.local()
        #: tests: called with the name of each step of a submission's write ("temp", "row", "moved")
        self.fault = None
        self._conn().executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        c = self._conn()
        for table, column, decl in MIGRATIONS:
            if column not in {r["name"] for r in c.execute(f"PRAGMA table_info({table})")}:
                c.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")

    def _step(self, name: str) -> None:
        if self.fault is not None:
            self.fault(name)

    # ---- connections: one per thread, WAL so that readers never wait for a writer

    def _conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            c = sqlite3.connect(self.db_path, timeout=30, isolation_level=None, check_same_thread=True)
            c.row_factory = sqlite3.Row
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA foreign_keys=ON")
            self._local.conn = c
        return c

    @contextmanager
    def tx(self):
        c = self._conn()
        c.execute("BEGIN IMMEDIATE")
        try:
            yield c
        except BaseException:
            c.execute("ROLLBACK")
            raise
        try:
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:  # a failed COMMIT may leave the transaction open
                c.execute("ROLLBACK")
            raise

    def query(self, sql: str, args=()) -> list[sqlite3.Row]:
        return self._conn().execute(sql, args).fetchall()

    def secret_key(self) -> bytes:
        """The session signing key, made once and kept in DIR (readable by its owner only)."""
        p = self.root / "secret.key"
        if not p.exists():
            fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
        return p.read_bytes()

    # ---- accounts

    def add_user(self, username: str, unit: str, role: str, pw_hash: str) -> None:
        with self.tx() as c:
            c.execute("INSERT INTO users (username, unit, role, pw_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                      (username, unit, role, pw_hash, now()))

    def set_password(self, username: str, pw_hash: str) -> bool:
        """New password; every session of the account ends."""
        with self.tx() as c:
            c.execute("DELETE FROM sessions WHERE username = ?", (username,))
            return c.execute("UPDATE users SET pw_hash = ? WHERE username = ?", (pw_hash, username)).rowcount == 1

    def set_disabled(self, username: str, disabled: bool) -> bool:
        """Disable (every session ends, no login) or enable an account."""
        with self.tx() as c:
            c.execute("DELETE FROM sessions WHERE username = ?", (username,))
            return c.execute("UPDATE users SET disabled = ? WHERE username = ?",
                             (int(disabled), username)).rowcount == 1

    def remove_user(self, username: str) -> bool:
        """Remove an account and end its sessions (its submissions and audit lines stay)."""
        with self.tx() as c:
            c.execute("DELETE FROM sessions WHERE username = ?", (username,))
            return c.execute("DELETE FROM users WHERE username = ?", (username,)).rowcount == 1

    # ---- login sessions: the cookie holds a random token, the database its hash; a session ends at
    # logout, at a password change, when the account is disabled or removed, after IDLE seconds without
    # a request and MAX seconds after the login

    @staticmethod
    def _token_hash(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    def new_session(self, username: str, ip: str = "") -> str:
        token, t = secrets.token_urlsafe(32), time.time()
        with self.tx() as c:
            c.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)", (self._token_hash(token), username, t, t, ip))
        return token

    def session_user(self, token: str | None, idle: float, maximum: float, clock=time.time):
        """The enabled account of a live session (its last use recorded), or None; an expired session
        is deleted."""
        if not token or not isinstance(token, str):
            return None
        key, t = self._token_hash(token), clock()
        rows = self.query("SELECT s.created, s.seen, u.* FROM sessions s JOIN users u ON u.username = s.username"
                          " WHERE s.token_hash = ?", (key,))
        if not rows:
            return None
        row = rows[0]
        if row["disabled"] or t - row["seen"] > idle or t - row["created"] > maximum:
            self.end_session(token)
            return None
        if t - row["seen"] > 30:  # one write per half minute and session is enough for the idle limit
            with self.tx() as c:
                c.execute("UPDATE sessions SET seen = ? WHERE token_hash = ?", (t, key))
        return row

    def end_session(self, token: str | None) -> None:
        if token:
            with self.tx() as c:
                c.execute("DELETE FROM sessions WHERE token_hash = ?", (self._token_hash(str(token)),))

    def sessions_of(self, username: str) -> int:
        return self.query("SELECT COUNT(*) FROM sessions WHERE username = ?", (username,))[0][0]

    def user(self, username: str):
        rows = self.query("SELECT * FROM users WHERE username = ?", (username,))
        return rows[0] if rows else None

    def users(self) -> list:
        return self.query("SELECT * FROM users ORDER BY role DESC, unit, username")

    def count_users(self) -> int:
        return self.query("SELECT COUNT(*) FROM users")[0][0]

    def department_units(self) -> list[str]:
        return [r[0] for r in self.query("SELECT DISTINCT unit FROM users WHERE role = 'department' ORDER BY unit")]

    # ---- submissions

    def new_submission(self, *, unit: str, username: str, month: str, original_name: str, suffix: str,
                       data: bytes) -> tuple[int, Path]:
        """Store a new version for (unit, month) in its own folder files/<id>/, under the clerk's own file
        name (cleaned), so that the receipt names the file the clerk sent. Returns (id, path). An OSError
        (disk full ...) leaves no row and no file behind."""
        digest = hashlib.sha256(data).hexdigest()
        original = clean_name(original_name) or (safe_stem(unit, "单位") + suffix)
        stored = safe_stem(Path(original).stem, safe_stem(unit, "单位")) + suffix
        incoming = self.root / "files" / INCOMING
        incoming.mkdir(exist_ok=True, mode=DIR_MODE)
        temp = incoming / (secrets.token_hex(12) + ".part")
        folder = None
        try:
            write_private(temp, data)
            self._step("temp")
            with self.tx() as c:
                version = c.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM submissions"
                                    " WHERE unit = ? AND month = ?", (unit, month)).fetchone()[0]
                sid = c.execute(
                    "INSERT INTO submissions (unit, username, month, version, original_name, stored_name, size,"
                    " sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (unit, username, month, version, original, stored, len(data), digest, now())).lastrowid
                self._step("row")
                folder = self.submission_dir(sid)
                if folder.exists():  # left by a write cut short before its row was committed
                    self._discard(folder, f"编号 {sid} 的目录没有对应的报送记录（上次写入中断）")
                folder.mkdir(mode=DIR_MODE)
                path = folder / stored
                os.replace(temp, path)
                _fsync_dir(folder)
                _fsync_dir(folder.parent)
                self._step("moved")
        except BaseException:  # a write cut short (full disk, Ctrl+C): its parts removed, then re-raised
            temp.unlink(missing_ok=True)
            if folder is not None and not self.query("SELECT 1 FROM submissions WHERE id = ?", (int(folder.name),)):
                self._discard(folder)
            raise
        return sid, path

    def _discard(self, path: Path, why: str | None = None) -> None:
        import shutil

        if why:
            log.warning("清理：%s，已删除 %s", why, path)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)

    def sweep(self) -> list[str]:
        """At start-up: remove what an interrupted write left (temporary files, folders without a row) and
        mark rows whose file is gone as 文件缺失. Each finding goes to the log and the audit log; returns
        the messages."""
        said = []
        files = self.root / "files"
        for p in sorted((files / INCOMING).iterdir()):
            said.append(f"删除中断写入留下的临时文件 {p.name}")
            self._discard(p)
        ids = {r[0] for r in self.query("SELECT id FROM submissions")}
        for p in sorted(files.iterdir()):
            if p.name.isdigit() and int(p.name) not in ids:
                said.append(f"删除没有报送记录的目录 files/{p.name}（写入中断，报送未完成）")
                self._discard(p)
        for row in self.query("SELECT * FROM submissions WHERE status != 'lost' ORDER BY id"):
            if not self.submission_file(row).is_file():
                with self.tx() as c:
                    c.execute("UPDATE submissions SET status = 'lost' WHERE id = ?", (row["id"],))
                said.append(f"报送#{row['id']}（{row['unit']} {row['month']} 第{row['version']}版）的文件不存在，"
                            "标记为文件缺失")
        for msg in said:
            log.warning("启动清理：%s", msg)
            self.audit(SYSTEM, "", "sweep", "数据目录", msg)
        return said

    def submission_dir(self, sid: int) -> Path:
        return self.root / "files" / str(int(sid))

    def submission_file(self, row) -> Path:
        return self.submission_dir(row["id"]) / row["stored_name"]

    def finish_submission(self, sid: int, *, rows: int, errors: int, warnings: int, exit_code: int,
                          returned: bool | None = None) -> None:
        """Store the check's counts; ``returned``: whether a finding sends it back (facts do not), else
        decided by the exit code."""
        status = ("returned" if returned else "accepted") if returned is not None else \
            ("accepted" if exit_code == 0 else "returned")
        with self.tx() as c:
            c.execute("UPDATE submissions SET status = ?, rows = ?, errors = ?, warnings = ?, exit_code = ? WHERE id = ?",
                      (status, rows, errors, warnings, exit_code, sid))

    def check_failed(self, sid: int, message: str) -> None:
        """The checker failed on this submission (crash, out of memory, a bug): 校验未完成, not 退回."""
        with self.tx() as c:
            c.execute("UPDATE submissions SET status = 'check_failed', check_error = ?, rows = NULL, errors = NULL,"
                      " warnings = NULL, exit_code = NULL WHERE id = ?", (message[:2000], sid))

    def restart_check(self, sid: int) -> None:
        with self.tx() as c:
            c.execute("UPDATE submissions SET status = 'checking', check_error = NULL WHERE id = ?", (sid,))
    def accept_returned(self, sid: int, username: str, reason: str) -> bool:
        """The office accepts a returned submission with a written reason; False when it is not returned."""
        with self.tx() as c:
            return c.execute("UPDATE submissions SET status = 'accepted', accept_note = ?, accepted_by = ?, accepted_at = ?"
                             " WHERE id = ? AND status = 'returned'", (reason, username, now(), sid)).rowcount == 1

    def submission(self, sid: int):
        if not 0 < sid < 2**63:
            return None
        rows = self.query("SELECT * FROM submissions WHERE id = ?", (sid,))
        return rows[0] if rows else None

    def submissions(self, unit: str | None = None, month: str | None = None) -> list:
        sql, args = "SELECT * FROM submissions WHERE 1 = 1", []
        if unit is not None:
            sql += " AND unit = ?"
            args.append(unit)
        if month:
            sql += " AND month = ?"
            args.append(month)
        return self.query(sql + " ORDER BY id DESC", args)

    def latest(self, month: str, accepted_only: bool = False) -> dict[str, object]:
        """unit -> its latest submission for the month (latest accepted one when asked)."""
        cond = "AND status = 'accepted'" if accepted_only else ""
        rows = self.query(f"SELECT * FROM submissions WHERE month = ? {cond} ORDER BY version", (month,))
        return {r["unit"]: r for r in rows}

    def versions(self, month: str) -> dict[str, int]:
        return {r[0]: r[1] for r in self.query("SELECT unit, COUNT(*) FROM submissions WHERE month = ? GROUP BY unit",
                                               (month,))}

    # ---- monthly reports

    def add_report(self, month: str, username: str, submission_ids: list[int], summary: str) -> tuple[int, Path]:
        with self.tx() as c:
            rid = c.execute("INSERT INTO reports (month, username, created_at, submission_ids, summary)"
                            " VALUES (?, ?, ?, ?, ?)", (month, username, now(), ",".join(map(str, submission_ids)),
                                                        summary)).lastrowid
        return rid, self.report_path(rid, month)

    def report_path(self, rid: int, month: str) -> Path:
        return self.root / "reports" / f"{int(rid)}" / f"双公示月报告_{safe_stem(month)}.xlsx"

    def report(self, rid: int):
        if not 0 < rid < 2**63:
            return None
        rows = self.query("SELECT * FROM reports WHERE id = ?", (rid,))
        return rows[0] if rows else None

    def reports(self) -> list:
        return self.query("SELECT * FROM reports ORDER BY id DESC")

    # ---- the office's 事项目录 (773号附件1): 应归尽归 in the monthly report and on the dashboard

    def catalog_dir(self) -> Path:
        return self.root / "catalogues"

    def catalogues(self) -> list[Path]:
        """The catalogues the office uploaded (each department's latest is chosen by the report)."""
        folder = self.catalog_dir()
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".part"))

    def save_catalogue(self, name: str, data: bytes) -> Path:
        """Store a catalogue under its cleaned name; an upload of the same name replaces the earlier one (the
        office's own store, not a user's output)."""
        folder = self.catalog_dir()
        folder.mkdir(exist_ok=True, mode=DIR_MODE)
        target = folder / name
        temp = folder / (secrets.token_hex(12) + ".part")
        write_private(temp, data)
        try:
            os.replace(temp, target)
        except OSError:
            temp.unlink(missing_ok=True)
            raise
        return target

    # ---- audit log (个人信息查询使用登记)

    def audit(self, username: str, unit: str, action: str, target: str, detail: str = "", ip: str = "") -> None:
        with self.tx() as c:
            c.execute("INSERT INTO audit (at, username, unit, action, target, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (now(), username, unit, action, target, detail, ip))

    def audit_rows(self, limit: int | None = None) -> list:
        sql = "SELECT * FROM audit ORDER BY id DESC"
        return self.query(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
