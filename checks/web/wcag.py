"""WCAG success criteria, axe tags and the per-criterion conformance table.

The criteria live in ``data/wcag.json`` (87 records: WCAG 2.2's 86 plus 4.1.1 Parsing, obsolete in 2.2).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from checks.models import Finding
from checks.web._data import load_json

LEVELS: tuple[str, ...] = ("A", "AA", "AAA")
VERSIONS: tuple[str, ...] = ("2.0", "2.1", "2.2")

# Conformance outcome of one criterion; ``untested`` means no rule we ran maps to it (manual review).
SC_OUTCOMES: tuple[str, ...] = ("failed", "cantTell", "passed", "untested")


@dataclass(frozen=True)
class Criterion:
    sc: str
    level: str
    version: str
    title_en: str
    title_zh: str
    title_zh_source: str
    principle: str
    gbt37668_principle: str
    obsolete_in_2_2: bool = False

    def title(self, lang: str = "zh") -> str:
        return self.title_zh if lang.startswith("zh") else self.title_en


@lru_cache(maxsize=1)
def all_criteria() -> tuple[Criterion, ...]:
    """Every record of ``wcag.json`` in document order, 4.1.1 included."""
    return tuple(Criterion(**record) for record in load_json("data/wcag.json")["criteria"])


def criteria(levels: Iterable[str] = ("A", "AA"), version: str = "2.2") -> list[Criterion]:
    """The criteria a page must meet to conform to WCAG ``version`` at ``levels``.

    ``version="2.2"`` leaves out 4.1.1 Parsing (2.2 made it obsolete); 2.0 and 2.1 keep it.
    """
    if version not in VERSIONS:
        raise ValueError(f"WCAG 版本须为 {'/'.join(VERSIONS)} / version must be one of {VERSIONS}: {version!r}")
    wanted = set(levels)
    unknown = wanted - set(LEVELS)
    if unknown:
        raise ValueError(f"未知的级别 / unknown level(s): {sorted(unknown)}")
    return [
        c for c in all_criteria()
        if c.level in wanted
        and VERSIONS.index(c.version) <= VERSIONS.index(version)
        and not (version == "2.2" and c.obsolete_in_2_2)
    ]


@lru_cache(maxsize=1)
def _tag_to_sc() -> dict[str, str]:
    # Built from the known list, not by splitting digits: "wcag1410" must be 1.4.10, never 1.41.0 or 14.1.0.
    table = {"wcag" + c.sc.replace(".", ""): c.sc for c in all_criteria()}
    assert len(table) == len(all_criteria()), "two criteria share an axe tag"
    return table


_SC_TAG = re.compile(r"^wcag\d{3,}$")


def sc_from_axe_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Success criteria named by axe tags (``wcag111`` -> ``1.1.1``), in WCAG order, without duplicates.

    Level tags (``wcag2aa``, ``wcag21a``...), other standards' tags and unknown numbers are ignored.
    """
    table = _tag_to_sc()
    found = {table[t] for t in tags if _SC_TAG.match(t) and t in table}
    return tuple(sorted(found, key=_sc_order().__getitem__))


@lru_cache(maxsize=1)
def _sc_order() -> dict[str, int]:
    return {c.sc: i for i, c in enumerate(all_criteria())}


# Our --standard values and the axe tags each selects. A level is cumulative, as conformance is: WCAG 2.1 AA
# means 2.0 A+AA and 2.1 A+AA (axe tags only the criteria a version ADDED with its own tag, e.g. wcag21aa).
STANDARDS: dict[str, tuple[str, ...]] = {
    "wcag2a": ("wcag2a",),
    "wcag2aa": ("wcag2a", "wcag2aa"),
    "wcag21a": ("wcag2a", "wcag21a"),
    "wcag21aa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
    "wcag22a": ("wcag2a", "wcag21a", "wcag22a"),
    "wcag22aa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"),
    "wcag2aaa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "wcag2aaa"),
    "best-practice": ("best-practice",),
    "experimental": ("experimental",),
}
DEFAULT_STANDARD = "wcag22aa"


def tags_for_standard(name: str) -> tuple[str, ...]:
    """Axe tags (for ``runOnly: {type: "tag"}``) selecting the rules of one ``--standard`` value."""
    try:
        return STANDARDS[name]
    except KeyError:
        raise ValueError(
            f"未知的标准 {name!r}，可选：{', '.join(STANDARDS)} / unknown standard {name!r}, choose from: "
            f"{', '.join(STANDARDS)}"
        ) from None


@dataclass(frozen=True)
class RuleSummary:
    """How one rule came out on a page or site: counts per outcome, and the criteria it tests."""

    rule_id: str
    wcag: tuple[str, ...]
    outcomes: Mapping[str, int] = field(default_factory=dict)

    def count(self, outcome: str) -> int:
        return int(self.outcomes.get(outcome, 0))


def summarise_findings(findings: Iterable[Finding]) -> dict[str, RuleSummary]:
    """Group findings by rule into :class:`RuleSummary` (the input of :func:`conformance_table`)."""
    counts: dict[str, dict[str, int]] = {}
    wcag: dict[str, set[str]] = {}
    for f in findings:
        counts.setdefault(f.rule_id, {})
        counts[f.rule_id][f.outcome] = counts[f.rule_id].get(f.outcome, 0) + 1
        wcag.setdefault(f.rule_id, set()).update(f.wcag)
    return {
        rule_id: RuleSummary(rule_id, tuple(sorted(wcag[rule_id])), counts[rule_id]) for rule_id in counts
    }


@dataclass(frozen=True)
class ConformanceRow:
    sc: str
    level: str
    title_en: str
    title_zh: str
    outcome: str  # one of SC_OUTCOMES
    failed_rules: tuple[str, ...] = ()
    cant_tell_rules: tuple[str, ...] = ()
    passed_rules: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("failed_rules", "cant_tell_rules", "passed_rules"):
            d[key] = list(d[key])
        return d


def _as_summary(rule_id: str, value: RuleSummary | Mapping) -> RuleSummary:
    if isinstance(value, RuleSummary):
        return value
    return RuleSummary(rule_id, tuple(value.get("wcag", ())), dict(value.get("outcomes", {})))


def conformance_table(
    findings_by_rule: Mapping[str, RuleSummary | Mapping], criteria: Iterable[Criterion]
) -> list[ConformanceRow]:
    """One row per criterion: ``failed`` if a rule mapped to it failed anywhere, else ``cantTell`` if one needs
    review, else ``passed`` if one mapped rule passed, else ``untested`` (no rule of ours covers it).

    ``findings_by_rule`` maps rule id to a :class:`RuleSummary` or a plain ``{"wcag": [...], "outcomes":
    {"failed": 2, ...}}``. ``untested`` is not ``passed``: most criteria need a person to judge them.
    """
    summaries = [_as_summary(rule_id, value) for rule_id, value in findings_by_rule.items()]
    rows = []
    for c in criteria:
        mapped = [s for s in summaries if c.sc in s.wcag]
        failed = tuple(sorted(s.rule_id for s in mapped if s.count("failed")))
        cant_tell = tuple(sorted(s.rule_id for s in mapped if s.count("cantTell")))
        passed = tuple(sorted(s.rule_id for s in mapped if s.count("passed")))
        outcome = "failed" if failed else "cantTell" if cant_tell else "passed" if passed else "untested"
        rows.append(ConformanceRow(c.sc, c.level, c.title_en, c.title_zh, outcome, failed, cant_tell, passed))
    return rows
