"""The bundled sample site and its loopback server (no browser: tests/e2e/_sample_axe_check.py does axe).

The site is the scanner's fixture, so these tests pin the crawl facts barriers.json promises:
status codes, content types, robots.txt, the sitemap index, where each special link is, the attachments.
"""
from __future__ import annotations

import http.client
import io
import os
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from pypdf import PdfReader

from wuzhangai.sample_server import SITE_ROOT, load_ground_truth, resolve_site_file, serve_sample_site

TRUTH = load_ground_truth()
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def site():
    with serve_sample_site() as running:
        yield running


def fetch(site, path: str, method: str = "GET") -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request, redirects not followed (http.client never follows them)."""
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=5)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


def links_on(site, page: str) -> set[str]:
    """Absolute paths (with query and fragment) of every <a href> on a served page."""
    status, _, body = fetch(site, page)
    assert status == 200, page
    soup = BeautifulSoup(body, "lxml")
    out = set()
    for a in soup.find_all("a", href=True):
        url = urlsplit(urljoin(f"http://127.0.0.1{page}", a["href"]))
        out.add(url.path + (f"?{url.query}" if url.query else "") + (f"#{url.fragment}" if url.fragment else ""))
    return out


@pytest.fixture(scope="module")
def site_links(site) -> dict[str, set[str]]:
    """page -> the links on it, for every page (admin included)."""
    return {page: links_on(site, page) for page in TRUTH["pages"] + TRUTH["disallowed"]}


def sitemap_locs(site, path: str, tag: str) -> list[str]:
    status, headers, body = fetch(site, path)
    assert status == 200 and headers["Content-Type"].startswith("application/xml")
    root = ET.fromstring(body)
    return [loc.text for loc in root.findall(f"sm:{tag}/sm:loc", SITEMAP_NS)]


@pytest.mark.parametrize("page", TRUTH["pages"] + TRUTH["disallowed"])
def test_every_page_is_served_as_utf8_html_with_its_length(site, page):
    status, headers, body = fetch(site, page)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    assert "（示例）" in body.decode("utf-8")  # every page says it is a sample


@pytest.mark.parametrize(("path", "content_type"), [
    ("/static/site.css", "text/css; charset=utf-8"),
    ("/images/logo.svg", "image/svg+xml"),
    ("/files/disability-card-application.pdf", "application/pdf"),
    ("/files/assistive-devices-catalog.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("/robots.txt", "text/plain; charset=utf-8"),
    ("/sitemap.xml", "application/xml; charset=utf-8"),
])
def test_assets_have_their_content_types(site, path, content_type):
    status, headers, body = fetch(site, path)
    assert (status, headers["Content-Type"]) == (200, content_type)
    assert int(headers["Content-Length"]) == len(body) > 0


def test_root_and_directories_serve_their_index(site):
    assert fetch(site, "/")[2] == fetch(site, "/index.html")[2]
    assert fetch(site, "/news/")[2] == fetch(site, "/news/index.html")[2]
    status, headers, _ = fetch(site, "/news")  # as web servers do, so relative links keep working
    assert (status, headers["Location"]) == (301, "/news/")


def test_query_strings_are_ignored_when_serving_files(site):
    variant = TRUTH["url_variants"][0]
    assert "?utm_source=" in variant["url"]
    assert fetch(site, variant["url"])[2] == fetch(site, variant["same_as"])[2]


def test_head_sends_length_without_body(site):
    status, headers, body = fetch(site, "/index.html", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) == len(fetch(site, "/index.html")[2])


@pytest.mark.parametrize("broken", TRUTH["broken_links"], ids=lambda b: b["url"])
def test_broken_link_is_404_and_linked_where_stated(site, broken):
    status, headers, _ = fetch(site, broken["url"])
    assert status == broken["status"] == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert broken["url"] in links_on(site, broken["linked_from"])


@pytest.mark.parametrize("redirect", TRUTH["redirects"], ids=lambda r: r["from"])
def test_redirect_is_301_to_an_existing_page(site, redirect):
    status, headers, _ = fetch(site, redirect["from"])
    assert (status, headers["Location"]) == (redirect["status"], redirect["to"])
    assert fetch(site, redirect["to"])[0] == 200
    assert redirect["from"] in links_on(site, redirect["linked_from"])


@pytest.mark.parametrize("path", ["/barriers.json", "/BARRIERS.md", "/../pyproject.toml",
                                  "/%2e%2e/pyproject.toml", "/news/../../pyproject.toml", "/index.html/"])
def test_ground_truth_and_paths_outside_the_site_are_not_served(site, path):
    assert fetch(site, path)[0] == 404


def test_robots_txt_disallows_admin_and_names_the_sitemap(site):
    status, _, body = fetch(site, "/robots.txt")
    text = body.decode("utf-8")
    assert status == 200
    assert "Disallow: /admin/" in text.splitlines()
    assert f"Sitemap: {site.url}sitemap.xml" in text.splitlines()
    robots = RobotFileParser()
    robots.parse(text.splitlines())
    assert robots.site_maps() == [f"{site.url}sitemap.xml"]
    for page in TRUTH["disallowed"]:
        assert not robots.can_fetch("wuzhangai", site.url + page.lstrip("/"))
    for page in TRUTH["pages"]:
        assert robots.can_fetch("wuzhangai", site.url + page.lstrip("/"))


def test_sitemap_index_lists_two_children_that_list_every_page(site):
    children = sitemap_locs(site, "/sitemap.xml", "sitemap")
    assert len(children) == 2
    assert all(child.startswith(site.url) for child in children)
    pages = [loc for child in children for loc in sitemap_locs(site, urlsplit(child).path, "url")]
    assert all(loc.startswith(site.url) for loc in pages)
    paths = sorted(urlsplit(loc).path for loc in pages)
    assert paths == sorted(TRUTH["pages"])  # every page once, no admin, no redirect, no 404
    assert set(TRUTH["sitemap_only"]) <= set(paths)


def test_sitemap_only_page_is_linked_from_nowhere(site_links):
    # Same-page links ("#main" skip links) do not count: they never lead a crawler anywhere new.
    linked = {urlsplit(link).path for page, links in site_links.items() for link in links
              if urlsplit(link).path != page}
    for page in TRUTH["sitemap_only"]:
        assert page not in linked
    # ... while every other page is reachable by links alone (admin included: robots.txt must stop it).
    assert set(TRUTH["pages"]) - set(TRUTH["sitemap_only"]) | set(TRUTH["disallowed"]) <= linked


def test_special_links_are_where_the_ground_truth_says(site, site_links):
    links = site_links
    for variant in TRUTH["url_variants"]:
        assert variant["url"] in links[variant["linked_from"]]
        assert urldefrag(variant["url"]).url.split("?")[0] == variant["same_as"]
    for attachment in TRUTH["attachments"]:
        assert attachment["url"] in links[attachment["linked_from"]]
    assert TRUTH["disallowed"][0] in links["/index.html"]
    fragment = next(v["url"] for v in TRUTH["url_variants"] if "#" in v["url"])
    page, anchor = fragment.split("#")
    assert BeautifulSoup(fetch(site, page)[2], "lxml").find(id=anchor) is not None


def test_no_link_leaves_the_site(site, site_links):
    for page, links in site_links.items():
        assert all(link.startswith("/") for link in links), page
    for page in TRUTH["pages"]:
        soup = BeautifulSoup(fetch(site, page)[2], "lxml")
        sources = [el.get("src") or el.get("href") for el in soup.select("[src], link[href]")]
        assert all(s.startswith("/") for s in sources if s), page  # no CDN, no internet


def test_every_page_in_the_ground_truth_exists():
    named = {b["page"] for b in TRUTH["barriers"]} | set(TRUTH["clean_pages"]) | set(TRUTH["disallowed"])
    named |= {p for t in TRUTH["template_barriers"] for p in t["pages"]} | set(TRUTH["sitemap_only"])
    named |= {b["linked_from"] for b in TRUTH["broken_links"]} | {r["to"] for r in TRUTH["redirects"]}
    named |= {a["url"] for a in TRUTH["attachments"]}
    for path in sorted(named):
        assert resolve_site_file(path) is not None, path
    assert resolve_site_file(TRUTH["broken_links"][0]["url"]) is None


def test_ground_truth_is_consistent():
    ids = [b["id"] for b in TRUTH["barriers"] + TRUTH["template_barriers"]]
    assert len(ids) == len(set(ids))
    assert 12 <= len(TRUTH["barriers"]) <= 40  # 12-16 axe-visible ones, then one or more per own check (issue 14)
    barrier_pages = {b["page"] for b in TRUTH["barriers"]}
    template_pages = {p for t in TRUTH["template_barriers"] for p in t["pages"]}
    assert len(TRUTH["clean_pages"]) >= 3
    assert not set(TRUTH["clean_pages"]) & (barrier_pages | template_pages)
    assert barrier_pages | template_pages | set(TRUTH["clean_pages"]) == set(TRUTH["pages"])
    assert all(len(t["pages"]) > 1 for t in TRUTH["template_barriers"])
    # A template rule no page barrier uses, so "one issue across pages" is not muddled with a page barrier.
    assert not {t["rule_id"] for t in TRUTH["template_barriers"]} & {b["rule_id"] for b in TRUTH["barriers"]}


@pytest.mark.parametrize("barrier", TRUTH["barriers"], ids=lambda b: b["id"])
def test_barrier_selector_hints_match_their_page(barrier):
    soup = BeautifulSoup(resolve_site_file(barrier["page"]).read_bytes(), "lxml")
    assert soup.select(barrier["selector_hint"]), barrier


def test_template_barrier_is_on_its_pages_and_not_on_clean_ones():
    for template in TRUTH["template_barriers"]:
        for page in TRUTH["pages"]:
            soup = BeautifulSoup(resolve_site_file(page).read_bytes(), "lxml")
            assert bool(soup.select(template["selector_hint"])) == (page in template["pages"]), page


def test_pages_have_realistic_sizes():
    sizes = {page: len(BeautifulSoup(resolve_site_file(page).read_bytes(), "lxml").find_all(True))
             for page in TRUTH["pages"]}
    assert min(sizes.values()) >= 60
    assert 600 <= max(sizes.values()) <= 1200


def test_pdf_attachment_is_a_valid_pdf(site):
    url = next(a["url"] for a in TRUTH["attachments"] if a["type"] == "pdf")
    _, _, body = fetch(site, url)
    assert body.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) == 1
    assert "残疾人证申请表" in reader.pages[0].extract_text()
    assert len(body) < 300_000


def test_pdf_barriers_are_what_the_ground_truth_says(site):
    from checks.documents import check_pdf

    pdfs = [a for a in TRUTH["attachments"] if a["type"] == "pdf"]
    assert {a["barrier"] for a in pdfs} == {"B50", "B51"}
    for a in pdfs:
        _, _, body = fetch(site, a["url"])
        assert {r["id"]: r["outcome"] for r in check_pdf(body)["results"]} == a["checks"], a["url"]
        assert len(body) < 300_000


def test_xlsx_attachment_opens(site):
    url = next(a["url"] for a in TRUTH["attachments"] if a["type"] == "xlsx")
    _, _, body = fetch(site, url)
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "名称" and len(rows) > 1


def test_server_is_quiet_and_closes(capfd):
    with serve_sample_site() as quiet:
        fetch(quiet, "/index.html")
        fetch(quiet, "/news/missing.html")
        port = quiet.port
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")
    with pytest.raises(ConnectionRefusedError):
        http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/")


def test_site_root_is_package_data():
    assert SITE_ROOT.name == "sample_site" and (SITE_ROOT / "index.html").is_file()


def test_cli_serves_until_interrupted():
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "wuzhangai.cli", "sample-site", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=Path(__file__).resolve().parents[1])
    try:
        zh_line = proc.stdout.readline()
        en_line = proc.stdout.readline()
        assert zh_line.startswith("示例网站已启动：http://127.0.0.1:")
        url = en_line.split()[-4]
        assert en_line.startswith("Sample site serving at ") and url.endswith("/")
        conn = http.client.HTTPConnection("127.0.0.1", urlsplit(url).port, timeout=5)
        conn.request("GET", "/guide/index.html")
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "已停止 / stopped" in out
