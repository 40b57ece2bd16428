"""axe's per-element messages written again in another language (checks/web/axe_messages.py), literal inputs.

The locales here are small made-up ones in axe's locale-file shape; tests/e2e/test_scan_sample_site.py checks
the real zh_CN of the pinned axe-core on real findings.
"""
from __future__ import annotations

from checks.web.axe_messages import check_message, failure_summary, process_message

SUMMARY = "{{~it:value}}\n  {{=value.split('\\n').join('\\n  ')}}{{~}}"
EN = {
    "checks": {
        "has-alt": {"pass": "Element has an alt attribute", "fail": "Element has no alt attribute"},
        "role-none": {"pass": "Role is none", "fail": "Element's default semantics were not overridden"},
        "contrast": {"fail": {"default": "Contrast ${data.ratio} is too low (text ${data.fg} on ${data.bg})",
                              "shadow": "Shadow contrast ${data.ratio} is too low"},
                     "incomplete": {"default": "Contrast could not be told", "bgImage": "Background is an image"}},
        "ids": {"fail": {"singular": "Id ${data.values} is repeated", "plural": "Ids ${data.values} are repeated"}},
        "focusable": {"fail": "Focusable content should be ${data}"},
    },
    "failureSummaries": {"any": {"failureMessage": "Fix any of the following:" + SUMMARY},
                         "none": {"failureMessage": "Fix all of the following:" + SUMMARY}},
    "incompleteFallbackMessage": "axe could not tell",
}
ZH = {
    "checks": {
        "has-alt": {"fail": "元素没有 alt 属性"},
        "role-none": {"fail": "元素的默认语义未被覆盖"},
        "contrast": {"fail": {"default": "对比度 ${data.ratio} 不足（${data.fg} / ${data.bg}）",
                              "shadow": "阴影对比度 ${data.ratio} 不足"},
                     "incomplete": {"default": "无法确定对比度", "bgImage": "背景是图像"}},
        "ids": {"fail": {"singular": "id ${data.values} 重复", "plural": "多个 id ${data.values} 重复"}},
    },
    "failureSummaries": {"any": {"failureMessage": "修复以下任一问题：" + SUMMARY},
                         "none": {"failureMessage": "修复以下所有问题：" + SUMMARY}},
    "incompleteFallbackMessage": "无法确定",
}


def test_process_message_follows_axe():
    assert process_message("Contrast ${data.ratio} of ${ data.fg }", {"ratio": 2.5, "fg": "#777"}) == "Contrast 2.5 of #777"
    assert process_message("ratio ${data.r}", {"r": 3.0}) == "ratio 3"  # JavaScript prints 3, not 3.0
    assert process_message("is ${data}", "tabbable") == "is tabbable"
    assert process_message({"default": "a ${data.x}", "other": "b ${data.x}"}, {"x": 1, "messageKey": "other"}) == "b 1"
    assert process_message({"default": "a ${data.x}"}, {"x": None}) == "a null"
    ids = EN["checks"]["ids"]["fail"]
    assert process_message(ids, ["x"]) == "Id x is repeated"
    assert process_message(ids, ["x", "y"]) == "Ids x, y are repeated"
    assert process_message("", {}) is None


def test_check_message_chooses_the_incomplete_reason_like_axe():
    assert check_message(EN, "contrast", "incomplete", {"messageKey": "bgImage"}) == "Background is an image"
    assert check_message(EN, "contrast", "incomplete", {"missingData": [{"reason": "bgImage"}]}) == "Background is an image"
    assert check_message(EN, "contrast", "incomplete", {}) == "Contrast could not be told"
    assert check_message(EN, "has-alt", "incomplete", None) == "axe could not tell"
    assert check_message(ZH, "unknown-check", "fail", None) is None


def test_summary_in_chinese_with_any_and_all_groups():
    checks = [{"type": "any", "id": "has-alt", "data": None}, {"type": "any", "id": "role-none", "data": None},
              {"type": "all", "id": "contrast", "data": {"ratio": 2.1, "fg": "#999", "bg": "#fff"}},
              {"type": "none", "id": "ids", "data": ["a", "b"]}]
    english = ("Fix all of the following:\n  Ids a, b are repeated\n  Contrast 2.1 is too low (text #999 on #fff)"
               "\n\nFix any of the following:\n  Element has no alt attribute\n  Element's default semantics "
               "were not overridden")
    assert failure_summary(checks, english, EN, ZH) == (
        "修复以下所有问题：\n  多个 id a, b 重复\n  对比度 2.1 不足（#999 / #fff）"
        "\n\n修复以下任一问题：\n  元素没有 alt 属性\n  元素的默认语义未被覆盖")


def test_incomplete_node_uses_the_incomplete_message():
    checks = [{"type": "any", "id": "contrast", "data": {"messageKey": "bgImage"}}]
    english = "Fix any of the following:\n  Background is an image"
    assert failure_summary(checks, english, EN, ZH) == "修复以下任一问题：\n  背景是图像"


def test_anything_not_reproducible_keeps_english():
    alt = [{"type": "any", "id": "has-alt", "data": None}]
    assert failure_summary(alt, "Fix any of the following:\n  Element has no alt attribute", EN, ZH)
    # axe's English differs from what the template gives (another axe version): no guess
    assert failure_summary(alt, "Fix any of the following:\n  Image lacks alt", EN, ZH) is None
    # a check the locale does not translate
    focus = [{"type": "any", "id": "focusable", "data": "removed"}]
    assert failure_summary(focus, "Fix any of the following:\n  Focusable content should be removed", EN, ZH) is None
    # data the scanner left out as too large
    big = [{"type": "all", "id": "contrast", "data": {"wzaDropped": True}}]
    assert failure_summary(big, "Fix all of the following:\n  Contrast 2 is too low (text a on b)", EN, ZH) is None
    # an extra line in axe's English that no check explains
    assert failure_summary(alt, "Fix any of the following:\n  Element has no alt attribute\n  More", EN, ZH) is None
    assert failure_summary([], "", EN, ZH) is None
