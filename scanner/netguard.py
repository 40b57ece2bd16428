"""The SSRF guard applied to the scan's HTTP traffic (the policy itself is ``scanner.netpolicy``).

- httpx (robots.txt, sitemaps, attachment HEADs, static pages): a request event hook. httpx calls request hooks
  for every redirect hop (``_send_handling_redirects``), so a redirect to a refused address is never sent; and a
  connection backend that connects to the address the hook vetted (no second DNS answer: DNS rebinding).
- Chromium: a forward proxy on loopback per browser context (``GuardProxy``). Not ``context.route``: Playwright
  calls a route's handler for the first URL only and lets every redirect hop through unseen (checked with
  Playwright 1.65: a 302 to 127.0.0.2 reached 127.0.0.2 under ``route("**/*")``, even when the 302 was fulfilled
  by the route itself). A proxy sees every request the browser makes (navigations, each redirect hop,
  sub-resources, fetch/XHR, iframes, WebSockets), and connects to the address it vetted, which also shuts out DNS
  rebinding. The proxy is installed only when the guard is on: every byte then passes through Python.
"""
from __future__ import annotations

import asyncio
import contextlib
from typing import Any, Awaitable, Callable
from urllib.parse import urlsplit

import httpcore
import httpx

from scanner.netpolicy import NetPolicy, TargetRefused

MAX_HEAD_BYTES = 64 * 1024
CONNECT_TIMEOUT = 15.0
_HOP_HEADERS = (b"connection", b"proxy-connection", b"keep-alive", b"proxy-authorization")


class RequestRefused(httpx.RequestError):
    """An httpx request the guard refused; ``refused`` says why. An ``httpx.HTTPError``, so callers that already
    tolerate network errors (robots.txt, sitemaps, attachment sizes) tolerate it too."""

    def __init__(self, refused: TargetRefused, request: httpx.Request):
        super().__init__(str(refused), request=request)
        self.refused = refused


def request_hook(policy: NetPolicy) -> Callable[[httpx.Request], Awaitable[None]]:
    """An httpx request event hook refusing, before it is sent, every request and redirect hop ``policy``
    refuses."""

    async def check(request: httpx.Request) -> None:
        try:
            await policy.check_url(str(request.url))
        except TargetRefused as exc:
            raise RequestRefused(exc, request) from None

    return check


def client_hooks(policy: NetPolicy | None, verify: bool = False) -> dict[str, Any]:
    """``httpx.AsyncClient(**client_hooks(policy))``: the guard's hook, and a transport that connects to the
    addresses the hook vetted; nothing when the guard is off. ``verify``: TLS verification (the transport's)."""
    if policy is None:
        return {}
    return {"event_hooks": {"request": [request_hook(policy)]}, "transport": vetted_transport(policy, verify)}


class _VettedBackend(httpcore.AsyncNetworkBackend):
    """Connects to the address the policy vetted for the host (its per-scan cache), never to a fresh DNS answer:
    a hostile DNS server cannot rebind the name between the hook's check and the connection. TLS still names
    the host (httpcore passes the origin's name for SNI)."""

    def __init__(self, policy: NetPolicy):
        self.policy = policy
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options=None) -> httpcore.AsyncNetworkStream:
        addresses = await self.policy.resolve(host.strip("[]").rstrip(".").lower())
        error: Exception = httpcore.ConnectError(f"{host} did not resolve")
        for ip in addresses:
            if self.policy.refusal(ip):  # the hook has refused it already; whatever happens, never connect
                raise httpcore.ConnectError(f"refused address {ip} for {host}")
            try:
                return await self.inner.connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error

    async def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are not scan targets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def vetted_transport(policy: NetPolicy, verify: bool = False) -> httpx.AsyncHTTPTransport:
    """httpx's transport with ``_VettedBackend`` under its connection pool. httpx 0.28 has no public way to hand
    httpcore a network backend, so the pool's is swapped; a version without that attribute fails here, loudly,
    rather than connecting unvetted."""
    transport = httpx.AsyncHTTPTransport(verify=verify)
    pool = transport._pool
    if not isinstance(pool, httpcore.AsyncConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("httpx/httpcore changed: cannot install the network guard's connection backend")
    pool._network_backend = _VettedBackend(policy)
    return transport


class GuardProxy:
    """A forward HTTP proxy on 127.0.0.1 for one browser context: every request is checked with ``policy``, and
    each refusal is kept in ``blocked`` (the page's notes list them). Refused plain-HTTP requests get a 403 from
    the proxy; refused CONNECT tunnels (https, wss) a 403 that Chromium reports as a failed connection."""

    def __init__(self, policy: NetPolicy):
        self.policy = policy
        self.blocked: list[TargetRefused] = []
        self._server: asyncio.AbstractServer | None = None
        self._conns: set[asyncio.Task] = set()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def start(self) -> "GuardProxy":
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0, limit=MAX_HEAD_BYTES)
        return self

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for task in list(self._conns):
            task.cancel()
        await asyncio.gather(*self._conns, return_exceptions=True)

    def take_blocked(self) -> list[TargetRefused]:
        out, self.blocked = self.blocked, []
        return out

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._conns.add(task)
        try:
            await self._serve(reader, writer)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass  # the browser gave up, the server went away, or a malformed request: this connection only
        except asyncio.CancelledError:
            pass  # ``close``: the tab's context is gone (a cancelled callback task would be logged by asyncio)
        finally:
            self._conns.discard(task)
            writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        method, target, _version = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
        tunnel = method.upper() == "CONNECT"
        url = f"https://{target}/" if tunnel else target  # a tunnel's path is inside TLS: the origin is what we know
        try:
            addresses = await self.policy.check_url(url)
        except TargetRefused as exc:
            self.blocked.append(exc)
            writer.write(_refusal_response(exc))
            await writer.drain()
            return
        port = urlsplit(url).port or (443 if url.startswith("https:") else 80)
        up_reader, up_writer = await _connect(addresses, port)
        try:
            if tunnel:
                writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            else:
                up_writer.write(_origin_form(head, method, url))
            await _pipe_both(reader, writer, up_reader, up_writer, rewrite_response=not tunnel)
        finally:
            up_writer.close()


async def _connect(addresses: list, port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection to the first of the vetted ``addresses`` that answers (never to a name resolved again)."""
    error: Exception = OSError("no address")
    for ip in addresses:
        try:
            return await asyncio.wait_for(asyncio.open_connection(str(ip), port), CONNECT_TIMEOUT)
        except (OSError, asyncio.TimeoutError) as exc:
            error = exc
    raise OSError(str(error))


def _origin_form(head: bytes, method: str, url: str) -> bytes:
    """The proxied request's head for the origin server: path-only request line, one request per connection."""
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    lines = head.rstrip(b"\r\n").split(b"\r\n")
    kept = [ln for ln in lines[1:] if ln.split(b":", 1)[0].strip().lower() not in _HOP_HEADERS]
    first = f"{method} {path} HTTP/1.1".encode("latin-1")
    return b"\r\n".join([first, *kept, b"Connection: close"]) + b"\r\n\r\n"


async def _pipe_both(reader, writer, up_reader, up_writer, rewrite_response: bool) -> None:
    """Copy both ways until the server is done. A plain-HTTP response is told ``Connection: close``: the browser
    must not send its next request (perhaps for another host) down a connection to this server."""
    upstream = asyncio.ensure_future(_copy(reader, up_writer))
    try:
        if rewrite_response:
            head = await up_reader.readuntil(b"\r\n\r\n")
            writer.write(_close_after(head))
        await _copy(up_reader, writer)
    finally:
        upstream.cancel()
        with contextlib.suppress(asyncio.CancelledError, OSError):
            await upstream


def _close_after(head: bytes) -> bytes:
    lines = head.rstrip(b"\r\n").split(b"\r\n")
    kept = [ln for ln in lines[1:] if ln.split(b":", 1)[0].strip().lower() not in _HOP_HEADERS]
    return b"\r\n".join([lines[0], *kept, b"Connection: close", b"Proxy-Connection: close"]) + b"\r\n\r\n"


async def _copy(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
    while True:
        chunk = await src.read(65536)
        if not chunk:
            return
        dst.write(chunk)
        await dst.drain()


def _refusal_response(exc: TargetRefused) -> bytes:
    body = str(exc).encode("utf-8")
    return (b"HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nX-Wuzhangai-Refused: "
            + exc.reason.encode() + b"\r\nContent-Length: " + str(len(body)).encode()
            + b"\r\nConnection: close\r\n\r\n" + body)
