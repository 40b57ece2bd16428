"""User-facing words of the shell (zh-CN first, en): why a page could not be scanned.

Outcome and impact names for documents live with the renderers (``reports.render``)."""
from __future__ import annotations

from checks.web.messages import is_chinese

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
}

def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if is_chinese(lang) else pair[1]


def fail_reason(code: str | None, lang: str) -> str:
    return pick(FAIL_REASONS.get(code or "", (code or "", code or "")), lang)
