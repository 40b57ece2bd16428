"""The service as its users meet it, in real Chromium against a real ``wuzhangai serve`` on loopback: a surveyor on
a phone, keyboard only, logs in, uploads a broken GBK CSV and reads its problems (nothing written), then a good one
and sees its counts; a viewer sees no upload form and gets 403 from the API; an assessor adds the sample site,
runs it and watches progress then results; a schedule fires (an incremental rescan); the server killed in the
middle of a scan finishes that scan after a restart, every page once."""
from __future__ import annotations

import signal
import sqlite3
import time
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from playwright.sync_api import sync_playwright

from scanner.browser import CHROMIUM_ARGS, find_chromium
from tests.jobs_helpers import slow_site
from tests.service.server import PASSWORD, running_service
from wuzhangai.sample_server import serve_sample_site

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]

HEADER = "record_id,facility_type,street,community,lon,lat,build_status,has_curb_ramp_bool,ramp_type,lip_height_mm"
GOOD = ["A1,curb_ramp,民族街街道,万年社区,114.2850,30.5850,new_or_extended,是,three_sided,0",
        "A2,curb_ramp,420103001,,114.2712,30.6010,existing_or_renovated,true,other,6"]
BAD = ["B1,curb_ramp,民族街街道,万年社区,114.2850,30.5850,new_or_extended,是,three_sided,abc",
       "B2,curb_ramp,民族街街道,万年社区,116.40,39.90,new_or_extended,是,three_sided,0"]
ENV = {"WUZHANGAI_HEARTBEAT_SECONDS": "1", "WUZHANGAI_STALE_AFTER_SECONDS": "4"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("service")
    with serve_sample_site() as site, running_service(tmp, extra=["--allow-net", "127.0.0.1/32"], env=ENV) as svc:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
            try:
                yield svc, site, browser, tmp
            finally:
                browser.close()


def api(svc, role: str) -> httpx.Client:
    return httpx.Client(base_url=svc.url, headers={"Authorization": f"Bearer {svc.tokens[role]}"}, timeout=60)


def tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element's text, label or value is ``name``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement; if (!e) return '';
            const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
            return (e.innerText || label || e.value || e.getAttribute('aria-label') || '').trim(); }""")
        if focused.startswith(name):
            return
    raise AssertionError(f"{name!r} not reached with Tab")


def keyboard_upload(page, choosers: list, path) -> None:
    """Space on the file field opens the chooser; ``choosers`` collects them from a listener added when the page
    was made: Playwright turns on file-chooser interception without waiting for it, so a chooser awaited only
    around the key press can open before interception is on and never arrive (seen in CI under load)."""
    tab_to(page, "文件（CSV、XLSX 或 GeoJSON）")
    choosers.clear()
    page.keyboard.press("Space")
    for _ in range(100):
        if choosers:
            break
        page.wait_for_timeout(100)
    assert choosers, "Space on the file field opened no file chooser"
    choosers[-1].set_files(str(path))
    tab_to(page, "上传并检查")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_surveyor_on_a_phone_with_the_keyboard_only(world):
    svc, _, browser, tmp = world
    bad, good = tmp / "坏的调查.csv", tmp / "调查.csv"
    bad.write_bytes(("\r\n".join([HEADER, GOOD[0], *BAD]) + "\r\n").encode("gbk"))
    good.write_bytes(("\r\n".join([HEADER, *GOOD]) + "\r\n").encode("gbk"))
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    choosers: list = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))
    page.goto(svc.url + "/surveys")  # not logged in: the login page, then back here
    assert "/login" in page.url
    # the name field has focus on arrival (autofocus, which Chromium may apply just after the load event)
    page.wait_for_function("document.activeElement && document.activeElement.id === 'name'", timeout=5000)
    page.keyboard.type("surveyor")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/surveys")

    keyboard_upload(page, choosers, bad)
    alert = page.locator("#result .alert.error").inner_text()
    assert "没有写入任何记录" in alert
    rows = page.locator("#problems tbody tr").all_inner_texts()
    assert any("lip_height_mm" in r and "abc" in r and "not a number" in r for r in rows), rows
    assert any(r.startswith("4") for r in rows), rows  # the point far outside the district, row 4
    assert api(svc, "viewer").get("/api/facilities").json()["summary"]["facilities"] == 0
    page.screenshot(path=str(tmp / "upload-problems-phone.png"), full_page=True)

    keyboard_upload(page, choosers, good)
    assert "已导入：新增 2 条，更新 0 条；拒绝 0 行" in page.locator("#result .alert.ok").inner_text()
    assert api(svc, "viewer").get("/api/facilities").json()["summary"]["facilities"] == 2
    history = page.locator("table").last.inner_text()
    assert "调查.csv" in history and "坏的调查.csv" in history and "未导入" in history
    context.close()


def login(browser, svc, role: str):
    context = browser.new_context()
    page = context.new_page()
    page.goto(svc.url + "/login")
    page.fill("#name", role)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="登录", exact=True).click()
    return context, page


def test_viewer_sees_no_upload_form_and_the_api_refuses(world):
    svc, _, browser, tmp = world
    context, page = login(browser, svc, "viewer")
    page.goto(svc.url + "/surveys")
    assert page.locator("input[type=file]").count() == 0
    assert page.locator("nav >> text=用户").count() == 0
    response = api(svc, "viewer").post("/api/surveys", files={"file": ("a.csv", HEADER.encode(), "text/csv")})
    assert response.status_code == 403
    context.close()


def test_assessor_adds_the_sample_site_runs_it_and_sees_progress_then_results(world):
    svc, site, browser, tmp = world
    context, page = login(browser, svc, "assessor")
    page.goto(svc.url + "/sites")
    page.fill("#url", site.url)
    page.fill("#name", "样例网站")
    page.fill("#owner", "江汉区人民政府办公室")
    page.fill("#max_pages", "20")
    with page.expect_navigation():
        page.get_by_role("button", name="添加", exact=True).click()
    assert "/sites/" in page.url and "样例网站" in page.inner_text("h1")
    with page.expect_navigation():
        page.get_by_role("button", name="立即扫描", exact=True).click()
    assert "/scans/" in page.url
    seen_states = set()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not page.locator("h2 >> text=结果").count():
        seen_states.add(page.locator("#state-text").inner_text() if page.locator("#state-text").count() else "")
        page.wait_for_timeout(300)
    assert page.locator("h2 >> text=结果").count(), seen_states
    assert seen_states & {"排队中", "进行中"}, seen_states  # progress was shown before the results
    assert page.locator("table >> text=image-alt").count() >= 1
    page.screenshot(path=str(tmp / "scan-results.png"), full_page=True)
    scan_id = int(page.url.rstrip("/").split("/")[-1])
    doc = api(svc, "viewer").get(f"/api/scans/{scan_id}").json()
    assert doc["scan"]["state"] == "finished" and doc["summary"]["pages_scanned"] >= 10
    context.close()


def wait_finished(client: httpx.Client, scan_id: int, limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while client.get(f"/api/scans/{scan_id}/progress").json()["scan_state"] != "finished":
        assert time.monotonic() < deadline, client.get(f"/api/scans/{scan_id}/progress").json()
        time.sleep(0.5)


def test_a_schedule_fires_an_incremental_rescan(world):
    svc, site, browser, tmp = world
    client = api(svc, "assessor")
    found = [s for s in client.get("/api/sites").json() if s["base_url"].startswith(site.url.rstrip("/"))]
    if not found:  # run alone (or the module's service was rebuilt): the site and a first scan to compare with
        site_id = client.post("/api/sites", json={"url": site.url, "max_pages": 20}).json()["id"]
        first = client.post(f"/api/sites/{site_id}/scans", json={}).json()["scan_id"]
        wait_finished(client, first)
        found = [s for s in client.get("/api/sites").json() if s["site_id"] == site_id]
    found = found[0]
    context, page = login(browser, svc, "assessor")
    page.goto(f"{svc.url}/sites/{found['site_id']}")
    page.fill("#schedule", "每天 02:00")
    with page.expect_navigation():
        page.get_by_role("button", name="保存", exact=True).click()
    schedule = client.get(f"/api/sites/{found['site_id']}").json()["schedule"]
    assert schedule["cron"] and schedule["timezone"] == "Asia/Shanghai"
    before = len(client.get(f"/api/sites/{found['site_id']}").json()["scans"])
    with sqlite3.connect(svc.db) as conn:  # the 02:00 slot passed while the server was "down"
        past = (datetime.now(timezone.utc) - timedelta(days=2)).replace(tzinfo=None)
        conn.execute("update schedules set next_run_at = ? where site_id = ?", (past, found["site_id"]))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        scans = client.get(f"/api/sites/{found['site_id']}").json()["scans"]
        if len(scans) > before and scans[0]["state"] == "finished":
            break
        time.sleep(1)
    assert len(scans) == before + 1, scans  # a missed run happens once
    doc = client.get(f"/api/scans/{scans[0]['id']}").json()
    assert doc["summary"]["pages_carried_over"] >= 10  # scheduled rescans carry unchanged pages over
    nxt = client.get(f"/api/sites/{found['site_id']}").json()["schedule"]["next_run_at"]
    assert datetime.fromisoformat(nxt) > datetime.now(timezone.utc)
    context.close()


def test_server_killed_mid_scan_finishes_the_scan_after_restart(world):
    svc, _, _, tmp = world
    server, url = slow_site(pages=14, delay=0.4)
    try:
        client = api(svc, "assessor")
        site_id = client.post("/api/sites", json={"url": url + "/", "name": "慢网站", "max_pages": 14}).json()["id"]
        scan_id = client.post(f"/api/sites/{site_id}/scans", json={"full": True}).json()["scan_id"]
        deadline = time.monotonic() + 120
        while client.get(f"/api/scans/{scan_id}/progress").json()["pages_done"] < 3:
            assert time.monotonic() < deadline
            time.sleep(0.3)
        assert svc.stop(signal.SIGKILL) == -signal.SIGKILL
        with sqlite3.connect(svc.db) as conn:
            (state,) = conn.execute("select state from jobs where scan_id = ?", (scan_id,)).fetchone()
            done_before = conn.execute("select count(*) from pages where scan_id = ?", (scan_id,)).fetchone()[0]
        assert state == "running" and 3 <= done_before < 14
        svc.start()
        client = api(svc, "assessor")
        wait_finished(client, scan_id)
        with sqlite3.connect(svc.db) as conn:
            urls = [r[0] for r in conn.execute("select url from pages where scan_id = ?", (scan_id,))]
            scans_of_site = conn.execute("select count(*) from scans where site_id = ?", (site_id,)).fetchone()[0]
        assert len(urls) == len(set(urls)) == 14  # every page once, none lost
        assert scans_of_site == 1  # the same scan resumed, not a new one
    finally:
        server.shutdown()
