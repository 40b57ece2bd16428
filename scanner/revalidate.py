"""Incremental rescans: has a page's document changed since the last comparable scan stored it?

One plain HTTP request per page, no browser: a conditional GET with the validators the previous scan stored
(``If-None-Match`` with its ETag, else ``If-Modified-Since`` with its Last-Modified). A 304 answer, or a 200
whose body has the same SHA-256 as the body stored, means unchanged. Anything else (a redirect, an error, a
different body, a body too large) means "render it again": the check never decides a page failed.

The crawler sends this request through its own HTTP client (and so through whatever request hooks guard it)
and under the host's politeness slot, like every other request of the scan.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Protocol

import httpx

from scanner.artifacts import PageArtifact

MAX_BODY_BYTES = 20 * 1024 * 1024  # as scanner.gather_static: a larger document is never carried


@dataclass(frozen=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None

    def conditional_headers(self) -> dict[str, str]:
        if self.etag:
            return {"If-None-Match": self.etag}
        if self.last_modified:
            return {"If-Modified-Since": self.last_modified}
        return {}


@dataclass(frozen=True)
class Unchanged:
    """The server's word that the document is the one stored: how it said so, and the validators to store."""

    how: str  # "304" | "sha256"
    validators: Validators
    ms: float


class PreviousPages(Protocol):
    """What the previous comparable scan stored, for the crawler of an incremental scan."""

    def validators(self, url_key: str) -> tuple[int, Validators] | None:
        """(stored page id, its validators) when the page may be carried over, else None."""
        ...

    def carry(self, url: str, page_id: int, unchanged: Unchanged) -> PageArtifact | None:
        """The artifact standing for the stored page ``page_id`` (links from its stored ``dom``), carried; None
        when it cannot stand for it (the page is then loaded as usual)."""
        ...


async def check_unchanged(client: httpx.AsyncClient, url: str, stored: Validators) -> Unchanged | None:
    """Unchanged (304, or the same body hash), else None. Never raises for the server's or network's faults."""
    started = time.perf_counter()
    try:
        async with client.stream("GET", url, headers=stored.conditional_headers()) as resp:
            if resp.history:  # redirected now: the page is not the one stored
                return None
            if resp.status_code == 304 and stored.conditional_headers():
                fresh = Validators(resp.headers.get("etag") or stored.etag,
                                   resp.headers.get("last-modified") or stored.last_modified, stored.body_sha256)
                return Unchanged("304", fresh, (time.perf_counter() - started) * 1000)
            if resp.status_code != 200 or not stored.body_sha256:
                return None
            digest, size = hashlib.sha256(), 0
            async for chunk in resp.aiter_bytes():
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    return None
                digest.update(chunk)
            if digest.hexdigest() != stored.body_sha256:
                return None
            fresh = Validators(resp.headers.get("etag"), resp.headers.get("last-modified"), stored.body_sha256)
            return Unchanged("sha256", fresh, (time.perf_counter() - started) * 1000)
    except httpx.HTTPError:
        return None
