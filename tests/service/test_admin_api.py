"""The admin pages' API twins: users (list, add, change role, disable, new token) and the alert settings, through
``/api/users`` and ``/api/alerts`` with an admin's token; the same use cases as the pages and ``wuzhangai users``,
the same refusals, an audit entry for each change, and no password, hash or token in any answer but the one
that issues the token."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import text

from store import accounts as account_store
from wuzhangai.usecases.alerts import load_alert_settings
from wuzhangai.web.app import create_app
from wuzhangai.web.settings import ServiceSettings
from tests.service.conftest import PASSWORD, bearer, csrf_of, login
from tests.service.conftest import on_both_engines as service_db  # noqa: F401 (a fixture: SQLite and PostgreSQL)

NEW_PASSWORD = "a long new password"
SMTP_PASSWORD = "smtp-secret-4711"
ROBOT = "http://10.1.2.3/cgi-bin/webhook/send?key=robot-key-0815"


def stored_secrets(engine) -> list[str]:
    """Every password hash and token digest as stored: none may appear in an API answer."""
    with engine.connect() as conn:
        return ([r[0] for r in conn.execute(text("select password_hash from users")) if r[0]]
                + [r[0] for r in conn.execute(text("select token_sha256 from api_tokens"))])


def problem_fields(response) -> list:
    return [p["field"] for p in response.json()["problems"]]


def test_admin_manages_a_user_through_the_api(service, client):
    app, _, tokens = service
    engine, admin = app.state.engine, bearer(tokens["admin"])

    added = client.post("/api/users", json={"name": "zhang", "role": "surveyor", "password": NEW_PASSWORD},
                        headers=admin)
    assert added.status_code == 201, added.text
    assert added.json()["name"] == "zhang" and added.json()["role"] == "surveyor"
    assert added.json()["disabled"] is False

    listed = client.get("/api/users", headers=admin)
    assert listed.status_code == 200
    assert [u["name"] for u in listed.json()] == ["viewer", "surveyor", "assessor", "admin", "zhang"]
    assert all(set(u) == {"name", "role", "disabled", "created_at", "last_login_at"} for u in listed.json())
    secrets = stored_secrets(engine)
    assert len(secrets) == 9  # the 5 users' password hashes and the 4 role tokens' digests
    for answer in (added.text, listed.text):
        assert NEW_PASSWORD not in answer and "argon2" not in answer
        assert not any(s in answer for s in secrets)

    # the new user logs in on the page with the password the API set
    fresh = TestClient(app, follow_redirects=False)
    assert login(fresh, "zhang", NEW_PASSWORD).status_code == 303

    changed = client.put("/api/users/zhang", json={"role": "assessor"}, headers=admin)
    assert changed.status_code == 200 and changed.json()["role"] == "assessor"
    assert account_store.user_by_name(engine, "zhang")["role"] == "assessor"

    issued = client.post("/api/users/zhang/token", headers=admin)
    assert issued.status_code == 201
    token = issued.json()["token"]
    assert token.startswith("wza_") and token not in client.get("/api/users", headers=admin).text
    assert client.post("/api/sites", json={"url": "http://10.9.9.9/"}, headers=bearer(token)).status_code == 422
    assert client.get("/api/sites", headers=bearer(token)).status_code == 200  # an assessor's token now

    disabled = client.post("/api/users/zhang/disable", headers=admin)
    assert disabled.status_code == 200 and disabled.json()["disabled"] is True
    assert client.get("/api/sites", headers=bearer(token)).status_code == 401  # its tokens are revoked
    assert login(TestClient(app, follow_redirects=False), "zhang", NEW_PASSWORD).status_code == 401
    refused = client.post("/api/users/zhang/token", headers=admin)
    assert refused.status_code == 422 and "已停用" in refused.json()["detail"]["zh"]

    entries = account_store.audit_entries(engine)
    actions = [(e["action"], e["target"], e["user_name"], e["outcome"]) for e in reversed(entries)
               if e["action"].startswith("user.")]
    assert actions == [("user.add", "zhang", "admin", "ok"), ("user.role", "zhang", "admin", "ok"),
                            ("user.token", "zhang", "admin", "ok"), ("user.disable", "zhang", "admin", "ok"),
                            ("user.token", "zhang", "admin", "refused")]
    assert all(e["client"] for e in entries)
    logged = json.dumps([e["detail"] for e in entries], ensure_ascii=False, default=str)
    assert token not in logged and NEW_PASSWORD not in logged


def test_the_api_refuses_what_the_page_and_the_cli_refuse(service, client):
    app, settings, tokens = service
    admin = bearer(tokens["admin"])
    cases = [({"name": "viewer", "role": "viewer", "password": NEW_PASSWORD}, "name", "已存在"),  # 422 as the page
             ({"name": "li", "role": "viewer", "password": "short"}, "password", "至少"),
             ({"name": "li", "role": "superuser", "password": NEW_PASSWORD}, "role", "未知角色"),
             ({"name": "li si", "role": "viewer", "password": NEW_PASSWORD}, "name", "用户名")]
    for body, field, zh in cases:
        response = client.post("/api/users", json=body, headers=admin)
        assert response.status_code == 422, body
        assert problem_fields(response) == [field] and zh in response.json()["detail"]["zh"], response.text
        assert response.json()["detail"]["en"]
    assert client.post("/api/users", json={"name": "li", "role": "viewer"}, headers=admin).status_code == 422
    assert client.put("/api/users/viewer", json={"role": "root"}, headers=admin).status_code == 422
    for method, path, body in (("PUT", "/api/users/nobody", {"role": "viewer"}), ("POST", "/api/users/nobody/disable", None),
                               ("POST", "/api/users/nobody/token", None)):
        response = client.request(method, path, json=body, headers=admin)
        assert response.status_code == 404 and "nobody" in response.json()["detail"]["en"], (method, path)
    assert [u["name"] for u in client.get("/api/users", headers=admin).json()] == ["viewer", "surveyor", "assessor",
                                                                                 "admin"]
    # the CLI answers the same list (one use case behind both)
    from wuzhangai.cli import main

    out = CliRunner().invoke(main, ["users", "list", "--format", "json", "--db", str(settings.db)])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout) == client.get("/api/users", headers=admin).json()


@pytest.mark.parametrize("role", ["viewer", "surveyor", "assessor"])
def test_only_admins_reach_the_users_and_alerts_api(service, client, role):
    app, _, tokens = service
    requests = [("GET", "/api/users", None), ("POST", "/api/users", {"name": "x1", "role": "admin",
                                                                      "password": NEW_PASSWORD}),
                ("PUT", "/api/users/viewer", {"role": "admin"}), ("POST", "/api/users/admin/disable", None),
                ("POST", "/api/users/admin/token", None), ("GET", "/api/alerts", None),
                ("PUT", "/api/alerts", {"webhooks": []})]
    for method, path, body in requests:
        assert client.request(method, path, json=body, headers=bearer(tokens[role])).status_code == 403, path
        assert client.request(method, path, json=body).status_code == 401, path
    assert account_store.user_by_name(app.state.engine, "x1") is None
    assert account_store.user_by_name(app.state.engine, "viewer")["role"] == "viewer"
    assert not account_store.user_by_name(app.state.engine, "admin")["disabled"]


@pytest.fixture()
def intranet(service):
    """The service with ``--allow-net 10.0.0.0/8``: a government intranet's robot and mail server."""
    _, settings, tokens = service
    app = create_app(ServiceSettings(db=settings.db, data_dir=settings.data_dir, run_jobs=False,
                                     allow_net=["10.0.0.0/8"]))
    with TestClient(app, follow_redirects=False) as c:
        yield app, c, bearer(tokens["admin"])


def test_alert_settings_through_the_api_keep_the_smtp_password_secret(intranet):
    app, client, admin = intranet
    engine = app.state.engine
    empty = client.get("/api/alerts", headers=admin)
    assert empty.status_code == 200
    assert empty.json()["webhooks"] == [] and empty.json()["smtp_password_set"] is False
    assert empty.json()["deliveries"] == []

    body = {"webhooks": [ROBOT], "score_drop": 3, "smtp_host": "10.0.0.25", "smtp_port": 587,
            "smtp_user": "alerts", "smtp_password": SMTP_PASSWORD, "smtp_starttls": True,
            "mail_from": "wza@jianghan.gov.cn", "mail_to": ["office@jianghan.gov.cn"]}
    saved = client.put("/api/alerts", json=body, headers=admin)
    assert saved.status_code == 200, saved.text
    assert saved.json()["smtp_password_set"] is True and saved.json()["score_drop"] == 3.0
    assert load_alert_settings(engine).smtp_password == SMTP_PASSWORD

    shown = client.get("/api/alerts", headers=admin)
    for answer in (saved.text, shown.text):
        assert SMTP_PASSWORD not in answer and "smtp_password\"" not in answer
    assert shown.json()["webhooks"] == [ROBOT] and shown.json()["mail_to"] == ["office@jianghan.gov.cn"]

    # what GET shows can be PUT back as it is: the password stays, as a blank one stays on the page
    again = client.put("/api/alerts", json={**shown.json(), "score_drop": 8}, headers=admin)
    assert again.status_code == 200 and again.json()["score_drop"] == 8.0
    assert load_alert_settings(engine).smtp_password == SMTP_PASSWORD

    entries = [e for e in account_store.audit_entries(engine) if e["action"] == "alerts.settings"]
    assert len(entries) == 2 and entries[0]["user_name"] == "admin" and entries[0]["outcome"] == "ok"
    logged = json.dumps([e["detail"] for e in entries], default=str)
    assert SMTP_PASSWORD not in logged and "robot-key" not in logged


def test_alert_receivers_pass_the_network_guard_and_bad_settings_are_422(intranet):
    app, client, admin = intranet
    engine = app.state.engine
    refused = [({"webhooks": ["http://127.0.0.1:9/hook"]}, "webhooks"),
               ({"webhooks": [ROBOT, "http://169.254.169.254/latest/meta-data/"]}, "webhooks"),
               ({"webhooks": ["http://192.168.1.1/robot"]}, "webhooks"),  # private, outside the allowed range
               ({"webhooks": ["file:///etc/passwd"]}, "webhooks"),
               ({"smtp_host": "127.0.0.1", "mail_to": ["a@b.cn"]}, "smtp_host")]
    for body, field in refused:
        response = client.put("/api/alerts", json=body, headers=admin)
        assert response.status_code == 422, body
        assert problem_fields(response) == [field], body
        detail = response.json()["detail"]
        assert detail["zh"].startswith("已拒绝访问") and detail["en"].startswith("refused"), detail
    invalid = [{"smtp_host": "10.0.0.25"},  # no recipients
               {"score_drop": -1}, {"score_drop": "many"}, {"webhooks": "http://10.1.2.3/"}, {"smtp_port": "x"}]
    for body in invalid:
        response = client.put("/api/alerts", json=body, headers=admin)
        assert response.status_code == 422, body
        assert response.json()["detail"]["zh"] and response.json()["detail"]["en"], body
    assert load_alert_settings(engine).webhooks == []  # nothing of it was saved
    outcomes = [e["outcome"] for e in account_store.audit_entries(engine) if e["action"] == "alerts.settings"]
    assert outcomes == ["refused"] * 7  # the guard's five, the use case's two; pydantic's three never reach it


def test_the_page_and_the_api_share_the_settings(intranet):
    app, client, admin = intranet
    assert client.put("/api/alerts", json={"webhooks": [ROBOT], "smtp_host": "10.0.0.25", "smtp_password":
                                           SMTP_PASSWORD, "mail_to": ["office@jianghan.gov.cn"]},
                      headers=admin).status_code == 200
    login(client, "admin", PASSWORD)
    page = client.get("/admin/alerts")
    assert ROBOT in page.text and SMTP_PASSWORD not in page.text
    form = {"csrftoken": csrf_of(page.text), "webhooks": "http://127.0.0.1:9/hook", "score_drop": "5",
            "smtp_host": "10.0.0.25", "smtp_port": "25", "smtp_password": "", "mail_to": "office@jianghan.gov.cn"}
    assert client.post("/admin/alerts", data=form).status_code == 422  # the page's guard is the API's
    saved = client.post("/admin/alerts", data={**form, "webhooks": ROBOT, "score_drop": "2"})
    assert saved.status_code == 200
    client.cookies.clear()
    shown = client.get("/api/alerts", headers=admin).json()
    assert shown["score_drop"] == 2.0 and shown["smtp_password_set"] is True
    assert load_alert_settings(app.state.engine).smtp_password == SMTP_PASSWORD  # the blank field kept it
