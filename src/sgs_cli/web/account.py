"""The pages of an account: the start page (by role), 登录 and 退出 in office mode."""

from __future__ import annotations

import math

from flask import Blueprint, g, redirect, request, session, url_for

from sgs_cli.web import auth, sessions
from sgs_cli.web.common import audit, office, office_mode, page, store, throttle

bp = Blueprint("account", __name__)


@bp.route("/")
def index():
    if office() and g.user["role"] == "office":
        return redirect(url_for("dashboard.dashboard"))
    if office():
        return redirect(url_for("submissions.submissions"))
    return redirect(url_for("validate.validate_page"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    if not office():
        return redirect(url_for("account.index"))
    error = None
    if request.method == "POST":
        name = request.form.get("username", "").strip()[:64]
        password = request.form.get("password", "")[:256]
        ip = request.remote_addr or ""
        keys = ("user:" + name, "ip:" + ip)
        wait = throttle().blocked(*keys)
        if wait:
            error = f"登录失败次数过多，请 {math.ceil(wait / 60)} 分钟后再试。"
            return page("login.html", 429, error=error)
        row = store().user(name) if name else None
        ok = auth.verify_password(password, row["pw_hash"] if row else auth.DUMMY_HASH) and row is not None
        if not ok:
            throttle().failed(*keys)
            return page("login.html", 401, error="用户名或密码不正确。")
        if row["disabled"]:
            return page("login.html", 403, error="此账号已停用，请联系信用办。")
        throttle().succeeded(keys[0])
        sessions.start(store(), session, row["username"], ip)
        g.user = {"username": row["username"], "unit": row["unit"], "role": row["role"]}
        audit("login", "系统")
        return redirect(url_for("account.index"))
    return page("login.html", error=error)


@bp.route("/logout", methods=["POST"])
@office_mode
def logout():
    audit("logout", "系统")
    sessions.end(store(), session)
    return redirect(url_for("account.login"))
