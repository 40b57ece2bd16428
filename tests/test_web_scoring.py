"""Page and site scores on literal inputs (weights critical 10, serious 7, moderate 3, minor 1)."""
from __future__ import annotations

import pytest

from checks.web import scoring


def test_weights_come_from_config():
    assert scoring.impact_weights() == {"critical": 10, "serious": 7, "moderate": 3, "minor": 1}


def test_page_score_is_the_weighted_share_of_passing_rules():
    impacts = {"image-alt": "critical", "color-contrast": "serious", "region": "moderate", "x-minor": "minor"}
    outcomes = {"image-alt": "failed", "color-contrast": "passed", "region": "passed", "x-minor": "passed"}
    # earned 7+3+1 = 11 of 10+7+3+1 = 21
    assert scoring.page_score(outcomes, impacts) == pytest.approx(100 * 11 / 21)
    assert scoring.page_score({k: "passed" for k in outcomes}, impacts) == 100.0
    assert scoring.page_score({k: "failed" for k in outcomes}, impacts) == 0.0


def test_cantTell_and_inapplicable_do_not_count_and_nothing_applicable_is_None():
    impacts = {"a": "critical", "b": "minor", "c": "serious"}
    assert scoring.page_score({"a": "cantTell", "b": "passed", "c": "inapplicable"}, impacts) == 100.0
    assert scoring.page_score({"a": "cantTell", "c": "inapplicable"}, impacts) is None
    assert scoring.page_score({}, impacts) is None


def test_unknown_impact_weighs_as_moderate():
    assert scoring.page_score({"new-rule": "failed", "b": "passed"}, {"b": "moderate"}) == 50.0


def test_rule_outcome_one_failing_node_fails_the_rule():
    assert scoring.rule_outcome(["passed", "passed", "failed"]) == "failed"
    assert scoring.rule_outcome(["passed", "cantTell"]) == "cantTell"
    assert scoring.rule_outcome(["passed"]) == "passed"
    assert scoring.rule_outcome([]) == "inapplicable"


def test_axe_impacts_are_known_for_passing_rules():
    impacts = scoring.axe_rule_impacts()
    assert impacts["image-alt"] == "critical"
    assert impacts["meta-viewport"] == "moderate"  # rule-level impact overrides its checks' critical
    assert len(impacts) == 105


def test_site_score_is_the_mean_of_scored_pages():
    assert scoring.site_score([100.0, 50.0, None, 60.0]) == 70.0
    assert scoring.site_score([None, None]) is None
    assert scoring.site_score([]) is None
