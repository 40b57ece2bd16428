// Runs inside the scanned page, once per page: page facts and axe-core, in one round trip.
// axe itself is injected by the context's init script (scanner/axe.py), so it exists in every frame.
async ({ runOnly, rules, timeoutMs }) => {
  const stale = window.__wzaStale === true;  // set on the previous document: it was never replaced
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
    return { facts, error: "axe-core was not injected (the page replaced window or blocked scripts)" };
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
  const slimNode = (n) => ({
    target: n.target,
    html: (n.html || "").slice(0, 600),
    impact: n.impact,
    message: n.failureSummary || "",
  });
  const slimRule = (r) => ({ id: r.id, impact: r.impact, tags: r.tags, help: r.help, helpUrl: r.helpUrl, nodes: r.nodes.map(slimNode) });
  return {
    facts,
    axeMs,
    axe: {
      version: result.testEngine && result.testEngine.version,
      violations: result.violations.map(slimRule),
      incomplete: result.incomplete.map(slimRule),
      passes: result.passes.map((r) => ({ id: r.id, tags: r.tags, impact: r.impact })),
      inapplicable: result.inapplicable.map((r) => ({ id: r.id, tags: r.tags })),
    },
  };
}
