"""The app rules (``checks/app/rules``) against their fixtures, as the web rules are tested: ``expected.json``
beside each rule's fails.xml and passes.xml lists every result the rule must give, in dump order, with the node
it points at (an XPath that selects exactly that node); the rules measured on a screenshot are judged with the
fixture's PNG."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from checks.app.app_checks import INK_PER_EM
from checks.models import IMPACTS
from checks.web import messages
from checks.web import own_rules as R
from checks.web.wcag import all_criteria
from scanner.app_dump import contrast, measure_pixels, parse_dump

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "app_rules"
APP_RULE_IDS = [r.id for r in R.own_rules() if "app_screen" in r.requires]
DENSITY = 480


def _findings(rule_id: str, fixture: str):
    expected = json.loads((FIXTURES / rule_id / "expected.json").read_text(encoding="utf-8"))
    dump = FIXTURES / rule_id / fixture
    screen = parse_dump(dump, DENSITY, **expected.get("options", {}))
    png = dump.with_suffix(".png")
    artifacts = {"app_screen": screen, "app_pixels": measure_pixels(png, screen) if png.exists() else None}
    return [f for f in R.run_rules(artifacts) if f.rule_id == rule_id]


def test_every_app_rule_has_fixtures_and_every_fixture_a_rule():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(APP_RULE_IDS)
    assert len(APP_RULE_IDS) == 10
    for rule_id in APP_RULE_IDS:
        names = {p.name for p in (FIXTURES / rule_id).iterdir()}
        needs_png = "app_pixels" in R.rule_by_id(rule_id).requires
        assert names == {"fails.xml", "passes.xml", "expected.json"} | ({"fails.png", "passes.png"} if needs_png else set())


@pytest.mark.parametrize("fixture", ["fails.xml", "passes.xml"])
@pytest.mark.parametrize("rule_id", APP_RULE_IDS)
def test_app_rule_judges_each_node_of_its_fixture_as_expected(rule_id, fixture):
    expected = json.loads((FIXTURES / rule_id / "expected.json").read_text(encoding="utf-8"))[fixture]
    found = [[f.outcome, f.selector] for f in _findings(rule_id, fixture)]
    assert found == expected
    tree = etree.parse(str(FIXTURES / rule_id / fixture))
    for _outcome, path in found:
        assert len(tree.xpath(path)) == 1, path  # points at exactly one node of the dump


@pytest.mark.parametrize("rule_id", APP_RULE_IDS)
def test_app_rule_record_is_complete_and_its_messages_fill(rule_id):
    rule = R.rule_by_id(rule_id)
    assert rule.id.startswith("wza-app-") and rule.check in R.CHECKS and rule.impact in IMPACTS
    assert set(rule.wcag) <= {c.sc for c in all_criteria()}
    assert rule.wcag or "best-practice" in rule.tags or "elder-friendly" in rule.tags
    for text in (rule.help, rule.description, rule.fix, *rule.messages.values()):
        assert text["zh"] and text["en"]
    for fixture in ("fails.xml", "passes.xml"):
        for f in _findings(rule_id, fixture):
            for check in f.checks:
                assert check["id"] in rule.messages
                for lang in ("zh", "en"):
                    assert "{" not in rule.message_text(check["id"], check["data"], lang)


def test_findings_carry_the_node_and_a_zh_en_message():
    failed = [f for f in _findings("wza-app-text-contrast", "fails.xml") if f.outcome == "failed"]
    assert len(failed) == 1 and failed[0].wcag == ("1.4.3",) and failed[0].impact == "serious"
    assert 'text="数据更新至十一月"' in failed[0].html and 'bounds="[48,48][1032,144]"' in failed[0].html
    zh = messages.own_rule_message("wza-app-text-contrast", failed[0].checks, "zh-CN")
    en = messages.own_rule_message("wza-app-text-contrast", failed[0].checks, "en")
    assert zh.startswith("对比度 2.68:1（文字 #9e9e9e，背景 #ffffff") and "低于 4.5:1" in zh
    assert en.startswith("contrast 2.68:1 (text #9e9e9e on #ffffff") and en.endswith("below 4.5:1")


def test_contrast_is_wcag_and_measured_text_size_is_within_half_a_dp():
    assert round(contrast((0x9e,) * 3, (255,) * 3), 2) == 2.68 and round(contrast((0, 0, 0), (255,) * 3), 1) == 21.0
    screen = parse_dump(FIXTURES / "wza-app-elder-text-size" / "fails.xml", DENSITY, elder=True)
    pixels = measure_pixels(FIXTURES / "wza-app-elder-text-size" / "fails.png", screen)["nodes"]
    sizes = [round(m["ink_px"] / 3 / INK_PER_EM, 1) for m in pixels.values()]
    for measured, drawn in zip(sizes, (14, 20, 17)):
        assert abs(measured - drawn) <= 0.5, (measured, drawn)


def test_miit_target_asks_60_dp_on_an_elder_screen_and_elder_text_only_there():
    dump = FIXTURES / "wza-app-miit-target" / "passes.xml"  # 44 and 48 dp buttons: enough, but not for elders
    elder = [f.outcome for f in R.run_rules({"app_screen": parse_dump(dump, DENSITY, elder=True)})
             if f.rule_id == "wza-app-miit-target"]
    assert elder == ["failed", "failed"]
    plain = FIXTURES / "wza-app-elder-text-size" / "fails.xml"
    screen = parse_dump(plain, DENSITY)
    found = [f for f in R.run_rules({"app_screen": screen, "app_pixels": measure_pixels(plain.with_suffix(".png"), screen)})
             if f.rule_id == "wza-app-elder-text-size"]
    assert [f.outcome for f in found] == ["inapplicable"]


def test_dp_come_from_the_density_or_a_360_dp_screen():
    dump = FIXTURES / "wza-app-touch-target" / "fails.xml"  # 1080 px wide
    assert parse_dump(dump, 480)["px_per_dp"] == 3.0 and parse_dump(dump, 480)["dp_source"] == "density"
    assert parse_dump(dump, 320)["px_per_dp"] == 2.0  # the same 40 dp button is 60 dp on a 320 dpi screen
    estimated = parse_dump(dump)
    assert estimated["px_per_dp"] == 3.0 and estimated["dp_source"] == "assumed_360dp"
    at_320 = [f.outcome for f in R.run_rules({"app_screen": parse_dump(dump, 320)}) if f.rule_id == "wza-app-touch-target"]
    assert at_320 == ["passed", "passed"]


def test_web_pages_never_run_app_rules_and_app_screens_only_app_rules():
    assert not {r.id for r in R.select_rules(None, ["dom", "styles", "layout", "keyboard", "motion"])} & set(APP_RULE_IDS)
    screen = parse_dump(FIXTURES / "wza-app-touch-target" / "fails.xml", DENSITY)
    assert {f.rule_id for f in R.run_rules({"app_screen": screen})} <= set(APP_RULE_IDS)
