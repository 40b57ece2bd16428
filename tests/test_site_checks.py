"""Site-level rules (``checks/web/site_rules``, ``checks.web.site_checks``) against their multi-page fixtures, and
through a stored scan: the issues they make list their pages, they appear in the scan JSON and its conformance
table, and ``rejudge_scan`` adds them to a scan stored without them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import update

from checks.models import IMPACTS, OUTCOMES
from checks.web import site_checks as S
from checks.web.messages import rule_help
from checks.web.wcag import all_criteria, sc_from_axe_tags
from reports.scan_document import scan_document
from scanner.crawl import CrawlConfig
from store import db as store_db
from store import scans as T
from tests.conftest import serve_directory
from wuzhangai.usecases.site_scan import ScanOptions, rejudge_scan, run_site_scan

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "site_rules"
ORIGIN = "http://127.0.0.1:8000/"
RULE_IDS = [r.id for r in S.site_rules()]


def _pages(rule_id: str, kind: str) -> list[S.SitePage]:
    return [S.site_page(ORIGIN + p.name, {"html": p.read_text(encoding="utf-8"), "url": ORIGIN + p.name})
            for p in sorted((FIXTURES / rule_id / kind).glob("*.html"))]


def test_every_site_rule_has_fixtures():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(RULE_IDS)
    for rule_id in RULE_IDS:
        assert {p.name for p in (FIXTURES / rule_id).iterdir()} == {"fails", "passes", "expected.json"}
        assert len(list((FIXTURES / rule_id / "fails").glob("*.html"))) >= 2


@pytest.mark.parametrize("kind", ["fails", "passes"])
@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_site_rule_judges_its_fixture_pages_as_expected(rule_id, kind):
    rule = next(r for r in S.site_rules() if r.id == rule_id)
    expected = json.loads((FIXTURES / rule_id / "expected.json").read_text(encoding="utf-8"))[kind]
    results = S.SITE_CHECKS[rule.check](_pages(rule_id, kind))
    assert [[r.outcome, sorted(u.rsplit("/", 1)[1] for u in r.pages)] for r in results] == expected
    outcomes = {r.outcome for r in results}
    if kind == "fails":
        assert ("failed" if "failed" in rule.outcomes else "cantTell") in outcomes
    else:
        assert outcomes == {"passed"}
    for r in results:  # every message named exists, its placeholders filled in both languages
        if r.message:
            assert r.message in rule.messages
            for lang in ("zh", "en"):
                assert "{" not in rule.message_text(r.message, r.data, lang)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_site_rule_record_is_complete(rule_id):
    rule = next(r for r in S.site_rules() if r.id == rule_id)
    assert rule.id.startswith("wza-site-") and rule.requires == ("dom",) and rule.check in S.SITE_CHECKS
    assert rule.impact in IMPACTS and rule.source_confidence in ("high", "medium", "low")
    assert set(rule.outcomes) <= set(OUTCOMES)
    assert set(rule.wcag) <= {c.sc for c in all_criteria()} and sc_from_axe_tags(rule.tags) == rule.wcag
    for text in (rule.help, rule.description, rule.fix, *rule.messages.values()):
        assert text["zh"] and text["en"]
    assert rule_help(rule_id, "zh") == rule.help["zh"]  # found by the texts of reports like any rule of ours


def test_same_title_on_one_url_twice_is_one_page():
    html = "<html><head><title>首页</title></head><body><h1>首页</h1></body></html>"
    pages = [S.site_page(u, {"html": html, "url": u}) for u in (ORIGIN, ORIGIN + "index.html")]
    assert [r.outcome for r in S.titles_unique(pages)] == ["passed"]


def test_pages_stored_as_facts_are_judged_by_title_and_h1_only():
    facts = {"url": ORIGIN + "a.html", "title": "江汉区", "lang": "zh-CN",
             "headings": [{"selector": "h1", "html": "<h1>", "level": 1, "text": "新闻"}]}
    other = {**facts, "url": ORIGIN + "b.html",
             "headings": [{"selector": "h1", "html": "<h1>", "level": 1, "text": "指南"}]}
    judged = S.judge_site([(ORIGIN + "a.html", facts), (ORIGIN + "b.html", other)])
    assert judged["outcomes"] == {"wza-site-title-unique": "failed", "wza-site-consistent-navigation": "inapplicable",
                                  "wza-site-consistent-identification": "inapplicable",
                                  "wza-site-bypass-blocks": "inapplicable"}


def _site(tmp_path: Path) -> Path:
    """A small site: the title fixture's and the navigation fixture's pages, linked from a home page."""
    root = tmp_path / "site"
    (root / "t").mkdir(parents=True)
    (root / "n").mkdir()
    for src, dest in (("wza-site-title-unique", "t"), ("wza-site-consistent-navigation", "n")):
        for p in (FIXTURES / src / "fails").glob("*.html"):
            (root / dest / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    links = "".join(f'<li><a href="/{d}/{p.name}">{d}{p.stem}</a></li>'
                    for d in ("t", "n") for p in sorted((root / d).glob("*.html")))
    (root / "index.html").write_text(f'<!DOCTYPE html><html lang="zh-CN"><head><title>首页</title></head>'
                                     f'<body><main><h1>首页</h1><ul>{links}</ul></main></body></html>',
                                     encoding="utf-8")
    return root


@pytest.fixture
def stored_scan(tmp_path):
    server, origin = serve_directory(_site(tmp_path))
    engine = store_db.engine_for(tmp_path / "w.db")
    options = ScanOptions(crawl=CrawlConfig(start_urls=[origin + "/"], use_sitemaps=False), browser=False)
    try:
        yield engine, run_site_scan(engine, options), origin
    finally:
        server.shutdown()
        engine.dispose()
        store_db._engines.clear()


def _site_issues(doc: dict) -> dict[str, list[tuple[str, list[str]]]]:
    out: dict[str, list] = {}
    for i in doc["issues"]:
        if i.get("scope") == "site":
            out.setdefault(i["rule_id"], []).append((i["outcome"], sorted(u.split("/", 3)[3] for u in i["pages"])))
    return out


def test_a_scan_shows_site_issues_with_their_pages_and_in_its_conformance(stored_scan):
    engine, scan_id, _ = stored_scan
    doc = scan_document(engine, scan_id, "zh-CN")
    assert _site_issues(doc) == {
        "wza-site-title-unique": [("failed", ["t/guide.html", "t/news.html"]),
                                  ("cantTell", ["t/print-2.html", "t/print.html"])],
        "wza-site-consistent-navigation": [("failed", ["n/open.html"])],
    }
    nav = next(i for i in doc["issues"] if i["rule_id"] == "wza-site-consistent-navigation")
    assert nav["message"].startswith("导航顺序为“首页 | 办事指南 | 新闻动态") and nav["count"] == 1
    assert nav["help"] == "多个页面上重复出现的导航应保持相同的顺序" and nav["fix"]
    conformance = {row["sc"]: row for row in doc["conformance"]}
    assert "wza-site-title-unique" in conformance["2.4.2"]["failed_rules"]
    assert "3.2.3" not in conformance  # a static scan's table has the level A criteria only
    # page findings and page scores are the pages' own: the site rules are not among them
    assert not any(f["rule_id"].startswith("wza-site-") for p in doc["pages"] for f in p["findings"])
    from reports.scan_output import render
    from reports.site_report import render_site_html, site_report_data

    report = render_site_html(site_report_data(engine, scan_id))
    assert "wza-site-consistent-navigation" in report and "多个页面上重复出现的导航应保持相同的顺序" in report
    assert "导航顺序为" in render(doc, "html")  # the plain HTML output shows the message and the pages

    csv_rows = [line for line in render(doc, "csv").splitlines() if "wza-site-" in line]
    assert len(csv_rows) == 5 and sum("/n/open.html" in r for r in csv_rows) == 1  # a row per page of each issue
    english = scan_document(engine, scan_id, "en")
    nav_en = next(i for i in english["issues"] if i["rule_id"] == "wza-site-consistent-navigation")
    assert nav_en["message"].startswith('the navigation reads "首页 | 办事指南')


def test_rejudge_adds_the_site_issues_to_a_scan_stored_without_them(stored_scan):
    engine, scan_id, _ = stored_scan
    with engine.begin() as conn:  # as a scan stored before the site rules existed
        conn.execute(update(T.scans).where(T.scans.c.id == scan_id).values(summary=None))
        conn.execute(T.issues.delete().where(T.issues.c.scan_id == scan_id))
    before = scan_document(engine, scan_id, "en")
    assert _site_issues(before) == {} and before["issues"] == []
    rejudge_scan(engine, scan_id)
    after = scan_document(engine, scan_id, "en")
    assert set(_site_issues(after)) == {"wza-site-title-unique", "wza-site-consistent-navigation"}
    assert T.scan_row(engine, scan_id)["summary"]["site_checks"]["outcomes"]["wza-site-title-unique"] == "failed"


def test_a_dismissed_site_issue_is_listed_apart_and_its_rule_passes_the_conformance(stored_scan):
    from wuzhangai.usecases.dismissals import dismiss_issue

    engine, scan_id, _ = stored_scan
    doc = scan_document(engine, scan_id, "zh-CN")
    for issue in [i for i in doc["issues"] if i["rule_id"] == "wza-site-title-unique"]:
        dismiss_issue(engine, scan_id, issue["fingerprint"], "accepted", "打印版与原文同名", "审核员")
    after = scan_document(engine, scan_id, "zh-CN")
    assert "wza-site-title-unique" not in _site_issues(after)
    assert sorted(i["outcome"] for i in after["dismissed_issues"] if i["rule_id"] == "wza-site-title-unique") == [
        "cantTell", "failed"]
    assert "wza-site-title-unique" in {row["sc"]: row for row in after["conformance"]}["2.4.2"]["passed_rules"]


def test_link_names_are_compared_among_pages_of_one_language():
    def page(name: str, lang: str, label: str) -> S.SitePage:
        html = (f'<html lang="{lang}"><head><title>{name}</title></head><body><nav><a href="/sites">{label}</a>'
                f'</nav><h1>{name}</h1></body></html>')
        return S.site_page(ORIGIN + name, {"html": html, "url": ORIGIN + name})

    pages = [page("a?lang=zh-CN", "zh-CN", "网站"), page("a?lang=en", "en", "Sites"), page("b?lang=en", "en", "Sites")]
    assert [r.outcome for r in S.consistent_identification(pages)] == ["passed"]
    pages.append(page("c?lang=en", "en", "Websites"))
    assert [r.outcome for r in S.consistent_identification(pages)] == ["cantTell"]
