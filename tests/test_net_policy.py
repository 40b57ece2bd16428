"""The SSRF guard's policy (``scanner.netpolicy``): every refused category by literal address, names, allow
ranges, and the httpx hook that applies it to every redirect hop."""
from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

import httpx
import pytest

from scanner.artifacts import PageArtifact, add_refused_notes, parse_refused_note, refused_note
from scanner.netguard import RequestRefused, client_hooks, request_hook
from scanner.netpolicy import REASONS, NetPolicy, TargetRefused


@pytest.mark.parametrize("ip, reason", [
    ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("::1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("172.31.255.254", "private"), ("192.168.1.1", "private"),
    ("100.64.0.1", "private"), ("100.127.255.254", "private"), ("fc00::1", "private"), ("fd12:3456::1", "private"),
    ("169.254.1.1", "link_local"), ("fe80::1", "link_local"),
    ("224.0.0.1", "multicast"), ("239.255.255.250", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("0.1.2.3", "unspecified"), ("::", "unspecified"),
    ("240.0.0.1", "reserved"), ("255.255.255.255", "reserved"), ("192.0.2.1", "reserved"),
    ("198.18.0.1", "reserved"), ("2001:db8::1", "reserved"),
    ("169.254.169.254", "metadata"), ("100.100.100.200", "metadata"), ("fd00:ec2::254", "metadata"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("::ffff:169.254.169.254", "metadata"),
    ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
])
def test_each_category_is_refused_by_literal_address(ip, reason):
    policy = NetPolicy()
    assert policy.refusal(ip) == reason
    with pytest.raises(TargetRefused) as info:
        policy.check_url_sync(f"http://[{ip}]:8080/x" if ":" in ip else f"http://{ip}:8080/x")
    assert info.value.reason == reason


@pytest.mark.parametrize("ip", ["8.8.8.8", "114.114.114.114", "202.103.24.68", "2400:3200::1", "::ffff:8.8.8.8"])
def test_public_addresses_pass(ip):
    policy = NetPolicy()
    assert policy.refusal(ip) is None
    policy.check_address(ip)


def test_refusal_says_why_in_chinese_and_english():
    with pytest.raises(TargetRefused) as info:
        NetPolicy().check_url_sync("http://169.254.169.254/latest/meta-data/")
    exc = info.value
    assert exc.url == "http://169.254.169.254/latest/meta-data/" and exc.reason == "metadata"
    assert "元数据" in exc.message_zh and "metadata" in exc.message_en
    assert str(exc) == f"{exc.message_zh} / {exc.message_en}"
    assert set(REASONS) == {"scheme", "loopback", "private", "link_local", "multicast", "reserved", "metadata",
                            "unspecified", "unresolvable"}


def test_localhost_and_numeric_hosts_resolve_to_loopback():
    policy = NetPolicy()
    for url in ("http://localhost:8000/", "http://LOCALHOST./", "http://app.localhost/", "http://2130706433/",
                "http://127.1/", "http://0x7f.0.0.1/"):
        with pytest.raises(TargetRefused) as info:
            policy.check_url_sync(url)
        assert info.value.reason == "loopback", url


def test_allow_range_lets_127_0_0_1_through_but_not_127_0_0_2():
    policy = NetPolicy(["127.0.0.1/32"])
    assert policy.check_url_sync("http://127.0.0.1:8000/a") == [__import__("ipaddress").ip_address("127.0.0.1")]
    with pytest.raises(TargetRefused) as info:
        policy.check_url_sync("http://127.0.0.2:8000/a")
    assert info.value.reason == "loopback"
    # localhost is 127.0.0.1 and ::1: ANY refused address refuses the name
    with pytest.raises(TargetRefused):
        policy.check_url_sync("http://localhost:8000/")
    assert NetPolicy(["127.0.0.1/32", "::1/128"]).check_url_sync("http://localhost/")


def test_a_broad_allow_range_does_not_open_the_metadata_service():
    policy = NetPolicy(["100.64.0.0/10", "169.254.0.0/16"])
    assert policy.refusal("100.64.3.4") is None and policy.refusal("169.254.1.1") is None
    assert policy.refusal("100.100.100.200") == "metadata" and policy.refusal("169.254.169.254") == "metadata"
    assert NetPolicy(["169.254.169.254/32"]).refusal("169.254.169.254") is None  # named alone: the operator meant it


def test_bad_cidr_is_a_value_error_in_both_languages():
    for bad in ("10.0.0.0/33", "not-a-net", "300.1.1.1/8"):
        with pytest.raises(ValueError) as info:
            NetPolicy([bad])
        assert "网段" in str(info.value) and "CIDR" in str(info.value)
    assert NetPolicy(["10.0.0.1/8"]).refusal("10.9.9.9") is None  # host bits set: accepted as the network


def test_only_http_and_https():
    policy = NetPolicy()
    for url in ("ftp://example.org/", "file:///etc/passwd", "gopher://127.0.0.1:6379/_x", "javascript:alert(1)"):
        with pytest.raises(TargetRefused) as info:
            policy.check_url_sync(url)
        assert info.value.reason == "scheme"


def test_unresolvable_host_is_refused():
    with pytest.raises(TargetRefused) as info:
        NetPolicy().check_url_sync("http://no-such-host.invalid/")
    assert info.value.reason == "unresolvable"


def test_async_check_and_the_per_scan_cache(monkeypatch):
    policy = NetPolicy(["127.0.0.1/32"])
    calls = []
    real = asyncio.BaseEventLoop.getaddrinfo

    async def counting(self, host, *args, **kwargs):
        calls.append(host)
        return await real(self, host, *args, **kwargs)

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", counting)

    async def many():
        await asyncio.gather(*(policy.check_url(f"http://localhost.localdomain:1/{i}") for i in range(20)),
                             return_exceptions=True)
        with pytest.raises(TargetRefused):
            await policy.check_url("http://10.0.0.1/")
        assert await policy.check_url("http://127.0.0.1:9/") == policy.check_url_sync("http://127.0.0.1:9/")

    asyncio.run(many())
    assert calls.count("localhost.localdomain") == 1  # twenty requests, one lookup


def test_httpx_hook_refuses_every_redirect_hop():
    """httpx runs request hooks per redirect hop: the refused hop is never sent."""
    sent = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        if request.url.host == "127.0.0.1":
            return httpx.Response(302, headers={"Location": "http://10.0.0.7/admin"})
        return httpx.Response(200, text="internal")

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler), follow_redirects=True,
                                     event_hooks={"request": [request_hook(NetPolicy(["127.0.0.1/32"]))]}) as client:
            with pytest.raises(RequestRefused) as info:
                await client.get("http://127.0.0.1/start")
            assert info.value.refused.reason == "private" and isinstance(info.value, httpx.HTTPError)
            with pytest.raises(RequestRefused):
                await client.get("http://169.254.169.254/latest/meta-data/")

    asyncio.run(go())
    assert sent == ["http://127.0.0.1/start"]
    assert client_hooks(None) == {}


def test_refused_notes_round_trip_and_are_capped():
    note = refused_note("loopback", "http://127.0.0.2:81/x.png")
    assert parse_refused_note(note) == ("loopback", "http://127.0.0.2:81/x.png")
    assert parse_refused_note("load event did not fire; scanned the document as it was") is None
    art = PageArtifact("http://a/")
    refusals = [TargetRefused(f"http://10.0.0.1/{i}", "private") for i in range(60)]
    add_refused_notes(art, refusals + refusals[:3])
    assert len(art.notes) == 51 and art.notes[0] == refused_note("private", "http://10.0.0.1/0")
    assert "not listed" in art.notes[-1]


def test_guard_proxy_vets_each_request_and_tunnel():
    """The browser's proxy without a browser: allowed requests are passed on (one per connection), refused ones
    get the guard's 403 (plain HTTP) or a refused tunnel (CONNECT), and are kept for the page's notes."""
    from scanner.netguard import GuardProxy
    from tests.netsites import site_and_internal

    async def go(site, internal):
        proxy = await GuardProxy(NetPolicy(["127.0.0.1/32"])).start()
        try:
            async with httpx.AsyncClient(proxy=proxy.url, trust_env=False) as client:
                ok = await client.get(site.url + "/ok.html?q=1")
                refused = await client.get(internal.url + "/secret")
                with pytest.raises(httpx.ProxyError):
                    await client.get(internal.url.replace("http:", "https:") + "/tls")
            return ok, refused, proxy.take_blocked(), proxy.blocked
        finally:
            await proxy.close()

    with site_and_internal() as (site, internal):
        site.page("/ok.html", "正常")
        ok, refused, blocked, after = asyncio.run(go(site, internal))
        assert internal.log == [] and site.log == ["/ok.html?q=1"]
    assert ok.status_code == 200 and "正常" in ok.text and ok.headers["connection"] == "close"
    assert refused.status_code == 403 and refused.headers["x-wuzhangai-refused"] == "loopback"
    assert "loopback" in refused.text
    assert [(b.url, b.reason) for b in blocked] == [(internal.url + "/secret", "loopback"),
                                                     (internal.url.replace("http:", "https:") + "/", "loopback")]
    assert after == []  # taken


def test_httpx_connects_to_the_vetted_address_not_a_fresh_dns_answer():
    """DNS rebinding: the guarded client connects to the address the policy vetted (its cache), so a name
    answered differently at connection time cannot reach what the check refused. Here the names exist only in
    the policy's cache: the system resolver knows neither."""
    import ipaddress

    from scanner.netpolicy import _Resolved
    from tests.netsites import site_and_internal

    async def go(site, internal):
        policy = NetPolicy(["127.0.0.1/32"])
        port = urlsplit(site.url).port
        policy._cache["public.test"] = _Resolved((ipaddress.ip_address("127.0.0.1"),), float("inf"))
        policy._cache["evil.test"] = _Resolved((ipaddress.ip_address("127.0.0.2"),), float("inf"))
        async with httpx.AsyncClient(follow_redirects=True, **client_hooks(policy)) as client:
            ok = await client.get(f"http://public.test:{port}/ok.html")
            with pytest.raises(RequestRefused):
                await client.get(f"http://evil.test:{urlsplit(internal.url).port}/")
        return ok

    with site_and_internal() as (site, internal):
        site.page("/ok.html", "正常")
        ok = asyncio.run(go(site, internal))
        assert ok.status_code == 200 and "正常" in ok.text and internal.log == []
