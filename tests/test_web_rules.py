"""Our own web rules against their fixtures (axe-core's way): each rule fails on fails.html, not on passes.html."""
from __future__ import annotations

from pathlib import Path

import pytest

from checks.models import IMPACTS, OUTCOMES
from checks.web import own_rules as R
from checks.web.wcag import all_criteria, sc_from_axe_tags
from scanner.static_facts import page_facts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web_rules"
HOME = "http://127.0.0.1:8000/"  # fixtures are judged as a site's home page (wza-elder-mode-entry needs one)
RULE_IDS = [r.id for r in R.own_rules()]


def _findings(rule_id: str, fixture: str):
    html = (FIXTURES / rule_id / fixture).read_text(encoding="utf-8")
    return [f for f in R.run_rules(page_facts(html, HOME), None, "static") if f.rule_id == rule_id]


def test_every_rule_has_fixtures_and_every_fixture_a_rule():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(RULE_IDS)
    for rule_id in RULE_IDS:
        assert {p.name for p in (FIXTURES / rule_id).iterdir()} == {"passes.html", "fails.html"}


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fails_on_its_fails_fixture(rule_id):
    rule = R.rule_by_id(rule_id)
    # Rules that can only flag for review (cantTell) must at least flag here.
    strongest = "failed" if "failed" in rule.outcomes else "cantTell"
    outcomes = [f.outcome for f in _findings(rule_id, "fails.html")]
    assert strongest in outcomes, outcomes


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_passes_on_its_passes_fixture(rule_id):
    outcomes = [f.outcome for f in _findings(rule_id, "passes.html")]
    assert "passed" in outcomes and not {"failed", "cantTell"} & set(outcomes), outcomes


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_record_is_complete_and_consistent(rule_id):
    rule = R.rule_by_id(rule_id)
    assert rule.id.startswith("wza-") and rule.check in R.CHECKS
    assert rule.impact in IMPACTS and rule.source_confidence in ("high", "medium", "low")
    assert set(rule.outcomes) <= set(OUTCOMES) and set(rule.modes) <= set(R.MODES) and "static" in rule.modes
    assert all((rule.help_zh, rule.help_en, rule.description_zh, rule.description_en, rule.fix_zh, rule.fix_en))
    known = {c.sc for c in all_criteria()}
    assert set(rule.wcag) <= known
    assert sc_from_axe_tags(rule.tags) == tuple(sorted(rule.wcag, key=[c.sc for c in all_criteria()].index))
    assert rule.wcag or "best-practice" in rule.tags or "elder-friendly" in rule.tags


def test_failed_findings_point_at_the_element():
    failed = [f for f in _findings("wza-img-alt", "fails.html") if f.outcome == "failed"]
    assert [f.selector for f in failed] == ["html > body > img:nth-of-type(2)"]
    assert failed[0].html == '<img src="banner.jpg"/>'
    assert failed[0].impact == "critical" and failed[0].wcag == ("1.1.1",) and failed[0].source == "wuzhangai"
    assert failed[0].help == "图片必须有替代文本"


def test_form_label_judges_each_field():
    findings = _findings("wza-form-label", "fails.html")
    assert [f.outcome for f in findings] == ["passed", "failed", "failed"]
    placeholder_only = page_facts('<input placeholder="请输入身份证号">', HOME)
    assert [f.outcome for f in R.run_rules(placeholder_only, {"wcag412"}) if f.rule_id == "wza-form-label"] == ["cantTell"]


def test_inapplicable_is_recorded_once_without_selector():
    facts = page_facts("<html lang='zh-CN'><title>t</title><body><p>无图</p></body></html>", HOME)
    img = [f for f in R.run_rules(facts) if f.rule_id == "wza-img-alt"]
    assert [(f.outcome, f.selector) for f in img] == [("inapplicable", "")]
    assert img[0].impact == "critical"  # impact kept so passes and fails weigh the same in scores


def test_elder_entry_only_judged_on_the_home_page():
    html = (FIXTURES / "wza-elder-mode-entry" / "fails.html").read_text(encoding="utf-8")
    inner = R.run_rules(page_facts(html, "http://127.0.0.1:8000/zwgk/list.html"), {"elder-friendly"})
    assert [f.outcome for f in inner] == ["inapplicable"]
    assert R.is_home_page("http://a.gov.cn") and R.is_home_page("http://a.gov.cn/index.shtml")
    assert not R.is_home_page("http://a.gov.cn/news/index.html")


def test_tags_and_mode_select_rules_like_axe_runOnly():
    facts = page_facts("<html><body><img src=x></body></html>", HOME)
    ids = {f.rule_id for f in R.run_rules(facts, {"wcag111"})}
    assert ids == {"wza-img-alt"}
    ids_aa = {f.rule_id for f in R.run_rules(facts, {"wcag2a", "wcag2aa"})}
    assert "wza-viewport-zoom" in ids_aa and "wza-elder-mode-entry" not in ids_aa and "wza-heading-order" not in ids_aa
    browser = {r.id for r in R.select_rules(None, "browser")}
    assert browser == {"wza-elder-mode-entry", "wza-link-text-descriptive", "wza-identical-link-names",
                       "wza-page-has-heading"}
    with pytest.raises(ValueError):
        R.select_rules(None, "app")


def test_english_messages():
    findings = _findings("wza-html-lang", "fails.html")
    facts = page_facts((FIXTURES / "wza-html-lang" / "fails.html").read_text(encoding="utf-8"), HOME)
    en = [f for f in R.run_rules(facts, {"wcag311"}, lang="en")]
    assert en[0].help == "<html> must have a valid lang attribute" and "zh_CN" in en[0].message
    assert "有效" in findings[0].message
