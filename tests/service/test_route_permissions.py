"""Every route of the app, taken from the app itself, for anonymous and each role: 401 (API) or a redirect to
the login page (pages) without credentials, 403 for a role without the route's permission, neither for a role
with it. A route that declares no permission fails here."""
from __future__ import annotations

import re

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

try:  # FastAPI >= 0.16x keeps included routers as they are; this walks them
    from fastapi.routing import iter_route_contexts
except ImportError:  # older FastAPI copied every route into app.routes
    iter_route_contexts = None
from fastapi.testclient import TestClient

from wuzhangai.usecases.accounts import ROLES, can
from tests.service.conftest import bearer

MISSING = "no-such-thing"


def declared_permissions(route: APIRoute) -> list:
    """The permissions a route's dependencies declare (``require(...)`` or ``public``), searched recursively."""
    found, stack = [], list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        if hasattr(dep.call, "permission"):
            found.append(dep.call.permission)
        stack.extend(dep.dependencies)
    return found


def api_routes(app: FastAPI) -> list[APIRoute]:
    """Every API route the app serves, from the app itself."""
    if iter_route_contexts is None:
        return [r for r in app.routes if isinstance(r, APIRoute)]
    return [c.original_route for c in iter_route_contexts(app.routes) if isinstance(c.original_route, APIRoute)]


def routes_without_permission(app: FastAPI) -> list[str]:
    return [f"{sorted(r.methods)} {r.path}" for r in api_routes(app) if len(set(declared_permissions(r))) != 1]


def concrete(path: str) -> str:
    """A path with its parameters filled by values that name nothing (so no route changes anything)."""
    return re.sub(r"\{[^}]+\}", lambda m: "999999" if "id" in m.group(0) else MISSING, path)


def test_every_route_declares_exactly_one_permission(service):
    app, _, _ = service
    assert routes_without_permission(app) == []
    assert len(api_routes(app)) > 30


def test_a_route_without_a_permission_is_caught(service):
    app, _, _ = service
    router = APIRouter()

    @router.get("/api/forgotten")
    def forgotten():
        return {}

    app.include_router(router)
    assert routes_without_permission(app) == ["['GET'] /api/forgotten"]


def _cases(app):
    for route in api_routes(app):
        (permission,) = set(declared_permissions(route))
        for method in sorted(route.methods - {"HEAD"}):
            yield route.path, method, permission


@pytest.fixture()
def table(service):
    app, _, tokens = service
    with TestClient(app, follow_redirects=False) as client:
        yield client, list(_cases(app)), tokens


def test_anonymous_gets_401_or_the_login_page(table):
    client, cases, _ = table
    checked = 0
    for path, method, permission in cases:
        client.cookies.clear()  # no session and no CSRF cookie: a refusal here is the permission's, not CSRF's
        response = client.request(method, concrete(path))
        if permission is None:
            if method == "GET":
                assert response.status_code not in (401, 403), (method, path, response.status_code)
            else:  # a public form (the login form) is still protected against cross-site posts
                assert response.status_code == 403 and "表单已过期" in response.text, (method, path)
            continue
        checked += 1
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path, response.status_code)
            assert response.headers["www-authenticate"] == "Bearer"
        else:
            assert response.status_code == 303, (method, path, response.status_code)
            assert response.headers["location"].startswith("/login?next=")
    assert checked > 25


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_permissions(table, role):
    client, cases, tokens = table
    allowed = refused = 0
    for path, method, permission in cases:
        client.cookies.clear()
        response = client.request(method, concrete(path), headers=bearer(tokens[role]))
        if permission is None or can(role, permission):
            assert response.status_code not in (401, 403), (role, method, path, response.status_code, response.text[:200])
            allowed += 1
        else:
            assert response.status_code == 403, (role, method, path, response.status_code)
            refused += 1
    assert allowed > 0
    assert refused > 0 or role == "admin"


def test_a_wrong_or_revoked_token_is_401(table):
    client, _, tokens = table
    assert client.get("/api/sites", headers=bearer("wza_forged")).status_code == 401
    assert client.get("/api/sites", headers=bearer(tokens["viewer"] + "x")).status_code == 401
    assert client.get("/api/sites", headers=bearer(tokens["viewer"])).status_code == 200
