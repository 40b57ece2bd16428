"""Which network addresses a scan may reach: the server-side request forgery (SSRF) guard's policy.

A scan target is typed by a user of the web service, so a scan must not become a way into the machine it runs on
or the network behind it: loopback, private (RFC 1918, CGNAT, IPv6 unique-local), link-local, multicast,
unspecified and reserved addresses and the cloud metadata services are refused unless the operator allows a
range (``allow``, CIDR; a government intranet, say). Pure apart from DNS (``getaddrinfo``).

DNS rebinding: the policy vets the addresses a *name* resolves to. A client that resolves the name again to
connect can be handed a different address by a hostile DNS server with a zero TTL between the check and the
connection. So nothing of ours does: the browser's proxy and httpx's connection backend (``scanner.netguard``)
connect to the very addresses this policy vetted and cached (``resolve``). What remains: a resolution is trusted
for the whole scan (the cache never expires while the scan runs), and traffic that does not pass through us (a
proxy configured in the environment resolves names itself) is checked by URL only.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Instance metadata services hand out cloud credentials: refused even inside a broad allow range (an intranet
# on 100.64.0.0/10 must not open Alibaba Cloud's), let through only by an allow entry naming the address alone.
METADATA = frozenset(ipaddress.ip_address(a) for a in ("169.254.169.254", "100.100.100.200", "fd00:ec2::254"))
PRIVATE = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"))
THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")  # Linux connects 0.0.0.0 (and friends) to the local machine
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # the gateway translates to the IPv4 address in the low 32 bits
NEGATIVE_TTL = 30.0  # seconds a failed resolution is remembered (a page's many requests to a dead host ask once)

# reason code -> (zh, en): what was refused and why
REASONS: dict[str, tuple[str, str]] = {
    "scheme": ("只允许 http 和 https 网址", "only http and https URLs may be scanned"),
    "loopback": ("目标是本机回环地址", "the target is a loopback address (this machine)"),
    "private": ("目标是内网地址", "the target is a private (internal network) address"),
    "link_local": ("目标是链路本地地址", "the target is a link-local address"),
    "multicast": ("目标是组播地址", "the target is a multicast address"),
    "reserved": ("目标是保留地址", "the target is a reserved address"),
    "metadata": ("目标是云服务器元数据地址", "the target is a cloud metadata service"),
    "unspecified": ("目标是未指定地址（0.0.0.0 / ::）", "the target is an unspecified address (0.0.0.0 / ::)"),
    "unresolvable": ("无法解析域名", "the host name could not be resolved"),
}


class TargetRefused(Exception):
    """A URL the scan may not fetch. ``reason`` is one of ``REASONS``' codes (stable: stored and exported)."""

    def __init__(self, url: str, reason: str, address: str | None = None):
        self.url, self.reason, self.address = url, reason, address
        zh, en = REASONS[reason]
        where = f"（{address}）" if address else ""
        self.message_zh = f"已拒绝访问 {url}：{zh}{where}"
        self.message_en = f"refused {url}: {en}" + (f" ({address})" if address else "")
        super().__init__(f"{self.message_zh} / {self.message_en}")

    def __str__(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


def classify(ip: IPAddress) -> str | None:
    """The reason code refusing ``ip`` (allow ranges aside), or None for a public address."""
    ip = unwrap(ip)
    if ip in METADATA:
        return "metadata"
    if ip.is_unspecified or ip in THIS_NETWORK:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link_local"
    if ip.is_multicast:
        return "multicast"
    if any(ip in net for net in PRIVATE):
        return "private"
    if ip.is_reserved or not ip.is_global:  # documentation, benchmarking, 240/4, broadcast, 6to4 oddities ...
        return "reserved"
    return None


def unwrap(ip: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped (``::ffff:127.0.0.1``) or NAT64 IPv6 address; ``ip`` otherwise."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def parse_allow(allow: Sequence[str]) -> tuple[IPNetwork, ...]:
    """CIDR ranges (``10.1.0.0/16``, ``127.0.0.1/32``, a bare address); ValueError in zh/en for a bad one."""
    nets = []
    for text in allow:
        try:
            nets.append(ipaddress.ip_network(text.strip(), strict=False))
        except ValueError:
            raise ValueError(f"无效的网段：{text!r}（应为 CIDR，如 10.0.0.0/8）/ not a CIDR range: {text!r} "
                             "(e.g. 10.0.0.0/8)") from None
    return tuple(nets)


@dataclass
class _Resolved:
    addresses: tuple[IPAddress, ...]  # empty: the name did not resolve
    expires: float  # monotonic time; inf for a successful answer (kept for the policy's life, one scan)


class NetPolicy:
    """The guard of one scan. Resolutions are cached per host for the policy's life, so the thousands of
    requests of a scan pay DNS once per host (and every check of a host sees the same answer)."""

    def __init__(self, allow: Sequence[str] = ()):
        self.allow = parse_allow(allow)
        self._cache: dict[str, _Resolved] = {}
        self._pending: dict[str, asyncio.Future[_Resolved]] = {}

    # ---- addresses ----

    def allowed(self, ip: IPAddress) -> bool:
        """Inside an allow range (the unwrapped IPv4 address too); metadata only by an exact entry."""
        candidates = {ip, unwrap(ip)}
        if candidates & METADATA:
            return any(net.num_addresses == 1 and net.network_address in candidates for net in self.allow)
        return any(c in net for c in candidates for net in self.allow if c.version == net.version)

    def refusal(self, ip: IPAddress | str) -> str | None:
        """The reason code refusing ``ip`` under this policy, or None when it may be reached."""
        ip = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
        reason = classify(ip)
        return None if reason is None or self.allowed(ip) else reason

    def check_address(self, ip: IPAddress | str, url: str | None = None) -> None:
        """Raise ``TargetRefused`` when ``ip`` may not be reached."""
        reason = self.refusal(ip)
        if reason:
            raise TargetRefused(url or str(ip), reason, str(ip))

    # ---- URLs ----

    async def check_url(self, url: str) -> list[IPAddress]:
        """The addresses ``url``'s host resolves to, all of them vetted; ``TargetRefused`` otherwise."""
        host = _host_of(url)
        return self._vet(url, host, await self.resolve(host))

    def check_url_sync(self, url: str) -> list[IPAddress]:
        """``check_url`` for callers without an event loop (the CLI, before the scan starts)."""
        host = _host_of(url)
        return self._vet(url, host, self.resolve_sync(host))

    def _vet(self, url: str, host: str, addresses: tuple[IPAddress, ...]) -> list[IPAddress]:
        if not addresses:
            raise TargetRefused(url, "unresolvable", host)
        for ip in addresses:  # ANY bad address refuses: the client may connect to whichever it likes
            self.check_address(ip, url)
        return list(addresses)

    # ---- resolution ----

    async def resolve(self, host: str) -> tuple[IPAddress, ...]:
        """Every address of ``host`` (cached; concurrent asks for one host share one lookup)."""
        hit = self._cached(host)
        if hit is not None:
            return hit.addresses
        pending = self._pending.get(host)
        if pending is None:
            pending = self._pending[host] = asyncio.ensure_future(self._lookup(host))
            pending.add_done_callback(lambda _f: self._pending.pop(host, None))
        return (await asyncio.shield(pending)).addresses

    def resolve_sync(self, host: str) -> tuple[IPAddress, ...]:
        hit = self._cached(host)
        if hit is None:
            hit = self._store(host, _literal(host) or _getaddrinfo(host))
        return hit.addresses

    async def _lookup(self, host: str) -> _Resolved:
        literal = _literal(host)
        if literal:
            return self._store(host, literal)
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            infos = []
        return self._store(host, _addresses(infos))

    def _cached(self, host: str) -> _Resolved | None:
        hit = self._cache.get(host)
        return hit if hit is not None and hit.expires > time.monotonic() else None

    def _store(self, host: str, addresses: tuple[IPAddress, ...]) -> _Resolved:
        expires = float("inf") if addresses else time.monotonic() + NEGATIVE_TTL
        hit = self._cache[host] = _Resolved(addresses, expires)
        return hit


def _host_of(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise TargetRefused(url, "scheme")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise TargetRefused(url, "unresolvable")
    return host


def _literal(host: str) -> tuple[IPAddress, ...] | None:
    """A host that needs no DNS: an IP literal, or ``localhost`` and its subdomains, which Chromium answers
    itself with loopback whatever DNS says."""
    if host == "localhost" or host.endswith(".localhost"):
        return (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))
    try:
        return (ipaddress.ip_address(host.split("%", 1)[0]),)
    except ValueError:
        return None  # a name, or a legacy numeric form such as 2130706433 that getaddrinfo understands


def _getaddrinfo(host: str) -> tuple[IPAddress, ...]:
    try:
        return _addresses(socket.getaddrinfo(host, None, type=socket.SOCK_STREAM))
    except (OSError, UnicodeError):
        return ()


def _addresses(infos: list) -> tuple[IPAddress, ...]:
    out = []
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if ip not in out:
            out.append(ip)
    return tuple(out)
