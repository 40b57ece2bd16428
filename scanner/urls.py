"""URL rules of the crawl: normalisation (so no page is scanned twice), scope, include/exclude, attachments."""
from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that only say where a visitor came from; the page is the same without them.
TRACKING_PARAMS = frozenset(
    {
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "utm_name",
        "gclid", "fbclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi",
        "spm", "from", "isappinstalled", "share_token", "scene", "clicktime", "enterid", "wxfrom",
    }
)

# Session ids a server puts in links when it cannot set a cookie (Java's ``;jsessionid=``, PHP, ASP.NET and the
# usual hand-made names): the same page under another visitor's id. Folded in a page's identity (``url_key``),
# never dropped from the address visited, since a server without cookies may need it.
SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid",
                            "cfid", "cftoken", "_sessionid", "zsessionid"})
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^/?#;]*", re.I)
# ASP.NET's cookieless sessions put the id in a path segment: /(S(lit3py55t21z5v55vlm25s55))/page.aspx
_ASPNET_SESSION = re.compile(r"/\((?:[A-Z]\([^)]*\))+\)(?=/)")

# Documents that are recorded as attachments (URL, type, size, linking page) and never rendered.
# OFD and WPS are the Chinese government's own formats and are common on 政府信息公开 pages.
ATTACHMENT_TYPES = {
    ".pdf": "pdf", ".doc": "doc", ".docx": "docx", ".wps": "wps", ".ofd": "ofd", ".rtf": "rtf",
    ".xls": "xls", ".xlsx": "xlsx", ".et": "et", ".csv": "csv",
    ".ppt": "ppt", ".pptx": "pptx", ".dps": "dps",
    ".zip": "zip", ".rar": "rar", ".7z": "7z", ".gz": "gz", ".tar": "tar",
    ".txt": "txt", ".odt": "odt", ".ods": "ods", ".odp": "odp",
}
ATTACHMENT_MIME = {
    "application/pdf": "pdf", "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/zip": "zip", "application/x-zip-compressed": "zip", "application/x-rar-compressed": "rar",
    "application/vnd.rar": "rar", "application/x-7z-compressed": "7z", "application/ofd": "ofd",
}
# Never worth a browser: media and binaries that are neither pages nor documents.
SKIPPED_EXTENSIONS = frozenset(
    ".jpg .jpeg .png .gif .webp .svg .ico .bmp .tif .tiff .mp3 .mp4 .avi .mov .wmv .flv .webm .ogg .wav "
    ".exe .msi .apk .dmg .iso .bin .css .js .json .woff .woff2 .ttf .eot".split()
)
CRAWLABLE_SCHEMES = ("http", "https", "file")
# A fragment that is a client-side route (``#/news/1``, hash-bang ``#!/news/1``), not an anchor (``#top``).
_HASH_ROUTE = re.compile(r"^!?/")


def is_hash_route(url: str) -> bool:
    """Whether ``url`` names a single-page app's hash route (``/app.html#/news/1``): a page only a browser renders."""
    return "#" in url and bool(_HASH_ROUTE.match(urlsplit(url).fragment))


@lru_cache(maxsize=1 << 16)  # a site's template links (menus, footer) come back on every page
def normalize_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of a link, or None when it is not something a crawler can visit.

    Resolves against ``base``, lower-cases scheme and host, drops default ports, the fragment (unless it is a
    single-page app's route, ``#/news/1``) and tracking parameters, sorts the remaining query, resolves ``.``/``..`` and re-quotes the path consistently.
    The trailing slash is kept (``/news`` and ``/news/`` may differ on a server); ``url_key`` treats them as one.
    """
    url = url.strip()
    if not url:
        return None
    if base is not None:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in CRAWLABLE_SCHEMES:
        return None
    if scheme == "file":
        return urlunsplit(("file", "", _clean_path(parts.path), "", ""))
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):  # IPv6 literal
        netloc = f"[{host}]" if port in (None, DEFAULT_PORTS.get(scheme)) else f"[{host}]:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in TRACKING_PARAMS]
    query.sort()
    # a single-page app's hash route (``#/news/1``) is a page of its own (``#/`` is the app's home, the page
    # itself); any other fragment is a place in a page
    fragment = parts.fragment if _HASH_ROUTE.match(parts.fragment) and parts.fragment not in ("/", "!/") else ""
    return urlunsplit((scheme, netloc, _clean_path(parts.path), urlencode(query, doseq=True), fragment))


_ABSOLUTE_HTTP = re.compile(r"\s*https?://", re.I)


def normalize_link(href: str, page_url: str) -> str | None:
    """``normalize_url`` for a link found on ``page_url``. An absolute link (the browser's ``a.href`` always is)
    does not depend on the page, so the cache serves it for every page that carries it: keyed with the page,
    each template link missed once per page (18,000 misses per 65 pages profiled)."""
    if _ABSOLUTE_HTTP.match(href):
        return normalize_url(href)
    return normalize_url(href, page_url)


def _clean_path(path: str) -> str:
    if not path:
        return "/"
    trailing = path.endswith("/")
    cleaned = posixpath.normpath(unquote(path))
    if cleaned in (".", "//"):
        cleaned = "/"
    if not cleaned.startswith("/"):
        cleaned = "/" + cleaned
    if cleaned.startswith("//"):
        cleaned = "/" + cleaned.lstrip("/")
    if trailing and not cleaned.endswith("/"):
        cleaned += "/"
    return quote(cleaned, safe="/:@!$&'()*+,;=-._~%")


# Directory index documents: ``/news/index.html`` is the page ``/news/`` on nearly every server, and Chinese
# government CMSs link both forms (``index.shtml`` and ``index.jhtml`` from TRS and Hanweb systems among them).
_INDEX_DOC = re.compile(r"/(index|default)\.(html?|shtml|jhtml|php|jsp|aspx?)$", re.I)


@lru_cache(maxsize=1 << 16)
def url_key(url: str) -> str:
    """The identity of a page for de-duplication: normalised, ``/a/`` equal to ``/a``, ``/a/index.html`` equal to
    ``/a/``, and session ids (``;jsessionid=``, ``?PHPSESSID=``, ASP.NET's ``/(S(...))/``) left out."""
    norm = normalize_url(url) or url
    parts = urlsplit(norm)
    path = _ASPNET_SESSION.sub("", _PATH_SESSION.sub("", parts.path))
    path = _INDEX_DOC.sub("/", path).rstrip("/") or "/"
    host = parts.netloc
    if host.startswith("www."):
        host = host[4:]
    query = parts.query
    if query and any(k.lower() in SESSION_PARAMS for k, _ in parse_qsl(query, keep_blank_values=True)):
        query = urlencode([(k, v) for k, v in parse_qsl(query, keep_blank_values=True)
                           if k.lower() not in SESSION_PARAMS], doseq=True)
    return urlunsplit((parts.scheme.replace("https", "http"), host, path, query, parts.fragment))


def site_host(url: str) -> str:
    """The host that defines 'same site' (``www.`` is ignored, so www.x.gov.cn and x.gov.cn are one site)."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def base_url_of(url: str) -> str:
    """The site a URL belongs to, as sites are keyed: ``scheme://host[:port]`` with ``www.`` dropped (two ports
    are two sites). Raises ValueError for what is not an http(s) URL."""
    norm = normalize_url(url)
    if norm is None:
        raise ValueError(f"不是有效的网址 / not a URL: {url}")
    parts = urlsplit(norm)
    netloc = parts.netloc[4:] if parts.netloc.startswith("www.") else parts.netloc
    return f"{parts.scheme}://{netloc}"


def in_scope(url: str, hosts: set[str]) -> bool:
    """True when ``url`` is on one of the start URLs' sites (``file:`` URLs are always local scope)."""
    if url.startswith("file:"):
        return "file" in hosts
    return site_host(url) in hosts


def attachment_type(url: str, content_type: str | None = None) -> str | None:
    """``pdf``, ``docx``... when the URL (or its Content-Type) is a document to record, not render."""
    if content_type:
        mime = content_type.split(";")[0].strip().lower()
        if mime in ATTACHMENT_MIME:
            return ATTACHMENT_MIME[mime]
    ext = posixpath.splitext(urlsplit(url).path.lower())[1]
    return ATTACHMENT_TYPES.get(ext)


def is_skipped_resource(url: str) -> bool:
    """Images, media, scripts and binaries linked as pages: not HTML, not a document."""
    return posixpath.splitext(urlsplit(url).path.lower())[1] in SKIPPED_EXTENSIONS


class UrlFilter:
    """``--include`` / ``--exclude`` patterns: regular expressions searched in the URL, or globs with ``*``.

    A URL passes when it matches any include (or there are none) and no exclude.
    """

    def __init__(self, include: list[str] | tuple[str, ...] = (), exclude: list[str] | tuple[str, ...] = ()):
        self.include = [self._compile(p) for p in include]
        self.exclude = [self._compile(p) for p in exclude]

    @staticmethod
    def _compile(pattern: str) -> re.Pattern[str]:
        if "*" in pattern and not any(ch in pattern for ch in "()[]{}\\^$+?|"):
            pattern = ".*".join(re.escape(part) for part in pattern.split("*"))
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"无效的匹配模式 / invalid pattern {pattern!r}: {exc}") from exc

    def allows(self, url: str) -> bool:
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)
