"""Reads the JSON data files shipped inside ``checks.web`` (package data, not user files).

The catalogues are part of the code's release, like axe-core's own rule files, so reading them does not
break ``checks``' no-I/O rule: nothing here touches the network, the database or a user's files.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any


@lru_cache(maxsize=None)
def load_json(relative_path: str) -> Any:
    """The parsed JSON file ``checks/web/<relative_path>`` (cached: the files never change at run time)."""
    return json.loads(files("checks.web").joinpath(relative_path).read_text(encoding="utf-8"))


# What decides a page's judgement besides axe-core (whose version each scan records): our rules and the scoring.
JUDGEMENT_FILES = ("data/scoring.json", "data/axe_rule_impact.json")


@lru_cache(maxsize=None)
def rules_fingerprint() -> str:
    """SHA-256 (hex, first 16 bytes) of our own rules (``rules/*.json``) and the scoring data, by name and
    content: stored with every scan, so an incremental rescan carries over only judgements made by the same
    rules and weights."""
    import hashlib

    root = files("checks.web")
    digest = hashlib.sha256()
    rules = sorted((p for p in root.joinpath("rules").iterdir() if p.name.endswith(".json")), key=lambda p: p.name)
    for name, entry in [(f"rules/{p.name}", p) for p in rules] + [(n, root.joinpath(n)) for n in JUDGEMENT_FILES]:
        digest.update(name.encode("utf-8") + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()[:32]
