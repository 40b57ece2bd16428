"""CSRF on every form: each form the templates post carries the token, and each unsafe page route taken from the
app (not a hand list) refuses a logged-in browser's post without it, before it changes anything."""
from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.service.conftest import bearer, csrf_of, login
from tests.service.test_route_permissions import api_routes, concrete
from tests.service.test_sites_api import _scanned_sample
from wuzhangai.web.auth import local_path

TEMPLATES = Path(__file__).resolve().parents[2] / "wuzhangai" / "web" / "templates"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def test_every_post_form_in_the_templates_carries_the_token():
    forms = 0
    for template in sorted(TEMPLATES.glob("*.html")):
        for form in re.findall(r"<form\b.*?</form>", template.read_text(encoding="utf-8"), flags=re.S):
            if re.search(r'method="post"', form, flags=re.I):
                forms += 1
                assert 'name="csrftoken" value="{{ csrftoken }}"' in form, (template.name, form[:120])
    assert forms >= 15


def test_every_unsafe_page_route_refuses_a_session_post_without_the_token(service):
    app, _, _ = service
    cases = [(method, route.path) for route in api_routes(app) if not route.path.startswith("/api/")
             for method in sorted(route.methods & UNSAFE)]
    cases.sort(key=lambda c: c[1] == "/logout")  # logging out last: the positive control ends the session
    assert len(cases) > 12
    with TestClient(app, follow_redirects=False) as client:
        assert login(client, "admin").status_code == 303
        token = csrf_of(client.get("/").text)
        for method, path in cases:
            refused = client.request(method, concrete(path), data={"name": "evil", "role": "admin"})
            assert refused.status_code == 403 and "表单已过期" in refused.text, (method, path, refused.status_code)
            allowed = client.request(method, concrete(path), data={"csrftoken": token})
            assert allowed.status_code != 403, (method, path, allowed.text[:200])


def test_local_path_refuses_other_hosts():
    for value in ("https://evil.example/", "//evil.example/", "/\\evil.example/", "", None, "evil"):
        assert local_path(value, "/sites") == "/sites", value
    assert local_path("/scans/3#dismissed", "/") == "/scans/3#dismissed"


def test_undo_form_sends_the_user_back_only_on_this_site(service):
    app, _, tokens = service
    scan_id = _scanned_sample(app)
    with TestClient(app, follow_redirects=False) as client:
        doc = client.get(f"/api/scans/{scan_id}", headers=bearer(tokens["assessor"])).json()
        ids = []
        for issue in doc["issues"][:2]:
            made = client.post(f"/api/scans/{scan_id}/dismissals", headers=bearer(tokens["assessor"]),
                               json={"fingerprint": issue["fingerprint"], "kind": "false_positive", "reason": "测试"})
            ids.append(made.json()["id"])
        login(client, "assessor")
        token = csrf_of(client.get(f"/scans/{scan_id}").text)
        evil = client.post(f"/dismissals/{ids[0]}/undo", data={"csrftoken": token, "back": "/\\evil.example/"})
        assert evil.status_code == 303 and evil.headers["location"] == "/sites"
        home = client.post(f"/dismissals/{ids[1]}/undo", data={"csrftoken": token, "back": f"/scans/{scan_id}"})
        assert home.headers["location"] == f"/scans/{scan_id}"
