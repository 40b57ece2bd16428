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

_FOCUSABLE_INPUT = ("input", "select", "textarea", "button")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class FocusPath:
    """A page's tab stops in document order (signatures), the text between them, and where a user can land among
    them: each landing is the number of stops before it and how it is reached (``skip``, ``main``, ``heading``)."""

    stops: tuple[str, ...]
    texts: tuple[tuple[int, int], ...]  # (stops before it, hash) of each stretch of text between two stops
    landings: tuple[tuple[int, str], ...]


def hidden_by_markup(el, aria: bool = True) -> bool:
    """Hidden by its own markup or its ancestors': the ``hidden`` attribute, inline ``display:none`` or
    ``visibility:hidden``, and with ``aria`` also ``aria-hidden="true"`` (hidden from screen readers only: text
    under it is still on screen). A style sheet's hiding is not known from markup."""
    for x in (el, *el.iterancestors()):
        style = (x.get("style") or "").replace(" ", "").lower()
        if x.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style \
                or (aria and (x.get("aria-hidden") or "").strip().lower() == "true"):
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
    links); ``text`` gives an element's text, whitespace collapsed."""
    from lxml import etree

    ids = {el.get("id"): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    ids.update({el.get("name"): el for el in root.iter("a") if el.get("name") and el.get("name") not in ids})
    targets: set[int] = set()  # id() of the elements an in-page link before them points at
    stops: list[str] = []
    texts: list[tuple[int, int]] = []
    landings: list[tuple[int, str]] = []
    radio_groups: set[str] = set()
    pending: list[str] = []  # text read since the last tab stop
    in_stop: object | None = None  # the tab stop being read (its own text is its name, not content)

    def flush() -> None:
        gap = " ".join(" ".join(pending).split())
        pending.clear()
        if len(gap) >= 2:
            # hash(): only ever compared within one judging run, across the pages it holds
            texts.append((len(stops), hash(gap)))

    for event, el in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if event == "end":
            if el is in_stop:
                in_stop = None
            if in_stop is None and el.tail:
                pending.append(el.tail)
            continue
        if in_stop is not None:
            continue
        if id(el) in targets:
            landings.append((len(stops), "skip"))
        role = (el.get("role") or "").strip().lower()
        if (el.tag == "main" or role == "main") and not hidden_by_markup(el):
            landings.append((len(stops), "main"))
        elif (el.tag in _HEADINGS or role == "heading") and text(el) and not hidden_by_markup(el):
            landings.append((len(stops), "heading"))
        if not is_tab_stop(el) or hidden_by_markup(el):
            if el.text:
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
        if href.startswith("#") and len(href) > 1 and href[1:] in ids:
            targets.add(id(ids[href[1:]]))
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
    own_text = sorted({at for at, digest in path.texts if not repeated(digest)})
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
            if begin < at <= reach and min(at, end) > best:
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
