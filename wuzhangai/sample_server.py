"""Serve the bundled sample site (``wuzhangai/sample_site``) on loopback.

The sample site is the scanner's test fixture and the demo's input. It is static files plus the
few behaviours a static directory cannot express, taken from ``barriers.json`` (the ground truth):
redirects (301), and absolute URLs in ``robots.txt`` and the sitemaps, which the sitemap protocol
requires but which depend on the port picked at run time (the files say ``__ORIGIN__``).
"""
from __future__ import annotations

import json
import threading
from functools import cached_property
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from types import TracebackType
from urllib.parse import unquote, urlsplit

SITE_ROOT = Path(__file__).resolve().parent / "sample_site"
GROUND_TRUTH = SITE_ROOT / "barriers.json"
ORIGIN_TOKEN = b"__ORIGIN__"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
}
# Files whose absolute URLs are filled in per request.
ORIGIN_FILES = {".xml", ".txt"}
# The ground truth lives beside the pages but is not part of the website a crawler may find.
NOT_SERVED = {"barriers.json", "BARRIERS.md"}


def load_ground_truth() -> dict:
    """The sample site's ``barriers.json``: barriers, clean pages, redirects, broken links ..."""
    return json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))


def resolve_site_file(url_path: str, root: Path = SITE_ROOT) -> Path | None:
    """The file behind a URL path (query ignored, ``/dir/`` -> ``dir/index.html``), or None.

    Returns None for anything outside ``root`` (``..``), for the ground-truth files, for missing files and
    for a directory asked for without its trailing slash (the handler redirects those, as web servers do,
    so that relative links inside ``dir/index.html`` resolve).
    """
    path = unquote(urlsplit(url_path).path)
    parts = [p for p in PurePosixPath(path).parts if p not in ("/", "")]
    if any(p in (".", "..") or "\\" in p for p in parts) or (parts and parts[-1] in NOT_SERVED):
        return None
    candidate = root.joinpath(*parts)
    if candidate.is_dir():
        if not path.endswith("/"):
            return None
        candidate = candidate / "index.html"
    elif path.endswith("/") and parts:
        return None
    return candidate if candidate.is_file() else None


class _SampleSiteHandler(BaseHTTPRequestHandler):
    server_version = "wuzhangai-sample/1"
    redirects: dict[str, str] = {}

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        if path in self.redirects:
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain; charset=utf-8", with_body,
                       location=self.redirects[path])
            return
        file = resolve_site_file(path)
        if file is None and not path.endswith("/") and resolve_site_file(path + "/"):
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain; charset=utf-8", with_body,
                       location=path + "/")
            return
        if file is None:
            body = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>404 页面不存在</title>" \
                   "</head><body><main><h1>404 页面不存在 / Not Found</h1></main></body></html>"
            self._send(HTTPStatus.NOT_FOUND, body.encode("utf-8"), CONTENT_TYPES[".html"], with_body)
            return
        body = file.read_bytes()
        if file.suffix in ORIGIN_FILES:
            body = body.replace(ORIGIN_TOKEN, self._origin.encode("ascii"))
        self._send(HTTPStatus.OK, body, CONTENT_TYPES.get(file.suffix, "application/octet-stream"), with_body)

    @cached_property
    def _origin(self) -> str:
        # The Host the client used, so sitemaps work whether it asked for 127.0.0.1 or localhost.
        host = self.headers.get("Host") or "%s:%d" % self.server.server_address[:2]
        return f"http://{host}"

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, with_body: bool,
              location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        """Quiet: tests and the demo must not be drowned in access logs."""


class SampleSite:
    """A running sample-site server. Use as a context manager or call :meth:`close`."""

    def __init__(self, server: ThreadingHTTPServer, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread
        self.host, self.port = server.server_address[:2]
        self.url = f"http://{self.host}:{self.port}/"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> SampleSite:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def serve_sample_site(host: str = "127.0.0.1", port: int = 0) -> SampleSite:
    """Start serving the sample site in a daemon thread; ``port=0`` picks a free port."""
    redirects = {r["from"]: r["to"] for r in load_ground_truth()["redirects"]}
    handler = type("SampleSiteHandler", (_SampleSiteHandler,), {"redirects": redirects})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    # A short poll interval so close() returns in ~50 ms: tests start and stop many of these servers.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="wuzhangai-sample-site", daemon=True)
    thread.start()
    return SampleSite(server, thread)
