"""People of the service: roles and what each may do, passwords (argon2id), API tokens, the audit log.

Roles are ordered; each includes the one below it (pa11y-dashboard's read-only/editor split, with the two
roles our users add: field surveyors who upload and admins who manage people):

    viewer    reads dashboards, maps and reports
    surveyor  also uploads surveys
    assessor  also manages sites, scans, schedules and dismissals
    admin     also manages users, alert settings and reads the audit log
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine

from store import accounts as store

ROLES = ("viewer", "surveyor", "assessor", "admin")
# permission -> the least role holding it
PERMISSIONS: dict[str, str] = {
    "view": "viewer",
    "upload_surveys": "surveyor",
    "manage_sites": "assessor",
    "manage_users": "admin",
}
TOKEN_PREFIX = "wza_"
MIN_PASSWORD = 10
_NAME = re.compile(r"^[\w.@-]{1,64}$")
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    def can(self, permission: str) -> bool:
        return can(self.role, permission)


class AccountError(ValueError):
    """A refused account change, in Chinese and English; ``field`` names the input at fault (for the API's
    problems list). ``str()`` is "zh / en", as the CLI and the pages print it."""

    def __init__(self, zh: str, en: str, field: str | None = None):
        self.zh, self.en, self.field = zh, en, field
        super().__init__(f"{zh} / {en}")


class NoSuchUser(AccountError):
    """The named user does not exist (the API answers 404, the CLI and pages print it as any refusal)."""


def can(role: str, permission: str) -> bool:
    return ROLES.index(role) >= ROLES.index(PERMISSIONS[permission])


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 个字符", f"the password needs at least {MIN_PASSWORD} characters",
                           "password")


def add_user(engine: Engine, name: str, role: str, password: str | None) -> int:
    if not _NAME.match(name):
        raise AccountError("用户名只能含字母、数字、汉字和 . _ @ -（最多 64 个）",
                           f"a user name is letters, digits and . _ @ - (64 at most): {name!r}", "name")
    if role not in ROLES:
        raise AccountError(f"未知角色 {role!r}，可选 {', '.join(ROLES)}", f"unknown role {role!r}", "role")
    if store.user_by_name(engine, name):
        raise AccountError(f"用户 {name} 已存在", f"user {name} exists", "name")
    if password is not None:
        _check_password(password)
    return store.add_user(engine, name, role, _hasher.hash(password) if password is not None else None)


def set_password(engine: Engine, name: str, password: str) -> None:
    _check_password(password)
    user = _existing(engine, name)
    store.update_user(engine, user["id"], password_hash=_hasher.hash(password))


def set_role(engine: Engine, name: str, role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"未知角色 {role!r}，可选 {', '.join(ROLES)}", f"unknown role {role!r}", "role")
    store.update_user(engine, _existing(engine, name)["id"], role=role)


def disable_user(engine: Engine, name: str) -> None:
    """Disabled users cannot log in and their tokens stop working (they are revoked)."""
    user = _existing(engine, name)
    store.update_user(engine, user["id"], disabled=True)
    store.revoke_tokens(engine, user["id"])


def _existing(engine: Engine, name: str) -> dict:
    user = store.user_by_name(engine, name)
    if user is None:
        raise NoSuchUser(f"没有用户 {name}（用 wuzhangai users list 查看）", f"no user {name} (see wuzhangai users list)",
                         "name")
    return user


def authenticate(engine: Engine, name: str, password: str) -> User | None:
    """The user when the name and password match an enabled account, else None (same answer and similar time
    for an unknown name, a wrong password and a disabled account)."""
    row = store.user_by_name(engine, name)
    stored = row["password_hash"] if row and row["password_hash"] else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row["disabled"] or not row["password_hash"]:
        return None
    if _hasher.check_needs_rehash(stored):
        store.update_user(engine, row["id"], password_hash=_hasher.hash(password))
    store.update_user(engine, row["id"], last_login_at=store.now())
    return User(row["id"], row["name"], row["role"])


_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(engine: Engine, name: str, label: str | None = None) -> str:
    """A new API token for ``name``: shown once, stored only as its SHA-256."""
    user = _existing(engine, name)
    if user["disabled"]:
        raise AccountError(f"用户 {name} 已停用", f"user {name} is disabled", "name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    store.add_token(engine, user["id"], token_digest(token), label)
    return token


def user_for_token(engine: Engine, token: str) -> User | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = store.user_for_token(engine, token_digest(token))
    return User(row["id"], row["name"], row["role"]) if row else None


def user_by_id(engine: Engine, user_id: int) -> User | None:
    row = store.user_by_id(engine, user_id)
    if row is None or row["disabled"]:
        return None
    return User(row["id"], row["name"], row["role"])


def list_users(engine: Engine) -> list[dict]:
    return [{k: v for k, v in u.items() if k != "password_hash"} for u in store.list_users(engine)]


def user_summaries(engine: Engine) -> list[dict]:
    """Every user as ``users list --format json`` and ``GET /api/users`` show them: named fields only (a new
    column of the table, a hash say, does not leak into either), times in ISO 8601."""
    return [{"name": u["name"], "role": u["role"], "disabled": bool(u["disabled"]),
             "created_at": u["created_at"].isoformat() if u["created_at"] else None,
             "last_login_at": u["last_login_at"].isoformat() if u["last_login_at"] else None}
            for u in store.list_users(engine)]
