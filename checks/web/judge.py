"""Judge one page's stored artifacts: the single entry point the store calls, for scans and re-judging alike."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checks.web.axe_results import PageJudgement, judge_axe
from checks.web.facts import PageFacts
from checks.web.own_rules import run_rules
from checks.web.scoring import axe_rule_impacts, page_score, rule_outcome


def judge_page(axe: Mapping[str, Any] | None, facts: Mapping[str, Any] | None = None,
               lang: str = "zh") -> tuple[PageJudgement, float | None]:
    """Findings, rule outcomes and the page score from a page's axe result (browser mode) or its static
    facts, judged by our own rules (``--no-browser``)."""
    if axe is not None:
        judgement = judge_axe(axe, axe_rule_impacts())
    else:
        findings = run_rules(PageFacts.from_dict(dict(facts or {})), mode="static", lang=lang)
        judgement = judgement_from_findings(findings)
    return judgement, page_score(judgement.rule_outcomes, judgement.rule_impacts)


def judgement_from_findings(findings: list) -> PageJudgement:
    """Rule outcomes from per-element findings (our own rules report passed and inapplicable too)."""
    j = PageJudgement()
    per_rule: dict[str, list[str]] = {}
    for f in findings:
        per_rule.setdefault(f.rule_id, []).append(f.outcome)
        j.rule_wcag.setdefault(f.rule_id, f.wcag)
        j.rule_impacts.setdefault(f.rule_id, f.impact)
        if f.outcome in ("failed", "cantTell"):
            j.findings.append(f)
    j.rule_outcomes = {rid: rule_outcome(outs) for rid, outs in per_rule.items()}
    return j
