"""Whether a page lets its reader past its navigation (WCAG 2.4.1 on one page; the site rule
``wza-site-bypass-blocks`` judges what a whole scan shows repeated).

On one page, the block a reader must be able to bypass is taken to be what the markup calls navigation (``nav``,
``role=navigation``, an id or class saying nav or menu) with a tab stop in it, followed by text of the page's own.
The ways past it are the ones ACT's bypass rules accept (047fe0, b40fd1, ye5d6e, 3e12e1): a heading after it, a
``main`` or other content landmark after it, an in-page link whose target lies after it, or a control that
collapses it. Hidden ones (``hidden``, inline
``display:none``, ``aria-hidden``) do not count. Markup only: what a style sheet hides or moves is not known here.
"""
from __future__ import annotations

import re
from typing import Any

from checks.web.bypass import HEADINGS, hidden_by_markup, is_tab_stop

_NAV_NAME = re.compile(r"nav|menu|daohang|lanmu", re.I)
# landmarks that hold a page's own content (navigation, banner and contentinfo are the blocks themselves)
_CONTENT_ROLES = ("main", "region", "complementary", "search", "form", "article")
_NO_TEXT = ("script", "style", "noscript", "template")


def _is_nav(el) -> bool:
    if el.tag == "nav" or (el.get("role") or "").strip().lower() == "navigation":
        return True
    names = f"{el.get('id') or ''} {el.get('class') or ''}"
    return bool(_NAV_NAME.search(names)) and "skip" not in names.lower()  # "skipnav" holds a skip link


def _collapsible(nav, root) -> bool:
    """A control names the block as what it shows or hides (aria-controls, or its id in an onclick handler): a
    reader can collapse it (ACT 3e12e1)."""
    nav_id = nav.get("id")
    if not nav_id:
        return False
    quoted = (f"'{nav_id}'", f'"{nav_id}"')
    return any(nav_id in (el.get("aria-controls") or "").split() or any(q in (el.get("onclick") or "") for q in quoted)
               for el in root.iter() if isinstance(el.tag, str) and (el.get("aria-controls") or el.get("onclick")))


def _landing(el, targets: set[str]) -> str:
    """How a reader lands on ``el``: heading, landmark, skip (an in-page link's target); "" for none."""
    role = (el.get("role") or "").strip().lower()
    kind = ""
    if el.tag in HEADINGS or role == "heading":
        kind = "heading" if el.text_content().strip() or el.find(".//img[@alt]") is not None else ""
    elif el.tag == "main" or role in _CONTENT_ROLES or (
            el.tag in ("section", "aside", "article") and (el.get("aria-label") or el.get("aria-labelledby")
                                                           or el.tag != "section")):
        kind = "landmark"
    elif el.get("id") in targets or (el.tag == "a" and el.get("name") in targets):
        kind = "skip"
    return kind if kind and not hidden_by_markup(el) else ""


def navigation_bypass(root, doc, snippet) -> dict[str, Any] | None:
    """The first navigation block with a tab stop that text of the page's own follows: ``{selector, html, stops,
    landing}``, where ``landing`` says how a reader gets past it ("" when nothing does: a heading, landmark or
    skip target anywhere after it counts, as ACT's cases have content before the heading); None when the page
    has no such block."""
    from lxml import etree

    targets = {a.get("href")[1:] for a in root.iter("a") if (a.get("href") or "").startswith("#")
               and len(a.get("href")) > 1}
    nav = None  # the block being read, then the one that ended
    stops = 0
    ended = content = False
    landing = ""
    depth = 0  # nav regions open around the current element
    quiet = 0  # script/style elements open around it
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if el.tag in _NO_TEXT:
            quiet += 1 if event == "start" else -1
            continue
        if event == "start":
            if _is_nav(el):
                depth += 1
                if depth == 1 and not ended:
                    nav, stops = el, 0
            elif depth and not ended and is_tab_stop(el) and not hidden_by_markup(el):
                stops += 1
            if depth == 0 and ended and not landing:
                landing = _landing(el, targets)
            text, holder = el.text, el
        else:
            if _is_nav(el):
                depth -= 1
                if el is nav and not ended:
                    ended = stops > 0
            text, holder = el.tail, el.getparent()
        if ended and not content and depth == 0 and not quiet and text and len(text.strip()) >= 2 \
                and holder is not None and not hidden_by_markup(holder, aria=False):
            content = True
    if not (ended and content):
        return None
    if not landing and _collapsible(nav, root):
        landing = "collapse"
    return {"selector": doc.selector(nav), "html": snippet(nav), "stops": stops, "landing": landing}
