"""The site scanner on the W3C Before-and-After Demonstration (``../shared/corpora/wai-bad``).

The five inaccessible "before" pages and their five retrofitted "after" pages are scanned in one scan with the
scanner's default standard (WCAG 2.2 AA). Ground truth: the 45 annotated barriers (``issues.json``, with their WCAG
criteria) and W3C's own WCAG 2.0 evaluation of each page (``reports.json``).

- before: the annotated criteria that axe rules map to are computed per page (template barriers recur on every
  page); the test asserts which of them we find and, for each one axe cannot see there, that it is the known one,
  with the reason. It prints the coverage. Every WCAG 2.0 criterion we fail must be one W3C's report fails too.
- after: no violation on any WCAG 2.0 criterion (what W3C evaluated: its reports show 0 failed criteria). The only
  violations are WCAG 2.2's 2.5.8 Target Size (Minimum), a criterion of 2023 that W3C's 2.0 evaluation could not
  include; they are real (see AFTER_VIOLATIONS) and asserted exactly, so any new one fails the test.

Run alone to see the coverage:  .venv/bin/python -m pytest tests/test_corpus_bad.py -q -s
"""
from __future__ import annotations

import json
import re
from typing import Any

import pytest

from checks.web._data import load_json
from checks.web.site_checks import is_site_rule, site_rules
from checks.web.wcag import LEVELS, DEFAULT_STANDARD, criteria, sc_from_axe_tags
from tests.corpora.harness import CORPORA, scan_pages, serve_directory

pytestmark = [pytest.mark.e2e, pytest.mark.corpus, pytest.mark.xdist_group(__name__)]

BAD = CORPORA / "wai-bad"
PAGES = ("home", "news", "tickets", "survey", "template")
WCAG20 = frozenset(c.sc for c in criteria(LEVELS, "2.0"))

# Annotated criteria (of axe-mapped ones) that we find on each before page, and the barrier behind each.
_HEADLINES = ("wza-heading-like-text: the .headline / .subheadline texts (24 px and 20 px Impact, body 15 px) "
              "title the content's sections by their look alone; the page's only heading markup, the demo banner's "
              "h1, stands before them all (F2; template annotation 6: headings not marked up)")
_TEMPLATE_FOUND = {"1.1.1": "image-alt: the left navigation images have no alt (template 7)",
                   "2.4.4": "link-name: the left navigation links whose only content is an image without alt (template 7)",
                   "2.1.1": "wza-click-not-focusable (the keyboard walk): the top navigation links blur themselves "
                            "on focus (onfocus=blur(), F55), so the keyboard cannot reach them",
                   "2.4.7": "wza-focus-visible: the same links drop focus on arrival, so no focus is ever shown (F55)",
                   "2.4.1": "wza-site-bypass-blocks (site rule): the logo, the quick menu and the 4 left navigation "
                            "links repeat on every before page and stand before the page's own content; the demo "
                            "banner's skip link lands before them and no main landmark or heading follows them "
                            "(template 5)"}
FOUND = {
    "home": {**_TEMPLATE_FOUND,
             "1.1.1": "image-alt: teaser images with no alt (annotation 2) and the navigation images (template 7)",
             "1.4.3": "color-contrast: #41545D on #A9B8BF, 3.88:1 (template 10)",
             "2.4.4": "link-name: 'more' links whose only content is an image with alt=\"\" (annotation 7)",
             "4.1.2": "link-name: the same links (annotation 7)",
             "1.3.1": _HEADLINES},
    "news": {**_TEMPLATE_FOUND, "1.3.1": _HEADLINES + " (annotation 1: the news heading)"},
    "tickets": {**_TEMPLATE_FOUND,
                "1.1.1": "image-alt: images of text used as headings have no alt (annotation 1), navigation images",
                "1.4.3": "color-contrast: #41545D on #A9B8BF in the price tables, 3.88:1 (annotation 6)",
                "1.3.1": "wza-table-structure: the price table (9 rows x 5 columns) has no header cells"},
    "survey": {**_TEMPLATE_FOUND,
               "3.3.2": "wza-radio-group: the park radio buttons (name=res, 6) and Mr./Mrs. (name=t) are in no "
                        "fieldset/legend or radiogroup and have no labels: neither question nor option is told "
                        "(annotations 2, 3)",
               "1.3.1": "wza-radio-group: the same groups; the question they answer is tied to them only visually "
                        "(H71/ARIA17 are 1.3.1 techniques too; W3C's own 1.3.1 note here, 7, is a results table "
                        "built of paragraphs, which no rule sees)"},
    "template": {**_TEMPLATE_FOUND, "1.4.3": "color-contrast: #41545D on #A9B8BF, 3.88:1 (annotation 10)"},
}
# Annotated criteria that some axe rule maps to, but where no axe rule can see the annotated barrier; W3C's failure
# technique ids are from reports.json.
WHY_MISSED = {
    "1.3.1": "structure shown only visually (F2: headings, lists, emphasis by font): the template page has one "
             "text styled as a heading after the banner's h1 (its .headline 'Template'), which "
             "wza-heading-like-text leaves cantTell (one bold line may be emphasis; two or more after the last "
             "heading markup fail); lists and emphasis leave no markup to test; the unlabelled controls W3C also "
             "files here (F68) are found, but axe files them under 4.1.2",
    "1.4.1": "links told apart by colour alone (F73): axe's link-in-text-block passes, these links do not sit "
             "inside running text",
    "1.4.3": "W3C fails it for F24 (a foreground colour without a background colour), not a measured ratio; the "
             "template's low-contrast title boxes are not on this page",
    "1.4.4": "text that does not resize: axe only checks that meta viewport does not block zoom",
    "2.4.2": "the same title on every page (F25): W3C's annotation is of the original site, where every page was "
             "'Welcome to Citylights!'; the demo adds its own suffix ('[Inaccessible News Page]'), so the titles "
             "differ and wza-site-title-unique rightly passes them; axe only checks that a title exists",
    "2.4.3": "a reading order that the layout table scrambles (F44 by visual order): no tabindex is involved, so "
             "wza-tabindex-order has nothing to find, and the Tab order itself follows the source",
}
MISSED = {
    "home": {"1.4.1", "2.4.2"},
    "news": {"1.4.1", "1.4.3", "2.4.2"},
    "tickets": {"1.4.1", "1.4.4", "2.4.2"},
    "survey": {"1.4.1", "1.4.3", "2.4.2", "2.4.3"},
    "template": {"1.3.1", "1.4.1", "2.4.2"},
}

# Violations on the after pages, as (rule, link target or element): axe-core 4.14.1's are all target-size (WCAG 2.2,
# 2.5.8), ours wza-reflow (2.1, 1.4.10; below).
# Checked by hand, they are real: the demo's own banner stacks its two "Report" links (94 x 20 px) 16 px apart.
# The banner links fail on the before pages too. Not a scanner bug: the W3C evaluated WCAG 2.0, and 2.5.8 dates
# from 2023. axe-core 4.12.1 also failed after/home's two stacked list links ("Killer Bees", "Onions", 20 px line
# boxes); 4.14 measures an inline link's neighbours by their client rects (axe-core PR #5012), which puts them
# exactly 24 px apart, a pass. By the 24 px circles of 2.5.8 (centres 22 px apart) they are a borderline fail
# that axe no longer reports.
# Our wza-reflow (WCAG 2.1's 1.4.10, also after W3C's 2.0 evaluation) fails every after page twice, and rightly:
# the content box is fixed at 48em (`#page { width: 48em }` in main.css, 768 px) and the demo's own sub-navigation
# at 33em (`.subnav` in meta.css); at 320 CSS px both must be scrolled to sideways. (The before pages' layout is a
# table, which the probe leaves out as it leaves out every table; their sub-navigation fails the same way.)
def _banner(page: str) -> list[tuple[str, str]]:
    return [("target-size", f"../before/reports/{page}.html"), ("target-size", f"./reports/{page}.html"),
            ("wza-reflow", '<div class="subnav">'), ("wza-reflow", '<div id="page">')]


AFTER_VIOLATIONS = {page: _banner(page) for page in PAGES}
_HREF = re.compile(r'href="([^"]*)"')


def _rule_criteria() -> dict[str, set[str]]:
    """rule id -> the WCAG criteria it tests: axe-core's (from the shipped catalogue's tags) and our own, page and
    site rules."""
    from checks.web.own_rules import own_rules

    axe = {rid: set(sc_from_axe_tags(rule["tags"])) for rid, rule in
           load_json("data/axe_rule_impact.json")["rules"].items()}
    return {**axe, **{r.id: set(r.wcag) for r in (*own_rules(), *site_rules())}}


def _link_target(html: str) -> str:
    """The element's own href (axe's selectors for the same element vary with what else is on the page)."""
    match = _HREF.search(html)
    return match.group(1) if match else html


@pytest.fixture(scope="module")
def bad_scan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    with serve_directory(BAD / "source") as origin:
        urls = [f"{origin}/{side}/{page}.html" for side in ("before", "after") for page in PAGES]
        doc = scan_pages(tmp_path_factory.mktemp("bad") / "bad.db", urls, DEFAULT_STANDARD)
    assert doc["failed_pages"] == []
    # the site rules judge all pages at once: each page gets the site issues that name it, and the site rules that
    # ran count as run on every page (a before page's 2.4.1 is found by comparing it with the other pages)
    site_rules_run = {rid for row in doc["conformance"] for key in ("failed_rules", "cant_tell_rules", "passed_rules")
                      for rid in row.get(key) or () if is_site_rule(rid)}
    pages = {}
    for p in doc["pages"]:
        site = [i for i in doc["issues"] if i.get("scope") == "site" and p["url"] in i["pages"]]
        pages[p["url"].split("/", 3)[3].removesuffix(".html")] = {
            **p, "findings": p["findings"] + site, "rule_outcomes": {**{r: "site" for r in site_rules_run},
                                                                     **p["rule_outcomes"]}}
    return pages


def _annotated(page: str) -> set[str]:
    issues = json.loads((BAD / "issues.json").read_text(encoding="utf-8"))["issues"]
    return {sc for i in issues if i["page"] in (page, "template") for sc in i["wcag_sc"]}


def _failed_criteria(page: dict[str, Any]) -> set[str]:
    return {sc for f in page["findings"] if f["outcome"] == "failed" for sc in f["wcag"]}


def test_before_pages_find_what_axe_can_see(bad_scan: dict[str, dict[str, Any]],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    rule_sc = _rule_criteria()
    reports = json.loads((BAD / "reports.json").read_text(encoding="utf-8"))["summary"]["before"]
    lines, found_total, mapped_total = [], 0, 0
    for page in PAGES:
        scanned = bad_scan[f"before/{page}"]
        mapped = _annotated(page) & {sc for rid in scanned["rule_outcomes"] for sc in rule_sc.get(rid, ())}
        failed = _failed_criteria(scanned)
        found_total += len(mapped & failed)
        mapped_total += len(mapped)
        lines.append(f"before/{page:9} annotated {len(_annotated(page)):2} criteria, our and axe's rules map to "
                     f"{len(mapped)}: found {sorted(mapped & failed)}, not seen {sorted(mapped - failed)}; "
                     f"also failed (not annotated): {sorted(failed - _annotated(page))}")
        assert mapped & failed == set(FOUND[page]), page
        assert mapped - failed == MISSED[page], page
        assert all(WHY_MISSED[sc] for sc in MISSED[page])
        # No false alarm by W3C's own evaluation: each WCAG 2.0 criterion we fail, W3C's report fails too.
        assert (failed & WCAG20) <= set(reports[page]["fail"]), page
    lines.append(f"coverage of the annotated criteria rules map to: {found_total}/{mapped_total} "
                 f"= {100 * found_total / mapped_total:.0f}%")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert found_total >= 34 and mapped_total == 49  # 69%: issue 14's target is 60%


def test_after_pages_have_no_wcag20_violation(bad_scan: dict[str, dict[str, Any]]) -> None:
    for page in PAGES:
        scanned = bad_scan[f"after/{page}"]
        violations = [f for f in scanned["findings"] if f["outcome"] == "failed"]
        assert not [f for f in violations if set(f["wcag"]) & WCAG20], page
        assert sorted((f["rule_id"], _link_target(f["html"])) for f in violations) == \
            sorted(AFTER_VIOLATIONS[page]), page


def test_corpus_ground_truth_is_the_one_described() -> None:
    issues = json.loads((BAD / "issues.json").read_text(encoding="utf-8"))["issues"]
    assert len(issues) == 45
    assert {p: sum(i["page"] == p for i in issues) for p in PAGES} == {
        "home": 10, "news": 10, "tickets": 8, "survey": 7, "template": 10}
    assert all((BAD / "source" / side / f"{p}.html").is_file() for side in ("before", "after") for p in PAGES)
