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
FAIL_REFUSED = "net_refused"  # the SSRF guard refused the address (scanner.netpolicy); the detail says why, zh / en
FAIL_TLS = "tls_error"  # the certificate is not valid (scanner.tls); the detail lists the problems, zh / en
FAIL_BLOCKED = "blocked"  # an anti-bot wall: challenge, CAPTCHA or WAF block page (scanner.walls); detail zh / en
FAIL_SOFT_404 = "soft_404"  # answered 200 but is a "not found" page (scanner.traps); detail zh / en
# authenticated scans (scanner.session): the page still showed the logged-out marker after logging in again; the
# login script failed (the scan stops); a page's own scripted steps (``--actions``) failed. Details zh / en.
FAIL_LOGGED_OUT = "logged_out"
FAIL_LOGIN = "login_failed"
FAIL_ACTIONS = "actions_failed"
FAIL_AVOIDED = "avoided_link"  # a logout/delete/submit-like link, not followed while logged in (scanner.auth)
MAX_REFUSED_NOTES = 50  # a page calling a blocked tracker on every scroll must not fill the store
MORE_REFUSED_NOTE = "more requests blocked by the network guard, not listed"

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
    # links left out of ``links`` because their text says logout, delete... (``scanner.auth``): url -> the word
    avoided_links: dict[str, str] = field(default_factory=dict)
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


def refused_note(reason: str, url: str) -> str:
    """A page's note for a request the SSRF guard blocked: ``net_refused <reason> <url>`` (parsed back by
    ``parse_refused_note``; the words are chosen when a document is rendered)."""
    return f"{FAIL_REFUSED} {reason} {url}"


def parse_refused_note(note: str) -> tuple[str, str] | None:
    """(reason, url) of a ``refused_note``, else None."""
    parts = note.split(" ", 2)
    return (parts[1], parts[2]) if len(parts) == 3 and parts[0] == FAIL_REFUSED else None


def add_refused_notes(art: "PageArtifact", refusals: list) -> None:
    """Note each blocked request (``netpolicy.TargetRefused``) once, at most ``MAX_REFUSED_NOTES``."""
    have = {n for n in art.notes if n.startswith(FAIL_REFUSED + " ")}
    for exc in refusals:
        note = refused_note(exc.reason, exc.url)
        if note in have:
            continue
        if len(have) >= MAX_REFUSED_NOTES:
            if MORE_REFUSED_NOTE not in art.notes:
                art.notes.append(MORE_REFUSED_NOTE)
            return
        have.add(note)
        art.notes.append(note)


def for_judging(artifacts: dict[str, Any]) -> dict[str, Any]:
    """The artifacts as the checks read them: the ``dom`` snapshot parsed to page facts once. Facts stored by
    scans made before the snapshot (a dict of facts) are passed on as they are."""
    dom = artifacts.get(DOM)
    if isinstance(dom, dict) and "html" in dom:
        from scanner.static_facts import page_facts

        return {**artifacts, DOM: page_facts(dom["html"] or "", dom.get("url") or "")}
    return artifacts
