"""Logging in: argon2 hashes, hashed tokens, session cookie flags, CSRF on every form, throttling, no open
redirect, the audit log, security headers."""
from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from store import accounts as account_store
from store.db import engine_for
from wuzhangai.usecases.accounts import disable_user
from wuzhangai.web.app import create_app
from wuzhangai.web.settings import ServiceSettings
from tests.service.conftest import PASSWORD, bearer, csrf_of, login
from tests.service.conftest import on_both_engines as service_db  # noqa: F401 (a fixture: SQLite and PostgreSQL)


def test_passwords_are_argon2_and_tokens_are_stored_hashed(service):
    app, settings, tokens = service
    with engine_for(settings.db).connect() as conn:  # the rows as stored, on SQLite and PostgreSQL
        hashes = [r[0] for r in conn.execute(text("select password_hash from users"))]
        stored_tokens = [r[0] for r in conn.execute(text("select token_sha256 from api_tokens"))]
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)
    assert not set(tokens.values()) & set(stored_tokens)
    assert all(len(t) == 64 for t in stored_tokens)


def test_login_sets_a_httponly_lax_session_and_logout_ends_it(service, client):
    response = login(client, "viewer")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = [h for h in response.headers.get_list("set-cookie") if h.startswith("wza_session=")][0]
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower() and "secure" not in cookie.lower()
    assert client.get("/").status_code == 200
    page = client.get("/")
    assert client.post("/logout", data={"csrftoken": csrf_of(page.text)}).status_code == 303
    assert client.get("/").status_code == 303


def test_cookies_are_secure_under_https(tmp_path, service):
    _, settings, _ = service
    app = create_app(ServiceSettings(db=settings.db, data_dir=settings.data_dir, run_jobs=False, https=True))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        response = login(c, "viewer")
        cookies = response.headers.get_list("set-cookie")
        assert all("secure" in h.lower() for h in cookies if h.startswith(("wza_session", "wza_csrf")))


def test_forms_without_the_csrf_token_are_refused(service, client):
    client.get("/login")  # gets the CSRF cookie
    response = client.post("/login", data={"name": "viewer", "password": PASSWORD, "next": "/"})
    assert response.status_code == 403
    login(client, "admin")
    response = client.post("/admin/users", data={"name": "evil", "role": "admin", "password": "x" * 12})
    assert response.status_code == 403
    assert account_store.user_by_name(client.app.state.engine, "evil") is None


def test_wrong_password_then_throttled_even_with_the_right_one(service, client):
    app, _, _ = service
    for _ in range(5):
        assert login(client, "viewer", "wrong password!").status_code == 401
    response = login(client, "viewer")
    assert response.status_code == 429 and "15" in response.text
    other = login(client, "assessor")  # another account from the same address is not locked out yet
    assert other.status_code == 303
    actions = [(e["action"], e["outcome"]) for e in account_store.audit_entries(app.state.engine)]
    assert actions.count(("login", "refused")) == 6 and ("login", "ok") in actions


def test_no_open_redirect_after_login(service, client):
    page = client.get("/login?next=//evil.example/")
    response = client.post("/login", data={"csrftoken": csrf_of(page.text), "name": "viewer", "password": PASSWORD,
                                           "next": "https://evil.example/"})
    assert response.headers["location"] == "/"


def test_disabled_user_loses_session_and_token(service, client):
    app, _, tokens = service
    login(client, "surveyor")
    assert client.get("/surveys").status_code == 200
    disable_user(app.state.engine, "surveyor")
    assert client.get("/surveys").status_code == 303
    assert client.get("/api/surveys", headers=bearer(tokens["surveyor"])).status_code == 401
    assert login(client, "surveyor").status_code == 401


def test_security_headers_and_no_inline_script(service, client):
    login(client, "admin")
    for path in ("/", "/sites", "/surveys", "/facilities", "/reports", "/admin/users", "/admin/audit", "/login"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "<script>" not in response.text and " style=" not in response.text, path


def test_admin_adds_a_user_who_can_then_log_in(service, client):
    app, _, _ = service
    login(client, "admin")
    page = client.get("/admin/users")
    response = client.post("/admin/users", data={"csrftoken": csrf_of(page.text), "name": "zhang",
                                                  "role": "surveyor", "password": "another long one"})
    assert response.status_code == 200 and "zhang" in response.text
    entries = account_store.audit_entries(app.state.engine)
    assert entries[0]["action"] == "user.add" and entries[0]["user_name"] == "admin" and entries[0]["client"]
    fresh = TestClient(app, follow_redirects=False)
    assert login(fresh, "zhang", "another long one").status_code == 303
