"""axe-core as shipped by ``axe-playwright-python`` (one pinned copy, read once per process)."""
from __future__ import annotations

import importlib.resources
import re
from functools import lru_cache


@lru_cache(maxsize=1)
def axe_source() -> str:
    return (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def axe_version() -> str:
    match = re.search(r"axe v(\d+\.\d+\.\d+)", axe_source()[:200])
    return match.group(1) if match else "unknown"


@lru_cache(maxsize=1)
def gather_script() -> str:
    return (importlib.resources.files("scanner") / "js" / "gather.js").read_text(encoding="utf-8")


def init_script() -> str:
    """What every new document gets before its own scripts: axe-core, guarded so a page that defines its
    own ``axe`` global (or a frame loaded twice) does not break, and the browser's own ``JSON.stringify``,
    kept for the gather script in case the page replaces it."""
    keep_json = ("if (!window.__wzaStringify) Object.defineProperty(window, '__wzaStringify', "
                 "{ value: JSON.stringify, enumerable: false });")
    return f"{keep_json}\nif (typeof window.axe === 'undefined' || !window.axe.run) {{\n{axe_source()}\n}}"
