"""Our own web rules, axe-core style: each rule is a JSON record in ``rules/`` naming the checks that judge it.

A record says which named artifacts the rule requires (``requires``: ``dom`` today; see ``scanner.artifacts``),
which tags select it, which WCAG criteria and other clauses it enforces, its impact, its texts in zh and en
(``help``, ``description``, ``fix``) and its **messages**: one entry per thing a check can say of an element,
with ``{placeholders}`` filled from the data the check returns. Findings keep the message id and data; the
text is chosen when a document is rendered, in that document's language (``checks.web.messages``).

A rule is judged either by one page-level ``check`` (it returns one :class:`Result` per element judged, or a
single page result; no result means the rule is inapplicable), or, where that is clearer, by element checks
combined as axe-core combines them over the elements of ``applies_to`` (a list in the page facts):
``any`` (one must be true), ``all`` (each must be true) and ``none`` (none may be true).

``axe_equivalent`` names the axe-core rule that checks the same thing: where axe judged it on the page (a
browser scan), ours is not run, so one barrier is not reported twice; in a static scan ours stands in.
Rules tagged ``elder-friendly`` (the MIIT 适老化 specs) run in every scan; ``best-practice`` ones only when
that tag is selected, as with axe's ``runOnly``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from typing import Any
from urllib.parse import urldefrag, urlparse

from checks.models import Finding
from checks.web.facts import PageFacts

# Tags of rules every scan runs whatever its --standard: the MIIT elder-friendly (适老化) requirements are part
# of every audit this tool makes for a Chinese government site (DESIGN.md, job 1).
ALWAYS_SELECTED_TAGS = frozenset({"elder-friendly"})
Text = Mapping[str, str]  # {"zh": ..., "en": ...}


@dataclass(frozen=True)
class Result:
    outcome: str  # failed | passed | cantTell
    fact: object | None = None  # the element fact judged; None for a page-level result
    message: str = ""  # id of an entry of the rule's ``messages``; "" for none
    data: Mapping[str, Any] = field(default_factory=dict)  # the message's placeholders


@dataclass(frozen=True)
class Located:
    """An element a probe reported (by selector and opening tag), as a result's ``fact``."""

    selector: str
    html: str = ""


class Evidence:
    """A page's named artifacts, as the checks read them (``dom`` parsed to :class:`PageFacts` once)."""

    def __init__(self, artifacts: Mapping[str, Any]):
        self.artifacts = artifacts

    def has(self, name: str) -> bool:
        return self.artifacts.get(name) is not None

    def get(self, name: str) -> Any:
        """A probe's artifact (plain data, as stored), or None."""
        return self.artifacts.get(name)

    @cached_property
    def dom(self) -> PageFacts:
        value = self.artifacts["dom"]
        return value if isinstance(value, PageFacts) else PageFacts.from_dict(dict(value))


@dataclass(frozen=True)
class OwnRule:
    id: str
    requires: tuple[str, ...]
    tags: tuple[str, ...]
    wcag: tuple[str, ...]
    standards: tuple[str, ...]
    impact: str
    help: Text
    description: Text
    fix: Text
    messages: Mapping[str, Text]
    outcomes: tuple[str, ...]  # what the rule can report; the strongest is what its fails fixture must give
    source_confidence: str
    check: str = ""  # a page-level check, or:
    applies_to: str = ""  # a list of the page facts whose elements the element checks judge
    any: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    axe_equivalent: str | None = None
    notes: str = ""

    def message_text(self, message_id: str, data: Mapping[str, Any], lang_key: str) -> str:
        """The message ``message_id`` in ``lang_key`` (``zh`` or ``en``) with its placeholders filled."""
        entry = self.messages.get(message_id)
        if entry is None:
            return ""
        return entry[lang_key].format_map(_Placeholders(data))


class _Placeholders(dict):
    def __init__(self, data: Mapping[str, Any]):
        super().__init__(data)

    def __missing__(self, key: str) -> str:  # a message never fails on stored data of an older version
        return "{" + key + "}"


# --- the checks --------------------------------------------------------------------------------------------

def title_present(ev: Evidence) -> list[Result]:
    facts = ev.dom
    if facts.title is None:
        return [Result("failed", None, "missing")]
    if not facts.title.strip():
        return [Result("failed", None, "empty")]
    return [Result("passed", None, "present", {"title": facts.title})]


# BCP 47 shape: a 2-3 letter language (or 4-8 registered), then hyphenated subtags. zh_CN is not valid.
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def html_lang_valid(ev: Evidence) -> list[Result]:
    lang = ev.dom.lang
    if lang is None or not lang.strip():
        return [Result("failed", None, "missing")]
    if not _LANG_TAG.match(lang.strip()):
        return [Result("failed", None, "invalid", {"lang": lang})]
    return [Result("passed", None, "valid", {"lang": lang})]


Problem = tuple[str, str, dict] | None  # (outcome, message id, message data) or None when the element passes


def _judge_each(items: Iterable, problem: Callable[[object], Problem]) -> list[Result]:
    """One result per element: ``passed`` unless ``problem(item)`` names an outcome and its message."""
    results = []
    for item in items:
        found = problem(item)
        results.append(Result("passed", item) if found is None else Result(found[0], item, found[1], found[2]))
    return results


def field_has_label(ev: Evidence) -> list[Result]:
    def problem(f) -> Problem:
        if f.label:
            return None
        if f.placeholder:
            # Browsers use the placeholder as a name, but it vanishes while typing: a person must judge it.
            return "cantTell", "placeholder_only", {"placeholder": f.placeholder}
        return "failed", "no_label", {}
    return _judge_each(ev.dom.form_fields, problem)


def radio_group_named(ev: Evidence) -> list[Result]:
    """WCAG 1.3.1 / 3.3.2 (H71, ARIA17): radio buttons sharing a name (in one form) are one question; its
    options need a grouping element that names the question (a fieldset with a legend, a named role=radiogroup
    or group). One result per group of two or more, on its first button: passed when each is in such a named
    group; otherwise failed when some of them have no name of their own either (neither question nor option is
    told), cantTell when each is labelled (a person judges whether the labels alone say what is asked)."""
    groups: dict[tuple[str, str], list] = {}
    for f in ev.dom.form_fields:
        if f.type == "radio" and f.name:
            groups.setdefault((f.form, f.name), []).append(f)
    results = []
    for (_form, name), radios in groups.items():
        if len(radios) < 2:
            continue
        data = {"name": name, "count": len(radios)}
        if all(r.group for r in radios):
            results.append(Result("passed", radios[0], "grouped", {**data, "group": radios[0].group}))
        elif any(not r.label for r in radios):
            unlabelled = sum(not r.label for r in radios)
            results.append(Result("failed", radios[0], "ungrouped_unlabelled", {**data, "unlabelled": unlabelled}))
        else:
            results.append(Result("cantTell", radios[0], "ungrouped", data))
    return results


def page_has_heading(ev: Evidence) -> list[Result]:
    headings = ev.dom.headings
    if headings:
        return [Result("passed", None, "found", {"count": len(headings)})]
    return [Result("failed", None, "none")]


def heading_order(ev: Evidence) -> list[Result]:
    # Each heading is judged against the one before it in document order; the first always passes.
    results, previous = [], None
    for h in ev.dom.headings:
        if previous is not None and h.level > previous + 1:
            results.append(Result("failed", h, "skipped", {"previous": previous, "level": h.level}))
        else:
            results.append(Result("passed", h))
        previous = h.level
    return results


def link_has_name(ev: Evidence) -> list[Result]:
    return _judge_each(ev.dom.links, lambda a: None if a.name else ("failed", "no_name", {}))


# Names that say nothing of the destination on their own (compared after stripping punctuation and arrows).
NON_DESCRIPTIVE_LINK_TEXTS = frozenset({
    "点击这里", "点击此处", "点击", "点此", "这里", "此处", "更多", "查看更多", "更多内容", "详情", "查看详情", "详细",
    "了解更多", "进入", "链接", "click here", "click", "here", "more", "read more", "learn more", "details", "link",
    # issue 14: more of what Chinese government sites write
    "查看", "点此查看", "点击查看", "点击进入", "点击下载", "阅读全文", "全文", "详细信息", "这儿", "戳这里", "更多信息",
    "更多>>", "more info", "more information", "continue", "continue reading", "this link", "go",
})
_LINK_TEXT_NOISE = re.compile(r"[\s>»›…。.:：\-–—+＋\[\]【】()（）<《》]+")


def _link_key(name: str) -> str:
    return _LINK_TEXT_NOISE.sub("", name).lower()


_NON_DESCRIPTIVE_KEYS = frozenset(_link_key(t) for t in NON_DESCRIPTIVE_LINK_TEXTS)


def link_text_descriptive(ev: Evidence) -> list[Result]:
    def problem(a) -> Problem:
        key = _link_key(a.name)
        if key and key not in _NON_DESCRIPTIVE_KEYS:
            return None
        return "cantTell", "vague", {"name": a.name}  # a vague word, or only arrows and punctuation (">>")
    # Links with no name at all are wza-link-name's failure, not this rule's.
    return _judge_each([a for a in ev.dom.links if a.name], problem)


def identical_link_names(ev: Evidence) -> list[Result]:
    named = [a for a in ev.dom.links if a.name]
    targets: dict[str, set[str]] = {}
    for a in named:
        targets.setdefault(_link_key(a.name), set()).add(a.target or urldefrag(a.href)[0])

    def problem(a) -> Problem:
        count = len(targets[_link_key(a.name)])
        if count == 1:
            return None
        return "cantTell", "ambiguous", {"name": a.name, "count": count}
    return _judge_each(named, problem)


def frame_has_title(ev: Evidence) -> list[Result]:
    return _judge_each(ev.dom.frames, lambda f: None if f.title else ("failed", "no_title", {}))


def viewport_allows_zoom(ev: Evidence) -> list[Result]:
    facts = ev.dom
    if facts.viewport is None:
        return []  # no viewport meta: browsers allow zooming, nothing to judge
    if facts.has_viewport_zoom_block:
        return [Result("failed", None, "blocked", {"viewport": facts.viewport})]
    return [Result("passed", None)]


# Words Chinese government sites use for the entry to their accessible / elder-friendly version.
ELDER_ENTRY_WORDS = ("无障碍", "长者模式", "长者版", "适老化", "适老版", "关怀版", "关怀模式", "老年版", "长辈版",
                     "大字版", "读屏", "accessib")


def is_home_page(url: str) -> bool:
    """The site's entry page: path ``/`` or ``/index.*`` / ``/default.*`` at the root."""
    path = urlparse(url).path
    return path in ("", "/") or re.fullmatch(r"/(index|default)\.[a-z]+", path, re.I) is not None


def elder_mode_entry(ev: Evidence) -> list[Result]:
    facts = ev.dom
    if not is_home_page(facts.url):
        return []
    for item in [*facts.links, *facts.buttons]:
        if any(word in item.name.lower() for word in ELDER_ENTRY_WORDS):
            return [Result("passed", item, "found", {"name": item.name})]
    return [Result("failed", None, "missing")]


# --- element checks, combined by a rule's any / all / none (axe-core's way) ----------------------------------
# Each answers one question about one element: True, False, or None when it cannot tell.

def img_has_alt_attribute(img, _ev: Evidence) -> bool:
    return img.alt is not None


def has_aria_name(item, _ev: Evidence) -> bool:
    return bool(getattr(item, "aria_name", ""))


def has_title(item, _ev: Evidence) -> bool:
    return bool(getattr(item, "title", ""))


def is_presentational(item, _ev: Evidence) -> bool:
    return (getattr(item, "role", None) or "").strip() in ("none", "presentation")


CHECKS: dict[str, Callable[[Evidence], list[Result]]] = {
    "title_present": title_present,
    "html_lang_valid": html_lang_valid,
    "field_has_label": field_has_label,
    "radio_group_named": radio_group_named,
    "page_has_heading": page_has_heading,
    "heading_order": heading_order,
    "link_has_name": link_has_name,
    "link_text_descriptive": link_text_descriptive,
    "identical_link_names": identical_link_names,
    "frame_has_title": frame_has_title,
    "viewport_allows_zoom": viewport_allows_zoom,
    "elder_mode_entry": elder_mode_entry,
}
ELEMENT_CHECKS: dict[str, Callable[[Any, Evidence], bool | None]] = {
    "img_has_alt_attribute": img_has_alt_attribute,
    "has_aria_name": has_aria_name,
    "has_title": has_title,
    "is_presentational": is_presentational,
}


def combined(rule: OwnRule, ev: Evidence) -> list[Result]:
    """One result per element of ``rule.applies_to``, from its ``any``/``all``/``none`` element checks."""
    results = []
    for item in getattr(ev.dom, rule.applies_to):
        answers_any = [ELEMENT_CHECKS[c](item, ev) for c in rule.any]
        answers_all = [ELEMENT_CHECKS[c](item, ev) for c in rule.all]
        answers_none = [ELEMENT_CHECKS[c](item, ev) for c in rule.none]
        failed = ((rule.any and not any(a is True for a in answers_any) and None not in answers_any)
                  or False in answers_all or True in answers_none)
        unsure = (rule.any and not any(a is True for a in answers_any)) or None in answers_all or None in answers_none
        if failed:
            results.append(Result("failed", item, "fail"))
        elif unsure:
            results.append(Result("cantTell", item, "cantTell"))
        else:
            results.append(Result("passed", item))
    return results


# --- the catalogue and the runner --------------------------------------------------------------------------

_TUPLES = ("requires", "tags", "wcag", "standards", "outcomes", "any", "all", "none")


# Modules holding more checks (each a ``CHECKS`` dict, and optionally ``ELEMENT_CHECKS``), one per check group
# whose artifacts come from a probe (``scanner.probes``).
CHECK_MODULES = ("checks.web.layout_checks", "checks.web.content_checks", "checks.web.motion_checks",
                 "checks.web.keyboard_checks", "checks.app.app_checks")
# Where rule records live: the web rules, and the app rules (``checks.app``: Android screens, judged on the
# ``app_screen`` artifact, which no web page has, so a web scan never runs them and an app audit runs only them).
RULE_PACKAGES = ("checks.web", "checks.app")


def _register_check_modules() -> None:
    import importlib

    for name in CHECK_MODULES:
        module = importlib.import_module(name)
        CHECKS.update(module.CHECKS)
        ELEMENT_CHECKS.update(getattr(module, "ELEMENT_CHECKS", {}))


@lru_cache(maxsize=None)
def own_rules() -> tuple[OwnRule, ...]:
    """Every rule in ``checks/web/rules/*.json``, sorted by id."""
    _register_check_modules()
    rules = []
    for package, name in sorted(((package, p.name) for package in RULE_PACKAGES
                                 for p in files(package).joinpath("rules").iterdir() if p.name.endswith(".json")),
                                key=lambda pair: pair[1]):
        record = dict(_rule_record(package, name))
        for key in _TUPLES:
            record[key] = tuple(record.get(key, ()))
        rule = OwnRule(**record)
        unknown = [c for c in (rule.any + rule.all + rule.none) if c not in ELEMENT_CHECKS]
        if bool(rule.check) == bool(rule.applies_to) or (rule.check and rule.check not in CHECKS) or unknown:
            raise ValueError(f"rules/{name}: needs one known `check`, or `applies_to` with known element checks "
                             f"(unknown: {rule.check or unknown})")
        rules.append(rule)
    return tuple(rules)


@lru_cache(maxsize=None)
def _rule_record(package: str, name: str) -> dict:
    import json

    return json.loads(files(package).joinpath("rules", name).read_text(encoding="utf-8"))


def rule_by_id(rule_id: str) -> OwnRule | None:
    return _by_id().get(rule_id)


@lru_cache(maxsize=1)
def _by_id() -> dict[str, OwnRule]:
    from checks.web.site_checks import site_rules  # the rules judged over a whole site (their texts, messages)

    return {r.id: r for r in (*own_rules(), *site_rules())}


def select_rules(tags: Iterable[str] | None = None, artifacts: Iterable[str] | None = None) -> list[OwnRule]:
    """Rules having at least one of ``tags`` or of ``ALWAYS_SELECTED_TAGS`` (every rule when ``tags`` is None)
    whose required artifacts are all among ``artifacts`` (no condition when None)."""
    wanted = None if tags is None else set(tags) | ALWAYS_SELECTED_TAGS
    present = None if artifacts is None else set(artifacts)
    return [r for r in own_rules()
            if (wanted is None or wanted & set(r.tags)) and (present is None or set(r.requires) <= present)]


def run_rules(artifacts: Mapping[str, Any], tags: Iterable[str] | None = None,
              judged_by_axe: Iterable[str] = ()) -> list[Finding]:
    """Findings of our own rules on one page from its named artifacts: one per judged element (or per page),
    and one ``inapplicable`` finding with no selector for a rule that found nothing to judge. Rules whose
    artifacts are missing, or whose ``axe_equivalent`` is among ``judged_by_axe``, are not run. Every finding
    carries the rule's impact, so rules that pass still weigh in the page score. Messages are stored as ids and
    data (``checks``), never as text."""
    ev = Evidence(artifacts)
    axe_judged = set(judged_by_axe)
    findings = []
    for rule in select_rules(tags, [name for name in artifacts if ev.has(name)]):
        if rule.axe_equivalent and rule.axe_equivalent in axe_judged:
            continue
        common = dict(rule_id=rule.id, impact=rule.impact, wcag=rule.wcag, help=rule.help["en"],
                      source="wuzhangai", tags=rule.tags, standards=rule.standards)
        results = CHECKS[rule.check](ev) if rule.check else combined(rule, ev)
        if not results:
            findings.append(Finding(outcome="inapplicable", **common))
        for r in results:
            findings.append(Finding(
                outcome=r.outcome,
                selector=getattr(r.fact, "selector", ""),
                html=getattr(r.fact, "html", ""),
                checks=({"id": r.message, "data": dict(r.data)},) if r.message else (),
                **common,
            ))
    return findings
