"""Sitemaps: ``urlset`` and ``sitemapindex`` (also gzipped), parsed without trusting their size or shape."""
from __future__ import annotations

import gzip
from dataclasses import dataclass, field

from lxml import etree

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file


@dataclass
class Sitemap:
    kind: str  # "urlset", "sitemapindex" or "invalid"
    urls: list[str] = field(default_factory=list)  # page URLs (urlset) or child sitemap URLs (index)
    error: str | None = None


def parse_sitemap(body: bytes) -> Sitemap:
    """Read one sitemap file. Namespace-agnostic, because many CMSs get the namespace wrong."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)[: MAX_SITEMAP_BYTES + 1]
        except OSError as exc:
            return Sitemap("invalid", error=f"gzip: {exc}")
    if len(body) > MAX_SITEMAP_BYTES:
        return Sitemap("invalid", error="sitemap larger than 50 MB")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        return Sitemap("invalid", error=str(exc))
    if root is None:
        return Sitemap("invalid", error="empty document")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        return Sitemap("invalid", error=f"root element <{kind}> is not urlset or sitemapindex")
    child = "url" if kind == "urlset" else "sitemap"
    urls = []
    for entry in root:
        if not isinstance(entry.tag, str) or etree.QName(entry).localname != child:
            continue
        for loc in entry:
            if isinstance(loc.tag, str) and etree.QName(loc).localname == "loc" and loc.text and loc.text.strip():
                urls.append(loc.text.strip())
    return Sitemap(kind, urls)
