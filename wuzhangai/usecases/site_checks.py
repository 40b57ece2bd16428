"""The site-level rules of a scan (``checks.web.site_checks``): judged over every judged page's stored ``dom``
artifact when a scan's crawl ends, and again by ``scans rejudge``; kept in the scan's ``summary`` JSON
(``site_checks``) so that finishing the scan again (a dismissal, a resume) turns them into issues without
reading every page's evidence again.

Their failed and cantTell results are issues of the scan like any other (``pages`` lists the pages involved),
marked ``scope: "site"`` in the scan JSON. They count in the WCAG conformance table (and so in the GB/T 37668
weighted score) but not in the page scores or the site score, which stay averages of per-page judgements.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from checks.web.judge import stored_artifacts
from checks.web.site_checks import judge_site
from store import scans as scan_store

SUMMARY_KEY = "site_checks"


def judge_site_scan(engine: Engine, scan_id: int) -> dict[str, Any]:
    """Judge the scan's pages together by the site rules selected by its tags; store and return the result."""
    scan = scan_store.scan_row(engine, scan_id)
    tags = scan["tags"] if scan and scan["mode"] == "browser" else None
    pages = [(row["url"], stored_artifacts(row["mode"], row["artifacts"], row["artifact"]).get("dom"))
             for row in scan_store.pages_with_evidence(engine, scan_id)]
    judged = judge_site(pages, tags)
    scan_store.set_summary_part(engine, scan_id, SUMMARY_KEY, judged)
    return judged


def site_issue_rows(scan: dict | None, dismissed: dict[str, dict]) -> list[dict]:
    """Rows of the ``issues`` table for the stored site findings of ``scan`` (a scans row)."""
    stored = ((scan or {}).get("summary") or {}).get(SUMMARY_KEY) or {}
    weight = {"critical": 10, "serious": 7, "moderate": 3, "minor": 1}
    return [{"fingerprint": f["fingerprint"], "rule_id": f["rule_id"], "outcome": f["outcome"], "impact": f["impact"],
             "wcag": f["wcag"], "selector": f["selector"], "html": f["html"], "help": f["help"], "help_url": "",
             "source": "wuzhangai", "pages": f["pages"], "page_count": len(f["pages"]), "node_count": len(f["pages"]),
             "priority": float(weight.get(f["impact"] or "", 1) * max(1, len(f["pages"]))),
             "dismissal_id": dismissed[f["fingerprint"]]["id"] if f["fingerprint"] in dismissed else None}
            for f in stored.get("findings") or []]
