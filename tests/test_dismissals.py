"""Dismissing an issue of a site (false positive / accepted risk): out of the issues, the counts and the scores, listed
apart in the scan JSON and the site report, kept in later scans of the site, undone on request. On the two recorded
scans of the report fixture site (no browser)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from checks.web.scoring import page_score, rule_outcomes_without, site_score
from reports.scan_document import scan_document
from reports.site_report import render_site_html, site_report_data, site_tables
from scanner.urls import url_key
from store import dismissals as dismissal_store
from store import scans as scan_store
from store.sites import site_summaries
from tests.report_fixtures import PAGE_FIELDS, build_scanned_db
from wuzhangai.usecases.dismissals import dismiss_issue, site_dismissals, site_id_of, undo_dismissal
from wuzhangai.usecases.site_scan import ScanOptions, create_scan, rejudge_scan
from scanner.crawl import CrawlConfig


@pytest.fixture()
def db(tmp_path):
    return build_scanned_db(tmp_path / "dismiss.db")


def _issue(doc, rule_id):
    return next(i for i in doc["issues"] if i["rule_id"] == rule_id)


def rescan(engine, site: str, from_scan: int) -> int:
    """A later browser scan of the site: the stored pages of ``from_scan`` recorded again and judged."""
    options = ScanOptions(crawl=CrawlConfig(start_urls=[site + "/index.html"], max_pages=10), browser=True)
    stored = scan_store.load_scan(engine, from_scan)
    scan_id = create_scan(engine, options, stored["scan"]["axe_version"], stored["scan"]["browser_version"])
    for page in stored["pages"]:
        entry = {"url": page["url"], "url_key": url_key(page["url"]), "depth": page["depth"] or 0,
                 "referrer": page["referrer"], "source": "link"}
        scan_store.record_page(engine, scan_id, entry, {k: page[k] for k in PAGE_FIELDS}, [], "done")
    rejudge_scan(engine, scan_id)
    return scan_id


def test_rule_outcomes_without_dismissed_elements():
    outcomes = {"image-alt": "failed", "label": "failed", "link-name": "cantTell", "html-lang": "passed"}
    found = [("image-alt", "failed", "a"), ("label", "failed", "b"), ("label", "failed", "c"),
             ("link-name", "cantTell", "d")]
    out = rule_outcomes_without(outcomes, found, {"a", "b", "d"})
    # every failing element of image-alt dismissed: passes; label keeps a failing element; link-name passes
    assert out == {"image-alt": "passed", "label": "failed", "link-name": "passed", "html-lang": "passed"}
    assert rule_outcomes_without(outcomes, found, set()) == outcomes
    assert outcomes["image-alt"] == "failed"  # the input is not changed


def test_dismissed_issue_is_apart_out_of_counts_and_score_and_undone(db):
    engine, scan_id = db["engine"], db["browser_scan"]
    before = scan_document(engine, scan_id, "zh-CN")
    assert before["site_score"] == 75.1 and before["dismissed_issues"] == []
    image_alt = _issue(before, "image-alt")
    assert image_alt["impact"] == "critical" and image_alt["count"] == 2

    dismissal_id = dismiss_issue(engine, scan_id, image_alt["fingerprint"], "false_positive",
                                 "图片为装饰性，已有 CSS 背景说明", "张三")
    after = scan_document(engine, scan_id, "zh-CN")
    assert image_alt["fingerprint"] not in {i["fingerprint"] for i in after["issues"]}
    (gone,) = after["dismissed_issues"]
    assert (gone["fingerprint"], gone["rule_id"], gone["kind"], gone["kind_text"], gone["reason"],
            gone["dismissed_by"], gone["dismissal_id"]) == (
        image_alt["fingerprint"], "image-alt", "false_positive", "误报", "图片为装饰性，已有 CSS 背景说明", "张三",
        dismissal_id)
    assert gone["dismissed_at"] and gone["pages"] == image_alt["pages"]
    assert after["summary"]["issues"] == before["summary"]["issues"] - 1
    assert after["summary"]["issues_by_impact"]["critical"] == before["summary"]["issues_by_impact"]["critical"] - 1
    # the pages are scored again without the dismissed elements: image-alt now passes on both pages
    assert after["site_score"] > before["site_score"]
    for page in after["pages"]:
        assert page["rule_outcomes"]["image-alt"] == "passed"
        assert all(f.get("dismissed") for f in page["findings"] if f["rule_id"] == "image-alt")
        stored = next(p for p in scan_store.load_scan(engine, scan_id)["pages"] if p["url"] == page["url"])
        assert page["score"] == round(page_score(page["rule_outcomes"], stored["rule_impacts"]), 1)
        assert page["counts"]["violations"] == sum(1 for o in page["rule_outcomes"].values() if o == "failed")
    # the document's site score comes from unrounded page scores: from the rounded ones it may differ by 0.1
    assert abs(after["site_score"] - site_score(p["score"] for p in after["pages"])) <= 0.1
    assert site_summaries(engine).iloc[0]["issues"] == after["summary"]["issues"]

    assert [d["id"] for d in site_dismissals(engine, site_id_of(engine, db["url"]))] == [dismissal_id]
    undo_dismissal(engine, dismissal_id, "李四")
    undone = scan_document(engine, scan_id, "zh-CN")
    assert undone["site_score"] == 75.1 and undone["dismissed_issues"] == []
    assert undone["summary"] == before["summary"] and _issue(undone, "image-alt")["fingerprint"] == image_alt["fingerprint"]
    assert site_dismissals(engine, site_id_of(engine, db["url"])) == []
    row = dismissal_store.dismissal(engine, dismissal_id)
    assert row["undone_by"] == "李四" and row["undone_at"] is not None


def test_dismissal_holds_in_later_scans_of_the_site(db):
    engine, first = db["engine"], db["browser_scan"]
    label = _issue(scan_document(engine, first), "label")
    dismiss_issue(engine, first, label["fingerprint"], "accepted", "第三方表单，下季度替换", None)
    later = rescan(engine, db["url"], first)
    doc = scan_document(engine, later, "en")
    assert label["fingerprint"] not in {i["fingerprint"] for i in doc["issues"]}
    (gone,) = doc["dismissed_issues"]
    assert gone["kind"] == "accepted" and gone["kind_text"] == "accepted risk" and gone["dismissed_by"] is None
    assert doc["site_score"] == scan_document(engine, first)["site_score"]  # same pages, same dismissal


def test_site_report_shows_dismissed_issues_in_their_own_section(db):
    engine, scan_id = db["engine"], db["browser_scan"]
    data = site_report_data(engine, scan_id, "zh-CN")
    assert ">已排除的问题</h2>" not in render_site_html(data)  # no section when nothing is dismissed
    assert "dismissed_issues" not in [t.name for t in site_tables(data)]
    link = next(i for i in data["issues"] if i["rule_id"] == "link-name")
    dismiss_issue(engine, scan_id, link["fingerprint"], "false_positive", "链接有 aria-label", "王五")
    data = site_report_data(engine, scan_id, "zh-CN")
    html = render_site_html(data)
    assert ">已排除的问题</h2>" in html and "链接有 aria-label" in html and "王五" in html and "误报" in html
    assert [i["rule_id"] for i in data["issues"]] == ["image-alt", "label", "wza-elder-mode-entry", "wza-accessibility-toolbar"]
    assert "dismissed_issues" in [t.name for t in site_tables(data)]
    english = render_site_html(site_report_data(engine, scan_id, "en"))
    assert ">Dismissed issues</h2>" in english and "false positive" in english


def test_errors_are_value_errors_in_chinese_and_english(db):
    engine, scan_id = db["engine"], db["browser_scan"]
    fp = _issue(scan_document(engine, scan_id), "label")["fingerprint"]
    for args, needle in [((scan_id, "nope", "accepted", "r"), "nope"), ((scan_id, fp, "accepted", "  "), "reason"),
                         ((scan_id, fp, "wontfix", "r"), "kind"), ((999, fp, "accepted", "r"), "999")]:
        with pytest.raises(ValueError, match=needle) as err:
            dismiss_issue(engine, *args, "x")
        assert " / " in str(err.value) and any("\u4e00" <= c <= "\u9fff" for c in str(err.value))
    dismissal_id = dismiss_issue(engine, scan_id, fp, "accepted", "r", "x")
    with pytest.raises(ValueError, match="already dismissed"):
        dismiss_issue(engine, scan_id, fp, "accepted", "again", "x")
    undo_dismissal(engine, dismissal_id, "x")
    with pytest.raises(ValueError, match="already undone"):
        undo_dismissal(engine, dismissal_id, "x")
    with pytest.raises(ValueError, match="no dismissal"):
        undo_dismissal(engine, 12345, "x")
    with pytest.raises(ValueError, match="no site"):
        site_id_of(engine, "http://unknown.example/")


def test_command_line(db):
    engine, scan_id = db["engine"], db["browser_scan"]
    path = str(engine.url.database)
    run = lambda *args: subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scans", *args, "--db", path],
                                       capture_output=True, text=True, timeout=120)
    fp = _issue(scan_document(engine, scan_id), "image-alt")["fingerprint"]
    ok = run("dismiss", str(scan_id), fp, "--kind", "false_positive", "--reason", "装饰图片", "--by", "赵六")
    assert ok.returncode == 0, ok.stderr
    dismissal_id = json.loads(ok.stdout)["dismissal_id"]
    listed = run("dismissals", db["url"] + "/guide.html")
    assert listed.returncode == 0, listed.stderr
    (row,) = json.loads(listed.stdout)
    assert (row["id"], row["fingerprint"], row["kind"], row["reason"], row["created_by"]) == (
        dismissal_id, fp, "false_positive", "装饰图片", "赵六")
    csv_out = run("dismissals", db["url"], "--format", "csv")
    assert csv_out.stdout.lstrip("\ufeff").startswith("id,site_id,fingerprint") and "装饰图片" in csv_out.stdout
    again = run("dismiss", str(scan_id), fp, "--kind", "accepted", "--reason", "x")
    assert again.returncode == 1 and "错误 / error" in again.stderr and "already dismissed" in again.stderr
    assert run("dismiss", str(scan_id), fp, "--kind", "bogus", "--reason", "x").returncode == 2
    undone = run("undismiss", str(dismissal_id))
    assert undone.returncode == 0 and str(dismissal_id) in undone.stdout
    assert json.loads(run("dismissals", db["url"]).stdout) == []
    assert run("undismiss", str(dismissal_id)).returncode == 1


def test_scan_csv_and_html_mark_dismissed(db):
    from reports import scan_output

    engine, scan_id = db["engine"], db["browser_scan"]
    fp = _issue(scan_document(engine, scan_id), "label")["fingerprint"]
    dismiss_issue(engine, scan_id, fp, "accepted", "旧表单", "赵六")
    doc = scan_document(engine, scan_id, "zh-CN")
    text = scan_output.render(doc, "csv").lstrip("\ufeff")
    assert text.splitlines()[0].endswith(",fingerprint,dismissed,tls_ignored,authenticated,login,frame")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["dismissed"] == "True" for r in rows].count(True) == sum(
        1 for p in doc["pages"] for f in p["findings"] if f["fingerprint"] == fp)
    html = scan_output.render(doc, "html")
    assert ">已排除的问题</h2>" in html and "旧表单" in html and "已接受的风险" in html


def test_pages_stored_without_rule_impacts_are_scored_from_the_known_impacts(db):
    """Scans judged before pages kept their rule impacts: a dismissal scores them from the rule catalogues,
    to the same figures."""
    from sqlalchemy import update

    engine, scan_id = db["engine"], db["browser_scan"]
    fp = _issue(scan_document(engine, scan_id), "link-name")["fingerprint"]
    dismissal_id = dismiss_issue(engine, scan_id, fp, "false_positive", "r", None)
    with_impacts = scan_document(engine, scan_id)
    undo_dismissal(engine, dismissal_id, None)
    with engine.begin() as conn:
        conn.execute(update(scan_store.pages).where(scan_store.pages.c.scan_id == scan_id).values(rule_impacts=None))
    dismiss_issue(engine, scan_id, fp, "false_positive", "r", None)
    without = scan_document(engine, scan_id)
    assert without["site_score"] == with_impacts["site_score"] > 75.1
    assert [p["score"] for p in without["pages"]] == [p["score"] for p in with_impacts["pages"]]
