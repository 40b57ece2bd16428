"""WCAG catalogue, axe tag parsing, --standard tags and the conformance table, on literal inputs."""
from __future__ import annotations

import pytest

from checks.models import Finding
from checks.web import wcag
from checks.web._data import load_json


def test_catalogue_has_every_criterion_once_with_its_fields():
    all_sc = wcag.all_criteria()
    assert len(all_sc) == 87
    assert len({c.sc for c in all_sc}) == 87
    assert {c.level for c in all_sc} == {"A", "AA", "AAA"}
    assert {c.principle for c in all_sc} == {"perceivable", "operable", "understandable", "robust"}
    assert {c.gbt37668_principle for c in all_sc} == {"可感知性", "可操作性", "可理解性", "兼容性"}
    assert all(c.title_zh and c.title_en for c in all_sc)
    # Counts fixed by the W3C recommendations: 61 in 2.0, 17 added by 2.1, 9 added by 2.2.
    assert [sum(c.version == v for c in all_sc) for v in ("2.0", "2.1", "2.2")] == [61, 17, 9]
    assert [c.sc for c in all_sc if c.obsolete_in_2_2] == ["4.1.1"]
    assert {c.title_zh_source for c in all_sc if c.version == "2.2"} == {"wuzhangai"}


def test_meta_says_the_gbt37668_mapping_is_ours():
    assert "OUR mapping" in load_json("data/wcag.json")["meta"]["gbt37668_principle"]


def test_criteria_by_level_and_version():
    aa22 = wcag.criteria()
    assert len(aa22) == 55  # 2.2 A+AA without 4.1.1
    assert "4.1.1" not in {c.sc for c in aa22}
    assert {"2.4.11", "2.5.8", "3.3.8"} <= {c.sc for c in aa22}
    aa21 = {c.sc for c in wcag.criteria(version="2.1")}
    assert len(aa21) == 50 and "4.1.1" in aa21 and "2.5.8" not in aa21
    assert len(wcag.criteria(("A", "AA", "AAA"), "2.0")) == 61
    assert {c.level for c in wcag.criteria(("A",))} == {"A"}
    with pytest.raises(ValueError):
        wcag.criteria(version="3.0")
    with pytest.raises(ValueError):
        wcag.criteria(("AAAA",))


def test_sc_from_axe_tags_reads_two_digit_parts_by_the_known_list():
    tags = ["cat.color", "wcag2aa", "wcag1410", "wcag111", "wcag2411", "wcag21aa", "wcag2a-obsolete", "wcag411",
            "EN-9.1.4.3", "wcag999", "wcag111"]
    assert wcag.sc_from_axe_tags(tags) == ("1.1.1", "1.4.10", "2.4.11", "4.1.1")
    assert wcag.sc_from_axe_tags(["wcag258", "wcag22aa"]) == ("2.5.8",)
    assert wcag.sc_from_axe_tags(["best-practice"]) == ()


def test_tags_for_standard_are_cumulative():
    assert wcag.tags_for_standard("wcag22aa") == ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
    assert wcag.DEFAULT_STANDARD == "wcag22aa"
    assert wcag.tags_for_standard("wcag2a") == ("wcag2a",)
    assert set(wcag.tags_for_standard("wcag21aa")) == {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}
    assert wcag.tags_for_standard("best-practice") == ("best-practice",)
    with pytest.raises(ValueError, match="wcag22aa"):
        wcag.tags_for_standard("wcag3")


def test_conformance_table_precedence_failed_cantTell_passed_untested():
    sc = {c.sc: c for c in wcag.all_criteria()}
    chosen = [sc["1.1.1"], sc["2.4.4"], sc["3.1.1"], sc["1.4.3"], sc["2.1.1"]]
    summaries = {
        "image-alt": {"wcag": ["1.1.1"], "outcomes": {"passed": 9, "failed": 1}},
        "svg-img-alt": {"wcag": ["1.1.1"], "outcomes": {"passed": 3}},
        "link-name": {"wcag": ["2.4.4", "4.1.2"], "outcomes": {"passed": 4}},
        "wza-link-text": {"wcag": ["2.4.4"], "outcomes": {"cantTell": 2, "passed": 1}},
        "html-has-lang": {"wcag": ["3.1.1"], "outcomes": {"passed": 1}},
        "color-contrast": {"wcag": ["1.4.3"], "outcomes": {"inapplicable": 1}},
    }
    rows = {r.sc: r for r in wcag.conformance_table(summaries, chosen)}
    assert rows["1.1.1"].outcome == "failed" and rows["1.1.1"].failed_rules == ("image-alt",)
    assert rows["2.4.4"].outcome == "cantTell" and rows["2.4.4"].cant_tell_rules == ("wza-link-text",)
    assert rows["3.1.1"].outcome == "passed"
    assert rows["1.4.3"].outcome == "untested"  # inapplicable everywhere: nothing was tested
    assert rows["2.1.1"].outcome == "untested"
    assert [r.sc for r in wcag.conformance_table(summaries, chosen)] == ["1.1.1", "2.4.4", "3.1.1", "1.4.3", "2.1.1"]
    assert rows["1.1.1"].to_dict()["failed_rules"] == ["image-alt"]


def test_summarise_findings_feeds_the_table():
    findings = [
        Finding("image-alt", "failed", "critical", ("1.1.1",), selector="img"),
        Finding("image-alt", "passed", None, ("1.1.1",), selector="img:nth-of-type(2)"),
        Finding("document-title", "passed", None, ("2.4.2",)),
    ]
    summaries = wcag.summarise_findings(findings)
    assert summaries["image-alt"].outcomes == {"failed": 1, "passed": 1}
    c = [x for x in wcag.all_criteria() if x.sc in ("1.1.1", "2.4.2")]
    assert [r.outcome for r in wcag.conformance_table(summaries, c)] == ["failed", "passed"]
