"""JavaScript shared by the probes, prepended to each probe's script (a probe is one ``page.evaluate``)."""

# ``sel(el)``: the selector the static facts give an element (``scanner.static_facts.PageFacts.selector``):
# ``tag#id`` when the id is unique and plain, else an nth-of-type path from the nearest such ancestor or from
# ``html``. ``snippet(el)``: the element's opening tag, as findings show it. ``visible(el)``: rendered and not
# hidden.
HELPERS = r"""
const __safeId = /^[A-Za-z][A-Za-z0-9_-]*$/;
const __idCount = (id) => document.querySelectorAll('[id="' + id.replace(/"/g, '\\"') + '"]').length;
const sel = (el) => {
  const tag = el.tagName.toLowerCase();
  if (el.id && __safeId.test(el.id) && __idCount(el.id) === 1) return tag + '#' + el.id;
  const parent = el.parentElement;
  if (!parent || tag === 'html') return tag;
  if (tag === 'body' || tag === 'head') return sel(parent) + ' > ' + tag;
  const same = Array.from(parent.children).filter(c => c.tagName === el.tagName);
  const part = same.length === 1 ? tag : tag + ':nth-of-type(' + (same.indexOf(el) + 1) + ')';
  return sel(parent) + ' > ' + part;
};
const snippet = (el) => { const h = el.outerHTML || ''; const end = h.indexOf('>'); return (end > 0 ? h.slice(0, end + 1) : h).slice(0, 300); };
const visible = (el) => { const s = getComputedStyle(el); if (s.display === 'none' || s.visibility === 'hidden') return false;
  const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
"""
