"""What every group of pages shares: the server's services for the running app (store, results, checker …),
the page helper, the audit entry, the office guards and the upload saver. ``create_app`` puts the services in
``app.extensions``; the blueprints reach them through the functions here, at request time."""

from __future__ import annotations

import secrets
import shutil
import threading
from collections import OrderedDict
from functools import wraps
from pathlib import Path

from flask import abort, current_app, g, render_template, request

from sgs_cli.web import services
from sgs_cli.web.storage import Store, safe_stem

MAX_FILES = 20


class Results:
    """Outputs of the tool pages (receipts, JSON, monthly workbooks), each in its own server-made folder,
    reachable only with an unguessable token and only by the account that made it. The oldest are
    removed when there are more than ``keep``."""

    def __init__(self, root: Path, keep: int = 200):
        self.root, self.keep = root, keep
        self._items: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()

    def new(self, owner: str) -> tuple[str, Path]:
        token = secrets.token_urlsafe(18)
        folder = self.root / secrets.token_hex(8)
        folder.mkdir(parents=True)
        with self._lock:
            self._items[token] = {"owner": owner, "dir": folder, "files": {}, "view": None}
            while len(self._items) > self.keep:
                _, old = self._items.popitem(last=False)
                shutil.rmtree(old["dir"], ignore_errors=True)
        return token, folder

    def get(self, token: str, owner: str) -> dict:
        with self._lock:
            item = self._items.get(token)
        if item is None or item["owner"] != owner:
            abort(404)
        return item


# ------------------------------------------------------------------ the running app's services

def office() -> bool:
    """Office mode (``sgs serve --data DIR``): accounts, submissions, dashboard, audit log."""
    return bool(current_app.config["OFFICE"])


def store() -> Store:
    return current_app.extensions["sgs_store"]


def results() -> Results:
    return current_app.extensions["sgs_results"]


def checker():
    return current_app.extensions["sgs_checker"]


def throttle():
    return current_app.extensions["sgs_throttle"]


def holidays_file() -> Path | None:
    """The office's own holiday file (written by its 日历 page); None locally."""
    return current_app.config["HOLIDAYS_FILE"]


def holidays_at(path: Path | None) -> str | None:
    """The holiday file `path` when it exists (the office's own, written by its 日历 page); else None: locally
    the CLI's default file, which WorkCalendar.load reads by itself."""
    return str(path) if path is not None and path.exists() else None


def holidays() -> str | None:
    """The holiday file of the running app (see holidays_at)."""
    return holidays_at(holidays_file())


# ------------------------------------------------------------------ helpers of the pages

def page(template: str, status: int = 200, **kw):
    return render_template(template, **kw), status


def owner() -> str:
    return g.user["username"]


def audit(action: str, target: str, detail: str = ""):
    if office():
        store().audit(g.user["username"], g.user["unit"], action, target, detail, request.remote_addr or "")


def office_only(fn):
    """Office mode and an office account: a department account is refused (and audited)."""
    @wraps(fn)
    def wrapper(*a, **kw):
        if not office():
            abort(404)
        if g.user["role"] != "office":
            audit("refused", request.path[:200], "部门账号访问信用办页面")
            abort(403)
        return fn(*a, **kw)
    return wrapper


def office_mode(fn):
    """Office mode, any account."""
    @wraps(fn)
    def wrapper(*a, **kw):
        if not office():
            abort(404)
        return fn(*a, **kw)
    return wrapper


def save_uploads(folder: Path, field: str = "files", limit: int = MAX_FILES,
                 suffixes: tuple[str, ...] = services.SUFFIXES) -> tuple[list[Path], list[str]]:
    """Save the uploaded files into ``folder`` (made by the server) under cleaned names; returns
    (paths, problems)."""
    paths, problems, used = [], [], set()
    uploads = [f for f in request.files.getlist(field) if f and f.filename]
    if len(uploads) > limit:
        problems.append(f"一次最多上传 {limit} 个文件，其余 {len(uploads) - limit} 个未处理")
    for f in uploads[:limit]:
        if not f or not f.filename:
            continue
        name = f.filename.replace("\\", "/").rsplit("/", 1)[-1]
        suffix = Path(name).suffix.lower()
        if suffix not in suffixes:
            problems.append(f"“{name}”不是 {' '.join(suffixes)} 文件，未校验")
            continue
        stem = safe_stem(Path(name).stem)
        candidate, n = stem, 2
        while candidate in used:
            candidate, n = f"{stem}_{n}", n + 1
        used.add(candidate)
        path = folder / (candidate + suffix)
        f.save(path)
        paths.append(path)
    return paths, problems


def form_date(field: str, label: str):
    return services.parse_date(request.form.get(field, ""), label)
