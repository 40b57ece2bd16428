"""The scan as one document (the JSON of ``wuzhangai scan --format json``): the single source every output
format and report is rendered from. Documented in README.md, section "Scan JSON".

Text is chosen here, when the document is made in a language: the store keeps rule ids, codes and data."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.engine import Engine

from checks.web import messages as rule_text
from checks.web.axe_messages import failure_summary
from checks.web.axe_results import PageJudgement
from checks.web.judge import stored_artifacts
from checks.web.own_rules import rule_by_id
from checks.web.scoring import rule_outcomes_without
from checks.web.wcag import RuleSummary, conformance_table, criteria, sc_from_axe_tags
from reports.render import fail_reason, page_notices, stopped_message, tls_ignored, tool_version, trap_message
from scanner.auth import login_of
from store.dismissals import dismissals_by_id
from store.scans import ScanNotFound, load_scan, pages_with_evidence

SCHEMA_VERSION = 1
__all__ = ["ScanNotFound", "scan_document", "finding_message"]


def _iso(dt) -> str | None:
    return dt.isoformat() if dt else None


def finding_message(finding: Mapping[str, Any], lang: str) -> str:
    """A stored finding's per-element message in ``lang``: ours from the message ids and data it stored, axe's
    as :func:`axe_message` writes it."""
    if finding["source"] == "wuzhangai":
        return rule_text.own_rule_message(finding["rule_id"], finding["checks"], lang) or (finding["message"] or "")
    return axe_message(finding, lang)


def axe_message(finding: Mapping[str, Any], lang: str) -> str:
    """A stored finding's message in ``lang``: axe writes English; in Chinese it is written again from the
    zh_CN locale of the axe-core that scans run, and stays English when that cannot be done faithfully."""
    english = finding["message"] or ""
    if not (rule_text.is_chinese(lang) and finding["source"] == "axe" and finding["checks"] and english):
        return english
    from scanner.axe import axe_locale

    template, zh = axe_locale("_template"), axe_locale("zh_CN")
    if template is None or zh is None:
        return english
    return failure_summary(finding["checks"], english, template, zh) or english


def scan_document(engine: Engine, scan_id: int, lang: str = "zh-CN") -> dict[str, Any]:
    """The scan JSON of ``scan_id`` in ``lang``; raises ``ScanNotFound``."""
    # the pages' evidence (DOM snapshots, axe results) is read a batch at a time below, never all at once
    stored = load_scan(engine, scan_id, page_evidence=False)
    scan, site = stored["scan"], stored["site"]
    page_rows, finding_rows = stored["pages"], stored["findings"]
    issue_rows, attachment_rows = stored["issues"], stored["attachments"]

    partial = scan["mode"] not in ("browser", "app")  # an app audit judges every screen with every app rule
    # Issues the site dismissed when the scan was finished (store.dismissals): listed apart, out of the counts;
    # their elements count as passing their rules in the page scores (pages.net_score), conformance and counts.
    dismissal_of = dismissals_by_id(engine, sorted({i["dismissal_id"] for i in issue_rows if i.get("dismissal_id")}))
    dismissed_fps = {i["fingerprint"] for i in issue_rows if i.get("dismissal_id") in dismissal_of}
    by_page: dict[int, list[dict]] = {}
    raw_by_page: dict[int, list[tuple[str, str, str]]] = {}
    for f in finding_rows:
        raw_by_page.setdefault(f["page_id"], []).append((f["rule_id"], f["outcome"], f["fingerprint"]))
        by_page.setdefault(f["page_id"], []).append({
            "rule_id": f["rule_id"], "outcome": f["outcome"], "impact": f["impact"], "wcag": f["wcag"] or [],
            "selector": f["selector"], "html": f["html"], "message": finding_message(f, lang),
            "help": rule_text.rule_help(f["rule_id"], lang, f["help"] or ""), "help_url": f["help_url"],
            "source": f["source"], "fingerprint": f["fingerprint"],
            # the frame the element is in (an embedded map or service, checked inside the page): its URL
            **({"frame": f["frame"]} if f.get("frame") else {}),
            **({"dismissed": True} if f["fingerprint"] in dismissed_fps else {}),
        })

    pages, failed_pages, redirects = [], [], []
    rule_summary: dict[str, dict[str, Any]] = {}
    axe_ms = 0.0
    # From each page's stored evidence, read once and let go (a 20,000-page scan's evidence does not fit in
    # memory): what each probe cost there, and the axe tags of every rule that passed somewhere (criteria that
    # passing rules cover, below).
    probe_ms: dict[int, dict[str, float]] = {}
    pass_tags: dict[str, set[tuple[str, ...]]] = {}
    for row in pages_with_evidence(engine, scan_id):
        artifacts = stored_artifacts(row["mode"], row["artifacts"], row["artifact"])
        probe_ms[row["id"]] = _probe_costs(artifacts)
        for rule in (artifacts.get("axe") or {}).get("passes") or []:
            pass_tags.setdefault(rule["id"], set()).add(tuple(rule.get("tags", [])))

    for p in page_rows:
        if p["redirects"]:
            chain = p["redirects"]
            redirects.append({"from": p["url"], "to": p["final_url"], "status": chain[0].get("status"),
                              "hops": chain})
        if p["error"]:
            failed_pages.append({"url": p["url"], "reason": p["error"], "message": fail_reason(p["error"], lang),
                                 "detail": p["error_detail"], "status": p["status"], "referrer": p["referrer"],
                                 "attempts": p["attempts"]})
            continue
        if p["duplicate_of"]:
            continue
        axe_ms += p["axe_ms"] or 0.0
        rule_outcomes, counts = p["rule_outcomes"] or {}, p["counts"]
        if dismissed_fps and any(fp in dismissed_fps for _, _, fp in raw_by_page.get(p["id"], [])):
            rule_outcomes = rule_outcomes_without(rule_outcomes, raw_by_page[p["id"]], dismissed_fps)
            counts = PageJudgement(rule_outcomes=rule_outcomes).counts()
        for rid, outcome in rule_outcomes.items():
            s = rule_summary.setdefault(rid, {"wcag": set(), "outcomes": {}})
            s["outcomes"][outcome] = s["outcomes"].get(outcome, 0) + 1
        for f in by_page.get(p["id"], []):
            rule_summary.setdefault(f["rule_id"], {"wcag": set(), "outcomes": {}})["wcag"].update(f["wcag"])
        pages.append({
            "url": p["url"], "final_url": p["final_url"], "status": p["status"], "title": p["title"],
            "lang": p["lang"], "depth": p["depth"], "referrer": p["referrer"],
            "score": _round(p["score"] if p.get("net_score") is None else p["net_score"]),
            "counts": counts, "timings": {"load_ms": _round(p["load_ms"]), "axe_ms": _round(p["axe_ms"]),
                                               "total_ms": _round(p["total_ms"]),
                                               # each probe's cost here (the check groups' cost per page)
                                               "checks_ms": probe_ms.get(p["id"], {})},
            "element_count": p["element_count"], "notes": p["notes"] or [],
            # Every rule that ran, with its page-level outcome (passed and inapplicable too, which the
            # findings leave out): what a corpus comparison or a re-scoring needs.
            "rule_outcomes": rule_outcomes,
            "findings": by_page.get(p["id"], []),
            # unchanged since the previous scan (incremental rescan): its judgement was carried over, not made
            "carried_over": p.get("carried_from") is not None,
            # scanned although its TLS certificate is not valid (--ignore-https-errors): {problems, message}
            "tls_ignored": tls_ignored(p["notes"], lang),
            # scanned in an authenticated session (scanner.auth): which login; a reader knows it came from inside
            "authenticated": login_of(p["notes"]) is not None, "login": login_of(p["notes"]),
            # what the page's coded notes say (an encoding declared wrong, a script-built page in static mode):
            # [{code, message, ...}]
            "notices": page_notices(p["notes"], lang),
        })
    # Criteria that passing rules cover: read from the stored evidence (axe tags of passing rules).
    for rule_id, tag_sets in pass_tags.items():
        if rule_id in rule_summary:
            for tags in tag_sets:
                rule_summary[rule_id]["wcag"].update(sc_from_axe_tags(list(tags)))
    # The site rules (judged over all pages at once): one outcome per rule for the scan, in the conformance too.
    site_checks = (scan.get("summary") or {}).get("site_checks") or {}
    site_findings = {f["fingerprint"]: f for f in site_checks.get("findings") or []}
    for rid, outcome in (site_checks.get("outcomes") or {}).items():
        if outcome in ("failed", "cantTell") and dismissed_fps:  # its dismissed issues count as passing
            kept = {f["outcome"] for f in site_findings.values() if f["rule_id"] == rid
                    and f["fingerprint"] not in dismissed_fps}
            outcome = "failed" if "failed" in kept else "cantTell" if kept else "passed"
        rule = rule_by_id(rid)
        if rule is not None:
            s = rule_summary.setdefault(rid, {"wcag": set(), "outcomes": {}})
            s["wcag"].update(rule.wcag)
            s["outcomes"][outcome] = s["outcomes"].get(outcome, 0) + 1
    summaries = {rid: RuleSummary(rid, tuple(sorted(v["wcag"])), v["outcomes"]) for rid, v in rule_summary.items()}
    conformance = [row.to_dict() for row in conformance_table(summaries, criteria(*_levels_of(scan["standard"])))]

    # the frame an issue's element is in (an embedded map or service), from its findings
    frame_of = {f["fingerprint"]: f["frame"] for f in finding_rows if f.get("frame")}

    def issue_record(i: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "rule_id": i["rule_id"], "outcome": i["outcome"], "impact": i["impact"], "wcag": i["wcag"] or [],
            "help": rule_text.rule_help(i["rule_id"], lang, i["help"] or ""),
            "fix": rule_text.rule_fix(i["rule_id"], lang, ""), "help_url": i["help_url"], "selector": i["selector"],
            "html": i["html"], "pages": i["pages"], "count": i["page_count"], "nodes": i["node_count"],
            "fingerprint": i["fingerprint"], "source": i["source"],
            **({"frame": frame_of[i["fingerprint"]]} if i["fingerprint"] in frame_of else {}),
            **({"scope": "site", "message": rule_text.own_rule_message(
                i["rule_id"], site_findings[i["fingerprint"]].get("checks"), lang)}
               if i["fingerprint"] in site_findings and i["rule_id"] == site_findings[i["fingerprint"]]["rule_id"]
               else {}),
        }

    issues = [issue_record(i) for i in issue_rows if i.get("dismissal_id") not in dismissal_of]
    dismissed_issues = []
    for i in issue_rows:
        d = dismissal_of.get(i.get("dismissal_id"))
        if d is not None:
            dismissed_issues.append({
                **issue_record(i), "dismissal_id": d["id"], "kind": d["kind"],
                "kind_text": dismissal_kind_text(d["kind"], lang), "reason": d["reason"],
                "dismissed_by": d["created_by"], "dismissed_at": _iso(d["created_at"])})
    by_impact: dict[str, int] = {}
    for i in issues:
        if i["outcome"] == "failed":
            by_impact[i["impact"] or "unknown"] = by_impact.get(i["impact"] or "unknown", 0) + 1
    wall = scan["wall_seconds"] or 0.0
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "wuzhangai", "version": tool_version(), "axe_version": scan["axe_version"],
                 "browser_version": scan["browser_version"]},
        "scan": {
            "id": scan["id"], "state": scan["state"], "start_urls": scan["start_urls"],
            "site": site["base_url"] if site else None, "started_at": _iso(scan["started_at"]),
            "finished_at": _iso(scan["finished_at"]), "mode": scan["mode"], "partial": partial,
            "partial_reason": (
                "静态模式：未渲染页面，只检查 HTML 中可见的事实 / static mode: pages were not rendered; only facts "
                "visible in the HTML were checked" if partial else None),
            "standard": scan["standard"], "tags": scan["tags"], "lang": lang,
            "options": scan["config"],
            # requested as WeChat's in-app browser (scan --wechat): which user agent, said in zh / en; else null
            "wechat": _wechat_note(scan["config"]),
            # the crawl stopped taking pages (anti-bot walls): {reason, count, url, message}; else null
            "stopped": ({**stopped, "message": stopped_message(stopped)}
                        if (stopped := (scan.get("summary") or {}).get("stopped")) else None),
            # parts of the site the crawl cut (scanner.traps), one entry per trap:
            # [{pattern, reason, pages, skipped, example, message}]
            "crawler_traps": [{**t, "message": trap_message(t, lang)}
                              for t in (scan.get("summary") or {}).get("crawler_traps") or []],
            # the login script's step that failed: {message, step, screenshot}; else null
            "login_failed": (scan.get("summary") or {}).get("login_failed"),
        },
        "site_score": _round(scan["site_score"]),
        "summary": {
            "pages_scanned": len(pages), "pages_failed": len(failed_pages),
            "issues": sum(1 for i in issues if i["outcome"] == "failed"),
            "needs_review": sum(1 for i in issues if i["outcome"] == "cantTell"),
            "issues_by_impact": by_impact, "attachments": len(attachment_rows),
            "attachments_failed": sum(1 for a in attachment_rows if (a.get("checks") or {}).get("outcome") == "failed"),
            "pages_carried_over": sum(1 for p in pages if p["carried_over"]),
            "pages_tls_ignored": sum(1 for p in pages if p["tls_ignored"]),
            "pages_authenticated": sum(1 for p in pages if p["authenticated"]),
            "wall_seconds": _round(wall), "axe_seconds": _round(axe_ms / 1000.0),
            "pages_per_minute": _round(len(pages) * 60.0 / wall) if wall else None,
        },
        "issues": issues,
        "dismissed_issues": dismissed_issues,
        "conformance": conformance,
        "pages": pages,
        "failed_pages": failed_pages,
        "redirects": redirects,
        "attachments": [{"url": a["url"], "type": a["kind"], "size": a["size"], "content_type": a["content_type"],
                         "status": a["status"], "found_on": a["found_on"] or [],
                         **attachment_checks(a.get("checks"), lang)} for a in attachment_rows],
    }


def attachment_checks(checks: Mapping[str, Any] | None, lang: str) -> dict[str, Any]:
    """An attachment's check results as the scan JSON shows them (``checks.documents``): ``checks`` (None for a
    document not checked), ``check_outcome`` (failed / cantTell / passed / error, or None) and ``check_notes``
    (what failed or needs review, or why it was not checked, in ``lang``). The time each check took stays in the
    store (``attachments.checks.ms``): documents of two scans of one site compare equal."""
    from checks.documents import message, reason_text

    if not checks:
        return {"checks": None, "check_outcome": None, "check_notes": []}
    key = "zh" if rule_text.is_chinese(lang) else "en"
    results = [{"id": r["id"], "outcome": r["outcome"], "wcag": r.get("wcag") or [], "impact": r.get("impact"),
                "message": message(r, key)} for r in checks.get("results") or []]
    notes = [f"{r['id']} ({', '.join(r['wcag'])}): {r['message']}" for r in results
             if r["outcome"] in ("failed", "cantTell")]
    if checks.get("reason"):
        notes.append(reason_text(checks["reason"], key) + (f" ({checks['detail']})" if checks.get("detail") else ""))
    return {"checks": {"outcome": checks.get("outcome"), "reason": checks.get("reason"),
                       "reason_text": reason_text(checks.get("reason"), key) if checks.get("reason") else None,
                       "detail": checks.get("detail") or "", "pages": checks.get("pages"), "results": results},
            "check_outcome": checks.get("outcome"), "check_notes": notes}


def dismissal_kind_text(kind: str, lang: str) -> str:
    zh, en = {"false_positive": ("误报", "false positive"), "accepted": ("已接受的风险", "accepted risk")}.get(
        kind, (kind, kind))
    return zh if rule_text.is_chinese(lang) else en


def _levels_of(standard: str) -> tuple[tuple[str, ...], str]:
    """The WCAG version and levels a ``--standard`` value claims, for the conformance table."""
    first = standard.split(",")[0].strip()
    version = {"wcag2a": "2.0", "wcag2aa": "2.0", "wcag21a": "2.1", "wcag21aa": "2.1"}.get(first, "2.2")
    if first.endswith("aaa"):
        levels: tuple[str, ...] = ("A", "AA", "AAA")
    elif first.endswith("aa"):
        levels = ("A", "AA")
    else:
        levels = ("A",)
    return levels, version


def _wechat_note(config: Mapping[str, Any] | None) -> str | None:
    if not (config or {}).get("wechat"):
        return None
    from scanner.wechat import wechat_note

    return wechat_note((config or {}).get("device"))


def _round(x: float | None, nd: int = 1) -> float | None:
    return None if x is None else round(float(x), nd)


def _probe_costs(artifacts: dict[str, Any]) -> dict[str, float]:
    """Milliseconds each probe (scanner.probes) took on the page, by artifact name; none for a static page."""
    return {name: data["ms"] for name, data in artifacts.items() if isinstance(data, dict) and "ms" in data}
