"""The keyboard checks on hand-made artifacts (the cases the browser fixtures do not reach), and the walk's
stuck-focus detection."""
from __future__ import annotations

from checks.web import keyboard_checks as K
from checks.web.own_rules import Evidence
from scanner.probes.keyboard import _stuck


def _step(selector: str, **extra) -> dict:
    return {"selector": selector, "html": f"<{selector}>", "index": 0, "changed": ["self"], "hidden": None,
            "box": {"x": 0, "y": 0, "w": 10, "h": 10}, **extra}


def _kb(**extra) -> Evidence:
    return Evidence({"keyboard": {"focusable_count": 5, "steps": [_step("a#one")], "reached": 5, "pixel": {},
                                  "clickables": [], "positive_tabindex": [], "structure": {}, "navigated": None,
                                  **extra}})


def _outcomes(results) -> list[tuple[str, str, str]]:
    return [(r.outcome, getattr(r.fact, "selector", None), r.message) for r in results]


def test_stuck_needs_repeats_and_unreached_elements():
    assert _stuck(["a", "b", "c", "c", "c"], reached=3, total=5) == ["c"]
    assert _stuck(["a", "b", "c", "c", "c"], reached=5, total=5) is None  # everything reached: not a trap
    assert _stuck(["x", "a", "b", "a", "b", "a", "b"], reached=3, total=9) == ["a", "b"]
    assert _stuck(["a", "body", "body", "body"], reached=1, total=5) is None  # the body is not a trap
    assert _stuck(["a", "b", "c"], reached=3, total=9) is None


def test_trap_outcomes():
    assert _outcomes(K.keyboard_trap(_kb(navigated="http://x/next"))) == [("cantTell", None, "navigated")]
    stuck = {"cycle": ["a#one"], "reached": 1, "total": 5, "escapes_backward": True}
    assert _outcomes(K.keyboard_trap(_kb(stuck=stuck))) == [("cantTell", "a#one", "forward_only")]
    stuck["escapes_backward"] = False
    assert _outcomes(K.keyboard_trap(_kb(stuck=stuck))) == [("failed", "a#one", "trapped")]
    assert K.keyboard_trap(Evidence({"keyboard": {"focusable_count": 0}})) == []


def test_focus_visible_is_unsure_without_a_screenshot_and_for_text_fields():
    steps = [_step("a#one", changed=[]), _step("input#q", changed=[], text_entry=True), _step("a#two", changed=[])]
    pixel = {"input#q": {"differ": 0}, "a#two": {"differ": 40}}
    assert _outcomes(K.focus_visible(_kb(steps=steps, pixel=pixel))) == [
        ("cantTell", "a#one", "not_compared"), ("cantTell", "input#q", "caret_only")]


def test_skip_link_outcomes():
    many = {"before_content": 30, "main": False, "headings": 3}
    assert _outcomes(K.skip_link(_kb(structure=many))) == [("cantTell", None, "headings_only")]
    assert _outcomes(K.skip_link(_kb(structure={**many, "main": True}))) == [("passed", None, "landmarks")]
    assert K.skip_link(_kb(structure={**many, "headings": 0})) == []  # axe's bypass fails that page
    assert _outcomes(K.skip_link(_kb(structure={**many, "before_content": 4}))) == [("passed", None, "few_before")]
    link = {"selector": "a#skip", "href": "#main", "target": "main#main", "target_visible": True, "activated": True}
    assert _outcomes(K.skip_link(_kb(skip_link={**link, "focus_after": False, "target_in_view": False}))) == [
        ("failed", "a#skip", "focus_stays")]
    assert _outcomes(K.skip_link(_kb(skip_link={**link, "focus_after": False, "target_in_view": True}))) == [
        ("cantTell", "a#skip", "scroll_only")]


def test_click_listener_near_a_focusable_element_is_for_a_person():
    clickables = [{"selector": "li#x", "listeners": ["click"], "focusable": False, "tabbable": False,
                   "focusable_inside": True, "w": 10, "h": 10},
                  {"selector": "div#y", "listeners": ["mousedown"], "focusable": True, "tabbable": False, "w": 5,
                   "h": 5},
                  {"selector": "span#z", "listeners": ["click"], "tabbable": True, "w": 5, "h": 5}]
    assert _outcomes(K.click_not_focusable(_kb(clickables=clickables))) == [
        ("cantTell", "li#x", "focusable_near"), ("cantTell", "div#y", "not_in_tab_order")]


def test_focus_hidden_clipped_is_unsure():
    steps = [_step("a#one", hidden="clipped"), _step("a#two", hidden="tiny")]
    assert _outcomes(K.focus_hidden(_kb(steps=steps))) == [("cantTell", "a#one", "clipped"),
                                                           ("failed", "a#two", "tiny")]
