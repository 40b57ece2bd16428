"""What a gatherer brings back from one URL. Plain data, stored as is, so a rule change needs no new crawl.

The evidence is a set of **named artifacts** (Lighthouse's model): each gatherer adds the ones it can collect
and every rule declares the names it requires (``checks/web/rules/*.json``: ``requires``; axe-core's rules
require ``axe``). The judge runs each selected rule whose artifacts are present. Names in use:

``axe``  axe-core's slimmed result (violations, incomplete, passes, inapplicable), browser scans only
``dom``  the document as HTML, ``{"url", "html"}``: the rendered DOM serialised after scripts ran in a browser
         scan, the fetched HTML with ``--no-browser``. The snapshot, not facts drawn from it, is kept: it is
         smaller than the facts, and a rule added later can be judged on an old scan. ``for_judging`` turns it
         into ``PageFacts`` (the judge, in ``checks``, reads no HTML).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from scanner.urls import attachment_type

# Why a page could not be scanned. Stable codes (stored, exported); their words live in reports.render.
FAIL_HTTP = "http_status"
FAIL_TIMEOUT = "timeout"
FAIL_NETWORK = "network"
FAIL_CRASH = "renderer_crashed"
FAIL_ROBOTS = "robots"
FAIL_NOT_HTML = "not_html"
FAIL_TOO_LARGE = "too_large"
FAIL_SCRIPT = "script_error"
FAIL_REDIRECT_OUT = "redirect_out_of_scope"

# Artifact names (see the module docstring).
AXE = "axe"
DOM = "dom"


@dataclass
class PageArtifact:
    requested_url: str
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    redirects: list[dict[str, Any]] = field(default_factory=list)  # [{url, status}] in order
    title: str | None = None
    lang: str | None = None
    links: list[str] = field(default_factory=list)
    element_count: int | None = None
    load_ms: float | None = None
    axe_ms: float | None = None
    total_ms: float | None = None
    artifacts: dict[str, Any] = field(default_factory=dict)  # the evidence, by name (AXE, DOM)
    mode: str = "browser"
    error: str | None = None  # one of the FAIL_* codes when the page could not be scanned
    error_detail: str | None = None
    attempts: int = 1
    notes: list[str] = field(default_factory=list)
    # the document response's validators, stored so the next incremental scan can ask whether it changed
    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None  # of the document's body as received (content-encoding undone)
    # the id of the stored page of an earlier scan whose judgement this page carries over (the server said
    # the document is unchanged): the page was neither rendered nor judged again
    carried_from: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def reject_unless_document(self, documents: tuple[str, ...]) -> bool:
        """Mark the artifact ``not_html`` (noting a document to record as attachment) when its Content-Type is
        not one of ``documents``; True when it was rejected. A missing Content-Type is given the benefit."""
        mime = (self.content_type or "").split(";")[0].strip().lower()
        if not mime or mime in documents:
            return False
        self.error, self.error_detail = FAIL_NOT_HTML, mime
        if attachment_type(self.final_url or self.requested_url, mime):
            self.notes.append("attachment")
        return True


def for_judging(artifacts: dict[str, Any]) -> dict[str, Any]:
    """The artifacts as the checks read them: the ``dom`` snapshot parsed to page facts once. Facts stored by
    scans made before the snapshot (a dict of facts) are passed on as they are."""
    dom = artifacts.get(DOM)
    if isinstance(dom, dict) and "html" in dom:
        from scanner.static_facts import page_facts

        return {**artifacts, DOM: page_facts(dom["html"] or "", dom.get("url") or "")}
    return artifacts
