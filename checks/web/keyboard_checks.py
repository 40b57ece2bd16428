"""Checks over the ``keyboard`` probe's artifact (``scanner.probes.keyboard``): the page walked with Tab.

Each check reports the elements that fail or that a person must look at, and a single page-level ``passed`` when
there are none; no result (inapplicable) when the page gave it nothing to judge. A walk cut short because the
page navigated is judged only by the keyboard-trap rule (``cantTell``)."""
from __future__ import annotations

from checks.web.own_rules import Evidence, Located, Result

MIN_PIXELS_CHANGED = 3  # pixels of an element's box that must differ, focused vs not, to count as a visible change
SKIP_LINK_THRESHOLD = 10  # focusable elements before the main content above which a way to skip them is needed
JUMP_FAIL = 1  # a positive tabindex that puts an element ahead of this many visually earlier elements fails


def _walk(ev: Evidence) -> dict | None:
    kb = ev.get("keyboard")
    if not kb or kb.get("navigated"):
        return None
    return kb


def _focused(kb: dict) -> list[dict]:
    """Each element the walk focused, once (the first time), frames and the body left out."""
    seen, out = set(), []
    for step in kb.get("steps") or []:
        if step.get("body") or step.get("frame") or step["selector"] in seen:
            continue
        seen.add(step["selector"])
        out.append(step)
    return out


def keyboard_trap(ev: Evidence) -> list[Result]:
    """WCAG 2.1.2: Tab keeps focus on one element (or a cycle of two or three) while others remain unreached,
    and neither Shift+Tab nor Escape (a standard way out: a modal dialog that closes on it) gets out: failed.
    Out with Escape: passed. Out backwards only, or stuck in a frame: cantTell."""
    kb = ev.get("keyboard")
    if not kb or not kb.get("focusable_count"):
        return []
    if kb.get("navigated"):
        return [Result("cantTell", None, "navigated", {"url": kb["navigated"]})]
    stuck = kb.get("stuck")
    if not stuck:
        return [Result("passed", None, "moves", {"reached": kb.get("reached", 0), "total": kb["focusable_count"]})]
    where = next((s for s in kb.get("steps") or [] if s.get("selector") == stuck["cycle"][0]), {})
    fact = Located(stuck["cycle"][0], where.get("html", ""))
    data = {"reached": stuck.get("reached", 0), "total": stuck.get("total", 0)}
    if stuck.get("escapes_with_escape") and not stuck.get("escapes_backward"):
        return [Result("passed", fact, "escape", data)]
    if where.get("frame") or stuck.get("escapes_backward"):
        return [Result("cantTell", fact, "forward_only" if stuck.get("escapes_backward") else "frame", data)]
    return [Result("failed", fact, "trapped", data)]


def focus_visible(ev: Evidence) -> list[Result]:
    """WCAG 2.4.7: each element the walk focused shows a change: a computed style of it, its parent, first child
    or pseudo-elements, or else the pixels of its box. Failed when focus is taken away by a script as soon as it
    arrives (F55), or when neither its styles nor its pixels change; cantTell for a text field (its caret may be
    the only indicator) and for elements not photographed (over the probe's budget)."""
    kb = _walk(ev)
    if not kb or not kb.get("steps"):
        return []
    results: list[Result] = []
    removed = set()
    for step in kb["steps"]:
        lost = step.get("removed") if step.get("body") else None
        if lost and lost["selector"] not in removed:
            removed.add(lost["selector"])
            results.append(Result("failed", Located(lost["selector"], lost.get("html", "")), "focus_removed"))
    pixel = kb.get("pixel") or {}
    for step in _focused(kb):
        if step.get("hidden") or step["selector"] in removed:
            continue  # an element hidden when focused is wza-focus-hidden's
        changed = step.get("changed")
        if changed:
            continue
        fact = Located(step["selector"], step.get("html", ""))
        if changed is None:
            results.append(Result("cantTell", fact, "no_baseline"))
        elif step["selector"] in pixel:
            if pixel[step["selector"]]["differ"] < MIN_PIXELS_CHANGED:
                if step.get("text_entry"):
                    results.append(Result("cantTell", fact, "caret_only"))
                else:
                    results.append(Result("failed", fact, "no_change"))
        else:
            results.append(Result("cantTell", fact, "not_compared"))
    return results or [Result("passed", None, "visible", {"count": len(_focused(kb))})]


def focus_hidden(ev: Evidence) -> list[Result]:
    """WCAG 2.4.7 / 2.4.11: focus lands on an element that cannot be seen: placed outside the document
    (``left: -9999px``) or 1 px or smaller both ways: failed; fully transparent, clipped by an ancestor, or 1 px or
    less one way only (its outline may still show): cantTell;
    entirely covered by a fixed or sticky element (2.4.11 Focus Not Obscured (Minimum)): failed."""
    kb = _walk(ev)
    if not kb or not kb.get("steps"):
        return []
    focused = _focused(kb)
    results: list[Result] = []
    for step in focused:
        fact = Located(step["selector"], step.get("html", ""))
        hidden = step.get("hidden")
        if hidden in ("offscreen", "tiny"):
            results.append(Result("failed", fact, hidden, {"x": step["box"]["x"], "y": step["box"]["y"]}))
        elif hidden in ("transparent", "clipped", "thin"):
            results.append(Result("cantTell", fact, hidden))
        elif step.get("obscured_by"):
            results.append(Result("failed", fact, "obscured", {"by": step["obscured_by"]["selector"]}))
    if not focused:
        return []
    return results or [Result("passed", None, "seen", {"count": len(focused)})]


def click_not_focusable(ev: Evidence) -> list[Result]:
    """WCAG 2.1.1: an element that is not a link, button or form field but has a click / mouse / key listener
    of its own must be reachable with Tab. Not focusable: failed; cantTell when a focusable element inside or
    around it may be the keyboard's way to the same action, or when it can be focused but not with Tab
    (``tabindex="-1"``). Links and buttons whose focus a script removes on arrival (F55) fail too."""
    kb = _walk(ev)
    if not kb or "clickables" not in kb:
        return []
    results: list[Result] = []
    for step in kb.get("steps") or []:
        lost = step.get("removed") if step.get("body") else None
        if lost and not any(r.fact.selector == lost["selector"] for r in results):
            results.append(Result("failed", Located(lost["selector"], lost.get("html", "")), "focus_removed"))
    judged = 0
    for c in kb["clickables"]:
        if c.get("w", 1) == 0 or c.get("h", 1) == 0:
            continue
        judged += 1
        fact = Located(c["selector"], c.get("html", ""))
        data = {"events": ", ".join(c.get("listeners") or [])}
        if c.get("tabbable"):
            continue
        if c.get("focusable"):
            results.append(Result("cantTell", fact, "not_in_tab_order", data))
        elif c.get("focusable_inside") or c.get("focusable_around"):
            results.append(Result("cantTell", fact, "focusable_near", data))
        else:
            results.append(Result("failed", fact, "not_focusable", data))
    if not judged and not results:
        return []
    return results or [Result("passed", None, "focusable", {"count": judged})]


def skip_link(ev: Evidence) -> list[Result]:
    """WCAG 2.4.1: a link among the first focusable elements to an in-page target must have a target and move
    focus there (Enter on it, then Tab, lands in or after the target). Without one, a page with more than
    ``SKIP_LINK_THRESHOLD`` focusable elements before its main content passes with a ``main`` landmark (ARIA11)
    and is cantTell with headings only (H69 is sufficient where headings start each section: a person judges).
    A page with no skip link, landmark or heading is left to axe-core's ``bypass`` (not reported twice)."""
    kb = _walk(ev)
    if not kb or not kb.get("focusable_count"):
        return []
    link = kb.get("skip_link")
    structure = kb.get("structure") or {}
    if link:
        fact = Located(link["selector"], link.get("html", ""))
        data = {"href": link["href"]}
        if not link.get("target"):
            return [Result("failed", fact, "no_target", data)]
        if not link.get("target_visible"):
            return [Result("failed", fact, "target_hidden", data)]
        if link.get("activated") is False or "focus_after" not in link:
            return [Result("cantTell", fact, "not_activated", data)]
        if link["focus_after"]:
            return [Result("passed", fact, "works", data)]
        if link.get("target_in_view"):  # scrolled there, but the next Tab does not start from it
            return [Result("cantTell", fact, "scroll_only", data)]
        return [Result("failed", fact, "focus_stays", data)]
    before = structure.get("before_content")
    count = before if before is not None else kb["focusable_count"]
    if count <= SKIP_LINK_THRESHOLD:
        return [Result("passed", None, "few_before", {"count": count})]
    if structure.get("main"):
        return [Result("passed", None, "landmarks", {"count": count})]
    if structure.get("headings"):
        return [Result("cantTell", None, "headings_only", {"count": count})]
    return []  # no skip link, landmark nor heading: axe-core's bypass fails it


def tabindex_order(ev: Evidence) -> list[Result]:
    """WCAG 2.4.3 (F44): a positive ``tabindex`` puts an element ahead of the elements before it. Failed when it
    is reached before at least ``JUMP_FAIL`` focusable element that stands visually above it (focus goes down the
    page, then back up); cantTell when it only jumps elements on its own line; passed when no positive tabindex
    changes the order."""
    kb = _walk(ev)
    if not kb or not kb.get("focusable_count"):
        return []
    results = []
    for p in kb.get("positive_tabindex") or []:
        if not p.get("jumped"):
            continue
        fact = Located(p["selector"], p.get("html", ""))
        data = {"tabindex": p["tabindex"], "jumped": p["jumped"]}
        if p.get("above", 0) >= JUMP_FAIL:
            results.append(Result("failed", fact, "jumps_back", {**data, "above": p["above"]}))
        else:
            results.append(Result("cantTell", fact, "jumps_line", data))
    return results or [Result("passed", None, "dom_order", {"count": kb["focusable_count"]})]


CHECKS = {
    "keyboard_trap": keyboard_trap,
    "focus_visible": focus_visible,
    "focus_hidden": focus_hidden,
    "click_not_focusable": click_not_focusable,
    "skip_link": skip_link,
    "tabindex_order": tabindex_order,
}
