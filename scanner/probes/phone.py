"""The ``phone`` probe (group ``content``): what the phone checks need, read once in the loaded page.

- ``phone``: whether the page was opened as on a phone (touch screen: ``scan --device``); on a desktop the phone
  rules are inapplicable.
- ``targets``: the controls a finger must hit (links, buttons, form fields, ARIA widgets, click handlers' usual
  roles), visible, with their size in CSS px; links inside a line of text are left out (WCAG 2.5.5's inline
  exception). The first ``MAX_REPORTED`` below ``TARGET_MIN`` px in width or height, and how many were checked.
- ``small_text``: elements holding visible text whose font size is below ``TEXT_MIN`` px, the first
  ``MAX_REPORTED``, and how many text elements were checked.
- ``elder_targets`` / ``elder_text``: the same against the MIIT elder interface's bounds (``ELDER_TARGET_MIN``,
  ``ELDER_TEXT_MIN``), gathered on every phone page (one walk) and judged only on a scan that says its pages are
  an elder interface (``scan --elder``: the gatherer sets ``elder_mode``).

Nothing on the page is changed. The walk is bounded (``MAX_ELEMENTS``), and made only where the page was opened as
on a phone: on a desktop every phone rule is inapplicable, so the lists stay empty (``checked`` 0).
"""
from __future__ import annotations

from scanner.probes import Probe
from scanner.probes._js import HELPERS

MAX_ELEMENTS = 3000
MAX_REPORTED = 20
TARGET_MIN = 44  # CSS px: WCAG 2.5.5 (AAA) and the MIIT spec's 44 x 44 (dp on a phone, where 1 dp = 1 CSS px)
TEXT_MIN = 12  # CSS px: the smallest text size Chinese mobile UI guidance allows (see wza-text-size-min)
# MIIT app spec (../shared/standards/miit-elder.md): in the elder interface main components' clickable area at
# least 60 x 60 dp and main text at least 18 dp (1 dp = 1 CSS px on a phone page)
ELDER_TARGET_MIN = 60
ELDER_TEXT_MIN = 18

PHONE_JS = HELPERS + r"""
(o) => {
  const body = document.body;
  const phone = (matchMedia('(pointer: coarse)').matches || navigator.maxTouchPoints > 0);
  const none = {checked: 0, small: []};
  // on a desktop every phone rule is inapplicable whatever the walk finds (checks.web.content_checks), and the walk
  // (a computed style, and a parent's innerText, per control) ran on every page of every desktop scan: not made
  if (!body || !phone) return {phone, viewport_width: innerWidth, targets: none, small_text: none, elder_targets: none, elder_text: none};
  const all = Array.from(body.getElementsByTagName('*')).slice(0, o.maxElements);
  const isTarget = (el) => el.matches('a[href], button, select, textarea, summary, input:not([type=hidden]), ' +
      '[role=button], [role=link], [role=checkbox], [role=radio], [role=tab], [role=menuitem], [role=switch], [onclick]');
  const inline = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const block = el.parentElement; if (!block) return false;
    const around = (block.innerText || '').replace(/\s+/g, '').length - (el.innerText || '').replace(/\s+/g, '').length;
    return around >= 10;  // other text in the same block: a link in a sentence
  };
  const small = [], elderSmall = []; let checked = 0;
  for (const el of all) {
    if (!isTarget(el) || !visible(el) || inline(el)) continue;
    if (el.parentElement && el.parentElement.closest('a[href], button')) continue;  // inside another target
    checked++;
    const r = el.getBoundingClientRect();
    const w = Math.round(r.width * 10) / 10, h = Math.round(r.height * 10) / 10;
    if ((w < o.elderTargetMin || h < o.elderTargetMin) && elderSmall.length < o.maxReported)
      elderSmall.push({selector: sel(el), html: snippet(el), width: w, height: h});
    if ((w < o.targetMin || h < o.targetMin) && small.length < o.maxReported)
      small.push({selector: sel(el), html: snippet(el), width: w, height: h});
  }
  const tiny = [], elderTiny = []; let texts = 0;
  for (const el of all) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(el)) continue;
    texts++;
    const fs = parseFloat(getComputedStyle(el).fontSize);
    const item = () => ({selector: sel(el), html: snippet(el), font_size: fs, text: (el.innerText || '').trim().slice(0, 40)});
    if (fs && fs < o.elderTextMin && elderTiny.length < o.maxReported) elderTiny.push(item());
    if (fs && fs < o.textMin && tiny.length < o.maxReported) tiny.push(item());
  }
  return {phone, viewport_width: innerWidth, targets: {checked, small}, small_text: {checked: texts, small: tiny},
          elder_targets: {checked, small: elderSmall}, elder_text: {checked: texts, small: elderTiny}};
}
"""


async def collect(page) -> dict:
    return await page.evaluate(PHONE_JS, {"maxElements": MAX_ELEMENTS, "maxReported": MAX_REPORTED,
                                          "targetMin": TARGET_MIN, "textMin": TEXT_MIN,
                                          "elderTargetMin": ELDER_TARGET_MIN, "elderTextMin": ELDER_TEXT_MIN})


PROBE = Probe(name="phone", group="content", collect=collect)
