"""A loopback site of bad behaviour for the scanner's robustness tests: hanging, never-loading, flaky, dialogs;
and, from ``/traps.html``, crawler traps (endless calendar and archive, nested relative links, a filter page whose
parameters combine, session ids) beside 30 distinct news articles, and (``serve_trapsite(soft_404=True)``) a
"not found" page answered with 200 for unknown paths."""
from __future__ import annotations

import http.server
import json
import random
import threading
import time
from collections import Counter
from urllib.parse import parse_qs, urlsplit

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""


class FaultSiteHandler(http.server.BaseHTTPRequestHandler):
    """What the fault sites' handlers share (this one and ``wallsite.WallHandler``): quiet, and one way to answer."""

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: str | bytes = "", ctype: str = "text/html; charset=utf-8", headers=None) -> None:
        data = body if isinstance(body, bytes) else body.encode("utf-8")
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


# Words to make pages of distinct text from (a seeded draw: the same page reads the same on every request).
_WORDS = ("区政府 街道 社区 办事 指南 通知 公告 残疾人 无障碍 设施 改造 服务 中心 窗口 预约 补贴 申请 材料 审核 "
          "公示 名单 会议 工作 部署 安全 生产 检查 教育 医疗 养老 就业 培训 交通 出行 坡道 盲道 卫生间 电梯 "
          "停车位 标识 志愿者 活动 文化 体育 环境 绿化 道路 维修 供水 燃气 政策 解读 问答").split()
NEWS_ARTICLES = 30
TRAP_NAV = '<nav><a href="/traps.html">专题首页</a> <a href="/news/">新闻</a></nav>'


def distinct_text(seed: str, words: int = 80) -> str:
    """A paragraph of its own for each seed."""
    return "".join(random.Random(seed).choices(_WORDS, k=words))


class TrapHandler(FaultSiteHandler):
    hits: Counter = Counter()
    chain_length = 30
    soft_404 = False  # unknown paths: a 404 (False) or a "not found" page answered with 200 (True)
    embed_origin = ""  # the other origin /embed.html frames (http://127.0.0.2:PORT, a second server)

    def do_GET(self):
        path = self.path.split("?")[0]
        TrapHandler.hits[path] += 1
        if self._traps(path) or self._encodings(path) or self._single_page_apps(path) or self._frames(path):
            return
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
            # each page has its own text: a chain of 30 pages alike would be a crawler trap (scanner.traps)
            return self._send(200, PAGE.format(title=f"第{n}页", body=f'<p>{distinct_text(path)}</p>'
                                               f'<img src="/i{n}.png">{nxt}'))
        if path.endswith(".png"):
            return self._send(404, "")
        if self.soft_404:  # the site's "not found" page, answered with 200 (and the path echoed, as many do)
            return self._send(200, PAGE.format(title="页面不存在", body=TRAP_NAV + f"<p>您访问的页面 {path} 不存在，"
                                               "请返回首页。</p>"))
        return self._send(404, "not found")

    def _traps(self, path: str) -> bool:
        """The crawler-trap section; False when ``path`` is not one of its pages."""
        query = parse_qs(urlsplit(self.path).query)
        if path == "/traps.html":
            links = ["/calendar/2024/1.html", "/archive.html?page=1", "/x/", "/filter.html", "/session.html",
                     "/news/", "/old-page.html"]
            body = "".join(f'<a href="{u}">{u}</a> ' for u in links)
        elif path.startswith("/calendar/"):  # an endless calendar: every month links the next, all alike
            year, month = (int(p) for p in path[len("/calendar/"):-len(".html")].split("/"))
            nxt = (year + 1, 1) if month == 12 else (year, month + 1)
            days = "".join(f"<td>{d}日 无活动</td>" for d in range(1, 31))
            body = (f"<h2>{year}年{month}月 活动日历</h2><table><tr>{days}</tr></table>"
                    f'<a href="/calendar/{nxt[0]}/{nxt[1]}.html">下一月</a>')
        elif path == "/archive.html":  # three pages of entries, then empty pages with a next link forever
            page = int(query.get("page", ["1"])[0])
            items = ("".join(f"<li>{distinct_text(f'archive-{page}-{i}', 12)}</li>" for i in range(10))
                     if page <= 3 else "<li>暂无内容</li>")
            body = f'<h2>第 {page} 页</h2><ul>{items}</ul><a href="/archive.html?page={page + 1}">下一页</a>'
        elif path.startswith("/x/"):  # a relative link to a folder in itself: /x/a/, /x/a/a/, /x/a/a/a/ ...
            body = f'<p>{distinct_text(path)}</p><a href="a/">子目录</a>'
        elif path == "/filter.html":  # filters whose links combine: 3 types x 5 years x 2 orders
            chosen = {k: v[0] for k, v in query.items()}
            body = f"<p>{distinct_text(repr(sorted(chosen.items())))}</p>" + "".join(
                f'<a href="/filter.html?type={t}&year={y}&sort={o}">{t} {y} {o}</a> '
                for t in "abc" for y in range(2020, 2025) for o in ("asc", "desc"))
        elif path.startswith("/account.html"):  # one page, linked with four session ids
            body = "<p>办事账户</p>"
        elif path == "/session.html":
            body = "".join(f'<a href="{u}">账户</a> ' for u in (
                "/account.html;jsessionid=A1B2C3", "/account.html;jsessionid=D4E5F6", "/account.html?PHPSESSID=77aa",
                "/account.html?PHPSESSID=88bb"))
        elif path == "/news/":
            body = "".join(f'<a href="/news/2024/{i}.html">新闻 {i}</a> ' for i in range(1, NEWS_ARTICLES + 1))
        elif path.startswith("/news/2024/"):
            body = f"<p>{distinct_text(path, 120)}</p>"
        else:
            return False
        self._send(200, PAGE.format(title=path, body=TRAP_NAV + body))
        return True


    def _encodings(self, path: str) -> bool:
        """The encodings section (``/enc/``): GBK, GB2312 and GB18030 declared by ``<meta charset>``, by
        ``http-equiv`` or only by the HTTP header, and two pages that declare one encoding and are another."""
        if path == "/enc/":
            body = "".join(f'<a href="{p}">{page[4]}</a> ' for p, page in ENCODED_PAGES.items())
            self._send(200, PAGE.format(title="编码专题", body=body))
            return True
        if path not in ENCODED_PAGES:
            return False
        how, declared, actual, _, title = ENCODED_PAGES[path]
        head = {"meta": f'<meta charset="{declared}">',
                "http-equiv": f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'}.get(how, "")
        html = (f'<!DOCTYPE html><html lang="zh-CN"><head>{head}<title>{title}</title></head><body><main>'
                f"<h1>{title}</h1><p>{ENCODED_TEXT}</p><a href=\"/enc/\">点击这里</a></main></body></html>")
        ctype = f"text/html; charset={declared}" if how == "header" else "text/html"
        self._send(200, html.encode(actual), ctype)
        return True


    def _frames(self, path: str) -> bool:
        """``/embed.html`` embeds ``/map.html`` of another origin (``embed_origin``, a second server: a map
        service's frame); the map has a barrier of its own (an image without alt)."""
        if path == "/embed.html":
            body = (f"<p>{distinct_text('embed')}</p><iframe src=\"{self.embed_origin}/map.html\" "
                    'title="办事大厅位置地图" width="400" height="300"></iframe>')
            self._send(200, PAGE.format(title="办事大厅位置", body=body))
        elif path == "/map.html":
            self._send(200, PAGE.format(title="地图服务", body='<img src="/tile.png"><p>江汉区办事大厅</p>'))
        else:
            return False
        return True

    def _single_page_apps(self, path: str) -> bool:
        """Two single-page apps in plain script: ``/spa.html`` routes by hash (``#/news/2``), ``/app/`` by the
        History API (links that call ``history.pushState``; the server answers every ``/app/...`` with the shell).
        Their menus exist only in the rendered DOM; one route of each has a barrier (``SPA_BARRIERS``)."""
        if path == "/spa.html":
            self._send(200, SPA_SHELL.format(title="便民服务", routes=json.dumps(HASH_ROUTES, ensure_ascii=False),
                                             router=HASH_ROUTER,
                                             footer='<footer><a href="#/contact">联系我们</a></footer>'))
            return True
        if path == "/app" or path.startswith("/app/"):
            self._send(200, SPA_SHELL.format(title="网上办事", routes=json.dumps(HISTORY_ROUTES, ensure_ascii=False),
                                             router=HISTORY_ROUTER, footer=""))
            return True
        return False


# The single-page apps: route -> (title, body). Each route has text of its own (a route is a page); the barriers
# are an image without alt (hash route) and a field without a label (History API route).
HASH_ROUTES = {
    "/": ["便民服务首页", f"<p>{distinct_text('spa-home')}</p>"],
    "/news/1": ["通知公告：坡道改造", f"<p>{distinct_text('spa-news-1')}</p>"],
    "/news/2": ["通知公告：盲道维修", f'<p>{distinct_text("spa-news-2")}</p><img src="/spa-photo.png">'],
    "/contact": ["联系我们", f"<p>{distinct_text('spa-contact')}</p>"],
}
HISTORY_ROUTES = {
    "/app/": ["网上办事首页", f"<p>{distinct_text('app-home')}</p>"],
    "/app/guide": ["办事指南", f"<p>{distinct_text('app-guide')}</p>"],
    "/app/apply": ["在线申请", f'<p>{distinct_text("app-apply")}</p><form><input type="text" name="phone"></form>'],
}
SPA_BARRIERS = {"/spa.html#/news/2": "image-alt", "/app/apply": "label"}
SPA_SHELL = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head><body>
<nav id="nav"></nav><main><div id="app"></div></main>{footer}
<script>const ROUTES = {routes};
function render() {{
  const [title, body] = ROUTES[route()] || ["页面不存在", "<p>没有这个页面</p>"];
  document.title = title;
  document.getElementById("app").innerHTML = "<h1>" + title + "</h1>" + body;
}}
{router}
document.getElementById("nav").innerHTML = Object.keys(ROUTES).map(
  (r) => '<a href="' + href(r) + '">' + ROUTES[r][0] + "</a>").join(" ");
follow();
render();
</script></body></html>"""
HASH_ROUTER = """function route() { return location.hash.slice(1) || "/"; }
function href(r) { return "#" + r; }
function follow() { window.addEventListener("hashchange", render); }"""
HISTORY_ROUTER = """function route() { return location.pathname === "/app" ? "/app/" : location.pathname; }
function href(r) { return r; }
function follow() {
  window.addEventListener("popstate", render);
  document.addEventListener("click", (e) => {
    const a = e.target.closest("a");
    if (!a || !a.pathname.startsWith("/app")) return;
    e.preventDefault();
    history.pushState({}, "", a.href);
    render();
  });
}"""


# path -> (declared by, declared, the bytes' encoding, mismatch?, title): read right in both modes, the mismatched
# two noted with declared and detected encodings
ENCODED_PAGES = {
    "/enc/meta-gbk.html": ("meta", "gbk", "gbk", False, "GBK编码的通知公告"),
    "/enc/http-equiv-gb2312.html": ("http-equiv", "gb2312", "gb2312", False, "GB2312编码的办事指南"),
    "/enc/header-gb18030.html": ("header", "gb18030", "gb18030", False, "GB18030编码的政策解读"),
    "/enc/meta-utf8-is-gbk.html": ("meta", "utf-8", "gbk", True, "声明UTF-8实为GBK的残疾人服务页"),
    "/enc/header-gb2312-is-utf8.html": ("header", "gb2312", "utf-8", True, "声明GB2312实为UTF-8的无障碍设施页"),
}
ENCODED_TEXT = "江汉区无障碍设施改造项目公示，坡道、盲道与无障碍卫生间的改造进度。"


class SoftNotFoundHandler(TrapHandler):
    soft_404 = True


def serve_trapsite(soft_404: bool = False, host: str = "127.0.0.1") -> tuple[http.server.ThreadingHTTPServer, str]:
    """The fault site on a free port of ``host`` (another loopback address, 127.0.0.2, is another site)."""
    TrapHandler.hits = Counter()
    server = http.server.ThreadingHTTPServer((host, 0), SoftNotFoundHandler if soft_404 else TrapHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"
