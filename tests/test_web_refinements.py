"""Refinements of axe verdicts, with literal evidence: they clear false positives and never hide a failure."""
from checks.web.axe_results import judge_axe
from checks.web.refinements import avoid_inline_spacing, refined_outcome


def ev(has_text=True, font=16.0, **props):
    return {"fontSizePx": font, "hasText": has_text,
            "props": {name.replace("_", "-"): {"important": True, "px": px} for name, px in props.items()}}


def test_low_important_spacing_on_text_still_fails():
    assert avoid_inline_spacing(ev(letter_spacing=1.6)) is None  # 0.1em < 0.12em
    assert avoid_inline_spacing(ev(word_spacing=2.0)) is None  # 0.125em < 0.16em
    assert avoid_inline_spacing(ev(line_height=None)) is None  # normal (1.2) < 1.5


def test_wide_enough_or_textless_elements_pass():
    assert avoid_inline_spacing(ev(letter_spacing=2.4)) == "passed"  # 0.15em
    assert avoid_inline_spacing(ev(font=10.0, word_spacing=2.0)) == "passed"  # 0.2em at 10px
    assert avoid_inline_spacing(ev(line_height=24.0)) == "passed"  # 1.5
    assert avoid_inline_spacing(ev(has_text=False, letter_spacing=1.6)) == "passed"  # a wrapper: text is elsewhere
    not_important = {"fontSizePx": 16, "hasText": True, "props": {"letter-spacing": {"important": False, "px": 0}}}
    assert avoid_inline_spacing(not_important) == "passed"


def test_without_evidence_axe_verdict_stands():
    assert refined_outcome("avoid-inline-spacing", "failed", None) == "failed"
    assert refined_outcome("avoid-inline-spacing", "failed", {"hasText": False}) == "failed"  # no font size
    assert refined_outcome("image-alt", "failed", ev(has_text=False)) == "failed"  # no refinement for the rule
    assert refined_outcome("avoid-inline-spacing", "cantTell", ev(has_text=False)) == "cantTell"


def test_judge_axe_clears_rule_when_every_node_is_cleared():
    rule = {"id": "avoid-inline-spacing", "impact": "serious", "tags": ["wcag21aa", "wcag1412"], "help": "h",
            "helpUrl": "", "nodes": [{"target": ["div"], "html": "<div>", "evidence": ev(has_text=False, letter_spacing=1)}]}
    j = judge_axe({"violations": [rule]})
    assert j.rule_outcomes["avoid-inline-spacing"] == "passed" and j.findings == []
    rule["nodes"].append({"target": ["p"], "html": "<p>", "evidence": ev(letter_spacing=1.0)})
    j = judge_axe({"violations": [rule]})
    assert j.rule_outcomes["avoid-inline-spacing"] == "failed" and [f.selector for f in j.findings] == ["p"]
