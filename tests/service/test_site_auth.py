"""A site's authenticated-scan settings and secrets in the service: encrypted at rest with a key that is not in
the database, masked in the API and the page, never in the audit log, for assessors and admins only, CSRF on the
forms, and given to a job's scan (never stored with it)."""
from __future__ import annotations

import json
import stat

from cryptography.fernet import Fernet, InvalidToken
import pytest

from store import accounts as account_store
from store import jobs as job_store
from store import scans as scan_store
from store import site_secrets as secret_store
from store.sites import save_site
from tests.service.conftest import bearer, csrf_of, login
from wuzhangai.jobs.runner import prepare_job_scan
from wuzhangai.usecases.site_auth import SecretBox, secrets_for_site

VALUE = "Pa55-portal-秘密-6b1f0e"
SCRIPT = {"name": "portal-member", "logged_out": {"url": "/login"},
          "steps": [{"goto": "https://portal.example.gov.cn/login"},
                    {"fill": {"selector": "#password", "value": "${secret:PORTAL_PASSWORD}"}},
                    {"click": "#login-submit"}]}


@pytest.fixture
def site(service):
    app, _, _ = service
    return save_site(app.state.engine, "https://portal.example.gov.cn", "门户")


def test_a_secret_is_encrypted_masked_and_never_in_the_audit_log(service, client, site):
    app, settings, tokens = service
    h = bearer(tokens["assessor"])
    assert client.put(f"/api/sites/{site}/secrets/PORTAL_PASSWORD", json={"value": VALUE}, headers=h).status_code == 204
    shown = client.get(f"/api/sites/{site}/auth", headers=h).json()
    assert [(s["name"], s["value"], s["updated_by"]) for s in shown["secrets"]] == [
        ("PORTAL_PASSWORD", "••••••••", "assessor")]
    assert VALUE not in json.dumps(shown, ensure_ascii=False)
    # at rest: a Fernet token under the key file (mode 0600, in data_dir, not in the database)
    key_file = settings.data_dir / "secrets_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    token = secret_store.secret_rows(app.state.engine, site)[0]["ciphertext"]
    assert Fernet(key_file.read_bytes()).decrypt(token.encode()).decode() == VALUE
    with pytest.raises(InvalidToken):
        Fernet(Fernet.generate_key()).decrypt(token.encode())
    db_bytes = open(settings.db, "rb").read() + (open(settings.db + "-wal", "rb").read()
                                                   if __import__("os").path.exists(settings.db + "-wal") else b"")
    assert VALUE.encode() not in db_bytes and key_file.read_bytes() not in db_bytes
    # the page shows the mask, never the value
    login(client, "admin")
    page = client.get(f"/sites/{site}/auth")
    assert page.status_code == 200 and "PORTAL_PASSWORD" in page.text and "••••••••" in page.text
    assert VALUE not in page.text
    entries = account_store.audit_entries(app.state.engine)
    assert any(e["action"] == "site.secret.set" for e in entries)
    assert VALUE not in json.dumps(entries, ensure_ascii=False, default=str)
    assert client.delete(f"/api/sites/{site}/secrets/PORTAL_PASSWORD", headers=h).status_code == 204
    assert secret_store.secret_rows(app.state.engine, site) == []


@pytest.mark.parametrize("role", ["viewer", "surveyor"])
def test_only_assessors_and_admins_touch_scan_credentials(service, client, site, role):
    _, _, tokens = service
    h = bearer(tokens[role])
    assert client.get(f"/api/sites/{site}/auth", headers=h).status_code == 403
    assert client.put(f"/api/sites/{site}/secrets/X", json={"value": "v"}, headers=h).status_code == 403
    assert client.put(f"/api/sites/{site}/auth", json={}, headers=h).status_code == 403
    assert client.delete(f"/api/sites/{site}/secrets/X", headers=h).status_code == 403
    login(client, role)
    assert client.get(f"/sites/{site}/auth").status_code == 403
    assert client.get(f"/api/sites/{site}/auth", headers=bearer(tokens["admin"])).status_code == 200


def test_settings_form_needs_its_csrf_token_and_refuses_code(service, client, site):
    app, _, _ = service
    login(client, "assessor")
    page = client.get(f"/sites/{site}/auth")
    token = csrf_of(page.text)
    form = {"login_script": "name: m\nlogged_out: {url: /login}\nsteps:\n  - click: '#ok'\n", "headers": "X-Key: ${secret:K}"}
    assert client.post(f"/sites/{site}/auth", data=form).status_code == 403  # no token
    bad = client.post(f"/sites/{site}/auth", data={**form, "csrftoken": token,
                                                   "login_script": "name: m\nlogged_out: {url: /login}\nsteps:\n  - eval: x\n"})
    assert bad.status_code == 422 and "unknown action" in bad.text
    ok = client.post(f"/sites/{site}/auth", data={**form, "csrftoken": token})
    assert ok.status_code == 303
    view = client.get(f"/sites/{site}/auth")
    assert "K" in view.text and "${secret:K}" in view.text  # a reference, and the name missing a secret
    stored = app.state.engine
    from store.sites import site_row

    auth = site_row(stored, site)["scan_config"]["auth"]
    assert auth["headers"] == {"X-Key": "${secret:K}"} and auth["login_script"]["name"] == "m"
    assert client.post(f"/sites/{site}/secrets", data={"name": "K", "value": "v4lue-k", "csrftoken": token}).status_code == 303
    assert client.post(f"/sites/{site}/secrets", data={"name": "1bad", "value": "x", "csrftoken": token}).status_code == 422


def test_a_job_scan_gets_the_secrets_and_stores_only_references(service, client, site):
    app, settings, tokens = service
    h = bearer(tokens["assessor"])
    body = {"login_script": SCRIPT, "basic_user": "auditor", "basic_password_secret": "BASIC"}
    assert client.put(f"/api/sites/{site}/auth", json=body, headers=h).status_code == 200
    for name, value in (("PORTAL_PASSWORD", VALUE), ("BASIC", "b4sic-pw-77")):
        client.put(f"/api/sites/{site}/secrets/{name}", json={"value": value}, headers=h)
    engine = app.state.engine
    box = SecretBox.from_env_or_file(settings.data_dir / "secrets_key")
    job_id = job_store.enqueue_scan(engine, site, max_pages=5, full=True, requested_by="assessor")
    options, scan_id, resumed = prepare_job_scan(engine, job_store.get_job(engine, job_id),
                                                 secrets_for=lambda s: secrets_for_site(engine, box, s))
    assert not resumed and options.secrets == {"PORTAL_PASSWORD": VALUE, "BASIC": "b4sic-pw-77"}
    creds = options.credentials()
    assert creds.basic == ("auditor", "b4sic-pw-77") and creds.login.name == "portal-member"
    stored = json.dumps(scan_store.scan_row(engine, scan_id)["config"], ensure_ascii=False)
    assert "${secret:PORTAL_PASSWORD}" in stored and VALUE not in stored and "b4sic-pw-77" not in stored


def test_the_key_may_come_from_the_environment(tmp_path, monkeypatch):
    key = Fernet.generate_key().decode()
    monkeypatch.setenv("WUZHANGAI_SECRETS_KEY", key)
    box = SecretBox.from_env_or_file(tmp_path / "never-made")
    assert Fernet(key).decrypt(box.seal("x").encode()) == b"x" and not (tmp_path / "never-made").exists()
