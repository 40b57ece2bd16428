"""axe-core results (as gathered by the scanner) to our findings and per-rule outcomes.

axe's ``violations`` are ``failed``, its ``incomplete`` are ``cantTell`` (needs review); ``passes`` and
``inapplicable`` are kept only as rule lists (their elements are not worth storing).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checks.models import Finding
from checks.web.refinements import refined_outcome
from checks.web.wcag import sc_from_axe_tags

_TYPE_OUTCOME = {"violations": "failed", "incomplete": "cantTell"}


@dataclass
class PageJudgement:
    """What the checks make of one page's artifacts."""

    findings: list[Finding] = field(default_factory=list)  # failed and cantTell elements
    rule_outcomes: dict[str, str] = field(default_factory=dict)  # rule id -> failed|cantTell|passed|inapplicable
    rule_wcag: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rule_impacts: dict[str, str | None] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        c = {"violations": 0, "incomplete": 0, "passes": 0, "inapplicable": 0}
        name = {"failed": "violations", "cantTell": "incomplete", "passed": "passes", "inapplicable": "inapplicable"}
        for outcome in self.rule_outcomes.values():
            c[name[outcome]] += 1
        return c


def selector_text(target: Any) -> str:
    """axe targets are lists (one selector per frame or shadow root); join them as ``frame >>> element``."""
    if isinstance(target, str):
        return target
    parts = []
    for t in target or []:
        parts.append(" > ".join(t) if isinstance(t, list) else str(t))  # shadow DOM path
    return " >>> ".join(parts)


def judge_axe(axe: Mapping[str, Any], impacts: Mapping[str, str] | None = None) -> PageJudgement:
    """Findings and rule outcomes of one page from its slimmed axe result."""
    j = PageJudgement()
    impacts = impacts or {}
    for result_type in ("inapplicable", "passes", "incomplete", "violations"):  # later types win
        for rule in axe.get(result_type, []):
            rid = rule["id"]
            tags = tuple(rule.get("tags", ()))
            j.rule_wcag[rid] = sc_from_axe_tags(tags)
            j.rule_impacts[rid] = impacts.get(rid) or rule.get("impact")
            outcome = {"inapplicable": "inapplicable", "passes": "passed"}.get(result_type) or _TYPE_OUTCOME[result_type]
            if result_type == "incomplete" and j.rule_outcomes.get(rid) == "failed":
                outcome = "failed"
            j.rule_outcomes[rid] = outcome
            if result_type in _TYPE_OUTCOME:
                kept = 0
                for node in rule.get("nodes", []):
                    node_outcome = refined_outcome(rid, _TYPE_OUTCOME[result_type], node.get("evidence"))
                    if node_outcome == "passed":
                        continue  # cleared by our refinement (checks/web/refinements.py)
                    kept += 1
                    j.findings.append(
                        Finding(
                            rule_id=rid,
                            outcome=node_outcome,
                            impact=node.get("impact") or rule.get("impact"),
                            wcag=j.rule_wcag[rid],
                            selector=selector_text(node.get("target")),
                            html=node.get("html", ""),
                            message=node.get("message", ""),
                            help=rule.get("help", ""),
                            help_url=rule.get("helpUrl", ""),
                            source="axe",
                            tags=tags,
                            checks=tuple(node.get("checks") or ()),
                            frame=node.get("frame") or "",
                        )
                    )
                if rule.get("nodes") and kept == 0 and outcome == "failed":
                    j.rule_outcomes[rid] = "passed"
    return j
