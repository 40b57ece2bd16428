"""Crawling rules with literal inputs: normalisation, scope, include/exclude, attachments, robots, sitemaps."""
import gzip

import pytest

from scanner.robots import RobotsPolicy
from scanner.sitemap import parse_sitemap
from scanner.urls import (UrlFilter, attachment_type, in_scope, is_skipped_resource, normalize_link, normalize_url,
                          site_host, url_key)


@pytest.mark.parametrize("raw, expected", [
    ("HTTP://WWW.Example.GOV.cn:80/a/./b/../c.html#top", "http://www.example.gov.cn/a/c.html"),
    ("https://x.gov.cn:443/", "https://x.gov.cn/"),
    ("https://x.gov.cn:8443/", "https://x.gov.cn:8443/"),
    ("http://x.cn/p?utm_source=wx&b=2&a=1&spm=abc", "http://x.cn/p?a=1&b=2"),
    ("http://x.cn", "http://x.cn/"),
    ("http://x.cn/新闻/a b.html", "http://x.cn/%E6%96%B0%E9%97%BB/a%20b.html"),
    ("http://x.cn/%E6%96%B0%E9%97%BB/a%20b.html", "http://x.cn/%E6%96%B0%E9%97%BB/a%20b.html"),
    ("mailto:office@x.gov.cn", None),
    ("javascript:void(0)", None),
    ("tel:12345", None),
    ("", None),
])
def test_normalize_url(raw, expected):
    assert normalize_url(raw) == expected


def test_relative_links_resolve_against_the_page():
    assert normalize_url("../guide/", "http://x.cn/news/a.html") == "http://x.cn/guide/"
    assert normalize_url("#main", "http://x.cn/news/a.html") == "http://x.cn/news/a.html"
    assert normalize_url("?page=2", "http://x.cn/news/") == "http://x.cn/news/?page=2"


@pytest.mark.parametrize("href", ["http://x.cn/a/../b?utm_source=x", " HTTPS://X.cn:443/c#f", "../guide/", "?page=2",
                                  "#main", "http:g", "//cdn.x.cn/d", "javascript:void(0)", ""])
def test_links_normalise_as_if_resolved_against_their_page(href):
    for page in ("http://x.cn/news/a.html", "http://x.cn/other/"):
        assert normalize_link(href, page) == normalize_url(href, page)


def test_an_absolute_link_is_normalised_once_for_every_page_that_carries_it():
    normalize_url.cache_clear()
    for k in range(20):
        normalize_link("http://x.cn/footer/contact.html", f"http://x.cn/news/{k}.html")
    assert normalize_url.cache_info().misses == 1


def test_url_key_merges_variants_of_one_page():
    variants = ["http://x.cn/news", "http://x.cn/news/", "https://www.x.cn/news/#list",
                "http://x.cn:80/news/?utm_medium=share", "http://x.cn/news/index.html", "http://x.cn/news/index.shtml"]
    assert len({url_key(normalize_url(v)) for v in variants}) == 1
    assert url_key("http://x.cn/news?page=2") != url_key("http://x.cn/news?page=3")
    assert url_key("http://x.cn/index.html") == url_key("http://x.cn/")
    assert url_key("http://x.cn/news/myindex.html") != url_key("http://x.cn/news/")


def test_url_key_folds_session_ids_but_the_address_keeps_them():
    """Four visitors' session ids on one page are one page (issue 15: they were scanned as four); the address a
    crawler visits keeps the id, which a server without cookies may need."""
    variants = ["http://x.cn/news/a.jsp;jsessionid=0A1B2C3D", "http://x.cn/news/a.jsp;JSESSIONID=FFEE.node1",
                "http://x.cn/news/a.jsp?PHPSESSID=9f8e7d", "http://x.cn/news/a.jsp?sid=42&",
                "http://x.cn/(S(lit3py55t21z5v55vlm25s55))/news/a.jsp", "http://x.cn/news/a.jsp"]
    assert len({url_key(v) for v in variants}) == 1
    assert url_key("http://x.cn/news/a.jsp?id=7;jsessionid=1") != url_key("http://x.cn/news/a.jsp")
    assert url_key("http://x.cn/list.jsp?page=2&sid=abc") == url_key("http://x.cn/list.jsp?page=2")
    assert url_key("http://x.cn/list.jsp?page=2&sid=abc") != url_key("http://x.cn/list.jsp?page=3&sid=abc")
    assert normalize_url("http://x.cn/news/a.jsp;jsessionid=0A1B2C3D") == "http://x.cn/news/a.jsp;jsessionid=0A1B2C3D"
    assert url_key("http://x.cn/news/side.html") != url_key("http://x.cn/news/a.jsp")


def test_scope_ignores_www_and_excludes_other_sites():
    hosts = {site_host("http://www.jianghan.gov.cn/")}
    assert in_scope("https://jianghan.gov.cn/a", hosts)
    assert not in_scope("http://www.wuhan.gov.cn/", hosts)
    assert not in_scope("http://evil.jianghan.gov.cn.example.com/", hosts)


def test_include_exclude_patterns():
    f = UrlFilter(include=["/news/"], exclude=["*print=1*", r"\.aspx$"])
    assert f.allows("http://x.cn/news/a.html")
    assert not f.allows("http://x.cn/guide/a.html")
    assert not f.allows("http://x.cn/news/a.html?print=1")
    assert not f.allows("http://x.cn/news/list.aspx")
    with pytest.raises(ValueError):
        UrlFilter(include=["(unclosed"])


def test_attachments_by_extension_and_content_type():
    assert attachment_type("http://x.cn/files/通知.PDF") == "pdf"
    assert attachment_type("http://x.cn/files/a.docx?x=1") == "docx"
    assert attachment_type("http://x.cn/files/a.ofd") == "ofd"
    assert attachment_type("http://x.cn/download?id=3", "application/vnd.ms-excel; charset=x") == "xls"
    assert attachment_type("http://x.cn/a.html") is None
    assert is_skipped_resource("http://x.cn/logo.png") and not is_skipped_resource("http://x.cn/a.html")


ROBOTS = """User-agent: *
Disallow: /admin/
Crawl-delay: 2
Sitemap: http://x.cn/sitemap_index.xml
"""


def test_robots_rules_delay_and_sitemaps():
    p = RobotsPolicy.from_response("http://x.cn", 200, ROBOTS)
    assert not p.allows("http://x.cn/admin/index.html")
    assert p.allows("http://x.cn/news/")
    assert p.crawl_delay == 2.0
    assert p.sitemaps == ["http://x.cn/sitemap_index.xml"]


def test_robots_missing_allows_all_and_server_error_disallows():
    assert RobotsPolicy.from_response("http://x.cn", 404, "").allows("http://x.cn/admin/")
    assert RobotsPolicy.from_response("http://x.cn", None, "").allows("http://x.cn/admin/")
    assert not RobotsPolicy.from_response("http://x.cn", 503, "").allows("http://x.cn/")


INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://x.cn/sitemap-news.xml</loc></sitemap>
  <sitemap><loc> http://x.cn/sitemap-pages.xml.gz </loc></sitemap>
</sitemapindex>"""
URLSET = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://x.cn/a.html</loc><lastmod>2024-01-01</lastmod></url><url><loc>http://x.cn/b.html</loc></url></urlset>"""


def test_sitemap_index_and_urlset():
    idx = parse_sitemap(INDEX)
    assert idx.kind == "sitemapindex"
    assert idx.urls == ["http://x.cn/sitemap-news.xml", "http://x.cn/sitemap-pages.xml.gz"]
    pages = parse_sitemap(gzip.compress(URLSET))
    assert pages.kind == "urlset" and pages.urls == ["http://x.cn/a.html", "http://x.cn/b.html"]


def test_sitemap_rejects_non_sitemaps_and_entities():
    assert parse_sitemap(b"<html><body>404</body></html>").kind == "invalid"
    evil = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>&x;</loc></url></urlset>"""
    assert "root:" not in "".join(parse_sitemap(evil).urls)


def test_a_hash_route_is_a_page_and_an_anchor_is_not():
    from scanner.urls import is_hash_route

    base = "http://x.gov.cn/app.html"
    assert normalize_url("#/news/1", base) == "http://x.gov.cn/app.html#/news/1"
    assert normalize_url("#!/news/1", base) == "http://x.gov.cn/app.html#!/news/1"
    assert normalize_url("#top", base) == normalize_url("#/", base) == normalize_url(base)  # a place; the app's home
    assert url_key(base + "#/news/1") != url_key(base + "#/news/2") != url_key(base)
    assert is_hash_route(base + "#/news/1") and not is_hash_route(base + "#top") and not is_hash_route(base)
