"""What runs around every page: the host check (DNS rebinding), the login session, the CSRF token of every
POST, the security headers, the error pages in Chinese and the template context."""

from __future__ import annotations

from flask import Flask, abort, current_app, g, redirect, request, session, url_for
from werkzeug.exceptions import HTTPException

from sgs_cli.errors import SgsError
from sgs_cli.web import auth, requests, sessions
from sgs_cli.web.common import office, page, store
from sgs_cli.web.storage import ACTION_LABEL, ROLES, STATUS_LABEL

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_USER = {"username": "本机", "unit": "", "role": "local"}
OPEN_ENDPOINTS = ("account.login", "static")  # reachable without a login in office mode


def _guard():
    cfg = current_app.config
    if not office() and request.host.rsplit(":", 1)[0] not in LOCAL_HOSTS:
        abort(400)  # a page served on 127.0.0.1 answers only to 127.0.0.1 (DNS rebinding)
    if "csrf" not in session:
        session["csrf"] = auth.new_csrf_token()
    g.user = LOCAL_USER
    if office():
        g.user = sessions.current_user(store(), session, cfg["SESSION_IDLE"], cfg["SESSION_MAX"])
        if g.user is None:
            session.pop("sid", None)
            if request.endpoint not in OPEN_ENDPOINTS:
                return redirect(url_for("account.login"))
    if request.method == "POST" and not auth.same_token(request.form.get("csrf_token"), session.get("csrf")):
        return page("error.html", 400, title="请求无效", message="表单已过期或不是从本页面提交的，请刷新页面后重试。")


def _headers(resp):
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["Content-Security-Policy"] = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                               "script-src 'none'; form-action 'self'; frame-ancestors 'none'")
    resp.headers.setdefault("Cache-Control", "no-store")
    return resp


def _http_error(e):
    text = {400: ("请求无效", "请求无效，请返回重试。"), 403: ("无权访问", "您的账号无权访问此页面或文件。"),
            404: ("找不到", "找不到此页面或文件（或您无权查看）。"),
            405: ("请求无效", "请从页面上的按钮操作。"),
            413: ("文件太大", f"上传的文件合计超过 {current_app.config['MAX_UPLOAD_MB']} MB，请拆分后分批上传。")}
    title, message = text.get(e.code, ("出错了", "服务器无法处理此请求。"))
    return page("error.html", e.code or 500, title=title, message=message)


def _undecodable(e):
    return page("error.html", 400, title="文件名无法识别", message=requests.MESSAGE)


def _sgs_error(e):
    return page("error.html", 400, title="无法完成", message=e.message + (f"（{e.hint}）" if e.hint else ""))


def _unexpected(e):
    if isinstance(e, HTTPException):
        return _http_error(e)
    current_app.logger.exception("unexpected error")
    return page("error.html", 500, title="出错了", message="服务器处理此请求时出错，已记录。请重试或联系信用办。")


def _context():
    cfg = current_app.config
    return {"csrf_token": session.get("csrf", ""), "user": g.get("user"), "office": office(), "roles": ROLES,
            "status_label": STATUS_LABEL, "action_label": ACTION_LABEL, "max_upload_mb": cfg["MAX_UPLOAD_MB"],
            "contact": cfg["CONTACT"], "https": cfg["HTTPS"]}


def install(app: Flask) -> None:
    app.before_request(_guard)
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(requests.UndecodableUpload, _undecodable)
    app.register_error_handler(SgsError, _sgs_error)
    app.register_error_handler(Exception, _unexpected)
    app.context_processor(_context)
