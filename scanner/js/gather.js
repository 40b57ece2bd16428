// Runs inside the scanned page, once per page: page facts and axe-core, in one round trip.
// axe itself is injected by the context's init script (scanner/axe.py), so it exists in every frame.
// The answer goes back as one JSON string: Playwright's structured serializer, and the Python client's
// validation of every nested value, cost more than the scan's own bookkeeping (bench/README.md).
async ({ runOnly, rules, timeoutMs, maxHtmlChars }) => {
  // The page's own scripts may have replaced JSON.stringify or, like Prototype.js 1.6, added toJSON to the
  // built-in prototypes (arrays would come back as strings): serialise with the copy the init script kept,
  // with those toJSONs set aside.
  const toJson = (value) => {
    const stringify = window.__wzaStringify || JSON.stringify;
    const own = [Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype]
      .filter((p) => Object.prototype.hasOwnProperty.call(p, "toJSON"))
      .map((p) => [p, Object.getOwnPropertyDescriptor(p, "toJSON")]);
    for (const [p] of own) delete p.toJSON;
    try {
      return stringify(value);
    } finally {
      for (const [p, d] of own) Object.defineProperty(p, "toJSON", d);
    }
  };
  const stale = window.__wzaStale === true;  // set on the previous document: it was never replaced
  window.__wzaStale = true;  // for the next gather on this tab: a new document will not have it
  const anchors = Array.from(document.querySelectorAll("a[href], area[href]"));
  const facts = {
    title: document.title,
    lang: document.documentElement ? document.documentElement.getAttribute("lang") : null,
    links: anchors.map((a) => a.href).filter((h) => typeof h === "string"),
    frames: Array.from(document.querySelectorAll("iframe[src], frame[src]")).map((f) => f.src),
    elementCount: document.getElementsByTagName("*").length,
    contentType: document.contentType,
    stale,
  };
  if (typeof window.axe === "undefined") {
    return toJson({ facts, error: "axe-core was not injected (the page replaced window or blocked scripts)" });
  }
  const options = {
    resultTypes: ["violations", "incomplete"],
    frameWaitTime: Math.min(timeoutMs, 5000),
    pingWaitTime: 500,
    elementRef: false,
    performanceTimer: false,
    selectors: true,
    ancestry: false,
    xpath: false,
    absolutePaths: false,
  };
  if (runOnly && runOnly.length) options.runOnly = { type: "tag", values: runOnly };
  if (rules) options.rules = rules;
  const t0 = performance.now();
  const result = await window.axe.run(document, options);
  const axeMs = performance.now() - t0;
  // Extra evidence for rules whose axe verdict our checks refine (checks/web/refinements.py): facts of the
  // failing element only, gathered here because the judging side has no browser.
  const px = (v) => (v === "normal" ? null : parseFloat(v));
  const EVIDENCE = {
    "avoid-inline-spacing": (el) => {
      const cs = getComputedStyle(el);
      const props = {};
      for (const name of ["letter-spacing", "word-spacing", "line-height"]) {
        props[name] = { important: el.style.getPropertyPriority(name) === "important", px: px(cs.getPropertyValue(name)) };
      }
      const hasText = Array.from(el.childNodes).some((c) => c.nodeType === 3 && c.textContent.trim() !== "");
      return { fontSizePx: parseFloat(cs.fontSize), hasText, props };
    },
  };
  const evidenceFor = (ruleId, n) => {
    const collect = EVIDENCE[ruleId];
    if (!collect || !n.target || n.target.length !== 1 || typeof n.target[0] !== "string") return undefined;
    try {
      const el = document.querySelector(n.target[0]);
      return el ? collect(el) : undefined;
    } catch (e) {
      return undefined;
    }
  };
  // The element's checks (axe lists the failing ones), so that its English message can be written again
  // from axe's own locale files after the scan (checks/web/axe_messages.py); data larger than 2,000
  // characters is left out, and that message stays English.
  const slimChecks = (n) => ["any", "all", "none"].flatMap((type) => (n[type] || []).map((c) => {
    const data = c.data === undefined ? null : c.data;
    return { type, id: c.id, data: toJson(data).length > 2000 ? { wzaDropped: true } : data };
  }));
  // An element inside a frame has one selector per frame in its target: the first names the page's iframe, whose
  // address says which map, video or embedded service the finding is about (even when it is of another origin).
  // A frame that did not answer axe in time is itself the node of ``frame-tested``.
  const frameOf = (ruleId, n) => {
    if (!Array.isArray(n.target) || typeof n.target[0] !== "string") return undefined;
    if (n.target.length < 2 && ruleId !== "frame-tested") return undefined;
    try {
      const el = document.querySelector(n.target[0]);
      return el && el.src ? el.src : undefined;
    } catch (e) {
      return undefined;
    }
  };
  const slimNode = (ruleId) => (n) => ({
    target: n.target,
    frame: frameOf(ruleId, n),
    html: (n.html || "").slice(0, 600),
    impact: n.impact,
    message: n.failureSummary || "",
    checks: slimChecks(n),
    evidence: evidenceFor(ruleId, n),
  });
  const slimRule = (r) => ({ id: r.id, impact: r.impact, tags: r.tags, help: r.help, helpUrl: r.helpUrl, nodes: r.nodes.map(slimNode(r.id)) });
  // The rendered DOM, for the `dom` artifact (page facts made in Python by the same code as static mode).
  const html = document.documentElement ? document.documentElement.outerHTML : "";
  return toJson({
    facts,
    html: html.length <= maxHtmlChars ? html : null,
    htmlChars: html.length,
    axeMs,
    axe: {
      version: result.testEngine && result.testEngine.version,
      violations: result.violations.map(slimRule),
      incomplete: result.incomplete.map(slimRule),
      passes: result.passes.map((r) => ({ id: r.id, tags: r.tags, impact: r.impact })),
      inapplicable: result.inapplicable.map((r) => ({ id: r.id, tags: r.tags })),
    },
  });
}
