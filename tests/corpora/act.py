"""The W3C ACT Rules corpus (``../shared/corpora/act-rules``) as plain data, and how our scan is judged on it.

Ground truth: ``index.json`` (every test case with its expected outcome). Peer baseline: ``implementations.json``
(each tool's mapping of ACT rules to its own procedures, and its per-case outcomes). For axe-core the procedure ids
are axe rule ids, so a case's ACT outcome can be read from our page's per-rule outcomes for those axe rules.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

AXE = "axe-core"
OUTCOMES_KEY = "testcase_outcomes(key=ruleId/testcaseId)"
# The ACT scoring rule (act-rules README, "Scoring rule"): which tool outcomes agree with an expected outcome.
ALLOWED: dict[str, frozenset[str]] = {
    "passed": frozenset({"passed", "cantTell", "inapplicable"}),
    "failed": frozenset({"failed", "cantTell"}),
    "inapplicable": frozenset({"inapplicable", "cantTell", "passed"}),
}
_ASSET = re.compile(r"/WAI/content-assets/wcag-act-rules/test-assets/[^\"'\s)<>#?]+")


def is_allowed(expected: str, outcome: str) -> bool:
    return outcome in ALLOWED[expected]


def combine(outcomes: Iterable[str]) -> str:
    """One ACT outcome from several procedures' outcomes: failed beats cantTell beats passed; none is inapplicable.

    ``untested`` (a peer's report with no result) counts only when nothing else was reported."""
    seen = set(outcomes)
    for outcome in ("failed", "cantTell", "passed", "inapplicable"):
        if outcome in seen:
            return outcome
    return "untested" if "untested" in seen else "inapplicable"


def act_outcome(rule_outcomes: Mapping[str, str], rules: Iterable[str]) -> str:
    """The ACT outcome of a case from our page's outcomes for the mapped rules (axe's and our own ``wza-*``),
    combined as above: a mapped rule that did not run is inapplicable."""
    return combine(rule_outcomes[r] for r in rules if r in rule_outcomes)


# ACT rule id -> our own rules (checks/web/rules/wza-*.json) that test what the ACT rule tests, each checked against
# the ACT rule's applicability and expectations and against its cases. A case's outcome combines them with the axe
# rules of implementations.json (failed beats cantTell beats passed). Our DOM rules that stand in for an axe rule
# (wza-document-title, wza-html-lang, wza-frame-title, wza-link-name, wza-img-alt, wza-form-label,
# wza-timed-refresh, wza-viewport-zoom: their ``axe_equivalent``) are not mapped: they are skipped on every page
# axe-core judged, i.e. on every page of a browser scan, so they would add nothing here and cannot be measured.
OWN_RULES: dict[str, tuple[str, ...]] = {
    # ACT rules axe-core implements too
    "b33eff": ("wza-orientation",),  # page turned by a CSS transform in one orientation only
    "80f0bf": ("wza-audio-control",),  # autoplaying audio over 3 s with no pause/stop/mute mechanism
    "cf77f2": ("wza-skip-link", "wza-bypass-navigation"),  # bypass blocks (composite of the ones below)
    "ye5d6e": ("wza-skip-link",),  # an instrument (skip link) to move focus to the main content, that works
    "b20e66": ("wza-identical-link-names",),  # same link name, different targets (cantTell: a person judges)
    # navigation followed by content with no heading, content landmark, skip target or collapse control after it:
    # each of these ACT rules passes a page by one of those ways, so ours fails no page one of them passes
    "047fe0": ("wza-bypass-navigation",),  # heading for non-repeated content
    "b40fd1": ("wza-bypass-navigation",),  # landmark with non-repeated content
    "3e12e1": ("wza-bypass-navigation",),  # block of repeated content is collapsible
    "d0f69e": ("wza-th-has-cells",),  # table header cell has assigned cells (HTML tables and ARIA grids)
    # ACT rules axe-core does not implement (their cases are counted on a line of their own)
    "4c31df": ("wza-audio-control",),  # autoplaying audio has a control mechanism
    "aaa1bf": ("wza-audio-control",),  # autoplaying audio lasts at most 3 s (ours fails only with no control)
    "80af7b": ("wza-keyboard-trap",),  # no keyboard trap (composite)
    "a1b64e": ("wza-keyboard-trap",),  # no keyboard trap via standard navigation (Tab, Shift+Tab, Escape)
    "oj04fd": ("wza-focus-visible",),  # element in sequential focus order has visible focus
    "efbfc7": ("wza-pause-moving",),  # content that changes automatically can be paused
    "qt1vmo": ("wza-img-alt-meaningful",),  # image accessible name is descriptive
    "aizyf1": ("wza-link-text-descriptive",),  # link is descriptive
    "5effbb": ("wza-link-text-descriptive",),  # link in context is descriptive
    "fd3a94": ("wza-identical-link-names",),  # identical link names in the same context serve the same purpose
}
# Considered and left out, with the reason (the ACT rule's own text and cases).
OWN_RULES_LEFT_OUT: dict[str, str] = {
    "59br37": "wza-text-resize fails clipped text at 200% zoom; ACT passes clipped text whose full content the "
              "page gives another way (Passed Example 3: a link to the whole poem), which our rule cannot see",
    "ebe86a": "keyboard trap via non-standard navigation: judged on the instructions given for other keys, which "
              "wza-keyboard-trap does not read (it fails any Tab trap)",
    "24afc2": "wza-text-spacing: ACT 24afc2/9e45ec/78fd32 judge the !important spacing declared in style "
              "attributes, ours whether text is cut off once spacing is raised: a different question",
    "6cfa84": "wza-focus-hidden fails focus on elements that cannot be seen; 6cfa84 is about aria-hidden content "
              "in the focus order, whether visible or not",
    "off6ek": "wza-lang-of-parts suggests lang on passages in another language; off6ek/ucwvc8 judge whether the "
              "page's lang matches its content, which it does not test",
}


@dataclass(frozen=True)
class ActCase:
    rule_id: str
    rule_name: str
    case_id: str
    title: str
    expected: str  # passed | failed | inapplicable
    url_path: str
    approved: bool
    format: str  # html | svg | xml
    needs_uncopied_js: tuple[str, ...]
    absent_assets: tuple[str, ...]  # test assets the case references that the snapshot does not hold

    @property
    def key(self) -> str:
        return f"{self.rule_id}/{self.case_id}"

    @property
    def degraded(self) -> bool:
        """Its page is not the one the ACT authors wrote: a script or an asset it needs is missing."""
        return bool(self.needs_uncopied_js or self.absent_assets)


@dataclass
class ActCorpus:
    root: Path

    @cached_property
    def index(self) -> dict:
        return json.loads((self.root / "index.json").read_text(encoding="utf-8"))

    @cached_property
    def implementations(self) -> dict:
        return json.loads((self.root / "implementations.json").read_text(encoding="utf-8"))

    def axe_rules(self) -> dict[str, tuple[str, ...]]:
        """ACT rule id -> the axe rule ids axe-core maps to it, for every ACT rule axe-core implements."""
        out = {}
        for act_id, tools in self.implementations["rule_consistency"].items():
            procedures = (tools.get(AXE) or {}).get("procedures") or []
            if procedures:
                out[act_id] = tuple(procedures)
        return out

    def axe_consistency(self, act_id: str) -> str:
        """axe-core's reported consistency for an ACT rule (``-`` when W3C lists none: inconsistent or untested)."""
        return (self.implementations["rule_consistency"][act_id].get(AXE) or {}).get("consistency") or "-"

    def axe_reported(self, case: ActCase) -> str:
        """axe-core's own outcome for a case in the W3C implementation report (its procedures combined)."""
        return combine(self.implementations[OUTCOMES_KEY].get(case.key, {}).get(AXE, ["untested"]))

    @property
    def axe_version(self) -> str:
        return self.implementations["tools"][AXE]["version"]

    def cases(self, rule_ids: Iterable[str] | None = None) -> list[ActCase]:
        wanted = set(rule_ids) if rule_ids is not None else None
        return [self._case(c) for c in self.index["cases"] if wanted is None or c["rule_id"] in wanted]

    def _case(self, c: Mapping) -> ActCase:
        text = (self.root / c["file"]).read_text(encoding="utf-8", errors="replace")
        absent = sorted({a for a in _ASSET.findall(text) if not (self.root / a.lstrip("/")).exists()})
        return ActCase(
            rule_id=c["rule_id"], rule_name=c["rule_name"], case_id=c["case_id"], title=c["title"],
            expected=c["expected"], url_path=c["url_path"], approved=bool(c["rule_approved"]), format=c["format"],
            needs_uncopied_js=tuple(c["needs_uncopied_js"]), absent_assets=tuple(absent),
        )


@dataclass
class Tally:
    """Agreement counts for a set of cases: by expected outcome, how many got which outcome."""

    got: dict[str, Counter] = field(default_factory=lambda: {e: Counter() for e in ALLOWED})

    def add(self, expected: str, outcome: str) -> None:
        self.got[expected][outcome] += 1

    def total(self, expected: str) -> int:
        """Cases with this expected outcome that have a judged outcome (``untested`` excluded)."""
        return sum(n for o, n in self.got[expected].items() if o != "untested")

    def share(self, expected: str, outcome: str) -> float | None:
        total = self.total(expected)
        return self.got[expected][outcome] / total if total else None

    @property
    def detected(self) -> float | None:
        """Share of failed cases that came out ``failed`` (a cantTell is allowed by ACT but detects nothing)."""
        return self.share("failed", "failed")

    @property
    def passed_wrongly_failed(self) -> float | None:
        return self.share("passed", "failed")

    @property
    def inapplicable_wrongly_failed(self) -> float | None:
        return self.share("inapplicable", "failed")

    @property
    def disallowed(self) -> int:
        return sum(n for e, c in self.got.items() for o, n in c.items() if o != "untested" and not is_allowed(e, o))

    @property
    def untested(self) -> int:
        return sum(c["untested"] for c in self.got.values())

    def consistency(self) -> str:
        """ACT's word for a rule implementation: complete, partial, or inconsistent on these cases."""
        if self.disallowed == 0:
            return "complete"
        wrong_on_clean = sum(n for e in ("passed", "inapplicable") for o, n in self.got[e].items()
                             if o != "untested" and not is_allowed(e, o))
        return "partial" if wrong_on_clean == 0 and self.got["failed"]["failed"] else "inconsistent"


def pct(x: float | None) -> str:
    return "  -  " if x is None else f"{100 * x:5.1f}%"


@dataclass
class ActResults:
    """Our outcome and axe-core's reported outcome for every scanned case, and what could not be judged."""

    corpus: ActCorpus
    axe_rules: dict[str, tuple[str, ...]]
    own_rules: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(OWN_RULES))
    ours: dict[str, str] = field(default_factory=dict)  # case key -> our ACT outcome (axe's and our rules)
    axe_only: dict[str, str] = field(default_factory=dict)  # case key -> our outcome from the axe rules alone
    unscanned: dict[str, str] = field(default_factory=dict)  # case key -> why the scanner has no result
    ran: set[str] = field(default_factory=set)  # axe rule ids that ran on at least one page
    cases: list[ActCase] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the scan

    def judged(self, case: ActCase) -> bool:
        return case.key in self.ours and not case.degraded

    def rules(self, act_id: str) -> tuple[str, ...]:
        """Every rule whose outcome counts for an ACT rule: axe's (implementations.json), then our own."""
        return self.axe_rules.get(act_id, ()) + self.own_rules.get(act_id, ())

    def own_only(self, act_id: str) -> bool:
        """An ACT rule axe-core does not implement and one of our own rules does."""
        return act_id not in self.axe_rules and act_id in self.own_rules

    def selection(self, act_id: str) -> str:
        """Whether our scan ran all, some or none of the axe rules mapped to an ACT rule (our own rules for an ACT
        rule axe does not implement)."""
        mapped = self.axe_rules.get(act_id) or self.own_rules[act_id]
        n = sum(r in self.ran for r in mapped)
        return "all" if n == len(mapped) else ("some" if n else "none")

    def tallies(self, cases: Iterable[ActCase]) -> tuple[Tally, Tally]:
        """(ours, axe-core's W3C report) over the same cases."""
        ours, theirs = Tally(), Tally()
        for c in cases:
            ours.add(c.expected, self.ours[c.key])
            theirs.add(c.expected, self.corpus.axe_reported(c))
        return ours, theirs

    def axe_only_tally(self, cases: Iterable[ActCase]) -> Tally:
        """Ours from the mapped axe rules alone, as judged before our own rules counted."""
        tally = Tally()
        for c in cases:
            tally.add(c.expected, self.axe_only[c.key])
        return tally

    def rule_rows(self) -> list[str]:
        head = (f"{'ACT rule':8} {'appr':4} {'ran':4} {'F/P/I':9} | {'ours: det':>9} {'P>fail':>6} {'I>fail':>6} "
                f"{'consistency':12} | {'axe ' + self.corpus.axe_version + ': det':>15} {'P>fail':>6} {'I>fail':>6} "
                f"{'W3C says':9} | rules (axe's, then ours)")
        rows = [head, "-" * len(head)]
        act_ids = [*self.axe_rules, *(a for a in self.own_rules if self.own_only(a))]
        for act_id in act_ids:
            mapped = self.rules(act_id)
            cases = [c for c in self.cases if c.rule_id == act_id and self.judged(c)]
            if not cases:
                continue
            ours, theirs = self.tallies(cases)
            fpi = "/".join(str(sum(c.expected == e for c in cases)) for e in ("failed", "passed", "inapplicable"))
            approved = "yes" if any(c.approved for c in cases) else "no"
            names = ", ".join(r if r in self.ran else f"{r}(not run)" for r in mapped)
            rows.append(
                f"{act_id:8} {approved:4} {self.selection(act_id):4} {fpi:9} | {pct(ours.detected):>9} "
                f"{pct(ours.passed_wrongly_failed):>6} {pct(ours.inapplicable_wrongly_failed):>6} "
                f"{ours.consistency():12} | {pct(theirs.detected):>15} {pct(theirs.passed_wrongly_failed):>6} "
                f"{pct(theirs.inapplicable_wrongly_failed):>6} {self.corpus.axe_consistency(act_id):9} | {names}"
                + (" (axe: none)" if self.own_only(act_id) else ""))
        return rows


def summary_line(label: str, tally: Tally) -> str:
    n = {e: tally.total(e) for e in ALLOWED}
    return (f"{label:44} cases F/P/I {n['failed']:3}/{n['passed']:3}/{n['inapplicable']:3}  "
            f"failed detected {pct(tally.detected)} ({tally.got['failed']['failed']})  "
            f"passed wrongly failed {pct(tally.passed_wrongly_failed)} ({tally.got['passed']['failed']})  "
            f"inapplicable wrongly failed {pct(tally.inapplicable_wrongly_failed)} "
            f"({tally.got['inapplicable']['failed']})  disallowed {tally.disallowed}"
            + (f"  untested {tally.untested}" if tally.untested else ""))
