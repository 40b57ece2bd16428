"""``--no-browser``: the static mode sees markup facts, is fast, and says everywhere that it is partial."""
from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlsplit

from scanner import charset
from scanner.gather_static import decode_html
from wuzhangai.sample_server import serve_sample_site


def test_static_scan_of_the_sample_site(tmp_path):
    out = tmp_path / "static.json"
    with serve_sample_site() as site:
        proc = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scan", site.url, "--no-browser", "--out",
                               str(out), "--db", str(tmp_path / "s.db"), "-q"], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "不完整" in proc.stderr and "partial" in proc.stderr
        csv_out = tmp_path / "static.csv"
        subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scans", "show", "1", "--out", str(csv_out),
                        "--db", str(tmp_path / "s.db")], check=True, timeout=60)
        english = json.loads(subprocess.run(
            [sys.executable, "-m", "wuzhangai.cli", "scans", "show", "1", "--format", "json", "--lang", "en", "--db",
             str(tmp_path / "s.db")], check=True, timeout=60, capture_output=True, text=True).stdout)
        html_out = tmp_path / "static.html"
        subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scans", "show", "1", "--out", str(html_out),
                        "--db", str(tmp_path / "s.db")], check=True, timeout=60)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["scan"]["partial"] is True and doc["scan"]["mode"] == "static" and doc["scan"]["partial_reason"]
    assert "static (partial)" in csv_out.read_text(encoding="utf-8-sig").splitlines()[1]
    assert "static mode" in html_out.read_text(encoding="utf-8") or "静态模式" in html_out.read_text(encoding="utf-8")
    failed = {(urlsplit(p["url"]).path, f["rule_id"]) for p in doc["pages"] for f in p["findings"]
              if f["outcome"] == "failed"}
    assert ("/news/2024-03-photo.html", "wza-img-alt") in failed
    assert ("/about/index.html", "wza-html-lang") in failed
    assert ("/about/contact.html", "wza-document-title") in failed
    assert ("/news/2023-12-archive.html", "wza-frame-title") in failed
    assert ("/news/2024-03-photo.html", "wza-viewport-zoom") in failed
    # text is chosen when the document is rendered: the same stored scan in English has no Chinese in our rules'
    # help and messages (the static scan stored ids and data, not the Chinese it printed first)
    ours = [f for p in english["pages"] for f in p["findings"] if f["source"] == "wuzhangai"]
    assert ours and all(f["message"] and f["help"] for f in ours)
    assert not [f for f in ours if any("\u4e00" <= ch <= "\u9fff" for ch in f["help"] + f["message"])
                and "wza-link" not in f["rule_id"] and "wza-identical" not in f["rule_id"]]
    zh_img = next(f for p in doc["pages"] for f in p["findings"] if f["rule_id"] == "wza-img-alt")
    en_img = next(f for p in english["pages"] for f in p["findings"] if f["rule_id"] == "wza-img-alt")
    assert zh_img["help"] == "图片必须有替代文本" and en_img["help"] == "Images must have alternative text"
    assert en_img["message"] == "image has no alt attribute and no other name"
    # the same robots and 404 handling as the browser mode
    reasons = {urlsplit(f["url"]).path: f["reason"] for f in doc["failed_pages"]}
    assert reasons["/admin/index.html"] == "robots" and reasons["/news/missing.html"] == "http_status"


def test_decode_html_handles_gbk_pages_declared_in_meta():
    page = '<html><head><meta charset="gb2312"><title>江汉区人民政府</title></head><body>镕</body></html>'
    body = page.encode("gb18030")
    assert "江汉区人民政府" in decode_html(body, None) and "镕" in decode_html(body, None)
    assert decode_html("无障碍".encode("utf-8"), None) == "无障碍"
    assert decode_html("无障碍".encode("gbk"), "GBK") == "无障碍"


def test_the_bytes_decide_the_encoding_and_a_wrong_declaration_is_named():
    gbk_under_utf8 = '<meta charset="utf-8"><title>残疾人服务</title>'.encode("gbk")
    enc = charset.sniff(gbk_under_utf8, None)
    assert (enc.declared, enc.declared_by, enc.detected, enc.mismatch) == ("utf-8", "meta", "gb18030", True)
    assert decode_html(gbk_under_utf8, None).endswith("<title>残疾人服务</title>")
    # a header outranks <meta>, and UTF-8 bytes under a GB2312 header are UTF-8 (UTF-8 Chinese
    # may decode as GBK without an error: only trying UTF-8 first reads it right)
    utf8_under_gb2312 = '<meta charset="gbk"><p>无障碍</p><p>坡道</p>'.encode("utf-8")
    enc = charset.sniff(utf8_under_gb2312, "GB2312")
    assert (enc.declared, enc.declared_by, enc.detected) == ("gb2312", "header", "utf-8")
    assert "无障碍" in decode_html(utf8_under_gb2312, "GB2312")
    assert charset.parse_note(enc.note()) == enc
    # declared right: no mismatch, whatever name of the GB family is used; ASCII reads right under any of them
    assert not charset.sniff("镕".encode("gb18030"), "gb2312").mismatch
    assert not charset.sniff(b"<p>plain</p>", "gbk").mismatch
    # a GBK page with a stray byte stays GBK (a detector guessing from the damage would misread it all)
    damaged = '<meta charset="gbk"><p>江汉区残疾人联合会关于无障碍环境建设的通知</p>'.encode("gbk") + b"\xb5<p>"
    assert not charset.sniff(damaged, None).mismatch and "无障碍环境建设" in decode_html(damaged, None)
    # what DevTools give: the raw bytes (not UTF-8), or the text as decoded, which for a GBK page needs the bytes
    assert not charset.needs_bytes("无障碍".encode("gbk"), "utf-8")
    assert charset.needs_bytes("无障碍".encode("utf-8"), "gbk")
    assert not charset.needs_bytes("无障碍".encode("utf-8"), "utf-8")
    assert charset.needs_bytes("无\ufffd碍".encode("utf-8"), "utf-8")


# ---- the network guard (SSRF) in static mode: httpx hooks on every request and redirect hop ----------------------

def _guard_site(site, internal):
    site.page("/", "首页", '<a href="/moved.html">搬走了</a> <a href="/ok.html">正常</a> <a href="/report.pdf">报告</a>')
    site.page("/ok.html", "正常")
    site.redirect("/moved.html", internal.url + "/")
    site.redirect("/report.pdf", internal.url + "/report.pdf")  # the attachment HEAD meets a refused hop too
    internal.page("/", "内网")


def _static_scan(url, tmp_path, *extra):
    out = tmp_path / "scan.json"
    proc = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scan", url, "--no-browser", "--no-sitemap",
                           "--out", str(out), "--db", str(tmp_path / "g.db"), "-q", *extra],
                          capture_output=True, text=True, timeout=120)
    return proc, (json.loads(out.read_text(encoding="utf-8")) if out.exists() else None)


def test_static_guard_refuses_a_redirect_to_an_internal_address(tmp_path):
    from tests.netsites import site_and_internal

    with site_and_internal() as (site, internal):
        _guard_site(site, internal)
        proc, doc = _static_scan(site.url + "/", tmp_path, "--allow-net", "127.0.0.1/32")
        assert proc.returncode == 0, proc.stderr
        assert internal.log == []  # not one request reached 127.0.0.2 (redirect hop refused before it was sent)
    failed = {urlsplit(f["url"]).path: f for f in doc["failed_pages"]}
    moved = failed["/moved.html"]
    assert moved["reason"] == "net_refused" and moved["attempts"] == 1  # never retried
    assert internal.url in moved["detail"] and "回环" in moved["detail"] and "loopback" in moved["detail"]
    assert "不允许访问" in moved["message"]
    assert {urlsplit(p["url"]).path for p in doc["pages"]} == {"/", "/ok.html"}
    assert doc["scan"]["options"]["crawl"]["net_guard"] is True


def test_static_scan_without_the_guard_is_unchanged(tmp_path):
    from tests.netsites import site_and_internal

    with site_and_internal() as (site, internal):
        _guard_site(site, internal)
        proc, doc = _static_scan(site.url + "/", tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert "/" in internal.log  # followed, as before: the guard is off by default
    failed = {urlsplit(f["url"]).path: f["reason"] for f in doc["failed_pages"]}
    assert failed["/moved.html"] == "redirect_out_of_scope"
    assert all("net_refused" not in n for p in doc["pages"] for n in p["notes"])


def test_a_refused_start_url_fails_at_once(tmp_path):
    from tests.netsites import site_and_internal

    with site_and_internal() as (site, internal):
        _guard_site(site, internal)
        proc, doc = _static_scan(internal.url + "/", tmp_path, "--allow-net", "127.0.0.1/32")
        assert proc.returncode == 1 and doc is None
        assert "回环" in proc.stderr and "loopback address" in proc.stderr and internal.url in proc.stderr
        assert internal.log == []


def test_crawler_records_a_refused_start_url_without_fetching_it(tmp_path):
    """The floor under the CLI's and the service's up-front check: the crawl itself refuses the start URL (no
    robots.txt, no sitemap, no page request) and records it failed ``net_refused``."""
    from scanner.crawl import CrawlConfig
    from store.db import engine_for
    from tests.netsites import site_and_internal
    from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan
    from reports.scan_document import scan_document

    with site_and_internal() as (site, internal):
        _guard_site(site, internal)
        crawl = CrawlConfig(start_urls=[internal.url + "/", site.url + "/ok.html"], net_guard=True,
                            allow_net=["127.0.0.1/32"])
        engine = engine_for(str(tmp_path / "c.db"))
        scan_id = run_site_scan(engine, ScanOptions(crawl=crawl, browser=False))
        assert internal.log == []
    doc = scan_document(engine, scan_id, "en")
    assert [(f["url"], f["reason"], f["attempts"]) for f in doc["failed_pages"]] == [
        (internal.url + "/", "net_refused", 0)]
    assert "loopback" in doc["failed_pages"][0]["detail"]
    assert [urlsplit(p["url"]).path for p in doc["pages"]] == ["/ok.html"]
