"""Crawler traps and soft 404s: what keeps a crawl from spending its budget on pages that are not new pages.

A **trap** is a part of a site that produces URLs without end: a calendar linking next month forever, an archive
whose ``?page=N`` goes on past the last entry, relative links that nest a folder in itself (``/x/a/a/a/``), a
filter form whose parameters combine into thousands of URLs. Session ids in URLs are the fifth kind and are
folded in a page's identity already (``scanner.urls.url_key``). Three guards, all cheap and in memory:

- **pattern**: every URL has a *pattern* (``url_pattern``: digit runs and query values generalised,
  ``/calendar/{n}/{n}.html?month={n}``). Each scanned page's visible text gets a *fingerprint* (a bottom-k
  sketch of its character shingles, digits folded, so "2024年3月" and "2024年4月" read alike); a page is
  *near-identical* when its estimated Jaccard similarity to one of the pattern's last pages is at least
  ``TRAP_SIMILARITY``. Once a pattern has ``TRAP_PAGES`` pages scanned of which at least ``TRAP_NEAR_SHARE``
  near-identical, it is cut: no more URLs of it are enqueued (those queued before are still scanned: a
  pattern is judged on the pages it produced, and what was queued is bounded by the links of those). Many different pages of one pattern (news articles
  ``/news/2024/{n}.html``) are never cut: their texts differ.
- **repeated segments**: a path in which one non-numeric segment occurs ``REPEATED_SEGMENT_MAX`` times is not
  enqueued (``/x/a/a/a/``, ``/a/b/a/b/a/b/``).
- **query explosion**: a path whose links differ in their query beyond ``QUERY_VARIANTS`` variants, when the
  variants combine parameters (more than ``QUERY_COMBINATION_FACTOR`` variants per value of the most varied
  parameter), takes no more variants. A list paged by one parameter or articles by ``?id=`` grow one value per
  URL and are left to the pattern guard; five years x three types x two orders is a combination.

Each trap is reported once per scan (``TrapGuard.report``): ``{pattern, reason, pages, skipped, example}``.

A **soft 404** is a "not found" page answered with 200: it would be scored as a page of the site. The crawler asks
each site once for a URL that cannot exist (``probe_path``); when that answers 200 its fingerprint is kept, and a
page whose fingerprint matches it, or whose title or first heading says 404 / 页面不存在 and whose text is short,
is recorded as not scanned (``soft_404``).
"""
from __future__ import annotations

import heapq
import re
import secrets
import zlib
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from scanner.urls import url_key

# ---- settings (defaults of the ``CrawlConfig`` fields of the same names in lower case) ---------------------------
# A pattern is judged once it has this many pages scanned: enough that a dozen paged lists or a month of a
# calendar are scanned whole, few enough that an endless one costs little.
TRAP_PAGES = 20
# ... and cut when at least this share of them was near-identical to an earlier page of the pattern.
TRAP_NEAR_SHARE = 0.75
# Estimated Jaccard similarity of two pages' shingles at or above which they are near-identical. Two calendar
# months or two empty list pages score 1.0 (digits are folded); two news articles under one template, well under.
TRAP_SIMILARITY = 0.9
# A path where one (non-numeric) segment occurs this often is a loop of relative links, not a page.
REPEATED_SEGMENT_MAX = 3
# A path takes at most this many query variants when they combine parameters (see the module docstring) ...
QUERY_VARIANTS = 20
# ... i.e. when there are more than this many variants per value of its most varied parameter.
QUERY_COMBINATION_FACTOR = 3
# Soft 404: a page whose title or first heading says "not found" is one only when its text is this short (a
# news article about a 404 error is a page).
SOFT_404_MAX_TEXT = 800
# Similarity to the site's answer for a URL that cannot exist at or above which a page is that answer.
SOFT_404_SIMILARITY = 0.9

TRAP_PATTERN = "pattern"
TRAP_REPEATED = "repeated_segments"
TRAP_QUERY = "query_explosion"

SHINGLE = 4  # characters per shingle: Chinese text has no spaces; 4 characters carry a word or two
SKETCH_SIZE = 128  # bottom-k sketch: the k smallest shingle hashes estimate Jaccard within a few hundredths
COMPARE_LAST = 5  # a page is compared with this many latest pages of its pattern (memory stays bounded)

_DIGITS = re.compile(r"\d+")
_HEXID = re.compile(r"[0-9a-f]{16,}", re.I)
_NOT_FOUND = re.compile(r"404|not\s*found|页面不存在|找不到(?:该|此|您要的)?页面|页面未找到|页面找不到|网页不存在"
                        r"|页面已删除|您访问的页面", re.I)
_INVISIBLE = ("script", "style", "noscript", "template")
# The site's chrome (menus, header, footer) is the same on every page; left out of the fingerprint so two pages
# are compared on what differs. Not every site marks it up so (see the README's limits).
_CHROME = ("nav", "header", "footer")


def url_pattern(url: str) -> str:
    """The shape of a URL: path and query with digit runs as ``{n}``, long hex ids as ``{id}`` and every query
    value generalised (``{n}`` or ``{v}``), parameters sorted. Session ids are expected gone (``url_key``)."""
    parts = urlsplit(url)
    path = _DIGITS.sub("{n}", _HEXID.sub("{id}", parts.path)) or "/"
    if parts.fragment:  # a single-page app's hash route (``/app.html#/news/{n}``): routes are patterns too
        path += "#" + _DIGITS.sub("{n}", parts.fragment)
    if not parts.query:
        return path
    names = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    values = dict(parse_qsl(parts.query, keep_blank_values=True))
    return path + "?" + "&".join(f"{k}={{n}}" if values.get(k, "").isdigit() else f"{k}={{v}}" for k in names)


def repeated_segment(path: str, limit: int = REPEATED_SEGMENT_MAX) -> str | None:
    """The path cut after the ``limit``-th occurrence of a repeated non-numeric segment, plus ``…``; None when no
    segment repeats that often. Dates (``/2024/01/01/``) repeat digits, not names."""
    counts: Counter[str] = Counter()
    segments = path.split("/")
    for i, seg in enumerate(segments):
        if not seg or seg.isdigit():
            continue
        counts[seg] += 1
        if counts[seg] >= limit:
            return "/".join(segments[: i + 1]) + "/…"
    return None


# ---- fingerprints -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageText:
    """What the guards read of a page: its fingerprint, the text's length, and its first heading."""

    sketch: frozenset[int]
    length: int
    h1: str


def page_text(html: str, drop: str = "") -> PageText:
    """Visible text of ``html`` (without scripts and the page chrome), fingerprinted. ``drop`` (a random token
    the page echoes, e.g. the probe's URL) is removed first."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html or "<html></html>")
    except (ValueError, lxml.etree.ParserError):
        return PageText(frozenset(), 0, "")
    for el in list(root.iter(*_INVISIBLE, *_CHROME)):
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()
    h1 = next((re.sub(r"\s+", " ", h.text_content()).strip() for h in root.iter("h1")), "")
    body = root.find("body")
    text = re.sub(r"\s+", " ", (body if body is not None else root).text_content()).strip()
    if drop:
        text = text.replace(drop, "")
    return PageText(sketch(text), len(text), h1)


def sketch(text: str) -> frozenset[int]:
    """Bottom-k sketch of the text's character shingles, digits folded to one (CRC-32: stable across processes)."""
    folded = _DIGITS.sub("0", text)
    if len(folded) <= SHINGLE:
        shingles = {folded} if folded else set()
    else:
        shingles = {folded[i:i + SHINGLE] for i in range(len(folded) - SHINGLE + 1)}
    hashes = {zlib.crc32(s.encode("utf-8")) for s in shingles}
    return frozenset(heapq.nsmallest(SKETCH_SIZE, hashes))


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets two sketches stand for (the bottom-k estimator: of the k
    smallest hashes of both, the share present in both). Two empty texts are alike."""
    if not a and not b:
        return 1.0
    union = heapq.nsmallest(SKETCH_SIZE, a | b)
    both = a & b
    return sum(1 for h in union if h in both) / len(union)


# ---- soft 404 -----------------------------------------------------------------------------------------------

def probe_path() -> str:
    """A path no site has: asked once per site at the start to learn what its "not found" looks like."""
    return f"/wuzhangai-404-{secrets.token_hex(8)}.html"


def soft_404_reason(page: PageText, title: str | None, probe: PageText | None) -> str | None:
    """Why a page answered with 200 is a "not found" page (zh / en), or None when it is a page."""
    if probe is not None and page.length <= max(SOFT_404_MAX_TEXT, 2 * probe.length) \
            and similarity(page.sketch, probe.sketch) >= SOFT_404_SIMILARITY:
        return ("页面返回 200，但内容与本站“页面不存在”页相同 / answered 200, but reads as this site's answer for a "
                "URL that does not exist")
    said = next((t for t in (title or "", page.h1) if t and _NOT_FOUND.search(t)), None)
    if said is not None and page.length <= SOFT_404_MAX_TEXT:
        return f"页面返回 200，但标题为“{said[:80]}”且内容很少 / answered 200, but its title says “{said[:80]}” and it has little text"
    return None


# ---- the guard ----------------------------------------------------------------------------------------------

@dataclass
class _Pattern:
    pages: int = 0
    near: int = 0
    last: deque = field(default_factory=lambda: deque(maxlen=COMPARE_LAST))
    example: str = ""


@dataclass
class _QueryPath:
    variants: set[str] = field(default_factory=set)
    values: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class TrapSettings:
    pages: int = TRAP_PAGES
    near_share: float = TRAP_NEAR_SHARE
    similarity: float = TRAP_SIMILARITY
    repeated_segment_max: int = REPEATED_SEGMENT_MAX
    query_variants: int = QUERY_VARIANTS
    query_combination_factor: int = QUERY_COMBINATION_FACTOR


class TrapGuard:
    """Decides which found URLs are not enqueued (``refuse``) and watches the scanned pages (``observe``); keeps
    one report entry per trap. ``known`` are the entries of an earlier run of the same scan (``--resume``): their
    patterns stay cut, their counts go on."""

    def __init__(self, settings: TrapSettings | None = None, known: list[dict] | None = None,
                 state: dict | None = None):
        self.s = settings or TrapSettings()
        self.patterns: dict[tuple[str, str], _Pattern] = {}
        self.queries: dict[tuple[str, str], _QueryPath] = {}
        self.traps: dict[tuple[str, str, str], dict] = {}  # (host, reason, pattern) -> report entry
        for t in known or []:
            host = urlsplit(url_key(t.get("example") or "")).netloc
            self.traps[(host, t["reason"], t["pattern"])] = dict(t)
        self._restore(state or {})

    def state(self) -> dict:
        """What the guard has counted, as JSON: stored with the scan so that ``--resume`` goes on counting where
        the run stopped (pages and near-identical pages per pattern, the latest fingerprints, query variants)."""
        return {"patterns": [[host, pattern, p.pages, p.near, p.example, [sorted(s) for s in p.last]]
                             for (host, pattern), p in self.patterns.items()],
                "queries": [[host, path, sorted(q.variants), {k: sorted(v) for k, v in q.values.items()}]
                            for (host, path), q in self.queries.items()]}

    def _restore(self, state: dict) -> None:
        for host, pattern, pages, near, example, last in state.get("patterns") or []:
            p = self.patterns[(host, pattern)] = _Pattern(pages=pages, near=near, example=example)
            p.last.extend(frozenset(s) for s in last)
        for host, path, variants, values in state.get("queries") or []:
            self.queries[(host, path)] = _QueryPath(set(variants), {k: set(v) for k, v in values.items()})

    def refuse(self, url: str) -> dict | None:
        """The trap entry ``url`` falls in (its ``skipped`` counted), or None when it may be enqueued."""
        # session ids out, one host spelling: the pattern of the page, not of the link (``url`` stays the example)
        parts = urlsplit(url_key(url))
        host = parts.netloc
        trap = self.traps.get((host, TRAP_PATTERN, url_pattern(parts.geturl())))
        if trap is None:
            cut = repeated_segment(parts.path, self.s.repeated_segment_max)
            if cut is not None:
                trap = self._trap(host, TRAP_REPEATED, cut, url, 0)
        if trap is None and parts.query:
            trap = self._query(host, parts.path, parts.query, url)
        if trap is not None:
            trap["skipped"] += 1
        return trap

    def _query(self, host: str, path: str, query: str, url: str) -> dict | None:
        qp = self.queries.setdefault((host, path), _QueryPath())
        known = self.traps.get((host, TRAP_QUERY, path + "?…"))
        if known is not None:
            return known
        if query in qp.variants:
            return None
        pairs = parse_qsl(query, keep_blank_values=True)
        values = {k: set(v) for k, v in qp.values.items()}
        for k, v in pairs:
            values.setdefault(k, set()).add(v)
        n = len(qp.variants) + 1
        widest = max((len(v) for v in values.values()), default=1)
        if n > self.s.query_variants and n > self.s.query_combination_factor * widest:
            return self._trap(host, TRAP_QUERY, path + "?…", url, len(qp.variants))
        qp.variants.add(query)
        qp.values = values
        return None

    def observe(self, url: str, text: PageText) -> dict | None:
        """Count a scanned page in its pattern; the new trap entry when this page made the pattern a trap."""
        parts = urlsplit(url_key(url))
        key = (parts.netloc, url_pattern(parts.geturl()))
        p = self.patterns.setdefault(key, _Pattern(example=url))
        if any(similarity(text.sketch, prev) >= self.s.similarity for prev in p.last):
            p.near += 1
        p.pages += 1
        p.last.append(text.sketch)
        cut = self.traps.get((parts.netloc, TRAP_PATTERN, key[1]))
        if cut is not None:  # a page queued before the cut, scanned after it
            cut["pages"] = max(cut["pages"], p.pages)
            return None
        if p.pages >= self.s.pages and p.near >= self.s.near_share * p.pages:
            return self._trap(parts.netloc, TRAP_PATTERN, key[1], p.example, p.pages)
        return None

    def _trap(self, host: str, reason: str, pattern: str, example: str, pages: int) -> dict:
        entry = self.traps.get((host, reason, pattern))
        if entry is None:
            entry = {"pattern": pattern, "reason": reason, "pages": pages, "skipped": 0, "example": example}
            self.traps[(host, reason, pattern)] = entry
        return entry

    def report(self) -> list[dict]:
        """One entry per trap: ``{pattern, reason, pages, skipped, example}``, in the order they were found."""
        return [dict(t) for t in self.traps.values()]
