"""Conformance by GB/T 37668-2019 principle: our grouping of the WCAG conformance table.

GB/T 37668-2019 (信息技术 互联网内容无障碍可访问性技术要求与测试方法) organises web requirements under four
principles. Which WCAG success criterion falls under which principle is OUR mapping (``gbt37668_principle`` in
``data/wcag.json``: WCAG's perceivable / operable / understandable / robust paired one-to-one), not a table
printed in the standard. The weights 30/30/20/20 follow the 2019 national survey of public-service websites'
weighting as cited in the project's issue 5; they are data here so a reviewer can change them in one place.

A principle's score is the share of its *tested* criteria that passed (criteria an automated rule failed or
passed); ``cantTell`` (a person must judge) and ``untested`` (no rule covers it) are counted and shown but not
scored, for the same reason a page's score leaves them out: we do not mark down what nobody has judged yet.
The weighted total is renormalised over the principles that have a score, and says so.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from checks.web.wcag import Criterion

# (GB/T 37668 name, English, WCAG principle it is paired with, weight in percent)
PRINCIPLES: tuple[tuple[str, str, str, int], ...] = (
    ("可感知性", "perceivable", "perceivable", 30),
    ("可操作性", "operable", "operable", 30),
    ("可理解性", "understandable", "understandable", 20),
    ("兼容性", "compatible (robust)", "robust", 20),
)
MAPPING_NOTE_ZH = "WCAG 成功准则与 GB/T 37668-2019 原则的对应关系为本项目的映射（非标准原文），权重 30/30/20/20。"
MAPPING_NOTE_EN = ("The pairing of WCAG success criteria with GB/T 37668-2019 principles is our mapping (not a "
                   "table from the standard); weights 30/30/20/20.")


@dataclass(frozen=True)
class PrincipleRow:
    principle_zh: str
    principle_en: str
    weight: int
    criteria: int
    failed: int
    cant_tell: int
    passed: int
    untested: int
    score: float | None  # 0-100 share of tested criteria that passed; None if none was tested
    failed_sc: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        d = asdict(self)
        d["failed_sc"] = list(self.failed_sc)
        return d


def principle_table(conformance: Iterable[Mapping], criteria: Iterable[Criterion]) -> list[PrincipleRow]:
    """One row per principle from conformance rows (``{"sc": "1.1.1", "outcome": "failed", ...}``).

    ``criteria`` says which principle each criterion belongs to (``Criterion.gbt37668_principle``); a
    conformance row whose criterion is not among them is ignored.
    """
    principle_of = {c.sc: c.gbt37668_principle for c in criteria}
    rows = []
    for zh, en, _wcag, weight in PRINCIPLES:
        outcomes = [(r["sc"], r["outcome"]) for r in conformance if principle_of.get(r["sc"]) == zh]
        count = {o: sum(1 for _, out in outcomes if out == o) for o in ("failed", "cantTell", "passed", "untested")}
        tested = count["failed"] + count["passed"]
        rows.append(PrincipleRow(
            principle_zh=zh, principle_en=en, weight=weight, criteria=len(outcomes), failed=count["failed"],
            cant_tell=count["cantTell"], passed=count["passed"], untested=count["untested"],
            score=round(100.0 * count["passed"] / tested, 1) if tested else None,
            failed_sc=tuple(sc for sc, out in outcomes if out == "failed"),
        ))
    return rows


def weighted_score(rows: Iterable[PrincipleRow]) -> tuple[float | None, bool]:
    """The weighted total (0-100) and whether it was renormalised because a principle had no tested criterion."""
    all_rows = list(rows)
    scored = [r for r in all_rows if r.score is not None]
    if not scored:
        return None, True
    total_weight = sum(r.weight for r in scored)
    value = sum(r.weight * r.score for r in scored) / total_weight
    return round(value, 1), len(scored) < len(all_rows)
