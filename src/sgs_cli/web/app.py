"""The Flask application of ``sgs serve``: the pages 校验 / 期限 / 月报告 / 模板 / 日历 for one clerk on
127.0.0.1, and with ``--data DIR`` the office mode (accounts, submissions, dashboard, audit log).

All work is done by the library through :mod:`sgs_cli.web.services`."""

from __future__ import annotations

import datetime as dt
import io
import math
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from functools import wraps
from pathlib import Path

from flask import Flask, abort, g, redirect, render_template, request, send_file, session, url_for
from werkzeug.exceptions import HTTPException

from sgs_cli.errors import SgsError
from sgs_cli.standard.limits import FIRST_YEAR, LAST_YEAR
from sgs_cli.web import auth, requests, services, sessions
from sgs_cli.web.checker import Checker
from sgs_cli.web.storage import ACTION_LABEL, ROLES, STATUS_LABEL, Store, clean_name, safe_stem

MAX_UPLOAD_MB = 50
MAX_FILES = 20
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_USER = {"username": "本机", "unit": "", "role": "local"}


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


def create_app(data_dir: str | Path | None = None, *, max_upload_mb: int = MAX_UPLOAD_MB,
               work_dir: str | Path | None = None, check_workers: int = 0, https: bool = False,
               session_idle: float = sessions.IDLE, session_max: float = sessions.MAXIMUM,
               contact: str | None = None) -> Flask:
    app = Flask(__name__)
    app.request_class = requests.SgsRequest
    from sgs_cli.web.wording import page_words

    app.jinja_env.finalize = page_words  # every printed value speaks of the page's fields, not of options
    office = data_dir is not None
    store = Store(data_dir) if office else None
    if work_dir is None:
        work_dir = (store.root / "work") if office else Path(tempfile.mkdtemp(prefix="sgs-serve-"))
        if not office:  # uploads hold personal data: nothing is left in the temporary folder after a stop
            import atexit

            atexit.register(shutil.rmtree, work_dir, True)
    work = Path(work_dir)
    if office:
        shutil.rmtree(work, ignore_errors=True)  # tool-page results do not outlive a restart
    work.mkdir(parents=True, exist_ok=True)
    app.config.update(
        SECRET_KEY=store.secret_key() if office else secrets.token_bytes(32),
        # Lax: a link from another system keeps the clerk logged in; the CSRF token guards every POST
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_NAME="sgs_session",
        SESSION_COOKIE_SECURE=https, HTTPS=https,
        MAX_CONTENT_LENGTH=max_upload_mb * 1024 * 1024, MAX_FORM_MEMORY_SIZE=2 * 1024 * 1024,
        OFFICE=office, MAX_UPLOAD_MB=max_upload_mb)
    app.extensions["sgs_store"] = store
    results = Results(work / "results")
    app.extensions["sgs_results"] = results
    throttle = auth.Throttle()
    app.extensions["sgs_throttle"] = throttle
    holidays_file = (store.root / "holidays.json") if office else None

    def holidays() -> str | None:
        """The office's own holiday file (written by its 日历 page); locally the CLI's default file,
        which WorkCalendar.load reads by itself."""
        return str(holidays_file) if holidays_file is not None and holidays_file.exists() else None

    checker = Checker(store, check_workers, holidays) if office else None
    app.extensions["sgs_checker"] = checker

    # ------------------------------------------------------------------ request plumbing

    @app.before_request
    def _guard():
        if not office and request.host.rsplit(":", 1)[0] not in LOCAL_HOSTS:
            abort(400)  # a page served on 127.0.0.1 answers only to 127.0.0.1 (DNS rebinding)
        if "csrf" not in session:
            session["csrf"] = auth.new_csrf_token()
        g.user = LOCAL_USER
        if office:
            g.user = sessions.current_user(store, session, session_idle, session_max)
            if g.user is None:
                session.pop("sid", None)
                if request.endpoint not in ("login", "static"):
                    return redirect(url_for("login"))
        if request.method == "POST" and not auth.same_token(request.form.get("csrf_token"), session.get("csrf")):
            return page("error.html", 400, title="请求无效", message="表单已过期或不是从本页面提交的，请刷新页面后重试。")

    @app.after_request
    def _headers(resp):
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["Content-Security-Policy"] = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                                   "script-src 'none'; form-action 'self'; frame-ancestors 'none'")
        resp.headers.setdefault("Cache-Control", "no-store")
        return resp

    @app.errorhandler(HTTPException)
    def _http_error(e):
        text = {400: ("请求无效", "请求无效，请返回重试。"), 403: ("无权访问", "您的账号无权访问此页面或文件。"),
                404: ("找不到", "找不到此页面或文件（或您无权查看）。"),
                405: ("请求无效", "请从页面上的按钮操作。"),
                413: ("文件太大", f"上传的文件合计超过 {max_upload_mb} MB，请拆分后分批上传。")}
        title, message = text.get(e.code, ("出错了", "服务器无法处理此请求。"))
        return page("error.html", e.code or 500, title=title, message=message)

    @app.errorhandler(requests.UndecodableUpload)
    def _undecodable(e):
        return page("error.html", 400, title="文件名无法识别", message=requests.MESSAGE)

    @app.errorhandler(SgsError)
    def _sgs_error(e):
        return page("error.html", 400, title="无法完成", message=e.message + (f"（{e.hint}）" if e.hint else ""))

    @app.errorhandler(Exception)
    def _unexpected(e):
        if isinstance(e, HTTPException):
            return _http_error(e)
        app.logger.exception("unexpected error")
        return page("error.html", 500, title="出错了", message="服务器处理此请求时出错，已记录。请重试或联系信用办。")

    @app.context_processor
    def _context():
        return {"csrf_token": session.get("csrf", ""), "user": g.get("user"), "office": office, "roles": ROLES,
                "status_label": STATUS_LABEL, "action_label": ACTION_LABEL, "max_upload_mb": max_upload_mb,
                "contact": contact, "https": https}

    def page(template: str, status: int = 200, **kw):
        return render_template(template, **kw), status

    def owner() -> str:
        return g.user["username"]

    def audit(action: str, target: str, detail: str = ""):
        if office:
            store.audit(g.user["username"], g.user["unit"], action, target, detail, request.remote_addr or "")

    def office_only(fn):
        @wraps(fn)
        def wrapper(*a, **kw):
            if not office:
                abort(404)
            if g.user["role"] != "office":
                audit("refused", request.path[:200], "部门账号访问信用办页面")
                abort(403)
            return fn(*a, **kw)
        return wrapper

    def office_mode(fn):
        @wraps(fn)
        def wrapper(*a, **kw):
            if not office:
                abort(404)
            return fn(*a, **kw)
        return wrapper

    def save_uploads(folder: Path, field: str = "files", limit: int = MAX_FILES) -> tuple[list[Path], list[str]]:
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
            if suffix not in services.SUFFIXES:
                problems.append(f"“{name}”不是 {services.SUFFIXES_TEXT} 文件，未校验")
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

    # ------------------------------------------------------------------ login

    @app.route("/")
    def index():
        if office and g.user["role"] == "office":
            return redirect(url_for("dashboard"))
        if office:
            return redirect(url_for("submissions"))
        return redirect(url_for("validate_page"))

    @app.route("/login", methods=["GET", "POST"])
    def login():
        if not office:
            return redirect(url_for("index"))
        error = None
        if request.method == "POST":
            name = request.form.get("username", "").strip()[:64]
            password = request.form.get("password", "")[:256]
            ip = request.remote_addr or ""
            keys = ("user:" + name, "ip:" + ip)
            wait = throttle.blocked(*keys)
            if wait:
                error = f"登录失败次数过多，请 {math.ceil(wait / 60)} 分钟后再试。"
                return page("login.html", 429, error=error)
            row = store.user(name) if name else None
            ok = auth.verify_password(password, row["pw_hash"] if row else auth.DUMMY_HASH) and row is not None
            if not ok:
                throttle.failed(*keys)
                return page("login.html", 401, error="用户名或密码不正确。")
            if row["disabled"]:
                return page("login.html", 403, error="此账号已停用，请联系信用办。")
            throttle.succeeded(keys[0])
            sessions.start(store, session, row["username"], ip)
            g.user = {"username": row["username"], "unit": row["unit"], "role": row["role"]}
            audit("login", "系统")
            return redirect(url_for("index"))
        return page("login.html", error=error)

    @app.route("/logout", methods=["POST"])
    @office_mode
    def logout():
        audit("logout", "系统")
        sessions.end(store, session)
        return redirect(url_for("login"))

    # ------------------------------------------------------------------ 校验

    @app.route("/validate", methods=["GET", "POST"])
    def validate_page():
        if request.method == "GET":
            return page("validate.html")
        token, folder = results.new(owner())
        inputs = folder / "inputs"
        inputs.mkdir()
        paths, problems = save_uploads(inputs)
        if not paths:
            return page("validate.html", 400, problems=problems or ["请选择要校验的文件"])
        try:
            today = form_date("today", "今天") or dt.date.today()
            submit = form_date("submit_date", "报送日期")
        except SgsError as e:
            return page("validate.html", 400, problems=[e.message + ("（" + e.hint + "）" if e.hint else "")])
        report = services.validate(paths, today=today, submit_date=submit, holidays=holidays(), keep_records=True)
        item = results.get(token, owner())
        out = folder / "out"
        out.mkdir()
        receipts = services.write_receipt(report, out / "错误回执.xlsx")
        splits = services.split_files(report, folder / "split")
        (out / "校验结果.json").write_text(services.report_json(report) + "\n", encoding="utf-8")
        item["files"] = {"json": out / "校验结果.json"}
        for i, p in enumerate(receipts):
            item["files"][f"receipt{i}"] = p
        split_links = []
        for i, sp in enumerate(splits):
            item["files"][f"pass{i}"] = sp["pass_file"]
            item["files"][f"return{i}"] = sp["return_file"]
            split_links.append({"name": sp["name"], "passed": sp["passed"], "returned": sp["returned"],
                                "pass": (f"pass{i}", sp["pass_file"].name), "return": (f"return{i}", sp["return_file"].name)})
        view = services.findings_view(report)
        item["view"] = {"report": view, "problems": problems, "receipts": [(f"receipt{i}", p.name) for i, p in
                                                                             enumerate(receipts)],
                        "splits": split_links}
        return redirect(url_for("validate_result", token=token))

    @app.route("/validate/<token>")
    def validate_result(token):
        item = results.get(token, owner())
        return page("validate.html", token=token, **item["view"])

    @app.route("/results/<token>/<key>")
    def result_download(token, key):
        item = results.get(token, owner())
        path = item["files"].get(key)
        if path is None:
            abort(404)
        audit("download", path.name, "页面工具生成的文件")
        return send_file(path, as_attachment=True, download_name=path.name)

    # ------------------------------------------------------------------ 期限

    @app.route("/deadlines", methods=["GET", "POST"])
    def deadlines_page():
        ctx = {"form": request.form, "severities": ("轻微", "一般", "严重")}
        if request.method == "GET":
            return page("deadlines.html", **ctx)
        try:
            if request.form.get("mode") == "ledger":
                token, folder = results.new(owner())
                paths, problems = save_uploads(folder, "ledger", 1)
                if not paths:
                    return page("deadlines.html", 400, error="请选择一个台账文件", problems=problems, **ctx)
                today = form_date("today", "今天") or dt.date.today()
                ctx["ledger"] = services.ledger_status(paths[0], today, holidays())
                ctx["ledger_name"] = request.files["ledger"].filename
            else:
                decided = form_date("decided", "决定日期") or dt.date.today()
                ctx["deadlines"] = services.deadlines_for(
                    decided, objection_received=form_date("objection", "收到异议日期"),
                    penalty=request.form.get("penalty") == "1", severity=request.form.get("severity", "一般"),
                    inclusive=request.form.get("inclusive") == "1", holidays=holidays())
        except SgsError as e:
            return page("deadlines.html", 400, error=e.message, hint=e.hint, **ctx)
        return page("deadlines.html", **ctx)

    # ------------------------------------------------------------------ 月报告

    @app.route("/monthly", methods=["GET", "POST"])
    def monthly_page():
        from sgs_cli.reports.monthly import default_month

        y, m = default_month()
        ctx = {"month": request.form.get("month") or f"{y}-{m:02d}", "roster_supported": services.ROSTER_SUPPORTED}
        if request.method == "GET":
            return page("monthly.html", **ctx)
        try:
            ym = services.parse_month(ctx["month"])
            today = form_date("today", "统计日期")
        except SgsError as e:
            return page("monthly.html", 400, error=e.message, hint=e.hint, **ctx)
        token, folder = results.new(owner())
        (folder / "in").mkdir()
        paths, problems = save_uploads(folder / "in")
        roster = None
        if request.files.get("roster") and request.files["roster"].filename:
            (folder / "roster").mkdir()
            rp, rproblems = save_uploads(folder / "roster", "roster", 1)
            roster, problems = (rp[0] if rp else None), problems + rproblems
        out = folder / f"双公示月报告_{ym[0]}-{ym[1]:02d}.xlsx"
        try:
            if paths:
                rep = services.monthly_report(ym, paths, out, unit=request.form.get("unit", "").strip()[:60] or None,
                                              today=today, holidays=holidays(), roster=roster)
            else:
                services.write_blank_monthly(ym, out)
                rep = None
        except SgsError as e:
            return page("monthly.html", 400, error=e.message, hint=e.hint, problems=problems, **ctx)
        if rep is not None and rep.unreadable:
            return page("monthly.html", 400, error="以下文件无法读取，未生成月报告：" + "；".join(rep.unreadable),
                        problems=problems, **ctx)
        item = results.get(token, owner())
        item["files"]["workbook"] = out
        return page("monthly.html", token=token, problems=problems, report=services.monthly_view(rep) if rep else None,
                    blank=rep is None, filename=out.name, **ctx)

    # ------------------------------------------------------------------ 模板

    @app.route("/templates")
    def templates_page():
        return page("templates.html", templates=services.template_list())

    @app.route("/templates/<kind>.xlsx")
    def template_download(kind):
        if kind not in services.template_kinds():
            abort(404)
        token, folder = results.new(owner())
        item = next(t for t in services.template_list() if t["kind"] == kind)
        path = services.write_template(kind, folder / item["filename"])
        return send_file(path, as_attachment=True, download_name=item["filename"])

    # ------------------------------------------------------------------ 日历

    def calendar_target() -> Path:
        return holidays_file if office else services.default_holidays_path()

    @app.route("/calendar")
    def calendar_page():
        try:
            year = int(request.args.get("year") or dt.date.today().year)
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise ValueError
        except ValueError:
            return page("calendar.html", 400, error="年份无效", year=dt.date.today().year)
        ctx = {"year": year, "can_save": not office or g.user["role"] == "office", "target": calendar_target()}
        try:
            ctx["view"] = services.calendar_view(services.load_calendar(holidays()), year)
        except SgsError as e:
            ctx.update(error=e.message, hint=e.hint)
        return page("calendar.html", **ctx)

    def notice_form():
        try:
            year = int(request.form.get("year", ""))
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise ValueError
        except ValueError:
            abort(400)
        return year, request.form.get("notice", "")[:100_000]

    @app.route("/calendar/preview", methods=["POST"])
    def calendar_preview():
        if office and g.user["role"] != "office":
            abort(403)
        year, text = notice_form()
        pre = services.notice_preview(text, year)
        return page("calendar.html", 400 if pre["error"] else 200, year=year, notice=text, preview=pre,
                    can_save=True, target=calendar_target(), error=pre["error"])

    @app.route("/calendar/save", methods=["POST"])
    def calendar_save():
        if office and g.user["role"] != "office":
            abort(403)
        year, text = notice_form()
        try:
            res = services.notice_save(text, year, calendar_target(), force=request.form.get("force") == "1")
        except SgsError as e:
            return page("calendar.html", 400, year=year, notice=text, error=e.message, hint=e.hint, can_save=True,
                        target=calendar_target())
        if res.get("saved"):
            audit("calendar", f"{year}年节假日安排", res["saved"])
        return page("calendar.html", 400 if res["error"] else 200, year=year, notice=text, preview=res,
                    saved=res.get("saved"), can_save=True, target=calendar_target(), error=res["error"])

    # ------------------------------------------------------------------ office: submissions

    def visible_submission(sid: int):
        row = store.submission(sid)
        if row is not None and g.user["role"] != "office" and row["unit"] != g.user["unit"]:
            audit("refused", f"报送#{sid}", f"{row['unit']}的报送，{request.method} {request.path[:200]}")
            row = None
        if row is None:
            abort(404)  # another unit's submission does not exist for a department account
        return row

    @app.route("/submit", methods=["GET", "POST"])
    @office_mode
    def submit():
        from sgs_cli.reports.monthly import default_month

        y, m = default_month()
        month = request.form.get("month") or f"{y}-{m:02d}"
        if g.user["role"] != "department":
            abort(403)
        if request.method == "GET":
            return page("submit.html", month=month)
        try:
            ym = services.parse_month(month)
        except SgsError as e:
            return page("submit.html", 400, month=month, error=e.message)
        uploads = [f for field in ("file", "folder") for f in request.files.getlist(field) if f and f.filename]
        if len(uploads) > MAX_FILES:
            return page("submit.html", 400, month=month, error=f"一次最多报送 {MAX_FILES} 个文件，请分批报送")
        month_key = f"{ym[0]}-{ym[1]:02d}"
        problems, sids = [], []
        for f in uploads:  # several files or a folder: each file is its own submission
            name = clean_name(f.filename)
            suffix = Path(name).suffix.lower()
            if suffix not in services.SUFFIXES:
                if len(uploads) == 1 or request.files.getlist("file"):
                    problems.append(f"“{name}”不是 {services.SUFFIXES_TEXT} 台账文件，未报送")
                continue  # other files of a folder (说明.docx …) are skipped quietly
            data = f.read()
            if not data:
                problems.append(f"文件“{name}”是空的，未报送")
                continue
            try:
                sid, path = store.new_submission(unit=g.user["unit"], username=owner(), month=month_key,
                                                 original_name=name, suffix=suffix, data=data)
            except OSError as e:  # disk full, no permission: nothing was stored, the next upload works
                app.logger.error("报送未保存（%s %s）：%s", g.user["unit"], name, e)
                problems.append(f"“{name}”：服务器无法保存文件（磁盘空间不足或无法写入），本次报送未保存。"
                                "请稍后重试，或联系信用办。")
                continue
            checker.check(sid, path)
            audit("submit", f"报送#{sid}", f"{g.user['unit']} {month_key} {name}")
            sids.append(sid)
        if not sids:
            error = "；".join(problems) or f"请选择一个 {services.SUFFIXES_TEXT} 台账文件"
            return page("submit.html", 503 if "磁盘空间不足" in error else 400, month=month, error=error)
        if len(sids) == 1 and not problems:
            return redirect(url_for("submission", sid=sids[0]))
        return page("submissions.html", rows=store.submissions(g.user["unit"], month_key), month=month_key,
                    problems=problems, just_sent=sids)

    @app.route("/submissions")
    @office_mode
    def submissions():
        month = request.args.get("month", "")
        unit = None if g.user["role"] == "office" else g.user["unit"]
        return page("submissions.html", rows=store.submissions(unit, month or None), month=month)

    @app.route("/submissions/<int:sid>")
    @office_mode
    def submission(sid):
        row = visible_submission(sid)
        import json

        result_path = store.submission_dir(sid) / "校验结果.json"
        doc = json.loads(result_path.read_text(encoding="utf-8")) if result_path.exists() else None
        counts = services.split_facts(doc)  # facts (late report …) listed apart: never a reason to return
        audit("view", f"报送#{sid}", f"{row['unit']} {row['month']} 第{row['version']}版")
        return page("submission.html", row=row, doc=doc, counts=counts,
                    has_receipt=(store.submission_dir(sid) / "错误回执.xlsx").exists())

    @app.route("/submissions/<int:sid>/accept", methods=["POST"])
    @office_only
    def accept_submission(sid):
        """The office accepts a returned submission with a written reason (kept with it and audited): the
        monthly report then counts it like any accepted one."""
        row = store.submission(sid)
        if row is None:
            abort(404)
        reason = " ".join(request.form.get("reason", "").split())[:500]
        if row["status"] != "returned":
            return page("error.html", 400, title="无法受理", message="只有“退回”状态的报送可以受理。")
        if row["exit_code"] == 3:
            return page("error.html", 400, title="无法受理", message="该文件无法读取，不能受理；请部门重新报送可读取的文件。")
        if len(reason) < 4:
            return page("error.html", 400, title="请填写受理理由",
                        message="受理退回的报送须写明理由（至少4个字），理由与报送一起保存并记入审计日志。")
        if not store.accept_returned(sid, owner(), reason):
            return page("error.html", 400, title="无法受理", message="只有“退回”状态的报送可以受理。")
        audit("accept", f"报送#{sid}", f"{row['unit']} {row['month']} 第{row['version']}版；理由：{reason}")
        return redirect(url_for("submission", sid=sid))

    @app.route("/submissions/<int:sid>/<what>")
    @office_mode
    def submission_download(sid, what):
        row = visible_submission(sid)
        folder = store.submission_dir(sid)
        path = {"file": store.submission_file(row), "receipt": folder / "错误回执.xlsx",
                "json": folder / "校验结果.json"}.get(what)
        if path is None or not path.exists():
            abort(404)
        name = {"file": row["original_name"], "receipt": f"错误回执_{safe_stem(row['unit'])}_{row['month']}"
                                                         f"_第{row['version']}版.xlsx",
                "json": f"校验结果_{safe_stem(row['unit'])}_{row['month']}_第{row['version']}版.json"}[what]
        audit("download", f"报送#{sid}", {"file": "原始台账", "receipt": "错误回执", "json": "校验结果JSON"}[what])
        return send_file(path, as_attachment=True, download_name=name)

    # ------------------------------------------------------------------ office: dashboard, report, audit

    @app.route("/dashboard")
    @office_only
    def dashboard():
        from sgs_cli.reports.monthly import default_month

        y, m = default_month()
        month = request.args.get("month") or f"{y}-{m:02d}"
        try:
            ym = services.parse_month(month)
        except SgsError as e:
            return page("dashboard.html", 400, month=month, rows=[], error=e.message)
        month = f"{ym[0]}-{ym[1]:02d}"
        latest, accepted, versions = store.latest(month), store.latest(month, True), store.versions(month)
        units = sorted(set(store.department_units()) | set(latest))
        rows = [{"unit": u, "latest": latest.get(u), "accepted": accepted.get(u), "versions": versions.get(u, 0)}
                for u in units]
        counts = {"units": len(units), "submitted": len(latest), "accepted": len(accepted),
                  "missing": len(units) - len(latest)}
        reports = [r for r in store.reports() if r["month"] == month]
        return page("dashboard.html", month=month, rows=rows, counts=counts, reports=reports)

    @app.route("/dashboard/report", methods=["POST"])
    @office_only
    def build_report():
        try:
            ym = services.parse_month(request.form.get("month", ""))
            today = form_date("today", "统计日期")
        except SgsError as e:
            return page("error.html", 400, title="月份或日期无效", message=e.message)
        month = f"{ym[0]}-{ym[1]:02d}"
        accepted = store.latest(month, True)
        if not accepted:
            return page("error.html", 400, title="没有可汇总的报送",
                        message=f"{month} 还没有通过校验的报送，无法生成月报告。")
        # every accepted submission of the month: the report chooses among a unit's versions and corrections
        # by the rule of every report (submissions.choose), as `sgs monthly-report` does on a folder
        used = sorted((r for r in store.submissions(month=month) if r["status"] == "accepted"),
                      key=lambda r: (r["unit"], r["version"]))
        ids = [r["id"] for r in used]
        import json

        rid, out = store.add_report(month, owner(), ids, "")
        out.parent.mkdir(parents=True)
        _, staging = results.new(owner())
        # each stored file under its unit's name (the report names units as their accounts do), the clerk's own
        # file name kept for the version rule (a 退回_ file sent back is a correction)
        paths = services.stage_as_units({f"{r['unit']}_第{r['version']}版": store.submission_file(r) for r in used},
                                        staging / "in")
        names = {str(p): r["original_name"] for p, r in zip(paths, used)}
        roster = services.units_roster(store.department_units())
        try:
            rep = services.monthly_report(ym, paths, out, today=today, holidays=holidays(), roster=roster, names=names)
        except SgsError as e:
            return page("error.html", 400, title="无法生成月报告", message=e.message)
        if rep.unreadable:
            return page("error.html", 400, title="无法生成月报告", message="；".join(rep.unreadable))
        view = services.monthly_view(rep)
        with store.tx() as c:
            c.execute("UPDATE reports SET summary = ? WHERE id = ?", (json.dumps(view, ensure_ascii=False), rid))
        audit("export", f"月报告#{rid}", f"{month}，汇总报送 " + "、".join(f"#{i}" for i in ids))
        return redirect(url_for("report_page", rid=rid))

    @app.route("/reports/<int:rid>")
    @office_only
    def report_page(rid):
        import json

        row = store.report(rid)
        if row is None or not row["summary"]:
            abort(404)
        audit("view", f"月报告#{rid}", row["month"])
        return page("report.html", row=row, report=json.loads(row["summary"]),
                    sources=[store.submission(int(i)) for i in row["submission_ids"].split(",") if i])

    @app.route("/reports/<int:rid>.xlsx")
    @office_only
    def report_download(rid):
        row = store.report(rid)
        if row is None:
            abort(404)
        path = store.report_path(rid, row["month"])
        if not path.exists():
            abort(404)
        audit("download", f"月报告#{rid}", row["month"])
        return send_file(path, as_attachment=True, download_name=path.name)

    @app.route("/audit")
    @office_only
    def audit_page():
        return page("audit.html", rows=store.audit_rows(500))

    @app.route("/audit/export.xlsx")
    @office_only
    def audit_export():
        from openpyxl import Workbook

        from sgs_cli.io.write import set_text

        audit("export", "审计日志", "导出为 Excel")
        wb = Workbook()
        ws = wb.active
        ws.title = "查询使用登记"
        headers = ("时间", "账号", "单位", "操作", "对象", "说明", "地址")
        for c, h in enumerate(headers, 1):
            set_text(ws.cell(1, c), h)
        for r, row in enumerate(store.audit_rows(), 2):
            values = (row["at"], row["username"], row["unit"], ACTION_LABEL.get(row["action"], row["action"]),
                      row["target"], row["detail"], row["ip"])
            for c, v in enumerate(values, 1):
                set_text(ws.cell(r, c), v)
        for col, w in zip("ABCDEFG", (20, 14, 20, 10, 18, 40, 16)):
            ws.column_dimensions[col].width = w
        buf = io.BytesIO()
        wb.save(buf)
        buf.seek(0)
        return send_file(buf, as_attachment=True, download_name=f"查询使用登记_{dt.date.today():%Y%m%d}.xlsx",
                         mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    @app.route("/submissions/<int:sid>/recheck", methods=["POST"])
    @office_only
    def recheck(sid):
        row = visible_submission(sid)
        if row["status"] not in ("check_failed", "checking"):
            abort(400)
        checker.recheck(sid)
        audit("recheck", f"报送#{sid}", f"{row['unit']} {row['month']} 第{row['version']}版")
        return redirect(url_for("submission", sid=sid))

    from sgs_cli.web import lists, periodic, public

    for module in (periodic, lists, public):
        module.register(app, page=page, save_uploads=save_uploads, results=results, owner=owner, holidays=holidays,
                        form_date=form_date, store=store, office=office)

    if office:
        store.sweep()
        checker.resume()
    return app
