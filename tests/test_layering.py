"""Arrows point down only (DESIGN.md, rules of the house; issue 12: "nothing in the domain packages imports the
web app"): no module of a domain package imports the shells (``wuzhangai``: the CLI, the web service, the jobs),
not even inside a function."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ("scanner", "checks", "surveys", "geodata", "reports", "store")


def imported_modules(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_no_domain_module_imports_the_shells():
    offences, modules = [], 0
    for package in DOMAIN:
        for path in sorted((ROOT / package).rglob("*.py")):
            modules += 1
            for line, name in imported_modules(path.read_text(encoding="utf-8")):
                if name == "wuzhangai" or name.startswith("wuzhangai."):
                    offences.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert modules > 100
    assert offences == []


def test_the_walk_sees_imports_inside_functions():
    assert (2, "wuzhangai.web.app") in imported_modules("def f():\n    from wuzhangai.web.app import create_app\n")
