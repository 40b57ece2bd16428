"""Accuracy of the site scanner on the W3C ACT Rules test cases (``../shared/corpora/act-rules``).

Every test case of every ACT rule that axe-core implements is scanned in ONE scan through the real scanner
(``run_site_scan`` in real Chromium, pages served on 127.0.0.1). A case's ACT outcome is read from the page's
outcomes for the axe rules axe-core maps to that ACT rule, and judged with ACT's allowed outcomes. The figures
are printed per rule and in total next to axe-core's own line in the W3C implementation report
(``implementations.json``) over the same cases, and asserted against floors set from the first honest run.

Run alone to see the table:  .venv/bin/python -m pytest tests/test_corpus_act.py -q -s
"""
from __future__ import annotations

import os
import time
from collections import Counter
from urllib.parse import urlsplit

import pytest

from tests.corpora.act import (ALLOWED, OWN_RULES, OWN_RULES_LEFT_OUT, ActCorpus, ActResults, act_outcome, combine,
                                summary_line)
from tests.corpora.harness import CORPORA, scan_pages, serve_directory

pytestmark = [pytest.mark.e2e, pytest.mark.corpus, pytest.mark.xdist_group(__name__)]

# The widest rule selection the scanner offers: WCAG 2.x A, AA and the AAA rules axe has, plus axe's best practices
# and experimental rules (some ACT rules map to those). Deprecated axe rules are not selectable; an ACT rule that
# needs one shows "not run" in the table and counts against detection, as it would for a user.
STANDARD = "wcag2aaa,best-practice,experimental"

# Which cases: the full run scans all 802 cases of the 50 ACT rules axe-core implements and took 5.4 min here (on a
# loaded 2-core machine: load average 8, 2.6 min of CPU; 12.3 min at load 17-21), too long for every CI run. By
# default the test scans the cases of approved ACT rules only (501 cases); WUZHANGAI_ACT_SCOPE=all runs them all.
SCOPE = os.environ.get("WUZHANGAI_ACT_SCOPE", "approved")

# Floors a little below what was measured, so that a real regression fails and run-to-run noise (frames, media,
# timers in the keyboard walk) does not. "detected" counts `failed` outcomes only. First honest run: axe-core
# 4.12.1, Chromium 156; with 4.14.1 and axe's rules alone: 156/163 (approved), 207/254 and 207/244 (all). With our
# own rules counted (OWN_RULES): the same in the approved scope (its one mapped axe-implemented ACT rule, b33eff,
# was already all detected); 210/254 = 82.7% and 210/244 = 86.1% in all (wza-audio-control on 80f0bf's two failed
# cases, wza-skip-link on ye5d6e Failed Example 2); 220/254 = 86.6% and 220/244 = 90.2% since 2026-12-01
# (wza-th-has-cells on d0f69e's 3 failed cases, wza-bypass-navigation on 047fe0's Failed Examples 1, 3, 4, b40fd1's
# 3 and 3e12e1's judged one), with no passed or inapplicable case more failed.
FLOORS_DETECTED = {
    # scope: (all judged cases, cases of ACT rules whose mapped axe rules all run in our scan)
    "approved": (0.94, 0.94),  # measured 156/163 = 95.7% for both (axe-core 4.10.2's W3C line: 94.7%)
    "all": (0.86, 0.89),  # measured 220/254 = 86.6%, 220/244 = 90.2% (axe's line: 77.7%, 81.4%)
}
# The bound on false alarms, over every judged case. Measured 0/173 passed and 1/163 inapplicable cases
# wrongly failed (axe-core 4.10.2's W3C line: 3/160 and 3/144). axe's avoid-inline-spacing fails wrappers without
# text and "!important" spacing that is already wide enough (ACT 24afc2, 9e45ec); checks/web/refinements.py clears
# those from evidence gathered in the page. For the rules the W3C report lists axe as implementing consistently,
# the same bound holds with no exception.
MAX_WRONGLY_FAILED = 0.01
# ACT rules that axe-core does not implement and our own rules do (tests/corpora/act.py OWN_RULES), on a line of
# their own: measured 1/4 (approved: oj04fd's one judged failed case, by wza-focus-visible; qt1vmo's 3 need a
# person) and 4/32 = 12.5% (all; wza-keyboard-trap finds 80af7b's onblur-refocus trap in some runs only: 4-5/32),
# with no passed or inapplicable case failed.
FLOORS_OWN_ONLY = {"approved": 0.2, "all": 0.1}


@pytest.fixture(scope="module")
def act(tmp_path_factory: pytest.TempPathFactory) -> ActResults:
    assert SCOPE in FLOORS_DETECTED, f"WUZHANGAI_ACT_SCOPE must be one of {sorted(FLOORS_DETECTED)}"
    corpus = ActCorpus(CORPORA / "act-rules")
    axe_rules = corpus.axe_rules()
    cases = [c for c in corpus.cases({*axe_rules, *OWN_RULES}) if SCOPE == "all" or c.approved]
    results = ActResults(corpus, axe_rules, cases=cases)
    started = time.monotonic()
    with serve_directory(corpus.root) as origin:
        doc = scan_pages(tmp_path_factory.mktemp("act") / "act.db", [origin + c.url_path for c in results.cases],
                         STANDARD)
    results.seconds = time.monotonic() - started
    pages = {urlsplit(p["url"]).path: p for p in doc["pages"]}
    failed = {urlsplit(p["url"]).path: p["reason"] for p in doc["failed_pages"]}
    for page in pages.values():
        results.ran.update(page["rule_outcomes"])
    for case in results.cases:
        page = pages.get(case.url_path)
        if page is not None:
            results.ours[case.key] = act_outcome(page["rule_outcomes"], results.rules(case.rule_id))
            results.axe_only[case.key] = act_outcome(page["rule_outcomes"], axe_rules.get(case.rule_id, ()))
        else:
            # Not in the scan document at all: the crawler did not admit the start URL (it skips .svg as media).
            results.unscanned[case.key] = failed.get(case.url_path, "not admitted by the crawler")
    return results


def test_allowed_outcomes_are_the_corpus_own() -> None:
    meta = ActCorpus(CORPORA / "act-rules").index["meta"]
    assert {k: set(v) for k, v in ALLOWED.items()} == {k: set(v) for k, v in meta["allowed_outcomes"].items()}


def test_case_outcome_from_mapped_axe_rules() -> None:
    outcomes = {"label": "passed", "select-name": "failed", "aria-input-field-name": "inapplicable",
                "color-contrast": "cantTell"}
    assert act_outcome(outcomes, ("label", "aria-input-field-name", "select-name")) == "failed"
    assert act_outcome(outcomes, ("label", "color-contrast")) == "cantTell"
    assert act_outcome(outcomes, ("label", "aria-input-field-name")) == "passed"
    assert act_outcome(outcomes, ("aria-input-field-name",)) == "inapplicable"
    assert act_outcome(outcomes, ("css-orientation-lock",)) == "inapplicable"  # did not run: nothing found
    assert combine(["untested"]) == "untested" and combine(["untested", "passed"]) == "passed"


def test_every_case_is_scanned_or_accounted_for(act: ActResults) -> None:
    by_key = {c.key: c for c in act.cases}
    assert len(act.ours) + len(act.unscanned) == len(act.cases)
    for key, reason in act.unscanned.items():
        case = by_key[key]
        text = (act.corpus.root / case.url_path.lstrip("/")).read_text(encoding="utf-8")
        # Known limits of the scanner, each checked to be the cause: standalone SVG/XML documents are not HTML
        # pages; a page whose meta refresh leaves at once (to an off-site URL) is gone before axe can run.
        assert case.format in ("svg", "xml") or ('http-equiv="refresh" content="0' in text
                                                 and reason == "script_error"), (key, case.title, reason)


def test_own_rule_mapping_is_explicit() -> None:
    """Every own rule mapped to an ACT rule exists, and an ACT rule is either mapped or left out with a reason."""
    from checks.web.own_rules import own_rules

    ours = {r.id for r in own_rules()}
    assert {r for rules in OWN_RULES.values() for r in rules} <= ours
    assert not set(OWN_RULES) & set(OWN_RULES_LEFT_OUT)
    stand_ins = {r.id for r in own_rules() if r.axe_equivalent}  # skipped wherever axe judged: never mapped
    assert not stand_ins & {r for rules in OWN_RULES.values() for r in rules}


def test_act_accuracy_floors(act: ActResults, capsys: pytest.CaptureFixture[str]) -> None:
    # The headline lines: the ACT rules axe-core implements (the same cases as axe's own line in W3C's report),
    # judged from axe's mapped rules and ours together. ACT rules that only our own rules implement are on lines
    # of their own, so that the headline keeps its meaning.
    judged_all = [c for c in act.cases if act.judged(c)]
    judged = [c for c in judged_all if c.rule_id in act.axe_rules]
    own_only = [c for c in judged_all if act.own_only(c.rule_id)]
    all_ours, all_axe = act.tallies(judged)
    before = act.axe_only_tally(judged)
    run_ours, run_axe = act.tallies(c for c in judged if act.selection(c.rule_id) == "all")
    consistent = [c for c in judged if act.corpus.axe_consistency(c.rule_id) in ("complete", "partial")]
    cons_ours, cons_axe = act.tallies(consistent)
    own_ours, _ = act.tallies(own_only)
    every, _ = act.tallies(judged_all)
    degraded = [c for c in act.cases if c.degraded and c.key in act.ours]
    deg_ours, _ = act.tallies(degraded)
    not_run = sorted({c.rule_id for c in act.cases if act.selection(c.rule_id) != "all"})
    axe = f"axe-core {act.corpus.axe_version} (W3C report)"
    n_axe = len({c.rule_id for c in act.cases if c.rule_id in act.axe_rules})
    n_own = len({c.rule_id for c in own_only})
    lines = [
        f"ACT rules corpus, scope {SCOPE!r}: {n_axe} ACT rules implemented by axe-core and {n_own} by our own rules "
        f"only, {len(act.cases)} cases, one scan with --standard {STANDARD} in {act.seconds:.0f} s",
        *act.rule_rows(),
        "",
        summary_line("ours, all judged cases (axe + own rules)", all_ours),
        summary_line("ours, axe's rules alone", before),
        summary_line(f"{axe}, same cases", all_axe),
        summary_line("ours, rules whose axe rules all ran", run_ours),
        summary_line(f"{axe}, same cases", run_axe),
        summary_line("ours, rules axe implements consistently", cons_ours),
        summary_line(f"{axe}, same cases", cons_axe),
        summary_line(f"ours, {n_own} ACT rules only our rules implement", own_ours),
        summary_line("ours, every ACT rule we implement", every),
        summary_line(f"degraded ({len(degraded)}: uncopied JS/absent asset)", deg_ours),
        f"not judged, scanner has no result: {len(act.unscanned)} ({dict(Counter(act.unscanned.values()))})",
        f"ACT rules whose rules our standard does not (all) run: {', '.join(not_run)}",
    ]
    with capsys.disabled():
        print("\n" + "\n".join(lines))

    detected_all, detected_run = FLOORS_DETECTED[SCOPE]
    assert all_ours.detected >= detected_all
    assert run_ours.detected >= detected_run
    assert own_ours.detected >= FLOORS_OWN_ONLY[SCOPE]
    for tally in (all_ours, own_ours, every):
        assert tally.passed_wrongly_failed <= MAX_WRONGLY_FAILED
    if SCOPE == "approved":
        for tally in (all_ours, cons_ours, own_ours, every):
            assert tally.inapplicable_wrongly_failed <= MAX_WRONGLY_FAILED
        assert cons_ours.passed_wrongly_failed <= MAX_WRONGLY_FAILED
    else:
        # The proposed ACT rule 2ee8b8 (visible label part of the accessible name) is axe's
        # label-content-name-mismatch. axe-core 4.14.1 fails two of its inapplicable cases (an abbreviation and
        # a hyphen that ACT leaves out) and one passed case, where 4.12.1 failed three passed cases: 4/231 =
        # 1.7% of the inapplicable cases in this scope, half of them there (the other two: akn7bn, as above).
        # The approved rules keep the 1% bound.
        assert all_ours.inapplicable_wrongly_failed <= 0.02
        assert own_ours.inapplicable_wrongly_failed <= MAX_WRONGLY_FAILED
    # "untested": W3C holds no axe result for that version of the case (akn7bn's proposed copy of a case it fails).
    # Our own rules' false alarms on the headline's cases are not axe's: none is allowed.
    own_false_positives = [(c.rule_id, c.title) for c in judged if c.expected != "failed"
                           and act.ours[c.key] == "failed" and act.corpus.axe_reported(c) not in ("failed", "untested")]
    # label-content-name-mismatch fails 2ee8b8's Passed Example 6 (its icon font cannot load offline), which axe
    # 4.10.2 did not run for W3C's report: the one false alarm that is not axe's own.
    assert own_false_positives == ([] if SCOPE == "approved" else [("2ee8b8", "Passed Example 6")])
    # Where axe's rules alone did not fail a passed or inapplicable case, our own rules must not either.
    added = [(c.rule_id, c.title) for c in judged_all if c.expected != "failed" and act.ours[c.key] == "failed"
             and act.axe_only.get(c.key) != "failed"]
    assert added == []
