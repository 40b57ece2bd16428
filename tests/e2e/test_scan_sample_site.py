"""The bundled sample site through the real CLI: every deliberate barrier on its page, nothing on the clean
pages, the crawl rules honoured (robots, sitemap-only page, redirect, URL variants, attachments, broken link)."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import defaultdict
from urllib.parse import urlsplit

import pytest

from tests.conftest import pinned_axe_version
from wuzhangai.sample_server import load_ground_truth, serve_sample_site

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]


def path_of(url: str) -> str:
    p = urlsplit(url).path
    return "/index.html" if p == "/" else p


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sample")
    with serve_sample_site() as site:
        outputs = {}
        for fmt in ("json", "csv", "html"):
            out = tmp / f"scan.{fmt}"
            args = ["scan", site.url, "--max-pages", "30", "--format", fmt, "--out", str(out), "--db",
                    str(tmp / "w.db"), "-q"] if fmt == "json" else ["scans", "show", "1", "--out", str(out),
                                                                     "--db", str(tmp / "w.db")]
            proc = subprocess.run([sys.executable, "-m", "wuzhangai.cli", *args], capture_output=True, text=True,
                                  timeout=300)
            assert proc.returncode == 0, proc.stderr
            outputs[fmt] = out.read_text(encoding="utf-8-sig")
        english = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scans", "show", "1", "--format", "json",
                                  "--lang", "en", "--db", str(tmp / "w.db")], capture_output=True, text=True,
                                 timeout=300)
        assert english.returncode == 0, english.stderr
        outputs["json_en"] = english.stdout
    return json.loads(outputs["json"]), outputs, load_ground_truth()


def test_every_barrier_found_on_its_page_and_nothing_else(scanned):
    doc, _, truth = scanned
    failed = defaultdict(set)
    review = defaultdict(set)
    for page in doc["pages"]:
        for f in page["findings"]:
            (failed if f["outcome"] == "failed" else review)[path_of(page["url"])].add(f["rule_id"])
    expected = defaultdict(set)
    for b in truth["barriers"]:
        expected[b["page"]].add(b["rule_id"])
    for t in truth["template_barriers"]:
        for page in t["pages"]:
            expected[page].add(t["rule_id"])
    assert dict(failed) == dict(expected)
    for page in truth["clean_pages"]:
        assert page in {path_of(p["url"]) for p in doc["pages"]}, f"clean page {page} not scanned"
        assert not failed.get(page) and not review.get(page), f"{page} should be clean"
        assert next(p for p in doc["pages"] if path_of(p["url"]) == page)["score"] == 100.0


def test_template_barrier_is_one_issue_with_its_pages(scanned):
    doc, _, truth = scanned
    for t in truth["template_barriers"]:
        matching = [i for i in doc["issues"] if i["rule_id"] == t["rule_id"] and i["count"] > 1]
        assert len(matching) == 1
        assert sorted(path_of(u) for u in matching[0]["pages"]) == sorted(t["pages"])
        assert matching[0]["count"] == len(t["pages"])


def test_crawl_rules_on_the_sample_site(scanned):
    doc, _, truth = scanned
    pages = [path_of(p["url"]) for p in doc["pages"]]
    assert len(pages) == len(set(pages)), "a page was scanned twice"
    assert sorted(set(pages)) == sorted(truth["pages"])  # URL variants and index.html folded into one page
    for hidden in truth["sitemap_only"]:
        assert hidden in pages
    failed = {path_of(f["url"]): f for f in doc["failed_pages"]}
    for path in truth["disallowed"]:
        assert failed[path]["reason"] == "robots" and failed[path]["attempts"] == 0
    for broken in truth["broken_links"]:
        assert failed[broken["url"]]["status"] == broken["status"]
        assert path_of(failed[broken["url"]]["referrer"]) == broken["linked_from"]
    assert [(path_of(r["from"]), path_of(r["to"]), r["status"]) for r in doc["redirects"]] == [
        (r["from"], r["to"], r["status"]) for r in truth["redirects"]]
    got = {path_of(a["url"]): a for a in doc["attachments"]}
    for a in truth["attachments"]:
        assert got[a["url"]]["type"] == a["type"]
        assert got[a["url"]]["size"] > 0
        assert [path_of(u) for u in got[a["url"]]["found_on"]] == [a["linked_from"]]
        if "checks" in a:  # the PDF barriers (B50, B51): downloaded and checked
            assert {r["id"]: r["outcome"] for r in got[a["url"]]["checks"]["results"]} == a["checks"], a["url"]


def test_site_rules_find_nothing_on_the_sample_site(scanned):
    doc, _, _ = scanned
    assert [i for i in doc["issues"] if i.get("scope") == "site"] == []
    conf = {row["sc"]: row for row in doc["conformance"]}
    assert "wza-site-title-unique" in conf["2.4.2"]["passed_rules"]
    assert "wza-site-consistent-navigation" in conf["3.2.3"]["passed_rules"]


def test_json_contract(scanned):
    doc, _, _ = scanned
    assert 0 <= doc["site_score"] <= 100
    page = next(p for p in doc["pages"] if p["findings"])
    assert {"url", "status", "score", "findings", "title", "lang", "timings"} <= set(page)
    f = page["findings"][0]
    assert {"rule_id", "outcome", "impact", "wcag", "selector", "html", "message", "help"} <= set(f)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in f["help"])  # zh-CN by default
    assert {"rule_id", "pages", "count"} <= set(doc["issues"][0])
    conf = {row["sc"]: row["outcome"] for row in doc["conformance"]}
    assert conf["1.1.1"] == "failed" and conf["2.4.2"] == "failed" and conf["1.4.3"] == "failed"
    assert set(conf.values()) <= {"failed", "cantTell", "passed", "untested"}
    # the axe-core pinned in package.json (installed by make), not the older copy bundled with the Python package
    assert doc["tool"]["axe_version"] == pinned_axe_version() and doc["scan"]["partial"] is False


def test_csv_and_html_outputs(scanned):
    doc, outputs, _ = scanned
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert len(rows) == sum(len(p["findings"]) for p in doc["pages"])
    assert {"page_url", "rule_id", "outcome", "selector"} <= set(rows[0])
    html = outputs["html"]
    assert '<html lang="zh-CN">' in html and "网站无障碍扫描结果" in html
    assert "http://" not in html.split("<body>")[0].replace(doc["scan"]["site"], "")  # nothing fetched from outside


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_axe_messages_in_chinese_from_axes_locale_and_in_english(scanned):
    doc, outputs, _ = scanned
    english = json.loads(outputs["json_en"])
    zh = {(p["url"], f["fingerprint"]): f for p in doc["pages"] for f in p["findings"] if f["source"] == "axe"}
    en = {(p["url"], f["fingerprint"]): f for p in english["pages"] for f in p["findings"] if f["source"] == "axe"}
    assert zh.keys() == en.keys() and len(zh) >= 20
    # every axe message is written in Chinese from axe-core's own zh_CN locale, none left in English
    assert [(f["rule_id"], f["message"]) for f in zh.values() if not _has_chinese(f["message"])] == []
    assert all(f["message"].startswith(("Fix any of the following:", "Fix all of the following:"))
               and not _has_chinese(f["message"]) for f in en.values())
    key, contrast = next((k, f) for k, f in zh.items() if f["rule_id"] == "color-contrast" and f["outcome"] == "failed")
    ratio = re.search(r"color contrast of (\d+(\.\d+)?)", en[key]["message"]).group(1)
    assert contrast["message"].startswith("修复以下任一问题：") and f"对比度 {ratio} " in contrast["message"]
