"""The ``keyboard`` probe: the page walked with the Tab key (WCAG 2.1.1, 2.1.2, 2.4.1, 2.4.3, 2.4.7, 2.4.11).

In the page as loaded, the probe

- lists the focusable elements in document order (with their tabindex and their look while not focused), and
  where a positive ``tabindex`` puts an element ahead of ones that come before it;
- moves focus to the start of the document and presses Tab up to ``min(2 x focusable count + 2, MAX_STEPS)``
  times, recording each focused element: selector, opening tag, box, in the viewport or off-screen or hidden,
  covered by a fixed/sticky element, and which of its computed styles (outline, box-shadow, border, background,
  colour, text decoration, of the element, its parent or first child) changed on focus. The presses go in
  batches of ``BATCH`` through CDP and each step is recorded in the page by a keyup listener (one round trip per
  batch; a press and a look each cost one, 10 ms a step); where that cannot see a step (focus inside a frame,
  an element still sliding in) the walk is made again one press and one look at a time. Where no style changed,
  a few elements (``MAX_PIXEL_CHECKS``) are focused again after the walk, photographed, then unfocused, and the
  pixels compared. Focus that stays on the same element or a small cycle while other elements remain unreached is
  recorded as stuck, and Shift+Tab, then Escape and Tab, tried to get out; focus removed by a script when received (``onfocus=blur()``)
  is recorded as such;
- finds elements with click / mouse / key listeners (CDP ``DOMDebugger.getEventListeners`` over up to
  ``MAX_LISTENER_CANDIDATES`` non-interactive elements, pointer-cursor ones first) and whether each can be focused;
- looks at the first focusable elements for a skip link to an in-page target and presses Enter on it (a
  same-document jump only), then Tab, to see whether focus moved past the target.

Navigation is blocked while the probe works (a main-frame document request is answered "204 No Content", so the
browser stays on the page); a page that tries to navigate (a script on focus) is recorded (``navigated``) and the
walk stops there. Only Tab, Shift+Tab, Escape where focus is stuck and, on an in-page link, Enter are
pressed: no form is submitted, no link followed. The page is left as found: focus blurred, scrolled back, the URL's
fragment put back.
"""
from __future__ import annotations

import asyncio
import io
from typing import Any

from scanner.probes import Probe
from scanner.probes._js import HELPERS

MAX_STEPS = 80
BATCH = 20  # Tab presses sent at once in a batched walk
MAX_PIXEL_CHECKS = 4
MAX_LISTENER_CANDIDATES = 300
MAX_CLICKABLES = 40
PIXEL_PAD = 6  # CSS px around the box: outlines and their offset fall outside it
STUCK_REPEATS = 3  # the same element (or a cycle of <= 3) this many times in a row, others unreached: stuck
SKIP_LINK_WINDOW = 3  # the first focusable elements where a skip link is looked for

KB_JS = HELPERS + r"""
const __kbTabbable = 'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], ' +
  '[contenteditable=""], [contenteditable="true"], audio[controls], video[controls], embed, object';
const __kbStyle = (el, pseudo) => { if (!el) return '';
  const s = getComputedStyle(el, pseudo || null);
  const outline = (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0) ? 'none'
    : [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset].join(' ');
  return [outline, s.boxShadow, s.borderTopColor, s.borderTopWidth, s.borderTopStyle, s.borderBottomColor,
          s.borderBottomWidth, s.borderBottomStyle, s.borderLeftColor, s.borderLeftWidth, s.borderRightColor,
          s.borderRightWidth, s.backgroundColor, s.backgroundImage, s.color, s.textDecorationLine,
          s.textDecorationColor, s.opacity, s.transform, s.fontWeight, pseudo ? s.content : ''].join('|'); };
const __kbLook = (el) => ({self: __kbStyle(el), parent: __kbStyle(el.parentElement),
  child: __kbStyle(el.firstElementChild), before: __kbStyle(el, '::before'), after: __kbStyle(el, '::after')});
const __kbBox = (el) => {  // the element's box joined with its descendants' (a link around a floated image)
  let r = el.getBoundingClientRect(); let x1 = r.left, y1 = r.top, x2 = r.right, y2 = r.bottom;
  if (r.width === 0 || r.height === 0) { x1 = y1 = Infinity; x2 = y2 = -Infinity; }
  const kids = el.querySelectorAll('*');
  for (let i = 0; i < kids.length && i < 30; i++) { const k = kids[i].getBoundingClientRect();
    if (k.width > 0 && k.height > 0) { x1 = Math.min(x1, k.left); y1 = Math.min(y1, k.top);
      x2 = Math.max(x2, k.right); y2 = Math.max(y2, k.bottom); } }
  if (x1 === Infinity) return {x: r.left, y: r.top, w: 0, h: 0};
  return {x: x1, y: y1, w: x2 - x1, h: y2 - y1}; };
const __kbTabbables = () => Array.from(document.querySelectorAll(__kbTabbable)).filter(el =>
  !el.disabled && el.tabIndex >= 0 && el.type !== 'hidden' && !el.closest('[inert]') &&
  getComputedStyle(el).visibility !== 'hidden' && (el.getClientRects().length > 0 || __kbBox(el).w > 0));
// The state right after a Tab: the focused element, measured. With ``wait`` false nothing is awaited, so it
// runs to the end at once (the batched walk records it from a keyup listener).
const __kbStep = async (K, wait) => {
  const grew = K.log.length > K.seen; K.seen = K.log.length;
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    let lost = null;
    if (grew) for (let i = K.log.length - 1; i >= 0; i--) { const t = K.log[i];
      if (t && t.nodeType === 1 && t !== document.body && t !== document.documentElement) {
        lost = {selector: sel(t), html: snippet(t), index: K.items.indexOf(t)}; break; } }
    return {body: true, removed: lost};
  }
  if (['IFRAME', 'FRAME', 'OBJECT', 'EMBED'].includes(el.tagName))
    return {frame: true, selector: sel(el), html: snippet(el), index: K.items.indexOf(el)};
  const i = K.items.indexOf(el);
  const measure = () => {
    const b = __kbBox(el); const vw = innerWidth, vh = innerHeight;
    const root = document.documentElement;
    const docW = Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0);
    const docH = Math.max(root.scrollHeight, document.body ? document.body.scrollHeight : 0);
    const inViewport = b.w > 0 && b.h > 0 && b.x + b.w > 0 && b.y + b.h > 0 && b.x < vw && b.y < vh;
    const px = b.x + scrollX, py = b.y + scrollY;
    let hidden = null;
    // An SVG shape's box leaves out its stroke (a 1 px line drawn 2 px thick): its size says nothing here.
    const svg = el instanceof SVGElement;
    if (!svg && b.w <= 1 && b.h <= 1) hidden = 'tiny';
    else if (!svg && (b.w <= 1 || b.h <= 1)) hidden = 'thin';  // zero width, some height: an outline may show
    else if (px + b.w <= 0 || py + b.h <= 0 || px >= docW || py >= docH) hidden = 'offscreen';
    else { for (let a = el; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (parseFloat(s.opacity) === 0) { hidden = 'transparent'; break; }
        if (a !== el && s.overflow !== 'visible') { const r = a.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || b.x >= r.right || b.x + b.w <= r.left || b.y >= r.bottom ||
              b.y + b.h <= r.top) { hidden = 'clipped'; break; } } } }
    let obscuredBy = null;
    if (!hidden && inViewport) {  // 2.4.11: every sampled point of the box under a fixed or sticky element
      const x1 = Math.max(b.x, 0), y1 = Math.max(b.y, 0), x2 = Math.min(b.x + b.w, vw), y2 = Math.min(b.y + b.h, vh);
      const pts = [[(x1 + x2) / 2, (y1 + y2) / 2], [x1 + 2, y1 + 2], [x2 - 2, y1 + 2], [x1 + 2, y2 - 2], [x2 - 2, y2 - 2]];
      let covered = 0, by = null;
      for (const [x, y] of pts) { const hit = document.elementFromPoint(x, y);
        if (!hit || hit === el || el.contains(hit) || hit.contains(el)) break;
        let c = hit, pinned = null;
        for (; c && c !== document.body; c = c.parentElement) {
          const p = getComputedStyle(c).position; if (p === 'fixed' || p === 'sticky') { pinned = c; break; } }
        if (!pinned || pinned.contains(el)) break;
        covered++; by = by || pinned; }
      if (covered === pts.length) obscuredBy = {selector: sel(by), html: snippet(by)};
    }
    return {b, inViewport, px, py, hidden, obscuredBy};
  };
  let m = measure();
  if ((m.hidden || m.obscuredBy) && K.waited < 2000) {  // an element sliding in on focus: let it arrive
    const moving = document.getAnimations().filter(a => a.playState === 'running' &&
      isFinite(a.effect && a.effect.getComputedTiming().endTime));
    if (moving.length && !wait) return {moving: true};  // a batched walk cannot wait: the caller walks slowly
    if (moving.length) { const t0 = performance.now();
      await Promise.race([Promise.all(moving.map(a => a.finished.catch(() => null))),
                          new Promise(r => setTimeout(r, 700))]);
      K.waited += performance.now() - t0; m = measure(); } }
  const {b, inViewport, px, py, hidden, obscuredBy} = m;
  let changed = null;
  if (i >= 0) { const now = __kbLook(el), was = K.looks[i];
    changed = Object.keys(now).filter(k => now[k] !== was[k]); }
  const textEntry = el.tagName === 'TEXTAREA' || el.isContentEditable || (el.tagName === 'INPUT' &&
    !['button', 'submit', 'reset', 'checkbox', 'radio', 'image', 'range', 'color', 'file'].includes(el.type));
  return {selector: sel(el), html: snippet(el), index: i, tabindex: el.getAttribute('tabindex'),
          tag: el.tagName.toLowerCase(), role: el.getAttribute('role'), text_entry: textEntry,
          box: {x: Math.round(px), y: Math.round(py), w: Math.round(b.w), h: Math.round(b.h)},
          clip: {x: b.x, y: b.y, w: b.w, h: b.h}, in_viewport: inViewport, hidden, obscured_by: obscuredBy,
          changed, scroll: [scrollX, scrollY]};
};
"""

PREP_JS = KB_JS + r"""
() => {
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  const items = __kbTabbables();
  const looks = items.map(__kbLook);
  const order = items.map((el, i) => ({i, t: el.tabIndex}))
    .sort((a, b) => (a.t > 0 ? a.t : 1e9) - (b.t > 0 ? b.t : 1e9) || a.i - b.i);
  const tabPos = new Array(items.length); order.forEach((o, p) => { tabPos[o.i] = p; });
  const positive = [];
  items.forEach((el, i) => { if (el.tabIndex <= 0 || positive.length >= 40) return;
    const r = el.getBoundingClientRect(); let jumped = 0, above = 0, example = null;
    for (let j = 0; j < i; j++) if (tabPos[j] > tabPos[i]) { jumped++;
      const q = items[j].getBoundingClientRect();
      if (q.bottom <= r.top + 1) { above++; if (!example) example = sel(items[j]); } }
    positive.push({selector: sel(el), html: snippet(el), tabindex: el.tabIndex, jumped, above, example}); });
  const K = window.__wzaKb = {items, looks, log: [], seen: 0, waited: 0, scroll: [scrollX, scrollY], hash: location.hash,
    url: location.href};
  K.onFocusIn = (e) => { K.log.push(e.target); };
  document.addEventListener('focus', K.onFocusIn, true);
  // The batched walk: each Tab's keyup (after the keydown moved focus and the page's focus handlers ran) records
  // the step; window capture comes before any handler of the page that could stop the event.
  K.records = []; K.recording = false;
  K.onKeyUp = (e) => { if (K.recording && e.key === 'Tab') __kbStep(K, false).then(r => K.records.push(r)); };
  window.addEventListener('keyup', K.onKeyUp, true);
  window.scrollTo(0, 0);
  K.log.length = 0;
  // Page structure for the skip-link rule.
  const main = document.querySelector('main, [role="main"]');
  const landmarks = document.querySelectorAll('main, [role="main"], nav, [role="navigation"], header, ' +
    '[role="banner"], footer, [role="contentinfo"], aside, [role="complementary"]').length;
  const contentStart = main || document.querySelector('h1') || null;
  const before = contentStart ? items.filter(el => contentStart.compareDocumentPosition(el) &
    Node.DOCUMENT_POSITION_PRECEDING && !contentStart.contains(el)).length : null;
  return {count: items.length, positive, structure: {main: !!main, landmarks,
    headings: document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role="heading"]').length,
    nav: !!document.querySelector('nav, [role="navigation"]'), before_content: before,
    links: document.querySelectorAll('a[href]').length}};
}
"""

STEP_JS = KB_JS + r"""
async () => { const K = window.__wzaKb; if (!K) return {gone: true}; return await __kbStep(K, true); }
"""

SKIP_FIND_JS = KB_JS + r"""
(window_) => {
  const K = window.__wzaKb; if (!K) return null;
  const order = K.items.map((el, i) => ({el, i, t: el.tabIndex}))
    .sort((a, b) => (a.t > 0 ? a.t : 1e9) - (b.t > 0 ? b.t : 1e9) || a.i - b.i).slice(0, window_);
  for (const {el, i} of order) {
    if (el.tagName !== 'A') continue;
    const href = el.getAttribute('href') || '';
    if (!href.startsWith('#') || href.length < 2 || href === '#top') continue;
    let id = href.slice(1); try { id = decodeURIComponent(id); } catch (e) {}
    const target = document.getElementById(id) || document.getElementsByName(id)[0] || null;
    const targetVisible = !!target && target.getClientRects().length > 0 &&
      getComputedStyle(target).visibility !== 'hidden';
    K.skip = {link: el, target};
    return {selector: sel(el), html: snippet(el), href, position: i, target: target ? sel(target) : null,
            target_visible: targetVisible, text: (el.innerText || el.textContent || '').trim().slice(0, 60)};
  }
  return null;
}
"""

SKIP_FOCUS_JS = """() => { const K = window.__wzaKb; K.skip.link.focus(); return document.activeElement === K.skip.link; }"""

SKIP_AFTER_JS = r"""
() => {
  const K = window.__wzaKb; const {target} = K.skip; const el = document.activeElement;
  const r = target.getBoundingClientRect();
  const moved = !!el && el !== document.body && (el === target || target.contains(el) ||
    !!(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
  return {focus_after: moved, target_in_view: r.bottom > 0 && r.top < innerHeight};
}
"""

RESTORE_JS = r"""
() => {
  const K = window.__wzaKb; if (!K) return;
  document.removeEventListener('focus', K.onFocusIn, true);
  window.removeEventListener('keyup', K.onKeyUp, true);
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  if (location.href !== K.url) { try { history.replaceState(history.state, '', K.url); } catch (e) {} }
  window.scrollTo(K.scroll[0], K.scroll[1]);
  delete window.__wzaKb;
}
"""

# Non-interactive elements that could carry a click listener, pointer-cursor ones and those with onclick first.
CANDIDATES_JS = HELPERS + r"""
(() => {
  const interactive = 'a[href], area[href], button, input, select, textarea, summary, label, option, iframe, ' +
    'audio[controls], video[controls], [contenteditable=""], [contenteditable="true"]';
  const out = [], seen = new Set();
  const add = (el) => { if (out.length < %(cap)d && !seen.has(el)) { seen.add(el); out.push(el); } };
  const ok = (el) => !el.matches(interactive) && !el.closest('a[href], button, summary, label') && visible(el);
  for (const el of document.querySelectorAll('body [onclick], body [onmousedown], body [onmouseup]')) if (ok(el)) add(el);
  const all = document.body ? document.body.querySelectorAll('*') : [];
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'BR', 'HR', 'svg', 'path', 'OPTION']);
  const rest = [];
  for (const el of all) { if (skip.has(el.tagName) || !ok(el)) continue;
    const pointer = getComputedStyle(el).cursor === 'pointer' &&
      !(el.parentElement && getComputedStyle(el.parentElement).cursor === 'pointer');
    if (pointer) add(el); else if (rest.length < %(cap)d) rest.push(el); }
  for (const el of rest) add(el);
  window.__wzaClickCandidates = out;
  return out.length;
})()
""" % {"cap": MAX_LISTENER_CANDIDATES}

# Called on the document with the listening nodes: whether the document or body listens (delegation), and the
# listening nodes that are candidates, described, in the candidates' order (the first ``max``): [argument index, facts].
DESCRIBE_JS = "function (max, ...nodes) {" + HELPERS + r"""
  const cands = window.__wzaClickCandidates || [];
  const at = new Map(cands.map((el, i) => [el, i]));
  const delegated = nodes.some(n => n === document || n === document.body);
  const hits = nodes.map((n, k) => [at.has(n) ? at.get(n) : -1, k]).filter(([i]) => i >= 0).sort((a, b) => a[0] - b[0]);
  const fq = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]), iframe';
  const describe = (el) => {
    const focusable = el.hasAttribute('tabindex') || el.isContentEditable;
    const tabbable = el.tabIndex >= 0 && focusable;
    const inner = !!el.querySelector(fq);
    const outer = !!(el.parentElement && el.parentElement.closest(fq));
    const r = el.getBoundingClientRect();
    return {selector: sel(el), html: snippet(el), tag: el.tagName.toLowerCase(), role: el.getAttribute('role'),
            tabindex: el.getAttribute('tabindex'), focusable, tabbable, focusable_inside: inner,
            focusable_around: outer, w: Math.round(r.width), h: Math.round(r.height),
            text: (el.innerText || el.getAttribute('alt') || '').trim().slice(0, 60)};
  };
  return {delegated, found: hits.slice(0, max).map(([, k]) => [k, describe(nodes[k])])};
}
"""

LISTENED = {"click", "mousedown", "mouseup", "pointerdown", "pointerup", "keydown", "keyup", "keypress"}


def _stuck(keys: list[str], reached: int, total: int) -> list[str] | None:
    """The cycle focus is stuck in (its keys), or None: the last STUCK_REPEATS periods of length <= 3 equal,
    while fewer elements were reached than there are."""
    if reached >= total:
        return None
    for period in (1, 2, 3):
        span = period * STUCK_REPEATS
        if len(keys) < span:
            continue
        tail = keys[-span:]
        cycle = tail[:period]
        if "body" in cycle or len(set(cycle)) != period:
            continue
        if all(tail[i] == cycle[i % period] for i in range(span)):
            return cycle
    return None


def _pixels_differ(a: bytes, b: bytes) -> int:
    """Count of pixels that differ visibly between two PNG screenshots of the same clip."""
    if a == b:
        return 0
    from PIL import Image, ImageChops

    ia, ib = Image.open(io.BytesIO(a)).convert("RGB"), Image.open(io.BytesIO(b)).convert("RGB")
    if ia.size != ib.size:
        return ia.size[0] * ia.size[1]
    diff = ImageChops.difference(ia, ib).convert("L").point(lambda v: 255 if v > 24 else 0)
    return diff.histogram()[255]


def _clip(info: dict, viewport: dict) -> dict | None:
    c = info["clip"]
    x1, y1 = max(0.0, c["x"] - PIXEL_PAD), max(0.0, c["y"] - PIXEL_PAD)
    x2, y2 = min(viewport["width"], c["x"] + c["w"] + PIXEL_PAD), min(viewport["height"], c["y"] + c["h"] + PIXEL_PAD)
    if x2 - x1 < 2 or y2 - y1 < 2:
        return None
    return {"x": x1, "y": y1, "width": x2 - x1, "height": y2 - y1}


class _Walk:
    """The steps of one Tab walk as they come (from a slow or a batched walk), and when to stop."""

    def __init__(self, count: int):
        self.count = count
        self.bound = min(2 * count + 2, MAX_STEPS)
        self.steps: list[dict] = []
        self.keys: list[str] = []
        self.reached: set[int] = set()
        self.passed_end = False
        self.stuck: dict | None = None
        self.pixel_wanted: dict[str, dict] = {}  # selector -> {index, clip, scroll}: no style changed on focus

    def add(self, info: dict, viewport: dict) -> bool:
        """Take one step; True when the walk is over (focus stuck, standing still, or the cycle walked)."""
        key = "body" if info.get("body") else info["selector"]
        index = (info.get("removed") or {}).get("index", -1) if info.get("body") else info.get("index", -1)
        if index >= 0:
            self.reached.add(index)
        if info.get("body") and not info.get("removed"):
            self.passed_end = True  # focus left the document's last element: the next Tab starts over
        if (not info.get("body") and not info.get("frame") and info.get("changed") == [] and not info.get("hidden")
                and info.get("in_viewport") and info.get("index", -1) >= 0 and key not in self.pixel_wanted
                and len(self.pixel_wanted) < MAX_PIXEL_CHECKS):
            clip = _clip(info, viewport)
            if clip:
                self.pixel_wanted[key] = {"index": info["index"], "clip": clip, "scroll": info["scroll"]}
        info.pop("clip", None)
        self.steps.append(info)
        self.keys.append(key)
        if self.keys[-3:] == ["body"] * 3 and not any(s.get("removed") for s in self.steps[-3:]):
            return True  # focus does not move
        cycle = _stuck(self.keys, len(self.reached), self.count)
        if cycle:
            self.stuck = {"cycle": cycle, "reached": len(self.reached), "total": self.count}
            return True
        # the whole cycle walked, and back at its start
        return (len(self.reached) >= self.count or self.passed_end) and len(self.keys) > 1 and key == self.keys[0]


_TAB = {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9, "nativeVirtualKeyCode": 9}
TAKE_RECORDS_JS = """() => { const K = window.__wzaKb; if (!K) return null;
  const r = K.records; K.records = []; return r; }"""
START_JS = """(recording) => { const K = window.__wzaKb;
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  window.scrollTo(0, 0); K.log.length = 0; K.seen = 0; K.records = []; K.recording = recording; }"""


async def _walk(page, count: int, navigated: list[str]) -> dict:
    """Press Tab up to the bound and record each step: batched where it can be, else one press at a time."""
    viewport = page.viewport_size or {"width": 1280, "height": 800}
    walk = await _walk_batched(page, count, navigated, viewport)
    if walk is None and not navigated:
        walk = await _walk_slowly(page, count, navigated, viewport)
    if walk is None:
        return {"bound": min(2 * count + 2, MAX_STEPS), "steps": [], "stuck": None, "reached": 0, "pixel": {}}
    if walk.stuck and not navigated:
        walk.stuck["escapes_backward"] = await _escapes_backward(page, walk.stuck["cycle"], navigated)
        if not walk.stuck["escapes_backward"] and not navigated and \
                await _escapes_with_escape(page, walk.stuck["cycle"], navigated):
            walk.stuck["escapes_with_escape"] = True
    pixel = await _pixel_checks(page, walk.pixel_wanted) if walk.pixel_wanted and not navigated else {}
    return {"bound": walk.bound, "steps": walk.steps, "stuck": walk.stuck, "reached": len(walk.reached),
            "pixel": pixel, "batched": walk.batched}


async def _walk_batched(page, count: int, navigated: list[str], viewport: dict) -> _Walk | None:
    """Tab presses sent BATCH at a time through CDP without waiting for each (Chromium handles them in order;
    one round trip per batch instead of three per press), each step recorded in the page on its keyup. None when
    a step cannot be judged this way: an element still sliding in, or a step unrecorded (focus inside a frame
    sends the keyup to the frame's document); the caller then walks slowly."""
    walk = _Walk(count)
    walk.batched = True
    session = await page.context.new_cdp_session(page)
    try:
        await page.evaluate(START_JS, True)
        sent = 0
        # a walk with nothing unusual ends after count + 2 presses (every element, out of the document, back at the
        # first): the batches stop there first, then go on to the bound. Sent in twenties to the bound, a 19-element
        # page got 40 presses for its 21 steps (each ~4.5 ms of CPU in Chromium, the driver and here)
        expected_end = min(count + 2, walk.bound)
        while sent < walk.bound:
            n = min(BATCH, (expected_end if sent < expected_end else walk.bound) - sent)
            await asyncio.gather(*(session.send("Input.dispatchKeyEvent", {"type": kind, **_TAB})
                                   for _ in range(n) for kind in ("rawKeyDown", "keyUp")))
            sent += n
            records = await page.evaluate(TAKE_RECORDS_JS)
            if navigated or records is None:
                if records is None:
                    navigated.append(page.url)
                return walk
            if len(records) != n or any(r.get("moving") for r in records):
                await page.evaluate(START_JS, False)
                return None
            for info in records:
                if walk.add(info, viewport):
                    return walk
        return walk
    finally:
        try:
            await page.evaluate("() => { if (window.__wzaKb) window.__wzaKb.recording = false; }")
            await session.detach()
        except Exception:  # the page went away
            pass


async def _walk_slowly(page, count: int, navigated: list[str], viewport: dict) -> _Walk | None:
    """One Tab press, then one look at the page, at a time: for frames, and for elements that slide in on focus
    (the look waits for their animation)."""
    walk = _Walk(count)
    walk.batched = False
    await page.evaluate(START_JS, False)
    for _ in range(walk.bound):
        await page.keyboard.press("Tab")
        if navigated:
            break
        info = await page.evaluate(STEP_JS)
        if info.get("gone"):
            navigated.append(page.url)
            break
        if walk.add(info, viewport):
            break
    return walk


async def _escapes_backward(page, cycle: list[str], navigated: list[str]) -> bool:
    """Whether Shift+Tab gets focus out of the cycle it is stuck in (an attempt to navigate counts as out)."""
    return await _presses_leave(page, "Shift+Tab", cycle, navigated, navigating_leaves=True)


async def _escapes_with_escape(page, cycle: list[str], navigated: list[str]) -> bool:
    """Whether Escape, then Tab, gets focus out: a standard way out (a modal dialog closes on it, ACT a1b64e)."""
    await page.keyboard.press("Escape")
    return await _presses_leave(page, "Tab", cycle, navigated, navigating_leaves=False)


async def _presses_leave(page, key: str, cycle: list[str], navigated: list[str], navigating_leaves: bool) -> bool:
    """Whether pressing ``key`` up to ``STUCK_REPEATS`` times takes focus out of ``cycle`` (to another element, to
    the browser past the document's end, or away with the document)."""
    for _ in range(STUCK_REPEATS):
        await page.keyboard.press(key)
        if navigated:
            return navigating_leaves
        step = await page.evaluate(STEP_JS)
        if step.get("gone") or (step.get("body") and not step.get("removed")) or step.get("selector") not in cycle:
            return True
    return False


REFOCUS_JS = """([index, x, y]) => { const K = window.__wzaKb; const el = K && K.items[index];
  if (!el) return false; el.focus({preventScroll: true}); window.scrollTo(x, y);
  return document.activeElement === el; }"""


async def _pixel_checks(page, wanted: dict[str, dict]) -> dict[str, dict]:
    """Elements whose styles did not change on focus, photographed focused and then not, pixels compared. Focus is
    put back on each by script: after Tab presses Chromium shows a focus ring for it as for the keyboard
    (:focus-visible), and the page's own keyboard-focus scripts have seen the keys."""
    focused: dict[str, bytes] = {}
    for key, want in wanted.items():
        if await page.evaluate(REFOCUS_JS, [want["index"], *want["scroll"]]):
            focused[key] = await page.screenshot(clip=want["clip"])
    await page.evaluate("() => { if (document.activeElement && document.activeElement.blur) "
                        "document.activeElement.blur(); }")
    pixel = {}
    for key, shot in focused.items():
        want = wanted[key]
        await page.evaluate("([x, y]) => window.scrollTo(x, y)", want["scroll"])
        pixel[key] = {"differ": _pixels_differ(shot, await page.screenshot(clip=want["clip"]))}
    return pixel


async def _skip_link(page, navigated: list[str]) -> dict | None:
    found = await page.evaluate(SKIP_FIND_JS, SKIP_LINK_WINDOW)
    if not found or not found["target"]:
        return found
    if not await page.evaluate(SKIP_FOCUS_JS):
        found["activated"] = False
        return found
    await page.keyboard.press("Enter")
    await page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    if navigated:
        return found
    await page.keyboard.press("Tab")
    if navigated:
        return found
    found.update(await page.evaluate(SKIP_AFTER_JS), activated=True)
    return found


async def _clickables(page) -> dict:
    """Elements with mouse or key listeners of their own (CDP), and whether the document or body listens.

    One ``DOMDebugger.getEventListeners`` over the whole document (``depth`` -1: every node's own listeners, each
    with its node's ``backendNodeId``) instead of one call per candidate: asking each of up to 300 candidates cost
    ~100 ms CPU per page in round trips. Only the nodes that listen are then resolved and matched to the
    candidates, in the candidates' order, as before."""
    session = await page.context.new_cdp_session(page)
    try:
        count = await session.send("Runtime.evaluate", {"expression": CANDIDATES_JS, "returnByValue": True})
        candidates = count.get("result", {}).get("value") or 0
        doc = await session.send("Runtime.evaluate", {"expression": "document", "objectGroup": "wza"})
        doc_id = doc.get("result", {}).get("objectId")
        if not doc_id:
            return {"clickables": [], "delegated": False, "candidates": candidates}
        got = await session.send("DOMDebugger.getEventListeners", {"objectId": doc_id, "depth": -1})
        types: dict[int, set[str]] = {}
        for x in got.get("listeners", []):
            if x["type"] in LISTENED and x.get("backendNodeId"):
                types.setdefault(x["backendNodeId"], set()).add(x["type"])
        nodes = list(types)

        async def resolve(backend_id: int) -> str | None:
            try:
                r = await session.send("DOM.resolveNode", {"backendNodeId": backend_id, "objectGroup": "wza"})
            except Exception:  # the node went away meanwhile
                return None
            return r.get("object", {}).get("objectId")

        oids = await asyncio.gather(*(resolve(n) for n in nodes))
        kept = [(n, oid) for n, oid in zip(nodes, oids) if oid]
        if not kept:
            return {"clickables": [], "delegated": False, "candidates": candidates}
        desc = await session.send("Runtime.callFunctionOn", {
            "objectId": doc_id, "functionDeclaration": DESCRIBE_JS, "returnByValue": True,
            "arguments": [{"value": MAX_CLICKABLES}, *({"objectId": oid} for _, oid in kept)]})
        value = desc.get("result", {}).get("value") or {}
        found = []
        for at, item in value.get("found", []):  # in the candidates' order
            item["listeners"] = sorted(types[kept[at][0]])
            found.append(item)
        return {"clickables": found, "delegated": bool(value.get("delegated")), "candidates": candidates}
    finally:
        try:
            await session.send("Runtime.releaseObjectGroup", {"objectGroup": "wza"})
            await session.send("Runtime.evaluate", {"expression": "delete window.__wzaClickCandidates"})
            await session.detach()
        except Exception:  # the page went away: nothing to release
            pass


async def collect(page) -> dict:
    navigated: list[str] = []
    start_url = page.url

    def on_nav(frame) -> None:
        if frame == page.main_frame and frame.url.split("#")[0] != start_url.split("#")[0]:
            navigated.append(frame.url)

    async def block(route) -> None:
        req = route.request
        if req.is_navigation_request() and req.frame == page.main_frame:
            navigated.append(req.url)
            await route.fulfill(status=204, body="")  # "No Content": the browser stays on the page (abort would
            # show an error page in its place)
        else:
            await route.fallback()

    page.on("framenavigated", on_nav)
    await page.route("**/*", block)
    out: dict[str, Any] = {}
    try:
        prep = await page.evaluate(PREP_JS)
        out.update(focusable_count=prep["count"], positive_tabindex=prep["positive"], structure=prep["structure"])
        if prep["count"]:
            out.update(await _walk(page, prep["count"], navigated))
            if not navigated:
                out["skip_link"] = await _skip_link(page, navigated)
        if not navigated:
            try:
                out.update(await _clickables(page))
            except Exception as exc:  # CDP is Chromium's; another engine has no listener data
                out["clickables_error"] = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    finally:
        out["navigated"] = navigated[0] if navigated else None
        await page.unroute("**/*", block)
        page.remove_listener("framenavigated", on_nav)
        try:  # a navigation the route blocked leaves the document in place: put it back too
            await page.evaluate(RESTORE_JS)
        except Exception:  # the page did navigate: nothing of ours is left in it
            pass
    return out


PROBE = Probe(name="keyboard", group="keyboard", collect=collect, per_template=True)
