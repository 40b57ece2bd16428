"""Tables of the service's people: users (a role each, an argon2 password hash), API tokens (stored as SHA-256
of the token: a leaked database gives no usable token) and the audit log (who did what, when, from where).

The store keeps what it is given; hashing and checking live in ``wuzhangai.usecases.accounts``."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Table, select, update
from sqlalchemy.engine import Engine

from store.db import Base

md = Base.metadata

users = Table(
    "users", md,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False, unique=True),
    Column("role", String, nullable=False),  # admin | assessor | surveyor | viewer
    Column("password_hash", String),  # argon2id; NULL: no password login (token only)
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_login_at", DateTime(timezone=True)),
)

api_tokens = Table(
    "api_tokens", md,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_sha256", String, nullable=False, unique=True),
    Column("label", String),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
    Column("revoked", Boolean, nullable=False, default=False),
)

audit_log = Table(
    "audit_log", md,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_name", String),  # NULL: anonymous (a failed login)
    Column("action", String, nullable=False),  # e.g. login, site.create, survey.upload
    Column("target", String),
    Column("detail", JSON),
    Column("client", String),  # the client's address
    Column("outcome", String, nullable=False, default="ok"),  # ok | refused | error
)
Index("ix_audit_at", audit_log.c.at)


def now() -> datetime:
    return datetime.now(timezone.utc)


def add_user(engine: Engine, name: str, role: str, password_hash: str | None) -> int:
    with engine.begin() as conn:
        return conn.execute(users.insert().values(name=name, role=role, password_hash=password_hash,
                                                  disabled=False, created_at=now())).inserted_primary_key[0]


def user_by_name(engine: Engine, name: str) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
    return dict(row) if row else None


def user_by_id(engine: Engine, user_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.id == user_id)).mappings().first()
    return dict(row) if row else None


def list_users(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(users).order_by(users.c.id)).mappings()]


def update_user(engine: Engine, user_id: int, **values: Any) -> None:
    with engine.begin() as conn:
        conn.execute(update(users).where(users.c.id == user_id).values(**values))


def add_token(engine: Engine, user_id: int, token_sha256: str, label: str | None) -> int:
    with engine.begin() as conn:
        return conn.execute(api_tokens.insert().values(user_id=user_id, token_sha256=token_sha256, label=label,
                                                       created_at=now(), revoked=False)).inserted_primary_key[0]


TOKEN_USE_RESOLUTION = timedelta(minutes=1)  # last_used_at is written at most this often: not a write per request


def user_for_token(engine: Engine, token_sha256: str) -> dict | None:
    """The enabled user holding this (unrevoked) token; marks the token used (to the minute)."""
    with engine.connect() as conn:
        row = conn.execute(select(users, api_tokens.c.id.label("token_id"),
                                  api_tokens.c.last_used_at.label("token_used_at"))
                           .select_from(api_tokens.join(users, users.c.id == api_tokens.c.user_id))
                           .where(api_tokens.c.token_sha256 == token_sha256, api_tokens.c.revoked.is_(False),
                                  users.c.disabled.is_(False))).mappings().first()
    if row is None:
        return None
    used = row["token_used_at"]
    if used is not None and used.tzinfo is None:
        used = used.replace(tzinfo=timezone.utc)
    if used is None or now() - used > TOKEN_USE_RESOLUTION:
        with engine.begin() as conn:
            conn.execute(update(api_tokens).where(api_tokens.c.id == row["token_id"]).values(last_used_at=now()))
    return dict(row)


def revoke_tokens(engine: Engine, user_id: int) -> int:
    with engine.begin() as conn:
        return conn.execute(update(api_tokens).where(api_tokens.c.user_id == user_id)
                            .values(revoked=True)).rowcount


def audit(engine: Engine, user_name: str | None, action: str, target: str | None = None,
          detail: dict | None = None, client: str | None = None, outcome: str = "ok") -> None:
    with engine.begin() as conn:
        conn.execute(audit_log.insert().values(at=now(), user_name=user_name, action=action, target=target,
                                               detail=detail, client=client, outcome=outcome))


def audit_entries(engine: Engine, limit: int = 200, offset: int = 0) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(audit_log).order_by(audit_log.c.id.desc())
                                              .limit(limit).offset(offset)).mappings()]
