"""Checks of Chinese-content rules over the page facts (``scanner.content_facts``) and of the 适老化 rules over the
``styles`` probe's artifact (``scanner.probes.styles``): junk alternative text, tables' header markup, Latin-script
passages without ``lang``, image CAPTCHAs, accessibility toolbars, text that looks like a heading, paragraph line
height, pop-up overlays at load."""
from __future__ import annotations

import re

from checks.web.own_rules import Evidence, Located, Problem, Result, _judge_each, is_home_page

# --- alternative text ---------------------------------------------------------------------------------------

_FILE_NAME = re.compile(r"^[\w\s.()（）-]*\.(jpe?g|png|gif|bmp|webp|svg|tiff?|ico)$"
                        r"|^(img|dsc|dscn|dcim|pic|photo|image|微信图片|截图|screenshot)[\s_-]*\d+\w*$"
                        r"|^[\d_-]{6,}$|^[0-9a-f]{16,}$", re.I)
# words that say only "there is an image"; compared after punctuation is stripped
PLACEHOLDER_ALTS = frozenset({
    "图片", "图像", "照片", "相片", "图", "插图", "配图", "图标", "标志", "logo", "徽标", "无", "空", "空白", "banner",
    "image", "img", "photo", "picture", "pic", "graphic", "icon", "bullet", "spacer", "untitled", "alt", "null",
    "none", "placeholder", "thumbnail", "缩略图",
})
_ALT_NOISE = re.compile(r"[\s\-_.:：,，。!！?？\"'“”‘’()（）\[\]【】<>《》|/]+")


def _alt_key(text: str) -> str:
    return _ALT_NOISE.sub("", text).lower()


def img_alt_meaningful(ev: Evidence) -> list[Result]:
    """WCAG 1.1.1: an alt that is a file name or a placeholder word fails; one that repeats the text right beside
    the image (a link's text, a caption) is for a person to judge (redundant for a listener, or the only text)."""
    images = [i for i in ev.dom.images if i.alt and (i.role or "").strip() not in ("none", "presentation")]

    def problem(img) -> Problem:
        alt = img.alt
        if _FILE_NAME.match(alt.strip()):
            return "failed", "file_name", {"alt": alt}
        if _alt_key(alt) in PLACEHOLDER_ALTS:
            return "failed", "placeholder", {"alt": alt}
        beside = _alt_key(img.context or "")
        key = _alt_key(alt)
        if beside and key and (key == beside or (len(key) >= 4 and key in beside)):
            return "cantTell", "repeats", {"alt": alt}
        return None
    return _judge_each(images, problem)


# --- tables ---------------------------------------------------------------------------------------------------

def _looks_like_data(t) -> bool:
    return not t.nested and t.rows >= 3 and t.cols >= 2 and t.regular and t.short_cells >= 0.8


def _looks_like_layout(t) -> bool:
    # a table holding tables, or a single row (a one-column table with a header is a list of data)
    return t.nested or t.rows < 2


def table_structure(ev: Evidence) -> list[Result]:
    """WCAG 1.3.1: a table marked as layout (role none/presentation) must not carry header markup (th, caption,
    summary); one that only looks like layout (it holds tables, or has one row) and carries it is for a person
    to judge. A table that looks like data (3 or more rows of 2 or more columns in a regular
    grid of short cells) needs header cells: failed with 3 or more columns, cantTell with 2 (a key / value list)."""
    def problem(t) -> Problem:
        marks = [m for m, on in (("th", t.header_cells > 0), ("caption", t.has_caption), ("summary", t.has_summary))
                 if on]
        if t.role in ("none", "presentation"):
            return ("failed", "layout_with_headers", {"marks": ", ".join(marks)}) if marks else None
        if marks and _looks_like_layout(t):
            return "cantTell", "layout_like_with_headers", {"marks": ", ".join(marks)}
        if not t.header_cells and _looks_like_data(t):
            outcome = "failed" if t.cols >= 3 else "cantTell"
            return outcome, "data_without_headers", {"rows": t.rows, "cols": t.cols}
        return None
    return _judge_each(ev.dom.tables, problem)


def header_cells_assigned(ev: Evidence) -> list[Result]:
    """WCAG 1.3.1 (ACT d0f69e): a table header cell must head at least one cell of its table; the scanner lists
    the cells each heads (``scanner.table_headers``)."""
    return _judge_each(ev.dom.header_cells,
                       lambda h: None if h.cells else ("failed", "no_cells", {"text": h.text[:40]}))


def navigation_bypassed(ev: Evidence) -> list[Result]:
    """WCAG 2.4.1 (ACT 047fe0, b40fd1, cf77f2): navigation followed by the page's own text needs a way past it: a
    heading, a content landmark or an in-page link's target after it (``scanner.navigation_bypass``)."""
    block = ev.dom.navigation_bypass
    if not block:
        return []
    fact = Located(block["selector"], block["html"])
    if block["landing"]:
        return [Result("passed", fact, "", {})]
    return [Result("failed", fact, "no_way_past", {"stops": block["stops"]})]


# --- language of parts --------------------------------------------------------------------------------------

def latin_passage_lang(ev: Evidence) -> list[Result]:
    """WCAG 3.1.2: Latin-script passages in a Chinese page with no ``lang`` of their own (a person judges whether
    they are another language's passage or a name, a term that is part of the Chinese text)."""
    facts = ev.dom
    if facts.latin_passages:
        return [Result("cantTell", p, "no_lang", {"text": p.text[:60]}) for p in facts.latin_passages]
    if (facts.lang or "").strip().lower().startswith("zh"):
        return [Result("passed", None, "none_found")]
    return []


# --- CAPTCHA --------------------------------------------------------------------------------------------------

def captcha_alternative(ev: Evidence) -> list[Result]:
    """WCAG 1.1.1 and the MIIT spec: an image CAPTCHA needs another way through (audio, a text message...)."""
    facts = ev.dom
    if not facts.captchas:
        return []
    if facts.captcha_alternatives:
        return [Result("passed", c, "alternative", {"alternative": facts.captcha_alternatives[0]})
                for c in facts.captchas]
    return [Result("failed", c, "no_alternative", {"marker": c.text}) for c in facts.captchas]


# --- 适老化: toolbar ------------------------------------------------------------------------------------------

def accessibility_toolbar(ev: Evidence) -> list[Result]:
    """The MIIT website spec's assistive reading functions (large text, high contrast, magnifier, speech) are
    commonly offered by an accessibility toolbar (辅助工具): its script or buttons on the home page pass; none
    found is for a person to check (a toolbar loaded on demand, or a separate elder version, is not seen)."""
    facts = ev.dom
    if not is_home_page(facts.url):
        return []
    if facts.toolbar_markers:
        return [Result("passed", None, "found", {"marker": facts.toolbar_markers[0]})]
    return [Result("cantTell", None, "none_found")]


CHECKS = {
    "img_alt_meaningful": img_alt_meaningful,
    "table_structure": table_structure,
    "header_cells_assigned": header_cells_assigned,
    "navigation_bypassed": navigation_bypassed,
    "latin_passage_lang": latin_passage_lang,
    "captcha_alternative": captcha_alternative,
    "accessibility_toolbar": accessibility_toolbar,
}


# --- checks over the ``styles`` probe ----------------------------------------------------------------------

HEADINGS_PAST_LAST = 2  # texts styled as headings after the last heading markup that fail the page


def heading_like_text(ev: Evidence) -> list[Result]:
    """WCAG 1.3.1: short text alone in its block, larger or bolder than the body text and followed by content,
    with no heading markup: it may be a heading shown only by its look (cantTell: it may be emphasis). On a page
    with no heading markup at all (no h1-h6, no role=heading) it fails (F2): the page shows its sections' titles
    by their look only, and a screen reader user has no heading to move by. So does a page whose heading markup
    all stands before two or more of them (a site banner's h1, then sections titled by look alone)."""
    styles = ev.get("styles")
    if not styles:
        return []
    found = styles.get("heading_like") or []
    if not found:
        return [Result("passed", None, "none_found")]
    unmarked = styles.get("headings") == 0  # None in artifacts stored before the probe counted headings
    # after the page's last heading (a banner's h1), two or more texts titled by their look alone: the content's
    # sections have no heading markup (F2), not one bold line that may be emphasis
    past_last = [h for h in found if h.get("headings_after") == 0]  # None in artifacts stored before
    untitled = len(past_last) >= HEADINGS_PAST_LAST

    def judged(h) -> tuple[str, str]:
        if unmarked:
            return "failed", "no_headings"
        if untitled and h.get("headings_after") == 0:
            return "failed", "none_after"
        return "cantTell", "looks_like_heading"
    results = []
    for h in found:
        outcome, message = judged(h)
        results.append(Result(outcome, Located(h["selector"], h.get("html", "")), message,
                              {"text": h.get("text", "")[:40], "size": round(h.get("font_size") or 0),
                               "base": round(h.get("base") or 0), "weight": h.get("weight")}))
    return results


def paragraph_line_height(ev: Evidence) -> list[Result]:
    """MIIT 适老化: line spacing within a paragraph at least 1.3 times (Chinese pages' body-text paragraphs).
    A line height the page set below it fails; ``normal`` measured below it depends on the reader's font:
    cantTell."""
    styles = ev.get("styles")
    if not styles or not styles.get("chinese"):
        return []
    lh = styles.get("line_height") or {}
    if not lh.get("checked"):
        return []
    results = []
    for p in lh.get("low") or []:
        where = Located(p["selector"], p.get("html", ""))
        if p.get("explicit"):
            results.append(Result("failed", where, "too_low", {"ratio": p["ratio"]}))
        else:
            results.append(Result("cantTell", where, "normal_low", {"ratio": p["ratio"]}))
    return results or [Result("passed", None, "ok", {"checked": lh["checked"]})]


def popup_overlay(ev: Evidence) -> list[Result]:
    """MIIT 适老化: no advertising or pop-up window covering the page at load (30% or more of the viewport)."""
    styles = ev.get("styles")
    if not styles:
        return []
    overlays = styles.get("overlays") or []
    if not overlays:
        return [Result("passed", None, "none")]
    return [Result("failed", Located(o["selector"], o.get("html", "")), "covers",
                   {"coverage": o.get("coverage"), "z": o.get("z")}) for o in overlays]


CHECKS.update({
    "heading_like_text": heading_like_text,
    "paragraph_line_height": paragraph_line_height,
    "popup_overlay": popup_overlay,
})


# --- phone pages (the ``phone`` probe, scanner.probes.phone): judged only where the page was opened as on a phone

def _phone_results(ev: Evidence, key: str, data_of) -> list[Result]:
    """One failed result per element the ``phone`` probe listed under ``key`` (``data_of`` gives its message
    data), else one passed result for the page; nothing (inapplicable) on a page not opened as on a phone."""
    phone = ev.get("phone")
    if not phone or not phone.get("phone") or not (phone.get(key) or {}).get("checked"):
        return []
    return ([Result("failed", Located(t["selector"], t.get("html", "")), "small", data_of(t))
             for t in phone[key].get("small") or []]
            or [Result("passed", None, "ok", {"checked": phone[key]["checked"]})])


def phone_target_size(ev: Evidence) -> list[Result]:
    """WCAG 2.5.5 / MIIT: controls at least 44 x 44 CSS px on a phone (links in a sentence excepted)."""
    return _phone_results(ev, "targets", lambda t: {"width": round(t["width"]), "height": round(t["height"])})


def phone_text_size(ev: Evidence) -> list[Result]:
    """Text on a phone page no smaller than 12 CSS px."""
    return _phone_results(ev, "small_text", lambda t: {"size": t["font_size"], "text": t.get("text", "")})


def _elder_results(ev: Evidence, key: str, data_of) -> list[Result]:
    """As ``_phone_results``, judged only on a page the scan declared an elder interface (``scan --elder``)."""
    phone = ev.get("phone")
    return _phone_results(ev, key, data_of) if phone and phone.get("elder_mode") else []


def elder_target_size(ev: Evidence) -> list[Result]:
    """MIIT elder interface: main components' clickable area at least 60 x 60 dp (CSS px on a phone page)."""
    return _elder_results(ev, "elder_targets", lambda t: {"width": round(t["width"]), "height": round(t["height"])})


def elder_text_size(ev: Evidence) -> list[Result]:
    """MIIT elder interface: main text at least 18 dp (CSS px on a phone page)."""
    return _elder_results(ev, "elder_text", lambda t: {"size": t["font_size"], "text": t.get("text", "")})


CHECKS.update({
    "phone_target_size": phone_target_size,
    "phone_text_size": phone_text_size,
    "elder_target_size": elder_target_size,
    "elder_text_size": elder_text_size,
})
