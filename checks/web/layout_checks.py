"""Checks over the ``layout`` probe's artifact (``scanner.probes.layout``): the page at 320 CSS px."""
from __future__ import annotations

from checks.web.own_rules import Evidence, Located, Result

OVERFLOW_TOLERANCE = 2  # CSS px: sub-pixel rounding and a scrollbar's edge are not content lost


def reflow_320(ev: Evidence) -> list[Result]:
    """WCAG 1.4.10: at 320 CSS px nothing but exempt content (images, tables, maps...) needs sideways scrolling.
    Each outermost element sticking out past the right edge fails; a document that scrolls sideways with no
    element found to blame (negative margins, transforms) is for a person to look at."""
    reflow = (ev.get("layout") or {}).get("reflow")
    if not reflow:
        return []
    offenders = reflow.get("offenders") or []
    width = reflow.get("viewport")
    if offenders:
        return [Result("failed", Located(o["selector"], o.get("html", "")), "sticks_out",
                       {"right": o.get("right"), "width": width}) for o in offenders]
    if (reflow.get("overflow") or 0) > OVERFLOW_TOLERANCE:
        if reflow.get("exempt_overflow"):  # only content the criterion exempts is wider (a video, a data table)
            return [Result("passed", None, "exempt", {"width": width})]
        return [Result("cantTell", None, "scrolls", {"overflow": reflow["overflow"], "width": width})]
    return [Result("passed", None, "fits", {"width": width})]


CHECKS = {"reflow_320": reflow_320}


def _text_boxes(ev: Evidence, key: str) -> list[Result]:
    """Text clipped or overlapping once the page was changed (``spacing`` or ``resize``): each element fails;
    a single line cut short with an ellipsis is for a person (the full text may be given another way)."""
    data = (ev.get("layout") or {}).get(key)
    if not data or not data.get("measured"):
        return []
    results = [_box_result(item) for item in data.get("clipped") or []]
    return results or [Result("passed", None, "fits", {"count": data["measured"]})]


def _box_result(item: dict) -> Result:
    """One text box the probe found cut off or running over the next element."""
    where = Located(item["selector"], item.get("html", ""))
    info = {"by": item.get("by"), "text": item.get("text", "")}
    if item.get("kind") == "overlapping":
        return Result("failed", where, "overlaps", {**info, "over": item.get("over", "")})
    if item.get("ellipsis"):
        return Result("cantTell", where, "truncated", info)
    return Result("failed", where, "clipped", info)


def text_spacing(ev: Evidence) -> list[Result]:
    """WCAG 1.4.12: with line height 1.5, paragraph spacing 2em, letter spacing 0.12em and word spacing 0.16em,
    no text is cut off by its box (overflow hidden or clip) or runs over the element after it."""
    return _text_boxes(ev, "spacing")


def text_resize(ev: Evidence) -> list[Result]:
    """WCAG 1.4.4: at 200% page zoom (the viewport at half its CSS size) no text is cut off by its box or runs
    over the element after it: each one that is fails. Text cut off only under text-only zoom (each element's font
    size and pixel line height doubled) is for a person: page zoom meets the criterion (technique G142), but
    people who enlarge text alone lose it."""
    layout = ev.get("layout") or {}
    zoom, text_only = layout.get("zoom"), layout.get("resize")
    if not text_only or not text_only.get("measured"):
        return []
    results, seen = [], set()
    for item in (zoom or {}).get("clipped") or []:
        seen.add(item["selector"])
        results.append(_box_result(item))
    for item in text_only.get("clipped") or []:
        if item["selector"] not in seen:
            results.append(Result("cantTell", Located(item["selector"], item.get("html", "")), "text_only",
                                  {"by": item.get("by"), "text": item.get("text", "")}))
    return results or [Result("passed", None, "fits", {"count": text_only["measured"]})]


def orientation_not_locked(ev: Evidence) -> list[Result]:
    """WCAG 1.3.4: content turned a quarter turn by CSS in one orientation only (the page rotated to force the
    other orientation) fails; a "please rotate" message in one orientation only, or style rules under an
    orientation media query that hide or rotate the page, are for a person to look at."""
    o = (ev.get("layout") or {}).get("orientation")
    if not o or not o.get("portrait") or not o.get("landscape"):
        return []
    portrait, landscape = o["portrait"], o["landscape"]
    turned_p = {t["selector"]: t for t in portrait.get("turned") or []}
    turned_l = {t["selector"]: t for t in landscape.get("turned") or []}
    results = []
    for name, mine, other in (("portrait", turned_p, turned_l), ("landscape", turned_l, turned_p)):
        for selector, t in mine.items():
            if selector not in other and not any(selector.startswith(s + " > ") for s in mine if s != selector):
                results.append(Result("failed", Located(selector, t.get("html", "")), "rotated",
                                      {"orientation": name, "deg": t.get("deg")}))
    if results:
        return results
    messages = [(name, side["message"]) for name, side in (("portrait", portrait), ("landscape", landscape))
                if side.get("message")]
    if len(messages) == 1:
        name, m = messages[0]
        return [Result("cantTell", Located(m["selector"], m.get("html", "")), "rotate_message",
                       {"orientation": name, "text": m.get("text", "")})]
    rules = portrait.get("rules") or landscape.get("rules") or []
    if rules:
        return [Result("cantTell", None, "orientation_css", {"media": rules[0]["media"],
                                                             "selector": rules[0]["selector"]})]
    return [Result("passed", None, "both")]


FOLLOWS_SHARE = 0.8  # of the page's text characters growing with the font size setting: passed
FIXED_SHARE = 0.5  # below this, with no accessibility toolbar on the page: failed
MIN_CHARS = 20  # a page with less text than this is not judged


def text_follows_font_setting(ev: Evidence) -> list[Result]:
    """MIIT 适老化: with the browser's default font size doubled (a reader's font size setting; WeChat's care mode),
    the page's text grows. Under half of it growing fails, pointing at the largest block fixed in px, unless the
    page carries an accessibility toolbar (it may enlarge the text: cantTell); part of it growing is cantTell."""
    fs = (ev.get("layout") or {}).get("font_setting")
    if not fs or (fs.get("total_chars") or 0) < MIN_CHARS:
        return []
    share = fs["grew_chars"] / fs["total_chars"]
    shown = round(100 * share)
    if share >= FOLLOWS_SHARE:
        return [Result("passed", None, "follows", {"share": shown})]
    biggest = (fs.get("fixed") or [{}])[0]
    where = Located(biggest["selector"], biggest.get("html", "")) if biggest.get("selector") else None
    data = {"share": shown, "px": round(biggest.get("px") or 0), "chars": biggest.get("chars", 0),
            "text": biggest.get("text", "")}
    if share >= FIXED_SHARE:
        return [Result("cantTell", where, "partly", data)]
    markers = ev.dom.toolbar_markers
    if markers:
        return [Result("cantTell", where, "toolbar", {"share": shown, "marker": markers[0]})]
    return [Result("failed", where, "fixed", data)]


CHECKS.update({"text_spacing": text_spacing, "text_resize": text_resize,
               "orientation_not_locked": orientation_not_locked,
               "text_follows_font_setting": text_follows_font_setting})
