"""The Flask application of ``sgs serve``: the pages 校验 / 期限 / 月报告 / 模板 / 日历 for one clerk on
127.0.0.1, and with ``--data DIR`` the office mode (accounts, submissions, dashboard, audit log).

``create_app`` sets the configuration and the shared services (``common``), installs the request plumbing
and the error pages (``plumbing``) and registers one blueprint per group of pages. All work is done by the
library through :mod:`sgs_cli.web.services`."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from functools import partial
from pathlib import Path

from flask import Flask

from sgs_cli.web import (
    account,
    auditlog,
    auth,
    blanks,
    dashboard,
    dates,
    lists,
    monthly,
    periodic,
    plumbing,
    public,
    requests,
    sessions,
    submissions,
    validate,
)
from sgs_cli.web.checker import Checker
from sgs_cli.web.common import Results, holidays_at
from sgs_cli.web.storage import Store

MAX_UPLOAD_MB = 50
# one blueprint per group of pages, in the order of the navigation
BLUEPRINTS = (account, submissions, dashboard, validate, dates, lists, monthly, periodic, public, blanks, auditlog)


def create_app(data_dir: str | Path | None = None, *, max_upload_mb: int = MAX_UPLOAD_MB,
               work_dir: str | Path | None = None, check_workers: int = 0, https: bool = False,
               session_idle: float = sessions.IDLE, session_max: float = sessions.MAXIMUM,
               contact: str | None = None) -> Flask:
    app = Flask(__name__)
    app.request_class = requests.SgsRequest
    from sgs_cli.web.wording import page_words

    app.jinja_env.finalize = page_words  # every printed value speaks of the page's fields, not of options
    store = Store(data_dir) if data_dir is not None else None  # office mode: accounts, submissions, audit
    if work_dir is None:
        if store is not None:
            work_dir = store.root / "work"
        else:  # uploads hold personal data: nothing is left in the temporary folder after a stop
            import atexit

            work_dir = Path(tempfile.mkdtemp(prefix="sgs-serve-"))
            atexit.register(shutil.rmtree, work_dir, True)
    work = Path(work_dir)
    if store is not None:
        shutil.rmtree(work, ignore_errors=True)  # tool-page results do not outlive a restart
    work.mkdir(parents=True, exist_ok=True)
    app.config.update(
        SECRET_KEY=store.secret_key() if store is not None else secrets.token_bytes(32),
        # Lax: a link from another system keeps the clerk logged in; the CSRF token guards every POST
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_NAME="sgs_session",
        SESSION_COOKIE_SECURE=https, HTTPS=https,
        MAX_CONTENT_LENGTH=max_upload_mb * 1024 * 1024, MAX_FORM_MEMORY_SIZE=2 * 1024 * 1024,
        OFFICE=store is not None, MAX_UPLOAD_MB=max_upload_mb, CONTACT=contact,
        SESSION_IDLE=session_idle, SESSION_MAX=session_max,
        HOLIDAYS_FILE=(store.root / "holidays.json") if store is not None else None)
    app.extensions["sgs_store"] = store
    app.extensions["sgs_results"] = Results(work / "results")
    app.extensions["sgs_throttle"] = auth.Throttle()
    checker = None
    if store is not None:  # the checker reads the office's holiday file as it is at each check, outside a request
        checker = Checker(store, check_workers, partial(holidays_at, app.config["HOLIDAYS_FILE"]))
    app.extensions["sgs_checker"] = checker
    plumbing.install(app)
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
    if store is not None and checker is not None:
        store.sweep()
        checker.resume()
    return app
