"""The MIIT 适老化 technical table of a site or an app: each spec item, our rules that evidence it, the outcome
they give, and what a person must still check. The items and the rules mapped to them are data
(``data/miit_elder.json``): our mapping, not the official evaluation, and every output says so.

The MIIT evaluation scores 100 points from user satisfaction, technical evaluation and self-evaluation; a tool can
measure only part of the technical evaluation, so no evaluation score is computed here.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from checks.web._data import load_json

PRINCIPLES = {"perceivable": ("可感知", "perceivable"), "operable": ("可操作", "operable"),
              "compatible": ("兼容", "compatible"), "elder": ("适老版与辅助功能", "elder interface and tools")}
UNTESTED = "untested"  # no rule of ours covers the item for this kind of target, or none ran: a person must check


def worst_outcomes(per_page: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """One outcome per rule over a scan's pages: failed anywhere fails it, then needs review, then passed."""
    rank = {"failed": 0, "cantTell": 1, "passed": 2, "inapplicable": 3}
    out: dict[str, str] = {}
    for outcomes in per_page:
        for rule_id, outcome in (outcomes or {}).items():  # a page not judged (an error) has none
            if rule_id not in out or rank.get(outcome, 9) < rank.get(out[rule_id], 9):
                out[rule_id] = outcome
    return out


def miit_table(rule_outcomes: Mapping[str, str], kind: str, zh: bool = True,
               outcome_text: Callable[[str], str] = str) -> dict[str, Any]:
    """The table for a target of ``kind`` (``web`` or ``app``) from its rules' outcomes (``worst_outcomes``):
    ``rows`` (principle, item, rules with their outcomes, outcome, what a person must check), ``counts`` per
    outcome, the ``note`` (our mapping; the parts of the evaluation a tool cannot measure) and the ``source``.
    ``outcome_text`` words an outcome in the evidence column (the caller's language)."""
    data = load_json("data/miit_elder.json")
    rows = []
    for item in data["items"]:
        rules = item["app_rules" if kind == "app" else "web_rules"]
        ran = {r: rule_outcomes[r] for r in rules if r in rule_outcomes}
        outcome = _item_outcome(ran.values())
        rows.append({"id": item["id"], "principle": PRINCIPLES[item["principle"]][0 if zh else 1],
                     "item": item["item_zh" if zh else "item_en"], "rules": list(rules),
                     "evidence": ("；" if zh else "; ").join(f"{r}: {outcome_text(o)}" for r, o in ran.items()) or "—",
                     "outcome": outcome, "person": item["person_zh" if zh else "person_en"]})
    counts = dict.fromkeys(("failed", "cantTell", "passed", "inapplicable", UNTESTED), 0)
    for row in rows:
        counts[row["outcome"]] += 1
    return {"rows": rows, "counts": counts, "note": data["note_zh" if zh else "note_en"], "source": data["source"],
            "kind": kind}


def _item_outcome(outcomes: Iterable[str]) -> str:
    seen = set(outcomes)
    for outcome in ("failed", "cantTell", "passed"):
        if outcome in seen:
            return outcome
    return "inapplicable" if seen else UNTESTED
