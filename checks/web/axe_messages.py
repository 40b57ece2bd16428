"""axe-core's per-element messages (``failureSummary``) in another language, from axe's own locale files.

axe writes a failing element's message in English: one line per failing check, under "Fix any of the
following:" / "Fix all of the following:". The scanner keeps each failing check's id and data, so the same
message can be written again from a locale of the same axe-core (``locales/zh_CN.json`` in its npm package).
This module follows axe's own rules (``processMessage``, ``getIncompleteReason``, ``failureSummary``) on
plain data; the caller supplies the locale dictionaries, so nothing here reads files.

Which message a check shows (``pass``/``fail``/``incomplete``) depends on the check's raw result, which axe
does not report. It is recovered by writing each check's message in English from axe's English template
(``locales/_template.json``) and finding it in axe's own English summary; a check that cannot be matched, or
a template the locale lacks, gives ``None`` and the caller keeps axe's English.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

KINDS = ("fail", "incomplete", "pass")
# The one doT shape axe's locales use for a summary: a heading, then each message on its own indented line.
_SUMMARY = re.compile(r"^(?P<head>.*?)\{\{~it:value\}\}(?P<sep>.*?)\{\{=value\.split\('\\n'\)\.join\('(?P<join>.*?)'\)\}\}"
                      r"\{\{~\}\}$", re.S)


def _as_text(value: Any, in_list: bool = False) -> str:
    """JavaScript's String(value) for values that came through JSON (Array.join leaves null out)."""
    if value is None:
        return "" if in_list else "null"
    if isinstance(value, list):
        return ", ".join(_as_text(v, in_list=True) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _substitute(template: str, data: Any) -> str:
    if isinstance(data, str):
        return re.sub(r"\$\{\s?data\s?\}", lambda _: data, template)
    if not isinstance(data, Mapping):
        return template
    for key, value in data.items():
        template = re.sub(r"\$\{\s?data\." + re.escape(key) + r"\s?\}", lambda _, v=value: _as_text(v), template)
    return template


def process_message(message: Any, data: Any) -> str | None:
    """axe's ``processMessage``: a template string, a {messageKey: template} object or singular/plural."""
    if not message:
        return None
    if isinstance(data, list):
        values = {str(i): v for i, v in enumerate(data)} | {"values": _as_text(data)}
        if isinstance(message, Mapping) and isinstance(message.get("singular"), str):
            return _substitute(message["singular"] if len(data) == 1 else message["plural"], values)
        return _substitute(message, values) if isinstance(message, str) else None
    if isinstance(message, str):
        return _substitute(message, data)
    if isinstance(data, str):
        return _substitute(message[data], data) if isinstance(message.get(data), str) else None
    text = message.get("default")
    if isinstance(data, Mapping) and data.get("messageKey") in message:
        text = message[data["messageKey"]]
    return process_message(text, data) if text else None


def _incomplete_template(messages: Mapping[str, Any], data: Any) -> Any:
    """axe's ``getIncompleteReason``: the incomplete message chosen by ``missingData`` or ``messageKey``."""
    incomplete = messages.get("incomplete")
    if not isinstance(incomplete, Mapping) or isinstance(data, list):
        return incomplete
    if isinstance(data, Mapping) and data.get("missingData"):
        missing = data["missingData"]
        if isinstance(missing, list) and missing and isinstance(missing[0], Mapping):
            return incomplete.get(missing[0].get("reason")) or incomplete.get("default")
        if isinstance(missing, str):
            return incomplete.get(missing)
        return incomplete.get("default")
    if isinstance(data, Mapping) and data.get("messageKey"):
        return incomplete.get(data["messageKey"])
    return incomplete.get("default")


def check_message(locale: Mapping[str, Any], check_id: str, kind: str, data: Any) -> str | None:
    """One check's message of one kind in ``locale``, or None if the locale has no such template."""
    messages = (locale.get("checks") or {}).get(check_id)
    if not isinstance(messages, Mapping):
        return None
    template = _incomplete_template(messages, data) if kind == "incomplete" else messages.get(kind)
    if kind == "incomplete" and not template:
        template = locale.get("incompleteFallbackMessage")
    return process_message(template, data) if template else None


def _summary(locale: Mapping[str, Any], group: str, lines: Sequence[str]) -> str | None:
    template = ((locale.get("failureSummaries") or {}).get(group) or {}).get("failureMessage")
    shape = _SUMMARY.match(template or "")
    if not shape:
        return None
    join = shape["join"].replace("\\n", "\n")
    sep = shape["sep"].replace("\\n", "\n")
    return shape["head"] + "".join(sep + line.replace("\n", join) for line in lines)


def failure_summary(checks: Sequence[Mapping[str, Any]], english: str, template_en: Mapping[str, Any],
                    locale: Mapping[str, Any]) -> str | None:
    """``english`` (axe's failureSummary) written in ``locale``, from the element's failing ``checks``
    ([{type: any|all|none, id, data}]); None when it cannot be written faithfully."""
    if not checks or not english:
        return None
    lines: dict[str, list[str]] = {"any": [], "all": [], "none": []}
    lines_en: dict[str, list[str]] = {"any": [], "all": [], "none": []}
    for check in checks:
        if check.get("type") not in lines:
            return None
        for kind in KINDS:
            text_en = check_message(template_en, check["id"], kind, check.get("data"))
            if text_en and text_en in english:
                break
        else:
            return None
        text = check_message(locale, check["id"], kind, check.get("data"))
        if not text:
            return None
        lines[check["type"]].append(text)
        lines_en[check["type"]].append(text_en)
    parts, parts_en = [], []
    # axe's failureSummary: the "all of" group is the none checks, then the all checks; then the "any of" group
    for group, types in (("none", ("none", "all")), ("any", ("any",))):
        group_lines = [line for t in types for line in lines[t]]
        if group_lines:
            parts.append(_summary(locale, group, group_lines))
            parts_en.append(_summary(template_en, group, [line for t in types for line in lines_en[t]]))
    if None in parts or None in parts_en or "\n\n".join(parts_en) != english:
        return None  # not the summary axe wrote: keep axe's English rather than a guess
    return "\n\n".join(parts)
