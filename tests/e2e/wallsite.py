"""A loopback fault site of anti-bot walls and broken TLS, for the scanner's wall and certificate tests.

Walls (one plain-HTTP server, ``serve_wallsite``), as WAF products answer:

- ``/challenge-412.html``: HTTP 412 with a script that sets a cookie and reloads (Ruishu-like); with the cookie the
  real page. A browser passes it; a static scan cannot.
- ``/challenge-202.html``: HTTP 202, the same after 300 ms (a timer, as several products do).
- ``/challenge-forever.html``: a 412 ``$_ts`` challenge that never accepts the cookie.
- ``/captcha.html``: a 200 page that is a 验证码 form and nothing else.
- ``/waf-403.html``: a 403 block page of a WAF (the Tencent Cloud marker of wafw00f).
- ``/login.html``: a real login page with a 验证码 field, a menu and text: a page, not a wall.
- ``/blocked/N.html`` (linked from ``/many-blocked.html``): WAF 403s, for the back-off and stop.

TLS (``serve_tls_sites``): one HTTPS server per certificate, made with the ``openssl`` command (the
``cryptography`` package is not a dependency of the project): a leaf signed by a throwaway CA (unknown to every
client), an expired leaf, a self-signed leaf and a leaf for another host. Nothing here is trusted by Chromium or
by the system store.
"""
from __future__ import annotations

import http.server
import json
import shutil
import ssl
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.trapsite import FaultSiteHandler

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""
CHALLENGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title></title>
<script>{script}</script></head><body></body></html>"""
CAPTCHA = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>安全验证</title></head><body>
<form method="post" action="/verify"><p>请输入验证码后继续访问</p><img src="/captcha.png" alt="">
<input name="code"><button>提交</button></form></body></html>"""
WAF_403 = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>403</title></head><body>
<p>您的访问请求可能对网站造成安全威胁，请求已被拦截。</p>
<img src="https://waf.tencent-cloud.com/403.png" alt="腾讯云"></body></html>"""
LOGIN_MENU = "".join(f'<li><a href="/ok.html?m={i}">栏目{i}</a></li>' for i in range(12))
LOGIN = PAGE.format(title="用户登录", body=(
    f"<nav><ul>{LOGIN_MENU}</ul></nav>"
    "<p>" + "欢迎使用江汉区政务服务网上办事大厅，登录后可在线办理社保、医保、户籍、不动产登记等事项。" * 8 + "</p>"
    '<form><label>用户名 <input name="u"></label><label>验证码 <input name="c"></label>'
    '<img src="/captcha.png" alt="验证码图片"><button>登录</button></form>'))
BLOCKED_COUNT = 12


def _challenge(cookie: str, delay_ms: int = 0, marker: str = "") -> str:
    set_and_reload = f'document.cookie="{cookie}=pass; path=/"; location.reload();'
    body = set_and_reload if not delay_ms else f"setTimeout(function(){{{set_and_reload}}}, {delay_ms});"
    return CHALLENGE.format(script=marker + body)


class WallHandler(FaultSiteHandler):
    hits: Counter = Counter()

    def _send(self, status: int, body: str = "", ctype: str = "text/html; charset=utf-8", headers=None) -> None:
        super()._send(status, body, ctype, {"Cache-Control": "no-store", **(headers or {})})

    def _cookie(self, name: str) -> bool:
        return f"{name}=pass" in (self.headers.get("Cookie") or "")

    def do_GET(self):
        path = self.path.split("?")[0]
        WallHandler.hits[path] += 1
        if path == "/robots.txt":
            return self._send(404, "", "text/plain")
        if path == "/":
            links = "".join(f'<a href="{p}">{p}</a> ' for p in (
                "/ok.html", "/challenge-412.html", "/challenge-202.html", "/challenge-forever.html", "/captcha.html",
                "/waf-403.html", "/login.html"))
            return self._send(200, PAGE.format(title="首页", body=links))
        if path == "/ok.html":
            return self._send(200, PAGE.format(title="正常", body='<img src="/x.png"><p>正文</p>'))
        if path == "/challenge-412.html":
            if self._cookie("w412"):
                return self._send(200, PAGE.format(title="通过412之后", body='<img src="/x.png"><p>真实页面</p>'))
            return self._send(412, _challenge("w412"))
        if path == "/challenge-202.html":
            if self._cookie("w202"):
                return self._send(200, PAGE.format(title="通过202之后", body="<p>真实页面</p>"))
            return self._send(202, _challenge("w202", delay_ms=300))
        if path == "/challenge-forever.html":  # the cookie is never accepted: reloads once a second, forever
            return self._send(412, _challenge("never", delay_ms=1000, marker="var $_ts=window['$_ts'];"))
        if path == "/captcha.html":
            return self._send(200, CAPTCHA)
        if path == "/waf-403.html" or path.startswith("/blocked/"):
            return self._send(403, WAF_403)
        if path == "/login.html":
            return self._send(200, LOGIN)
        if path == "/many-blocked.html":
            links = '<a href="/ok.html">ok</a> ' + "".join(
                f'<a href="/blocked/{i}.html">{i}</a> ' for i in range(BLOCKED_COUNT))
            return self._send(200, PAGE.format(title="很多被拦截的页面", body=links))
        if path in ("/x.png", "/captcha.png"):
            return self._send(200, "", "image/png")
        return self._send(404, PAGE.format(title="404", body="<p>没有这个页面</p>"))


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client refusing our certificate: expected here
        pass


def _serve(server: http.server.HTTPServer) -> None:
    threading.Thread(target=server.serve_forever, daemon=True).start()


def serve_wallsite() -> tuple[http.server.HTTPServer, str]:
    WallHandler.hits = Counter()
    server = _QuietServer(("127.0.0.1", 0), WallHandler)
    _serve(server)
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# ------------------------------------------------------------------------------------------------------ TLS

TLS_CASES = ("unknown_ca", "expired", "self_signed", "wrong_host")


def have_openssl() -> bool:
    return shutil.which("openssl") is not None


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_certificates(folder: Path) -> dict[str, tuple[Path, Path]]:
    """case -> (certificate, key) for each of ``TLS_CASES``: EC P-256 keys, a throwaway CA."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    _openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj",
             "/CN=wuzhangai test CA", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    out: dict[str, tuple[Path, Path]] = {}
    signed = {"unknown_ca": ("IP:127.0.0.1,DNS:localhost", "30"),
              "expired": ("IP:127.0.0.1,DNS:localhost", "-1"),  # notAfter a day before notBefore: expired
              "wrong_host": ("DNS:www.example.gov.cn", "30")}
    for case, (san, days) in signed.items():
        (folder / f"{case}.ext").write_text(f"subjectAltName={san}\n")
        _openssl("req", "-new", *ec, "-keyout", f"{case}.key", "-out", f"{case}.csr", "-subj", "/CN=127.0.0.1",
                 cwd=folder)
        _openssl("x509", "-req", "-in", f"{case}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                 "-out", f"{case}.pem", "-days", days, "-extfile", f"{case}.ext", cwd=folder)
        out[case] = (folder / f"{case}.pem", folder / f"{case}.key")
    _openssl("req", "-x509", *ec, "-keyout", "self_signed.key", "-out", "self_signed.pem", "-days", "30",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", cwd=folder)
    out["self_signed"] = (folder / "self_signed.pem", folder / "self_signed.key")
    return out


class TlsHandler(WallHandler):
    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/":
            return self._send(200, PAGE.format(title="HTTPS 首页", body='<a href="/a.html">a</a><img src="/x.png">'))
        if path == "/a.html":
            return self._send(200, PAGE.format(title="HTTPS 页面", body="<p>正文</p>"))
        return super().do_GET()


def serve_tls_sites(folder: Path) -> tuple[list[http.server.HTTPServer], dict[str, str]]:
    """One HTTPS server per case on a free loopback port: (servers, case -> https://127.0.0.1:PORT)."""
    servers, urls = [], {}
    for case, (cert, key) in make_certificates(folder).items():
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        server = _QuietServer(("127.0.0.1", 0), TlsHandler)
        # the handshake happens in the handler's thread (on first read), not in the accepting one
        server.socket = ctx.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        _serve(server)
        servers.append(server)
        urls[case] = f"https://127.0.0.1:{server.server_address[1]}"
    return servers, urls


# The fixtures and helpers of the two wall tests (static: tests/test_scan_walls.py, browser:
# tests/e2e/test_scan_walls_browser.py), imported by both.
WZ = [sys.executable, "-m", "wuzhangai.cli"]


@pytest.fixture(scope="module")
def wallsite():
    server, url = serve_wallsite()
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def tls_sites(tmp_path_factory):
    assert have_openssl(), "the openssl command makes the test certificates: `make setup-test` installs it"
    servers, urls = serve_tls_sites(tmp_path_factory.mktemp("certs"))
    yield urls
    for s in servers:
        s.shutdown()


def scan(*args: str, db: Path, out: Path, timeout: float = 120) -> tuple[subprocess.CompletedProcess, dict]:
    """``wuzhangai scan ARGS --db DB --out OUT -q``: the finished process and the JSON it wrote ({} if none)."""
    proc = subprocess.run([*WZ, "scan", *args, "--db", str(db), "--out", str(out), "-q"], capture_output=True,
                          text=True, timeout=timeout)
    return proc, json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}


def by_path(records: list[dict]) -> dict[str, dict]:
    return {urlsplit(r["url"]).path: r for r in records}
