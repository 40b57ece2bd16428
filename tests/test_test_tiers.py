"""The tier guard (tests/conftest.py): a test without the e2e marker cannot start Chromium, neither itself nor
through a CLI it runs; a test with the marker can."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.browser import NO_BROWSER_ENV, BrowserRefused, find_chromium

# Any executable file passes find_chromium's checks: these tests need no installed Chromium.
FAKE_CHROMIUM = sys.executable


def test_an_unmarked_test_is_refused_chromium(request):
    assert os.environ[NO_BROWSER_ENV] == request.node.nodeid
    with pytest.raises(BrowserRefused, match="e2e"):
        find_chromium(FAKE_CHROMIUM)


def test_an_unmarked_test_is_refused_chromium_in_a_cli_it_starts(tmp_path):
    # A browser scan from the command line, as the report and CLI tests run it.
    result = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scan", "http://127.0.0.1:9/", "--db",
                             str(tmp_path / "t.db"), "--chromium", FAKE_CHROMIUM],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "must carry @pytest.mark.e2e" in result.stderr, result.stderr


@pytest.mark.e2e
def test_an_e2e_test_may_start_chromium():
    assert NO_BROWSER_ENV not in os.environ
    assert find_chromium(FAKE_CHROMIUM) == FAKE_CHROMIUM


def test_every_chromium_launch_in_the_tests_finds_its_binary_through_the_guard():
    """A launch with a hard-coded executable would slip past find_chromium's refusal."""
    root = Path(__file__).resolve().parents[1]
    needle = "chromium" + ".launch("  # spelt apart so this line is not one of them
    launches = [(path, line) for path in (root / "tests").rglob("*.py") for line in
                path.read_text(encoding="utf-8").splitlines() if needle in line]
    assert launches and all("executable_path=find_chromium(" in line for _, line in launches), launches
