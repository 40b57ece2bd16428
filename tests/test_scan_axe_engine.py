"""Which axe-core a scan injects: the npm copy pinned in package.json, else the one bundled with the Python package."""
from __future__ import annotations

import pytest

from scanner.axe import AXE_ENV, AxeMissing, bundled_axe_file, find_axe_file, version_of_axe
from tests.conftest import ROOT, pinned_axe_version


def test_the_checkout_runs_the_pinned_npm_axe(monkeypatch):
    monkeypatch.delenv(AXE_ENV, raising=False)
    found = find_axe_file()
    assert found == ROOT / "node_modules" / "axe-core" / "axe.min.js"
    assert version_of_axe(found) == pinned_axe_version()


def test_first_node_modules_with_axe_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(AXE_ENV, raising=False)
    empty, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for base in (second, third):
        (base / "axe-core").mkdir(parents=True)
        (base / "axe-core" / "axe.min.js").write_text("/*! axe v9.9.9 */", encoding="utf-8")
    empty.mkdir()
    assert find_axe_file([empty, second, third]) == second / "axe-core" / "axe.min.js"


def test_without_node_modules_the_bundled_copy_runs(tmp_path, monkeypatch):
    monkeypatch.delenv(AXE_ENV, raising=False)
    assert find_axe_file([tmp_path]) == bundled_axe_file()
    assert version_of_axe(bundled_axe_file()).startswith("4.")


def test_explicit_axe_file_must_exist(tmp_path, monkeypatch):
    chosen = tmp_path / "axe.min.js"
    chosen.write_text("/*! axe v4.0.0 */", encoding="utf-8")
    monkeypatch.setenv(AXE_ENV, str(chosen))
    assert find_axe_file([ROOT / "node_modules"]) == chosen  # the variable beats node_modules
    monkeypatch.setenv(AXE_ENV, str(tmp_path / "missing.js"))
    with pytest.raises(AxeMissing, match="missing.js"):
        find_axe_file()
