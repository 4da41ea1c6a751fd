"""Bounded loopback load test of `sgs serve` office mode (NOT part of the unit suite).

    python bench/load.py --departments 20 --rows 5000

1. makes one 行政处罚 ledger per department with bench/generate.py (a different seed each, so that no
   two files are alike), in --out (default bench/out/load/);
2. creates the accounts (20 departments + the office) in a fresh data folder;
3. starts `sgs serve --data DIR --port 0 --no-browser` — on 127.0.0.1 only — as a child process;
4. every department logs in and submits its ledger at the same moment (one thread each);
5. checks that no request failed and that nothing was lost or mixed up: one submission per unit,
   stored bytes identical to what that unit sent (SHA-256 and a download by the office), rows counted,
   the validation result stored with it;
6. waits until the server's worker processes have checked every submission, then prints the response
   times (p50/p95/max of the submissions), the time until all were checked and the peak memory
   (VmHWM) of the server and of its worker processes, and writes them to --json.
"""

from __future__ import annotations

import argparse
import hashlib
import http.cookiejar
import json
import os
import re
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PASSWORD = "Bench-" + secrets.token_hex(6)


def generate(out: Path, departments: int, rows: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(departments):
        name = f"load_{rows}_{i:02d}"
        path = out / f"{name}.shared.xlsx"
        if not path.exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), "--rows", str(rows), "--kind", "penalty",
                            "--seed", str(1000 + i), "--name", name, "--flavours", "shared", "--out", str(out)],
                           check=True, stdout=subprocess.DEVNULL)
        files.append(path)
    return files


class Client:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.times: list[tuple[str, float, int]] = []

    def request(self, method: str, path: str, data: bytes | None = None, headers=None) -> tuple[int, bytes]:
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        t0 = time.perf_counter()
        try:
            with self.opener.open(req, timeout=600) as r:
                status, body = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read()
        self.times.append((f"{method} {path.split('?')[0]}", time.perf_counter() - t0, status))
        return status, body

    def csrf(self, path: str) -> str:
        status, body = self.request("GET", path)
        assert status == 200, (path, status)
        return re.search(rb'name="csrf_token" value="([^"]+)"', body).group(1).decode()

    def login(self, user: str) -> None:
        token = self.csrf("/login")
        form = urllib.parse.urlencode({"csrf_token": token, "username": user, "password": PASSWORD}).encode()
        status, body = self.request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200 and "退出".encode() in body, (user, status)  # redirects are followed

    def submit(self, month: str, path: Path) -> tuple[int, bytes, float]:
        token = self.csrf("/submit")
        boundary = "----sgs" + secrets.token_hex(8)
        parts = []
        for k, v in (("csrf_token", token), ("month", month)):
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
                     "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
                     .encode() + path.read_bytes() + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        t0 = time.perf_counter()
        status, body = self.request("POST", "/submit", b"".join(parts),
                                    {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        return status, body, time.perf_counter() - t0


def peak_memory_mb(pid: int) -> float | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    m = re.search(r"VmHWM:\s+(\d+) kB", text)
    return int(m.group(1)) / 1024 if m else None


def children(pid: int) -> list[str]:
    """Child processes of every thread of ``pid`` (the worker pool is started from a request thread)."""
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += (task / "children").read_text().split()
        except OSError:
            pass
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--departments", type=int, default=20)
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--month", default="2024-06")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "load")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = ap.parse_args()

    files = generate(args.out, args.departments, args.rows)
    data = Path(tempfile.mkdtemp(prefix="sgs-load-"))
    from sgs_cli.web.server import add_user

    units = [f"第{i + 1:02d}部门" for i in range(args.departments)]
    for i, unit in enumerate(units):
        add_user(data, f"dept{i:02d}", unit, "department", PASSWORD)
    add_user(data, "office", "县信用办", "office", PASSWORD)

    exe = Path(sys.executable).with_name("sgs")
    server = subprocess.Popen([str(exe), "serve", "--data", str(data), "--port", "0", "--no-browser"],
                              stdout=subprocess.PIPE, stderr=open(data / "server.log", "w"), text=True)
    try:
        line = server.stdout.readline()
        m = re.search(r"http://(127\.0\.0\.1):(\d+)/", line)
        assert m, f"server did not start: {line!r}, see {data / 'server.log'}"
        base = f"http://127.0.0.1:{m.group(2)}"
        rss_idle = peak_memory_mb(server.pid)

        results: dict[int, tuple] = {}
        clients = [Client(base) for _ in units]
        barrier = threading.Barrier(len(units))

        def department(i: int) -> None:
            c = clients[i]
            try:
                c.login(f"dept{i:02d}")
                barrier.wait()
                results[i] = c.submit(args.month, files[i])
            except Exception as e:  # noqa: BLE001 - reported below
                results[i] = (None, repr(e).encode(), 0.0)

        t0 = time.perf_counter()
        threads = [threading.Thread(target=department, args=(i,)) for i in range(len(units))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        db = sqlite3.connect(data / "sgs.sqlite3")
        db.row_factory = sqlite3.Row
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:  # the checks run in the server's worker processes
            if db.execute("SELECT COUNT(*) FROM submissions WHERE status = 'checking'").fetchone()[0] == 0:
                break
            time.sleep(0.5)
        checked = time.perf_counter() - t0
        peak = peak_memory_mb(server.pid)
        workers_peak = sum(filter(None, (peak_memory_mb(int(p)) for p in children(server.pid))))

        # ---- checks: nothing failed, nothing lost, nothing mixed up
        failures = [(i, r[0], r[1][:200]) for i, r in results.items() if r[0] != 200]
        all_requests = [t for c in clients for t in c.times]
        failures += [("request", name, status) for c in clients for name, _, status in c.times if status >= 400]
        rows = {r["unit"]: r for r in db.execute("SELECT * FROM submissions")}
        problems = []
        office = Client(base)
        office.login("office")
        for i, unit in enumerate(units):
            r = rows.get(unit)
            want = hashlib.sha256(files[i].read_bytes()).hexdigest()
            if r is None:
                problems.append(f"{unit}: lost")
                continue
            stored = data / "files" / str(r["id"]) / r["stored_name"]
            if r["sha256"] != want or hashlib.sha256(stored.read_bytes()).hexdigest() != want:
                problems.append(f"{unit}: stored file is not the one it sent")
            if r["original_name"] != files[i].name or r["username"] != f"dept{i:02d}" or r["version"] != 1:
                problems.append(f"{unit}: metadata mixed up ({dict(r)})")
            if r["rows"] != args.rows or r["status"] not in ("accepted", "returned"):
                problems.append(f"{unit}: rows {r['rows']} status {r['status']}")
            result = json.loads((data / "files" / str(r["id"]) / "校验结果.json").read_text(encoding="utf-8"))
            if result["summary"]["rows"] != args.rows or result["summary"]["errors"] != r["errors"]:
                problems.append(f"{unit}: stored validation result does not match")
            status, body = office.request("GET", f"/submissions/{r['id']}/file")
            if status != 200 or hashlib.sha256(body).hexdigest() != want:
                problems.append(f"{unit}: office download differs")
        if len(rows) != len(units):
            problems.append(f"{len(rows)} submissions for {len(units)} units")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()

    submit_times = [r[2] for r in results.values() if r[0] == 200]
    figures = {
        "departments": len(units), "rows_per_ledger": args.rows, "file_bytes": files[0].stat().st_size,
        "cpus": os.cpu_count(), "all_uploads_answered_s": round(wall, 1),
        "all_checked_s": round(checked, 1), "requests": len(all_requests),
        "failed_requests": len(failures), "lost_or_mixed": problems,
        "submit_p50_s": round(statistics.median(submit_times), 2) if submit_times else None,
        "submit_p95_s": round(pct(submit_times, 95), 2) if submit_times else None,
        "submit_max_s": round(max(submit_times), 2) if submit_times else None,
        "all_requests_p95_s": round(pct([t for _, t, _ in all_requests], 95), 2),
        "server_rss_idle_mb": round(rss_idle, 1) if rss_idle else None,
        "server_peak_rss_mb": round(peak, 1) if peak else None,
        "worker_processes_peak_rss_mb": round(workers_peak, 1) if workers_peak else None,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if failures:
        print("FAILED:", failures, file=sys.stderr)
    ok = not failures and not problems
    print("load test:", "OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
