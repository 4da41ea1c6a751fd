"""One fuzz run of the web upload route (bench/fuzz.py, commands ``web_validate`` and ``web_submit``): a
variant uploaded through Flask's test client to the plain /validate page (local mode) or to /submit of
office mode as a department account, then every page and file the upload produced fetched as a clerk would.

    python bench/fuzz_web.py validate|submit|monthly|deadlines|export|lists|quarter INPUT OUT_DIR

``monthly``, ``deadlines``, ``export``, ``lists`` and ``quarter`` upload the variant to the 月报告 page, the 期限
page's ledger form, the 公示导出 page, the 清单 page (催报清单 and 台账报送情况 in turn) and the 季通报 page
(local mode): their pages are answered in place (200 with the result, 400 with a Chinese message).

Printed: the text of every page (tags dropped, entities resolved — the runner looks for tracebacks and ID
numbers in it) and one ``WEB-VIOLATION: …`` line per break of the contract this side sees:

* an HTTP 500, or a page of the check that says the checker itself failed (校验未完成 in office mode);
* an error message (``msg error``) without a Chinese character, or naming a Python exception;
* the stored copy of a submission not byte for byte the upload; a temporary or half-written file left in
  the store or the work folder; a refused upload that left a submission or a file behind;
* a JSON output that does not parse (the workbooks are saved to OUT_DIR: the runner re-opens them).

Exit code: 0 no error found (通过; the page's result for monthly/deadlines), 1 findings (退回), 3 the file could
not be read (office mode's exit 3), 4 the upload was refused with a 400 page (nothing stored).
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

PASSWORD = "Zhengzhou2019"
TODAY = "2019-12-31"
_CJK = re.compile("[\u4e00-\u9fff]")
_PY_ERROR = re.compile(r"\b(?:Traceback|[A-Z][A-Za-z]*(?:Error|Exception)\b)")
_MSG = re.compile(r'<div class="msg error"[^>]*>(.*?)</div>', re.S)
_TMP = re.compile(r"(^\..*\.tmp\.|\.tmp$|\.part$|~$)")

violations: list[str] = []


def bad(text: str) -> None:
    violations.append(text)


def page_text(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def look(resp, what: str) -> str:
    """Print a page's text and check it; returns its HTML."""
    body = resp.get_data(as_text=True)
    if resp.status_code >= 500:
        bad(f"HTTP {resp.status_code} on {what}")
    if resp.mimetype == "text/html":
        print(f"--- {what} ({resp.status_code})")
        print(page_text(body))
        for m in _MSG.finditer(body):
            msg = page_text(m.group(1)).strip()
            if not _CJK.search(msg) or _PY_ERROR.search(msg):
                bad(f"error message not in Chinese on {what}: {msg[:80]!r}")
    return body


def csrf(body: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', body)
    return m.group(1) if m else ""


def upload_name(inp: Path) -> str:
    """The file name as a browser sends it (bytes that are not UTF-8 are sent as U+FFFD)."""
    raw = os.fsencode(inp.name)
    return raw.decode("utf-8", "replace")


def save_download(resp, what: str, out: Path, name: str) -> None:
    if resp.status_code != 200:
        if resp.status_code >= 500:
            bad(f"HTTP {resp.status_code} on {what}")
        return
    data = resp.get_data()
    if name.endswith(".json"):
        try:
            json.loads(data.decode("utf-8"))
        except ValueError as e:
            bad(f"{what}: JSON does not parse ({e})")
        print(f"--- {what} (json)")
        print(data.decode("utf-8", "replace"))
        return
    (out / name).write_bytes(data)


def leftovers(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and _TMP.search(p.name)]


def run_validate(inp: Path, out: Path, home: Path) -> int:
    from sgs_cli.web.app import create_app

    work = home / "web-work"
    client = create_app(work_dir=work).test_client()
    data = inp.read_bytes()
    body = look(client.get("/validate"), "GET /validate")
    r = client.post("/validate", data={"csrf_token": csrf(body), "today": TODAY,
                                       "files": (io.BytesIO(data), upload_name(inp))},
                    content_type="multipart/form-data")
    look(r, "POST /validate")
    if r.status_code == 400:
        rc = 4
    elif r.status_code != 302:
        bad(f"POST /validate answered {r.status_code}")
        rc = 5
    else:
        page = look(client.get(r.headers["Location"]), "result page")
        rc = 0
        for key in dict.fromkeys(re.findall(r'href="(/results/[^"]+)"', page)):
            name = key.rsplit("/", 1)[-1]
            resp = client.get(key)
            fname = f"web_{name}.json" if name == "json" else f"web_{name}.xlsx"
            save_download(resp, f"GET {key}", out, fname)
            if name == "json" and resp.status_code == 200:
                try:
                    doc = json.loads(resp.get_data(as_text=True))
                    rc = 1 if doc["summary"]["errors"] else 0
                except (ValueError, KeyError):
                    pass
        if not re.search(r'href="/results/[^"]+/json"', page):
            bad("result page without its JSON link")
    left = leftovers(work)
    if left:
        bad(f"temporary files left in the work folder {left[:3]}")
    for p in work.rglob("*"):  # every file the page wrote must re-open (the runner re-opens the downloads)
        if p.suffix == ".json" and p.is_file():
            try:
                json.loads(p.read_text(encoding="utf-8"))
            except ValueError as e:
                bad(f"{p.name}: JSON does not parse ({e})")
    return rc


def run_page(mode: str, inp: Path, out: Path, home: Path) -> int:
    """The 月报告, 期限 (ledger form), 公示导出, 清单 or 季通报 page: the result is on the page itself (and the
    workbook)."""
    from sgs_cli.web.app import create_app

    work = home / "web-work"
    client = create_app(work_dir=work).test_client()
    data = inp.read_bytes()
    url = "/periodic/quarter" if mode == "quarter" else f"/{mode}"
    body = look(client.get(url), f"GET {url}")
    form = {"csrf_token": csrf(body), "today": TODAY}
    if mode == "monthly":
        form.update(month="2019-11", files=(io.BytesIO(data), upload_name(inp)))
    elif mode == "export":
        form.update(files=(io.BytesIO(data), upload_name(inp)))
    elif mode == "lists":
        form.update(mode="ledger" if len(data) % 2 else "due", files=(io.BytesIO(data), upload_name(inp)))
    elif mode == "quarter":
        form.update(period="2019Q4", files=(io.BytesIO(data), upload_name(inp)))
    else:
        form.update(mode="ledger", ledger=(io.BytesIO(data), upload_name(inp)))
    r = client.post(url, data=form, content_type="multipart/form-data")
    page = look(r, f"POST {url}")
    rc = 4 if r.status_code == 400 else 0
    if r.status_code not in (200, 400):
        bad(f"POST {url} answered {r.status_code}")
        rc = 5
    for key in dict.fromkeys(re.findall(r'href="(/results/[^"]+)"', page)):
        save_download(client.get(key), f"GET {key}", out, f"web_{mode}_{key.rsplit('/', 1)[-1]}.xlsx")
    left = leftovers(work)
    if left:
        bad(f"temporary files left in the work folder {left[:3]}")
    return rc


def run_submit(inp: Path, out: Path, home: Path) -> int:
    from webutil import add_accounts, login

    from sgs_cli.web.app import create_app

    data_dir = home / "office"
    add_accounts(data_dir)
    app = create_app(data_dir)
    store = app.extensions["sgs_store"]
    client = app.test_client()
    r = login(client, "scjg")
    if r.status_code != 302:
        bad(f"login answered {r.status_code}")
        return 5
    data = inp.read_bytes()
    body = look(client.get("/submit"), "GET /submit")
    r = client.post("/submit", data={"csrf_token": csrf(body), "month": "2019-11",
                                     "file": (io.BytesIO(data), upload_name(inp))},
                    content_type="multipart/form-data")
    look(r, "POST /submit")
    rows = store.submissions("县市场监管局", "2019-11")
    if r.status_code == 400:
        if rows:
            bad(f"refused upload left {len(rows)} submission(s)")
        rc = 4
    elif r.status_code != 302:
        bad(f"POST /submit answered {r.status_code}")
        rc = 5
    else:
        page = look(client.get(r.headers["Location"]), "submission page")
        if len(rows) != 1:
            bad(f"{len(rows)} submissions stored for one upload")
            return 5
        row = rows[0]
        if store.submission_file(row).read_bytes() != data:
            bad("stored copy differs from the upload")
        if row["status"] not in ("accepted", "returned"):
            bad(f"submission status {row['status']}: {row['check_error'] or ''}"[:200])
        if "校验未完成" in page:
            bad("submission page says 校验未完成")
        rc = 0 if row["status"] == "accepted" else (3 if row["exit_code"] == 3 else 1)
        sid = row["id"]
        for what in ("receipt", "json"):
            resp = client.get(f"/submissions/{sid}/{what}")
            save_download(resp, f"GET /submissions/{sid}/{what}", out, f"web_{what}.json" if what == "json"
                          else "web_receipt.xlsx")
        if client.get(f"/submissions/{sid}/file").get_data() != data:
            bad("downloaded original differs from the upload")
        look(client.get("/submissions"), "submissions list")
    left = leftovers(data_dir)
    incoming = data_dir / "files" / ".incoming"
    if incoming.is_dir():
        left += [p.name for p in incoming.iterdir()]
    if left:
        bad(f"temporary files left in the store {left[:3]}")
    return rc


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    mode, inp, out = argv[0], Path(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    base = Path(os.environ.get("HOME") or tempfile.gettempdir())  # the runner gives each run its own HOME
    base.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="web-", dir=base))
    os.environ.setdefault("XDG_CONFIG_HOME", str(home / "config"))
    if mode in ("monthly", "deadlines", "export", "lists", "quarter"):
        rc = run_page(mode, inp, out, home)
    else:
        rc = (run_validate if mode == "validate" else run_submit)(inp, out, home)
    for v in violations:
        print(f"WEB-VIOLATION: {v}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
