"""The checks of the app rules (``checks/app/rules/wza-app-*.json``), on an app screen's artifacts.

Each takes the page's :class:`checks.web.own_rules.Evidence` and returns one ``Result`` per node judged (none:
the rule is inapplicable on that screen). Thresholds are named here with their source; the words a finding
says are in the rule records.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from checks.app.screen import IMAGE_CLASSES, Screen, ScreenNode
from checks.web.own_rules import Evidence, Result

SCREEN = "app_screen"
PIXELS = "app_pixels"

ATF_TARGET_DP = 48  # Google's Accessibility Test Framework (TouchTargetSizeCheck) and Android's design guidance
MIIT_TARGET_DP = 44  # MIIT 移动互联网应用（APP）适老化通用设计规范: main components at least 44 x 44 dp
MIIT_ELDER_TARGET_DP = 60  # ... and 60 x 60 dp in the elder interface
MIIT_ELDER_TEXT_DP = 18  # ... main text in the elder interface at least 18 dp
LARGE_TEXT_DP = 18  # MIIT: 3:1 is enough for text larger than 18 dp (WCAG's large text is 18 pt / 14 pt bold)
CONTRAST_NORMAL, CONTRAST_LARGE = 4.5, 3.0
# Height of a line's ink (CJK glyphs, Noto Sans CJK / the Android system font) as a share of the font size,
# measured 0.94-0.96 on our renderings of 14-24 dp text; Latin-only text has less ink (no ascenders in "ooo") and reads as smaller.
INK_PER_EM = 0.95
TEXT_SIZE_MARGIN = 0.1  # an estimate within 10 % below the minimum is left to a person (cantTell)

# content-desc words that only repeat what TalkBack already says from the class (ATF RedundantDescriptionCheck)
REDUNDANT_DESC_WORDS = ("按钮", "图片", "图标", "图像", "button", "image", "icon", "btn", "picture")


def screen_of(ev: Evidence) -> Screen:
    cached = ev.__dict__.get("_app_screen")
    if cached is None:
        cached = ev.__dict__["_app_screen"] = Screen.from_dict(ev.get(SCREEN))
    return cached


def _pixels(ev: Evidence) -> dict:
    return (ev.get(PIXELS) or {}).get("nodes") or {}


def _each(nodes: list[ScreenNode], problem: Callable[[ScreenNode], tuple[str, str, dict] | None],
          passed: Callable[[ScreenNode], tuple[str, dict]] | None = None) -> list[Result]:
    out = []
    for node in nodes:
        found = problem(node)
        if found is not None:
            out.append(Result(found[0], node, found[1], found[2]))
        elif passed is not None:
            out.append(Result("passed", node, *passed(node)))
        else:
            out.append(Result("passed", node))
    return out


def speakable_text_present(ev: Evidence) -> list[Result]:
    """ATF SpeakableTextPresentCheck: a node a user can act on or focus must say something."""
    screen = screen_of(ev)
    targets = [n for n in screen.nodes if n.enabled and (n.actionable or n.focusable)]
    return _each(targets, lambda n: None if screen.speakable_text(n) else ("failed", "silent", {"class": n.short_class}))


def image_button_described(ev: Evidence) -> list[Result]:
    """ATF ImageContentDescriptionCheck: an image a user acts on needs a content-desc (it has no text)."""
    nodes = [n for n in screen_of(ev).nodes if n.short_class in IMAGE_CLASSES and n.actionable]
    return _each(nodes, lambda n: None if n.content_desc.strip() or n.text.strip()
                 else ("failed", "no_desc", {"class": n.short_class}))


def _size_problem(screen: Screen, node: ScreenNode, minimum: float, message: str) -> tuple[str, str, dict] | None:
    w, h = screen.dp(node.width_px), screen.dp(node.height_px)
    if w >= minimum and h >= minimum:
        return None
    return "failed", message, {"width": round(w), "height": round(h), "minimum": minimum}


def touch_target_atf(ev: Evidence) -> list[Result]:
    screen = screen_of(ev)
    nodes = [n for n in screen.nodes if n.enabled and n.actionable]
    return _each(nodes, lambda n: _size_problem(screen, n, ATF_TARGET_DP, "small"))


def touch_target_miit(ev: Evidence) -> list[Result]:
    """MIIT app spec: 44 x 44 dp, 60 x 60 dp on an elder-interface screen (``--elder``)."""
    screen = screen_of(ev)
    minimum = MIIT_ELDER_TARGET_DP if screen.elder else MIIT_TARGET_DP
    message = "small_elder" if screen.elder else "small"
    nodes = [n for n in screen.nodes if n.enabled and n.actionable]
    return _each(nodes, lambda n: _size_problem(screen, n, minimum, message))


def duplicate_clickable_bounds(ev: Evidence) -> list[Result]:
    """ATF DuplicateClickableBoundsCheck: two targets on the same spot (one hides the other from a screen
    reader's user, or they are announced twice); the later one in the dump is the finding."""
    seen: dict[tuple[int, ...], ScreenNode] = {}

    def problem(n: ScreenNode):
        first = seen.setdefault(n.bounds, n)
        return None if first is n else ("failed", "same_bounds", {"other": first.path})
    return _each([n for n in screen_of(ev).nodes if n.actionable and n.width_px and n.height_px], problem)


def editable_not_described(ev: Evidence) -> list[Result]:
    """ATF EditableContentDescCheck: TalkBack reads an editable field's content-desc instead of what was typed."""
    nodes = [n for n in screen_of(ev).nodes if n.editable]
    return _each(nodes, lambda n: ("failed", "has_desc", {"desc": n.content_desc}) if n.content_desc.strip() else None)


_WORDS = re.compile(r"[a-z]+|[^\sa-z]+")


def _repeats_class(desc: str) -> str | None:
    low = desc.lower()
    for word in REDUNDANT_DESC_WORDS:
        if word.isascii():
            if word in _WORDS.findall(low):
                return word
        elif word in low:
            return word
    return None


def description_not_redundant(ev: Evidence) -> list[Result]:
    nodes = [n for n in screen_of(ev).nodes if n.content_desc.strip()]

    def problem(n: ScreenNode):
        word = _repeats_class(n.content_desc)
        return None if word is None else ("failed", "repeats_class", {"desc": n.content_desc, "word": word})
    return _each(nodes, problem)


def _text_dp(screen: Screen, measured: dict) -> float | None:
    ink = measured.get("ink_px")
    return None if not ink else round(screen.dp(ink) / INK_PER_EM, 1)


def text_contrast(ev: Evidence) -> list[Result]:
    """WCAG 1.4.3 / MIIT: 4.5:1, 3:1 for text larger than 18 dp, measured on the screenshot in the node's bounds."""
    screen, pixels = screen_of(ev), _pixels(ev)
    out = []
    for node in screen.nodes:
        measured = pixels.get(node.path)
        if measured is None:
            continue
        if measured.get("ratio") is None:
            out.append(Result("cantTell", node, "no_ink", {"text": node.text}))
            continue
        size = _text_dp(screen, measured)
        needed = CONTRAST_LARGE if size is not None and size > LARGE_TEXT_DP else CONTRAST_NORMAL
        data = {"ratio": measured["ratio"], "needed": needed, "fg": measured["fg"], "bg": measured["bg"],
                "size": size if size is not None else "?"}
        out.append(Result("passed" if measured["ratio"] >= needed else "failed", node,
                          "enough" if measured["ratio"] >= needed else "low", data))
    return out


def elder_text_size(ev: Evidence) -> list[Result]:
    """MIIT: the elder interface's main text at least 18 dp, estimated from the height of the text's ink."""
    screen, pixels = screen_of(ev), _pixels(ev)
    if not screen.elder:
        return []
    out = []
    for node in screen.nodes:
        size = _text_dp(screen, pixels.get(node.path) or {})
        if size is None:
            continue
        data = {"size": size, "minimum": MIIT_ELDER_TEXT_DP}
        if size >= MIIT_ELDER_TEXT_DP:
            out.append(Result("passed", node, "large_enough", data))
        elif size >= MIIT_ELDER_TEXT_DP * (1 - TEXT_SIZE_MARGIN):
            out.append(Result("cantTell", node, "near", data))
        else:
            out.append(Result("failed", node, "small", data))
    return out


def identical_speakable_text(ev: Evidence) -> list[Result]:
    """ATF DuplicateSpeakableTextCheck: targets at different places saying the same thing may do different
    things; a person judges whether they do the same."""
    screen = screen_of(ev)
    targets = [n for n in screen.nodes if n.enabled and n.actionable]
    said = {n.path: screen.speakable_text(n).strip() for n in targets}
    places: dict[str, set] = {}
    for n in targets:
        if said[n.path]:
            places.setdefault(said[n.path], set()).add(n.bounds)
    named = [n for n in targets if said[n.path]]
    return _each(named, lambda n: ("cantTell", "same_text", {"text": said[n.path], "count": len(places[said[n.path]])})
                 if len(places[said[n.path]]) > 1 else None)


CHECKS = {
    "app_speakable_text_present": speakable_text_present,
    "app_image_button_described": image_button_described,
    "app_touch_target_atf": touch_target_atf,
    "app_touch_target_miit": touch_target_miit,
    "app_duplicate_clickable_bounds": duplicate_clickable_bounds,
    "app_editable_not_described": editable_not_described,
    "app_description_not_redundant": description_not_redundant,
    "app_text_contrast": text_contrast,
    "app_elder_text_size": elder_text_size,
    "app_identical_speakable_text": identical_speakable_text,
}
