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
