"""Passwords (scrypt, a memory-hard KDF from the standard library), login throttling and CSRF tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import secrets
import threading
import time

_N, _R, _P = 2**14, 8, 1
MIN_PASSWORD = 8

#: failed logins allowed per account and per address within WINDOW seconds, then LOCK seconds of refusal
MAX_FAILURES, WINDOW, LOCK = 5, 15 * 60, 15 * 60


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${_N}${_R}${_P}${b64(salt)}${b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, key = stored.split("$")
        if algo != "scrypt":
            return False
        want = base64.b64decode(key)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(want))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, want)


#: a hash to check against when the account does not exist, so that both cases take the same time
DUMMY_HASH = hash_password(secrets.token_hex(8))


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"密码至少 {MIN_PASSWORD} 位"
    if password.isdigit() or password.isalpha():
        return "密码不能全是数字或全是字母"
    return None


class Throttle:
    """Counts failed logins per key (account name, client address) in memory."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: int = WINDOW, lock: int = LOCK, clock=time.monotonic):
        self.max_failures, self.window, self.lock_seconds, self.clock = max_failures, window, lock, clock
        self._fail: dict[str, list[float]] = {}
        self._locked: dict[str, float] = {}
        self._mutex = threading.Lock()

    def blocked(self, *keys: str) -> int:
        """Seconds until a login may be tried again for any of the keys (0 = may try now)."""
        t = self.clock()
        with self._mutex:
            waits = [math.ceil(self._locked[k] - t) for k in keys if self._locked.get(k, 0) > t]
        return max(waits, default=0)

    def failed(self, *keys: str) -> None:
        t = self.clock()
        with self._mutex:
            for k in keys:
                recent = [x for x in self._fail.get(k, []) if t - x < self.window] + [t]
                self._fail[k] = recent
                if len(recent) >= self.max_failures:
                    self._locked[k] = t + self.lock_seconds
                    self._fail[k] = []

    def succeeded(self, key: str) -> None:
        with self._mutex:
            self._fail.pop(key, None)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
