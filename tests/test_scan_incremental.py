"""Incremental rescans (``--incremental``) in static mode over loopback copies of the sample site: pages the
server says are unchanged carry the previous scan's judgement over; changed and new pages are judged again;
nothing is carried across a change of rules, axe-core version, mode or tags."""
from __future__ import annotations

import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select, update

from reports.scan_document import scan_document
from scanner.crawl import CrawlConfig, Crawler
from store import db as store_db
from store import scans as T
from tests.conftest import serve_directory
from wuzhangai.sample_server import SITE_ROOT, serve_sample_site
from wuzhangai.usecases import site_scan
from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan

CHANGED_PAGE = "/news/2024-06-volunteer.html"


@pytest.fixture
def site(tmp_path):
    """A copy of the sample site (so a page can be changed), its folder and the database."""
    root = tmp_path / "site"
    shutil.copytree(SITE_ROOT, root)
    engine = store_db.engine_for(tmp_path / "w.db")
    yield root, engine
    engine.dispose()
    store_db._engines.clear()


def scan(engine, url: str, incremental: bool = True) -> dict:
    options = ScanOptions(crawl=CrawlConfig(start_urls=[url], use_sitemaps=False), browser=False,
                          incremental=incremental)
    return scan_document(engine, run_site_scan(engine, options), "en")


def path_of(url: str) -> str:
    return urlsplit(url).path


def issues_of(doc: dict) -> dict:
    """Issues as compared between scans: fingerprint -> (rule, outcome, impact, pages, nodes)."""
    return {i["fingerprint"]: (i["rule_id"], i["outcome"], i["impact"], sorted(map(path_of, i["pages"])),
                               i["count"], i["nodes"]) for i in doc["issues"]}


def carried(doc: dict) -> set[str]:
    return {path_of(p["url"]) for p in doc["pages"] if p["carried_over"]}


def test_unchanged_site_is_carried_over_whole_with_identical_issues_and_score(site):
    root, engine = site
    server, origin = serve_directory(root)
    try:
        first = scan(engine, origin + "/", incremental=False)
        second = scan(engine, origin + "/")
    finally:
        server.shutdown()
    assert first["summary"]["pages_carried_over"] == 0 and not carried(first)
    assert second["summary"]["pages_scanned"] == first["summary"]["pages_scanned"] >= 12
    # every page carried, found through the links of the stored pages (sitemaps are off)
    assert second["summary"]["pages_carried_over"] == second["summary"]["pages_scanned"]
    assert carried(second) == {path_of(p["url"]) for p in first["pages"]}
    assert issues_of(second) == issues_of(first) and issues_of(first)
    assert second["site_score"] == first["site_score"] is not None
    by_path = {path_of(p["url"]): p for p in first["pages"]}
    for page in second["pages"]:
        before = by_path[path_of(page["url"])]
        assert (page["score"], page["counts"], page["rule_outcomes"]) == (
            before["score"], before["counts"], before["rule_outcomes"])
        assert [f["fingerprint"] for f in page["findings"]] == [f["fingerprint"] for f in before["findings"]]
    # the failed pages are not carried: they are asked for again and fail again
    assert {path_of(f["url"]) for f in second["failed_pages"]} == {path_of(f["url"]) for f in first["failed_pages"]}
    with engine.connect() as conn:
        rows = conn.execute(select(T.pages.c.scan_id, T.pages.c.carried_from, T.pages.c.body_sha256,
                                   T.pages.c.last_modified, T.pages.c.artifacts, T.pages.c.error)).mappings().all()
    judged = [r for r in rows if r["error"] is None]
    assert all(r["body_sha256"] and r["last_modified"] for r in judged)  # validators stored on every page
    assert all(r["artifacts"] for r in judged)  # a carried page keeps the evidence: it can be re-judged
    first_ids = {r["carried_from"] for r in judged if r["scan_id"] == 2}
    assert None not in first_ids and len(first_ids) == len([r for r in judged if r["scan_id"] == 1])


def test_a_changed_page_alone_is_judged_again_and_its_new_finding_appears(site):
    root, engine = site
    server, origin = serve_directory(root)
    try:
        first = scan(engine, origin + "/", incremental=False)
        page = root / CHANGED_PAGE.lstrip("/")
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("</main>", '<img src="/images/new-photo.png"></main>', 1), encoding="utf-8")
        later = page.stat().st_mtime + 120  # Last-Modified has whole seconds: make the change visible in it
        os.utime(page, (later, later))
        second = scan(engine, origin + "/")
    finally:
        server.shutdown()
    assert path_of(first["pages"][0]["url"])  # sanity
    assert {path_of(p["url"]) for p in second["pages"]} - carried(second) == {CHANGED_PAGE}
    assert carried(second) == {path_of(p["url"]) for p in first["pages"]} - {CHANGED_PAGE}
    new = set(issues_of(second)) - set(issues_of(first))
    assert new and all(issues_of(second)[fp][0] == "wza-img-alt" for fp in new)
    changed = next(p for p in second["pages"] if path_of(p["url"]) == CHANGED_PAGE)
    assert any(f["rule_id"] == "wza-img-alt" and "new-photo.png" in f["html"] for f in changed["findings"])


class _EtagHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder with a strong ETag (hash of the file) and no Last-Modified; 304 to a matching
    If-None-Match. Counts the answers it gave."""

    answers: list[int]

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            etag = '"%s"' % hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                self.answers.append(304)
                return None
            self._etag = etag
        return super().send_head()

    def end_headers(self):
        etag = getattr(self, "_etag", None)
        if etag:
            self.send_header("ETag", etag)
            self._etag = None
        super().end_headers()

    def send_header(self, keyword, value):
        if keyword.lower() != "last-modified":
            super().send_header(keyword, value)

    def log_message(self, *args):
        pass


def test_a_server_answering_304_to_the_etag_is_carried_over_by_304(site):
    root, engine = site
    answers: list[int] = []
    handler = type("H", (_EtagHandler,), {"answers": answers})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        first = scan(engine, origin + "/", incremental=False)
        assert answers == []
        second = scan(engine, origin + "/")
    finally:
        server.shutdown()
    assert second["summary"]["pages_carried_over"] == first["summary"]["pages_scanned"] == len(answers) >= 12
    assert set(answers) == {304}
    assert issues_of(second) == issues_of(first) and second["site_score"] == first["site_score"]
    with engine.connect() as conn:
        etags = conn.execute(select(T.pages.c.etag).where(T.pages.c.scan_id == 2, T.pages.c.error.is_(None))).scalars()
        assert all(e and e.startswith('"') for e in etags)


def test_the_check_goes_through_the_crawlers_client_and_politeness(site, monkeypatch):
    """The conditional GET is sent by the crawler's own httpx client (so its request hooks, such as the SSRF
    guard, see it) inside the host's politeness slot."""
    root, engine = site
    seen: list[tuple[str, bool]] = []
    prepare, polite = Crawler.prepare, Crawler._polite

    async def hooked_prepare(self):
        await prepare(self)

        async def hook(request):
            seen.append((request.url.path, "If-Modified-Since" in request.headers))
        self._client.event_hooks["request"].append(hook)

    slots: list[str] = []

    def counted_polite(self, url):
        slots.append(url)
        return polite(self, url)

    monkeypatch.setattr(Crawler, "prepare", hooked_prepare)
    server, origin = serve_directory(root)
    try:
        scan(engine, origin + "/", incremental=False)
        monkeypatch.setattr(Crawler, "_polite", counted_polite)
        second = scan(engine, origin + "/")
    finally:
        server.shutdown()
    conditional = [path for path, cond in seen if cond]
    assert len(conditional) == second["summary"]["pages_carried_over"] >= 12
    assert len(slots) >= len(conditional)


def test_a_redirected_page_is_not_carried_and_bodies_are_compared_without_validators():
    """The sample server sends no ETag or Last-Modified: pages are carried on the body's SHA-256. Its 301s
    are followed again, never carried."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, serve_sample_site() as sample:
        engine = store_db.engine_for(Path(tmp) / "w.db")
        try:
            first = scan(engine, sample.url, incremental=False)
            second = scan(engine, sample.url)
        finally:
            engine.dispose()
            store_db._engines.clear()
    assert second["summary"]["pages_carried_over"] == second["summary"]["pages_scanned"] >= 12
    assert issues_of(second) == issues_of(first) and second["site_score"] == first["site_score"]
    assert second["redirects"] and {r["from"] for r in second["redirects"]} == {r["from"] for r in first["redirects"]}


@pytest.mark.parametrize("column, value", [
    ("rules_fingerprint", "0" * 32), ("axe_version", "4.0.0"), ("mode", "browser"), ("tags", ["wcag2a"]),
])
def test_nothing_is_carried_from_a_scan_judged_otherwise(site, column, value):
    root, engine = site
    server, origin = serve_directory(root)
    try:
        first = scan(engine, origin + "/", incremental=False)
        with engine.begin() as conn:
            conn.execute(update(T.scans).where(T.scans.c.id == 1).values({column: value}))
        second = scan(engine, origin + "/")
    finally:
        server.shutdown()
    assert second["summary"]["pages_carried_over"] == 0
    assert second["summary"]["pages_scanned"] == first["summary"]["pages_scanned"]
    assert issues_of(second) == issues_of(first)


def test_a_rule_change_stops_carrying_until_rejudged(site, monkeypatch):
    root, engine = site
    server, origin = serve_directory(root)
    try:
        scan(engine, origin + "/", incremental=False)
        monkeypatch.setattr(site_scan, "rules_fingerprint", lambda: "f" * 32)  # our rules changed since
        assert scan(engine, origin + "/")["summary"]["pages_carried_over"] == 0
        # scan 2 was judged by the new rules: the next one carries from it
        assert scan(engine, origin + "/")["summary"]["pages_carried_over"] >= 12
        monkeypatch.setattr(site_scan, "rules_fingerprint", lambda: "e" * 32)
        site_scan.rejudge_scan(engine, 1)  # scan 1 judged again by "today's" rules: comparable again, 2 and 3 not
        options = ScanOptions(crawl=CrawlConfig(start_urls=[origin + "/"], use_sitemaps=False), browser=False,
                              incremental=True)
        fourth = site_scan.create_scan(engine, options, None)
        assert site_scan.previous_comparable_scan(engine, fourth) == 1
    finally:
        server.shutdown()


def test_incremental_cli_without_a_previous_scan_scans_everything(site, tmp_path):
    root, _engine = site
    server, origin = serve_directory(root)
    out = tmp_path / "scan.json"
    try:
        proc = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scan", origin + "/", "--no-browser",
                               "--incremental", "--out", str(out), "--db", str(tmp_path / "cli.db"), "-q"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert doc["summary"]["pages_carried_over"] == 0 and doc["summary"]["pages_scanned"] >= 12
        assert not [p for p in doc["pages"] if p["carried_over"]] and doc["scan"]["options"]["incremental"] is True
        assert "nothing carried over" in proc.stderr
        proc = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scan", origin + "/", "--no-browser",
                               "--incremental", "--format", "html", "--out", str(tmp_path / "s.html"), "--db",
                               str(tmp_path / "cli.db"), "-q"], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        n = doc["summary"]["pages_scanned"]
        assert f"{n} pages unchanged, results carried over" in proc.stderr
        assert f"{n} 页未变化，沿用上次结果" in (tmp_path / "s.html").read_text(encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scan", origin + "/", "--no-browser",
                               "--full", "--out", str(out), "--db", str(tmp_path / "cli.db"), "-q"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(out.read_text(encoding="utf-8"))["summary"]["pages_carried_over"] == 0
    finally:
        server.shutdown()
