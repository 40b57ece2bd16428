"""WCAG 2.4.1 Bypass Blocks read from a whole scan: which focusable elements repeat from page to page, and where on
a page a keyboard or screen-reader user can land (a skip link's target, the ``main`` landmark, a heading).

A page alone cannot say which of its links are "repeated content"; a scan can: a link with the same target and
name on two or more pages of the scan is repeated. The tab stops of one page are read once from its DOM snapshot
(:func:`focus_path`) and kept as short signatures (``<a href="…">name</a>``), so that the site check compares them
across pages as it compares titles. The judging itself is :func:`checks.web.site_checks.bypass_blocks`.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Repeated tab stops in a row, with no way past them, that make a block a user must be able to bypass. WCAG sets no
# number; a run of 1-4 links (a logo and a language switch) costs a keyboard user little, and the demo banner
# of W3C's BAD pages (a skip link, two logos, one link) is such a run. Our wza-skip-link asks for 10 focusable
# elements before the main content on one page, where nothing says which of them repeat.
REPEATED_RUN = 5
MAX_STOPS = 150  # the tab stops kept per page: the top of a page is where blocks to bypass stand
MAX_SKIP_LINKS = 400  # the links among which in-page ones are looked for (skip links come first)

_FOCUSABLE_INPUT = ("input", "select", "textarea", "button")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class FocusPath:
    """A page's tab stops in document order (signatures), the text between them, and where a user can land among
    them: each landing is the number of stops before it and how it is reached (``skip``, ``main``, ``heading``)."""

    stops: tuple[str, ...]
    texts: tuple[int, ...]  # each stretch of text between two stops: stops before it << 32 | a hash of it
    landings: tuple[tuple[int, str], ...]


def _own_hidden(el) -> tuple[bool, bool]:
    """Whether ``el`` itself hides its subtree: from everyone (``hidden``, inline display:none or
    visibility:hidden), and from screen readers (``aria-hidden="true"``)."""
    style = (el.get("style") or "").replace(" ", "").lower()
    seen = el.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style
    return seen, (el.get("aria-hidden") or "").strip().lower() == "true"


def hidden_by_markup(el, aria: bool = True) -> bool:
    """Hidden by its own markup or its ancestors' (:func:`_own_hidden`); with ``aria`` false, ``aria-hidden``
    does not count (text under it is still on screen). A style sheet's hiding is not known from markup."""
    for x in (el, *el.iterancestors()):
        seen, from_readers = _own_hidden(x)
        if seen or (aria and from_readers):
            return True
    return False


def is_tab_stop(el) -> bool:
    """In the Tab order by its markup (a link with href, an enabled control, tabindex >= 0)."""
    tabindex = (el.get("tabindex") or "").strip()
    if tabindex.lstrip("-").isdigit():
        return int(tabindex) >= 0
    if el.tag in ("a", "area"):
        return el.get("href") is not None
    if el.tag in _FOCUSABLE_INPUT:
        return el.get("disabled") is None and (el.get("type") or "").lower() != "hidden"
    return el.tag in ("summary", "iframe")


def _signature(el, link_key: Callable[[str], str | None], text: Callable[[object], str]) -> str:
    """What makes two tab stops on two pages the same one: a link's target (its url key; a script address as
    written) and its name; a control's kind and name; a select's first options."""
    if el.tag in ("a", "area"):
        href = (el.get("href") or "").strip()
        target = link_key(href) or href
        name = (el.get("aria-label") or text(el) or " ".join(i.get("alt") or "" for i in el.iter("img"))
                or el.get("title") or "")
        return sys.intern(f'<a href="{target}">{name[:60]}</a>')
    if el.tag == "select":
        options = "|".join(text(o)[:20] for _, o in zip(range(4), el.iter("option")))
        return sys.intern(f'<select name="{el.get("name") or ""}">{options}</select>')
    name = el.get("aria-label") or el.get("name") or el.get("value") or text(el)
    return sys.intern(f'<{el.tag} type="{(el.get("type") or "").lower()}">{name[:60]}</{el.tag}>')


def focus_path(root, link_key: Callable[[str], str | None], text: Callable[[object], str]) -> FocusPath:
    """The tab stops, the text between them and the landings of a parsed page (``lxml.html``; scripts already
    stripped). ``link_key`` maps an href to the url key the site checks compare (None for in-page and script
    links); ``text`` gives an element's text, whitespace collapsed. One walk over the page: what is hidden is
    tracked on the way down, not asked of each element's ancestors."""
    from lxml import etree

    fragments = {a.get("href")[1:] for _, a in zip(range(MAX_SKIP_LINKS), root.iter("a"))
                 if (a.get("href") or "").startswith("#") and len(a.get("href")) > 1}
    stops: list[str] = []
    texts: list[int] = []
    landings: list[tuple[int, str]] = []
    radio_groups: set[str] = set()
    pending: list[str] = []  # text read since the last tab stop
    in_stop: object | None = None  # the tab stop being read (its own text is its name, not content)
    linked: set[str] = set()  # fragments an in-page link read so far points at
    hiders: list[tuple[object, bool, bool]] = []  # open elements that hide their subtree: (el, seen, aria)
    hidden = aria_hidden = 0

    def flush() -> None:
        gap = " ".join(" ".join(pending).split())
        pending.clear()
        if len(gap) >= 2:
            # hash(): only ever compared within one judging run, across the pages it holds; packed with its
            # position in one int (a 20,000-page scan holds every page's path at once)
            texts.append(len(stops) << 32 | hash(gap) & 0xFFFFFFFF)

    for event, el in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if event == "end":
            if hiders and hiders[-1][0] is el:
                _, seen, aria = hiders.pop()
                hidden -= seen
                aria_hidden -= aria
            if el is in_stop:
                in_stop = None
            if in_stop is None and el.tail and not hidden:
                pending.append(el.tail)
            continue
        seen, aria = _own_hidden(el)
        if seen or aria:
            hiders.append((el, seen, aria))
            hidden += seen
            aria_hidden += aria
        if in_stop is not None:
            continue
        unseen = hidden or aria_hidden
        ident = el.get("id") or (el.get("name") if el.tag == "a" else None)
        if ident and ident in linked and not unseen:
            landings.append((len(stops), "skip"))
        role = (el.get("role") or "").strip().lower()
        if (el.tag == "main" or role == "main") and not unseen:
            landings.append((len(stops), "main"))
        elif (el.tag in HEADINGS or role == "heading") and not unseen and text(el):
            landings.append((len(stops), "heading"))
        if unseen or not is_tab_stop(el):
            if el.text and not hidden:
                pending.append(el.text)
            continue
        in_stop = el
        if el.tag == "input" and (el.get("type") or "").lower() == "radio" and el.get("name"):
            if el.get("name") in radio_groups:  # a radio group is one tab stop (arrow keys move within it)
                continue
            radio_groups.add(el.get("name"))
        if len(stops) >= MAX_STOPS:
            break
        flush()
        href = (el.get("href") or "").strip() if el.tag == "a" else ""
        if href[1:] in fragments and href.startswith("#"):
            linked.add(href[1:])
        stops.append(_signature(el, link_key, text))
    flush()
    return FocusPath(tuple(stops), tuple(texts), tuple(landings))


@dataclass(frozen=True)
class Unskippable:
    """A run of repeated tab stops a user cannot get past: ``stops`` from the best landing to the content."""

    stops: tuple[str, ...]
    landing: str  # where the user starts it from: "start" (the top of the page), or a landing's kind


def unskippable_runs(path: FocusPath, repeated: Callable[[object], bool]) -> tuple[list[Unskippable], bool]:
    """The runs of ``REPEATED_RUN`` or more repeated stops (``repeated`` is asked of stop signatures and of text
    hashes) followed by content of the page's own (a stop or text), that no landing shortens below
    ``REPEATED_RUN``; and whether the page had any such run at all (bypassed or not)."""
    n = len(path.stops)
    flags = [repeated(s) for s in path.stops]
    own_text = sorted({v >> 32 for v in path.texts if not repeated(v & 0xFFFFFFFF)})
    own_after = [at for at in own_text] + [i for i, f in enumerate(flags) if not f]
    found: list[Unskippable] = []
    any_run = False
    i = 0
    while i < n:
        if not flags[i]:
            i += 1
            continue
        begin = i
        # the run goes on over repeated stops until the page's own text stands between two of them
        while i + 1 < n and flags[i + 1] and (i + 1) not in own_text:
            i += 1
        end = i = i + 1
        if end - begin < REPEATED_RUN or not any(at >= end for at in own_after):
            continue  # short, or nothing of the page's own follows (a footer)
        any_run = True
        best, how = begin, "start"
        # past the run, a landing still skips it if only the page's own content comes between (not another run)
        reach = next((j for j in range(end, n) if flags[j]), n)
        for at, kind in path.landings:
            # a skip link's target and the main region are the author's own ways past: they count wherever after
            # the run they land (a header often holds a per-page link after its navigation, e.g. a language switch
            # to the same page, then more repeated links); a heading only when nothing repeated comes between
            if begin < at <= (n if kind in ("skip", "main") else reach) and min(at, end) > best:
                best, how = min(at, end), kind
        if end - best >= REPEATED_RUN:
            found.append(Unskippable(path.stops[best:end], how))
    return found, any_run


def stop_selector(signature: str) -> str:
    """A CSS selector for a stop's signature (a link by its href, else its tag)."""
    if signature.startswith("<a href="):
        return 'a[href="' + signature[len('<a href="'):].split('"', 1)[0] + '"]'
    return signature[1:].split(" ", 1)[0]


def run_text(stops: Sequence[str], most: int = 6) -> str:
    """The run for a message: its first stops' names."""
    names = [re.sub(r"<[^>]*>", "", s).strip() or stop_selector(s) for s in stops[:most]]
    return "、".join(names) + ("…" if len(stops) > most else "")
