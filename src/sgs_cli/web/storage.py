"""Office mode storage under ``--data DIR``: an SQLite database (accounts, submissions, monthly reports,
the audit log) and the files. Every path under DIR is made by the server (numbers and the unit names
the office gave the accounts), never from what a request sends. Submissions are never overwritten:
each one is a new row with the next version number and its own folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

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
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, username TEXT NOT NULL, unit TEXT NOT NULL,
    action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', ip TEXT NOT NULL DEFAULT '');
"""

ROLES = {"department": "部门", "office": "信用办"}
#: status of a submission: 通过 = no error the department can fix (warnings and facts such as a late report
#: allowed, render/split.is_returned), or accepted by the office with a written reason; 退回 = fixable errors
#: or unreadable
STATUS_LABEL = {"checking": "校验中", "accepted": "通过", "returned": "退回"}
ACTION_LABEL = {"view": "查看", "download": "下载", "export": "导出", "submit": "报送", "login": "登录",
                "logout": "退出", "calendar": "修改节假日", "accept": "受理退回的报送"}
#: columns added after the first release (a database made before gets them on opening)
_ADDED_COLUMNS = {"submissions": (("accept_note", "TEXT NOT NULL DEFAULT ''"), ("accepted_by", "TEXT NOT NULL DEFAULT ''"),
                                  ("accepted_at", "TEXT NOT NULL DEFAULT ''"))}

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


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
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "files").mkdir(exist_ok=True)
        (self.root / "reports").mkdir(exist_ok=True)
        self.db_path = self.root / "sgs.sqlite3"
        self._local = threading.local()
        self._conn().executescript(SCHEMA)
        self._add_columns()

    def _add_columns(self) -> None:
        c = self._conn()
        for table, columns in _ADDED_COLUMNS.items():
            have = {r[1] for r in c.execute(f"PRAGMA table_info({table})")}
            for name, decl in columns:
                if name not in have:
                    c.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")

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
        c.execute("COMMIT")

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
            c.execute("INSERT INTO users VALUES (?, ?, ?, ?, ?)", (username, unit, role, pw_hash, now()))

    def set_password(self, username: str, pw_hash: str) -> bool:
        with self.tx() as c:
            return c.execute("UPDATE users SET pw_hash = ? WHERE username = ?", (pw_hash, username)).rowcount == 1

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
        """Store a new version for (unit, month): its own folder files/<id>/, the file named after the
        unit. Returns (id, path)."""
        digest = hashlib.sha256(data).hexdigest()
        stored = safe_stem(unit, "单位") + suffix
        with self.tx() as c:
            version = c.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM submissions WHERE unit = ? AND month = ?",
                                (unit, month)).fetchone()[0]
            sid = c.execute(
                "INSERT INTO submissions (unit, username, month, version, original_name, stored_name, size, sha256,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (unit, username, month, version, original_name[:200], stored, len(data), digest, now())).lastrowid
            folder = self.submission_dir(sid)
            folder.mkdir(parents=True, exist_ok=False)
            path = folder / stored
            with open(path, "xb") as f:
                f.write(data)
        return sid, path

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

    def accept_returned(self, sid: int, username: str, reason: str) -> bool:
        """The office accepts a returned submission with a written reason; False when it is not returned."""
        with self.tx() as c:
            return c.execute("UPDATE submissions SET status = 'accepted', accept_note = ?, accepted_by = ?, accepted_at = ?"
                             " WHERE id = ? AND status = 'returned'", (reason, username, now(), sid)).rowcount == 1

    def submission(self, sid: int):
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
        rows = self.query("SELECT * FROM reports WHERE id = ?", (rid,))
        return rows[0] if rows else None

    def reports(self) -> list:
        return self.query("SELECT * FROM reports ORDER BY id DESC")

    # ---- audit log (个人信息查询使用登记)

    def audit(self, username: str, unit: str, action: str, target: str, detail: str = "", ip: str = "") -> None:
        with self.tx() as c:
            c.execute("INSERT INTO audit (at, username, unit, action, target, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (now(), username, unit, action, target, detail, ip))

    def audit_rows(self, limit: int | None = None) -> list:
        sql = "SELECT * FROM audit ORDER BY id DESC"
        return self.query(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
