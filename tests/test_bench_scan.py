"""The site-scan benchmark's own parts: the generated pages are what they claim, and the comparison is right."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from bench_scan import agreement, page_key, planted_found, serve_dir  # noqa: E402
from make_pages import PLANTED_SHARE, make_pages  # noqa: E402
from ref_loop import run as reference_loop  # noqa: E402

from checks.web.wcag import tags_for_standard  # noqa: E402


def test_pages_are_deterministic_realistic_and_carry_a_known_mix(tmp_path: Path) -> None:
    first = make_pages(tmp_path / "a", pages=6)
    second = make_pages(tmp_path / "b", pages=6)
    assert first == second
    for page in first["pages"]:
        assert (tmp_path / "a" / page["path"]).read_bytes() == (tmp_path / "b" / page["path"]).read_bytes()
        assert 950 <= page["elements"] <= 1100  # "pages of ~1,000 elements"
        assert page["planted"] and set(page["planted"]) <= set(PLANTED_SHARE)
        assert all(n >= 1 for n in page["planted"].values())
    assert make_pages(tmp_path / "c", pages=6, seed=7) != first


def test_fewer_pages_leave_no_stale_page_behind(tmp_path: Path) -> None:
    make_pages(tmp_path, pages=3)
    make_pages(tmp_path, pages=2)
    assert sorted(p.name for p in tmp_path.glob("p*.html")) == ["p001.html", "p002.html"]


def test_agreement_compares_only_rules_both_tools_ran() -> None:
    ours = {("1/a.html", "image-alt"): 2, ("1/a.html", "target-size"): 1, ("1/b.html", "label"): 1}
    theirs = {("1/a.html", "image-alt"): 3, ("1/a.html", "region"): 1, ("1/c.html", "label"): 1}
    same_rules = agreement(ours, theirs, frozenset({"image-alt", "label"}))
    assert not same_rules["same_pairs"]
    assert same_rules["only_wuzhangai"] == ["1/b.html label"]
    assert same_rules["only_other"] == ["1/c.html label"]
    assert same_rules["node_count_diffs"] == ["1/a.html image-alt: 2 vs 3"]
    assert same_rules["out_of_common_rules"] == ["region", "target-size"]
    assert agreement(ours, dict(ours), None)["same_pairs"]


def test_page_key_ignores_what_tools_spell_differently() -> None:
    assert page_key("http://127.0.0.1:8000/p001.html#top") == page_key("http://localhost:8000/p001.html?x=1")
    assert page_key("http://127.0.0.1:8000/p001.html") != page_key("http://127.0.0.1:8001/p001.html")


@pytest.mark.e2e
def test_axe_finds_exactly_the_planted_barriers(tmp_path: Path) -> None:
    """The 'known mix' is a fact about the pinned axe-core, not a hope: the reference loop finds what was planted."""
    manifest = make_pages(tmp_path, pages=4)
    server, base = serve_dir(tmp_path)
    try:
        urls = [base + p["path"] for p in manifest["pages"]]
        doc = asyncio.run(reference_loop(urls, 2, list(tags_for_standard("wcag22aa"))))
    finally:
        server.shutdown()
    assert [p.get("error") for p in doc["pages"]] == [None] * 4
    found = {(page_key(p["url"]), v["id"]): len(v["nodes"]) for p in doc["pages"] for v in p["violations"]}
    port = server.server_address[1]
    assert planted_found(found, manifest, port) == {"missed": [], "miscounted": []}
    planted = {(f"{port}/{p['path']}", rule) for p in manifest["pages"] for rule in p["planted"]}
    assert set(found) == planted  # nothing else fails on the template itself
