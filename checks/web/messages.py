"""Chinese-first messages for web rules: axe-core's (our own zh catalogue) and ours (``wza-*``).

axe-core 4.12.1 ships no zh_CN locale, so ``data/axe_rules_zh.json`` gives every axe rule a ``help_zh``,
``description_zh`` and ``fix_zh``; our own rules carry their zh and en texts in ``rules/*.json``.
English comes from the caller (axe's result already holds it) unless the rule is one of ours.
"""
from __future__ import annotations

from checks.web._data import load_json


def is_chinese(lang: str) -> bool:
    """``zh``, ``zh-CN``, ``zh_Hans``... are Chinese; anything else (``en``, ``en-US``) is English."""
    return lang.lower().replace("_", "-").split("-")[0] == "zh"


def _entry(rule_id: str) -> dict:
    axe = load_json("data/axe_rules_zh.json")["rules"].get(rule_id)
    if axe is not None:
        return axe
    # Imported here because own_rules imports this module (for is_chinese).
    from checks.web.own_rules import rule_by_id

    rule = rule_by_id(rule_id)
    return {} if rule is None else rule.texts()


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
