"""The user's language, chosen per request: ``?lang=`` (remembered in a cookie), then the cookie, then zh-CN.
Text is chosen when a page is rendered; templates write both languages side by side: ``T("站点", "Sites")``."""
from __future__ import annotations

from starlette.requests import Request

LANGS = ("zh-CN", "en")
COOKIE = "lang"


def request_lang(request: Request) -> str:
    asked = request.query_params.get("lang") or request.cookies.get(COOKIE)
    return "en" if asked in ("en", "en-US", "en-GB") else "zh-CN"


def translator(lang: str):
    def T(zh: str, en: str) -> str:
        return en if lang == "en" else zh
    return T


def pick(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh
