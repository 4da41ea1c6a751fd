"""Login sessions of office mode, kept on the server (Store.sessions): the signed cookie carries only a
random session token and the CSRF token. A session is checked on every request and ends at logout, at a
password change, when the account is disabled or removed (``sgs serve user passwd|disable|remove``),
after IDLE seconds without a request, and MAXIMUM seconds after the login whatever the use.

The cookie is SameSite=Lax — a link from another system (an OA notice, a mail) opens the page still
logged in — and every POST needs the CSRF token of the session (app._guard), which is what stops a
cross-site form."""

from __future__ import annotations

from sgs_cli.web import auth

#: seconds without a request after which a session ends (a clerk away from the desk)
IDLE = 2 * 3600
#: seconds after the login after which a session ends, used or not (one working day)
MAXIMUM = 10 * 3600


def current_user(store, session, idle: float = IDLE, maximum: float = MAXIMUM) -> dict | None:
    row = store.session_user(session.get("sid"), idle, maximum)
    if row is None:
        return None
    return {"username": row["username"], "unit": row["unit"], "role": row["role"]}


def start(store, session, username: str, ip: str) -> None:
    """A new session after a successful login (a fresh token and CSRF token: no fixation)."""
    store.end_session(session.get("sid"))
    session.clear()
    session["sid"] = store.new_session(username, ip)
    session["csrf"] = auth.new_csrf_token()


def end(store, session) -> None:
    store.end_session(session.get("sid"))
    session.clear()
