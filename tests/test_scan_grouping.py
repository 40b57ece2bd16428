"""Grouping, scoring gate and axe-result judging with literal inputs."""
from checks.models import Finding
from checks.web.axe_results import judge_axe, selector_text
from checks.web.grouping import element_fingerprint, group_findings
from wuzhangai.commands.scan import gate


def f(rule, selector, html, outcome="failed", impact="critical"):
    return Finding(rule_id=rule, outcome=outcome, impact=impact, selector=selector, html=html)


def test_template_problem_on_every_page_is_one_issue():
    logo = '<img src="/img/logo.png?v=20240101" class="logo">'
    pairs = [(f"http://x.cn/p{i}.html", f("image-alt", "header > .logo", logo.replace("20240101", str(20240101 + i))))
             for i in range(5)]
    pairs.append(("http://x.cn/p1.html", f("image-alt", "#news img", '<img src="a.jpg">')))
    issues = group_findings(pairs)
    assert len(issues) == 2
    logo_issue = next(i for i in issues if i.selector == "header > .logo")
    assert logo_issue.count == 5 and logo_issue.nodes == 5
    assert logo_issue.pages == [f"http://x.cn/p{i}.html" for i in range(5)]
    assert issues[0] is logo_issue  # 5 pages x critical ranks first


def test_different_elements_are_different_issues_and_order_by_priority():
    pairs = [("u1", f("color-contrast", "footer p", "<p>备案号</p>", impact="serious")),
             ("u1", f("link-name", "a.icon", '<a class="icon" href="/x"></a>', impact="serious")),
             ("u2", f("link-name", "a.icon", '<a class="icon"   href="/x"></a>', impact="serious")),
             ("u1", f("region", "body", "<body>", outcome="cantTell", impact="moderate")),
             ("u1", f("image-alt", "img", "<img>", outcome="passed"))]
    issues = group_findings(pairs)
    assert [i.rule_id for i in issues] == ["link-name", "color-contrast", "region"]
    assert issues[0].count == 2  # whitespace differences do not split an issue
    assert issues[-1].outcome == "cantTell"
    assert element_fingerprint("a", "s", "<b>") != element_fingerprint("b", "s", "<b>")


def test_axe_page_specific_selectors_do_not_split_a_template_issue():
    box = '<input type="text" name="q" class="search-input">'
    pairs = [("u1", f("label", "input", box)), ("u2", f("label", ".search-input", box))]
    assert [i.count for i in group_findings(pairs)] == [2]
    bare = [("u1", f("image-alt", "#news > img", "<img>")), ("u2", f("image-alt", "footer > img", "<img>"))]
    assert [i.count for i in group_findings(bare)] == [1, 1]


def _doc(*issues):
    return {"issues": [{"rule_id": r, "impact": i, "outcome": o} for r, i, o in issues]}


def test_fail_on_gate():
    doc = _doc(("image-alt", "critical", "failed"), ("list", "serious", "failed"), ("x", "critical", "cantTell"))
    assert gate(doc, None) is None
    assert gate(doc, "critical") is not None
    assert gate(_doc(("list", "serious", "failed")), "critical") is None
    assert gate(_doc(("list", "serious", "failed")), "moderate") is not None
    assert gate(doc, 2) is None and gate(doc, 1) is not None  # cantTell does not count


AXE = {
    "violations": [{"id": "image-alt", "impact": "critical", "tags": ["wcag2a", "wcag111"], "help": "Images must have alt",
                    "helpUrl": "u", "nodes": [{"target": ["#logo"], "html": "<img id=logo>", "impact": "critical",
                                               "message": "Fix any of the following"}]}],
    "incomplete": [{"id": "color-contrast", "impact": "serious", "tags": ["wcag2aa", "wcag143"], "help": "c",
                    "helpUrl": "", "nodes": [{"target": [["iframe"], ["p"]], "html": "<p>", "impact": "serious"}]}],
    "passes": [{"id": "document-title", "tags": ["wcag2a", "wcag242"], "impact": None},
               {"id": "image-alt", "tags": ["wcag2a", "wcag111"], "impact": None}],
    "inapplicable": [{"id": "video-caption", "tags": ["wcag2a", "wcag122"]}],
}


def test_judge_axe_maps_results_to_outcomes():
    j = judge_axe(AXE, {"document-title": "serious", "image-alt": "critical"})
    assert j.rule_outcomes == {"video-caption": "inapplicable", "document-title": "passed",
                               "image-alt": "failed", "color-contrast": "cantTell"}
    failed = [x for x in j.findings if x.outcome == "failed"]
    assert len(failed) == 1 and failed[0].wcag == ("1.1.1",) and failed[0].selector == "#logo"
    review = [x for x in j.findings if x.outcome == "cantTell"][0]
    assert review.selector == "iframe >>> p" and review.wcag == ("1.4.3",)
    assert j.counts() == {"violations": 1, "incomplete": 1, "passes": 1, "inapplicable": 1}
    assert selector_text([["#host", "span"]]) == "#host > span"


def test_conformance_levels_follow_the_standard():
    from checks.web.wcag import tags_for_standard
    from reports.scan_document import _levels_of

    assert _levels_of("wcag22aa") == (("A", "AA"), "2.2")
    assert _levels_of("wcag21a") == (("A",), "2.1")
    assert _levels_of("wcag2aaa,best-practice") == (("A", "AA", "AAA"), "2.2")
    assert "wcag2aaa" in tags_for_standard("wcag2aaa") and "wcag22aa" in tags_for_standard("wcag2aaa")
