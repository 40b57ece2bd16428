"""Which pages are one template for the expensive probes (``scanner.probes.same_template``): pure, no browser."""
from __future__ import annotations

from scanner.probes import TEMPLATE_NEAR, same_template


def _regions(n: int, prefix: str = "r") -> frozenset[str]:
    return frozenset(f"{d % 5}DIV#.{prefix}{d}" for d in range(n))


def test_equal_sets_are_one_template():
    assert same_template(_regions(5), _regions(5))


def test_one_optional_block_in_a_big_template_is_the_same_template():
    # the bench's portal pages: 26 regions, and 2 more (a map section and its iframe) on some pages
    base = _regions(26)
    assert same_template(base, base | {"2SECTION#.map", "3IFRAME#."})
    # the sample site's accessibility page and its guide index: 1 region of 14 apart
    assert same_template(_regions(13), _regions(13) | {"3DIV#.note"})


def test_other_regions_are_another_template():
    # the sample site's photo and policy news pages: 3 of 17 apart (policy carries a reflow barrier of its own)
    policy = _regions(14) | {"3DIV#.policy", "3TABLE#.budget", "4DIV#.scroll"}
    assert not same_template(_regions(14), policy)
    # in a small template one region is already more than TEMPLATE_NEAR
    assert 1 / 4 > TEMPLATE_NEAR and not same_template(_regions(3), _regions(3) | {"1ASIDE#.side"})
