"""Anti-bot walls: a page that is not the page but a guard in front of it.

Chinese government sites often sit behind a WAF or an anti-crawler product. What the scanner meets:

- a **JavaScript challenge**: HTTP 412 (Ruishu), 521 (Jiasule), 202 or 503 with a small script that computes a
  cookie, sets it and reloads. A browser passes it by itself; a static scan cannot (no JavaScript).
- a **CAPTCHA interstitial**: a page whose content is a 验证码 / 人机验证 form. Nobody passes it unattended.
- a **WAF block page**: 403 or 405 (or any error status) with the product's block page.

Scoring such a page as if it were the page gives the district a wrong picture, so a page that ends on a wall
is recorded as not scanned, reason ``blocked``, with what was seen. The markers are data
(``scanner/data/walls.json``, each with its source). Pure functions: no I/O but reading that file once.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

# A page with more visible text than this is content, even if it names a product or says 验证码 (a login form
# with a 验证码 field, an article about firewalls). Challenge and block pages measured here: under 200.
WALL_MAX_TEXT = 600
CAPTCHA_MAX_LINKS = 5  # an interstitial offers nothing to follow; a portal's login page offers its menu
# Statuses on which a JavaScript challenge is expected (412 Ruishu, 521 Jiasule, 202/503 several others):
# a product marker counts on them even if the page has much hidden text.
CHALLENGE_STATUSES = frozenset({202, 403, 412, 429, 503, 521})
# Seconds the browser waits for a challenge's script to set its cookie and reload into the real page.
CHALLENGE_WAIT_S = 10.0

_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.I | re.S)
_HIDDEN = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_LINK = re.compile(r"<a\b[^>]*\bhref\s*=", re.I)
_FORM_INPUT = re.compile(r"<(form|input)\b", re.I)
_SETS_COOKIE = re.compile(r"document\s*\.\s*cookie\s*=|document\[\s*['\"]cookie['\"]\s*\]\s*=")
_NAVIGATES = re.compile(r"location\s*\.\s*(reload|replace|assign)\s*\(|location(\s*\.\s*href)?\s*=[^=]"
                        r"|\.submit\s*\(\s*\)")

KINDS: dict[str, tuple[str, str]] = {
    "challenge": ("JavaScript 验证（反爬虫挑战）页", "JavaScript challenge (anti-bot) page"),
    "captcha": ("验证码 / 人机验证页", "CAPTCHA / human verification page"),
    "waf_block": ("网站防火墙拦截页", "WAF block page"),
}


@dataclass(frozen=True)
class Wall:
    kind: str  # a key of KINDS
    status: int | None
    marker: str  # the product or the pattern seen

    def message(self, url: str, static: bool = False, waited_s: float | None = None) -> str:
        """zh / en, naming the URL, the status and the marker (stored as a failed page's detail)."""
        zh_kind, en_kind = KINDS[self.kind]
        status = f"HTTP {self.status}" if self.status is not None else "HTTP ?"
        zh = f"{url} 停在{zh_kind}（{status}，标记：{self.marker}），未扫描"
        en = f"{url} ended on a {en_kind} ({status}, marker: {self.marker}); not scanned"
        if self.kind == "challenge" and static:
            zh += "；静态模式不运行 JavaScript，无法通过，请用浏览器模式扫描（去掉 --no-browser）"
            en += "; static mode runs no JavaScript and cannot pass it: scan in browser mode (without --no-browser)"
        elif self.kind == "challenge" and waited_s is not None:
            zh += f"；浏览器等待 {waited_s:.0f} 秒仍未通过"
            en += f"; the browser did not get past it within {waited_s:.0f} s"
        return f"{zh} / {en}"


@lru_cache(maxsize=1)
def markers() -> dict:
    data = json.loads(files("scanner").joinpath("data/walls.json").read_text(encoding="utf-8"))
    for group in ("block_markers", "challenge_markers"):
        for m in data[group]:
            m["regex"] = re.compile(m["pattern"], re.I)
    data["captcha_regex"] = re.compile("|".join(re.escape(w) for w in data["captcha_markers"]), re.I)
    return data


def visible_text(html: str) -> str:
    return " ".join(_TAG.sub(" ", _HIDDEN.sub(" ", html)).split())


def detect_wall(status: int | None, html: str) -> Wall | None:
    """The wall ``html`` (answered with ``status``) is, or None for a page to scan."""
    data = markers()
    text = visible_text(html)
    short = len(text) <= WALL_MAX_TEXT
    challenge_status = status in CHALLENGE_STATUSES
    scripts = " ".join(_SCRIPT.findall(html))
    if short or challenge_status:
        for m in data["challenge_markers"]:
            if m["regex"].search(html):
                return Wall("challenge", status, m["product"])
    if short and scripts and _SETS_COOKIE.search(scripts) and _NAVIGATES.search(scripts):
        return Wall("challenge", status, "script sets a cookie and reloads / 脚本设置 Cookie 后重新加载")
    if short or (status or 0) >= 400:
        for m in data["block_markers"]:
            found = m["regex"].search(html)
            if found:
                return Wall("waf_block", status, f"{m['product']}: {found.group(0)[:60]}")
    if not short:
        return None
    title = _TITLE.search(html)
    found = data["captcha_regex"].search(visible_text(title.group(1))) if title else None
    if found is None and _FORM_INPUT.search(html) and len(_LINK.findall(html)) <= CAPTCHA_MAX_LINKS:
        found = data["captcha_regex"].search(text) or data["captcha_regex"].search(html)
    if found is not None:
        return Wall("captcha", status, found.group(0))
    return None
