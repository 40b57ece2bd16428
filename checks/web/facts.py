"""Static facts of one page: what our own rules judge. Pure data, gathered by ``scanner.static_facts``.

Every element fact carries a CSS ``selector`` and an ``html`` snippet (at most 300 characters) so a finding can
point at the element. ``None`` means "absent" and ``""`` means "present but empty": a page with no ``<title>``
and a page with ``<title></title>`` are different facts (empty is not missing).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

HTML_SNIPPET_MAX = 300


@dataclass(frozen=True)
class ImageFact:
    selector: str
    html: str
    alt: str | None  # None: no alt attribute at all
    role: str | None = None
    aria_name: str = ""  # from aria-labelledby / aria-label
    title: str = ""
    src: str = ""
    context: str = ""  # the text right beside it: its parent's text without the image's own alt (cut to 200)


@dataclass(frozen=True)
class LinkFact:
    selector: str
    html: str
    href: str  # resolved against the page URL
    name: str  # accessible name: aria-labelledby, aria-label, text and img alt, title
    target: str = ""  # the page the link leads to as the crawler identifies pages (tracking parameters,
    # fragments, index.html dropped); "" in facts stored before it was kept


@dataclass(frozen=True)
class FormFieldFact:
    selector: str
    html: str
    tag: str
    type: str
    label: str  # accessible name, "" if none
    label_source: str = ""  # label-for | label-wrap | aria-labelledby | aria-label | title | ""
    placeholder: str = ""
    name: str = ""  # the name attribute (radio buttons sharing one form a group); "" in facts stored before it
    form: str = ""  # selector of its form (the form attribute's, else the enclosing one); "" for none
    group: str | None = None  # name of the nearest fieldset (its legend) or role=group / radiogroup element
    # around it ("" when that has none); None when it is in none


@dataclass(frozen=True)
class ButtonFact:
    selector: str
    html: str
    name: str


@dataclass(frozen=True)
class HeadingFact:
    selector: str
    html: str
    level: int
    text: str


@dataclass(frozen=True)
class FrameFact:
    selector: str
    html: str
    title: str  # accessible name: aria-labelledby, aria-label or title
    src: str = ""


@dataclass(frozen=True)
class TableFact:
    selector: str
    html: str
    rows: int  # <tr> of this table (not of nested tables)
    cols: int  # the most cells in one of its rows
    header_cells: int  # <th>, or cells with role columnheader / rowheader
    has_caption: bool = False
    has_summary: bool = False  # a non-empty summary attribute
    role: str = ""
    nested: bool = False  # holds another table
    short_cells: float = 0.0  # share of its non-empty cells with a short text (<= 40 characters) and no block
    regular: bool = False  # every row with more than one cell has the same number of cells


@dataclass(frozen=True)
class TextFact:
    """A run of text the content rules look at (a Latin-script passage, an image CAPTCHA's marker)."""

    selector: str
    html: str
    text: str


@dataclass(frozen=True)
class HeaderCellFact:
    """A visible table header cell (th, columnheader, rowheader) and how many cells of its table it heads."""

    selector: str
    html: str
    text: str
    cells: int


_LISTS = {"images": ImageFact, "links": LinkFact, "form_fields": FormFieldFact, "buttons": ButtonFact,
          "headings": HeadingFact, "frames": FrameFact, "tables": TableFact, "latin_passages": TextFact,
          "captchas": TextFact, "header_cells": HeaderCellFact}


@dataclass(frozen=True)
class PageFacts:
    url: str
    title: str | None  # None: no <title> element
    lang: str | None  # the <html lang> attribute; None: absent
    images: list[ImageFact] = field(default_factory=list)
    links: list[LinkFact] = field(default_factory=list)
    form_fields: list[FormFieldFact] = field(default_factory=list)
    buttons: list[ButtonFact] = field(default_factory=list)
    headings: list[HeadingFact] = field(default_factory=list)
    frames: list[FrameFact] = field(default_factory=list)
    viewport: str | None = None  # content of <meta name="viewport">; None: no such element
    has_viewport_zoom_block: bool = False
    tables: list[TableFact] = field(default_factory=list)
    latin_passages: list[TextFact] = field(default_factory=list)  # Latin-script text in a zh page, no own lang
    captchas: list[TextFact] = field(default_factory=list)  # image CAPTCHAs (text: what marks them as one)
    captcha_alternatives: list[str] = field(default_factory=list)  # other ways offered (audio, SMS...)
    toolbar_markers: list[str] = field(default_factory=list)  # signs of an accessibility toolbar
    # each <meta http-equiv="refresh">: [selector, opening tag, content]
    meta_refresh: list[list[str]] = field(default_factory=list)
    # table header cells with the number of cells assigned to each (scanner.table_headers)
    header_cells: list[HeaderCellFact] = field(default_factory=list)
    # the first navigation block followed by the page's own text, and how a reader gets past it
    # (scanner.navigation_bypass: {selector, html, stops, landing}); None when there is none
    navigation_bypass: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict (stored with the page artifact, so rules can be re-run without a new crawl)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageFacts:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name, fact_type in _LISTS.items():
            values[name] = [fact_type(**item) for item in values.get(name, [])]
        return cls(**values)
