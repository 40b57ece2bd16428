"""Anti-bot walls and broken TLS in real Chromium, on the loopback fault site (``tests/e2e/wallsite.py``): a
challenge the browser passes by itself is followed and the real page scanned; a wall is ``blocked``; an invalid
certificate is ``tls_error`` unless ``--ignore-https-errors``, which marks every such page. Also through the
network guard's proxy (``--allow-net``), whose CONNECT tunnels carry the https traffic."""
from __future__ import annotations

import functools
import subprocess

import pytest

from tests.e2e import wallsite as W
from tests.e2e.wallsite import WZ, WallHandler, by_path, tls_sites, wallsite  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]
scan = functools.partial(W.scan, timeout=240)  # Chromium, and a challenge's wait, take longer than static mode


def test_browser_passes_challenges_and_records_walls(wallsite, tmp_path):
    proc, doc = scan(wallsite + "/", "--retries", "0", "--allow-net", "127.0.0.1/32", db=tmp_path / "w.db",
                     out=tmp_path / "w.json")
    assert proc.returncode == 0, proc.stderr
    pages, failed = by_path(doc["pages"]), by_path(doc["failed_pages"])
    # the 412 and the 202 challenges set their cookie and reload: the real page is scanned, and says so
    for path, status, title in (("/challenge-412.html", 412, "通过412之后"), ("/challenge-202.html", 202, "通过202之后")):
        page = pages[path]
        assert page["status"] == 200 and page["title"] == title, page
        assert any(n.startswith(f"passed a JavaScript challenge: HTTP {status}") for n in page["notes"]), page["notes"]
    assert any(f["rule_id"] == "image-alt" for f in pages["/challenge-412.html"]["findings"])  # judged: real page
    # walls the browser cannot pass are not pages
    forever = failed["/challenge-forever.html"]
    assert forever["reason"] == "blocked" and forever["status"] == 412
    assert "瑞数" in forever["detail"] and "did not get past it" in forever["detail"]
    assert failed["/captcha.html"]["reason"] == "blocked" and "验证码" in failed["/captcha.html"]["detail"]
    assert failed["/waf-403.html"]["reason"] == "blocked" and failed["/waf-403.html"]["status"] == 403
    assert "waf.tencent-cloud.com" in failed["/waf-403.html"]["detail"]
    # nothing else lost
    assert {"/", "/ok.html", "/login.html"} <= set(pages)
    assert WallHandler.hits["/captcha.png"] >= 0  # (the CAPTCHA's image may or may not load: not asserted)


def test_browser_tls_errors_and_ignore(tls_sites, wallsite, tmp_path):
    starts = [tls_sites[c] + "/" for c in ("unknown_ca", "expired", "self_signed", "wrong_host")]
    # refused: each https site fails tls_error with its problem; the plain site beside them is scanned as usual
    proc, doc = scan(*starts, wallsite + "/ok.html", "--retries", "0", "--max-depth", "0", "--allow-net",
                     "127.0.0.1/32", db=tmp_path / "t.db", out=tmp_path / "t.json")
    assert proc.returncode == 0, proc.stderr
    failed = {f["url"]: f for f in doc["failed_pages"]}
    words = {"unknown_ca": "unknown CA", "expired": "has expired", "self_signed": "self-signed",
             "wrong_host": "another host"}
    for case, url in tls_sites.items():
        f = failed[url + "/"]
        assert f["reason"] == "tls_error", f
        assert words[case] in f["detail"] and url in f["detail"] and "ERR_CERT_" in f["detail"], f["detail"]
        assert f["message"].startswith("TLS 证书无效")
    assert [p["url"] for p in doc["pages"]] == [wallsite + "/ok.html"]
    # ignored: scanned, each marked in the JSON, the HTML and the site report
    proc, doc = scan(*starts, "--retries", "0", "--max-depth", "0", "--ignore-https-errors", "--allow-net",
                     "127.0.0.1/32", db=tmp_path / "i.db", out=tmp_path / "i.json")
    assert proc.returncode == 0, proc.stderr
    pages = {p["url"]: p for p in doc["pages"]}
    for case, url in tls_sites.items():
        assert case in pages[url + "/"]["tls_ignored"]["problems"], pages[url + "/"]
        assert any(f["rule_id"] == "image-alt" for f in pages[url + "/"]["findings"])
    assert doc["summary"]["pages_tls_ignored"] == 4 and not doc["failed_pages"]
    html = subprocess.run([*WZ, "scans", "show", "1", "--format", "html", "--db", str(tmp_path / "i.db")],
                          check=True, capture_output=True, text=True, timeout=60).stdout
    assert html.count("按 --ignore-https-errors 仍已扫描") >= 4
    report = tmp_path / "site.html"
    subprocess.run([*WZ, "report", "site", "1", "--out", str(report), "--db", str(tmp_path / "i.db")],
                   check=True, capture_output=True, text=True, timeout=120)
    assert report.read_text(encoding="utf-8").count("--ignore-https-errors") >= 4
