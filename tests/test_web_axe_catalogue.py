"""Our axe catalogues (impacts, Chinese messages) match the axe-core scans inject, read in real Chromium."""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from checks.web._data import load_json
from scanner.axe import axe_source
from scanner.browser import CHROMIUM_ARGS, find_chromium
from tests.conftest import pinned_axe_version

pytestmark = pytest.mark.e2e

# Same derivation as axe's own reporting: a rule-level impact overrides its checks'; else the worst check.
READ_AXE = """() => {
  const order = ["minor", "moderate", "serious", "critical"];
  const out = {};
  for (const rule of axe._audit.rules) {
    const checks = [...rule.any, ...rule.all, ...rule.none].map(c => c.id || c);
    const worst = checks.map(id => (axe._audit.data.checks[id] || {}).impact).filter(Boolean)
      .reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), null);
    out[rule.id] = {impact: rule.impact || worst, worst_check_impact: worst, enabled_by_default: rule.enabled,
                    tags: rule.tags};
  }
  return {version: axe.version, rules: out, getRules: axe.getRules().map(r => r.ruleId)};
}"""


@pytest.fixture(scope="module")
def bundled_axe() -> dict:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page()
            page.set_content("<!doctype html><html lang='zh-CN'><title>t</title><body></body></html>")
            page.add_script_tag(content=axe_source())
            return page.evaluate(READ_AXE)
        finally:
            browser.close()


def test_bundled_axe_is_the_version_the_catalogues_describe(bundled_axe):
    assert bundled_axe["version"] == load_json("data/axe_rule_impact.json")["meta"]["axe_core"] == pinned_axe_version()


def test_impact_catalogue_matches_bundled_axe(bundled_axe):
    ours = load_json("data/axe_rule_impact.json")["rules"]
    assert sorted(ours) == sorted(bundled_axe["getRules"])
    assert ours == bundled_axe["rules"]


def test_every_bundled_axe_rule_has_chinese_help_description_and_fix(bundled_axe):
    zh = load_json("data/axe_rules_zh.json")["rules"]
    assert sorted(zh) == sorted(bundled_axe["getRules"])
    for rule_id, entry in zh.items():
        for field in ("help_zh", "description_zh", "fix_zh"):
            text = entry.get(field, "")
            # Chinese text, not an untranslated English placeholder.
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text), (rule_id, field, text)
