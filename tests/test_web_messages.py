"""Chinese-first rule messages with English fallback."""
from __future__ import annotations

from checks.web import messages


def test_axe_rule_in_chinese_and_english():
    assert messages.rule_help("image-alt", "zh-CN", "Images must have alternative text") == "图片必须有替代文本"
    assert messages.rule_help("image-alt", "zh_Hans") == "图片必须有替代文本"
    assert messages.rule_help("image-alt", "en", "Images must have alternative text") == "Images must have alternative text"
    assert "alt" in messages.rule_fix("image-alt", "zh")
    assert messages.rule_description("html-has-lang", "zh").startswith("检查")


def test_unknown_rule_falls_back_to_the_english_given():
    assert messages.rule_help("axe-rule-from-the-future", "zh", "Future help") == "Future help"
    assert messages.rule_fix("axe-rule-from-the-future", "zh") == ""


def test_is_chinese():
    assert messages.is_chinese("zh") and messages.is_chinese("ZH-cn") and not messages.is_chinese("en-US")


def test_own_rules_have_both_languages():
    assert messages.rule_help("wza-img-alt", "zh") == "图片必须有替代文本"
    assert messages.rule_help("wza-img-alt", "en") == "Images must have alternative text"
    assert messages.rule_fix("wza-elder-mode-entry", "zh").startswith("在首页")
