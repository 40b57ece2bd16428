"""Two loopback servers for the network guard's tests: the site on 127.0.0.1 and an "internal" server on
127.0.0.2 (Linux routes all of 127.0.0.0/8 to lo) that logs every request it gets, so a test can assert it got
none."""
from __future__ import annotations

import http.server
import threading
from contextlib import contextmanager
from typing import Iterator

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self.server.log.append(self.path)
        routes = self.server.routes
        path = self.path.split("?")[0]
        if path == "/robots.txt" or path not in routes:
            return self._send(404, "not found")
        status, body, headers = routes[path]
        self._send(status, body, headers)

    def _send(self, status, body, headers=None):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


class LoggingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str):
        super().__init__((host, 0), _Handler)
        self.log: list[str] = []
        self.routes: dict[str, tuple[int, str, dict]] = {}
        self.url = f"http://{host}:{self.server_address[1]}"

    def page(self, path: str, title: str, body: str = "<p>ok</p>") -> None:
        self.routes[path] = (200, PAGE.format(title=title, body=body), {})

    def redirect(self, path: str, to: str) -> None:
        self.routes[path] = (302, "", {"Location": to})


@contextmanager
def site_and_internal() -> Iterator[tuple[LoggingServer, LoggingServer]]:
    """(site on 127.0.0.1, internal server on 127.0.0.2), both serving until the block ends."""
    servers = [LoggingServer("127.0.0.1"), LoggingServer("127.0.0.2")]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    try:
        yield servers[0], servers[1]
    finally:
        for s in servers:
            s.shutdown()
            s.server_close()
