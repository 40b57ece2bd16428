"""The service's settings: command-line options win, then ``WUZHANGAI_*`` environment variables, then defaults
(pydantic-settings, as FastAPI's full-stack template does)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WUZHANGAI_", extra="ignore")

    db: str | None = None  # a path or an SQLAlchemy URL; None: ./wuzhangai.db (store.db.resolve_db)
    data_dir: Path = Path("wuzhangai-data")  # uploaded originals, reports, the signing key; never served as is
    host: str = "127.0.0.1"
    port: int = 8080
    allow_net: list[str] = []  # CIDR ranges scans may reach although private (government intranets)
    max_upload_mb: int = 50
    https: bool = False  # reached over https (behind a TLS proxy): cookies are marked Secure
    session_hours: int = 12
    login_failures: str = "5 per 15 minutes"  # per user name and client address, then refused for the window
    scan_workers: int = 1  # scans run at once by the embedded runner (one Chromium each)
    tick_seconds: float = 15.0  # how often schedules are checked
    heartbeat_seconds: float = 10.0  # a running job says it is alive this often
    stale_after_seconds: float = 60.0  # a running job silent this long lost its worker (killed): it is resumed
    chromium: str | None = None
    secret_key: str | None = None  # signs session and CSRF cookies; default: a key file in data_dir
    run_jobs: bool = True  # False: pages and API only (tests, or a second front-end)
    warm_caches: bool = True  # score the stored facilities at start, before the first dashboard asks

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    def signing_key(self) -> str:
        """The key that signs cookies: given, or read from (first made in) ``data_dir/secret_key``, mode 0600."""
        if self.secret_key:
            return self.secret_key
        self.data_dir.mkdir(parents=True, exist_ok=True)
        path = self.data_dir / "secret_key"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48))
        return path.read_text().strip()

    def secret_box(self):
        """What encrypts the sites' scan secrets (``wuzhangai.usecases.site_auth``): the key from
        ``$WUZHANGAI_SECRETS_KEY``, else ``data_dir/secrets_key`` (made on first use, mode 0600); never in the
        database."""
        from wuzhangai.usecases.site_auth import SecretBox

        return SecretBox.from_env_or_file(self.data_dir / "secrets_key")

    def folder(self, name: str) -> Path:
        path = self.data_dir / name
        path.mkdir(parents=True, exist_ok=True)
        return path
