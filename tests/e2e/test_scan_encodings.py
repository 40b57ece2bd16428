"""Pages in GBK, GB2312 and GB18030 declared by ``<meta charset>``, by ``http-equiv`` or only by the HTTP header, and
pages that declare one encoding and are another (``tests/e2e/trapsite.py``'s ``/enc/``): titles, link texts and
findings read right in Chinese in the scan JSON, ``scans show`` and the site report, in static and browser mode,
and each mismatched page says what was declared and what was found (``scanner.charset``)."""
from __future__ import annotations

import json
import subprocess

import pytest

from tests.e2e.trapsite import ENCODED_PAGES, TrapHandler, serve_trapsite
from tests.e2e.wallsite import WZ, by_path, scan

BROWSER = pytest.param("browser", marks=[pytest.mark.e2e, pytest.mark.xdist_group(__name__)])


@pytest.fixture(scope="module")
def trapsite():
    server, url = serve_trapsite()
    yield url
    server.shutdown()


@pytest.mark.parametrize("mode", ["static", BROWSER])
def test_pages_are_read_in_the_encoding_their_bytes_are_in(trapsite, tmp_path, mode):
    db = tmp_path / "e.db"
    TrapHandler.hits.clear()
    proc, doc = scan(trapsite + "/enc/", "--retries", "0", "--allow-net", "127.0.0.1/32",
                     *(["--no-browser"] if mode == "static" else []), db=db, out=tmp_path / "e.json", timeout=240)
    assert proc.returncode == 0, proc.stderr
    pages = by_path(doc["pages"])
    assert set(ENCODED_PAGES) <= set(pages), (list(pages), doc["failed_pages"])
    for path, (how, declared, actual, mismatch, title) in ENCODED_PAGES.items():
        page = pages[path]
        assert page["title"] == title, (path, page["title"])
        # the browser reads a declared-GBK page's bytes again from its HTTP cache, not from the server
        assert TrapHandler.hits[path] == 1, (path, TrapHandler.hits[path])
        # the vague link "点击这里" is found, and its HTML reads in Chinese
        vague = [f for f in page["findings"] if f["rule_id"] == "wza-link-text-descriptive"]
        assert vague and "点击这里" in vague[0]["html"], (path, page["findings"])
        notices = [n for n in page["notices"] if n["code"] == "encoding_mismatch"]
        if mismatch:
            assert len(notices) == 1, (path, page["notes"])
            n = notices[0]
            assert (n["declared"], n["declared_by"]) == (declared, how) and n["detected"] in (actual, "gb18030")
            assert n["message"].startswith("编码声明有误") and declared in n["message"]
        else:
            assert not notices, (path, page["notes"])
    # every output: scans show (HTML, and English JSON) and the site report
    show = subprocess.run([*WZ, "scans", "show", "1", "--format", "html", "--db", str(db)], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    assert all(title in show for *_, title in ENCODED_PAGES.values())
    assert show.count("编码声明有误") == 2
    en = json.loads(subprocess.run([*WZ, "scans", "show", "1", "--lang", "en", "--db", str(db)], check=True,
                                   capture_output=True, text=True, timeout=60).stdout)
    said = [n["message"] for p in en["pages"] for n in p["notices"]]
    assert len(said) == 2 and all(m.startswith("wrong encoding declared") for m in said), said
    report = tmp_path / "site.html"
    subprocess.run([*WZ, "report", "site", "1", "--out", str(report), "--db", str(db)], check=True,
                   capture_output=True, text=True, timeout=120)
    html = report.read_text(encoding="utf-8")
    assert all(title in html for *_, title in ENCODED_PAGES.values())
    assert html.count("编码声明有误") >= 2
