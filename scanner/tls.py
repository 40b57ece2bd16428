"""What is wrong with a site's TLS certificate, said the same way in browser and static scans.

Chromium (browser mode) and httpx (static mode) each refuse a bad certificate, but each says it its own way and
Chromium reports only the "most serious" problem (an untrusted issuer hides an expiry). So once per origin the
crawler asks this module: one verifying handshake with Python's ``ssl`` against the system trust store (what
``ssl.create_default_context`` loads: ``/etc/ssl/certs`` on Debian, where a government intranet's own CA is
installed), and, when that fails, one unverified handshake to read the certificate and list every problem:
expired, not yet valid, issued for another host, self-signed, issued by an unknown CA. The same check marks the
pages a scan with ``--ignore-https-errors`` scanned anyway.

The handshakes go to the address the network guard vetted (``NetPolicy.check_url``), never to a fresh DNS
answer, like every other request of a guarded scan.
"""
from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
import ssl
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

HANDSHAKE_TIMEOUT = 10.0
# The order problems are listed in: the ones a site owner fixes first (and that the certificate itself shows)
# before the trust question, which depends on the client's store.
PROBLEMS: dict[str, tuple[str, str]] = {
    "expired": ("证书已过期", "the certificate has expired"),
    "not_yet_valid": ("证书尚未生效", "the certificate is not valid yet"),
    "wrong_host": ("证书不是为此主机签发的", "the certificate was issued for another host"),
    "self_signed": ("自签名证书", "the certificate is self-signed"),
    "unknown_ca": ("证书由不受信任的机构签发（如私有 CA 或国密 SM2 证书）",
                   "the certificate was issued by an unknown CA (a private CA, or an SM2 certificate)"),
    "handshake": ("TLS 握手失败", "the TLS handshake failed"),
    "other": ("证书无效", "the certificate is not valid"),
}
# OpenSSL verify codes (X509_V_ERR_*) -> our problem codes
_VERIFY_CODES = {9: "not_yet_valid", 10: "expired", 18: "self_signed", 19: "unknown_ca", 2: "unknown_ca",
                 20: "unknown_ca", 21: "unknown_ca", 62: "wrong_host"}
# Chromium's net errors -> our problem codes (the detail of a page Chromium refused)
CHROMIUM_ERRORS = {"ERR_CERT_DATE_INVALID": "expired", "ERR_CERT_AUTHORITY_INVALID": "unknown_ca",
                   "ERR_CERT_COMMON_NAME_INVALID": "wrong_host"}


@dataclass(frozen=True)
class CertReport:
    """The problems of one origin's certificate (codes of ``PROBLEMS``), and what the verifier said."""

    problems: tuple[str, ...]
    verifier: str = ""  # OpenSSL's own words, e.g. "certificate has expired"
    subject: str = ""
    issuer: str = ""
    not_after: str = ""

    def words(self, lang: str) -> str:
        i = 0 if lang == "zh" else 1
        return ("；" if lang == "zh" else "; ").join(PROBLEMS.get(p, PROBLEMS["other"])[i] for p in self.problems)

    def message(self, url: str) -> str:
        """zh / en, naming the URL and what was seen (stored as a failed page's detail)."""
        seen = ", ".join(x for x in (f"subject {self.subject}" if self.subject else "",
                                     f"issuer {self.issuer}" if self.issuer else "",
                                     f"notAfter {self.not_after}" if self.not_after else "",
                                     f"OpenSSL: {self.verifier}" if self.verifier else "") if x)
        return (f"{url} 的 TLS 证书有问题：{self.words('zh')} / the TLS certificate of {url} is not valid: "
                f"{self.words('en')}" + (f" ({seen})" if seen else ""))

    def note(self) -> str:
        """A scanned page's note under ``--ignore-https-errors`` (``tls_ignored <codes> <verifier>``); the words
        are chosen when a document is rendered (``parse_note``)."""
        return f"{NOTE} {','.join(self.problems)} {self.verifier}".rstrip()


NOTE = "tls_ignored"


def parse_note(note: str) -> tuple[str, ...] | None:
    """The problem codes of a ``CertReport.note``, else None."""
    parts = note.split(" ", 2)
    return tuple(parts[1].split(",")) if len(parts) >= 2 and parts[0] == NOTE else None


def problem_words(problems: tuple[str, ...] | list[str], lang: str) -> str:
    return CertReport(tuple(problems)).words("zh" if lang.lower().startswith("zh") else "en")


def verifying_context() -> ssl.SSLContext:
    """The trust the static client and the check share: the system's store (``$SSL_CERT_FILE`` honoured)."""
    return ssl.create_default_context()


def chromium_problem(text: str) -> str:
    """Our problem code for a Chromium ``net::ERR_*`` message about TLS."""
    for err, code in CHROMIUM_ERRORS.items():
        if err in text:
            return code
    return "handshake" if "ERR_SSL" in text else "other"


def is_tls_error(exc: BaseException | None) -> bool:
    """Whether an httpx/httpcore error was caused by TLS (its cause chain holds an ``ssl.SSLError``)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, ssl.SSLError):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


async def inspect(url: str, addresses: list[Any] | None = None) -> CertReport | None:
    """The certificate problems of ``url``'s origin, None when it verifies (or is not https). ``addresses``: the
    addresses the network guard vetted for the host (connect to the first); None: resolve as usual."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return None
    host, port = parts.hostname, parts.port or 443
    target = str(addresses[0]) if addresses else host
    return await asyncio.to_thread(_inspect, host, port, target)


def _inspect(host: str, port: int, target: str) -> CertReport | None:
    try:
        with socket.create_connection((target, port), timeout=HANDSHAKE_TIMEOUT) as sock:
            with verifying_context().wrap_socket(sock, server_hostname=host):
                return None
    except ssl.SSLCertVerificationError as exc:
        code, verifier = exc.verify_code, exc.verify_message or str(exc)
    except ssl.SSLError as exc:  # no certificate to speak of: a protocol or cipher the client cannot speak
        return CertReport(("handshake",), verifier=exc.reason or str(exc))
    except OSError as exc:  # the server went away between the page and this check: say what the page said
        return CertReport(("other",), verifier=str(exc))
    problems = {_VERIFY_CODES.get(code, "other")}
    cert = _peer_certificate(host, port, target)
    subject = issuer = not_after = ""
    if cert:
        subject, issuer = _name(cert.get("subject")), _name(cert.get("issuer"))
        not_after = cert.get("notAfter", "")
        now = datetime.now(timezone.utc)
        if not_after and _asn1_time(not_after) < now:
            problems.add("expired")
        if cert.get("notBefore") and _asn1_time(cert["notBefore"]) > now:
            problems.add("not_yet_valid")
        if not _matches_host(cert, host):
            problems.add("wrong_host")
        if cert.get("subject") == cert.get("issuer"):
            problems.add("self_signed")
            problems.discard("unknown_ca")  # the same fact, said once
    if len(problems) > 1:
        problems.discard("other")
    ordered = tuple(p for p in PROBLEMS if p in problems)
    return CertReport(ordered, verifier=verifier, subject=subject, issuer=issuer, not_after=not_after)


def _peer_certificate(host: str, port: int, target: str) -> dict[str, Any] | None:
    """The server's certificate decoded (subject, issuer, validity, SAN), read over an unverified handshake.
    Python decodes a certificate only from a file (``_ssl._test_decode_cert``, CPython's own test helper: no
    third-party parser for this one read); None when that is not possible."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection((target, port), timeout=HANDSHAKE_TIMEOUT) as sock:
            with ctx.wrap_socket(sock, server_hostname=host) as tls:
                der = tls.getpeercert(binary_form=True)
    except (OSError, ssl.SSLError):
        return None
    decode = getattr(getattr(ssl, "_ssl", None), "_test_decode_cert", None)
    if not der or decode is None:
        return None
    fd, path = tempfile.mkstemp(suffix=".pem")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(ssl.DER_cert_to_PEM_cert(der))
        return decode(path)
    except (OSError, ssl.SSLError, ValueError):
        return None
    finally:
        os.unlink(path)


def _name(rdns: Any) -> str:
    return ",".join(f"{k}={v}" for rdn in rdns or () for k, v in rdn)


def _asn1_time(text: str) -> datetime:
    return datetime.fromtimestamp(ssl.cert_time_to_seconds(text), timezone.utc)


def _matches_host(cert: dict[str, Any], host: str) -> bool:
    """RFC 6125 in brief: an IP address matches an IP SAN; a name matches a DNS SAN, ``*`` for one left label."""
    sans = cert.get("subjectAltName") or ()
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    for kind, value in sans:
        if ip is not None:
            if kind == "IP Address" and _same_ip(value, ip):
                return True
            continue
        if kind == "DNS":
            value = value.lower().rstrip(".")
            name = host.lower().rstrip(".")
            if value == name or (value.startswith("*.") and name.split(".", 1)[-1] == value[2:] and "." in name):
                return True
    return False


def _same_ip(value: str, ip: ipaddress._BaseAddress) -> bool:
    try:
        return ipaddress.ip_address(value.strip()) == ip
    except ValueError:
        return False
