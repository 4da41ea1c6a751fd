"""The HTTP side of ``sgs serve`` that waitress decides before the application sees a request: its own
error pages (a body over the size limit, a malformed request) in Chinese, and a stop on SIGTERM as on
Ctrl+C."""

from __future__ import annotations

import html
import signal

from waitress.channel import HTTPChannel
from waitress.task import ErrorTask

_PAGE = ("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title} · 双公示数据工具</title>"
         "</head><body><h1>{title}</h1><p id=\"error\">{message}</p><p><a href=\"/\">返回首页</a></p></body></html>")


def error_page(code: int, max_upload_mb: int) -> tuple[str, str]:
    if code == 413:
        return "文件太大", f"上传的文件合计超过 {max_upload_mb} MB，请拆分后分批上传。"
    if code == 431:
        return "请求无效", "请求头过大，请清除浏览器中本网站的 Cookie 后重试。"
    return "请求无效", "服务器无法理解此请求，请返回页面重试。"


def channel_class(max_upload_mb: int):
    class ChineseErrorTask(ErrorTask):
        def execute(self):
            e = self.request.error
            title, message = error_page(e.code, max_upload_mb)
            body = _PAGE.format(title=html.escape(title), message=html.escape(message)).encode("utf-8")
            self.status = f"{e.code} {e.reason}"
            self.response_headers.extend([("Content-Type", "text/html; charset=utf-8"),
                                          ("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store")])
            self.set_close_on_finish()
            self.content_length = len(body)
            self.write(body)

    class Channel(HTTPChannel):
        error_task_class = ChineseErrorTask

    return Channel


def use_chinese_errors(server, max_upload_mb: int) -> None:
    cls = channel_class(max_upload_mb)
    servers = [server] + [s for s in getattr(server, "map", {}).values() if hasattr(s, "channel_class")]
    for s in servers:
        if hasattr(s, "channel_class"):
            s.channel_class = cls


def stop_on_sigterm() -> None:
    """SIGTERM (kill, systemd, a service manager) stops the server as Ctrl+C does."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, interrupt)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM here
        pass
