"""A loopback page that only WeChat may read, as many 政务 H5 pages are: 200 for a User-Agent with MicroMessenger
(the page says which user agent it saw), 403 "请在微信客户端打开链接" otherwise. Every User-Agent it saw is kept."""
from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape

SEEN: list[str] = []


class _WeChatOnly(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        ua = self.headers.get("User-Agent", "")
        SEEN.append(ua)
        if self.path != "/":
            self.send_error(404)
            return
        ok = "MicroMessenger" in ua
        body = (f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>社保查询</title>"
                f"<meta name='viewport' content='width=device-width, initial-scale=1'></head><body><main><h1>社保查询</h1>"
                f"<p id='ua'>{escape(ua)}</p></main></body></html>" if ok else
                "<!DOCTYPE html><html><head><title>请在微信客户端打开链接</title></head><body>请在微信客户端打开链接</body></html>")
        data = body.encode("utf-8")
        self.send_response(200 if ok else 403)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_wechat_only() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _WeChatOnly)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
