"""Who is asking and may they: one permission check per route (datasette's style), as FastAPI dependencies.

A request is authenticated by ``Authorization: Bearer wza_...`` (API clients) or by the signed session cookie
set at login (browsers). Every route declares ``Depends(require(PERMISSION))`` or ``Depends(public)``; the route
table test (tests/service/test_route_permissions.py) fails for a route that declares neither.
"""
from __future__ import annotations

from typing import Callable

from fastapi import Depends, HTTPException, Request
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy.engine import Engine

from store import accounts as account_store
from wuzhangai.usecases.accounts import PERMISSIONS, User, user_by_id, user_for_token


class LoginRequired(Exception):
    """No (valid) credentials: 401 for the API, a redirect to the login page for pages."""


def engine(request: Request) -> Engine:
    return request.app.state.engine


def current_user(request: Request) -> User | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return user_for_token(request.app.state.engine, header[7:].strip())  # a bad token is no user, never a session
    uid = request.session.get("uid")
    if uid is None:
        return None
    user = user_by_id(request.app.state.engine, int(uid))
    if user is None or user.role != request.session.get("role"):
        request.session.clear()  # disabled, removed or changed role since login: log in again
        return None
    return user


def require(permission: str) -> Callable[..., User]:
    """The dependency of a route open to users holding ``permission``."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission}")

    def dependency(request: Request, user: User | None = Depends(current_user)) -> User:
        if user is None:
            raise LoginRequired()
        if not user.can(permission):
            raise HTTPException(403, detail={"zh": "您的角色无权执行此操作", "en": "your role may not do this",
                                              "permission": permission})
        request.state.user = user
        return user

    dependency.permission = permission  # read by the route table test
    return dependency


def public(request: Request, user: User | None = Depends(current_user)) -> User | None:
    """The dependency of a route anyone may open (login page, health, static files)."""
    request.state.user = user
    return user


public.permission = None


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def audit(request: Request, action: str, target: object = None, detail: dict | None = None,
          outcome: str = "ok", user_name: str | None = None) -> None:
    """Write one audit-log entry for this request (who, what, when, from where)."""
    user = getattr(request.state, "user", None)
    account_store.audit(request.app.state.engine, user_name or (user.name if user else None), action,
                        None if target is None else str(target), detail, client_address(request), outcome)


class LoginThrottle:
    """Failed logins per (user name, client) and per client in a moving window (the ``limits`` library); once
    over, the login is refused without checking the password until the window moves on."""

    def __init__(self, per_name: str):
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.per_name = parse(per_name)
        self.per_client = parse(f"{self.per_name.amount * 4} per {self.per_name.multiples} "
                                f"{self.per_name.GRANULARITY.name}")

    def _keys(self, name: str, client: str | None) -> list[tuple]:
        return [(self.per_name, "login", name.lower(), client or "-"), (self.per_client, "login-client", client or "-")]

    def allowed(self, name: str, client: str | None) -> bool:
        return all(self.limiter.test(item, *key) for item, *key in self._keys(name, client))

    def failed(self, name: str, client: str | None) -> None:
        for item, *key in self._keys(name, client):
            self.limiter.hit(item, *key)

    def succeeded(self, name: str, client: str | None) -> None:
        self.limiter.clear(self.per_name, "login", name.lower(), client or "-")


def local_path(value: str | None, default: str) -> str:
    """``value`` when it is a path on this site, else ``default``: where a form may send the user after it
    (no open redirect; a browser reads ``/\\evil.example`` as ``//evil.example``)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default
