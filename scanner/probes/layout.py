"""The ``layout`` probe: the page at 320 CSS px wide (WCAG 1.4.10 Reflow), with WCAG 1.4.12's text spacing
(``spacing``), with its text at 200% (``resize``, 1.4.4), and in portrait and landscape (``orientation``, 1.3.4).

- ``reflow``: the viewport is narrowed to 320 px (the height kept), the layout settles for two animation frames,
  and the probe records how far the document scrolls sideways and which elements stick out past the right edge:
  the outermost ones, leaving out what the criterion exempts (images, video, maps, canvas, SVG, data tables,
  preformatted text, and anything inside a container that scrolls sideways on its own). The viewport is then put
  back.
- ``spacing``, ``resize`` and ``zoom``: text containers are measured, the page is changed (1.4.12's style sheet injected,
  or every element's font size and pixel line height doubled inline: text-only zoom as Firefox does it, which
  Chromium lacks), measured again and put back; for ``zoom`` (200% page zoom) the viewport is halved instead. An element that clips (``overflow`` hidden or clip) and contains
  text, and whose content now exceeds its box on an axis where it did not before, is ``clipped``; one with
  ``overflow`` visible whose text now runs out of its box over a following element is ``overlapping``.
- ``font_setting``: the browser's default font size doubled (the reader's font size setting, as WeChat's care mode
  raises it; MIIT 适老化): how many characters of text grew with it, and the largest blocks that did not (font
  sizes fixed in px). The setting is put back.
- ``orientation``: the page's portrait look is the 320 px one (height above width), its landscape look the
  normal viewport (or, for a portrait device, the viewport turned). In each it records the elements a CSS
  transform rotates by a quarter turn, whether a "please rotate" message shows, and the style rules under an
  ``orientation`` media query that hide or rotate ``html``/``body``/``main``.
"""
from __future__ import annotations

import time

from scanner.probes import Probe
from scanner.probes._js import HELPERS

REFLOW_WIDTH = 320
MAX_OFFENDERS = 20

MAX_CLIPPED = 20

# Measures every visible element that holds text (own text nodes or descendants') and may clip or spill, changes
# the page (mode "spacing" or "resize"), measures again, puts the page back and reports what now overflows. Mode
# "mark" only measures (kept on the page until "compare", which reports against it: the viewport changed between).
TEXT_BOX_JS = HELPERS + r"""
({mode, maxClipped}) => {
  const clips = (v) => v === 'hidden' || v === 'clip';
  const hasText = (el) => { for (const n of el.childNodes) if (n.nodeType === 3 && n.data.trim()) return true;
                            return false; };
  const boxes = mode === 'compare' ? (window.__wzaTextBoxes || []) : [];
  delete window.__wzaTextBoxes;
  for (const el of mode !== 'compare' && document.body ? document.body.querySelectorAll('*') : []) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'style', 'noscript', 'template', 'svg', 'img', 'video', 'audio', 'iframe', 'canvas', 'select',
         'textarea', 'input', 'option', 'br'].includes(tag)) continue;
    if (!(el.textContent || '').trim()) continue;
    const s = getComputedStyle(el);
    const cx = clips(s.overflowX), cy = clips(s.overflowY);
    const own = hasText(el);
    if (!cx && !cy && !own) continue;
    if (s.display === 'none' || s.visibility === 'hidden' || s.display === 'inline' || s.display === 'contents') continue;
    if (el.clientWidth < 4 || el.clientHeight < 4) continue;  // visually hidden text (1px clip), empty boxes
    if (s.position === 'absolute' && s.clip && s.clip !== 'auto') continue;
    boxes.push({el, cx, cy, own, ell: s.textOverflow === 'ellipsis', sh: el.scrollHeight > el.clientHeight + 1, sw: el.scrollWidth > el.clientWidth + 1});
  }
  if (mode === 'mark') { window.__wzaTextBoxes = boxes; return {measured: boxes.length}; }
  // the change
  let undo = () => {};
  if (mode === 'spacing') {
    const st = document.createElement('style');
    st.setAttribute('data-wza-probe', 'spacing');
    st.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }' +
                     ' p { margin-bottom: 2em !important; }';
    (document.head || document.documentElement).appendChild(st);
    undo = () => st.remove();
  } else if (mode === 'resize') {
    const all = [document.documentElement, ...document.documentElement.querySelectorAll('*')];
    const plan = all.map(el => { const s = getComputedStyle(el);
      const lh = s.lineHeight.endsWith('px') ? parseFloat(s.lineHeight) : null;
      return [el, parseFloat(s.fontSize), lh, el.getAttribute('style')]; });
    for (const [el, fs, lh] of plan) {
      if (!el.style) continue;
      el.style.setProperty('font-size', (fs * 2) + 'px', 'important');
      if (lh !== null) el.style.setProperty('line-height', (lh * 2) + 'px', 'important');
    }
    undo = () => { for (const [el, , , style] of plan) {
      if (!el.style) continue;
      if (style === null) el.removeAttribute('style'); else el.setAttribute('style', style); } };
  }
  const out = [];
  try {  // reading scrollHeight lays the page out again: no frame to wait for
    const bottomOf = (el) => el.getBoundingClientRect().top + el.scrollHeight;
    for (const b of boxes) {
      if (out.length >= maxClipped) break;
      const el = b.el;
      if (!el.isConnected) continue;
      // more than half a character's height (or width) now overflows: not a glyph's edge past its line box
      const slack = Math.max(2, parseFloat(getComputedStyle(el).fontSize) / 2);
      const sh = el.scrollHeight > el.clientHeight + slack, sw = el.scrollWidth > el.clientWidth + slack;
      const newY = sh && !b.sh, newX = sw && !b.sw;
      if (!newY && !newX) continue;
      // an ancestor already reported clips this one's text with it: the outermost one is the one to fix
      if (out.some(o => o.el.contains(el))) continue;
      const item = {el, selector: sel(el), html: snippet(el), text: (el.innerText || '').trim().slice(0, 80),
                    axis: newY ? 'y' : 'x', by: Math.round(newY ? el.scrollHeight - el.clientHeight : el.scrollWidth - el.clientWidth)};
      if ((newY && b.cy) || (newX && b.cx)) { item.kind = 'clipped'; item.ellipsis = newX && !newY && b.ell; out.push(item); continue; }
      if (newY && b.own) {  // overflow visible: does the text now run over the next element?
        const r = el.getBoundingClientRect();
        const bottom = bottomOf(el);
        let next = el.nextElementSibling;
        while (next && !visible(next)) next = next.nextElementSibling;
        if (next) {
          const n = next.getBoundingClientRect();
          if (n.top < bottom - 2 && n.top >= r.top && n.left < r.right && n.right > r.left) {
            item.kind = 'overlapping'; item.over = sel(next); out.push(item);
          }
        }
      }
    }
  } finally {
    undo();
  }
  return {clipped: out.map(({el, ...rest}) => rest), measured: boxes.length};
}
"""

ROTATE_MESSAGE = r"(请|建议)?.{0,6}(旋转|横屏|竖屏)(设备|手机|屏幕|浏览)|rotate (your |the )?(device|phone|screen)"

ORIENTATION_JS = HELPERS + r"""
(rotateMessage) => {
  const msg = new RegExp(rotateMessage, 'i');
  const turned = [];
  for (const el of document.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    if (s.transform === 'none' || !s.transform.startsWith('matrix(')) continue;
    const [a, b] = s.transform.slice(7, -1).split(',').map(Number);
    const deg = Math.round(Math.atan2(b, a) * 180 / Math.PI);
    if (Math.abs(Math.abs(deg) - 90) <= 5 && visible(el) && (el.textContent || '').trim())
      turned.push({selector: sel(el), html: snippet(el), deg});
  }
  let message = null;
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    if (el.children.length > 3) continue;
    const t = (el.innerText || '').trim();
    if (t && t.length < 80 && msg.test(t) && visible(el)) { message = {selector: sel(el), html: snippet(el), text: t}; break; }
  }
  const rules = [];
  const big = (selText) => /(^|[\s,>])(html|body|main)([\s,.:#\[>]|$)/i.test(selText) || /#(app|root|main|wrapper|container|page)\b/i.test(selText);
  const visit = (list, media) => {
    for (const r of list) {
      if (r.cssRules && r.conditionText !== undefined) { visit(r.cssRules, /orientation/i.test(r.conditionText) ? r.conditionText : media); continue; }
      if (!media || !r.style || !r.selectorText) continue;
      const tr = r.style.getPropertyValue('transform') || r.style.getPropertyValue('rotate');
      const hides = r.style.getPropertyValue('display') === 'none' || r.style.getPropertyValue('visibility') === 'hidden';
      if ((/rotate|matrix/i.test(tr) || hides) && big(r.selectorText))
        rules.push({media, selector: r.selectorText.slice(0, 120), declares: r.style.cssText.slice(0, 160)});
    }
  };
  for (const sheet of document.styleSheets) { try { visit(sheet.cssRules, null); } catch (e) { /* cross-origin */ } }
  return {width: innerWidth, height: innerHeight, turned: turned.slice(0, 20), message, rules: rules.slice(0, 10)};
}
"""

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
    // a box that clips sideways (overflow-x hidden or clip) keeps its children inside it: they scroll nothing
    if (el !== document.body && el !== document.documentElement && ['hidden', 'clip'].includes(getComputedStyle(el).overflowX)) return;
    for (const child of el.children) walk(child, skip);
  };
  walk(document.documentElement, false);
  return {viewport: vw, scroll_width: scroller.scrollWidth, overflow: Math.max(0, scroller.scrollWidth - vw),
          offenders, exempt_overflow: exemptOverflow};
}
"""


# The user's font size setting (MIIT 适老化; WeChat's care mode sets it): every visible element with text of its
# own, measured ("mark"), then measured again under the doubled setting ("compare"): the characters whose font
# grew with it, and the largest blocks of text that did not (sizes fixed in px), the main content's first.
FONT_SETTING_JS = HELPERS + r"""
(mode) => {
  if (mode === 'mark') {
    const items = [];
    for (const el of document.body ? document.body.querySelectorAll('*') : []) {
      if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
      let chars = 0;
      for (const n of el.childNodes) if (n.nodeType === 3) chars += n.data.replace(/\s+/g, '').length;
      if (!chars || !visible(el)) continue;
      items.push({el, chars, size: parseFloat(getComputedStyle(el).fontSize)});
    }
    window.__wzaFontSetting = items;
    return items.length;
  }
  const items = window.__wzaFontSetting || []; delete window.__wzaFontSetting;
  let total = 0, grew = 0; const fixed = [];
  for (const it of items) {
    total += it.chars;
    if (parseFloat(getComputedStyle(it.el).fontSize) >= it.size * 1.2) grew += it.chars;
    else fixed.push(it);
  }
  // the main content's blocks first (the text a reader came for), then the longest
  const inMain = (el) => el.closest('main, [role="main"], article') ? 1 : 0;
  fixed.sort((a, b) => inMain(b.el) - inMain(a.el) || b.chars - a.chars);
  return {total_chars: total, grew_chars: grew, fixed: fixed.slice(0, 5).map(it => ({selector: sel(it.el),
    html: snippet(it.el), px: it.size, chars: it.chars, text: (it.el.innerText || '').trim().slice(0, 60)}))};
}
"""
# Chromium's default font sizes (CSS px), put back after the font-setting measure.
DEFAULT_FONT_SIZES = {"standard": 16, "fixed": 13}


FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


async def _timed(out: dict, key: str, coro):
    started = time.perf_counter()
    out[key] = await coro
    out.setdefault("ms_each", {})[key] = round((time.perf_counter() - started) * 1000, 1)


async def collect(page) -> dict:
    size = page.viewport_size
    height = size["height"] if size else 800
    out: dict = {}
    landscape = size is None or size["width"] > size["height"]
    if landscape:  # the normal viewport is the landscape look; 320 px wide is the portrait one
        await _timed(out, "landscape", page.evaluate(ORIENTATION_JS, ROTATE_MESSAGE))
    try:
        if size:  # 200% page zoom: the viewport at half its CSS size, text measured against the normal view
            await page.evaluate(TEXT_BOX_JS, {"mode": "mark", "maxClipped": MAX_CLIPPED})
            await page.set_viewport_size({"width": size["width"] // 2, "height": size["height"] // 2})
            await _timed(out, "zoom", page.evaluate(TEXT_BOX_JS, {"mode": "compare", "maxClipped": MAX_CLIPPED}))
        await page.set_viewport_size({"width": REFLOW_WIDTH, "height": max(height, REFLOW_WIDTH + 1)})
        await page.evaluate(FRAMES_JS)
        await _timed(out, "reflow", page.evaluate(REFLOW_JS, MAX_OFFENDERS))
        await _timed(out, "portrait", page.evaluate(ORIENTATION_JS, ROTATE_MESSAGE))
        if not landscape:
            await page.set_viewport_size({"width": max(size["width"], size["height"]),
                                          "height": min(size["width"], size["height"])})
            await page.evaluate(FRAMES_JS)
            await _timed(out, "landscape", page.evaluate(ORIENTATION_JS, ROTATE_MESSAGE))
    finally:
        if size:
            await page.set_viewport_size(size)
    await page.evaluate(FRAMES_JS)
    await _timed(out, "spacing", page.evaluate(TEXT_BOX_JS, {"mode": "spacing", "maxClipped": MAX_CLIPPED}))
    await _timed(out, "resize", page.evaluate(TEXT_BOX_JS, {"mode": "resize", "maxClipped": MAX_CLIPPED}))
    await _timed(out, "font_setting", _font_setting(page))
    out["orientation"] = {"portrait": out.pop("portrait"), "landscape": out.pop("landscape")}
    return out


async def _font_setting(page) -> dict:
    """The page's text under the browser's default font size doubled (CDP ``Page.setFontSizes``, what a reader's
    font size setting changes), then the setting put back."""
    await page.evaluate(FONT_SETTING_JS, "mark")
    session = await page.context.new_cdp_session(page)
    try:
        doubled = {k: 2 * v for k, v in DEFAULT_FONT_SIZES.items()}
        await session.send("Page.setFontSizes", {"fontSizes": doubled})
        try:
            return await page.evaluate(FONT_SETTING_JS, "compare")
        finally:
            await session.send("Page.setFontSizes", {"fontSizes": DEFAULT_FONT_SIZES})
    finally:
        await session.detach()


PROBE = Probe(name="layout", group="layout", collect=collect, per_template=True)
