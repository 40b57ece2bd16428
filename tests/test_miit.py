"""The MIIT 适老化 technical table (``checks.web.miit``, items in ``checks/web/data/miit_elder.json``) from literal
rule outcomes: an item takes the worst outcome of our rules mapped to it for that kind of target, an item no rule
of ours covers is "untested" (a person must check), and the table says it is our mapping."""
from __future__ import annotations

from checks.web._data import load_json
from checks.web.miit import miit_table, worst_outcomes
from checks.web.own_rules import rule_by_id
from checks.web.scoring import axe_rule_impacts


def _row(table, item_id):
    return next(r for r in table["rows"] if r["id"] == item_id)


def test_every_mapped_rule_exists_and_every_item_says_what_a_person_checks():
    items = load_json("data/miit_elder.json")["items"]
    assert len(items) == 14
    for item in items:
        for rule_id in item["web_rules"] + item["app_rules"]:
            assert rule_by_id(rule_id) is not None or rule_id in axe_rule_impacts(), rule_id
        assert item["person_zh"] and item["person_en"] and item["item_zh"] and item["item_en"]
    for item in items:  # the app rules are mapped only for apps
        assert not [r for r in item["web_rules"] if r.startswith("wza-app-")]


def test_an_item_takes_the_worst_outcome_of_its_rules_for_that_kind():
    outcomes = worst_outcomes([{"wza-app-text-contrast": "passed", "wza-app-miit-target": "failed"},
                               {"wza-app-text-contrast": "cantTell", "wza-app-speakable-text": "passed"}, None])
    app = miit_table(outcomes, "app", zh=True)
    assert _row(app, "contrast")["outcome"] == "cantTell" and _row(app, "target-size")["outcome"] == "failed"
    assert _row(app, "assistive-tech")["outcome"] == "passed"
    assert _row(app, "gestures")["outcome"] == "untested" and _row(app, "elder-entry")["outcome"] == "untested"
    assert app["counts"]["failed"] == 1 and app["counts"]["untested"] == 14 - 3
    assert "本项目的映射" in app["note"] and "不计算评测得分" in app["note"]
    web = miit_table(outcomes, "web", zh=False)  # the same outcomes say nothing of a website's items
    assert web["counts"]["untested"] == 14 and "our mapping" in web["note"]


def test_web_items_from_axe_and_our_rules_and_inapplicable_when_nothing_applied():
    table = miit_table({"color-contrast": "failed", "wza-elder-mode-entry": "passed", "meta-refresh": "inapplicable"},
                       "web", outcome_text=lambda o: {"failed": "不通过"}.get(o, o))
    assert _row(table, "contrast")["outcome"] == "failed" and _row(table, "contrast")["evidence"] == "color-contrast: 不通过"
    assert _row(table, "elder-entry")["outcome"] == "passed" and _row(table, "timing")["outcome"] == "inapplicable"
