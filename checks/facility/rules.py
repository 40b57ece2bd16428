"""Facility rules as data: the model of one rule and the reader of ``checks/facility/rules.yaml``.

The rules file is package data shipped with the code (like axe-core's rule files), so reading it keeps
``checks`` free of user I/O. ``parse_rules`` takes already-parsed data, so a test or a district's own
rules file can be judged with the same code.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any, Literal

import yaml

Severity = Literal["critical", "major", "minor"]
SEVERITIES: tuple[str, ...] = ("critical", "major", "minor")  # worst first
OPERATORS: tuple[str, ...] = ("ge", "le", "eq", "between", "one_of", "is_true", "is_false")
TIERS: tuple[str, ...] = ("all", "new_build", "existing_build")
LEVELS: tuple[str, ...] = ("mandatory", "recommended")
CONFIDENCES: tuple[str, ...] = ("high", "medium", "low")


class RuleError(ValueError):
    """A rule in a rules file that cannot be evaluated."""


@dataclass(frozen=True)
class Rule:
    id: str
    facility_type: str
    field: str
    operator: str
    threshold: Any  # number, [lo, hi], [values], {"formula": str} or {"table": {...}}; None for is_true/is_false
    unit: str
    severity: str
    level: str
    clause: str
    confidence: str
    plan_item: str
    message_zh: str
    message_en: str
    tier: str = "all"
    tolerance: float = 0.0
    applies_when: dict | None = None
    binding_when: dict | None = None
    draft_id: str = ""
    notes: str = ""  # where a change to the draft comes from (the source read, the decision taken)

    @property
    def mandatory(self) -> bool:
        return self.level == "mandatory"

    def context_fields(self) -> set[str]:
        """Every record field the rule reads besides its own: condition, formula and table fields."""
        from checks.facility.formula import formula_names  # local: formula imports nothing from here

        names: set[str] = set()
        for condition in (self.applies_when, self.binding_when):
            names |= condition_fields(condition)
        if isinstance(self.threshold, dict):
            if "formula" in self.threshold:
                names |= formula_names(self.threshold["formula"])
            if "table" in self.threshold:
                names.add(self.threshold["table"]["x"])
        return names


def parse_number(value: Any) -> float:
    """A threshold number; ``"1:12"`` is a slope written as rise:run."""
    if isinstance(value, str) and ":" in value:
        rise, run = value.split(":", 1)
        return float(rise) / float(run)
    return float(value)


def condition_fields(condition: dict | None) -> set[str]:
    if not condition:
        return set()
    for key in ("all", "any"):
        if key in condition:
            return set().union(*(condition_fields(c) for c in condition[key]))
    if "not" in condition:
        return condition_fields(condition["not"])
    return {condition["field"]}


def _normalise_threshold(raw: dict) -> Any:
    op, threshold = raw["operator"], raw.get("threshold")
    if op in ("is_true", "is_false"):
        return None
    if op == "one_of":
        return tuple(str(v) for v in threshold)
    if op == "between":
        lo, hi = (parse_number(v) for v in threshold)
        if lo > hi:
            raise RuleError(f"{raw['id']}: range {lo}..{hi} is empty")
        return (lo, hi)
    if isinstance(threshold, dict):
        if "table" in threshold:
            table = threshold["table"]
            points = tuple((parse_number(x), float(y)) for x, y in table["points"])
            if list(points) != sorted(points):
                raise RuleError(f"{raw['id']}: table points must be sorted by x")
            return {"table": {"x": table["x"], "points": points, "above": float(table.get("above", points[-1][1]))}}
        if "formula" in threshold:
            from checks.facility.formula import compile_formula

            compile_formula(threshold["formula"])  # fail on load, not on the first survey
            return {"formula": str(threshold["formula"])}
        raise RuleError(f"{raw['id']}: unknown threshold {threshold!r}")
    return parse_number(threshold)


def parse_rule(raw: dict) -> Rule:
    for key, allowed in (("operator", OPERATORS), ("severity", SEVERITIES), ("level", LEVELS),
                         ("confidence", CONFIDENCES), ("tier", TIERS)):
        if raw.get(key, "all" if key == "tier" else None) not in allowed:
            raise RuleError(f"{raw.get('id')}: {key} must be one of {allowed}, not {raw.get(key)!r}")
    return Rule(
        id=str(raw["id"]),
        facility_type=str(raw["facility_type"]),
        field=str(raw["field"]),
        operator=raw["operator"],
        threshold=_normalise_threshold(raw),
        unit=str(raw.get("unit") or ""),
        severity=raw["severity"],
        level=raw["level"],
        clause=str(raw["clause"]),
        confidence=raw["confidence"],
        plan_item=str(raw["plan_item"]),
        message_zh=str(raw["message_zh"]),
        message_en=str(raw["message_en"]),
        tier=raw.get("tier", "all"),
        tolerance=float(raw.get("tolerance", 0.0)),
        applies_when=raw.get("applies_when"),
        binding_when=raw.get("binding_when"),
        draft_id=str(raw.get("draft_id", "")),
        notes=str(raw.get("notes", "")),
    )


def parse_rules(data: dict) -> tuple[Rule, ...]:
    rules = tuple(parse_rule(raw) for raw in data["rules"])
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"rule id {rule.id} appears twice")
        seen.add(rule.id)
    return rules


# facility type -> presence field -> the measurements that imply it (``implies:`` in rules.yaml)
Implies = dict[str, dict[str, tuple[str, ...]]]


def presence_tests(condition: dict | None) -> set[str]:
    """Fields a condition needs to be known *true* (``{field: F, is: true}``, alone or inside ``all``)."""
    if not condition:
        return set()
    if "all" in condition:
        return set().union(*(presence_tests(c) for c in condition["all"]))
    if condition.get("is") is True and "field" in condition:
        return {condition["field"]}
    return set()


def parse_implies(data: dict | None, rules: tuple[Rule, ...]) -> Implies:
    """The ``implies`` mapping, checked against the rules: each presence field must gate some rule of its type
    (``is: true`` in ``applies_when``) and each measurement must be the field of a rule it gates; anything else
    would be a mapping no rule reads, i.e. a typo or a stale entry."""
    out: Implies = {}
    for ftype, mapping in (data or {}).items():
        gated: dict[str, set[str]] = {}
        for rule in rules:
            if rule.facility_type == ftype:
                for presence in presence_tests(rule.applies_when):
                    gated.setdefault(presence, set()).add(rule.field)
        for presence, measured in (mapping or {}).items():
            if presence not in gated:
                raise RuleError(f"implies: no {ftype} rule applies when {presence} is true")
            stray = [m for m in measured if m not in gated[presence]]
            if stray:
                raise RuleError(f"implies: {ftype}.{presence} is implied by {stray}, which no rule gated by it judges")
            out.setdefault(ftype, {})[presence] = tuple(str(m) for m in measured)
    return out


@lru_cache(maxsize=1)
def _bundled() -> dict:
    return yaml.safe_load(files("checks.facility").joinpath("rules.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """The project's bundled rules (``checks/facility/rules.yaml``)."""
    return parse_rules(_bundled())


@lru_cache(maxsize=1)
def load_implies() -> Implies:
    """The bundled presence-by-measurement mapping (``implies:`` in ``checks/facility/rules.yaml``)."""
    return parse_implies(_bundled().get("implies"), load_rules())


@lru_cache(maxsize=1)
def load_tier_basis() -> dict[str, tuple[str, str]]:
    """build_status -> (zh, en): which tier judged a facility of that status (``tier_basis:`` in rules.yaml)."""
    return {str(k): (str(v["zh"]), str(v["en"])) for k, v in (_bundled().get("tier_basis") or {}).items()}


def select_rules(rules: tuple[Rule, ...], min_confidence: str = "low") -> tuple[Rule, ...]:
    """Rules at or above a source confidence (``high`` keeps only clauses checked against the code text)."""
    keep = CONFIDENCES[: CONFIDENCES.index(min_confidence) + 1]
    return tuple(r for r in rules if r.confidence in keep)
