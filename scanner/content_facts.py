"""Content facts of a page (issue 14's Chinese-content and 适老化 rules), from the same parsed document as
``scanner.static_facts``: tables and their header markup, Latin-script passages in a Chinese page without their
own ``lang``, image CAPTCHAs and the other ways a page offers, signs of an accessibility toolbar. Markup only:
what CSS or a script draws is not seen here (the ``styles`` probe measures what needs computed styles).
"""
from __future__ import annotations

import re
from typing import Any

from checks.web.facts import TableFact, TextFact
from scanner.navigation_bypass import navigation_bypass
from scanner.table_headers import header_cells

MAX_PASSAGES = 20
MAX_TABLES = 50
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# what is not a passage in another language: addresses, e-mails, file names, numbers and codes
_NOT_PROSE = re.compile(r"(https?://|www\.)\S+|\S+@\S+|\b[\w-]+\.(html?|pdf|docx?|xlsx?|jpe?g|png|gif|zip|js|css)\b"
                        r"|\b\w*\d\w*\b", re.I)
_WORD = r"[A-Za-z][A-Za-z'’-]*"
_LATIN_RUN = re.compile(rf"{_WORD}(?:[\s,;:!?()\"“”'’/&.-]+{_WORD})+")
_NO_PROSE_TAGS = {"code", "pre", "kbd", "samp", "var", "script", "style", "template", "textarea", "noscript",
                  "math", "svg"}
_BLOCKS = {"div", "p", "table", "ul", "ol", "dl", "form", "section", "article", "blockquote", "h1", "h2", "h3",
           "h4", "h5", "h6"}
# attribute values that name an image as a CAPTCHA
_CAPTCHA = re.compile(r"captcha|验证码|checkcode|check_code|verifycode|verify_code|validatecode|validcode|vcode|"
                      r"authcode|seccode|kaptcha|yzm", re.I)
# other ways a CAPTCHA page may offer: audio, a text message, another method
_CAPTCHA_ALTERNATIVE = re.compile(r"语音|音频|听不清|短信|手机验证|其他验证方式|其它验证方式|换一种|audio|listen|"
                                  r"\bsms\b|text message", re.I)
# scripts and styles of accessibility toolbars (辅助工具) Chinese government sites embed, by the names seen in
# their addresses and ids: "wza" (无障碍), "cniil" (中国互联网协会 信息无障碍), "yunshipei" (云适配), assist/
# barrier-free paths; and the buttons such a toolbar shows
_TOOLBAR_RESOURCE = re.compile(r"(^|[/_.-])(wza|cniil|yunshipei|barrierfree|barrier-free|assist|ariatool|"
                               r"accessibility-?toolbar|wzabar|slh)([/_.-]|$)", re.I)
_TOOLBAR_ID = re.compile(r"^(wza|cniil|assist|ariatool|barrierfree|wzabar|slh)([_-]|$)|accessib\w*[-_]?tool", re.I)
_TOOLBAR_WORDS = ("无障碍浏览", "辅助工具", "无障碍工具", "读屏", "指读", "连读", "大字幕", "大鼠标", "大光标",
                  "高对比", "纯文本", "语音朗读")


def content_facts(root, doc, text_of, snippet, clean, page_lang: str | None) -> dict[str, Any]:
    """The extra ``PageFacts`` fields of one parsed page (``doc``, ``text_of``... are static_facts' helpers)."""
    return {
        "tables": [_table(t, doc, text_of, snippet) for t in list(root.iter("table"))[:MAX_TABLES]],
        "latin_passages": _latin_passages(root, doc, snippet, page_lang),
        **_captchas(root, doc, text_of, snippet, clean),
        "toolbar_markers": _toolbar_markers(root, text_of),
        "header_cells": header_cells(root, doc, text_of, snippet),
        "navigation_bypass": navigation_bypass(root, doc, snippet),
    }


def _own(table, tag: str):
    """``tag`` elements of ``table`` not inside a nested table."""
    return [el for el in table.iter(tag) if next(el.iterancestors("table"), None) is table]


def _table(table, doc, text_of, snippet) -> TableFact:
    rows = _own(table, "tr")
    counts, cells = [], []
    for tr in rows:
        row = [c for c in tr if c.tag in ("td", "th")]
        counts.append(sum(int(c.get("colspan", "1")) if c.get("colspan", "1").isdigit() else 1 for c in row))
        cells.extend(row)
    headers = sum(1 for c in cells if c.tag == "th" or c.get("role") in ("columnheader", "rowheader")
                  or c.get("scope"))
    filled = [c for c in cells if text_of(c) or c.find(".//img") is not None]
    short = [c for c in filled if 0 < len(text_of(c)) <= 40
             and not any(d.tag in _BLOCKS for d in c.iterdescendants() if isinstance(d.tag, str))
             and not _only_links(c, text_of)]
    multi = [n for n in counts if n > 1]
    caption = next((c for c in _own(table, "caption")), None)
    return TableFact(doc.selector(table), snippet(table), len(rows), max(counts, default=0), headers,
                     has_caption=caption is not None and bool(text_of(caption)),
                     has_summary=bool((table.get("summary") or "").strip()), role=(table.get("role") or "").strip(),
                     nested=any(True for _ in table.iterdescendants("table")),
                     short_cells=round(len(short) / len(filled), 2) if filled else 0.0,
                     regular=len(set(multi)) == 1 and len(multi) == len(counts))


def _only_links(cell, text_of) -> bool:
    """The cell's text is all inside links or buttons (a menu or link grid laid out in a table)."""
    linked = " ".join(text_of(a) for a in cell.iter("a", "button"))
    return bool(linked) and len(linked.replace(" ", "")) >= len(text_of(cell).replace(" ", ""))


def is_chinese_page(root, page_lang: str | None) -> bool:
    """``lang`` says Chinese, or there is none and Chinese characters make most of the body's letters."""
    if page_lang and page_lang.strip():
        return page_lang.strip().lower().startswith("zh")
    body = next(root.iter("body"), None)
    text = body.text_content() if body is not None else ""
    cjk = len(_CJK.findall(text))
    return cjk > 0 and cjk >= len(_LATIN_LETTER.findall(text))


def latin_run(text: str) -> str:
    """The first Latin-script passage in ``text``: three or more words with 15 or more letters, not all of them
    capitals (acronyms: GB/T, WCAG, APP), with addresses, file names and numbers left out; "" when none."""
    for match in _LATIN_RUN.finditer(_NOT_PROSE.sub(" ", text)):
        words = re.findall(_WORD, match.group(0))
        letters = sum(len(w) for w in words)
        lower = [w for w in words if not w.isupper()]
        if len(words) >= 3 and letters >= 15 and len(lower) >= 2:
            return match.group(0).strip()
    return ""


def _latin_passages(root, doc, snippet, page_lang: str | None) -> list[TextFact]:
    if not is_chinese_page(root, page_lang):
        return []
    body = next(root.iter("body"), None)
    if body is None:
        return []
    found: list[TextFact] = []

    def walk(el, lang: str) -> None:
        if len(found) >= MAX_PASSAGES or el.tag in _NO_PROSE_TAGS or el.get("aria-hidden") == "true":
            return
        own = el.get("lang") or el.get("{http://www.w3.org/XML/1998/namespace}lang")
        if own is not None and own.strip():
            lang = own.strip().lower()
        if not lang.startswith("zh"):
            return  # marked as another language: what this rule asks for
        texts = [el.text or ""] + [c.tail or "" for c in el if isinstance(c.tag, str)]
        run = latin_run(" ".join(texts))
        if run:
            found.append(TextFact(doc.selector(el), snippet(el), run[:120]))
        for child in el:
            if isinstance(child.tag, str):
                walk(child, lang)

    walk(body, (page_lang or "zh").strip().lower() or "zh")
    return found


def _captchas(root, doc, text_of, snippet, clean) -> dict[str, Any]:
    if next((i for i in root.iter("input") if (i.get("type") or "text").lower() in ("text", "tel", "number", "")),
            None) is None:
        return {"captchas": [], "captcha_alternatives": []}
    captchas = []
    for img in root.iter("img"):
        for attr in ("id", "name", "class", "alt", "src", "title"):
            match = _CAPTCHA.search(img.get(attr) or "")
            if match:
                captchas.append(TextFact(doc.selector(img), snippet(img), f"{attr}: {match.group(0)}"))
                break
    alternatives: list[str] = []
    if captchas:
        if next(root.iter("audio"), None) is not None:
            alternatives.append("<audio>")
        for el in root.iter("a", "button", "label", "input", "option"):
            name = clean(el.get("value") or "") if el.tag == "input" else text_of(el)
            name = name or clean(el.get("aria-label") or el.get("title") or "")
            if _CAPTCHA_ALTERNATIVE.search(name):
                alternatives.append(name[:60])
    return {"captchas": captchas, "captcha_alternatives": alternatives[:10]}


def _toolbar_markers(root, text_of) -> list[str]:
    markers = []
    for el in root.iter("script", "link"):
        src = el.get("src") or el.get("href") or ""
        path = src.split("?")[0]
        if path and _TOOLBAR_RESOURCE.search(path):
            markers.append(f"{el.tag}: {src[:120]}")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if _TOOLBAR_ID.search(el.get("id") or ""):
            markers.append(f"#{el.get('id')}")
        if el.tag in ("a", "button") or el.get("role") == "button":
            name = text_of(el) or (el.get("aria-label") or el.get("title") or "")
            if any(w in name for w in _TOOLBAR_WORDS):
                markers.append(f"{el.tag}: {name[:40]}")
        if len(markers) >= 10:
            break
    return markers
