"""Judge one page's named artifacts: the single entry point for scans and re-judging alike.

axe-core's rules run where the ``axe`` artifact is (their outcomes come from axe's result), our own rules where
the artifacts each requires are (``checks.web.own_rules``); the findings and rule outcomes are merged and the
page scored over both.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from checks.web.axe_results import PageJudgement, judge_axe
from checks.web.own_rules import run_rules
from checks.web.scoring import axe_rule_impacts, page_score, rule_outcome

AXE = "axe"


def judge_page(artifacts: Mapping[str, Any], tags: Iterable[str] | None = None) -> tuple[PageJudgement, float | None]:
    """Findings, rule outcomes and the page score from a page's named artifacts. ``tags`` selects our own
    rules as the scan's ``--standard`` selected axe's (None: all of them, as in a static scan)."""
    judgement = judge_axe(artifacts[AXE], axe_rule_impacts()) if artifacts.get(AXE) is not None else PageJudgement()
    ours = judgement_from_findings(run_rules(artifacts, tags, judged_by_axe=judgement.rule_outcomes))
    judgement.findings.extend(ours.findings)
    judgement.rule_outcomes.update(ours.rule_outcomes)
    judgement.rule_wcag.update(ours.rule_wcag)
    judgement.rule_impacts.update(ours.rule_impacts)
    return judgement, page_score(judgement.rule_outcomes, judgement.rule_impacts)


def known_rule_impacts() -> dict[str, str | None]:
    """Impact of every rule we know (axe-core's and our own), for scoring a page stored without its
    ``rule_impacts`` (scans stored before they were kept)."""
    from checks.web.own_rules import own_rules

    return {**axe_rule_impacts(), **{r.id: r.impact for r in own_rules()}}


def stored_artifacts(mode: str | None, artifacts: Mapping[str, Any] | None,
                     legacy: Mapping[str, Any] | None) -> dict[str, Any]:
    """A stored page's named artifacts; pages stored before named artifacts kept one unnamed artifact, the axe
    result of a browser scan or the static facts."""
    if artifacts is not None:
        return dict(artifacts)
    if legacy is None:
        return {}
    return {AXE: legacy} if mode == "browser" else {"dom": legacy}


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
