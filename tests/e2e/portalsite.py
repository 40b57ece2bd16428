"""A loopback government service portal (办事大厅) behind a login, for the authenticated-scan tests.

- ``/login``: a consent dialog (个人信息保护提示) hides the form until it is accepted; the form carries a CSRF token
  bound to a pre-session cookie; a good user name and password set the ``sid`` session cookie (HttpOnly) and
  redirect to ``/portal/``; a bad one shows the form again with 用户名或密码错误.
- ``/portal/...``: private pages, each with its barriers; without a live session a 302 to ``/login?next=``.
  A session ends by itself after ``SESSION_PAGES`` private pages (as portals that time sessions out do), so a
  scan of more pages must log in again.
- ``/portal/logout`` (退出登录) ends the session; ``/portal/records?op=3`` is a link whose text says 删除记录 (its
  URL does not): neither may be followed by a logged-in crawl. ``hits`` counts every path requested.
- ``/portal/menu.html``: a menu opened by a button holds an unnamed button (``button-name``): found only when the
  page's actions open the menu before the check.
- ``/basic/``: pages behind HTTP basic auth; ``/api/``: pages behind an ``X-Api-Key`` header.

The server never writes the password or the user name into a page.
"""
from __future__ import annotations

import base64
import secrets as _secrets
import threading
from collections import Counter
from urllib.parse import parse_qs, quote, urlsplit

import http.server

from tests.e2e.trapsite import FaultSiteHandler

USER = "zhang.wei.portal-test"
PASSWORD = "Pa55-w0rd-不可泄露-7f3a9c1e"
BASIC_USER, BASIC_PASSWORD = "auditor", "basic-Secret-58c1d0b2"
API_KEY = "key-9d2e7b41aa0c4f61"
SESSION_PAGES = 4  # private pages a session serves before it ends by itself

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body>{header}<main><h1>{title}</h1>{body}</main></body></html>"""
NAV = ('<header><nav aria-label="门户"><a href="/portal/">个人中心</a> <a href="/portal/apply.html">在线申请</a> '
       '<a href="/portal/progress.html">办件进度</a> <a href="/portal/profile.html">我的资料</a> '
       '<a href="/portal/menu.html">服务菜单</a> <a href="/portal/records?op=3">删除记录</a> '
       '<a href="/portal/logout">退出登录</a></nav></header>')
LOGIN = PAGE.format(title="用户登录", header="", body="""
<div role="dialog" id="consent" aria-labelledby="consent-title"><h2 id="consent-title">个人信息保护提示</h2>
<p>登录即表示您同意本平台按照《个人信息保护法》处理您的个人信息。</p>
<button type="button" id="consent-accept">同意并继续</button></div>
<p>请输入用户名和密码。</p><p class="error">{error}</p>
<form method="post" action="/login" id="login-form" hidden>
<input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="next" value="{next}">
<label>用户名 <input name="username" id="username" autocomplete="username"></label>
<label>密码 <input name="password" id="password" type="password" autocomplete="current-password"></label>
<button type="submit" id="login-submit">登录</button></form>
<script>document.getElementById('consent-accept').addEventListener('click', function () {{
  document.getElementById('consent').hidden = true; document.getElementById('login-form').hidden = false; }});</script>
""")
PRIVATE = {
    "/portal/": ("个人中心", '<p id="portal-home">您好，欢迎回来。您有 2 件办件正在审核。</p>'),
    "/portal/apply.html": ("在线申请", '<form><p>残疾人两项补贴申请</p><input name="idcard"> '
                                      '<img src="/static/seal.png"><button>下一步</button></form>'),
    "/portal/progress.html": ("办件进度", '<table><tr><td>无障碍改造申请</td><td><img src="/static/ok.png"></td></tr>'
                                         "</table>"),
    "/portal/profile.html": ("我的资料", '<p>联系电话：<input name="phone"></p>'),
    "/portal/menu.html": ("服务菜单", '<button type="button" id="menu-toggle" aria-expanded="false">打开菜单</button>'
                                     '<div id="menu" hidden><button type="button" class="icon"></button>'
                                     "<a href=\"/portal/apply.html\">申请</a></div><script>"
                                     "document.getElementById('menu-toggle').onclick = function () {"
                                     "document.getElementById('menu').hidden = false; };</script>"),
}
BASIC_PAGES = {"/basic/": ("内网门户", '<a href="/basic/a.html">通知</a><img src="/static/x.png">'),
               "/basic/a.html": ("内网通知", "<p>通知正文</p>")}
API_PAGES = {"/api/": ("接口门户", "<p>接口说明</p>")}


class PortalHandler(FaultSiteHandler):
    hits: Counter = Counter()
    sessions: dict[str, int] = {}  # live session id -> private pages it has served
    pre: dict[str, str] = {}  # pre-session cookie -> the CSRF token of its form
    logins = 0  # successful logins
    failed_logins = 0
    ended = 0  # sessions that ended by themselves
    all_sids: list[str] = []  # every session id handed out (none may be stored by the scan)
    lock = threading.Lock()

    def _cookies(self) -> dict[str, str]:
        out = {}
        for part in (self.headers.get("Cookie") or "").split(";"):
            k, _, v = part.strip().partition("=")
            if k:
                out[k] = v
        return out

    def do_GET(self):
        parts = urlsplit(self.path)
        path = parts.path
        with self.lock:
            self.hits[path] += 1
        if path == "/login":
            return self._login_form("", parse_qs(parts.query).get("next", ["/portal/"])[0])
        if path.startswith("/static/"):
            return self._send(200, "", "image/png")
        if path.startswith("/portal/"):
            return self._private(path)
        if path in BASIC_PAGES:
            expected = "Basic " + base64.b64encode(f"{BASIC_USER}:{BASIC_PASSWORD}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self._send(401, "need auth", "text/plain", {"WWW-Authenticate": 'Basic realm="portal"'})
            title, body = BASIC_PAGES[path]
            return self._send(200, PAGE.format(title=title, header="", body=body))
        if path in API_PAGES:
            if self.headers.get("X-Api-Key") != API_KEY:
                return self._send(403, PAGE.format(title="无权访问", header="", body="<p>缺少接口密钥</p>"))
            title, body = API_PAGES[path]
            return self._send(200, PAGE.format(title=title, header="", body=body))
        return self._send(404, PAGE.format(title="404", header="", body="<p>没有这个页面</p>"))

    def _login_form(self, error: str, next_url: str) -> None:
        pre, token = _secrets.token_hex(8), _secrets.token_hex(16)
        with self.lock:
            self.pre[pre] = token
        self._send(200, LOGIN.format(error=error, csrf=token, next=next_url),
                   headers={"Set-Cookie": f"pre={pre}; Path=/; HttpOnly"})

    def _private(self, path: str) -> None:
        sid = self._cookies().get("sid")
        with self.lock:
            served = self.sessions.get(sid) if sid else None
            if served is not None and served >= SESSION_PAGES:  # the session ends by itself
                del self.sessions[sid]
                type(self).ended += 1
                served = None
            if served is not None and path != "/portal/logout":
                self.sessions[sid] = served + 1
        if served is None:
            return self._send(302, "", headers={"Location": "/login?next=" + quote(path)})
        if path == "/portal/logout":
            with self.lock:
                self.sessions.pop(sid, None)
            return self._send(302, "", headers={"Location": "/login"})
        if path == "/portal/records":
            return self._send(200, PAGE.format(title="记录已删除", header=NAV, body="<p>记录已删除</p>"))
        if path not in PRIVATE:
            return self._send(404, PAGE.format(title="404", header=NAV, body="<p>没有这个页面</p>"))
        title, body = PRIVATE[path]
        self._send(200, PAGE.format(title=title, header=NAV, body=body))

    def do_POST(self):
        path = urlsplit(self.path).path
        with self.lock:
            self.hits["POST " + path] += 1
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
        if path != "/login":
            return self._send(405, "")
        with self.lock:
            expected = self.pre.pop(self._cookies().get("pre", ""), None)
        if expected is None or form.get("csrf") != expected:
            return self._send(403, PAGE.format(title="请求无效", header="", body="<p>CSRF 校验失败</p>"))
        if form.get("username") != USER or form.get("password") != PASSWORD:
            type(self).failed_logins += 1
            return self._login_form("用户名或密码错误", form.get("next") or "/portal/")
        sid = _secrets.token_hex(16)
        with self.lock:
            self.sessions[sid] = 0
            self.all_sids.append(sid)
            type(self).logins += 1
        next_url = form.get("next") or "/portal/"
        self._send(303, "", headers={"Location": next_url if next_url.startswith("/portal/") else "/portal/",
                                     "Set-Cookie": f"sid={sid}; Path=/; HttpOnly; SameSite=Lax"})


def serve_portal() -> tuple[http.server.HTTPServer, str]:
    PortalHandler.hits = Counter()
    PortalHandler.sessions, PortalHandler.pre, PortalHandler.all_sids = {}, {}, []
    PortalHandler.logins = PortalHandler.failed_logins = PortalHandler.ended = 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PortalHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def login_script(base: str, wait_selector: str = "#portal-home") -> str:
    """The portal's login script (YAML), as the README shows it."""
    return f"""name: portal-member
timeout: 8
logged_out: {{url: "/login", text: "请输入用户名和密码"}}
steps:
  - goto: {base}/login
  - click: "#consent-accept"
  - fill: {{selector: "#username", value: "${{secret:PORTAL_USER}}"}}
  - fill: {{selector: "#password", value: "${{secret:PORTAL_PASSWORD}}"}}
  - click: "#login-submit"
  - wait-for: "{wait_selector}"
"""
