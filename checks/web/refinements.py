"""Where axe-core's verdict is known to be too strict, our checks look at extra evidence and may clear a node.

Each refinement is a pure function over one failing node's ``evidence`` (gathered in the page by
``scanner/js/gather.js``) that returns ``"passed"`` to clear it or ``None`` to keep axe's verdict. Without evidence
the axe verdict stands, so a refinement can only remove false positives, never hide a failure it cannot see.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

# WCAG 2.1 SC 1.4.12 Text Spacing: users must be able to set at least these (multiples of the font size).
TEXT_SPACING_MINIMUM = {"letter-spacing": 0.12, "word-spacing": 0.16, "line-height": 1.5}
NORMAL_LINE_HEIGHT = 1.2  # what browsers use for ``line-height: normal``


def avoid_inline_spacing(evidence: Mapping[str, Any]) -> str | None:
    """ACT rules 24afc2 / 78fd32 / 9e45ec: an ``!important`` spacing in a ``style`` attribute fails only on an
    element that has text of its own and only if the value is below the 1.4.12 minimum. axe also fails wrappers
    without text and values that already allow enough spacing."""
    font = evidence.get("fontSizePx") or 0
    if not font:
        return None
    if not evidence.get("hasText"):
        return "passed"
    for name, prop in (evidence.get("props") or {}).items():
        if not prop.get("important"):
            continue
        value = prop.get("px")
        ratio = (NORMAL_LINE_HEIGHT if name == "line-height" else 0.0) if value is None else value / font
        if ratio < TEXT_SPACING_MINIMUM[name] - 1e-9:
            return None
    return "passed"


REFINEMENTS: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    "avoid-inline-spacing": avoid_inline_spacing,
}


def refined_outcome(rule_id: str, outcome: str, evidence: Mapping[str, Any] | None) -> str:
    """The outcome of one node after our refinement (``outcome`` unchanged when none applies)."""
    refine = REFINEMENTS.get(rule_id)
    if refine is None or evidence is None or outcome != "failed":
        return outcome
    return refine(evidence) or outcome
