"""The static gatherer (``--no-browser``): plain HTTP and BeautifulSoup, no rendering.

For very large crawls where a browser per page is too slow. It sees only what the HTML says: no CSS (so no
contrast), no script-built content, no focus. Every output of such a scan is labelled partial.
"""
from __future__ import annotations

import hashlib
import time

import httpx

from scanner import artifacts as A
from scanner import charset, spa, tls
from scanner.artifacts import PageArtifact
from scanner.auth import Credentials, auth_note
from scanner.crawl import CrawlConfig, client_credentials, https_verify
from scanner.netguard import RequestRefused, client_hooks
from scanner.netpolicy import NetPolicy
from scanner.static_facts import page_facts, page_links
from scanner.urls import is_hash_route
from scanner.walls import detect_wall

MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_ERROR_BODY_BYTES = 256 * 1024  # of an error page, read to tell a WAF's wall from a plain error


def decode_html(body: bytes, header_charset: str | None) -> str:
    """Text of an HTML document in the encoding its bytes are in (``scanner.charset``), whatever it declares."""
    return charset.decode(body, header_charset)[0]


class StaticGatherer:
    """Fetches and reads a page in ``load``; ``check`` has nothing left to do, and there is no lookahead (the
    workers share one HTTP client, so more of them is the way to more pages at once)."""

    lookahead = 0

    def __init__(self, config: CrawlConfig, timeout: float = 30.0, policy: NetPolicy | None = None,
                 credentials: Credentials | None = None):
        self.config = config
        self.credentials = credentials  # headers, cookies, basic auth (a login script needs the browser)
        self.timeout = timeout
        self.client: httpx.AsyncClient | None = None
        # the crawler's policy when given (one DNS cache per scan), else the config's own
        self.policy = policy if policy is not None or not config.net_guard else NetPolicy(config.allow_net)

    async def __aenter__(self) -> "StaticGatherer":
        verify = https_verify(self.config)  # the same trust as the crawler's check (scanner.tls)
        self.client = httpx.AsyncClient(timeout=self.timeout, follow_redirects=True, verify=verify,
                                        **client_credentials(self.config, self.credentials),
                                        **client_hooks(self.policy, verify))
        return self

    async def __aexit__(self, *exc) -> None:
        if self.client is not None:
            await self.client.aclose()

    async def check(self, artifact: PageArtifact) -> PageArtifact:
        return artifact

    async def load(self, url: str) -> PageArtifact:
        art = PageArtifact(requested_url=url, mode="static")
        started = time.perf_counter()
        try:
            async with self.client.stream("GET", url) as resp:
                art.status = resp.status_code
                art.final_url = str(resp.url)
                art.content_type = resp.headers.get("content-type")
                art.redirects = [{"url": str(r.url), "status": r.status_code} for r in resp.history]
                art.etag, art.last_modified = resp.headers.get("etag"), resp.headers.get("last-modified")
                if resp.status_code >= 400:
                    # a WAF answers 403/405/412/521 with a page saying so: read a little of it to tell
                    body = b""
                    async for chunk in resp.aiter_bytes():
                        body += chunk
                        if len(body) > MAX_ERROR_BODY_BYTES:
                            break
                    wall = detect_wall(resp.status_code, decode_html(body, resp.charset_encoding))
                    if wall is not None:
                        art.error, art.error_detail = A.FAIL_BLOCKED, wall.message(art.final_url, static=True)
                    else:
                        art.error, art.error_detail = A.FAIL_HTTP, f"HTTP {resp.status_code}"
                    return art
                if art.reject_unless_document(("text/html", "application/xhtml+xml")):
                    return art
                chunks, size = [], 0
                async for chunk in resp.aiter_bytes():
                    size += len(chunk)
                    if size > MAX_PAGE_BYTES:
                        art.error, art.error_detail = A.FAIL_TOO_LARGE, f"> {MAX_PAGE_BYTES} bytes"
                        return art
                    chunks.append(chunk)
                body = b"".join(chunks)
                art.body_sha256 = hashlib.sha256(body).hexdigest()
                header = resp.charset_encoding
        except RequestRefused as exc:  # a redirect hop to a refused address: never requested, never retried
            art.error, art.error_detail = A.FAIL_REFUSED, str(exc.refused)
            art.final_url = str(exc.request.url)
            return art
        except httpx.TimeoutException as exc:
            art.error, art.error_detail = A.FAIL_TIMEOUT, str(exc) or "timeout"
            return art
        except httpx.HTTPError as exc:
            # a certificate the system store does not accept: the crawler adds what is wrong with it
            art.error = A.FAIL_TLS if tls.is_tls_error(exc) else A.FAIL_NETWORK
            art.error_detail = str(exc) or exc.__class__.__name__
            if art.error == A.FAIL_TLS:
                try:
                    art.final_url = str(exc.request.url)  # the hop whose certificate failed
                except RuntimeError:  # httpx: no request attached
                    pass
            return art
        finally:
            art.load_ms = art.total_ms = (time.perf_counter() - started) * 1000
        html, encoding = charset.decode(body, header)
        if encoding.mismatch:  # read as what it is; the page says what it declared (scanner.charset)
            art.notes.append(encoding.note())
        wall = detect_wall(art.status, html)  # a 200 or 202 page may be a wall too (challenge, CAPTCHA)
        if wall is not None:
            art.error, art.error_detail = A.FAIL_BLOCKED, wall.message(art.final_url, static=True)
            return art
        facts = page_facts(html, art.final_url)
        art.title, art.lang = facts.title, facts.lang
        art.links = page_links(facts)
        routes = len({u for u in art.links if is_hash_route(u)})
        if spa.needs_script(html, routes):  # a single-page app's shell: what static mode cannot see, said
            art.notes.append(spa.note(routes))
        art.artifacts[A.DOM] = {"url": art.final_url, "html": html}
        if self.credentials is not None:
            art.notes.append(auth_note(self.credentials.login_name))
        return art
