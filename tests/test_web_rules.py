"""Our own web rules against their fixtures (axe-core's way): ``expected.json`` beside each rule's fails.html and
passes.html lists every result the rule must give there, in document order, with the element it points at
(``null`` for a page-level result); a rule that judges the right page but the wrong element fails."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from checks.models import IMPACTS, OUTCOMES
from checks.web import messages
from checks.web import own_rules as R
from checks.web.judge import judge_page
from checks.web.wcag import all_criteria, sc_from_axe_tags
from scanner.probes import all_probes
from scanner.static_facts import page_facts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web_rules"
HOME = "http://127.0.0.1:8000/"  # fixtures are judged as a site's home page (wza-elder-mode-entry needs one)
# the web rules (the app rules, judged on uiautomator dumps, have their own fixtures: tests/test_app_rules.py)
RULE_IDS = [r.id for r in R.own_rules() if "app_screen" not in r.requires]
# rules judged on the DOM alone, from their fixtures' HTML here; the rest need a probe's artifact, gathered in
# Chromium from the same fixtures by tests/e2e/test_web_rules_browser.py
STATIC_RULE_IDS = [r.id for r in R.own_rules() if r.requires == ("dom",)]


def _facts(rule_id: str, fixture: str, url: str = HOME):
    return page_facts((FIXTURES / rule_id / fixture).read_text(encoding="utf-8"), url)


def _findings(rule_id: str, fixture: str):
    return [f for f in R.run_rules({"dom": _facts(rule_id, fixture)}) if f.rule_id == rule_id]


def test_every_rule_has_fixtures_and_every_fixture_a_rule():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(RULE_IDS)
    for rule_id in RULE_IDS:
        assert {p.name for p in (FIXTURES / rule_id).iterdir()} == {"passes.html", "fails.html", "expected.json"}


@pytest.mark.parametrize("fixture", ["fails.html", "passes.html"])
@pytest.mark.parametrize("rule_id", STATIC_RULE_IDS)
def test_rule_judges_each_element_of_its_fixture_as_expected(rule_id, fixture):
    expected = json.loads((FIXTURES / rule_id / "expected.json").read_text(encoding="utf-8"))[fixture]
    found = [[f.outcome, f.selector or None] for f in _findings(rule_id, fixture)]
    assert found == expected
    soup = BeautifulSoup((FIXTURES / rule_id / fixture).read_text(encoding="utf-8"), "lxml")
    for _outcome, selector in found:
        assert selector is None or len(soup.select(selector)) == 1, selector  # points at exactly one element


@pytest.mark.parametrize("rule_id", STATIC_RULE_IDS)
def test_fails_fixture_gives_the_rules_strongest_outcome_and_passes_fixture_none(rule_id):
    rule = R.rule_by_id(rule_id)
    strongest = "failed" if "failed" in rule.outcomes else "cantTell"  # review-only rules must at least flag
    assert strongest in {f.outcome for f in _findings(rule_id, "fails.html")}
    passes = {f.outcome for f in _findings(rule_id, "passes.html")}
    assert "passed" in passes and not {"failed", "cantTell"} & passes


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_record_is_complete_and_consistent(rule_id):
    rule = R.rule_by_id(rule_id)
    assert rule.id.startswith("wza-") and set(rule.requires) <= {"dom"} | {p.name for p in all_probes()}
    assert (rule.check in R.CHECKS) != bool(rule.applies_to)
    assert rule.impact in IMPACTS and rule.source_confidence in ("high", "medium", "low")
    assert set(rule.outcomes) <= set(OUTCOMES)
    for text in (rule.help, rule.description, rule.fix, *rule.messages.values()):
        assert text["zh"] and text["en"]
    known = {c.sc for c in all_criteria()}
    assert set(rule.wcag) <= known
    assert sc_from_axe_tags(rule.tags) == tuple(sorted(rule.wcag, key=[c.sc for c in all_criteria()].index))
    assert rule.wcag or "best-practice" in rule.tags or "elder-friendly" in rule.tags
    # every message a finding of the fixtures names exists in the record, with the same placeholders in zh/en
    for fixture in ("fails.html", "passes.html") if rule_id in STATIC_RULE_IDS else ():
        for f in _findings(rule_id, fixture):
            for check in f.checks:
                assert check["id"] in rule.messages
                assert "{" not in rule.message_text(check["id"], check["data"], "zh")
                assert "{" not in rule.message_text(check["id"], check["data"], "en")


def test_findings_store_message_ids_and_data_and_text_is_chosen_when_rendered():
    failed = [f for f in _findings("wza-html-lang", "fails.html") if f.outcome == "failed"]
    assert failed[0].message == "" and failed[0].checks[0]["id"] in ("missing", "invalid")
    zh = messages.own_rule_message("wza-html-lang", failed[0].checks, "zh-CN")
    en = messages.own_rule_message("wza-html-lang", failed[0].checks, "en")
    assert "lang" in zh and ("有效" in zh or "没有" in zh) and en.startswith(("<html>", "lang"))
    assert messages.rule_help("wza-html-lang", "en") == "<html> must have a valid lang attribute"


def test_failed_findings_point_at_the_element():
    failed = [f for f in _findings("wza-img-alt", "fails.html") if f.outcome == "failed"]
    assert [f.selector for f in failed] == ["html > body > img:nth-of-type(2)"]
    assert failed[0].html == '<img src="banner.jpg">'
    assert failed[0].impact == "critical" and failed[0].wcag == ("1.1.1",) and failed[0].source == "wuzhangai"
    assert messages.own_rule_message("wza-img-alt", failed[0].checks, "zh") == "图片没有 alt 属性，也没有其他名称"


def test_any_combines_element_checks_like_axe():
    rule = R.rule_by_id("wza-img-alt")
    assert rule.applies_to == "images" and "img_has_alt_attribute" in rule.any
    facts = page_facts('<img src=a alt=""><img src=b title="地图"><img src=c role="presentation">'
                       '<img src=d aria-label="徽标"><img src=e>', HOME)
    outcomes = [f.outcome for f in R.run_rules({"dom": facts}) if f.rule_id == "wza-img-alt"]
    assert outcomes == ["passed", "passed", "passed", "passed", "failed"]


def test_form_label_flags_a_placeholder_only_field_for_review():
    facts = page_facts('<input placeholder="请输入身份证号">', HOME)
    found = [f for f in R.run_rules({"dom": facts}, {"wcag412"}) if f.rule_id == "wza-form-label"]
    assert [f.outcome for f in found] == ["cantTell"]
    assert "请输入身份证号" in messages.own_rule_message("wza-form-label", found[0].checks, "zh")


def test_inapplicable_is_recorded_once_without_selector():
    facts = page_facts("<html lang='zh-CN'><title>t</title><body><p>无图</p></body></html>", HOME)
    img = [f for f in R.run_rules({"dom": facts}) if f.rule_id == "wza-img-alt"]
    assert [(f.outcome, f.selector) for f in img] == [("inapplicable", "")]
    assert img[0].impact == "critical"  # impact kept so passes and fails weigh the same in scores


def test_elder_entry_only_judged_on_the_home_page():
    inner = R.run_rules({"dom": _facts("wza-elder-mode-entry", "fails.html", "http://127.0.0.1:8000/zwgk/list.html")},
                        {"elder-friendly"})
    assert [f.outcome for f in inner if f.rule_id == "wza-elder-mode-entry"] == ["inapplicable"]
    assert R.is_home_page("http://a.gov.cn") and R.is_home_page("http://a.gov.cn/index.shtml")
    assert not R.is_home_page("http://a.gov.cn/news/index.html")


def test_tags_select_rules_like_axe_runOnly_and_elder_rules_always_run():
    facts = page_facts("<html><body><img src=x></body></html>", HOME)
    ids = {f.rule_id for f in R.run_rules({"dom": facts}, {"wcag111"})}
    elder = {r.id for r in R.own_rules() if "elder-friendly" in r.tags and r.requires == ("dom",)}
    assert ids == {"wza-img-alt", "wza-img-alt-meaningful"} | elder
    ids_aa = {f.rule_id for f in R.run_rules({"dom": facts}, {"wcag2a", "wcag2aa"})}
    assert "wza-viewport-zoom" in ids_aa and "wza-elder-mode-entry" in ids_aa and "wza-heading-order" not in ids_aa


def test_rules_run_only_where_their_artifacts_are():
    assert R.run_rules({}) == [] and R.run_rules({"dom": None}) == []
    assert {r.id for r in R.select_rules(None, ["axe"])} == set()
    assert len(R.select_rules(None, ["dom"])) == len(STATIC_RULE_IDS)
    assert {r.id for r in R.select_rules(None, ["dom", "layout"])} >= {"wza-reflow"}


AXE_IMAGE_ALT_FAILED = {"violations": [{"id": "image-alt", "impact": "critical", "tags": ["wcag2a", "wcag111"],
                                        "help": "Images must have alternative text", "helpUrl": "",
                                        "nodes": [{"target": ["img"], "html": "<img src=x>", "impact": "critical",
                                                   "message": "Fix any of the following: ..."}]}],
                        "incomplete": [], "passes": [{"id": "document-title", "tags": ["wcag2a"], "impact": None}],
                        "inapplicable": []}


def test_browser_page_merges_axe_and_our_rules_without_repeating_what_axe_judged():
    facts = page_facts("<html lang='zh-CN'><title>首页</title><body><img src=x><a href='/a'>更多</a></body></html>",
                       HOME)
    judgement, score = judge_page({"axe": AXE_IMAGE_ALT_FAILED, "dom": facts},
                                  ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
    outcomes = judgement.rule_outcomes
    assert outcomes["image-alt"] == "failed" and outcomes["document-title"] == "passed"
    assert "wza-img-alt" not in outcomes and "wza-document-title" not in outcomes  # axe judged these
    assert outcomes["wza-elder-mode-entry"] == "failed"  # no entry on this home page: ours runs beside axe
    assert outcomes["wza-link-text-descriptive"] == "cantTell"  # ours, no axe equivalent
    assert "wza-html-lang" in outcomes  # axe did not report html-lang-valid here, so ours stands in
    sources = {f.rule_id: f.source for f in judgement.findings}
    assert sources["image-alt"] == "axe" and sources["wza-elder-mode-entry"] == "wuzhangai"
    assert 0 < score < 100


def test_links_to_one_page_by_two_spellings_are_not_ambiguous():
    """The same page with and without tracking parameters (utm_*), a fragment or index.html is one target, as
    the crawler counts pages; a name shared by two real pages is flagged."""
    facts = page_facts('<a href="/news/a.html">推进会</a><a href="/news/a.html?utm_source=home">推进会</a>'
                       '<a href="/guide/">办事指南</a><a href="/guide/index.html#top">办事指南</a>'
                       '<a href="/x.html">查看</a><a href="/y.html">查看</a>', HOME)
    found = [(f.outcome, f.html) for f in R.run_rules({"dom": facts}) if f.rule_id == "wza-identical-link-names"]
    assert [o for o, _ in found] == ["passed", "passed", "passed", "passed", "cantTell", "cantTell"]


def test_heading_like_text_fails_only_where_heading_markup_is_missing():
    """The styles probe's fixture (fails.html) has no heading at all: failed. With a heading elsewhere the same text
    may be emphasis (cantTell), and so in artifacts stored before the probe counted headings; two or more such
    texts after the page's last heading fail."""
    from checks.web.content_checks import heading_like_text

    text = {"selector": "div.sub", "html": '<div class="sub">', "text": "办理材料", "font_size": 22, "base": 16,
            "weight": 400}

    def judged(**styles):
        return [(r.outcome, r.message) for r in heading_like_text(R.Evidence({"styles": styles}))]
    assert judged(heading_like=[text], headings=0) == [("failed", "no_headings")]
    assert judged(heading_like=[text], headings=1) == [("cantTell", "looks_like_heading")]
    assert judged(heading_like=[text]) == [("cantTell", "looks_like_heading")]
    assert judged(heading_like=[], headings=0) == [("passed", "none_found")]
    # a banner's h1 before two texts titled by look alone: both fail; one such text, or headings after them, may
    # be emphasis
    past = [{**text, "headings_after": 0}, {**text, "selector": "div.sub2", "headings_after": 0}]
    assert judged(heading_like=past, headings=1) == [("failed", "none_after")] * 2
    assert judged(heading_like=past[:1], headings=1) == [("cantTell", "looks_like_heading")]
    mixed = [{**text, "headings_after": 2}, *past]
    assert judged(heading_like=mixed, headings=3) == [("cantTell", "looks_like_heading"),
                                                      *[("failed", "none_after")] * 2]


def test_readme_lists_every_rule_as_the_records_say():
    """The README's rule table is made from the records (``python -m checks.web.catalogue README.md``): a rule
    added or changed without regenerating it fails here."""
    from checks.web.catalogue import END, START, rules_table

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split(START, 1)[1].split(END, 1)[0].strip()
    assert table == rules_table()
    from checks.web.site_checks import site_rules

    for rule_id in RULE_IDS + [r.id for r in site_rules()]:
        assert f"| `{rule_id}` |" in table


def test_phone_rules_judge_only_pages_opened_as_on_a_phone():
    from checks.web.content_checks import phone_target_size, phone_text_size

    small = {"selector": "a.x", "html": '<a class="x">', "width": 30.4, "height": 44, "font_size": 10, "text": "详情"}
    phone = {"phone": True, "targets": {"checked": 5, "small": [small]}, "small_text": {"checked": 9, "small": []}}
    ev = R.Evidence({"phone": phone})
    assert [(r.outcome, r.data) for r in phone_target_size(ev)] == [("failed", {"width": 30, "height": 44})]
    assert [(r.outcome, r.data) for r in phone_text_size(ev)] == [("passed", {"checked": 9})]
    desktop = R.Evidence({"phone": {**phone, "phone": False}})
    assert phone_target_size(desktop) == [] and phone_text_size(desktop) == []  # inapplicable
