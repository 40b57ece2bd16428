"""A loopback site of bad behaviour for the scanner's robustness tests: hanging, never-loading, flaky, dialogs."""
from __future__ import annotations

import http.server
import threading
import time
from collections import Counter

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""


class FaultSiteHandler(http.server.BaseHTTPRequestHandler):
    """What the fault sites' handlers share (this one and ``wallsite.WallHandler``): quiet, and one way to answer."""

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: str = "", ctype: str = "text/html; charset=utf-8", headers=None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def do_HEAD(self):
        self.do_GET()


class TrapHandler(FaultSiteHandler):
    hits: Counter = Counter()
    chain_length = 30

    def do_GET(self):
        path = self.path.split("?")[0]
        TrapHandler.hits[path] += 1
        if path == "/robots.txt":
            return self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
        if path == "/":
            links = "".join(f'<a href="{p}">{p}</a> ' for p in (
                "/ok.html", "/hang.html", "/loop.html", "/never-loads.html", "/dialog.html", "/flaky.html",
                "/down.html", "/moved.html", "/private/x.html", "/report.pdf", "/missing.html", "/refresh.html",
                "/prototype.html"))
            return self._send(200, PAGE.format(title="首页", body=links))
        if path == "/ok.html":
            return self._send(200, PAGE.format(title="正常", body='<img src="/x.png">'))
        if path == "/hang.html":  # the server never answers
            time.sleep(60)
            return
        if path == "/loop.html":  # the page's own script never ends
            return self._send(200, PAGE.format(title="死循环", body="<p>x</p><script>while(true){}</script>"))
        if path == "/never-loads.html":  # DOM is ready, 'load' never fires (an image that never arrives)
            return self._send(200, PAGE.format(title="加载不完", body='<img src="/slow.png" alt="慢">'))
        if path == "/slow.png":
            time.sleep(60)
            return
        if path == "/dialog.html":
            return self._send(200, PAGE.format(title="弹窗", body="<script>alert('欢迎');confirm('确定?')</script><p>ok</p>"))
        if path == "/flaky.html":  # 503 first, then fine
            if TrapHandler.hits[path] == 1:
                return self._send(503, "busy")
            return self._send(200, PAGE.format(title="恢复", body="<p>ok</p>"))
        if path == "/down.html":  # always 500
            return self._send(500, "error")
        if path == "/refresh.html":  # a client-side redirect that happens while axe runs
            # Started by axe.run itself, which then yields until the new document replaces this one. A timer raced
            # the check: Chromium commits a navigation only when the page's main thread is free, so a check that
            # ran through without yielding finished first, and on a loaded machine it did.
            leave = ('<script>const run = axe.run; axe.run = async function () { location.replace("/landing.html"); '
                     'await new Promise((r) => setTimeout(r, 5000)); return run.apply(this, arguments); };</script>')
            return self._send(200, PAGE.format(title="跳转", body="<p>正在跳转</p>" + leave))
        if path == "/prototype.html":  # an old library's JSON habits (Prototype.js 1.6), and a broken stringify
            script = ("<script>Array.prototype.toJSON = function () { return '[' + this.join(',') + ']'; };"
                      "JSON.stringify = function () { return '\"broken\"'; };</script>")
            return self._send(200, PAGE.format(title="旧脚本库", body=script + '<img src="/x.png"><a href="/ok.html">正常</a>'))
        if path == "/landing.html":
            return self._send(200, PAGE.format(title="落地页", body="<p>ok</p>"))
        if path == "/moved.html":
            return self._send(301, "", headers={"Location": "/ok.html"})
        if path == "/report.pdf":
            return self._send(200, "%PDF-1.4\n%%EOF\n", "application/pdf")
        if path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1].split(".")[0])
            nxt = f'<a href="/chain/{n + 1}.html">下一页</a>' if n < self.chain_length else ""
            time.sleep(0.05)
            return self._send(200, PAGE.format(title=f"第{n}页", body=f'<img src="/i{n}.png">{nxt}'))
        if path.endswith(".png"):
            return self._send(404, "")
        return self._send(404, "not found")


def serve_trapsite() -> tuple[http.server.ThreadingHTTPServer, str]:
    TrapHandler.hits = Counter()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TrapHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
