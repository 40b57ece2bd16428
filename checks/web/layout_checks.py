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
