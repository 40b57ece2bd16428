"""Page facts from an HTML document: lxml's HTML parser, no rendering.

What a page says in its markup: names computed from labels, ARIA and text, without CSS or script. The same
function makes the ``dom`` artifact in both modes: from the fetched HTML with ``--no-browser``, and from the
rendered DOM (serialised after scripts ran) in a browser scan, so our own rules judge what the visitor got.
lxml directly, not BeautifulSoup over lxml: a 1,000-element page takes ~6 ms instead of ~60 ms, which counts
when it is done on every page of a browser scan.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from checks.web.facts import (
    HTML_SNIPPET_MAX,
    ButtonFact,
    FormFieldFact,
    FrameFact,
    HeadingFact,
    ImageFact,
    LinkFact,
    PageFacts,
)
from scanner.content_facts import content_facts
from scanner.urls import url_key

# Inputs that are not form fields needing a label (buttons are named by their value; hidden is not shown).
_NOT_FIELDS = {"hidden", "submit", "button", "reset", "image"}
_BUTTON_INPUTS = {"submit", "button", "reset", "image"}
_SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_SKIP_TEXT = {"script", "style", "template", "noscript"}
_HEADING = re.compile(r"h[1-6]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_VIEWPORT = re.compile(r"^\s*viewport\s*$", re.I)
_WS = re.compile(r"\s+")  # compiled once: _clean runs ~1,200 times a page

Element = etree._Element


def page_facts(html: str, url: str) -> PageFacts:
    """The facts of one page. ``url`` resolves relative links and says which page this is."""
    root = _parse(html)
    if root is None:
        return PageFacts(url=url, title=None, lang=None)
    doc = _Document(root)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    viewport = next((m.get("content", "") for m in root.iter("meta") if _VIEWPORT.match(m.get("name", ""))), None)
    return PageFacts(
        url=url,
        title=_title(root),
        lang=root.get("lang") if root.tag == "html" else None,
        images=[_image(img, doc) for img in root.iter("img")],
        links=[_link(a, url, doc) for a in _link_elements(root)],
        form_fields=[_field(el, doc) for el in root.iter("input", "select", "textarea")
                     if el.tag != "input" or (el.get("type") or "text").lower() not in _NOT_FIELDS],
        buttons=[ButtonFact(doc.selector(b), snippet(b), _button_name(b, doc)) for b in elements if _is_button(b)],
        headings=[_heading(h, doc) for h in elements if _HEADING.fullmatch(h.tag) or h.get("role") == "heading"],
        frames=[FrameFact(doc.selector(f), snippet(f), doc.aria_name(f) or _clean(f.get("title", "")),
                          f.get("src", "")) for f in _frame_elements(root)],
        viewport=viewport,
        has_viewport_zoom_block=viewport is not None and viewport_blocks_zoom(viewport),
        **content_facts(root, doc, _text, snippet, _clean, root.get("lang") if root.tag == "html" else None),
        meta_refresh=[[doc.selector(m), snippet(m), m.get("content") or ""] for m in root.iter("meta")
                      if (m.get("http-equiv") or "").strip().lower() == "refresh"],
    )


def page_links(facts: PageFacts) -> list[str]:
    """The URLs a crawl follows from a page: its links and frames, as the page wrote them (resolved against
    its URL for links; the crawler normalises every one against the page's final URL)."""
    return [link.href for link in facts.links] + [f.src for f in facts.frames if f.src]


def html_links(html: str, url: str) -> list[str]:
    """``page_links(page_facts(html, url))`` without the other facts (names, selectors: most of the cost), for
    a page whose judgement is carried over and whose links alone the crawl needs."""
    root = _parse(html)
    if root is None:
        return []
    return [_link_href(url, a) for a in _link_elements(root)] + [
        src for f in _frame_elements(root) if (src := f.get("src", ""))]


def _parse(html: str) -> Element | None:
    # lxml refuses a str that carries an XML encoding declaration (XHTML served as text): the text is decoded.
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        return lxml.html.document_fromstring(html) if html.strip() else None
    except (etree.ParserError, ValueError):
        return None


def _link_elements(root: Element):
    return (a for a in root.iter("a") if a.get("href") is not None)


def _frame_elements(root: Element):
    return root.iter("iframe", "frame")


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


def snippet(el: Element) -> str:
    """The element's outer HTML, cut to ``HTML_SNIPPET_MAX`` characters."""
    text = _WS.sub(" ", etree.tostring(el, encoding="unicode", method="html", with_tail=False))
    return text if len(text) <= HTML_SNIPPET_MAX else text[: HTML_SNIPPET_MAX - 1] + "…"


class _Document:
    """Look-ups over one parsed document, built once: ids, labels by ``for``, sibling positions."""

    def __init__(self, root: Element):
        self.by_id: dict[str, Element] = {}
        self.id_counts: dict[str, int] = {}
        self.labels_for: dict[str, list[Element]] = {}
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            el_id = el.get("id")
            if el_id is not None:
                self.id_counts[el_id] = self.id_counts.get(el_id, 0) + 1
                self.by_id.setdefault(el_id, el)
            if el.tag == "label" and el.get("for") is not None:
                self.labels_for.setdefault(el.get("for"), []).append(el)
        self._positions: dict[Element, tuple[int, int]] = {}
        self._selectors: dict[Element, str] = {}

    def _position(self, el: Element) -> tuple[int, int]:
        """(1-based position among the parent's children of the same tag, how many there are)."""
        if el not in self._positions:
            parent = el.getparent()
            same = [c for c in parent if c.tag == el.tag]
            for i, sibling in enumerate(same, 1):
                self._positions[sibling] = (i, len(same))
        return self._positions[el]

    def selector(self, el: Element) -> str:
        """A stable selector: ``tag#id`` when the id is unique and plain, else an nth-of-type path from the
        nearest such ancestor (or from ``html``). Stable across scans as long as the markup before it does not
        move. Each element's selector is made once and its children's extend it."""
        found = self._selectors.get(el)
        if found is not None:
            return found
        node_id = el.get("id")
        parent = el.getparent()
        if node_id is not None and self.id_counts.get(node_id) == 1 and _SAFE_ID.match(node_id):
            found = f"{el.tag}#{node_id}"
        elif el.tag in ("html", "body", "head") or parent is None:
            part = el.tag
            found = part if parent is None else f"{self.selector(parent)} > {part}"
        else:
            position, count = self._position(el)
            part = el.tag if count == 1 else f"{el.tag}:nth-of-type({position})"
            found = f"{self.selector(parent)} > {part}"
        self._selectors[el] = found
        return found

    def aria_source(self, el: Element) -> tuple[str, str]:
        """Name and its source from ``aria-labelledby`` (referenced elements' text) or ``aria-label``."""
        refs = el.get("aria-labelledby")
        if refs:
            named = [self.by_id.get(i) for i in refs.split()]
            text = _clean(" ".join(_text(n) for n in named if n is not None))
            if text:
                return text, "aria-labelledby"
        label = _clean(el.get("aria-label", ""))
        return label, "aria-label" if label else ""

    def aria_name(self, el: Element) -> str:
        return self.aria_source(el)[0]

    def name(self, el: Element) -> str:
        return self.aria_name(el) or _text(el) or _clean(el.get("title", ""))


def _clean(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _title(root: Element) -> str | None:
    # The document's <title>, not an <svg><title> further down.
    for t in root.iter("title"):
        if not any(a.tag == "svg" for a in t.iterancestors()):
            return _clean(t.text_content())
    return None


def _text(el: Element) -> str:
    """Text content as a screen reader would meet it in markup: image alts included, aria-hidden and scripts out."""
    out: list[str] = []

    def walk(node: Element) -> None:
        if node.text and isinstance(node.tag, str):
            out.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _SKIP_TEXT and child.get("aria-hidden") != "true":
                if child.tag in ("img", "area"):
                    out.append(child.get("alt", ""))
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return _clean(" ".join(out))


def _resolve(page_url: str, href: str) -> str:
    """``urljoin`` with the two shapes most links have done by hand (absolute, and root-relative as CMSs write
    them): a page of 300 links spent most of its fact-gathering time in urljoin."""
    if href.startswith(("http://", "https://")):
        return href
    if href.startswith("/") and not href.startswith("//"):
        parts = urlsplit(page_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}{href}"
    return urljoin(page_url, href)


def _link_href(page_url: str, a: Element) -> str:
    return _resolve(page_url, a.get("href").strip())


def _link(a: Element, page_url: str, doc: _Document) -> LinkFact:
    href = _link_href(page_url, a)
    return LinkFact(doc.selector(a), snippet(a), href, doc.name(a), url_key(href))  # url_key: cached per scan


def _image(img: Element, doc: _Document) -> ImageFact:
    alt = img.get("alt")
    return ImageFact(doc.selector(img), snippet(img), None if alt is None else _clean(alt), img.get("role"),
                     doc.aria_name(img), _clean(img.get("title", "")), img.get("src", ""), _beside(img))


def _beside(img: Element) -> str:
    """The text of the image's parent without the image's own alt (the caption or link text beside it)."""
    parent = img.getparent()
    if parent is None:
        return ""
    out = [parent.text or ""]
    for child in parent:
        if isinstance(child.tag, str) and child.tag not in _SKIP_TEXT and child is not img:
            out.append(_text(child))
        out.append(child.tail or "")
    return _clean(" ".join(out))[:200]


def _field(el: Element, doc: _Document) -> FormFieldFact:
    field_type = (el.get("type") or "text").lower() if el.tag == "input" else el.tag
    label, source = doc.aria_source(el)
    if not label and el.get("id"):
        for lab in doc.labels_for.get(el.get("id"), []):
            label, source = _text(lab), "label-for"
            if label:
                break
    if not label:
        wrapping = next(el.iterancestors("label"), None)
        if wrapping is not None:
            label, source = _text(wrapping), "label-wrap"
    if not label and _clean(el.get("title", "")):
        label, source = _clean(el.get("title")), "title"
    return FormFieldFact(doc.selector(el), snippet(el), el.tag, field_type, label, source if label else "",
                         _clean(el.get("placeholder", "")), el.get("name") or "", _form_of(el, doc),
                         _group_of(el, doc))


def _form_of(el: Element, doc: _Document) -> str:
    owner = doc.by_id.get(el.get("form") or "") if el.get("form") else None
    if owner is None or owner.tag != "form":
        owner = next(el.iterancestors("form"), None)
    return doc.selector(owner) if owner is not None else ""


def _group_of(el: Element, doc: _Document) -> str | None:
    """The name of the nearest grouping element around a field: a fieldset (its first legend, or ARIA), or an
    element with role group / radiogroup (ARIA); "" when it has none; None when there is no such element."""
    for a in el.iterancestors():
        if not isinstance(a.tag, str):
            continue
        if a.tag == "fieldset":
            legend = next((c for c in a if c.tag == "legend"), None)
            return doc.aria_name(a) or (_text(legend) if legend is not None else "")
        if (a.get("role") or "").strip() in ("group", "radiogroup"):
            return doc.aria_name(a)
    return None


def _is_button(el: Element) -> bool:
    return (el.tag == "button" or el.get("role") == "button"
            or (el.tag == "input" and (el.get("type") or "").lower() in _BUTTON_INPUTS))


def _button_name(b: Element, doc: _Document) -> str:
    if b.tag == "input":
        return doc.aria_name(b) or _clean(b.get("value", "") or b.get("alt", "")) or _clean(b.get("title", ""))
    return doc.name(b)


def _heading(h: Element, doc: _Document) -> HeadingFact:
    if h.get("role") == "heading":
        level_text = str(h.get("aria-level", "2"))
        level = int(level_text) if level_text.isdigit() else 2  # ARIA's default heading level is 2
    else:
        level = int(h.tag[1])
    return HeadingFact(doc.selector(h), snippet(h), level, _text(h))


