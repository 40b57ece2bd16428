"""The ``styles`` probe: the computed styles the content and 适老化 checks need, read once in the loaded page.

- ``line_height``: body-text paragraphs (``<p>`` of 30 or more visible characters, the first ``MAX_PARAGRAPHS``)
  whose line height is below 1.3 times their font size (the MIIT spec's floor), with ``explicit`` false where the
  page left it at ``normal`` (then measured: the font decides it).
- ``overlays``: fixed or (z-index >= 10) absolute elements covering 30% or more of the viewport at load, not
  the page's own content (they hold less than half its text), not a cookie or privacy notice, taking clicks.
- ``heading_like``: short blocks of text alone in their block, larger (1.25 x the body text, the font size carrying
  the most characters) or bold, followed by content, with no heading markup around them, each with how many
  heading elements follow it (``headings_after``); ``headings``: how many elements of the page are marked up as
  headings (h1-h6, role=heading).
- ``text_size_adjust``: ``-webkit-text-size-adjust`` / ``text-size-adjust`` of html and body, as computed.
- ``chinese``: whether the page is in Chinese (its lang, or most of its letters), which the 适老化 rules need.

Nothing is changed on the page but one hidden measuring element, removed before the probe returns. The walk is
bounded (``MAX_ELEMENTS``) so a huge page costs what a typical one does.
"""
from __future__ import annotations

from scanner.probes import Probe
from scanner.probes._js import HELPERS

MAX_ELEMENTS = 3000
MAX_PARAGRAPHS = 300
MAX_REPORTED = 20
LINE_HEIGHT_MIN = 1.3
OVERLAY_COVERAGE = 0.3
HEADING_SCALE = 1.25

STYLES_JS = HELPERS + r"""
(o) => {
  const body = document.body;
  if (!body) return {chinese: false, line_height: {checked: 0, low: []}, overlays: [], heading_like: [],
                     text_size_adjust: ''};
  const text = (body.innerText || '').slice(0, 50000);
  const cjk = (text.match(/[\u3400-\u9fff]/g) || []).length, latin = (text.match(/[A-Za-z]/g) || []).length;
  const lang = (document.documentElement.getAttribute('lang') || '').trim().toLowerCase();
  const chinese = lang ? lang.startsWith('zh') : (cjk > 0 && cjk >= latin);
  const all = Array.from(body.getElementsByTagName('*')).slice(0, o.maxElements);
  const styleOf = new Map();
  const st = (el) => { let s = styleOf.get(el); if (!s) { s = getComputedStyle(el); styleOf.set(el, s); } return s; };

  // paragraphs: line height, and the body text size the heading test compares with
  const meter = document.createElement('div');
  meter.setAttribute('aria-hidden', 'true');
  meter.style.cssText = 'position:absolute;visibility:hidden;left:-9999px;top:0;white-space:nowrap;line-height:normal';
  meter.innerHTML = '汉Ag<br>汉Ag';
  body.appendChild(meter);
  const normalCache = new Map();
  const normalHeight = (s) => {
    const key = s.fontFamily + '|' + s.fontSize + '|' + s.fontWeight;
    if (!normalCache.has(key)) {
      meter.style.fontFamily = s.fontFamily; meter.style.fontSize = s.fontSize; meter.style.fontWeight = s.fontWeight;
      normalCache.set(key, meter.getBoundingClientRect().height / 2);
    }
    return normalCache.get(key);
  };
  const paragraphs = all.filter(el => el.tagName === 'P').slice(0, o.maxParagraphs);
  const low = [];
  let checked = 0;
  for (const p of paragraphs) {
    const t = (p.innerText || '').trim();
    if (t.length < 30 || !visible(p)) continue;
    const s = st(p);
    const fs = parseFloat(s.fontSize);
    if (!fs) continue;
    checked++;
    const explicit = s.lineHeight !== 'normal';
    const lh = explicit ? parseFloat(s.lineHeight) : normalHeight(s);
    const ratio = Math.round(lh / fs * 100) / 100;
    if (ratio < o.minLineHeight && low.length < o.maxReported)
      low.push({selector: sel(p), html: snippet(p), ratio, explicit, font_size: fs});
  }
  meter.remove();
  // the body text size: the font size that carries the most characters (over the first text nodes)
  const chars = new Map();
  const tw = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  for (let n = tw.nextNode(); n && nodes < o.maxElements; n = tw.nextNode()) {
    const len = n.textContent.trim().length;
    if (!len || !n.parentElement) continue;
    nodes++;
    const fs = parseFloat(st(n.parentElement).fontSize);
    chars.set(fs, (chars.get(fs) || 0) + len);
  }
  let base = parseFloat(st(body).fontSize) || 16, most = 0;
  for (const [fs, n] of chars) if (n > most) { most = n; base = fs; }

  // overlays at load
  const vw = window.innerWidth, vh = window.innerHeight;
  const overlays = [];
  const flagged = [];
  for (const el of all) {
    if (overlays.length >= 5) break;
    const s = st(el);
    if (s.position !== 'fixed' && s.position !== 'absolute') continue;
    const z = parseInt(s.zIndex, 10);
    if (s.position === 'absolute' && !(z >= 10)) continue;
    if (s.pointerEvents === 'none' || parseFloat(s.opacity) < 0.1 || !visible(el)) continue;
    if (flagged.some(f => f.contains(el))) continue;
    const r = el.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
    const h = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
    const coverage = (w * h) / (vw * vh);
    if (coverage < o.overlayCoverage) continue;
    const own = (el.innerText || '').trim();
    if (own.length > 0.5 * text.length && text.length > 200) continue;  // the page's own content, positioned
    if (/cookie|隐私|privacy|consent/i.test(own.slice(0, 500))) continue;
    flagged.push(el);
    overlays.push({selector: sel(el), html: snippet(el), coverage: Math.round(coverage * 100),
                   z: isNaN(z) ? 0 : z, position: s.position, text: own.slice(0, 60)});
  }

  // text that looks like a heading
  const blockish = new Set(['block', 'table-cell', 'list-item', 'flex', 'grid']);
  const skip = 'h1,h2,h3,h4,h5,h6,[role=heading],a,button,label,th,caption,legend,summary,dt,nav,header,footer,' +
               '[role=navigation],[role=banner],[role=contentinfo],[role=button],[role=link],figcaption,' +
               'select,option,textarea';
  const headingLike = [];
  const marked = Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role=heading]'));
  const weight = (s) => parseInt(s.fontWeight, 10) || (s.fontWeight === 'bold' ? 700 : 400);
  for (const el of all) {
    if (headingLike.length >= o.maxReported) break;
    const s = st(el);
    if (!blockish.has(s.display)) continue;
    // the structural tests before innerText: a wrapper's innerText lays out and serialises its whole subtree, and
    // nearly every wrapper holds a link or a heading (the tests are all required, so their order changes nothing)
    if (el.closest(skip) || el.querySelector('a,button,input,select,textarea,img,svg,' +
        'h1,h2,h3,h4,h5,h6,[role=heading]')) continue;
    const t = (el.innerText || '').trim();
    if (t.length < 2 || t.length > 40 || t.includes('\n') || /[。.!?！？；;，,]$/.test(t)) continue;
    if (Array.from(el.querySelectorAll('*')).some(c => blockish.has(st(c).display))) continue;  // innermost block
    // the style of its text: the smallest size and weight over its text's elements
    let minSize = Infinity, minWeight = Infinity;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const ps = st(n.parentElement);
      minSize = Math.min(minSize, parseFloat(ps.fontSize)); minWeight = Math.min(minWeight, weight(ps));
    }
    if (minSize === Infinity) continue;
    const large = minSize >= o.headingScale * base;
    const bold = minWeight >= 600 && minSize >= base * 0.95;
    if (!large && !bold) continue;
    if (!visible(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || box.right <= 0 || box.bottom <= 0) continue;  // visually hidden
    if (/[:：]$/.test(t)) continue;  // a label ("Status:", "办理地点：")
    // followed by content: the next element after it (its own, or an ancestor's next sibling) with more text
    let next = null;
    for (let a = el, up = 0; a && a !== body && up < 4 && !next; a = a.parentElement, up++) {
      for (let sib = a.nextElementSibling; sib; sib = sib.nextElementSibling) {
        const st2 = (sib.innerText || '').trim();
        if (st2) { next = st2; break; }
      }
    }
    if (!next || next.length < Math.max(20, t.length * 2)) continue;
    // heading markup after it: none means the page's headings (a banner's h1) all stand before it
    const after = marked.filter(h => el.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING).length;
    headingLike.push({selector: sel(el), html: snippet(el), text: t, font_size: minSize, weight: minWeight,
                      base, large, bold, headings_after: after});
  }

  const root = st(document.documentElement), bs = st(body);
  const tsa = (s) => s.getPropertyValue('-webkit-text-size-adjust') || s.getPropertyValue('text-size-adjust') || '';
  const headings = marked.length;
  return {chinese, line_height: {checked, low, base_font_size: base}, overlays, heading_like: headingLike, headings,
          text_size_adjust: [tsa(root), tsa(bs)].filter(Boolean).join(' / '), elements: all.length,
          viewport: {width: vw, height: vh}};
}
"""


async def collect(page) -> dict:
    return await page.evaluate(STYLES_JS, {
        "maxElements": MAX_ELEMENTS, "maxParagraphs": MAX_PARAGRAPHS, "maxReported": MAX_REPORTED,
        "minLineHeight": LINE_HEIGHT_MIN, "overlayCoverage": OVERLAY_COVERAGE, "headingScale": HEADING_SCALE})


PROBE = Probe(name="styles", group="content", collect=collect)
