"""What an authenticated scan brings along: request headers, cookies, HTTP basic auth, secrets, and the links a
logged-in crawl must not follow.

Settings keep secret references (``${secret:NAME}``), never values: they are stored with the scan and shown in
its outputs. ``resolve`` puts the values in (``Credentials``), for the scan's run only. The CLI reads secrets from
``$WUZHANGAI_SECRET_<NAME>`` or a file only its owner may read (``read_secrets_file``); the service from its
encrypted store.
"""
from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import unquote

from scanner.login import (LoginScript, ScriptError, UrlActions, load_login_script, load_url_actions,
                           secret_refs)

SECRET_ENV_PREFIX = "WUZHANGAI_SECRET_"
AUTH_NOTE = "authenticated"  # a page's note: ``authenticated <login name>``


class AuthError(ValueError):
    """Authentication settings that cannot be used (zh / en, naming the file, option or secret)."""


@dataclass
class AuthSettings:
    """What is stored with a scan: no secret values, only references to them and file paths."""

    headers: dict[str, str] = field(default_factory=dict)  # values may hold ${secret:NAME}
    cookies_file: str | None = None  # a Netscape/curl cookie file or a Playwright storage-state JSON
    cookies_secret: str | None = None  # the name of a secret holding such a file's text (the service's way)
    basic_user: str | None = None
    basic_password: str | None = None  # must be a ${secret:NAME} reference
    login_script: str | dict | None = None  # a YAML/JSON file (scanner.login), or its data (a site's setting)
    actions_file: str | list | None = None  # per-URL steps (scanner.login.load_url_actions): a file or its data
    # links not followed while authenticated (words searched, case-insensitive, in the decoded URL and in the link's
    # text); None: the default list (scanner/data/avoid_links.json), [] none
    avoid_links: list[str] | None = None

    @property
    def active(self) -> bool:
        """Whether pages are fetched as someone (headers count: an API key or a bearer token is a login)."""
        return bool(self.headers or self.cookies_file or self.cookies_secret or self.basic_user or self.login_script)

    def login_name(self) -> str | None:
        """Which login the pages are scanned under (the login script's name, else what identifies the session)."""
        if self.login_script:
            return load_login_script(self.login_script).name
        if self.basic_user:
            return f"basic:{self.basic_user}"
        if self.cookies_file or self.cookies_secret:
            return f"cookies:{Path(self.cookies_file).name if self.cookies_file else self.cookies_secret}"
        if self.headers:
            return "headers:" + ",".join(sorted(self.headers))
        return None

    def secret_names(self) -> set[str]:
        names = set().union(*(secret_refs(v) for v in self.headers.values())) if self.headers else set()
        names |= secret_refs(self.basic_user) | secret_refs(self.basic_password)
        if self.cookies_secret:
            names.add(self.cookies_secret)
        if self.login_script:
            names |= load_login_script(self.login_script).secret_names()
        if self.actions_file:
            for entry in load_url_actions(self.actions_file):
                names |= set().union(*(s.secret_names() for s in entry.steps))
        return names

    def links_to_avoid(self) -> list[str]:
        if not self.active:
            return []
        return list(default_avoid_links() if self.avoid_links is None else self.avoid_links)

    def to_config(self) -> dict[str, Any]:
        return {"headers": dict(self.headers), "cookies_file": self.cookies_file,
                "cookies_secret": self.cookies_secret, "basic_user": self.basic_user,
                "basic_password": self.basic_password, "login_script": self.login_script,
                "actions_file": self.actions_file, "avoid_links": self.avoid_links}

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> "AuthSettings":
        return cls(**dict(config or {}))

    def check(self, browser: bool) -> None:
        """Refuse what cannot work before anything is fetched: a plain basic-auth password, a login script or
        actions in static mode, files that cannot be read."""
        if self.basic_password is not None and not re.fullmatch(r"\$\{secret:\w+\}", self.basic_password):
            raise AuthError("HTTP 基本认证的密码须来自密钥（USER:${secret:NAME}），不可写在命令行或配置里 / the basic-auth "
                            "password must come from a secret (USER:${secret:NAME}), never written in a command or "
                            "a setting")
        if not browser and (self.login_script or self.actions_file):
            raise AuthError("静态模式（--no-browser）不运行浏览器，无法执行登录脚本或页面操作；请求头、Cookie 和 HTTP 基本认证"
                            "可以使用 / static mode (--no-browser) has no browser to run a login script or page "
                            "actions in; headers, cookies and HTTP basic auth do work")
        try:
            if self.login_script:
                load_login_script(self.login_script)
            if self.actions_file:
                load_url_actions(self.actions_file)
        except ScriptError as exc:
            raise AuthError(str(exc)) from None
        if self.cookies_file:
            read_cookies(self.cookies_file)


@dataclass
class Credentials:
    """The settings with the secrets' values put in: for this run only, never stored."""

    settings: AuthSettings
    secrets: dict[str, str]
    headers: dict[str, str]
    cookies: list[dict[str, Any]]  # Playwright's cookie records
    origins: list[dict[str, Any]]  # localStorage of a storage-state file
    basic: tuple[str, str] | None
    login: LoginScript | None
    actions: tuple[UrlActions, ...]
    login_name: str | None

    def storage_state(self) -> dict[str, Any] | None:
        return {"cookies": self.cookies, "origins": self.origins} if (self.cookies or self.origins) else None

    def cookie_header_jar(self):
        """The cookies as an ``httpx.Cookies`` for the crawler's own requests and the static gatherer."""
        import httpx

        jar = httpx.Cookies()
        for c in self.cookies:
            jar.set(c["name"], c["value"], domain=c.get("domain", "").lstrip("."), path=c.get("path", "/"))
        return jar


def resolve(settings: AuthSettings, secrets: Mapping[str, str]) -> Credentials | None:
    """The settings with their secrets' values; ``AuthError`` naming each secret missing. None when the scan is
    anonymous."""
    if not settings.active and not settings.actions_file:
        return None
    missing = sorted(n for n in settings.secret_names() if n not in secrets)
    if missing:
        raise AuthError(f"缺少密钥 {', '.join(missing)}：请设置环境变量 {SECRET_ENV_PREFIX}<名称> 或在 --secrets-file 中给出 / "
                        f"secret(s) missing: {', '.join(missing)}: set ${SECRET_ENV_PREFIX}<NAME> or give them in "
                        "--secrets-file")
    used = {n: secrets[n] for n in settings.secret_names()}

    def put(text: str) -> str:
        return re.sub(r"\$\{secret:(\w+)\}", lambda m: used[m.group(1)], text)

    if settings.cookies_file:
        state = read_cookies(settings.cookies_file)
    elif settings.cookies_secret:
        state = parse_cookies(used[settings.cookies_secret], f"secret {settings.cookies_secret}")
    else:
        state = {"cookies": [], "origins": []}
    return Credentials(
        settings=settings, secrets=used, headers={k: put(v) for k, v in settings.headers.items()},
        cookies=state["cookies"], origins=state["origins"],
        basic=(put(settings.basic_user), put(settings.basic_password or "")) if settings.basic_user else None,
        login=load_login_script(settings.login_script) if settings.login_script else None,
        actions=load_url_actions(settings.actions_file) if settings.actions_file else (),
        login_name=settings.login_name())


# ---- secrets for the CLI ------------------------------------------------------------------------------------

def read_secrets_file(path: str | Path) -> dict[str, str]:
    """``NAME=value`` lines (``#`` comments) from a file only its owner may read: a file readable by its group or
    by others is refused (its secrets may already be known to others)."""
    p = Path(path)
    try:
        mode = p.stat().st_mode
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuthError(f"无法读取密钥文件 {p}：{exc} / cannot read the secrets file {p}: {exc}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise AuthError(f"密钥文件 {p} 的权限为 {stat.filemode(mode)}，同组或其他用户可读写；请运行 chmod 600 {p} / the "
                        f"secrets file {p} is {stat.filemode(mode)}: its group or others may read it; run "
                        f"`chmod 600 {p}`")
    out: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name.strip()):
            raise AuthError(f"密钥文件 {p} 第 {number} 行不是 NAME=value / the secrets file {p}, line {number}: not "
                            "NAME=value")  # the line itself is not shown: it may hold a secret
        out[name.strip()] = value.strip()
    return out


def secrets_from_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    environ = os.environ if environ is None else environ
    return {k[len(SECRET_ENV_PREFIX):]: v for k, v in environ.items() if k.startswith(SECRET_ENV_PREFIX)}


# ---- cookies ------------------------------------------------------------------------------------------------

def read_cookies(path: str | Path) -> dict[str, list]:
    """``{"cookies": [...], "origins": [...]}`` (Playwright's storage state) from a storage-state JSON file or a
    Netscape/curl cookie file (``curl -c``, a browser extension's cookies.txt)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuthError(f"无法读取 Cookie 文件 {p}：{exc} / cannot read the cookie file {p}: {exc}") from None
    return parse_cookies(text, p)


def parse_cookies(text: str, p: str | Path) -> dict[str, list]:
    """``read_cookies`` of a text (``p`` names where it came from in messages)."""
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise AuthError(f"Cookie 文件 {p} 不是有效的 JSON：{exc} / the cookie file {p} is not valid JSON: "
                            f"{exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("cookies", []), list):
            raise AuthError(f"Cookie 文件 {p} 不是 Playwright 的 storage state（须有 cookies 列表）/ the cookie file {p} "
                            "is not a Playwright storage state (a `cookies` list)")
        return {"cookies": data.get("cookies", []), "origins": data.get("origins", [])}
    return {"cookies": _netscape_cookies(p, text), "origins": []}


def _netscape_cookies(p: str | Path, text: str) -> list[dict[str, Any]]:
    cookies = []
    for number, line in enumerate(text.splitlines(), 1):
        http_only = line.startswith("#HttpOnly_")
        if http_only:
            line = line[len("#HttpOnly_"):]
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 7:
            raise AuthError(f"Cookie 文件 {p} 第 {number} 行不是 Netscape 格式（7 个以制表符分隔的字段）/ the cookie "
                            f"file {p}, line {number}: not the Netscape format (7 tab-separated fields)")
        domain, _subdomains, path, secure, expires, name, value = parts
        cookies.append({"name": name, "value": value, "domain": domain, "path": path or "/",
                        "expires": float(expires) if expires.strip("-").isdigit() and int(expires) > 0 else -1,
                        "httpOnly": http_only, "secure": secure.upper() == "TRUE", "sameSite": "Lax"})
    return cookies


# ---- links not followed while logged in ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def default_avoid_links() -> tuple[str, ...]:
    data = json.loads(files("scanner").joinpath("data/avoid_links.json").read_text(encoding="utf-8"))
    return tuple(data["words"])


def avoided(url: str, words: list[str] | tuple[str, ...], text: str | None = None) -> str | None:
    """The word of ``words`` that ``url`` (decoded) or the link's ``text`` contains, or None."""
    haystacks = [unquote(url).lower()] + ([text.lower()] if text else [])
    return next((w for w in words if any(w.lower() in h for h in haystacks)), None)


def auth_note(login_name: str | None) -> str:
    """The note of a page scanned in an authenticated session (``authenticated <login>``)."""
    return f"{AUTH_NOTE} {login_name or '-'}"


def login_of(notes: list[str] | None) -> str | None:
    """The login a page was scanned under, from its notes; None for a page scanned anonymously."""
    for note in notes or []:
        if note.startswith(AUTH_NOTE + " "):
            return note[len(AUTH_NOTE) + 1:]
    return None
