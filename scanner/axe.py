"""axe-core: which copy is injected (read once per process), and the scripts that run it in the page.

The engine is axe-core from the npm registry, pinned in ``package.json`` and installed by ``make`` into
``node_modules`` (like Leaflet). On our benchmark pages 4.14.1 finds the same violations, node for node, as
the 4.12.1 bundled with ``axe-playwright-python`` in half the time (color-contrast got cheaper), and speed
of a scan is speed of axe (bench/README.md). That bundled copy stays the fallback for an install without
``node_modules``: the scan says so, and every scan records the axe version it ran.
"""
from __future__ import annotations

import importlib.resources
import json
import os
import re
from functools import lru_cache
from pathlib import Path

from store.node_assets import find_in_node_modules

AXE_ENV = "WUZHANGAI_AXE"


class AxeMissing(RuntimeError):
    pass


def bundled_axe_file() -> Path:
    """The axe-core that ships inside the ``axe-playwright-python`` wheel (4.12.1 with 0.1.8)."""
    return Path(str(importlib.resources.files("axe_playwright_python") / "axe.min.js"))


def find_axe_file(node_modules: list[Path] | None = None) -> Path:
    """``$WUZHANGAI_AXE`` when set (it must exist), else ``axe-core/axe.min.js`` in the first ``node_modules``
    that has it, else the bundled copy."""
    explicit = os.environ.get(AXE_ENV)
    if explicit:
        if not Path(explicit).is_file():
            raise AxeMissing(f"错误：${AXE_ENV} 指向的文件不存在：{explicit} / "
                             f"${AXE_ENV} points to a file that does not exist: {explicit}")
        return Path(explicit)
    base = find_in_node_modules("axe-core/axe.min.js", candidates=node_modules)
    return bundled_axe_file() if base is None else base / "axe-core" / "axe.min.js"


@lru_cache(maxsize=1)
def axe_file() -> Path:
    return find_axe_file()


def using_bundled_fallback() -> bool:
    """True when no npm axe-core was found and the scan runs the older copy bundled with the Python package."""
    return not os.environ.get(AXE_ENV) and axe_file() == bundled_axe_file()


@lru_cache(maxsize=1)
def axe_source() -> str:
    return axe_file().read_text(encoding="utf-8")


def version_of_axe(path: Path) -> str:
    """The version an ``axe.min.js`` states in its licence header."""
    with path.open(encoding="utf-8") as f:
        match = re.search(r"axe v(\d+\.\d+\.\d+)", f.read(200))
    return match.group(1) if match else "unknown"


@lru_cache(maxsize=1)
def axe_version() -> str:
    return version_of_axe(axe_file())


@lru_cache(maxsize=4)
def axe_locale(name: str) -> dict | None:
    """A locale file of the axe-core that scans run (``zh_CN``; ``_template`` holds its English), or None
    when that copy has none (the one bundled with ``axe-playwright-python`` ships no locales)."""
    path = axe_file().parent / "locales" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


@lru_cache(maxsize=1)
def gather_script() -> str:
    return (importlib.resources.files("scanner") / "js" / "gather.js").read_text(encoding="utf-8")


def init_script() -> str:
    """What every new document and frame gets before its own scripts: axe-core, guarded so a page that defines
    its own ``axe`` global (or a frame loaded twice) does not break, told to answer frames of any origin, and the
    browser's own ``JSON.stringify``, kept for the gather script in case the page replaces it."""
    keep_json = ("if (!window.__wzaStringify) Object.defineProperty(window, '__wzaStringify', "
                 "{ value: JSON.stringify, enumerable: false });")
    # axe-core talks to frames only of its own origin by default: a map, a video or an embedded service from
    # another origin would go unchecked. Every frame here runs our own axe, so any origin may answer.
    frames = "if (window.axe && window.axe.configure) window.axe.configure({ allowedOrigins: ['<unsafe_all_origins>'] });"
    return f"{keep_json}\nif (typeof window.axe === 'undefined' || !window.axe.run) {{\n{axe_source()}\n{frames}\n}}"
