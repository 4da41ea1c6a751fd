"""A small client of the Chrome DevTools Protocol for the browser tests: starts Debian's headless
Chromium, opens pages, fills forms, picks files for <input type=file>, clicks, waits for the next
page, downloads files and takes screenshots at 1366×768. Uses websocket-client only."""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

WIDTH, HEIGHT = 1366, 768


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


class Browser:
    def __init__(self, timeout: float = 20):
        exe = chromium_path()
        if exe is None:
            raise RuntimeError("chromium not found")
        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="sgs-chromium-"))
        self.downloads = self.profile / "downloads"
        self.downloads.mkdir()
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--metrics-recording-only", "--mute-audio",
             "--lang=zh-CN", f"--window-size={WIDTH},{HEIGHT}", f"--user-data-dir={self.profile}",
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # a UTF-8 locale that every Debian has: file names with Chinese characters go through as they are
            env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start")
            time.sleep(0.05)
        port = int(port_file.read_text().splitlines()[0])
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5).read())
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=timeout,
                                              suppress_origin=True)
        self._ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False)

    # ---- protocol

    def send(self, method: str, **params):
        mid = next(self._ids)
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mid:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def js(self, expression: str):
        r = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    # ---- pages

    def _mark(self) -> None:
        self.js("window.__sgsOld = true")

    def _wait_new_page(self) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                if self.js("window.__sgsOld !== true && document.readyState === 'complete'"):
                    return
            except (RuntimeError, websocket.WebSocketException):
                pass  # the page is being replaced
            time.sleep(0.05)
        raise TimeoutError("the next page did not load")

    def go(self, url: str) -> None:
        self._mark()
        self.send("Page.navigate", url=url)
        self._wait_new_page()

    def click(self, selector: str, new_page: bool = True) -> None:
        if new_page:
            self._mark()
        self.js(f"document.querySelector({json.dumps(selector)}).click()")
        if new_page:
            self._wait_new_page()

    def fill(self, selector: str, value: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).value = {json.dumps(value)}")

    def choose_files(self, selector: str, *paths: Path) -> None:
        root = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        self.send("DOM.setFileInputFiles", nodeId=node, files=[str(Path(p).resolve()) for p in paths])

    def text(self, selector: str = "body") -> str:
        return self.js(f"(document.querySelector({json.dumps(selector)}) || {{}}).innerText || ''")

    def count(self, selector: str) -> int:
        return self.js(f"document.querySelectorAll({json.dumps(selector)}).length")

    def url(self) -> str:
        return self.js("location.href")

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def download(self, selector: str) -> Path:
        """Click a download link and return the downloaded file once it is complete."""
        folder = Path(tempfile.mkdtemp(dir=self.downloads))  # a fresh folder: same names never collide
        self.send("Page.setDownloadBehavior", behavior="allow", downloadPath=str(folder))
        self.click(selector, new_page=False)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            new = [p for p in folder.iterdir() if not p.name.endswith(".crdownload")]
            if new and new[0].stat().st_size > 0:
                time.sleep(0.1)
                return new[0]
            time.sleep(0.05)
        raise TimeoutError("the download did not finish")

    def close(self) -> None:
        ws = getattr(self, "ws", None)
        if ws is not None:
            ws.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
