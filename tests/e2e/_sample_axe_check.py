"""Check the sample site's ground truth (barriers.json) against real axe-core in real Chromium.

Not a pytest module (the scanner's end-to-end test asserts the same through the scanner); run it by hand
after editing the sample site:  .venv/bin/python tests/e2e/_sample_axe_check.py
Prints the per-page violation table and exits 1 if axe and barriers.json disagree.
"""
from __future__ import annotations

import sys

from playwright.sync_api import Page, sync_playwright

from scanner.axe import axe_source
from scanner.browser import CHROMIUM_ARGS, find_chromium
from wuzhangai.sample_server import load_ground_truth, serve_sample_site

RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return {version: r.testEngine.version, elements: document.getElementsByTagName("*").length,
          violations: r.violations.map(v => ({id: v.id, tags: v.tags, targets: v.nodes.map(n => n.target)})),
          incomplete: r.incomplete.map(v => ({id: v.id, targets: v.nodes.map(n => n.target)}))};
}"""
# Does every failing node match one of the hints given for this rule on this page?
NODES_MATCH = """([targets, hints]) => targets.every(t => {
  const el = document.querySelector(t[t.length - 1]);
  return el !== null && hints.some(h => el.matches(h));
})"""


def expected_rules(truth: dict) -> dict[str, dict[str, list[str]]]:
    """page -> rule id -> selector hints, from barriers and template barriers."""
    expected: dict[str, dict[str, list[str]]] = {page: {} for page in truth["pages"]}
    for b in truth["barriers"]:
        expected[b["page"]].setdefault(b["rule_id"], []).append(b["selector_hint"])
    for t in truth["template_barriers"]:
        for page in t["pages"]:
            expected[page].setdefault(t["rule_id"], []).append(t["selector_hint"])
    return expected


def wcag_of(tags: list[str]) -> list[str]:
    """axe tags like 'wcag143' -> ['1.4.3'] (level tags such as 'wcag2aa' are skipped)."""
    return sorted(".".join(t[4:]) if len(t) == 7 else f"{t[4]}.{t[5]}.{t[6:]}"
                  for t in tags if t.startswith("wcag") and t[4:].isdigit())


def check(page: Page, base: str, truth: dict) -> list[str]:
    problems: list[str] = []
    expected = expected_rules(truth)
    wcag_claimed = {b["rule_id"]: b["wcag"] for b in truth["barriers"] + truth["template_barriers"]}
    print(f"{'page':40} {'elements':>8}  violations (rule x nodes)")
    for path in truth["pages"]:
        page.goto(base + path.lstrip("/"), wait_until="load")
        page.add_script_tag(content=axe_source())
        result = page.evaluate(RUN_AXE, truth["axe"]["tags"])
        if result["version"] != truth["axe"]["version"]:
            problems.append(f"axe {result['version']} != {truth['axe']['version']}")
        found = {v["id"]: v for v in result["violations"]}
        print(f"{path:40} {result['elements']:>8}  "
              + (", ".join(f"{v['id']} x{len(v['targets'])}" for v in result["violations"]) or "(clean)"))
        want = expected[path]
        for rule in sorted(set(found) - set(want)):
            problems.append(f"{path}: unlisted violation {rule} {found[rule]['targets']}")
        for rule in sorted(set(want) - set(found)):
            problems.append(f"{path}: listed {rule} does not fail")
        for rule in sorted(set(want) & set(found)):
            if not page.evaluate(NODES_MATCH, [found[rule]["targets"], want[rule]]):
                problems.append(f"{path}: {rule} nodes {found[rule]['targets']} do not match hints {want[rule]}")
            if wcag_of(found[rule]["tags"]) != sorted(wcag_claimed[rule]):
                problems.append(f"{rule}: axe says WCAG {wcag_of(found[rule]['tags'])}, "
                                f"barriers.json says {wcag_claimed[rule]}")
        if result["incomplete"]:  # axe's "needs review" (cantTell): a clean page must not have any either
            print(f"{'':40} {'':8}  needs review: "
                  + ", ".join(f"{v['id']} x{len(v['targets'])} {v['targets']}" for v in result["incomplete"]))
        if path in truth["clean_pages"] and (found or result["incomplete"]):
            problems.append(f"{path}: listed as clean but has {sorted(found)} / review {result['incomplete']}")
    return problems


def main() -> int:
    truth = load_ground_truth()
    with serve_sample_site() as site, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
        try:
            problems = check(browser.new_page(), site.url, truth)
        finally:
            browser.close()
    for p in problems:
        print("MISMATCH:", p)
    print("ground truth matches axe" if not problems else f"{len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
