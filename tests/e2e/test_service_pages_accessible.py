"""Every page of the service passes our own scanner (axe-core WCAG 2.2 A/AA in Chromium plus our wza-* rules) with
zero violations, in Chinese and in English, logged in as an administrator (the scanner starts from the Playwright
storage state saved after logging in), /login anonymously, and the surveyor's pages on a phone.

The service is real (``wuzhangai serve`` in a child process) and has data first: a good and a refused survey
upload and a larger synthetic one, the sample site added and scanned through the API, one issue dismissed through
the scan page's form (``populated_service``, usable outside pytest too, e.g. to take screenshots)."""
from __future__ import annotations

import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import sync_playwright

from reports.scan_document import scan_document
from scanner.browser import CHROMIUM_ARGS, find_chromium
from scanner.crawl import CrawlConfig
from store.db import engine_for
from tests.service.server import PASSWORD, ROOT, running_service
from tests.service.test_surveys_api import BAD, GOOD, HEADER, csv_bytes
from wuzhangai.sample_server import serve_sample_site
from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _upload(api: httpx.Client, token: str, body: bytes, name: str, **data) -> httpx.Response:
    return api.post("/api/surveys", headers=_bearer(token), files={"file": (name, body, "text/csv")},
                    data={k: str(v).lower() if isinstance(v, bool) else v for k, v in data.items()})


def _login(page, base: str, name: str = "admin") -> None:
    page.goto(base + "/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/")


@contextmanager
def populated_service(tmp: Path):
    """(service, {"site": id, "scan": id, "refused": upload id, "imported": upload id, "state": path}): a running
    service with data, and the storage state of an administrator logged in to it."""
    with serve_sample_site() as sample, running_service(tmp, extra=["--allow-net", "127.0.0.1/32"]) as service:
        tokens = service.tokens
        ids: dict = {}
        with httpx.Client(base_url=service.url, timeout=60) as api:
            refused = _upload(api, tokens["surveyor"], csv_bytes([HEADER, GOOD[0], *BAD]), "损坏的调查.csv")
            assert refused.status_code == 422, refused.text
            ids["refused"] = refused.json()["upload_id"]
            good = _upload(api, tokens["surveyor"], csv_bytes([HEADER, *GOOD]), "调查.csv", crs="WGS84")
            assert good.status_code == 201, good.text
            synthetic = tmp / "synthetic.csv"
            subprocess.run([sys.executable, "-m", "wuzhangai.cli", "survey", "generate", "--out", str(synthetic),
                            "--count", "300", "--db", str(tmp / "gen.db")], check=True, cwd=ROOT, capture_output=True)
            big = _upload(api, tokens["surveyor"], synthetic.read_bytes(), "江汉区合成调查.csv", skip_invalid=True)
            assert big.status_code == 201, big.text
            history = api.get("/api/surveys", headers=_bearer(tokens["viewer"])).json()
            ids["imported"] = next(u["id"] for u in history if u["outcome"] != "refused")
            site = api.post("/api/sites", headers=_bearer(tokens["admin"]),
                            json={"url": sample.url, "name": "样例站点", "owner": "区政府办公室", "max_pages": 6})
            assert site.status_code == 201, site.text
            ids["site"] = site.json()["id"]
            started = api.post(f"/api/sites/{ids['site']}/scans", headers=_bearer(tokens["admin"]),
                               json={"max_pages": 6})
            assert started.status_code == 202, started.text
            ids["scan"] = started.json()["scan_id"]
            deadline = time.monotonic() + 240
            while True:
                progress = api.get(f"/api/scans/{ids['scan']}/progress", headers=_bearer(tokens["viewer"])).json()
                if progress.get("state") not in ("queued", "running", None):
                    break
                assert time.monotonic() < deadline, progress
                time.sleep(0.5)
            assert progress["state"] == "finished", progress
        state = tmp / "admin-state.json"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            _login(page, service.url)
            page.goto(f"{service.url}/scans/{ids['scan']}?lang=zh-CN")  # dismiss one issue through the form
            page.locator("main details summary").first.click()
            form = page.locator("main details form").first
            form.locator("select").select_option("false_positive")
            form.locator("input[name=reason]").fill("模板中的装饰元素，已人工复核")
            form.locator("button[type=submit]").click()
            page.wait_for_url(f"**/scans/{ids['scan']}*")
            assert page.locator("#dismissed + .table-wrap tbody tr").count() == 1
            context.storage_state(path=str(state))
            browser.close()
        ids["state"] = str(state)
        yield service, ids


@pytest.fixture(scope="module")
def service_with_data(tmp_path_factory):
    with populated_service(tmp_path_factory.mktemp("service-pages")) as made:
        yield made


def _pages(ids: dict) -> list[str]:
    return ["/", "/sites", f"/sites/{ids['site']}", f"/sites/{ids['site']}/auth", f"/scans/{ids['scan']}", "/surveys",
            f"/surveys/{ids['refused']}",
            f"/surveys/{ids['imported']}", "/facilities", "/facilities?status=non_compliant", "/reports",
            "/admin/users", "/admin/audit", "/admin/alerts", "/api/docs"]


def _with_lang(path: str, lang: str) -> str:
    # explicit in both languages: ?lang= is remembered in a cookie, and the scanner reuses its browser context
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def _scan(tmp_path, name: str, urls: list[str], **options) -> dict:
    engine = engine_for(tmp_path / f"{name}.db")
    scan_id = run_site_scan(engine, ScanOptions(
        crawl=CrawlConfig(start_urls=urls, max_pages=len(urls), follow_links=False, use_sitemaps=False,
                          respect_robots=False), standard="wcag22aa", **options))
    return scan_document(engine, scan_id, "en")


def _violations(doc: dict, allowed: tuple[str, ...] = ()) -> list[str]:
    return [f"{i['rule_id']} {i['selector']!r} on {', '.join(i['pages'])}: {i['help']} | {(i['html'] or '')[:160]}"
            for i in doc["issues"] if i["outcome"] == "failed" and i["rule_id"] not in allowed]


def _assert_clean(doc: dict, urls: list[str], allowed: tuple[str, ...] = ()) -> None:
    scanned = {p["url"] for p in doc["pages"]}
    assert len(doc["pages"]) == len(urls) and not doc["failed_pages"], (doc["failed_pages"], sorted(scanned))
    assert not [p for p in doc["pages"] if p["status"] != 200 or p["final_url"] != p["url"]], doc["pages"]
    violations = _violations(doc, allowed)
    assert violations == [], "\n".join(violations)


def test_every_page_has_no_violations_in_zh_and_en(service_with_data, tmp_path):
    service, ids = service_with_data
    urls = [service.url + _with_lang(path, lang) for path in _pages(ids) for lang in ("zh-CN", "en")]
    doc = _scan(tmp_path, "desktop", urls, storage_state=ids["state"])
    _assert_clean(doc, urls)
    assert {p["lang"] for p in doc["pages"]} == {"zh-CN", "en"}
    assert all(p["counts"]["passes"] >= 10 for p in doc["pages"]), [(p["url"], p["counts"]) for p in doc["pages"]]


def test_login_page_anonymously(service_with_data, tmp_path):
    service, _ids = service_with_data
    urls = [service.url + _with_lang("/login", lang) for lang in ("zh-CN", "en")]
    _assert_clean(_scan(tmp_path, "login", urls), urls)


def test_surveyor_pages_on_a_phone(service_with_data, tmp_path):
    service, _ids = service_with_data
    urls = [service.url + _with_lang(path, lang) for path in ("/surveys", "/", "/facilities") for lang in ("zh-CN", "en")]
    doc = _scan(tmp_path, "phone", urls, storage_state=_ids["state"], device="iPhone 13")
    # The service meets WCAG 2.2 AA on a phone (2.5.8: 24 px targets). Its links and buttons are not 44 x 44 px
    # (WCAG 2.5.5 AAA and the MIIT app spec's 44 dp, wza-target-size-44, run by every --device scan): a known gap
    # of the service's own pages, left for its UI, not hidden: the rule must have judged every page.
    _assert_clean(doc, urls, allowed=("wza-target-size-44",))
    assert all(p["rule_outcomes"].get("wza-target-size-44") in ("passed", "failed") for p in doc["pages"])
    assert all(p["rule_outcomes"].get("wza-text-size-min") == "passed" for p in doc["pages"])
