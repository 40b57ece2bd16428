"""Shared by the site and district reports: the Jinja2 environment, the inlined stylesheet, and writing a report
in each format (HTML, PDF, XLSX, CSV per table, JSON) atomically."""
from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from reports.tables import Table, format_cell, local_time
from reports.tabular import write_csv

REPORT_FORMATS = ("html", "pdf", "xlsx", "csv", "json")
OUTCOME_TEXT = {"failed": ("不通过", "failed"), "passed": ("通过", "passed"), "cantTell": ("需人工复核", "needs review"),
                "inapplicable": ("不适用", "inapplicable"), "untested": ("未检测", "not tested"),
                "not_assessed": ("未评估", "not assessed"), "error": ("未能检查", "not checked")}
IMPACT_TEXT = {"critical": ("严重", "critical"), "serious": ("较重", "serious"), "moderate": ("中等", "moderate"),
               "minor": ("轻微", "minor")}


# Why a page could not be scanned (the codes are scanner.artifacts.FAIL_*).
FAIL_REASONS: dict[str, tuple[str, str]] = {
    "http_status": ("服务器返回错误状态", "the server answered with an error status"),
    "timeout": ("页面加载或检测超时", "the page timed out (loading or checking)"),
    "network": ("网络错误，无法连接", "network error, could not connect"),
    "renderer_crashed": ("浏览器渲染进程崩溃", "the browser's renderer crashed"),
    "robots": ("robots.txt 禁止访问，未扫描", "disallowed by robots.txt, not visited"),
    "not_html": ("不是网页（文件或其他类型）", "not an HTML page"),
    "too_large": ("页面过大，未检测", "page too large to check"),
    "script_error": ("页面脚本错误，无法检测", "a script error stopped the check"),
    "redirect_out_of_scope": ("重定向到站外网址", "redirected outside the site"),
    "net_refused": ("目标地址不允许访问（本机、内网或保留地址）", "refused: the address is local, internal or reserved"),
    "tls_error": ("TLS 证书无效（过期、自签名、主机不符或签发机构不受信任），未扫描",
                  "the TLS certificate is not valid (expired, self-signed, wrong host or unknown CA); not scanned"),
    "blocked": ("被反爬虫措施拦截（JavaScript 验证、验证码或网站防火墙），未扫描",
                "blocked by an anti-bot wall (JavaScript challenge, CAPTCHA or WAF); not scanned"),
    "soft_404": ("返回 200 的“页面不存在”页（软 404），不计为页面",
                 "a \"not found\" page answered with 200 (soft 404); not counted as a page"),
    "logged_out": ("重新登录后仍显示未登录（登录页或会话已失效），未扫描",
                   "still logged out after logging in again (the login page or a lost session); not scanned"),
    "login_failed": ("登录脚本失败，扫描已停止", "the login script failed; the scan stopped"),
    "actions_failed": ("页面操作步骤失败，未检测", "the page's scripted steps failed; not checked"),
    "avoided_link": ("登录状态下不访问的链接（退出、注销、删除、提交等）", "a link not followed while logged in "
                     "(logout, delete, submit...)"),
}

# Why the crawl cut part of a site (``scanner.traps``: the ``reason`` of a ``crawler_traps`` entry).
TRAP_REASONS: dict[str, tuple[str, str]] = {
    "pattern": ("同一网址模式的页面内容几乎相同（如无尽的日历、空白的分页）",
                "pages of one URL pattern are near-identical (an endless calendar, empty list pages)"),
    "repeated_segments": ("路径中同一目录反复出现（相对链接造成的循环）",
                          "a folder repeats in the path (a loop of relative links)"),
    "query_explosion": ("同一页面的查询参数组合过多（筛选条件的组合）",
                        "too many combinations of query parameters on one page (filters)"),
}


def trap_reason(code: str | None, lang: str) -> str:
    """Why a part of the site was cut (a ``crawler_traps`` entry's ``reason``), in ``lang``."""
    zh, en = TRAP_REASONS.get(code or "", (code or "", code or ""))
    return zh if is_zh(lang) else en


def trap_message(trap: dict[str, Any], lang: str) -> str:
    """One ``crawler_traps`` entry in words, in ``lang``: why, the pattern, what was scanned and skipped."""
    zh, en = TRAP_REASONS.get(trap.get("reason") or "", (trap.get("reason") or "", trap.get("reason") or ""))
    pattern, pages, skipped = trap.get("pattern"), trap.get("pages"), trap.get("skipped")
    if trap.get("reason") == "repeated_segments":  # no page of such a path is ever taken
        return (f"爬虫陷阱：{zh}。模式 {pattern}：跳过 {skipped} 个网址" if is_zh(lang) else
                f"crawler trap: {en}. Pattern {pattern}: {skipped} URLs skipped")
    if is_zh(lang):
        return f"爬虫陷阱：{zh}。模式 {pattern}：取 {pages} 个网址后停止，跳过 {skipped} 个网址"
    return f"crawler trap: {en}. Pattern {pattern}: cut after {pages} URLs, {skipped} URLs skipped"


def stopped_message(stopped: dict[str, Any]) -> str:
    """Why a crawl stopped taking pages (``scanner.crawl.Crawler.stopped``: anti-bot walls), zh / en."""
    n, url = stopped.get("count"), stopped.get("url")
    if stopped.get("reason") == "login_failed":
        return (f"重新登录失败（在 {url}），扫描已停止，其余页面留在队列中 / logging in again failed (at {url}): the "
                "crawl stopped and the pages left stay queued")
    return (f"连续 {n} 个页面被反爬虫措施拦截（最后一个：{url}），扫描已停止，其余页面留在队列中；请联系网站管理方把扫描器"
            f"加入白名单，或稍后用 --resume 继续 / {n} pages in a row were blocked by anti-bot walls (the last: {url}): "
            "the crawl stopped and the pages left stay queued. Ask the site's operator to allow the scanner, or "
            "continue later with --resume")


def tls_ignored(notes: list[str] | None, lang: str) -> dict[str, Any] | None:
    """A page scanned under ``--ignore-https-errors`` although its certificate is not valid: its problems and a
    message in ``lang`` (from its ``tls_ignored`` note, ``scanner.tls``); None for every other page."""
    from scanner.tls import parse_note, problem_words

    for note in notes or []:
        problems = parse_note(note)
        if problems:
            words = problem_words(problems, lang)
            return {"problems": list(problems),
                    "message": (f"证书无效（{words}），按 --ignore-https-errors 仍已扫描" if is_zh(lang) else
                                f"certificate not valid ({words}); scanned under --ignore-https-errors")}
    return None


def page_notices(notes: list[str] | None, lang: str) -> list[dict[str, Any]]:
    """What a scanned page's coded notes say to a reader, in ``lang``: [{code, message, ...}]. An encoding
    declared wrong (``scanner.charset``); a page built by script that static mode could not render
    (``scanner.spa``)."""
    from scanner.charset import parse_note as encoding_note
    from scanner.spa import parse_note as script_note

    zh, out = is_zh(lang), []
    for note in notes or []:
        enc = encoding_note(note)
        if enc is not None:
            where = {"header": ("HTTP 头", "the HTTP header"), "meta": ("<meta> 标签", "a <meta> tag")}.get(
                enc.declared_by or "", (enc.declared_by, enc.declared_by))
            out.append({"code": "encoding_mismatch", "declared": enc.declared, "declared_by": enc.declared_by,
                        "detected": enc.detected, "message": (
                            f"编码声明有误：{where[0]}声明 {enc.declared}，实际为 {enc.detected}，已按实际编码读取" if zh
                            else f"wrong encoding declared: {where[1]} says {enc.declared}, the bytes are "
                                 f"{enc.detected}; read as {enc.detected}")})
            continue
        script = script_note(note)
        if script is not None:
            routes = script
            out.append({"code": "needs_script", "routes": routes, "message": (
                "此页面由脚本生成（单页应用），静态模式不运行脚本，页面内容和"
                + (f" {routes} 个前端路由" if routes else "前端路由") + "未检查；请用浏览器模式扫描" if zh else
                "this page is built by script (a single-page app); static mode runs no scripts, so its content and "
                + (f"{routes} client-side routes" if routes else "client-side routes")
                + " were not checked: scan it in browser mode")})
    return out


def fail_reason(code: str | None, lang: str) -> str:
    """Why a page was not scanned, in ``lang`` (an unknown code is shown as it is)."""
    zh, en = FAIL_REASONS.get(code or "", (code or "", code or ""))
    return zh if is_zh(lang) else en


@lru_cache(maxsize=1)
def tool_version() -> str:
    """The installed wuzhangai's version, as the reports print it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wuzhangai")
    except PackageNotFoundError:  # a source tree run without installing
        return "0+unknown"


def is_zh(lang: str) -> bool:
    return lang.lower().startswith("zh")


def html_lang(lang: str) -> str:
    return "zh-CN" if is_zh(lang) else "en"


def now_iso() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return files("reports").joinpath("static/report.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=select_autoescape(["j2", "html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["cell"] = format_cell
    env.filters["local_time"] = local_time
    return env


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_template(name: str, lang: str, **context: Any) -> str:
    """Render ``templates/<name>`` with the helpers every report template uses."""
    zh = is_zh(lang)

    def t(zh_text: str, en_text: str) -> str:
        return zh_text if zh else en_text

    def pair(table: dict[str, tuple[str, str]], key: str | None) -> str:
        z, e = table.get(key or "", (key or "—", key or "—"))
        return z if zh else e

    return _env().get_template(name).render(
        lang=lang, html_lang=html_lang(lang), zh=zh, t=t, css=Markup(stylesheet()),
        outcome=lambda o: pair(OUTCOME_TEXT, o), impact=lambda i: pair(IMPACT_TEXT, i), **context)


# ----------------------------------------------------------------------------------------------- writing

def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write via a ``.part`` file and rename, so an interrupted run never leaves half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    if isinstance(data, str):
        tmp.write_text(data, encoding="utf-8")
    else:
        tmp.write_bytes(data)
    tmp.replace(path)
    return path


def write_tables_csv(tables: Sequence[Table], out_dir: Path, lang: str) -> list[Path]:
    """One Excel-safe UTF-8 (BOM) CSV per table in ``out_dir``; headers in the report's language."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in tables:
        path = out_dir / f"{table.name}.csv"
        write_csv(path, table.keys(), table.rows, headers=table.headers(lang))
        paths.append(path)
    return paths


def write_report(fmt: str, out: Path, *, data: dict[str, Any], tables: Sequence[Table], lang: str,
                 html: Callable[[bool], str]) -> list[Path]:
    """Write one format. ``html(for_pdf)`` renders the page (the PDF variant leaves out the interactive map);
    ``csv`` treats ``out`` as a folder with one file per table. Returns the files written."""
    if fmt == "html":
        return [atomic_write(out, html(False))]
    if fmt == "pdf":
        from reports.pdf import html_to_pdf

        return [atomic_write(out, html_to_pdf(html(True)))]
    if fmt == "xlsx":
        from reports.xlsx import workbook_bytes

        return [atomic_write(out, workbook_bytes(tables, lang, title=data.get("title", "")))]
    if fmt == "csv":
        return write_tables_csv(tables, out, lang)
    if fmt == "json":
        # The data the report was rendered from: every figure, list and table row it shows.
        return [atomic_write(out, json.dumps(data, ensure_ascii=False, indent=1, default=str))]
    raise ValueError(f"未知格式 / unknown format {fmt!r}; 可选 / choose from {', '.join(REPORT_FORMATS)}")
