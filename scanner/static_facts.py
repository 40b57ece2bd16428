"""Static page facts from an HTML document (no rendering): BeautifulSoup over lxml.

What a page says in its markup only: names computed from labels, ARIA and text, without CSS or script.
Used by ``wuzhangai scan --no-browser``, and on the rendered DOM in browser mode for our own rules.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from checks.web.facts import (HTML_SNIPPET_MAX, ButtonFact, FormFieldFact, FrameFact, HeadingFact, ImageFact,
                              LinkFact, PageFacts)

# Inputs that are not form fields needing a label (buttons are named by their value; hidden is not shown).
_NOT_FIELDS = {"hidden", "submit", "button", "reset", "image"}
_SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_SKIP_TEXT = {"script", "style", "template", "noscript"}


def page_facts(html: str, url: str) -> PageFacts:
    """The static facts of one page. ``url`` resolves relative links and says which page this is."""
    soup = BeautifulSoup(html, "lxml")
    root = soup.find("html")
    ids = _id_counts(soup)
    sel = lambda el: css_selector(el, ids)  # noqa: E731 - closes over this document's id counts
    viewport_tag = soup.find("meta", attrs={"name": re.compile(r"^\s*viewport\s*$", re.I)})
    viewport = viewport_tag.get("content", "") if viewport_tag else None
    return PageFacts(
        url=url,
        title=_title(soup),
        lang=root.get("lang") if isinstance(root, Tag) else None,
        images=[_image(img, soup, sel) for img in soup.find_all("img")],
        links=[LinkFact(sel(a), snippet(a), urljoin(url, a["href"].strip()), _name(a, soup))
               for a in soup.find_all("a", href=True)],
        form_fields=[_field(el, soup, sel) for el in soup.find_all(["input", "select", "textarea"])
                     if el.name != "input" or (el.get("type") or "text").lower() not in _NOT_FIELDS],
        buttons=[ButtonFact(sel(b), snippet(b), _button_name(b, soup)) for b in _buttons(soup)],
        headings=[_heading(h, sel) for h in _headings(soup)],
        frames=[FrameFact(sel(f), snippet(f), _aria_name(f, soup) or _clean(f.get("title", "")), f.get("src", ""))
                for f in soup.find_all(["iframe", "frame"])],
        viewport=viewport,
        has_viewport_zoom_block=viewport is not None and viewport_blocks_zoom(viewport),
    )


def viewport_blocks_zoom(content: str) -> bool:
    """``user-scalable=no`` (or 0), or a ``maximum-scale`` below 2 (axe-core's threshold for WCAG 1.4.4)."""
    for part in re.split(r"[,;]", content):
        key, _, value = part.partition("=")
        key, value = key.strip().lower(), value.strip().lower()
        if key == "user-scalable" and value in ("no", "0"):
            return True
        if key == "maximum-scale":
            try:
                if 0 < float(value) < 2:
                    return True
            except ValueError:
                continue  # an unreadable value sets no limit in browsers
    return False


def snippet(el: Tag) -> str:
    """The element's outer HTML, cut to ``HTML_SNIPPET_MAX`` characters."""
    text = re.sub(r"\s+", " ", str(el))
    return text if len(text) <= HTML_SNIPPET_MAX else text[: HTML_SNIPPET_MAX - 1] + "…"


def css_selector(el: Tag, id_counts: dict[str, int]) -> str:
    """A stable selector: ``tag#id`` when the id is unique and plain, else an nth-of-type path from the nearest
    such ancestor (or from ``html``). Stable across scans as long as the markup before it does not move."""
    parts: list[str] = []
    node: Tag | None = el
    while isinstance(node, Tag) and node.name != "[document]":
        node_id = node.get("id")
        if isinstance(node_id, str) and id_counts.get(node_id) == 1 and _SAFE_ID.match(node_id):
            parts.append(f"{node.name}#{node_id}")
            break
        parent = node.parent
        if node.name in ("html", "body", "head") or not isinstance(parent, Tag):
            parts.append(node.name)
        else:
            same = parent.find_all(node.name, recursive=False)
            position = next(i for i, sibling in enumerate(same, 1) if sibling is node)
            parts.append(node.name if len(same) == 1 else f"{node.name}:nth-of-type({position})")
        node = parent
    return " > ".join(reversed(parts))


def _id_counts(soup: BeautifulSoup) -> dict[str, int]:
    counts: dict[str, int] = {}
    for el in soup.find_all(id=True):
        counts[el["id"]] = counts.get(el["id"], 0) + 1
    return counts


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _title(soup: BeautifulSoup) -> str | None:
    # The document's <title>, not an <svg><title> further down.
    for t in soup.find_all("title"):
        if t.find_parent("svg") is None:
            return _clean(t.get_text())
    return None


def _text(el: Tag) -> str:
    """Text content as a screen reader would meet it in markup: image alts included, aria-hidden and scripts out."""
    out: list[str] = []
    for node in el.descendants:
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            if not _inside_skipped(node, el):
                out.append(str(node))
        elif node.name in ("img", "area") and not _inside_skipped(node, el):
            out.append(node.get("alt", ""))
    return _clean(" ".join(out))


def _inside_skipped(node, stop: Tag) -> bool:
    for parent in node.parents:
        if parent is stop:
            return False
        if parent.name in _SKIP_TEXT or parent.get("aria-hidden") == "true":
            return True
    return False


def _aria_source(el: Tag, soup: BeautifulSoup) -> tuple[str, str]:
    """Name and its source from ``aria-labelledby`` (referenced elements' text) or ``aria-label``."""
    refs = el.get("aria-labelledby")
    if refs:
        ref_ids = refs if isinstance(refs, list) else refs.split()
        named = [soup.find(id=i) for i in ref_ids]
        text = _clean(" ".join(_text(n) for n in named if n is not None))
        if text:
            return text, "aria-labelledby"
    label = _clean(el.get("aria-label", ""))
    return label, "aria-label" if label else ""


def _aria_name(el: Tag, soup: BeautifulSoup) -> str:
    return _aria_source(el, soup)[0]


def _name(el: Tag, soup: BeautifulSoup) -> str:
    return _aria_name(el, soup) or _text(el) or _clean(el.get("title", ""))


def _image(img: Tag, soup: BeautifulSoup, sel) -> ImageFact:
    alt = img.get("alt")
    return ImageFact(sel(img), snippet(img), None if alt is None else _clean(alt), img.get("role"),
                     _aria_name(img, soup), _clean(img.get("title", "")), img.get("src", ""))


def _field(el: Tag, soup: BeautifulSoup, sel) -> FormFieldFact:
    field_type = (el.get("type") or "text").lower() if el.name == "input" else el.name
    label, source = _aria_source(el, soup)
    if not label and el.get("id"):
        for lab in soup.find_all("label", attrs={"for": el["id"]}):
            label, source = _text(lab), "label-for"
            if label:
                break
    if not label:
        wrapping = el.find_parent("label")
        if wrapping is not None:
            label, source = _text(wrapping), "label-wrap"
    if not label and _clean(el.get("title", "")):
        label, source = _clean(el["title"]), "title"
    return FormFieldFact(sel(el), snippet(el), el.name, field_type, label, source if label else "",
                         _clean(el.get("placeholder", "")))


def _buttons(soup: BeautifulSoup) -> list[Tag]:
    return soup.find_all(lambda t: t.name == "button" or t.get("role") == "button"
                         or (t.name == "input" and (t.get("type") or "").lower() in ("submit", "button", "reset", "image")))


def _button_name(b: Tag, soup: BeautifulSoup) -> str:
    if b.name == "input":
        return _aria_name(b, soup) or _clean(b.get("value", "") or b.get("alt", "")) or _clean(b.get("title", ""))
    return _name(b, soup)


def _headings(soup: BeautifulSoup) -> list[Tag]:
    return soup.find_all(lambda t: re.fullmatch(r"h[1-6]", t.name) is not None or t.get("role") == "heading")


def _heading(h: Tag, sel) -> HeadingFact:
    if h.get("role") == "heading":
        level_text = str(h.get("aria-level", "2"))
        level = int(level_text) if level_text.isdigit() else 2  # ARIA's default heading level is 2
    else:
        level = int(h.name[1])
    return HeadingFact(sel(h), snippet(h), level, _text(h))
