"""The ``layout`` probe: the page at 320 CSS px wide (WCAG 1.4.10 Reflow).

The viewport is narrowed to 320 px (the height kept), the layout settles for two animation frames, and the probe
records how far the document scrolls sideways and which elements stick out past the right edge: the outermost
ones, leaving out what the criterion exempts (images, video, maps, canvas, SVG, data tables, preformatted text,
and anything inside a container that scrolls sideways on its own). The viewport is then put back.
"""
from __future__ import annotations

from scanner.probes import Probe
from scanner.probes._js import HELPERS

REFLOW_WIDTH = 320
MAX_OFFENDERS = 20

REFLOW_JS = HELPERS + r"""
(maxOffenders) => {
  const vw = document.documentElement.clientWidth;
  const scroller = document.scrollingElement || document.documentElement;
  const exempt = new Set(['img', 'video', 'canvas', 'svg', 'map', 'object', 'embed', 'iframe', 'pre', 'code',
                          'table', 'math', 'picture', 'audio']);
  const scrollsOwn = (el) => { const s = getComputedStyle(el);
    return ['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth; };
  const offenders = [];
  let exemptOverflow = false;  // something the criterion exempts sticks out (a wide video, a data table)
  const walk = (el, underExempt) => {
    if (offenders.length >= maxOffenders) return;
    const tag = el.tagName.toLowerCase();
    const skip = underExempt || exempt.has(tag) || (el !== document.body && el !== document.documentElement && scrollsOwn(el));
    if (skip && !underExempt && el.getBoundingClientRect().right > vw + 1) exemptOverflow = true;
    if (!skip && el !== document.body && el !== document.documentElement && visible(el)) {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (r.right > vw + 1 && s.position !== 'fixed') {
        offenders.push({selector: sel(el), html: snippet(el), right: Math.round(r.right), width: Math.round(r.width),
                        text: (el.innerText || '').trim().slice(0, 80)});
        return;  // its children stick out with it: the outermost one is the one to fix
      }
    }
    for (const child of el.children) walk(child, skip);
  };
  walk(document.documentElement, false);
  return {viewport: vw, scroll_width: scroller.scrollWidth, overflow: Math.max(0, scroller.scrollWidth - vw),
          offenders, exempt_overflow: exemptOverflow};
}
"""


async def collect(page) -> dict:
    size = page.viewport_size
    await page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"] if size else 800})
    try:
        await page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        reflow = await page.evaluate(REFLOW_JS, MAX_OFFENDERS)
    finally:
        if size:
            await page.set_viewport_size(size)
    return {"reflow": reflow}


PROBE = Probe(name="layout", group="layout", collect=collect)
