"""Page and site accessibility scores (0-100), Lighthouse's way: weighted share of rules that pass.

Weights come from ``data/scoring.json``; impacts of axe rules from ``data/axe_rule_impact.json``, known
before the scan, because axe reports no impact for rules that pass.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from checks.web._data import load_json

SCORED_OUTCOMES = ("failed", "passed")


def impact_weights() -> dict[str, float]:
    return dict(load_json("data/scoring.json")["impact_weights"])


def axe_rule_impacts() -> dict[str, str]:
    """Impact of every axe-core rule (``rule id -> critical|serious|moderate|minor``)."""
    return {rule_id: r["impact"] for rule_id, r in load_json("data/axe_rule_impact.json")["rules"].items()}


def rule_outcome(node_outcomes: Iterable[str]) -> str:
    """One rule's outcome on a page from its per-element outcomes: a single failing element fails the rule."""
    seen = set(node_outcomes)
    for outcome in ("failed", "cantTell", "passed"):
        if outcome in seen:
            return outcome
    return "inapplicable"


def page_score(rule_outcomes: Mapping[str, str], impacts: Mapping[str, str | None]) -> float | None:
    """Weighted mean (0-100) over the rules that failed or passed on the page; ``None`` if there are none.

    A rule scores 1 only if no element failed it (pass ``rule_outcome(...)`` per rule). ``cantTell`` and
    ``inapplicable`` rules are left out: a page is not marked down for what a person still has to judge.
    """
    config = load_json("data/scoring.json")
    weights = config["impact_weights"]
    total = earned = 0.0
    for rule_id, outcome in rule_outcomes.items():
        if outcome not in SCORED_OUTCOMES:
            continue
        weight = weights.get(impacts.get(rule_id) or "", config["unknown_impact_weight"])
        total += weight
        if outcome == "passed":
            earned += weight
    return None if total == 0 else 100.0 * earned / total


def site_score(page_scores: Iterable[float | None]) -> float | None:
    """Plain mean of the pages' scores (pages with no score left out); ``None`` if no page has one.

    Why a plain mean: every page is one visit a resident may make, so each counts once. Pooling all rules of
    all pages instead would let long pages with many elements outweigh the short service pages people use.
    """
    scores = [s for s in page_scores if s is not None]
    # fsum: exactly rounded, so the same pages give the same score in whatever order they were stored
    return None if not scores else math.fsum(scores) / len(scores)


def rule_outcomes_without(rule_outcomes: Mapping[str, str], findings: Iterable[tuple[str, str, str]],
                          excluded: Iterable[str]) -> dict[str, str]:
    """A page's rule outcomes once the elements an assessor dismissed are taken out.

    ``findings`` are the page's ``(rule_id, outcome, fingerprint)`` (failed and cantTell elements), ``excluded``
    the dismissed fingerprints. A dismissed element counts as passing its rule (a false positive does pass; an
    accepted risk is no longer held against the page), so a rule whose every failing element was dismissed
    passes, and one with other failing (or needs-review) elements keeps that outcome. Rules with no dismissed
    element keep their outcome as judged.
    """
    gone = set(excluded)
    remaining: dict[str, list[str]] = {}
    touched: set[str] = set()
    for rule_id, outcome, fingerprint in findings:
        if fingerprint in gone:
            touched.add(rule_id)
        else:
            remaining.setdefault(rule_id, []).append(outcome)
    out = dict(rule_outcomes)
    for rule_id in touched:
        if out.get(rule_id) in ("failed", "cantTell"):
            out[rule_id] = rule_outcome([*remaining.get(rule_id, []), "passed"])
    return out
