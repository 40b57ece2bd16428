"""An app audit as one document: the scan document (``reports.scan_document``) of the app's stored audit, each
finding and issue with the node it points at (``resource_id``, ``class``, ``bounds``, ``text``,
``content_desc``), and an ``app`` block (package, screens, how dp were found, elder screens). Written as JSON,
CSV (one row per finding) or the scan's HTML page."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from checks.app.screen import NODE_FIELDS, node_fields
from reports import scan_output
from reports.scan_document import scan_document
from reports.tabular import write_csv
from store.scans import site_of_scan

APP_FINDING_COLUMNS = ["screen", "screen_title", "rule_id", "outcome", "impact", "wcag", *NODE_FIELDS, "message",
                       "help", "fingerprint"]


def app_document(engine: Engine, scan_id: int, lang: str = "zh-CN") -> dict[str, Any]:
    doc = scan_document(engine, scan_id, lang)
    config = doc["scan"].get("options") or {}
    for page in doc["pages"]:
        page["screen"] = page["url"].rsplit("/", 1)[-1]
        for finding in page["findings"]:
            finding.update(node_fields(finding.get("html") or ""))
    for issue in doc["issues"]:
        issue.update(node_fields(issue.get("html") or ""))
        issue["screens"] = [url.rsplit("/", 1)[-1] for url in issue.get("pages") or []]
    doc["app"] = {"package": config.get("package"), "name": (site_of_scan(engine, scan_id) or {}).get("name"),
                  "screens": [p["screen"] for p in doc["pages"]], "density": config.get("density"),
                  "dp": "density" if config.get("density") else "assumed_360dp",
                  "elder": config.get("elder", False), "elder_screens": config.get("elder_screens") or []}
    return doc


def render(doc: dict[str, Any], fmt: str) -> str:
    if fmt == "csv":
        rows = [{"screen": p["screen"], "screen_title": p["title"], **f} for p in doc["pages"] for f in p["findings"]]
        return write_csv(None, APP_FINDING_COLUMNS, rows)
    return scan_output.render(doc, fmt)


def write(doc: dict[str, Any], fmt: str, out: str | Path | None) -> str:
    """Write to ``out`` atomically; returns the text."""
    text = render(doc, fmt)
    if out is not None:
        scan_output.write_text_atomically(Path(out), text, fmt)
    return text
