"""Our own web rules, axe-core style: rules are JSON records in ``rules/``, each naming a small check here.

A check takes :class:`PageFacts` and returns one :class:`Result` per element it judged (``fact`` set) or one
page-level result (``fact`` None); no result at all means the rule is inapplicable to the page.
Rules tagged ``elder-friendly`` (适老化) or ``best-practice`` are not selected by WCAG level tags: add those
tags to ``tags`` to run them, as with axe's ``runOnly``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from urllib.parse import urldefrag, urlparse

from checks.models import Finding
from checks.web._data import load_json
from checks.web.facts import PageFacts
from checks.web.messages import is_chinese

MODES = ("static", "browser")


@dataclass(frozen=True)
class Result:
    outcome: str  # failed | passed | cantTell
    fact: object | None = None  # the element fact judged; None for a page-level result
    detail_zh: str = ""
    detail_en: str = ""


@dataclass(frozen=True)
class OwnRule:
    id: str
    selector: str
    tags: tuple[str, ...]
    wcag: tuple[str, ...]
    standards: tuple[str, ...]
    impact: str
    help_en: str
    help_zh: str
    description_en: str
    description_zh: str
    fix_en: str
    fix_zh: str
    check: str
    outcomes: tuple[str, ...]  # what the check can report; the strongest is what its fails fixture must give
    source_confidence: str
    modes: tuple[str, ...]
    notes: str = ""

    def texts(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in
                ("help_en", "help_zh", "description_en", "description_zh", "fix_en", "fix_zh")}


# --- the checks --------------------------------------------------------------------------------------------

def title_present(facts: PageFacts) -> list[Result]:
    if facts.title is None:
        return [Result("failed", None, "页面没有 <title> 元素", "the page has no <title> element")]
    if not facts.title.strip():
        return [Result("failed", None, "<title> 为空", "<title> is empty")]
    return [Result("passed", None, f"页面标题：{facts.title}", f"page title: {facts.title}")]


# BCP 47 shape: a 2-3 letter language (or 4-8 registered), then hyphenated subtags. zh_CN is not valid.
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def html_lang_valid(facts: PageFacts) -> list[Result]:
    if facts.lang is None or not facts.lang.strip():
        return [Result("failed", None, "<html> 没有 lang 属性或为空", "<html> has no lang attribute, or it is empty")]
    if not _LANG_TAG.match(facts.lang.strip()):
        return [Result("failed", None, f"lang 值 \"{facts.lang}\" 不是有效的语言代码",
                       f"lang \"{facts.lang}\" is not a valid language tag")]
    return [Result("passed", None, f"lang=\"{facts.lang}\"", f"lang=\"{facts.lang}\"")]


Problem = tuple[str, str, str] | None  # (outcome, detail_zh, detail_en) or None when the element passes


def _judge_each(items: Iterable, problem: Callable[[object], Problem]) -> list[Result]:
    """One result per element: ``passed`` unless ``problem(item)`` names an outcome and its details."""
    results = []
    for item in items:
        found = problem(item)
        results.append(Result("passed", item) if found is None else Result(found[0], item, found[1], found[2]))
    return results


def img_has_alt(facts: PageFacts) -> list[Result]:
    def problem(img) -> Problem:
        if img.alt is not None or img.aria_name or img.title or (img.role or "").strip() in ("none", "presentation"):
            return None
        return "failed", "图片没有 alt 属性，也没有其他名称", "image has no alt attribute and no other name"
    return _judge_each(facts.images, problem)


def field_has_label(facts: PageFacts) -> list[Result]:
    def problem(f) -> Problem:
        if f.label:
            return None
        if f.placeholder:
            # Browsers use the placeholder as a name, but it vanishes while typing: a person must judge it.
            return "cantTell", f"只有占位提示“{f.placeholder}”，没有标签", f"only a placeholder (\"{f.placeholder}\"), no label"
        return "failed", "字段没有标签", "field has no label"
    return _judge_each(facts.form_fields, problem)


def page_has_heading(facts: PageFacts) -> list[Result]:
    if facts.headings:
        return [Result("passed", None, f"共 {len(facts.headings)} 个标题", f"{len(facts.headings)} heading(s)")]
    return [Result("failed", None, "页面没有任何标题元素", "the page has no heading")]


def heading_order(facts: PageFacts) -> list[Result]:
    # Each heading is judged against the one before it in document order; the first always passes.
    results, previous = [], None
    for h in facts.headings:
        if previous is not None and h.level > previous + 1:
            results.append(Result("failed", h, f"h{previous} 之后直接出现 h{h.level}", f"h{h.level} follows h{previous}"))
        else:
            results.append(Result("passed", h))
        previous = h.level
    return results


def link_has_name(facts: PageFacts) -> list[Result]:
    return _judge_each(facts.links, lambda a: None if a.name else
                       ("failed", "链接没有可辨识的文字", "link has no discernible text"))


# Names that say nothing of the destination on their own (compared after stripping punctuation and arrows).
NON_DESCRIPTIVE_LINK_TEXTS = frozenset({
    "点击这里", "点击此处", "点击", "点此", "这里", "此处", "更多", "查看更多", "更多内容", "详情", "查看详情", "详细",
    "了解更多", "进入", "链接", "click here", "click", "here", "more", "read more", "learn more", "details", "link",
})
_LINK_TEXT_NOISE = re.compile(r"[\s>»›…。.:：\-–—+＋\[\]【】()（）<《》]+")


def _link_key(name: str) -> str:
    return _LINK_TEXT_NOISE.sub("", name).lower()


_NON_DESCRIPTIVE_KEYS = frozenset(_link_key(t) for t in NON_DESCRIPTIVE_LINK_TEXTS)


def link_text_descriptive(facts: PageFacts) -> list[Result]:
    def problem(a) -> Problem:
        if _link_key(a.name) not in _NON_DESCRIPTIVE_KEYS:
            return None
        return ("cantTell", f"链接文字“{a.name}”未说明去向，需结合上下文复核",
                f"link text \"{a.name}\" does not say where it goes; review it in context")
    # Links with no name at all are wza-link-name's failure, not this rule's.
    return _judge_each([a for a in facts.links if a.name], problem)


def identical_link_names(facts: PageFacts) -> list[Result]:
    named = [a for a in facts.links if a.name]
    targets: dict[str, set[str]] = {}
    for a in named:
        targets.setdefault(_link_key(a.name), set()).add(urldefrag(a.href)[0])

    def problem(a) -> Problem:
        count = len(targets[_link_key(a.name)])
        if count == 1:
            return None
        return ("cantTell", f"同名链接“{a.name}”指向 {count} 个不同地址",
                f"{count} different addresses share the link name \"{a.name}\"")
    return _judge_each(named, problem)


def frame_has_title(facts: PageFacts) -> list[Result]:
    return _judge_each(facts.frames, lambda f: None if f.title else ("failed", "框架没有标题", "frame has no title"))


def viewport_allows_zoom(facts: PageFacts) -> list[Result]:
    if facts.viewport is None:
        return []  # no viewport meta: browsers allow zooming, nothing to judge
    if facts.has_viewport_zoom_block:
        return [Result("failed", None, f"viewport 禁止或限制了缩放：{facts.viewport}",
                       f"viewport blocks or limits zoom: {facts.viewport}")]
    return [Result("passed", None)]


# Words Chinese government sites use for the entry to their accessible / elder-friendly version.
ELDER_ENTRY_WORDS = ("无障碍", "长者模式", "长者版", "适老化", "适老版", "关怀版", "关怀模式", "老年版", "长辈版",
                     "大字版", "读屏", "accessib")


def is_home_page(url: str) -> bool:
    """The site's entry page: path ``/`` or ``/index.*`` / ``/default.*`` at the root."""
    path = urlparse(url).path
    return path in ("", "/") or re.fullmatch(r"/(index|default)\.[a-z]+", path, re.I) is not None


def elder_mode_entry(facts: PageFacts) -> list[Result]:
    if not is_home_page(facts.url):
        return []
    for item in [*facts.links, *facts.buttons]:
        if any(word in item.name.lower() for word in ELDER_ENTRY_WORDS):
            return [Result("passed", item, f"找到入口“{item.name}”", f"entry found: \"{item.name}\"")]
    return [Result("failed", None, "首页标记中没有找到无障碍/适老化入口（由脚本生成的入口在静态模式下看不到）",
                   "no accessibility / elder-mode entry in the home page's markup (a script-drawn one is invisible "
                   "in static mode)")]


CHECKS: dict[str, Callable[[PageFacts], list[Result]]] = {
    "title_present": title_present,
    "html_lang_valid": html_lang_valid,
    "img_has_alt": img_has_alt,
    "field_has_label": field_has_label,
    "page_has_heading": page_has_heading,
    "heading_order": heading_order,
    "link_has_name": link_has_name,
    "link_text_descriptive": link_text_descriptive,
    "identical_link_names": identical_link_names,
    "frame_has_title": frame_has_title,
    "viewport_allows_zoom": viewport_allows_zoom,
    "elder_mode_entry": elder_mode_entry,
}


# --- the catalogue and the runner --------------------------------------------------------------------------

@lru_cache(maxsize=None)
def own_rules() -> tuple[OwnRule, ...]:
    """Every rule in ``checks/web/rules/*.json``, sorted by id."""
    names = sorted(p.name for p in files("checks.web").joinpath("rules").iterdir() if p.name.endswith(".json"))
    rules = []
    for name in names:
        record = dict(load_json(f"rules/{name}"))
        for key in ("tags", "wcag", "standards", "outcomes", "modes"):
            record[key] = tuple(record[key])
        rule = OwnRule(**record)
        if rule.check not in CHECKS:
            raise ValueError(f"rules/{name}: unknown check {rule.check!r}")
        rules.append(rule)
    return tuple(rules)


def rule_by_id(rule_id: str) -> OwnRule | None:
    return next((r for r in own_rules() if r.id == rule_id), None)


def select_rules(tags: Iterable[str] | None, mode: str) -> list[OwnRule]:
    """Rules for ``mode`` having at least one of ``tags`` (all rules of the mode when ``tags`` is None)."""
    if mode not in MODES:
        raise ValueError(f"模式须为 {'/'.join(MODES)} / mode must be one of {MODES}: {mode!r}")
    wanted = None if tags is None else set(tags)
    return [r for r in own_rules() if mode in r.modes and (wanted is None or wanted & set(r.tags))]


def run_rules(facts: PageFacts, tags: set[str] | None = None, mode: str = "static",
              lang: str = "zh") -> list[Finding]:
    """Findings of our own rules on one page: one per judged element (or per page), and one ``inapplicable``
    finding with no selector for a rule that found nothing to judge. Every finding carries the rule's impact,
    so rules that pass still weigh in the page score."""
    zh = is_chinese(lang)
    findings = []
    for rule in select_rules(tags, mode):
        common = dict(rule_id=rule.id, impact=rule.impact, wcag=rule.wcag, help=rule.help_zh if zh else rule.help_en,
                      source="wuzhangai", tags=rule.tags, standards=rule.standards)
        results = CHECKS[rule.check](facts)
        if not results:
            findings.append(Finding(outcome="inapplicable", **common))
        for r in results:
            findings.append(Finding(
                outcome=r.outcome,
                selector=getattr(r.fact, "selector", ""),
                html=getattr(r.fact, "html", ""),
                message=r.detail_zh if zh else r.detail_en,
                **common,
            ))
    return findings
