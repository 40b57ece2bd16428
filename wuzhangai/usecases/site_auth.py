"""A site's authenticated scans as the service keeps them: the settings (headers, basic auth, login script, per-URL
steps, links avoided) in ``sites.scan_config["auth"]`` with secret references only, and the secrets encrypted at
rest in ``site_secrets`` (Fernet: AES-128-CBC with HMAC-SHA256, the ``cryptography`` package).

The key is never in the database: ``$WUZHANGAI_SECRETS_KEY`` (a Fernet key), else a key file (the service's
``data_dir/secrets_key``, made on first use with mode 0600). A secret's value leaves this module only to a scan
(``secrets_for_site``); everything shown (pages, API, audit log) has its name and a mask.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from scanner.auth import AuthError, AuthSettings
from scanner.login import ScriptError
from store import site_secrets as secret_store
from store import sites as site_store
from wuzhangai.usecases.site_admin import SiteRefused

KEY_ENV = "WUZHANGAI_SECRETS_KEY"
MASK = "••••••••"
SECRET_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
MAX_SECRET_BYTES = 64 * 1024  # a cookie file of a portal is a few kB


class SecretBox:
    """Encrypts and decrypts the sites' secrets with the service's key."""

    def __init__(self, key: bytes | str):
        from cryptography.fernet import Fernet

        self._fernet = Fernet(key)

    @classmethod
    def from_env_or_file(cls, key_file: Path) -> "SecretBox":
        """``$WUZHANGAI_SECRETS_KEY``, else ``key_file`` (made with a new key, mode 0600, when missing)."""
        from cryptography.fernet import Fernet

        if os.environ.get(KEY_ENV):
            return cls(os.environ[KEY_ENV].strip())
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(Fernet.generate_key())
        return cls(key_file.read_bytes().strip())

    def seal(self, value: str) -> str:
        return self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def open(self, token: str) -> str:
        return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")


def auth_settings(site: dict) -> AuthSettings:
    return AuthSettings.from_config((site.get("scan_config") or {}).get("auth"))


def auth_view(engine: Engine, site_id: int) -> dict[str, Any]:
    """What a page or the API shows: the settings (references only), each secret's name masked with who set it
    and when, and the names the settings use that have no secret yet."""
    site = site_store.site_row(engine, site_id)
    settings = auth_settings(site)
    rows = secret_store.secret_rows(engine, site_id)
    try:
        used = settings.secret_names()
    except (ScriptError, AuthError):
        used = set()
    return {"settings": settings.to_config(),
            "secrets": [{"name": r["name"], "value": MASK, "updated_at": r["updated_at"].isoformat(),
                         "updated_by": r["updated_by"]} for r in rows],
            "missing": sorted(used - {r["name"] for r in rows})}


def parse_auth_form(headers: str = "", basic_user: str = "", basic_password_secret: str = "",
                    cookies_secret: str = "", login_script: str = "", actions: str = "",
                    avoid_links: str | None = None) -> AuthSettings:
    """Settings from the form's texts (headers one per line ``Name: value``; the login script and actions as
    YAML); ``SiteRefused`` naming the field of the first problem."""
    import yaml

    parsed: dict[str, str] = {}
    for number, line in enumerate((headers or "").splitlines(), 1):
        if line.strip():
            name, sep, value = line.partition(":")
            if not sep or not name.strip():
                raise SiteRefused(f"请求头第 {number} 行须为 名称: 值", f"header line {number} must be NAME: VALUE",
                                  "headers")
            parsed[name.strip()] = value.strip()
    for name in (basic_password_secret, cookies_secret):
        if name and not SECRET_NAME.match(name):
            raise SiteRefused(f"密钥名称无效：{name}", f"not a secret name: {name}", "secrets")
    documents = {}
    for field, text in (("login_script", login_script), ("actions", actions)):
        try:
            documents[field] = yaml.safe_load(text) if (text or "").strip() else None
        except yaml.YAMLError as exc:
            first = str(exc).splitlines()[0]
            raise SiteRefused(f"{field} 不是有效的 YAML：{first}", f"{field} is not valid YAML: {first}", field) from None
    avoid = None if avoid_links is None or not avoid_links.strip() else (
        [] if avoid_links.strip() == "none" else [w.strip() for w in avoid_links.split(",") if w.strip()])
    settings = AuthSettings(headers=parsed, basic_user=basic_user.strip() or None,
                            basic_password="${secret:%s}" % basic_password_secret if basic_password_secret else None,
                            cookies_secret=cookies_secret or None, login_script=documents["login_script"],
                            actions_file=documents["actions"], avoid_links=avoid)
    try:
        settings.check(browser=True)
    except AuthError as exc:  # its message is zh / en already (and names the step): shown whole in either language
        raise SiteRefused(str(exc), str(exc), "login_script") from None
    return settings


def save_auth_settings(engine: Engine, site_id: int, settings: AuthSettings) -> None:
    site = site_store.site_row(engine, site_id)
    if site is None:
        raise LookupError(site_id)
    config = {**(site.get("scan_config") or {}), "auth": settings.to_config()}
    site_store.update_site(engine, site_id, scan_config=config)


def set_secret(engine: Engine, box: SecretBox, site_id: int, name: str, value: str, by: str | None) -> None:
    if not SECRET_NAME.match(name or ""):
        raise SiteRefused("密钥名称须为字母、数字和下划线（字母开头）", "a secret's name is letters, digits and _ (a "
                          "letter first)", "name")
    if not value or len(value.encode("utf-8")) > MAX_SECRET_BYTES:
        raise SiteRefused(f"密钥值须为 1 字节到 {MAX_SECRET_BYTES // 1024} KB", f"a secret's value must be 1 byte to "
                          f"{MAX_SECRET_BYTES // 1024} KB", "value")
    secret_store.put_secret(engine, site_id, name, box.seal(value), by)


def secrets_for_site(engine: Engine, box: SecretBox, site_id: int) -> dict[str, str]:
    """The site's secrets' values, for a scan about to run (never shown, never stored elsewhere)."""
    return {r["name"]: box.open(r["ciphertext"]) for r in secret_store.secret_rows(engine, site_id)}
