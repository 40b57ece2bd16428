"""Chinese-first texts of web rules, chosen when a document is rendered: axe-core's (our zh catalogue) and ours.

``data/axe_rules_zh.json`` gives every axe rule a ``help_zh``, ``description_zh`` and ``fix_zh`` (axe's own
zh_CN locale has rule titles of uneven quality and no fix texts); our own rules carry their zh and en texts
and their per-element messages in ``rules/*.json``. English comes from the caller (axe's result already holds
it) unless the rule is one of ours.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checks.web._data import load_json
from checks.web.own_rules import rule_by_id


def is_chinese(lang: str) -> bool:
    """``zh``, ``zh-CN``, ``zh_Hans``... are Chinese; anything else (``en``, ``en-US``) is English."""
    return lang.lower().replace("_", "-").split("-")[0] == "zh"


def _entry(rule_id: str) -> dict:
    axe = load_json("data/axe_rules_zh.json")["rules"].get(rule_id)
    if axe is not None:
        return axe
    rule = rule_by_id(rule_id)
    if rule is None:
        return {}
    return {f"{name}_{lang}": getattr(rule, name)[lang] for name in ("help", "description", "fix") for lang in ("zh", "en")}


def _text(rule_id: str, field: str, lang: str, default_en: str) -> str:
    entry = _entry(rule_id)
    if is_chinese(lang) and entry.get(f"{field}_zh"):
        return entry[f"{field}_zh"]
    return default_en or entry.get(f"{field}_en", "")


def rule_help(rule_id: str, lang: str = "zh", default_en: str = "") -> str:
    """Short title of the rule (what must be true), in ``lang``; ``default_en`` when there is no text in it."""
    return _text(rule_id, "help", lang, default_en)


def rule_description(rule_id: str, lang: str = "zh", default_en: str = "") -> str:
    """One sentence on what the rule checks."""
    return _text(rule_id, "description", lang, default_en)


def rule_fix(rule_id: str, lang: str = "zh", default_en: str = "") -> str:
    """How to fix a failure (axe has no English fix text of its own: callers pass one or get "")."""
    return _text(rule_id, "fix", lang, default_en)


def own_rule_message(rule_id: str, checks: Sequence[Mapping[str, Any]] | None, lang: str = "zh") -> str:
    """The per-element message of one of our own rules' findings, from the message ids and data it stored."""
    rule = rule_by_id(rule_id)
    if rule is None or not checks:
        return ""
    key = "zh" if is_chinese(lang) else "en"
    return ("；" if key == "zh" else "; ").join(t for t in (rule.message_text(c.get("id", ""), c.get("data") or {}, key) for c in checks) if t)
