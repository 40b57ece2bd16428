"""The reference: the plainest fast Playwright + axe-core loop, to show what wuzhangai's bookkeeping costs.

One Chromium, one context, ``--workers`` tabs, each tab reused across URLs (a new tab per URL was 3.5x slower,
DESIGN.md). Per URL: ``goto`` until ``load``, inject the same ``axe.min.js`` that wuzhangai uses, ``axe.run`` with
the same tags, keep violations only. Nothing is stored, judged or crawled.

Reusing a tab risks judging the previous document under the next URL if a navigation silently fails, so the
loop marks each document before leaving it and refuses to scan a document that still carries the mark.

    python bench/ref_loop.py urls.txt out.json --workers 2
"""
from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path

from playwright.async_api import Page, async_playwright

from checks.web.wcag import DEFAULT_STANDARD, tags_for_standard
from scanner.axe import axe_source
from scanner.browser import CHROMIUM_ARGS, find_chromium

# Runs in the page: axe.run timed from inside, only what a comparison needs comes back over the wire.
RUN_AXE = """async (tags) => {
  if (window.__benchOld === true) return { stale: true };
  const t0 = performance.now();
  const r = await axe.run(document, { runOnly: { type: "tag", values: tags } });
  return { axeMs: performance.now() - t0, version: r.testEngine.version,
           violations: r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) })) };
}"""


async def scan_one(page: Page, url: str, tags: list[str]) -> dict:
    if page.url != "about:blank":
        await page.evaluate("window.__benchOld = true")  # the leak guard's mark on the outgoing document
    try:
        await page.goto(url, wait_until="load", timeout=30_000)
        await page.evaluate(axe_source())
        result = await page.evaluate(RUN_AXE, tags)
    except Exception as exc:  # a page's fault is a row in the results, never the end of the benchmark
        return {"url": url, "error": str(exc).splitlines()[0]}
    if result.get("stale"):
        return {"url": url, "error": "navigation did not replace the previous document"}
    return {"url": url, **result}


async def run(urls: list[str], workers: int, tags: list[str]) -> dict:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    results: list[dict] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS), headless=True)
        context = await browser.new_context(locale="zh-CN")

        async def worker() -> None:
            page = await context.new_page()
            while not queue.empty():
                results.append(await scan_one(page, queue.get_nowait(), tags))
            await page.close()

        await asyncio.gather(*(worker() for _ in range(workers)))
        version = browser.version
        await browser.close()
    order = {u: k for k, u in enumerate(urls)}
    results.sort(key=lambda r: order[r["url"]])
    return {"browser_version": version, "workers": workers, "pages": results}


def main() -> None:
    ap = argparse.ArgumentParser(description="Playwright + axe reference loop (1 browser, reused tabs)")
    ap.add_argument("urls", type=Path, help="file with one URL per line")
    ap.add_argument("out", type=Path, help="JSON results")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--standard", default=DEFAULT_STANDARD, help="a wuzhangai --standard name (axe tags)")
    args = ap.parse_args()
    urls = [u.strip() for u in args.urls.read_text().splitlines() if u.strip()]
    started = time.perf_counter()
    doc = asyncio.run(run(urls, args.workers, list(tags_for_standard(args.standard))))
    doc["wall_seconds"] = time.perf_counter() - started
    args.out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
