"""The ``phone`` probe (group ``content``): what the phone checks need, read once in the loaded page.

- ``phone``: whether the page was opened as on a phone (touch screen: ``scan --device``); on a desktop the phone
  rules are inapplicable.
- ``targets``: the controls a finger must hit (links, buttons, form fields, ARIA widgets, click handlers' usual
  roles), visible, with their size in CSS px; links inside a line of text are left out (WCAG 2.5.5's inline
  exception). The first ``MAX_REPORTED`` below ``TARGET_MIN`` px in width or height, and how many were checked.
- ``small_text``: elements holding visible text whose font size is below ``TEXT_MIN`` px, the first
  ``MAX_REPORTED``, and how many text elements were checked.

Nothing on the page is changed. The walk is bounded (``MAX_ELEMENTS``).
"""
from __future__ import annotations

from scanner.probes import Probe
from scanner.probes._js import HELPERS

MAX_ELEMENTS = 3000
MAX_REPORTED = 20
TARGET_MIN = 44  # CSS px: WCAG 2.5.5 (AAA) and the MIIT spec's 44 x 44 (dp on a phone, where 1 dp = 1 CSS px)
TEXT_MIN = 12  # CSS px: the smallest text size Chinese mobile UI guidance allows (see wza-text-size-min)

PHONE_JS = HELPERS + r"""
(o) => {
  const body = document.body;
  const phone = (matchMedia('(pointer: coarse)').matches || navigator.maxTouchPoints > 0);
  if (!body) return {phone, viewport_width: innerWidth, targets: {checked: 0, small: []}, small_text: {checked: 0, small: []}};
  const all = Array.from(body.getElementsByTagName('*')).slice(0, o.maxElements);
  const isTarget = (el) => el.matches('a[href], button, select, textarea, summary, input:not([type=hidden]), ' +
      '[role=button], [role=link], [role=checkbox], [role=radio], [role=tab], [role=menuitem], [role=switch], [onclick]');
  const inline = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const block = el.parentElement; if (!block) return false;
    const around = (block.innerText || '').replace(/\s+/g, '').length - (el.innerText || '').replace(/\s+/g, '').length;
    return around >= 10;  // other text in the same block: a link in a sentence
  };
  const small = []; let checked = 0;
  for (const el of all) {
    if (!isTarget(el) || !visible(el) || inline(el)) continue;
    if (el.parentElement && el.parentElement.closest('a[href], button')) continue;  // inside another target
    checked++;
    const r = el.getBoundingClientRect();
    const w = Math.round(r.width * 10) / 10, h = Math.round(r.height * 10) / 10;
    if ((w < o.targetMin || h < o.targetMin) && small.length < o.maxReported)
      small.push({selector: sel(el), html: snippet(el), width: w, height: h});
  }
  const tiny = []; let texts = 0;
  for (const el of all) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(el)) continue;
    texts++;
    const fs = parseFloat(getComputedStyle(el).fontSize);
    if (fs && fs < o.textMin && tiny.length < o.maxReported)
      tiny.push({selector: sel(el), html: snippet(el), font_size: fs, text: (el.innerText || '').trim().slice(0, 40)});
  }
  return {phone, viewport_width: innerWidth, targets: {checked, small}, small_text: {checked: texts, small: tiny}};
}
"""


async def collect(page) -> dict:
    return await page.evaluate(PHONE_JS, {"maxElements": MAX_ELEMENTS, "maxReported": MAX_REPORTED,
                                          "targetMin": TARGET_MIN, "textMin": TEXT_MIN})


PROBE = Probe(name="phone", group="content", collect=collect)
