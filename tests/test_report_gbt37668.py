"""GB/T 37668-2019 principle table (our mapping, weights 30/30/20/20) on literal conformance rows."""
from __future__ import annotations

from checks.web.gbt37668 import MAPPING_NOTE_EN, MAPPING_NOTE_ZH, PRINCIPLES, principle_table, weighted_score
from checks.web.wcag import Criterion, all_criteria


def crit(sc: str, principle: str) -> Criterion:
    return Criterion(sc=sc, level="A", version="2.0", title_en=sc, title_zh=sc, title_zh_source="w3c-zh",
                     principle="x", gbt37668_principle=principle)


CRITERIA = [crit("1.1.1", "可感知性"), crit("1.4.3", "可感知性"), crit("1.3.1", "可感知性"), crit("1.2.1", "可感知性"),
            crit("2.1.1", "可操作性"), crit("2.4.4", "可操作性"), crit("3.1.1", "可理解性"), crit("4.1.2", "兼容性")]


def test_weights_are_30_30_20_20_and_the_note_says_the_mapping_is_ours():
    assert [(p[0], p[3]) for p in PRINCIPLES] == [("可感知性", 30), ("可操作性", 30), ("可理解性", 20), ("兼容性", 20)]
    assert "本项目的映射" in MAPPING_NOTE_ZH and "our mapping" in MAPPING_NOTE_EN


def test_principle_scores_count_only_tested_criteria():
    conformance = [
        {"sc": "1.1.1", "outcome": "failed"}, {"sc": "1.4.3", "outcome": "passed"},
        {"sc": "1.3.1", "outcome": "cantTell"}, {"sc": "1.2.1", "outcome": "untested"},
        {"sc": "2.1.1", "outcome": "passed"}, {"sc": "2.4.4", "outcome": "passed"},
        {"sc": "3.1.1", "outcome": "failed"},
        {"sc": "4.1.2", "outcome": "untested"},
        {"sc": "9.9.9", "outcome": "failed"},  # not a known criterion: ignored
    ]
    rows = {r.principle_zh: r for r in principle_table(conformance, CRITERIA)}
    p = rows["可感知性"]
    assert (p.criteria, p.failed, p.cant_tell, p.passed, p.untested) == (4, 1, 1, 1, 1)
    assert p.score == 50.0 and p.failed_sc == ("1.1.1",)
    assert rows["可操作性"].score == 100.0
    assert rows["可理解性"].score == 0.0
    assert rows["兼容性"].score is None and rows["兼容性"].untested == 1
    # (30*50 + 30*100 + 20*0) / 80 = 56.25, renormalised because 兼容性 had nothing tested
    assert weighted_score(list(rows.values())) == (56.2, True)


def test_weighted_score_of_all_principles_and_of_none():
    all_passed = [{"sc": c.sc, "outcome": "passed"} for c in CRITERIA]
    assert weighted_score(principle_table(all_passed, CRITERIA)) == (100.0, False)
    one_fail = [dict(r, outcome="failed") if r["sc"] == "4.1.2" else r for r in all_passed]
    assert weighted_score(principle_table(one_fail, CRITERIA)) == (80.0, False)  # 兼容性 0 x 20%
    assert weighted_score(principle_table([], CRITERIA)) == (None, True)


def test_every_wcag_criterion_maps_to_one_of_the_four_principles():
    names = {p[0] for p in PRINCIPLES}
    assert {c.gbt37668_principle for c in all_criteria()} == names
    rows = principle_table([{"sc": c.sc, "outcome": "untested"} for c in all_criteria()], all_criteria())
    assert sum(r.criteria for r in rows) == 87
