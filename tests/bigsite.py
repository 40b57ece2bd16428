"""A big generated site: a district portal of exactly ``pages`` HTML pages, synthesised from the path on every
request (nothing is written to disk), served on loopback. Used by the big-site tests (tests/test_scan_bigsite.py)
and the bench (bench/bench_bigsite.py).

The shape is a government portal's: a home page, ``SECTIONS`` sections (新闻动态, 政务公开, ...), each with an
index page linking every one of its list pages (分页 1..n), each list page linking up to ``PER_LIST`` articles,
each article a few paragraphs with links to its previous and next sibling, its list and the section. Every page
carries the same header and footer (navigation to the sections, 关于我们, 联系我们, 网站地图 and a logo without
alt text: one failed finding per page, the template barrier a real CMS repeats on every page). A section whose
page budget cannot be split into full lists and articles gets one extra page, ``/sN/intro.html`` (栏目介绍),
so the total is exact.

Everything is a pure function of (pages, path): two servers of the same size serve byte-identical sites, and
``all_paths`` lists what a crawl must find. Depth from ``/``: sections 1, lists 2, articles 3 (within the
crawler's default ``--max-depth 5``).
"""
from __future__ import annotations

import hashlib
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterator

SECTIONS = 20
PER_LIST = 20  # articles per list page
FIXED = ("/about.html", "/contact.html", "/sitemap.html")  # the footer's pages, linked from every page

SECTION_NAMES = ("新闻动态", "政务公开", "政策文件", "政策解读", "办事服务", "互动交流", "通知公告", "人事信息",
                 "财政预决算", "统计数据", "规划计划", "应急管理", "民生保障", "教育卫生", "城市建设", "文化旅游",
                 "营商环境", "街道动态", "专题专栏", "建议提案")
PHRASES = ("为深入贯彻落实区委区政府决策部署", "进一步提升政务服务水平", "切实保障残疾人和老年人的合法权益",
           "各街道、各部门要高度重视", "按照“放管服”改革要求", "推进无障碍环境建设", "强化责任落实",
           "确保各项工作取得实效", "广泛听取社会各界意见", "持续优化营商环境", "加强统筹协调", "做好宣传引导工作",
           "群众满意度明显提升", "建立健全长效机制", "坚持问题导向", "抓好督促检查")


@dataclass(frozen=True)
class Section:
    index: int
    articles: int
    lists: int
    intro: bool  # the one extra page that makes the site's total exact


class BigSite:
    """The page plan of a site of ``pages`` pages (at least 1 + len(FIXED) + SECTIONS * 3 = 84)."""

    def __init__(self, pages: int):
        minimum = 1 + len(FIXED) + SECTIONS * 3  # per section: its index, a list, an article
        if pages < minimum:
            raise ValueError(f"a big site has at least {minimum} pages")
        self.pages = pages

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        rest = self.pages - 1 - len(FIXED) - SECTIONS  # lists, articles and intros
        out = []
        for i in range(SECTIONS):
            budget = rest // SECTIONS + (1 if i < rest % SECTIONS else 0)
            # a articles need ceil(a / PER_LIST) lists; a budget of k*(PER_LIST+1)+1 has no such split, so it
            # gets one intro page
            articles = budget - -(-budget // (PER_LIST + 1))
            lists = -(-articles // PER_LIST)
            extra = budget - articles - lists
            assert extra in (0, 1) and articles >= 1, (budget, articles, lists)
            out.append(Section(i + 1, articles, lists, bool(extra)))
        return tuple(out)

    def all_paths(self) -> Iterator[str]:
        """Every page's path (each page once); ``len(list(...)) == pages``."""
        yield "/"
        yield from FIXED
        for s in self.sections:
            yield f"/s{s.index}/"
            if s.intro:
                yield f"/s{s.index}/intro.html"
            for p in range(1, s.lists + 1):
                yield f"/s{s.index}/list_{p}.html"
            for a in range(1, s.articles + 1):
                yield f"/s{s.index}/a{a}.html"

    # ---- pages ---------------------------------------------------------------------------------------------

    _ROUTE = re.compile(r"^/s(\d+)/(?:(intro)\.html|list_(\d+)\.html|a(\d+)\.html)?$")

    def render(self, path: str) -> str | None:
        """The page at ``path`` (query and fragment ignored), or None (404)."""
        path = path.split("?", 1)[0].split("#", 1)[0]
        if path in ("/", "/index.html"):
            items = "".join(f'<li><a href="/s{s.index}/">{SECTION_NAMES[s.index - 1]}</a>'
                            f'（{s.articles} 篇）</li>' for s in self.sections)
            return self._page("首页", f"<h1>江汉区人民政府门户网站</h1><ul>{items}</ul>{self._text('/', 2)}")
        if path in FIXED:
            title = {"/about.html": "关于我们", "/contact.html": "联系我们", "/sitemap.html": "网站地图"}[path]
            return self._page(title, f"<h1>{title}</h1>{self._text(path, 2)}")
        m = self._ROUTE.match(path)
        if not m or not 1 <= int(m[1]) <= SECTIONS:
            return None
        s = self.sections[int(m[1]) - 1]
        name = SECTION_NAMES[s.index - 1]
        base = f"/s{s.index}/"
        if m[2]:
            return self._page(f"{name}栏目介绍", f"<h1>{name}栏目介绍</h1>{self._text(path, 2)}") if s.intro else None
        if m[3]:
            p = int(m[3])
            if not 1 <= p <= s.lists:
                return None
            first = (p - 1) * PER_LIST + 1
            items = "".join(f'<li><a href="{base}a{a}.html">{name}第 {a} 号文章</a></li>'
                            for a in range(first, min(first + PER_LIST, s.articles + 1)))
            pager = "".join(f'<a href="{base}list_{q}.html">{q}</a> ' for q in (p - 1, p + 1) if 1 <= q <= s.lists)
            return self._page(f"{name} 第{p}页", f"<h1>{name}</h1><ul>{items}</ul><nav>{pager}</nav>")
        if m[4]:
            a = int(m[4])
            if not 1 <= a <= s.articles:
                return None
            lst = (a - 1) // PER_LIST + 1
            siblings = "".join(f'<a href="{base}a{b}.html">{label}</a> '
                               for b, label in ((a - 1, "上一篇"), (a + 1, "下一篇")) if 1 <= b <= s.articles)
            return self._page(f"{name}第 {a} 号文章", f"<article><h1>{name}第 {a} 号文章</h1>{self._text(path, 4)}"
                              f'</article><nav>{siblings}<a href="{base}list_{lst}.html">返回列表</a></nav>')
        pager = "".join(f'<a href="{base}list_{p}.html">第{p}页</a> ' for p in range(1, s.lists + 1))
        intro = f'<p><a href="{base}intro.html">栏目介绍</a></p>' if s.intro else ""
        return self._page(name, f"<h1>{name}</h1>{intro}<nav>{pager}</nav>")

    def _text(self, path: str, paragraphs: int) -> str:
        """A few deterministic paragraphs (the same path always gives the same text)."""
        digest = hashlib.sha256(path.encode()).digest()
        return "".join("<p>" + "，".join(PHRASES[digest[(i * 6 + j) % 32] % len(PHRASES)] for j in range(6)) + "。</p>"
                       for i in range(paragraphs))

    def _page(self, title: str, main: str) -> str:
        nav = "".join(f'<li><a href="/s{i}/">{SECTION_NAMES[i - 1]}</a></li>' for i in range(1, SECTIONS + 1))
        return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                f'<title>{title} - 江汉区人民政府</title></head><body>'
                f'<header><a href="/"><img src="/logo.png"></a><nav><ul><li><a href="/">首页</a></li>{nav}</ul>'
                f'</nav></header><main>{main}</main><footer><a href="/about.html">关于我们</a> '
                '<a href="/contact.html">联系我们</a> <a href="/sitemap.html">网站地图</a>'
                '<p>主办单位：江汉区人民政府办公室</p></footer></body></html>')


def serve_bigsite(pages: int) -> tuple[http.server.ThreadingHTTPServer, str, BigSite]:
    """Serve a ``BigSite`` of ``pages`` pages on a free loopback port from a daemon thread: (server, base URL,
    site). HTTP/1.1 with Content-Length, so the crawler keeps its connections (a new TCP connection per page
    would measure the loopback, not the scanner). robots.txt, sitemap.xml and the logo are 404."""
    site = BigSite(pages)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # headers and body go out in two writes; with Nagle on, the body waits for the ACK of the headers,
        # which the client delays by up to 40 ms on a kept-alive connection: a stall per page that made the
        # static scanner wait on the server (40 % of one core busy at 2,200 pages/min)
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            html = site.render(self.path)
            body = html.encode("utf-8") if html is not None else b"not found"
            self.send_response(200 if html is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8" if html is not None else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_HEAD(self) -> None:  # noqa: N802
            html = site.render(self.path)
            self.send_response(200 if html is not None else 404)
            self.send_header("Content-Length", str(len(html.encode("utf-8")) if html is not None else 0))
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = _QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/", site


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A scanner killed mid-request (the resume test's SIGKILL) resets its connections: expected, not a
        traceback on stderr. Anything else is still printed."""
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


# ---- measuring a scanner process ---------------------------------------------------------------------------------

@dataclass
class Measured:
    """A finished process: its exit status, output, wall seconds, and memory. ``peak_rss_mb`` is the process's own
    high-water mark (VmHWM) read by itself as it exits (exact); ``scanner_hwm_mb`` the same mark and
    ``children_peak_mb`` the largest sum of its descendants' resident sets (Chromium's processes), both polled
    from /proc every ``poll`` seconds (a spike shorter than that in the last moments can be missed). Not
    ``wait4``'s ru_maxrss: a child forked from this process starts with this process's pages mapped, and the
    kernel carries that high-water mark across exec (a pytest worker of 986 MB made every scan it ran look
    986 MB)."""

    returncode: int
    stdout: str
    stderr: str
    wall_s: float
    peak_rss_mb: float
    scanner_hwm_mb: float
    children_peak_mb: float


def _status_kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children's children included), from /proc/*/task/*/children."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    kids = [int(k) for k in f.read().split()]
                out += kids
                todo += kids
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return out


def run_measured(cmd: list[str], timeout: float, poll: float = 0.2, env: dict | None = None,
                 on_poll: Callable[[subprocess.Popen], None] | None = None) -> Measured:
    """Run ``cmd`` to its end (or ``timeout``: killed, then raises), measuring its memory (``Measured``).
    ``on_poll`` is called at every poll with the running process (a test kills it from there)."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("r", suffix=".hwm") as exit_hwm:
        proc = subprocess.Popen(_reporting_hwm(cmd, exit_hwm.name), stdout=out, stderr=err, text=True, env=env)
        hwm = children = 0
        try:
            while True:
                hwm = max(hwm, _status_kb(proc.pid, "VmHWM"))
                children = max(children, sum(_status_kb(p, "VmRSS") for p in _descendants(proc.pid)))
                if on_poll is not None:
                    on_poll(proc)
                pid, status = os.waitpid(proc.pid, os.WNOHANG)
                if pid:
                    proc.returncode = os.waitstatus_to_exitcode(status)
                    break
                if time.monotonic() - started > timeout:
                    proc.kill()
                    proc.wait()
                    raise TimeoutError(f"{cmd[:6]} ran longer than {timeout} s")
                time.sleep(poll)
        finally:
            if proc.returncode is None:
                proc.kill()
                proc.wait()
        out.seek(0)
        err.seek(0)
        at_exit = int(exit_hwm.read().strip() or 0)  # nothing when it was killed
        return Measured(proc.returncode, out.read(), err.read(), time.monotonic() - started,
                        max(at_exit, hwm) / 1024, hwm / 1024, children / 1024)


# Runs ``python -m MODULE ARGS`` and, as it exits, writes its own VmHWM (kB) to the file named first.
_HWM_AT_EXIT = """import atexit, runpy, sys
def _hwm(path=sys.argv[1]):
    with open('/proc/self/status') as f, open(path, 'w') as out:
        out.write(next(line.split()[1] for line in f if line.startswith('VmHWM:')))
atexit.register(_hwm)
module, sys.argv = sys.argv[2], [sys.argv[2], *sys.argv[3:]]
runpy.run_module(module, run_name='__main__', alter_sys=True)
"""


def _reporting_hwm(cmd: list[str], path: str) -> list[str]:
    """``cmd`` (``python -m MODULE ...``) made to report its peak memory as it exits; other commands unchanged."""
    if len(cmd) > 2 and cmd[1] == "-m":
        return [cmd[0], "-c", _HWM_AT_EXIT, path, *cmd[2:]]
    return cmd
