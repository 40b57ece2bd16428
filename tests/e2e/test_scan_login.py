"""Authenticated scans in real Chromium, on the loopback portal (``tests/e2e/portalsite.py``): the login script
(consent dialog, CSRF token, session cookie) runs before the crawl and again when the portal ends the session;
the private pages are scanned with their barriers and marked with the login in every output; the logout and
delete links are never requested; a wrong password stops the scan at its step with a screenshot; and no secret's
value (nor a session id) is in any file the scan wrote or in the database."""
from __future__ import annotations

import csv as csv_module
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.portalsite import (API_KEY, BASIC_PASSWORD, BASIC_USER, PASSWORD, USER, PortalHandler, login_script,
                                   serve_portal)
from tests.e2e.wallsite import by_path

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]
WZ = [sys.executable, "-m", "wuzhangai.cli"]
ACTIONS = """- url: "/portal/menu\\\\.html"
  steps:
    - click: "#menu-toggle"
    - wait-for: "#menu"
"""


@pytest.fixture
def portal():
    server, url = serve_portal()
    yield url
    server.shutdown()


def _files(tmp_path: Path, url: str, password: str = PASSWORD) -> dict[str, Path]:
    (tmp_path / "login.yaml").write_text(login_script(url), encoding="utf-8")
    (tmp_path / "actions.yaml").write_text(ACTIONS, encoding="utf-8")
    secrets = tmp_path / "secrets.env"
    secrets.write_text(f"PORTAL_USER={USER}\nPORTAL_PASSWORD={password}\n", encoding="utf-8")
    secrets.chmod(0o600)
    return {"login": tmp_path / "login.yaml", "actions": tmp_path / "actions.yaml", "secrets": secrets}


def _run(*args, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WUZHANGAI_SECRET_")}
    return subprocess.run([*WZ, *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)


def _leaks(folder: Path, values: list[str]) -> list[tuple[str, str]]:
    """(file, which value) for every file under ``folder`` (the database too) holding one of ``values``."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and path.name != "secrets.env":
            data = path.read_bytes()
            found += [(str(path), v[:4] + "...") for v in values if v.encode("utf-8") in data]
    return found


def test_login_script_scans_the_portal_from_inside(portal, tmp_path):
    f = _files(tmp_path, portal)
    db, out = tmp_path / "scan.db", tmp_path / "scan.json"
    proc = _run("scan", portal + "/portal/", "--login-script", f["login"], "--actions", f["actions"],
                "--secrets-file", f["secrets"], "--login-screenshots", tmp_path / "shots", "--no-robots",
                "--db", db, "--out", out, "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    pages, failed = by_path(doc["pages"]), by_path(doc["failed_pages"])
    # every private page was scanned as the member sees it, with its barriers found
    assert set(pages) == {"/portal/", "/portal/apply.html", "/portal/progress.html", "/portal/profile.html",
                          "/portal/menu.html"}, (list(pages), doc["failed_pages"])
    rules = {path: {f["rule_id"] for f in p["findings"] if f["outcome"] == "failed"} for path, p in pages.items()}
    assert {"image-alt", "label"} <= rules["/portal/apply.html"]
    assert "image-alt" in rules["/portal/progress.html"] and "label" in rules["/portal/profile.html"]
    assert "button-name" in rules["/portal/menu.html"]  # inside the menu the page's actions opened
    assert all(p["authenticated"] and p["login"] == "portal-member" for p in doc["pages"])
    assert doc["summary"]["pages_authenticated"] == 5
    assert not any(p["title"] == "用户登录" for p in doc["pages"])  # the login page is never a page of the site
    # the portal ended the session after 4 pages: the script logged in again and the scan went on
    assert PortalHandler.ended >= 1 and PortalHandler.logins >= 2, (PortalHandler.ended, PortalHandler.logins)
    assert any("session renewed" in n for p in doc["pages"] for n in p["notes"])
    # the logout link (by its URL) and the delete link (by its text 删除记录) were never requested
    assert PortalHandler.hits["/portal/logout"] == 0 and PortalHandler.hits["/portal/records"] == 0
    assert failed["/portal/logout"]["reason"] == "avoided_link" and failed["/portal/records"]["reason"] == "avoided_link"
    # the CSV and the site report say which login too
    csv = _run("scans", "show", doc["scan"]["id"], "--db", db, "--format", "csv", "--out", tmp_path / "scan.csv",
               cwd=tmp_path)
    assert csv.returncode == 0, csv.stderr
    rows = list(csv_module.DictReader(io.StringIO((tmp_path / "scan.csv").read_text(encoding="utf-8-sig"))))
    assert rows and {(r["authenticated"], r["login"]) for r in rows} == {("True", "portal-member")}
    report = _run("report", "site", doc["scan"]["id"], "--db", db, "--out", tmp_path / "site.html", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    html = (tmp_path / "site.html").read_text(encoding="utf-8")
    assert "登录身份" in html and html.count("portal-member") >= 5
    # no secret's value, and no session id, in anything the scan wrote or stored
    assert not _leaks(tmp_path, [PASSWORD, USER, *PortalHandler.all_sids])
    assert PortalHandler.all_sids  # (the search had session ids to look for)


def test_wrong_password_stops_the_scan_at_its_step(portal, tmp_path):
    f = _files(tmp_path, portal, password="not-the-password-31d9")
    db, out = tmp_path / "scan.db", tmp_path / "scan.json"
    proc = _run("scan", portal + "/portal/", "--login-script", f["login"], "--secrets-file", f["secrets"],
                "--login-screenshots", tmp_path / "shots", "--no-robots", "--db", db, "--out", out, "-q",
                cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "step 6 (wait-for #portal-home) failed" in proc.stderr and "第 6 步" in proc.stderr
    shot = tmp_path / "shots" / "login-failed-step6.png"
    assert shot.is_file() and shot.read_bytes()[:4] == b"\x89PNG" and str(shot.relative_to(tmp_path)) in proc.stderr
    assert PortalHandler.failed_logins == 1 and PortalHandler.logins == 0
    assert not out.exists()  # nothing reported: the login page is never scanned as the site
    assert not any(PortalHandler.hits[p] for p in ("/portal/apply.html", "/portal/logout"))
    shown = _run("scans", "show", "1", "--db", db, "--format", "json", cwd=tmp_path)
    doc = json.loads(shown.stdout)
    assert doc["pages"] == [] and doc["scan"]["state"] == "interrupted"
    assert doc["scan"]["login_failed"]["step"] == 6
    assert not _leaks(tmp_path, ["not-the-password-31d9", USER])


def test_headers_and_basic_auth_in_the_browser(portal, tmp_path):
    secrets = tmp_path / "secrets.env"
    secrets.write_text(f"API_KEY={API_KEY}\nBASIC={BASIC_PASSWORD}\n", encoding="utf-8")
    secrets.chmod(0o600)
    out = tmp_path / "api.json"
    proc = _run("scan", portal + "/api/", "--header", "X-Api-Key: ${secret:API_KEY}", "--secrets-file", secrets,
                "--max-pages", "1", "--no-robots", "--db", tmp_path / "a.db", "--out", out, "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [(p["title"], p["login"]) for p in doc["pages"]] == [("接口门户", "headers:X-Api-Key")]
    assert doc["scan"]["options"]["auth"]["headers"] == {"X-Api-Key": "${secret:API_KEY}"}
    basic = tmp_path / "basic.json"
    proc = _run("scan", portal + "/basic/", "--basic-auth", f"{BASIC_USER}:${{secret:BASIC}}", "--secrets-file",
                secrets, "--no-robots", "--db", tmp_path / "a.db", "--out", basic, "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(basic.read_text(encoding="utf-8"))
    assert {(p["title"], p["login"]) for p in doc["pages"]} == {("内网门户", "basic:auditor"), ("内网通知", "basic:auditor")}
    assert any(f["rule_id"] == "image-alt" for p in doc["pages"] for f in p["findings"])
    assert not _leaks(tmp_path, [API_KEY, BASIC_PASSWORD])


def test_a_service_job_scans_the_portal_with_its_stored_secrets(tmp_path):
    """The service's way: the site's settings and encrypted secrets (wuzhangai.usecases.site_auth), a job in the
    embedded runner with the network guard on (the login goes through its proxy too)."""
    from cryptography.fernet import Fernet

    from reports.scan_document import scan_document
    from store import db as store_db
    from store import jobs as J
    from store import sites as S
    from tests.jobs_helpers import LOOPBACK, job_ended
    from wuzhangai.jobs.runner import EmbeddedRunner
    from wuzhangai.usecases.site_auth import (SecretBox, parse_auth_form, save_auth_settings, secrets_for_site,
                                             set_secret)

    engine = store_db.engine_for(tmp_path / "svc.db")
    server, url = serve_portal()
    try:
        site_id = S.save_site(engine, url, "门户")
        S.update_site(engine, site_id, start_url=url + "/portal/",
                      scan_config={"max_pages": 10, "respect_robots": False, "use_sitemaps": False})
        save_auth_settings(engine, site_id, parse_auth_form(login_script=login_script(url)))
        box = SecretBox(Fernet.generate_key())
        set_secret(engine, box, site_id, "PORTAL_USER", USER, "assessor")
        set_secret(engine, box, site_id, "PORTAL_PASSWORD", PASSWORD, "assessor")
        job_id = J.enqueue_scan(engine, site_id)
        runner = EmbeddedRunner(engine, tick_seconds=0.2, allow_net=LOOPBACK, evidence_dir=str(tmp_path / "shots"),
                                secrets_for=lambda site: secrets_for_site(engine, box, site))
        runner.start()
        try:
            job = job_ended(engine, job_id, 300)
        finally:
            runner.stop(30)
    finally:
        server.shutdown()
    assert job["state"] == "finished", job["error"]
    doc = scan_document(engine, job["scan_id"], "en")
    assert {p["title"] for p in doc["pages"]} == {"个人中心", "在线申请", "办件进度", "我的资料", "服务菜单"}
    assert all(p["login"] == "portal-member" for p in doc["pages"]) and PortalHandler.logins >= 2
    assert PortalHandler.hits["/portal/logout"] == 0
    assert not _leaks(tmp_path, [PASSWORD, USER, *PortalHandler.all_sids])
