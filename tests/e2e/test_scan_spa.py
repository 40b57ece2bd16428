"""Single-page apps on the fault site (``tests/e2e/trapsite.py``): a hash-routed app (``/spa.html#/news/2``) and a
History API one (``/app/guide``, links that call ``history.pushState``), whose menus exist only in the rendered DOM.
In a browser scan every route is a page: its own URL, title and findings. A static scan runs no scripts: it scans
each shell once and says on it that its content and routes were not checked."""
from __future__ import annotations

import json
import subprocess
from urllib.parse import urlsplit

import pytest

from tests.e2e.trapsite import HASH_ROUTES, HISTORY_ROUTES, SPA_BARRIERS, serve_trapsite
from tests.e2e.wallsite import WZ, scan

@pytest.fixture(scope="module")
def trapsite():
    server, url = serve_trapsite()
    yield url
    server.shutdown()


def _by_route(pages: list[dict]) -> dict[str, dict]:
    return {urlsplit(p["url"]).path + (f"#{urlsplit(p['url']).fragment}" if urlsplit(p["url"]).fragment else ""): p
            for p in pages}


@pytest.mark.e2e
@pytest.mark.xdist_group(__name__)
def test_browser_scans_each_route_as_a_page(trapsite, tmp_path):
    proc, doc = scan(trapsite + "/spa.html", trapsite + "/app/", "--retries", "0", "--allow-net", "127.0.0.1/32",
                     db=tmp_path / "s.db", out=tmp_path / "s.json", timeout=300)
    assert proc.returncode == 0, proc.stderr
    pages = _by_route(doc["pages"])
    expected = {("/spa.html" + (f"#{r}" if r != "/" else "")): title for r, (title, _) in HASH_ROUTES.items()}
    expected |= {r: title for r, (title, _) in HISTORY_ROUTES.items()}
    assert set(pages) == set(expected), (sorted(pages), doc["failed_pages"])
    for route, title in expected.items():
        assert pages[route]["title"] == title, (route, pages[route]["title"])
        rules = {f["rule_id"] for f in pages[route]["findings"]}
        barrier = SPA_BARRIERS.get(route)
        for rule in set(SPA_BARRIERS.values()):  # the barrier is found on its route and on no other
            assert (rule in rules) == (rule == barrier), (route, rules)
        assert not pages[route]["notices"]  # rendered: nothing left unseen
    # each route in the issues' page lists under its own URL
    issue = next(i for i in doc["issues"] if i["rule_id"] == "image-alt")
    assert issue["pages"] == [trapsite + "/spa.html#/news/2"]


def test_static_scan_says_it_cannot_see_the_apps(trapsite, tmp_path):
    db = tmp_path / "t.db"
    proc, doc = scan(trapsite + "/spa.html", trapsite + "/app/", "--no-browser", "--retries", "0", "--allow-net",
                     "127.0.0.1/32", db=db, out=tmp_path / "t.json")
    assert proc.returncode == 0, proc.stderr
    pages = _by_route(doc["pages"])
    assert set(pages) == {"/spa.html", "/app/"}  # the shells, once each; the hash route in the footer not followed
    spa, app = pages["/spa.html"]["notices"], pages["/app/"]["notices"]
    assert [n["code"] for n in spa] == ["needs_script"] and spa[0]["routes"] == 1
    assert [n["code"] for n in app] == ["needs_script"] and app[0]["routes"] == 0
    assert "静态模式不运行脚本" in spa[0]["message"] and "1 个前端路由" in spa[0]["message"]
    en = json.loads(subprocess.run([*WZ, "scans", "show", "1", "--lang", "en", "--db", str(db)], check=True,
                                   capture_output=True, text=True, timeout=60).stdout)
    assert all("static mode runs no scripts" in n["message"] for p in en["pages"] for n in p["notices"])
    report = tmp_path / "site.html"
    subprocess.run([*WZ, "report", "site", "1", "--out", str(report), "--db", str(db)], check=True,
                   capture_output=True, text=True, timeout=120)
    assert report.read_text(encoding="utf-8").count("此页面由脚本生成") >= 2
