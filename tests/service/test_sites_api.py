"""Sites, scans, dismissals, facilities and reports through the API and the pages (no job runner here: jobs stay
queued; the browser tests run them)."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from scanner.crawl import CrawlConfig
from store import jobs as job_store
from tests.conftest import serve_directory
from tests.service.conftest import bearer, csrf_of, login
from tests.service.conftest import on_both_engines as service_db  # noqa: F401 (a fixture: SQLite and PostgreSQL)
from tests.service.test_surveys_api import GOOD, HEADER, csv_bytes, upload
from wuzhangai.sample_server import SITE_ROOT
from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan


def test_targets_on_internal_addresses_are_refused_in_both_languages(service, client):
    _, _, tokens = service
    for url in ("http://169.254.169.254/latest/meta-data/", "http://localhost:8080/", "http://10.1.2.3/",
                "http://[::1]/", "file:///etc/passwd"):
        response = client.post("/api/sites", json={"url": url}, headers=bearer(tokens["assessor"]))
        assert response.status_code == 422, url
        detail = response.json()["detail"]
        assert detail["zh"] and detail["en"], url
    assert client.get("/api/sites", headers=bearer(tokens["viewer"])).json() == []


def test_allow_net_lets_an_intranet_range_through(service):
    from fastapi.testclient import TestClient

    from wuzhangai.web.app import create_app
    from wuzhangai.web.settings import ServiceSettings

    _, settings, tokens = service
    app = create_app(ServiceSettings(db=settings.db, data_dir=settings.data_dir, run_jobs=False,
                                     allow_net=["10.0.0.0/8"]))
    with TestClient(app) as c:
        ok = c.post("/api/sites", json={"url": "http://10.1.2.3/", "name": "内网"}, headers=bearer(tokens["assessor"]))
        assert ok.status_code == 201
        metadata = c.post("/api/sites", json={"url": "http://192.168.1.1/"}, headers=bearer(tokens["assessor"]))
        assert metadata.status_code == 422


def test_add_site_start_a_scan_follow_it_and_cancel(service, client, monkeypatch):
    app, _, tokens = service
    monkeypatch.setattr("wuzhangai.usecases.site_admin.checked_start_url", lambda url, policy: url)  # loopback here
    h = bearer(tokens["assessor"])
    site_id = client.post("/api/sites", json={"url": "http://127.0.0.1:9/", "name": "样例", "owner": "区政府办",
                                              "schedule": "每周一 03:30", "max_pages": 7}, headers=h).json()["id"]
    site = client.get(f"/api/sites/{site_id}", headers=bearer(tokens["viewer"])).json()
    assert site["site"]["name"] == "样例" and site["site"]["scan_config"]["max_pages"] == 7
    assert site["schedule"]["spec"] == "每周一 03:30" and site["schedule"]["timezone"] == "Asia/Shanghai"
    bad = client.post("/api/sites", json={"url": "http://127.0.0.1:9/", "schedule": "每周八 25:00"}, headers=h)
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "schedule"

    started = client.post(f"/api/sites/{site_id}/scans", json={"max_pages": 5}, headers=h)
    assert started.status_code == 202
    scan_id = started.json()["scan_id"]
    again = client.post(f"/api/sites/{site_id}/scans", json={}, headers=h).json()
    assert again["scan_id"] == scan_id  # one queued scan per site, not two
    doc = client.get(f"/api/scans/{scan_id}", headers=bearer(tokens["viewer"])).json()
    assert doc["scan"]["state"] == "queued" and doc["scan"]["options"]["crawl"]["max_pages"] == 5
    assert doc["scan"]["options"]["crawl"]["net_guard"] is True
    assert client.post(f"/api/scans/{scan_id}/cancel", headers=bearer(tokens["viewer"])).status_code == 403
    assert client.post(f"/api/scans/{scan_id}/cancel", headers=h).json() == {"cancelled": True}
    assert job_store.job_for_scan(app.state.engine, scan_id)["state"] == "cancelled"
    assert client.get(f"/api/scans/{scan_id}/progress", headers=h).json()["state"] == "cancelled"


def _scanned_sample(app) -> int:
    """A static scan of the sample site straight into the service's database (a finished scan with issues)."""
    server, url = serve_directory(SITE_ROOT)
    try:
        return run_site_scan(app.state.engine, ScanOptions(crawl=CrawlConfig(start_urls=[url + "/"], max_pages=8),
                                                           browser=False))
    finally:
        server.shutdown()


def test_dismiss_from_the_scan_page_and_undo(service, client):
    app, _, _ = service
    scan_id = _scanned_sample(app)
    login(client, "assessor")
    page = client.get(f"/scans/{scan_id}")
    assert page.status_code == 200 and "结果" in page.text
    fingerprint = page.text.split('name="fingerprint" value="')[1].split('"')[0]
    response = client.post(f"/scans/{scan_id}/dismiss", data={"csrftoken": csrf_of(page.text),
                                                              "fingerprint": fingerprint, "kind": "false_positive",
                                                              "reason": "装饰性图片"})
    assert response.status_code == 303
    page = client.get(f"/scans/{scan_id}")
    assert "装饰性图片" in page.text and f'value="{fingerprint}"' not in page.text
    doc = client.get(f"/api/scans/{scan_id}").json()
    assert [d["fingerprint"] for d in doc["dismissed_issues"]] == [fingerprint]
    undo_id = doc["dismissed_issues"][0]["dismissal_id"]
    client.post(f"/dismissals/{undo_id}/undo", data={"csrftoken": csrf_of(page.text), "back": f"/scans/{scan_id}"})
    assert client.get(f"/api/scans/{scan_id}").json()["dismissed_issues"] == []
    login(client, "viewer")
    assert "排除此问题" not in client.get(f"/scans/{scan_id}").text


def test_facilities_filters_geojson_and_reports(service, client):
    app, _, tokens = service
    assert upload(client, tokens["surveyor"], csv_bytes([HEADER, *GOOD])).status_code == 201
    h = bearer(tokens["viewer"])
    geo = client.get("/api/facilities?format=geojson", headers=h).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 2
    doc = client.get("/api/facilities", headers=h).json()
    assert set(doc["facilities"]) == {"A1", "A2"} and doc["summary"]["facilities"] == 2
    status = doc["facilities"]["A2"]["status"]
    page = client.get(f"/facilities?status={status}", headers=h)
    assert "A2" in page.text and ("A1" in page.text) == (doc["facilities"]["A1"]["status"] == status)
    dashboard = client.get("/api/dashboard", headers=h).json()
    assert dashboard["facilities"]["headline"]["facilities"] == 2 and dashboard["facilities"]["streets"]
    xlsx = client.get("/api/reports/district?format=xlsx", headers=h)
    assert xlsx.status_code == 200 and load_workbook(io.BytesIO(xlsx.content)).sheetnames
    html = client.get("/api/reports/district?format=html", headers=h)
    assert html.status_code == 200 and "sandbox" in html.headers["content-security-policy"]
    assert client.get("/api/reports/site/999?format=html", headers=h).status_code == 404
    scan_id = _scanned_sample(app)
    site_json = client.get(f"/api/reports/site/{scan_id}?format=json", headers=h)
    assert site_json.status_code == 200 and site_json.json()
    pdf = client.get(f"/api/reports/site/{scan_id}?format=pdf", headers=h)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"
    assert "inline" in pdf.headers["content-disposition"]
    assert client.get("/api/facilities?format=shapefile", headers=h).status_code == 422


def test_ignore_https_errors_is_a_site_setting_only_managers_change(service, client, monkeypatch):
    """The site settings' checkbox (the CLI's --ignore-https-errors): saved by a manager of sites, shown checked,
    carried into the site's scans; a viewer's post of the same form is refused and changes nothing."""
    app, _, tokens = service
    monkeypatch.setattr("wuzhangai.usecases.site_admin.checked_start_url", lambda url, policy: url)  # loopback here
    site_id = client.post("/api/sites", json={"url": "https://127.0.0.1:9/", "name": "证书过期的网站"},
                          headers=bearer(tokens["assessor"])).json()["id"]
    form = {"url": "https://127.0.0.1:9/", "name": "证书过期的网站", "max_pages": "10"}

    def config() -> dict:
        return client.get(f"/api/sites/{site_id}", headers=bearer(tokens["viewer"])).json()["site"]["scan_config"]

    assert config()["ignore_https_errors"] is False
    login(client, "viewer")
    page = client.get(f"/sites/{site_id}")
    assert 'id="ignore_https_errors"' not in page.text  # no settings form for a viewer
    refused = client.post(f"/sites/{site_id}", data={**form, "ignore_https_errors": "true",
                                                     "csrftoken": csrf_of(client.get("/sites").text)})
    assert refused.status_code == 403 and config()["ignore_https_errors"] is False
    login(client, "assessor")
    page = client.get(f"/sites/{site_id}")
    assert '<label for="ignore_https_errors">忽略 HTTPS 证书错误</label>' in page.text
    saved = client.post(f"/sites/{site_id}", data={**form, "ignore_https_errors": "true",
                                                   "csrftoken": csrf_of(page.text)})
    assert saved.status_code == 303 and config()["ignore_https_errors"] is True
    assert 'name="ignore_https_errors" value="true" aria-describedby="ignore-https-hint" checked' in \
        client.get(f"/sites/{site_id}").text
    scan_id = client.post(f"/api/sites/{site_id}/scans", json={}, headers=bearer(tokens["assessor"])).json()["scan_id"]
    doc = client.get(f"/api/scans/{scan_id}", headers=bearer(tokens["viewer"])).json()
    assert doc["scan"]["options"]["crawl"]["ignore_https_errors"] is True  # the scan runs with it
    # unchecked: a checkbox left out of the form is off again
    client.post(f"/api/scans/{scan_id}/cancel", headers=bearer(tokens["assessor"]))
    page = client.get(f"/sites/{site_id}")
    client.post(f"/sites/{site_id}", data={**form, "csrftoken": csrf_of(page.text)})
    assert config()["ignore_https_errors"] is False


def test_an_app_target_is_not_crawled_when_scan_now_is_asked(service, client):
    """An app audited from its screens sits in the site list like a site; "scan now" on it is refused in both
    languages and queues nothing (its start URL is app://..., nothing a crawler could fetch)."""
    from click.testing import CliRunner

    from tests.test_app_audit import TRUTH, _sample_args
    from wuzhangai.cli import main

    app, settings, tokens = service
    audit = CliRunner().invoke(main, _sample_args(settings.db, settings.data_dir / "app.json"))
    assert audit.exit_code == 0, audit.output
    listed = client.get("/api/sites", headers=bearer(tokens["viewer"])).json()
    site_id = next(s["site_id"] for s in listed if s["base_url"] == f"app://{TRUTH['package']}")
    refused = client.post(f"/api/sites/{site_id}/scans", json={}, headers=bearer(tokens["assessor"]))
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert "app audit" in detail["zh"] and "app audit" in detail["en"] and detail["field"] == "kind"
    assert job_store.active_job_for_site(app.state.engine, site_id) is None


def test_edit_a_site_and_its_schedule_through_the_api(service, client):
    """What the site page's form does, through ``PUT /api/sites/{id}``: the same checks (the same site, the
    target against SSRF, the schedule), the same audit entry."""
    from fastapi.testclient import TestClient

    from store.accounts import audit_entries
    from wuzhangai.web.app import create_app
    from wuzhangai.web.settings import ServiceSettings

    _, settings, tokens = service
    app = create_app(ServiceSettings(db=settings.db, data_dir=settings.data_dir, run_jobs=False,
                                     allow_net=["10.0.0.0/8"]))
    h = bearer(tokens["assessor"])
    with TestClient(app) as c:
        site_id = c.post("/api/sites", json={"url": "http://10.1.2.3/", "name": "内网"}, headers=h).json()["id"]
        body = {"url": "http://10.1.2.3/news/", "name": "区政府网站", "owner": "区政府办", "schedule": "每天 02:00",
                "max_pages": 9, "full_rescans": True}
        assert c.put(f"/api/sites/{site_id}", json=body, headers=bearer(tokens["viewer"])).status_code == 403
        assert c.put(f"/api/sites/{site_id}", json=body).status_code == 401
        assert c.put(f"/api/sites/{site_id}", json=body, headers=h).json() == {"id": site_id}
        got = c.get(f"/api/sites/{site_id}", headers=bearer(tokens["viewer"])).json()
        assert got["site"]["name"] == "区政府网站" and got["site"]["owner_unit"] == "区政府办"
        assert got["site"]["start_url"] == "http://10.1.2.3/news/" and got["site"]["scan_config"]["max_pages"] == 9
        assert got["schedule"]["spec"] == "每天 02:00" and got["schedule"]["full"] is True
        for url, field in (("http://169.254.169.254/latest/", "url"), ("http://10.9.9.9/", None)):
            refused = c.put(f"/api/sites/{site_id}", json={**body, "url": url}, headers=h)
            assert refused.status_code == 422, url
            assert refused.json()["detail"]["zh"] and refused.json()["detail"]["en"]
        bad = c.put(f"/api/sites/{site_id}", json={**body, "schedule": "每周八 25:00"}, headers=h)
        assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "schedule"
        assert c.put("/api/sites/999999", json=body, headers=h).status_code == 404
        assert c.put(f"/api/sites/{site_id}", json={**body, "schedule": None}, headers=h).status_code == 200
        assert c.get(f"/api/sites/{site_id}", headers=h).json()["schedule"] is None
        assert c.get(f"/api/sites/{site_id}", headers=h).json()["site"]["name"] == "区政府网站"  # refusals wrote nothing
    updates = [e for e in audit_entries(app.state.engine) if e["action"] == "site.update"]
    assert [e["outcome"] for e in updates] == ["ok", "refused", "refused", "refused", "ok"]


def test_dismiss_and_undo_through_the_api(service, client):
    """What the scan page's dismiss and undo forms do, through the API, for assessors only."""
    from store.scans import site_of_scan

    app, _, tokens = service
    scan_id = _scanned_sample(app)
    site_id = site_of_scan(app.state.engine, scan_id)["id"]
    h, viewer = bearer(tokens["assessor"]), bearer(tokens["viewer"])
    doc = client.get(f"/api/scans/{scan_id}", headers=viewer).json()
    fingerprint = doc["issues"][0]["fingerprint"]
    body = {"fingerprint": fingerprint, "kind": "accepted", "reason": "第三方地图插件，年内替换"}
    assert client.post(f"/api/scans/{scan_id}/dismissals", json=body, headers=viewer).status_code == 403
    assert client.post(f"/api/scans/{scan_id}/dismissals", json=body).status_code == 401
    for bad in ({**body, "kind": "ignore"}, {**body, "reason": " "}, {**body, "fingerprint": "no-such"}):
        refused = client.post(f"/api/scans/{scan_id}/dismissals", json=bad, headers=h)
        assert refused.status_code == 422 and refused.json()["detail"]["zh"] and refused.json()["detail"]["en"]
    made = client.post(f"/api/scans/{scan_id}/dismissals", json=body, headers=h)
    assert made.status_code == 201
    dismissal_id = made.json()["id"]
    assert client.post(f"/api/scans/{scan_id}/dismissals", json=body, headers=h).status_code == 422  # already
    listed = client.get(f"/api/sites/{site_id}/dismissals", headers=viewer).json()
    assert [(d["id"], d["fingerprint"], d["kind"]) for d in listed] == [(dismissal_id, fingerprint, "accepted")]
    doc = client.get(f"/api/scans/{scan_id}", headers=viewer).json()
    assert [d["fingerprint"] for d in doc["dismissed_issues"]] == [fingerprint]
    assert fingerprint not in {i["fingerprint"] for i in doc["issues"]}
    assert client.delete(f"/api/dismissals/{dismissal_id}", headers=viewer).status_code == 403
    assert client.delete(f"/api/dismissals/{dismissal_id}", headers=h).json() == {"undone": dismissal_id}
    assert client.delete(f"/api/dismissals/{dismissal_id}", headers=h).status_code == 422  # already undone
    doc = client.get(f"/api/scans/{scan_id}", headers=viewer).json()
    assert doc["dismissed_issues"] == [] and fingerprint in {i["fingerprint"] for i in doc["issues"]}
    assert client.get(f"/api/sites/{site_id}/dismissals", headers=viewer).json() == []
    assert client.get("/api/sites/999999/dismissals", headers=viewer).status_code == 404


def test_every_report_format_of_the_issue_downloads(service, client):
    """Reports, district and site: view HTML, download PDF and XLSX (each one, through the API)."""
    app, _, tokens = service
    assert upload(client, tokens["surveyor"], csv_bytes([HEADER, *GOOD])).status_code == 201
    scan_id = _scanned_sample(app)
    h = bearer(tokens["viewer"])
    for path in ("/api/reports/district", f"/api/reports/site/{scan_id}"):
        html = client.get(f"{path}?format=html", headers=h)
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html"), path
        assert "<html" in html.text.lower() and "sandbox" in html.headers["content-security-policy"], path
        pdf = client.get(f"{path}?format=pdf", headers=h)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), path
        xlsx = client.get(f"{path}?format=xlsx", headers=h)
        assert xlsx.status_code == 200 and load_workbook(io.BytesIO(xlsx.content)).sheetnames, path
    assert client.get("/api/reports/district?format=pdf").status_code == 401


def _without_times(doc):
    """A document with its generation time left out (the CLI and the service write it at different moments)."""
    if isinstance(doc, dict):
        return {k: _without_times(v) for k, v in doc.items() if k not in ("generated_at", "progress", "state")}
    if isinstance(doc, list):
        return [_without_times(v) for v in doc]
    return doc


def test_the_api_answers_what_the_cli_writes(service, client, tmp_path):
    """``GET /api/facilities?format=json|geojson`` is ``survey score --format json|geojson``; ``GET
    /api/scans/{id}`` is the stored scan's ``scans show --format json`` (plus ``scan.state``), by the real CLI."""
    import json
    import subprocess
    import sys

    app, settings, tokens = service
    assert upload(client, tokens["surveyor"], csv_bytes([HEADER, *GOOD])).status_code == 201
    scan_id = _scanned_sample(app)
    h = bearer(tokens["viewer"])

    def cli(*args: str) -> dict:
        out = tmp_path / "cli.json"
        done = subprocess.run([sys.executable, "-m", "wuzhangai.cli", *args, "--db", settings.db, "--out", str(out)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return json.loads(out.read_text(encoding="utf-8"))

    for fmt in ("json", "geojson"):
        api = client.get(f"/api/facilities?format={fmt}", headers=h).json()
        assert _without_times(api) == _without_times(cli("survey", "score", "--format", fmt)), fmt
    api = client.get(f"/api/scans/{scan_id}", headers=h).json()
    assert api["scan"]["state"] == "finished"
    assert _without_times(api) == _without_times(cli("scans", "show", str(scan_id), "--format", "json"))
