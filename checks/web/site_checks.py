"""Site-level checks: rules judged over every page of a scan at once, from each page's stored ``dom`` snapshot.

A page-level rule cannot see that two pages share a title, that the header menu lists its links in another
order on one page, or that one destination is called "联系我们" here and "联系方式" there. These rules can: the
judge (:func:`judge_site`) is given every judged page's artifacts when a scan is finished, and again by
``scans rejudge``, so scans stored before the rules existed are judged by them too.

Records live in ``site_rules/*.json`` (the format of ``rules/*.json``; ``check`` names a function of
:data:`SITE_CHECKS`). A site check returns :class:`SiteResult` values: an outcome, the pages involved, the
element (selector and HTML, or a short text standing for it) and a message id with its data. A rule with no
result is inapplicable (fewer than two comparable pages).
"""
from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any
from urllib.parse import urljoin, urlsplit

from checks.web._data import load_json
from checks.web.bypass import FocusPath, focus_path, run_text, stop_selector, unskippable_runs
from checks.web.own_rules import _NON_DESCRIPTIVE_KEYS, ALWAYS_SELECTED_TAGS, OwnRule, _link_key

_WS = re.compile(r"\s+")
REPEATED_ON = 3  # pages a tab stop must be on to be repeated content (bypass_blocks)


@dataclass
class NavBlock:
    """A block of links repeated across pages: a ``nav``/``role=navigation`` element or a list of links."""

    selector: str
    targets: list[str]  # url keys of its links, in document order, each once
    names: dict[str, str]  # target -> link text


@dataclass
class LinkUse:
    target: str
    name: str
    href: str


@dataclass
class SitePage:
    """What the site checks read of one page."""

    url: str
    key: str  # scanner.urls.url_key of where the page ended
    title: str | None
    h1: str = ""
    text: str | None = None  # the body text, whitespace collapsed (or its digest); None when not known (old facts)
    nav_blocks: list[NavBlock] = field(default_factory=list)
    links: list[LinkUse] = field(default_factory=list)
    lang: str = ""  # <html lang>, lower-cased: names are compared among pages of one language only
    focus: FocusPath | None = None  # tab stops and landings (checks.web.bypass); None when not known (old facts)


@dataclass(frozen=True)
class SiteResult:
    outcome: str  # failed | cantTell | passed
    pages: tuple[str, ...] = ()
    selector: str = ""
    html: str = ""
    message: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)


# --- reading a page ------------------------------------------------------------------------------------------

def _collapse(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _text_digest(text: str) -> str:
    """A stand-in for a page's body text that compares equal exactly when the texts do (but for a collision)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _simple_selector(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else "*"
    if el.get("id"):
        return f"{tag}#{el.get('id')}"
    classes = (el.get("class") or "").split()
    if classes:
        return tag + "".join(f".{c}" for c in classes[:2])
    parent = el.getparent()
    if parent is not None and isinstance(parent.tag, str):
        return f"{_simple_selector(parent)} > {tag}"
    return tag


def site_page(url: str, dom: Any) -> SitePage | None:
    """The page as the site checks read it, from its ``dom`` artifact: the HTML snapshot
    (``{"html", "url"}``), or page facts (a :class:`~checks.web.facts.PageFacts` or its dict, stored by scans
    made before the snapshot: title, h1 and links only, no navigation blocks)."""
    from scanner.urls import url_key

    if isinstance(dom, Mapping) and isinstance(dom.get("html"), str):
        return _from_html(dom.get("url") or url, dom["html"])
    if dom is None:
        return None
    from checks.web.facts import PageFacts

    facts = dom if isinstance(dom, PageFacts) else PageFacts.from_dict(dict(dom))
    page_url = facts.url or url
    h1 = next((h.text for h in facts.headings if h.level == 1), "")
    # stored facts say nothing of where a link sits: navigation and link naming are not judged on them
    return SitePage(page_url, url_key(page_url), facts.title, _collapse(h1), None, [], [])


_NAV_NAME = re.compile(r"nav|menu|daohang|lanmu|breadcrumb|crumb", re.I)
_NAV_ROLES = ("navigation", "banner", "contentinfo")


def _is_nav_region(el) -> bool:
    """A page region of site-wide navigation: nav, header, footer, a navigation/banner/contentinfo landmark,
    or an element whose id or class says nav or menu. Links in the content (news lists, "相关阅读") are left out:
    they change from page to page by design."""
    if el.tag in ("nav", "header", "footer") or (el.get("role") or "").strip() in _NAV_ROLES:
        return True
    return bool(_NAV_NAME.search(f"{el.get('id') or ''} {el.get('class') or ''}"))


def _from_html(page_url: str, html: str) -> SitePage | None:
    import lxml.html
    from lxml import etree

    from scanner.urls import normalize_link, url_key

    if not html.strip():
        return None
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    title_el = root.find(".//title")
    title = None if title_el is None else _collapse(title_el.text_content())
    h1_el = root.find(".//h1")
    h1 = _collapse(h1_el.text_content()) if h1_el is not None else ""
    body = root.find("body")
    # only ever compared for equality (titles_unique): a digest stands for the text, so that the pages of a
    # 20,000-page scan, all held at once by the checks, do not hold every page's text too
    text = _text_digest(_collapse((body if body is not None else root).text_content()))

    targets_of: dict[str, str | None] = {}

    def target_of(a) -> str | None:
        return key_of((a.get("href") or "").strip())

    def key_of(href: str) -> str | None:
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            return None
        if href not in targets_of:
            # resolved here, the link is absolute, as the crawler met it in the browser (``a.href``): the
            # normalisation cache then serves every page's template links from the crawl's entries, where keyed
            # by (relative href, page) each missed once per page (12,000 misses at the end of a 65-page scan)
            link = normalize_link(urljoin(page_url, href.strip()), page_url) if href.strip() else None
            # interned: every page of a site repeats its navigation's targets, one string each is enough
            targets_of[href] = sys.intern(url_key(link)) if link else None
        return targets_of[href]

    def name_of(a) -> str:
        name = a.get("aria-label") or a.text_content()
        if not _collapse(name):
            name = " ".join(img.get("alt") or "" for img in a.iter("img")) or a.get("title") or ""
        return sys.intern(_collapse(name))  # the template's link texts repeat on every page: one copy each

    links = []
    for a in root.iter("a"):
        target = target_of(a)
        if target and any(_is_nav_region(el) for el in a.iterancestors()):
            links.append(LinkUse(target, name_of(a), sys.intern(a.get("href") or "")))

    blocks: list[NavBlock] = []
    seen: set[int] = set()
    candidates = [el for el in root.iter("nav", "ul", "ol", "div")
                  if el.tag == "nav" or (el.get("role") or "").strip() == "navigation"
                  or (el.tag in ("ul", "ol") and any(_is_nav_region(x) for x in (el, *el.iterancestors())))]
    for el in candidates:
        # a list inside a nav already taken is part of that nav
        if any(id(anc) in seen for anc in el.iterancestors()):
            continue
        targets: list[str] = []
        names: dict[str, str] = {}
        for a in el.iter("a"):
            target = target_of(a)
            if target and target not in names:
                targets.append(target)
                names[target] = name_of(a)
        if len(targets) >= 3:
            seen.add(id(el))
            blocks.append(NavBlock(_simple_selector(el), targets, names))
    focus = focus_path(root, key_of, lambda el: _collapse(el.text_content()))
    return SitePage(page_url, url_key(page_url), title, h1, text, blocks, links, (root.get("lang") or "").lower(),
                    focus)


# --- the checks --------------------------------------------------------------------------------------------

def titles_unique(pages: list[SitePage]) -> list[SiteResult]:
    """2.4.2: one title on pages with different content fails; on pages whose content is the same (or not
    known) a person decides."""
    by_title: dict[str, list[SitePage]] = {}
    for p in pages:
        if p.title:  # no or empty <title> is the page rule's failure (wza-document-title, axe document-title)
            by_title.setdefault(p.title, []).append(p)
    if sum(len(v) for v in by_title.values()) < 2:
        return []
    results = []
    for title, group in by_title.items():
        distinct = list({p.key: p for p in group}.values())
        if len(distinct) < 2:
            results.append(SiteResult("passed", (distinct[0].url,), "title", f"<title>{title}</title>"))
            continue
        urls = tuple(p.url for p in distinct)
        h1s = {p.h1 for p in distinct}
        texts = {p.text for p in distinct}
        # one document under other query parameters (a list filtered, a page of results) may rightly keep its
        # title: a person decides
        one_path = len({urlsplit(p.url)._replace(query="", fragment="").geturl() for p in distinct}) == 1
        if not one_path and (None not in texts and len(texts) > 1 or "" not in h1s and len(h1s) > 1):
            results.append(SiteResult("failed", urls, "title", f"<title>{title}</title>", "shared",
                                      {"title": title, "count": len(distinct)}))
        else:
            results.append(SiteResult("cantTell", urls, "title", f"<title>{title}</title>", "same_content",
                                      {"title": title, "count": len(distinct)}))
    return results


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def navigation_order(pages: list[SitePage]) -> list[SiteResult]:
    """3.2.3: a block of links repeated on several pages (by its link targets) must keep the relative order of
    the links the pages have in common."""
    clusters: list[list[tuple[SitePage, NavBlock]]] = []
    # the page keys in each cluster, beside it: asking the cluster itself was a scan of every page in it for
    # every block of every page, quadratic in the site (minutes at 20,000 pages)
    cluster_keys: list[set[str]] = []
    cluster_refs: list[set[str]] = []
    # a block joins a cluster only if they share 3 targets: only clusters sharing one are candidates (per-page
    # blocks such as 上一篇/下一篇/返回列表 make a cluster each, and trying every cluster was quadratic again)
    by_target: dict[str, list[int]] = {}
    for p in pages:
        for block in p.nav_blocks:
            tset = set(block.targets)
            candidates = sorted({i for t in tset for i in by_target.get(t, ())})  # first match wins, as before
            for i in candidates:
                if p.key in cluster_keys[i]:
                    continue
                ref = cluster_refs[i]
                if _jaccard(tset, ref) >= 0.5 and len(tset & ref) >= 3:
                    clusters[i].append((p, block))
                    cluster_keys[i].add(p.key)
                    break
            else:
                for t in tset:
                    by_target.setdefault(t, []).append(len(clusters))
                clusters.append([(p, block)])
                cluster_keys.append({p.key})
                cluster_refs.append(tset)
    results = []
    for cluster in clusters:
        if len({p.key for p, _ in cluster}) < 2:
            continue
        # the reference: the order most pages show
        orders = Counter(tuple(b.targets) for _, b in cluster)
        reference = list(orders.most_common(1)[0][0])
        ref_page, ref_block = next((p, b) for p, b in cluster if b.targets == reference)
        deviating: dict[tuple[str, ...], list[tuple[SitePage, NavBlock]]] = {}
        for p, b in cluster:
            common = set(b.targets) & set(reference)
            mine = [t for t in b.targets if t in common]
            theirs = [t for t in reference if t in common]
            if mine != theirs:
                deviating.setdefault(tuple(mine), []).append((p, b))
        if not deviating:
            results.append(SiteResult("passed", tuple(p.url for p, _ in cluster), ref_block.selector,
                                      _order_text(ref_block.targets, ref_block.names)))
            continue
        for mine, group in deviating.items():
            first = group[0][1]
            theirs = [t for t in reference if t in set(mine)]
            results.append(SiteResult(
                "failed", tuple(p.url for p, _ in group), first.selector, _order_text(list(mine), first.names),
                "order", {"order": _order_text(list(mine), first.names),
                          "reference": _order_text(theirs, ref_block.names), "reference_page": ref_page.url}))
    return results


def _order_text(targets: list[str], names: Mapping[str, str]) -> str:
    return " | ".join(names.get(t) or t for t in targets)


_NAME_NOISE = re.compile(r"[\W_]+", re.UNICODE)


def _share_something(a: str, b: str) -> bool:
    ca, cb = set(_NAME_NOISE.sub("", a.lower())), set(_NAME_NOISE.sub("", b.lower()))
    return bool(ca & cb)


def consistent_identification(pages: list[SitePage]) -> list[SiteResult]:
    """3.2.4: a destination linked from several pages is named the same way on them. Two pages conflict when
    each names it with a text the other does not use for it (a page with more names for it than another is
    not a conflict: a logo and a "首页" link both lead home). Vague names ("更多") are wza-link-text-descriptive's
    and are left out."""
    uses: dict[tuple[str, str], dict[str, set[str]]] = {}  # (target, page language) -> page key -> names
    urls: dict[str, str] = {}
    hrefs: dict[str, str] = {}
    for p in pages:
        urls.setdefault(p.key, p.url)
        for link in p.links:
            if not link.name or _link_key(link.name) in _NON_DESCRIPTIVE_KEYS or link.target == p.key:
                continue
            uses.setdefault((link.target, p.lang), {}).setdefault(p.key, set()).add(link.name)
            hrefs.setdefault(link.target, link.href)
    results = []
    for (target, _lang), by_page in uses.items():
        if len(by_page) < 2:
            continue
        conflict: list[tuple[str, str]] = []
        involved: set[str] = set()
        keys = sorted(by_page)
        # pages compared by the distinct sets of names they use (a few), not pairwise (a menu on 1,000 pages)
        by_names: dict[frozenset[str], list[str]] = {}
        for k in keys:
            by_names.setdefault(frozenset(by_page[k]), []).append(k)
        name_sets = list(by_names)
        for i, a in enumerate(name_sets):
            for b in name_sets[i + 1:]:
                only_a, only_b = a - b, b - a
                if only_a and only_b:
                    involved |= {*by_names[a], *by_names[b]}
                    conflict += [(x, y) for x in sorted(only_a) for y in sorted(only_b)]
        pages_involved = tuple(urls[k] for k in keys if k in involved) or tuple(urls[k] for k in keys)
        html = f'<a href="{hrefs[target]}">'
        if not conflict:
            results.append(SiteResult("passed", pages_involved, f'a[href="{hrefs[target]}"]', html))
            continue
        names = sorted({n for k in involved for n in by_page[k]})
        outcome = "cantTell" if all(_share_something(x, y) for x, y in conflict) else "failed"
        results.append(SiteResult(outcome, pages_involved, f'a[href="{hrefs[target]}"]',
                                  html + " / ".join(names) + "</a>", "names",
                                  {"target": target, "names": "、".join(f"“{n}”" for n in names)}))
    return results


def bypass_blocks(pages: list[SitePage]) -> list[SiteResult]:
    """2.4.1: a run of tab stops repeated on other pages of the scan (same target, same name), followed by the
    page's own content, needs a way past it: a skip link whose target lies after most of the run, a ``main``
    landmark or a heading there (G1, ARIA11, H69). Repeated: on ``REPEATED_ON`` pages or more. Failed when
    ``REPEATED_RUN`` or more repeated stops remain between the best landing and the content; one result per run,
    with its pages."""
    read = {p.key: p for p in pages if p.focus is not None}
    if len(read) < 2:
        return []
    on_pages = Counter(s for p in read.values() for s in {*p.focus.stops, *(v & 0xFFFFFFFF for v in p.focus.texts)})
    # repeated: on 3 pages or more (on 2 of 2): two pages that link each other (a page and its printable or
    # English version) do not make their links a site's repeated block
    enough = min(REPEATED_ON, len(read))
    failed: dict[tuple[str, ...], list[SitePage]] = {}
    passed: list[str] = []
    for p in read.values():
        runs, any_run = unskippable_runs(p.focus, lambda s: on_pages[s] >= enough)
        for run in runs:
            failed.setdefault(run.stops, []).append(p)
        if any_run and not runs:
            passed.append(p.url)
    results = [SiteResult("passed", tuple(passed), "body", "")] if passed else []
    for stops, group in failed.items():
        results.append(SiteResult("failed", tuple(p.url for p in group), stop_selector(stops[0]), stops[0], "no_bypass",
                                  {"count": len(stops), "stops": run_text(stops)}))
    return results


SITE_CHECKS: dict[str, Callable[[list[SitePage]], list[SiteResult]]] = {
    "bypass_blocks": bypass_blocks,
    "titles_unique": titles_unique,
    "navigation_order": navigation_order,
    "consistent_identification": consistent_identification,
}

_TUPLES = ("requires", "tags", "wcag", "standards", "outcomes", "any", "all", "none")


@lru_cache(maxsize=None)
def site_rules() -> tuple[OwnRule, ...]:
    """Every rule in ``checks/web/site_rules/*.json``, sorted by id."""
    names = sorted(p.name for p in files("checks.web").joinpath("site_rules").iterdir() if p.name.endswith(".json"))
    rules = []
    for name in names:
        record = dict(load_json(f"site_rules/{name}"))
        for key in _TUPLES:
            record[key] = tuple(record.get(key, ()))
        rule = OwnRule(**record)
        if rule.check not in SITE_CHECKS:
            raise ValueError(f"site_rules/{name}: unknown site check {rule.check!r}")
        rules.append(rule)
    return tuple(rules)


def is_site_rule(rule_id: str) -> bool:
    return any(r.id == rule_id for r in site_rules())


def select_site_rules(tags: Iterable[str] | None) -> list[OwnRule]:
    wanted = None if tags is None else set(tags) | ALWAYS_SELECTED_TAGS
    return [r for r in site_rules() if wanted is None or wanted & set(r.tags)]


def judge_site(pages: Iterable[tuple[str, Any]], tags: Iterable[str] | None = None) -> dict[str, Any]:
    """The site rules over ``(page url, dom artifact)`` pairs: ``{"outcomes": {rule id: outcome},
    "findings": [...]}`` where each finding (failed or cantTell only) holds rule_id, outcome, impact, wcag,
    help, pages, selector, html, fingerprint and ``checks`` (message id and data), ready to be stored with the
    scan and shown as a site issue. A rule's outcome is its worst result's (inapplicable when it had none)."""
    from checks.web.grouping import element_fingerprint

    read = [sp for sp in (site_page(url, dom) for url, dom in pages) if sp is not None]
    outcomes: dict[str, str] = {}
    findings: list[dict[str, Any]] = []
    rank = {"failed": 0, "cantTell": 1, "passed": 2}
    for rule in select_site_rules(tags):
        results = SITE_CHECKS[rule.check](read)
        outcomes[rule.id] = min((r.outcome for r in results), key=rank.get, default="inapplicable")
        for r in results:
            if r.outcome not in ("failed", "cantTell"):
                continue
            findings.append({
                "rule_id": rule.id, "outcome": r.outcome, "impact": rule.impact, "wcag": list(rule.wcag),
                "help": rule.help["en"], "pages": list(r.pages), "selector": r.selector, "html": r.html,
                "fingerprint": element_fingerprint(rule.id, r.selector, r.html),
                "checks": [{"id": r.message, "data": dict(r.data)}] if r.message else []})
    return {"outcomes": outcomes, "findings": findings}
