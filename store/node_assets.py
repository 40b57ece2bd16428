"""Where the npm packages installed at set-up (``make`` runs ``npm ci``) are found at run time.

axe-core (injected into scanned pages) and Leaflet (inlined into offline maps) come from the npm registry
into the checkout's ``node_modules``; nothing is fetched at run time.
"""
from __future__ import annotations

import os
from pathlib import Path

NODE_MODULES_ENV = "WUZHANGAI_NODE_MODULES"


def node_modules_candidates() -> list[Path]:
    """Where ``node_modules`` may be: $WUZHANGAI_NODE_MODULES, the source checkout, the working directory."""
    candidates = [Path(os.environ[NODE_MODULES_ENV])] if os.environ.get(NODE_MODULES_ENV) else []
    return candidates + [Path(__file__).resolve().parents[1] / "node_modules", Path.cwd() / "node_modules"]


def find_in_node_modules(*files: str, candidates: list[Path] | None = None) -> Path | None:
    """The first candidate ``node_modules`` holding every one of ``files`` (paths inside it), or None."""
    for base in node_modules_candidates() if candidates is None else candidates:
        if all((base / f).is_file() for f in files):
            return base
    return None
