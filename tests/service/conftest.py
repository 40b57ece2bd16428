"""A service over a fresh database, one user and API token per role, and a logged-in browser-like client."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from store.db import engine_for
from wuzhangai.usecases.accounts import ROLES, add_user, create_token
from wuzhangai.web.app import create_app
from wuzhangai.web.settings import ServiceSettings

PASSWORD = "correct horse battery"


@pytest.fixture
def service_db() -> str:
    """The engine the service runs on; a module that also runs its tests on PostgreSQL overrides this with
    ``service_db = on_both_engines`` (the tests of the accounts, uploads and sites' store)."""
    return "sqlite"


@pytest.fixture(params=["sqlite", "postgresql"])
def on_both_engines(request) -> str:
    return request.param


@pytest.fixture()
def service(request, tmp_path, service_db):
    """(app, settings, {role: token}) over a new database: an SQLite file, or a fresh PostgreSQL database
    (tests/pg.py) when the module's ``service_db`` says so; no job runner."""
    db = tmp_path / "service.db" if service_db == "sqlite" else request.getfixturevalue("pg_url")
    engine = engine_for(str(db))
    tokens = {}
    for role in ROLES:
        add_user(engine, role, role, PASSWORD)
        tokens[role] = create_token(engine, role)
    settings = ServiceSettings(db=str(db), data_dir=tmp_path / "data", run_jobs=False, max_upload_mb=2,
                               allow_net=[])
    app = create_app(settings)
    return app, settings, tokens


@pytest.fixture()
def client(service):
    app, _settings, _tokens = service
    with TestClient(app, follow_redirects=False) as c:
        yield c


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert found, "the page has no CSRF token field"
    return found.group(1)


def login(client: TestClient, name: str, password: str = PASSWORD):
    page = client.get("/login")
    return client.post("/login", data={"csrftoken": csrf_of(page.text), "name": name, "password": password,
                                       "next": "/"})


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}
