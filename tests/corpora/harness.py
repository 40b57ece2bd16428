"""Serve a corpus folder on loopback and scan a list of its pages with the real scanner in one scan.

``tests.conftest.serve_directory`` serves plain folders; the corpora need a server that says UTF-8 the way w3.org
does (see ``_Utf8Handler``), and that stays quiet when Chromium drops a media request mid-transfer.
"""
from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from scanner.crawl import CrawlConfig
from tests.conftest import SHARED
from reports.scan_document import scan_document
from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan
from store.db import engine_for

CORPORA = SHARED / "corpora"


class _Utf8Handler(SimpleHTTPRequestHandler):
    # w3.org serves these corpora as UTF-8. Many of their pages declare no charset, and without one in the header
    # Chromium falls back to windows-1252: "±" then reads as "Â±", a letter, and turns an ACT case that has only
    # symbols (no text to judge) into a contrast failure.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".html": "text/html; charset=utf-8",
                      ".htm": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
                      ".svg": "image/svg+xml; charset=utf-8", ".css": "text/css; charset=utf-8"}

    def log_message(self, *args: Any) -> None:  # hundreds of requests: keep the test output readable
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Chromium drops media and frame requests when it moves on to the next page: not a server fault.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """``with serve_directory(root) as origin:`` a threaded static server on 127.0.0.1 (free port)."""
    handler = functools.partial(_Utf8Handler, directory=str(root))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def scan_pages(db: Path, urls: list[str], standard: str, concurrency: int = 2) -> dict[str, Any]:
    """Scan exactly ``urls`` (no links, no sitemaps, no robots) in one scan; the scan document."""
    options = ScanOptions(
        crawl=CrawlConfig(start_urls=urls, max_pages=len(urls), follow_links=False, use_sitemaps=False,
                          respect_robots=False, concurrency=concurrency, retries=0),
        standard=standard,
        page_timeout=15.0,
        checks_every_page=True,  # corpus pages share templates; each is a separate case to judge
    )
    engine = engine_for(str(db))
    try:
        scan_id = run_site_scan(engine, options)
        return scan_document(engine, scan_id, lang="en")
    finally:
        engine.dispose()
