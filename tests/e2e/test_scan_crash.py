"""A renderer that crashes costs only its page: the tab is replaced and the next page is scanned."""
from __future__ import annotations

import asyncio

import pytest

from scanner.gather_browser import BrowserGatherer, BrowserOptions
from tests.e2e.trapsite import serve_trapsite

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]


def test_tab_recovers_from_a_renderer_crash():
    server, url = serve_trapsite()

    async def scenario():
        async with BrowserGatherer(BrowserOptions(run_only=["wcag2a"], page_timeout=10)) as g:
            tab = await g.new_tab()
            first = await tab.gather(url + "/ok.html")
            session = await tab.context.new_cdp_session(tab.page)
            try:  # kills this tab's renderer, as an out-of-memory page would; the command never answers
                await asyncio.wait_for(session.send("Page.crash"), 3)
            except Exception:
                pass
            for _ in range(50):
                if tab.crashed:
                    break
                await asyncio.sleep(0.1)
            crashed_flag = tab.crashed
            after = await tab.gather(url + "/landing.html")
            await tab.close()
            return first, crashed_flag, after

    try:
        first, crashed_flag, after = asyncio.run(scenario())
    finally:
        server.shutdown()
    assert first.ok and first.artifacts.get("axe") is not None and first.artifacts.get("dom")
    assert crashed_flag, "the crash event was not seen"
    assert after.ok and after.title == "落地页" and after.artifacts.get("axe") is not None  # a fresh tab took over
