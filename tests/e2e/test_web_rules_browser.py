"""Our own rules that need a probe's artifact (``scanner.probes``), against their fixtures, axe-core's way: each
fixture is opened in real Chromium by the scanner's own browser gatherer with every check group on, and the rule
must give what ``expected.json`` lists there, element by element (the contract of tests/test_web_rules.py, whose
DOM-only rules are judged from the HTML alone)."""
from __future__ import annotations

import asyncio
import json

import pytest
from bs4 import BeautifulSoup

from checks.web import own_rules as R
from scanner.artifacts import for_judging
from scanner.probes import CHECK_GROUPS
from tests.conftest import serve_directory
from tests.test_web_rules import FIXTURES

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]

PROBE_RULE_IDS = [r.id for r in R.own_rules() if r.requires != ("dom",) and "app_screen" not in r.requires]
# rules judged only on pages opened as on a phone (the ``phone`` probe): their fixtures are gathered with this device
PHONE_RULE_IDS = [r.id for r in R.own_rules() if "phone" in r.requires]
PHONE = "iPhone 13"
# phone rules judged only when the scan says its pages are an elder interface (scan --elder): gathered so
ELDER_RULE_IDS = [r.id for r in R.own_rules() if "phone" in r.requires and (r.check or "").startswith("elder_")]


@pytest.fixture(scope="module")
def gathered():
    """Every probe rule's two fixtures, gathered once: ``{(rule id, fixture): artifacts}``."""
    from scanner.gather_browser import BrowserGatherer, BrowserOptions

    server, origin = serve_directory(FIXTURES)

    async def gather_all() -> dict:
        out = {}
        # the phone rules' fixtures on an emulated phone (scan --device), and once on the desktop as well
        for device, rule_ids, elder in ((None, PROBE_RULE_IDS, False), (PHONE, PHONE_RULE_IDS, False),
                                        (PHONE, ELDER_RULE_IDS, True)):
            async with BrowserGatherer(BrowserOptions(checks=tuple(CHECK_GROUPS), checks_every_page=True,
                                                      device=device, elder=elder)) as gatherer:
                tab = await gatherer.new_tab()
                for rule_id in rule_ids:
                    for fixture in ("fails.html", "passes.html"):
                        art = await tab.gather(f"{origin}/{rule_id}/{fixture}")
                        assert art.error is None, (rule_id, fixture, art.error, art.error_detail)
                        out[rule_id, fixture, device, elder] = art.artifacts
        return out

    try:
        yield asyncio.run(gather_all())
    finally:
        server.shutdown()


def test_probe_rules_exist():
    assert PROBE_RULE_IDS, "no rule needs a probe's artifact: this test file has nothing to judge"


@pytest.mark.parametrize("fixture", ["fails.html", "passes.html"])
@pytest.mark.parametrize("rule_id", PROBE_RULE_IDS)
def test_probe_rule_judges_each_element_of_its_fixture_as_expected(gathered, rule_id, fixture):
    rule = R.rule_by_id(rule_id)
    artifacts = gathered[rule_id, fixture, PHONE if rule_id in PHONE_RULE_IDS else None, rule_id in ELDER_RULE_IDS]
    assert set(rule.requires) <= set(artifacts), f"missing artifacts: {set(rule.requires) - set(artifacts)}"
    findings = [f for f in R.run_rules(for_judging(artifacts)) if f.rule_id == rule_id]
    expected = json.loads((FIXTURES / rule_id / "expected.json").read_text(encoding="utf-8"))[fixture]
    assert [[f.outcome, f.selector or None] for f in findings] == expected
    soup = BeautifulSoup((FIXTURES / rule_id / fixture).read_text(encoding="utf-8"), "lxml")
    for f in findings:
        assert not f.selector or len(soup.select(f.selector)) == 1, f.selector  # exactly one element
        for check in f.checks:  # each message exists, its placeholders filled in both languages
            assert "{" not in rule.message_text(check["id"], check["data"], "zh")
            assert "{" not in rule.message_text(check["id"], check["data"], "en")
    outcomes = {f.outcome for f in findings}
    if fixture == "fails.html":
        assert ("failed" if "failed" in rule.outcomes else "cantTell") in outcomes
    else:
        assert "passed" in outcomes and not {"failed", "cantTell"} & outcomes


@pytest.mark.parametrize("rule_id", PHONE_RULE_IDS)
def test_phone_rules_are_inapplicable_on_a_desktop(gathered, rule_id):
    findings = [f for f in R.run_rules(for_judging(gathered[rule_id, "fails.html", None, False])) if f.rule_id == rule_id]
    assert [f.outcome for f in findings] == ["inapplicable"]
    elder = rule_id in ELDER_RULE_IDS
    assert gathered[rule_id, "fails.html", PHONE, elder]["phone"]["viewport_width"] == 390  # iPhone 13, CSS px


@pytest.mark.parametrize("rule_id", ELDER_RULE_IDS)
def test_elder_rules_are_inapplicable_on_a_phone_page_not_declared_elder(gathered, rule_id):
    """The same failing fixture, gathered on the phone without ``--elder``: the elder bounds are not judged."""
    from scanner.gather_browser import BrowserOptions

    phone = dict(gathered[rule_id, "fails.html", PHONE, True]["phone"])
    assert phone.pop("elder_mode") is True and phone["elder_targets" if "target" in rule_id else "elder_text"]["small"]
    artifacts = dict(gathered[rule_id, "fails.html", PHONE, True], phone=phone)
    findings = [f for f in R.run_rules(for_judging(artifacts)) if f.rule_id == rule_id]
    assert [f.outcome for f in findings] == ["inapplicable"]
    assert BrowserOptions().elder is False  # a scan is not an elder interface unless it says so


def test_expensive_probes_run_on_the_home_page_and_once_per_template():
    """A probe marked ``per_template`` runs on the home page and on the first page of each template; the other
    pages say they were left out and why; ``every_page`` (``--checks all``) runs it everywhere."""
    from scanner.probes import Probe, TemplateSampler, run_probes

    calls: list[str] = []

    async def collect(page) -> dict:
        calls.append(page.url)
        return {}

    costly = Probe(name="costly", group="layout", collect=collect, per_template=True)
    pages = {"/index.html": "<main><ul class=news><li>a</li></ul></main>",
             "/news/1.html": "<main><ul class=news><li>a</li><li>b</li><li>c</li></ul></main>",
             # text-level elements (p, a, img, span) are not part of a template: the same news template
             "/news/2.html": "<main><ul class=news><li><a href=#>a</a> <img alt=''></li></ul><p>note</p></main>",
             # a list's items are content, whatever their tag: divs in the list are the same news template
             "/news/3.html": "<main><ul class=news><div><div class=item>a</div></div></ul></main>",
             "/guide/1.html": "<main><div class=guide><p>x</p></div><aside class=side>y</aside></main>"}

    async def run(sampler: TemplateSampler) -> list[tuple[str, list[str], bool]]:
        from playwright.async_api import async_playwright

        from scanner.browser import CHROMIUM_ARGS, find_chromium

        out = []
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
            page = await browser.new_page()
            for path, body in pages.items():
                await page.unroute("**/*")
                await page.route("**/*", lambda route, _request, b=body: route.fulfill(
                    body=f"<!DOCTYPE html><html><body>{b}</body></html>", content_type="text/html"))
                await page.goto("http://site.example" + path)
                artifacts, notes = {}, []
                await run_probes(page, [costly], artifacts, notes, sampler, "http://site.example" + path)
                out.append((path, notes, "costly" in artifacts))
            await browser.close()
        return out

    sampled = asyncio.run(run(TemplateSampler()))
    # home; news template; seen; seen (divs in the list); guide template
    assert [ran for _, _, ran in sampled] == [True, True, False, False, True]
    assert "once per page template" in sampled[2][1][0] and "costly" in sampled[2][1][0]
    calls.clear()
    assert all(ran for _, _, ran in asyncio.run(run(TemplateSampler(every_page=True))))
    assert len(calls) == 5


def test_the_batched_tab_walk_records_what_the_slow_walk_records(monkeypatch):
    """The keyboard probe sends Tab presses in batches and records each step in the page on its keyup; once focus
    enters a frame (its keyup goes to the frame's document) the page is walked again one press at a time. On the fixtures
    of a trap, an invisible focus (pixels compared) and focus on hidden elements, both walks must see the same."""
    from scanner.probes import keyboard as K

    server, origin = serve_directory(FIXTURES)
    batched = K._walk_batched

    async def never(*_args, **_kwargs):
        return None

    async def walk_all() -> list[dict]:
        from playwright.async_api import async_playwright

        from scanner.browser import CHROMIUM_ARGS, find_chromium

        out = []
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
            page = await browser.new_page(viewport={"width": 1280, "height": 800})
            for path in ("wza-keyboard-trap/fails.html", "wza-focus-visible/fails.html",
                         "wza-focus-hidden/fails.html", "wza-frame-title/passes.html"):
                seen = {}
                for mode, walker in (("batched", batched), ("slow", never)):
                    monkeypatch.setattr(K, "_walk_batched", walker)
                    await page.goto(f"{origin}/{path}", wait_until="load")
                    seen[mode] = await K.collect(page)
                out.append((path, seen))
            await browser.close()
        return out

    try:
        results = asyncio.run(walk_all())
    finally:
        server.shutdown()
    for path, seen in results:
        fast, slow = seen["batched"], seen["slow"]
        assert fast["batched"] is (path != "wza-frame-title/passes.html"), path  # the frame page: walked slowly
        assert slow["batched"] is False
        focused = [[s["selector"] for s in w["steps"] if not s.get("body")] for w in (fast, slow)]
        assert focused[0] and focused[0] == focused[1], path
        assert fast["stuck"] == slow["stuck"] and fast["pixel"] == slow["pixel"], path
    assert results[0][1]["batched"]["stuck"]["cycle"]  # the trap is found by the batched walk
    assert any(p["differ"] < 3 for p in results[1][1]["batched"]["pixel"].values())  # and the invisible focus
