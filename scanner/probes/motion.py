"""The ``motion`` probe: media that plays by itself (WCAG 1.4.2) and content that moves, blinks or scrolls by
itself (2.2.2), from the page as it runs.

- ``media``: each ``<audio>`` and ``<video>``: its ``autoplay``, ``muted``, ``loop`` and ``controls``, duration,
  source URL (its media fragment ``#t=`` limits what plays), whether it is playing, whether Chromium decoded audio
  from it, and, for one that would play sound unasked with no control, the loudest sample of its sound track
  (``peak``: fetched and decoded by Web Audio in the page; null when that is not possible). Headless Chromium's autoplay policy may block
  unmuted autoplay, so the ``autoplay`` attribute is read as well as the playing state (a visitor's browser that
  allows it, after earlier visits to the site, plays it).
- ``moving``: ``<marquee>`` and ``<blink>``; running Web Animations (CSS animations and transitions) that repeat
  forever or last more than 5 s; and elements that moved, appeared or disappeared between snapshots taken over
  ``WINDOW_MS`` (JavaScript carousels and tickers). The snapshots are taken only on pages that show a sign of
  motion at the first look (a running animation, a marquee, a ticker that scrolls inside a clipped box, or an
  element whose id or class names a carousel, slider or ticker): the window costs its length in wall time, and a
  page without any of those pays none of it. A page whose carousels and tickers (by selector and class) are
  those of a page of the same site watched in the same browser context (a scan's tab) in the last ten minutes is
  not watched again (``same_as`` names that page: a template's carousel is judged once, where it was watched).
  Movement that begins or changes less often than the window is missed.
- ``controls``: buttons and links whose name or title says pause, stop, play or mute (暂停、停止、播放、静音...),
  and the carousel's own unnamed controls, near each moving element.
"""
from __future__ import annotations

import asyncio
import time
import weakref
from urllib.parse import urlsplit

from scanner.probes import Probe
from scanner.probes._js import HELPERS

WINDOW_MS = 1200  # the snapshots: at 0, WINDOW_MS / 2 and WINDOW_MS
MAX_ITEMS = 20
MAX_TRACKED = 400  # elements whose boxes are compared between snapshots
WATCH_TTL = 600.0  # seconds: a template's carousels are watched again after this (a later scan, a changed site)
# per browser context (one per tab, for one scan): (host, the carousels' selectors and classes, the media
# playing) -> (the first page watched with them, when)
_WATCHED: "weakref.WeakKeyDictionary[object, dict[tuple, tuple[str, float]]]" = weakref.WeakKeyDictionary()

PAUSE_WORDS = r"暂停|停止|静音|关闭声音|关闭音乐|关闭背景音乐|pause|stop|mute"  # controls of sound that plays
CONTROL_WORDS = PAUSE_WORDS + r"|播放|play"  # of moving content: a play/pause toggle may read "play" when paused
# an id or class token that names a carousel, slider or ticker (a token, so scroll-top or site-banner do not count)
MOTION_HINT = (r"^(.*(carousel|swiper|slick|lunbo|marquee|ticker|gundong|slider|slideshow).*|slides?|roll.*"
               r"|scroll-?(news|list|box|text|notice|wrap|pic|img)|focus-?(pic|img|news|box)|owl-.*)$")

MEDIA_JS = HELPERS + r"""
(controlWords) => {
  const words = new RegExp(controlWords, 'i');
  const name = (el) => ((el.getAttribute('aria-label') || '') + ' ' + (el.getAttribute('title') || '') + ' ' +
                        (el.innerText || el.value || '') + ' ' +
                        Array.from(el.querySelectorAll('img[alt]')).map(i => i.alt).join(' ')).trim();
  const controls = Array.from(document.querySelectorAll('button, [role=button], a[href], input[type=button], input[type=image]'))
    .filter(b => words.test(name(b)) && visible(b)).map(b => ({selector: sel(b), name: name(b).slice(0, 40)}));
  const media = Array.from(document.querySelectorAll('audio, video')).slice(0, 20).map(m => ({
    selector: sel(m), html: snippet(m), tag: m.tagName.toLowerCase(),
    autoplay: m.hasAttribute('autoplay'), muted: m.muted, loop: m.loop, controls: m.hasAttribute('controls'),
    duration: Number.isFinite(m.duration) ? Math.round(m.duration * 10) / 10 : (Number.isNaN(m.duration) ? null : -1),
    paused: m.paused, current_time: Math.round(m.currentTime * 10) / 10, ready: m.readyState,
    audio_bytes: m.webkitAudioDecodedByteCount === undefined ? null : m.webkitAudioDecodedByteCount,
    visible: visible(m), src: (m.currentSrc || m.src || '').slice(0, 300),
  }));
  return {media, controls};
}
"""

# The loudest sample of a media file's sound track, decoded by the page's own Web Audio (fetched same-origin or
# with CORS, at most MAX_DECODE_BYTES, the first DECODE_SECONDS): a track of silence is not sound that plays. null
# when it cannot be fetched or decoded (cross-origin, too large, no audio track, a stream): nothing is concluded.
MAX_DECODE_BYTES = 8_000_000
DECODE_SECONDS = 60
PEAK_JS = r"""
async ({src, maxBytes, seconds}) => {
  try {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), 4000);
    const res = await fetch(src.split('#')[0], {signal: ctrl.signal});
    const size = Number(res.headers.get('content-length') || 0);
    if (!res.ok || size > maxBytes) { clearTimeout(timer); return null; }
    const buf = await res.arrayBuffer();
    clearTimeout(timer);
    if (buf.byteLength > maxBytes) return null;
    const audio = await new OfflineAudioContext(1, 1, 44100).decodeAudioData(buf);
    let peak = 0;
    const n = Math.min(audio.length, Math.round(seconds * audio.sampleRate));
    for (let c = 0; c < audio.numberOfChannels; c++) {
      const d = audio.getChannelData(c);
      for (let i = 0; i < n; i++) { const v = Math.abs(d[i]); if (v > peak) peak = v; }
    }
    return Math.round(peak * 1e5) / 1e5;
  } catch (e) { return null; }
}
"""

SNAPSHOT_JS = HELPERS + r"""
({hint, maxItems, maxTracked, first}) => {
  const hintRe = new RegExp(hint, 'i');
  const out = {};
  const visibleText = (el) => visible(el);
  if (first) {
    out.marquee = Array.from(document.querySelectorAll('marquee, blink')).filter(visible).slice(0, maxItems)
      .map(el => ({selector: sel(el), html: snippet(el), tag: el.tagName.toLowerCase(),
                   text: (el.innerText || '').trim().slice(0, 60)}));
    const anims = [];
    for (const a of (document.getAnimations ? document.getAnimations() : [])) {
      if (a.playState !== 'running' || !a.effect || !a.effect.target) continue;
      const t = a.effect.getComputedTiming();
      const total = t.iterations === Infinity ? Infinity : (t.delay || 0) + t.activeDuration;
      if (total <= 5000) continue;
      let el = a.effect.target;
      if (!(el instanceof Element)) continue;
      if (!visibleText(el)) continue;
      const r = el.getBoundingClientRect();
      anims.push({selector: sel(el), html: snippet(el), name: a.animationName || a.transitionProperty || a.id || '',
                  kind: a.constructor.name, infinite: t.iterations === Infinity,
                  seconds: total === Infinity ? null : Math.round(total / 100) / 10,
                  width: Math.round(r.width), height: Math.round(r.height)});
      if (anims.length >= maxItems) break;
    }
    out.animations = anims;
  }
  // candidates for the snapshots: elements naming a carousel or ticker, and boxes that clip content that
  // overflows them (tickers that scroll by scrollTop/scrollLeft), with their descendants
  const tracked = [], roots = [];
  const seen = new Set();
  const add = (el) => { if (tracked.length < maxTracked && !seen.has(el)) { seen.add(el); tracked.push(el); } };
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    if (tracked.length >= maxTracked) break;
    const cls = typeof el.className === 'string' ? el.className : (el.getAttribute('class') || '');
    // a carousel holds slides: two children at least (a role=slider control is not one)
    let candidate = el.children.length >= 2 && el.getAttribute('role') !== 'slider' &&
                    (el.id + ' ' + cls).split(/\s+/).some(t => t && hintRe.test(t));
    if (!candidate && el.children.length && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
      const s = getComputedStyle(el);
      candidate = (s.overflowX === 'hidden' || s.overflowY === 'hidden') && el.clientHeight > 0;
    }
    if (candidate && !seen.has(el)) { roots.push(sel(el) + '.' + cls); add(el); for (const d of el.querySelectorAll('*')) add(d); }
  }
  out.roots = roots.slice(0, 20);
  out.boxes = tracked.map(el => { const r = el.getBoundingClientRect();
    return [sel(el), Math.round(r.left + scrollX), Math.round(r.top + scrollY), Math.round(r.width), Math.round(r.height),
            el.scrollLeft, el.scrollTop, visible(el) ? 1 : 0, getComputedStyle(el).opacity]; });
  out.scroll = [scrollX, scrollY];
  return out;
}
"""

# The elements that changed between snapshots: the outermost ones, each with the controls near it.
CHANGED_JS = HELPERS + r"""
({selectors, controlWords, maxItems, exclude}) => {
  const words = new RegExp(controlWords, 'i');
  // elements inside or around one already reported (a marquee, an animation) are that one's movement
  const known = (exclude || []).map(s => document.querySelector(s)).filter(Boolean);
  const els = selectors.map(s => document.querySelector(s)).filter(Boolean)
    .filter(el => !known.some(k => k.contains(el) || el.contains(k)));
  const outer = els.filter(el => !els.some(o => o !== el && o.contains(el)));
  const name = (el) => ((el.getAttribute('aria-label') || '') + ' ' + (el.getAttribute('title') || '') + ' ' +
                        (el.innerText || el.value || '')).trim();
  const controlsNear = (el) => {
    // the moving element's container, up to two levels up (not main or body: the whole page)
    let scope = el;
    for (let i = 0; i < 2 && scope.parentElement && !['body', 'main'].includes(scope.parentElement.tagName.toLowerCase()); i++)
      scope = scope.parentElement;
    const all = Array.from(scope.querySelectorAll('button, [role=button], a[href], input[type=button]')).filter(visible);
    // besides controls named pause/stop/play: the carousel's own arrows and dots (buttons, links that go nowhere)
    const local = (b) => b.tagName !== 'A' || /^(#|javascript:)/i.test(b.getAttribute('href') || '');
    return {named: all.filter(b => words.test(name(b))).map(b => sel(b)).slice(0, 5),
            other: all.filter(b => !words.test(name(b)) && !el.contains(b) && local(b)).length};
  };
  return outer.slice(0, maxItems).map(el => ({selector: sel(el), html: snippet(el),
    text: (el.innerText || '').trim().slice(0, 60), ...controlsNear(el),
    members: selectors.filter((s, i) => { const e = document.querySelector(s); return e && el.contains(e); })}));
}
"""


def _changed(snapshots: list[dict]) -> dict[str, int]:
    """Tracked elements whose box, scroll offset, visibility or opacity changed between consecutive snapshots:
    selector -> in how many of the intervals (a page scrolled meanwhile is not compared)."""
    if len(snapshots) < 2 or any(s["scroll"] != snapshots[0]["scroll"] for s in snapshots):
        return {}
    changed: dict[str, int] = {}
    for before_snap, snap in zip(snapshots, snapshots[1:]):
        before = {b[0]: b[1:] for b in before_snap["boxes"]}
        for box in snap["boxes"]:
            was = before.get(box[0])
            if was is not None and list(was) != list(box[1:]):
                changed[box[0]] = changed.get(box[0], 0) + 1
    return changed


async def collect(page) -> dict:
    media = await page.evaluate(MEDIA_JS, PAUSE_WORDS)
    for m in media["media"]:  # sound that could play unasked with no control: is its track silent?
        if (m["autoplay"] or not m["paused"]) and not m["muted"] and not m["controls"] and m["src"] \
                and not media["controls"]:
            m["peak"] = await page.evaluate(PEAK_JS, {"src": m["src"], "maxBytes": MAX_DECODE_BYTES,
                                                      "seconds": DECODE_SECONDS})
    args = {"hint": MOTION_HINT, "maxItems": MAX_ITEMS, "maxTracked": MAX_TRACKED, "first": True}
    first = await page.evaluate(SNAPSHOT_JS, args)
    snapshots = [first]
    window, same_as = 0, None
    # marquees and animations are judged from the first look; the window is for carousels, tickers and sound
    playing = [m["selector"] for m in media["media"] if not m["paused"] and not m["muted"]]
    signs = bool(first["boxes"] or playing)
    if signs:
        # the same carousels and tickers (by selector and class) as on a page of this site already watched: the
        # template's movement was judged there; not watched again (the window is the probe's whole cost)
        key = (urlsplit(page.url).netloc, tuple(first["roots"]), tuple(playing))
        watched = _WATCHED.setdefault(page.context, {})
        seen = watched.get(key)
        now = time.monotonic()
        if seen is not None and now - seen[1] < WATCH_TTL:
            same_as = seen[0]
        else:
            watched[key] = (page.url, now)
    if signs and same_as is None:
        args["first"] = False
        for _ in range(2):
            await asyncio.sleep(WINDOW_MS / 2000)
            snapshots.append(await page.evaluate(SNAPSHOT_JS, args))
        window = WINDOW_MS
        # media state after the window: still playing, how far it got
        later = await page.evaluate(MEDIA_JS, PAUSE_WORDS)
        for m, l in zip(media["media"], later["media"]):
            m["paused_later"], m["time_later"], m["audio_bytes"] = l["paused"], l["current_time"], l["audio_bytes"]
    changed = _changed(snapshots)
    fixed = [m["selector"] for m in first["marquee"]] + [a["selector"] for a in first["animations"]]
    moved = await page.evaluate(CHANGED_JS, {"selectors": list(changed), "controlWords": CONTROL_WORDS,
                                             "maxItems": MAX_ITEMS, "exclude": fixed}) if changed else []
    for item in moved:  # in how many intervals it (or an element inside it) changed
        item["intervals"] = max(changed[s] for s in item.pop("members"))
        item.pop("index", None)
    # marquee and animations with the controls near them
    near = await page.evaluate(CHANGED_JS, {"selectors": fixed, "controlWords": CONTROL_WORDS,
                                            "maxItems": 2 * MAX_ITEMS}) if fixed else []
    near_by = {n["selector"]: n for n in near}
    for item in first["marquee"] + first["animations"]:
        n = near_by.get(item["selector"])
        item["named"], item["other"] = (n["named"], n["other"]) if n else ([], 0)
    for n in near:
        n.pop("members", None)
    return {"media": media["media"], "controls": media["controls"], "marquee": first["marquee"],
            "animations": first["animations"], "moved": moved, "window_ms": window,
            "tracked": len(first["boxes"]), "same_as": same_as}


PROBE = Probe(name="motion", group="motion", collect=collect)
