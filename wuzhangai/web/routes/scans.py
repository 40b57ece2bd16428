"""A scan: live progress while it runs (pages done / queued / failed, pages per minute), then its grouped
issues, with cancel and dismiss; ``/api/scans/{id}`` is the document ``scan --format json`` writes."""
from __future__ import annotations

from datetime import datetime, timezone

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from reports.scan_document import scan_document
from store import jobs as job_store
from store import sites as site_store
from store.scan_watch import new_failed_fingerprints, scan_progress
from store.scans import ScanNotFound, site_of_scan
from wuzhangai.usecases.accounts import User
from wuzhangai.usecases.dismissals import dismiss_issue, site_dismissals, undo_dismissal
from wuzhangai.web.auth import audit, local_path, require
from wuzhangai.web.i18n import request_lang
from wuzhangai.web.pages import render
from wuzhangai.web.views import latest_issues

router = APIRouter()


def progress(engine, scan_id: int) -> dict:
    """The scan's progress with its job's state (queued / running / finished / failed / cancelled)."""
    p = scan_progress(engine, scan_id)
    if not p:
        raise HTTPException(404, detail={"zh": f"没有扫描 {scan_id}", "en": f"no scan {scan_id}"})
    job = job_store.job_for_scan(engine, scan_id)
    state = job["state"] if job else ("finished" if p["state"] == "finished" else p["state"])
    started = job.get("started_at") if job else p["started_at"]
    minutes = None
    if started is not None:
        if started.tzinfo is None:
            started = started.replace(tzinfo=timezone.utc)
        end = p["finished_at"] or datetime.now(timezone.utc)
        if end.tzinfo is None:
            end = end.replace(tzinfo=timezone.utc)
        minutes = max((end - started).total_seconds() / 60.0, 1e-6)
    done = p["done"] + p["failed"]
    return {"scan_id": scan_id, "state": state, "scan_state": p["state"], "job_id": job["id"] if job else None,
            "pages_done": p["done"], "pages_failed": p["failed"], "pages_skipped": p["skipped"],
            # a finished scan's frontier may still hold URLs: left by the page limit, not waiting
            "pages_queued": 0 if p["state"] == "finished" else p["queued"],
            "pages_left": p["queued"] if p["state"] == "finished" else 0, "site_score": p["site_score"],
            "pages_per_minute": round(done / minutes, 1) if minutes and done and state == "running" else None,
            "error": job.get("error") if job else None}


@router.get("/scans/{scan_id}", dependencies=[Depends(require("view"))], include_in_schema=False)
def scan_page(request: Request, scan_id: int):
    engine = request.app.state.engine
    p = progress(engine, scan_id)
    site = site_of_scan(engine, scan_id)
    finished = p["scan_state"] == "finished"
    return render(request, "scan.html", {
        "scan_id": scan_id, "p": p, "site": site, "finished": finished,
        "issues": latest_issues(engine, scan_id, request_lang(request)) if finished else [],
        "new": new_failed_fingerprints(engine, scan_id) if finished else set(),
        "dismissals": site_dismissals(engine, site["id"]) if site else [],
    }, title=(f"扫描 #{scan_id}", f"Scan #{scan_id}"))


@router.get("/api/scans/{scan_id}/progress", dependencies=[Depends(require("view"))], tags=["scans"])
def api_progress(request: Request, scan_id: int):
    """Pages done / queued / failed and pages per minute while a scan runs."""
    return progress(request.app.state.engine, scan_id)


@router.get("/api/scans/{scan_id}", dependencies=[Depends(require("view"))], tags=["scans"])
def api_scan(request: Request, scan_id: int):
    """The scan document (``wuzhangai scan --format json``); ``scan.state`` says whether it still runs."""
    engine = request.app.state.engine
    # the state first, the document after: a scan finished by a worker in between then comes with its issues,
    # never as "finished" with the issues of before its grouping
    p = progress(engine, scan_id)
    try:
        doc = scan_document(engine, scan_id, request_lang(request))
    except ScanNotFound:
        raise HTTPException(404, detail={"zh": f"没有扫描 {scan_id}", "en": f"no scan {scan_id}"}) from None
    doc["scan"]["state"] = p["state"]
    doc["scan"]["progress"] = p
    return doc


def _cancel(request: Request, scan_id: int) -> bool:
    engine = request.app.state.engine
    job = job_store.job_for_scan(engine, scan_id)
    if job is None:
        raise HTTPException(404, detail={"zh": f"扫描 {scan_id} 没有排队或运行中的任务", "en": f"scan {scan_id} has no job"})
    done = job_store.request_cancel(engine, job["id"], request.state.user.name)
    audit(request, "scan.cancel", scan_id, {"job": job["id"], "accepted": done})
    return done


@router.post("/scans/{scan_id}/cancel", dependencies=[Depends(require("manage_sites"))], include_in_schema=False)
def cancel_form(request: Request, scan_id: int):
    _cancel(request, scan_id)
    return RedirectResponse(f"/scans/{scan_id}", status_code=303)


@router.post("/api/scans/{scan_id}/cancel", dependencies=[Depends(require("manage_sites"))], tags=["scans"])
def api_cancel(request: Request, scan_id: int):
    """Cancel a queued or running scan (it stays resumable)."""
    return {"cancelled": _cancel(request, scan_id)}


def _refused(exc: ValueError) -> HTTPException:
    """A use case's refusal ("中文 / English") as a 422 with both texts."""
    zh, _, en = str(exc).partition(" / ")
    return HTTPException(422, detail={"zh": zh, "en": en or zh})


@router.post("/scans/{scan_id}/dismiss", include_in_schema=False)
def dismiss_form(request: Request, scan_id: int, user: User = Depends(require("manage_sites")),
                 fingerprint: str = Form(...), kind: str = Form(...), reason: str = Form("")):
    try:
        dismissal_id = dismiss_issue(request.app.state.engine, scan_id, fingerprint, kind, reason, user.name)
    except ValueError as exc:
        raise _refused(exc) from None
    audit(request, "issue.dismiss", fingerprint, {"scan": scan_id, "kind": kind, "reason": reason, "id": dismissal_id})
    return RedirectResponse(f"/scans/{scan_id}#dismissed", status_code=303)


@router.post("/dismissals/{dismissal_id}/undo", include_in_schema=False)
def undo_form(request: Request, dismissal_id: int, user: User = Depends(require("manage_sites")),
              back: str = Form("/sites")):
    try:
        undo_dismissal(request.app.state.engine, dismissal_id, user.name)
    except ValueError as exc:
        raise _refused(exc) from None
    audit(request, "issue.undismiss", dismissal_id)
    # the login form's check: "/\\evil.example" is "//evil.example" to a browser
    return RedirectResponse(local_path(back, "/sites"), status_code=303)


# ---- dismissals through the API (what the scan page's forms do) ------------------------------------------------

class DismissalIn(BaseModel):
    fingerprint: str = Field(description="the issue's fingerprint, from the scan JSON's issues")
    kind: str = Field(description="false_positive or accepted")
    reason: str = Field(description="why (required)")


@router.get("/api/sites/{site_id}/dismissals", dependencies=[Depends(require("view"))], tags=["dismissals"])
def api_site_dismissals(request: Request, site_id: int):
    """The site's active dismissals, oldest first."""
    if site_store.site_row(request.app.state.engine, site_id) is None:
        raise HTTPException(404, detail={"zh": f"没有网站 {site_id}", "en": f"no site {site_id}"})
    return site_dismissals(request.app.state.engine, site_id)


@router.post("/api/scans/{scan_id}/dismissals", status_code=201, tags=["dismissals"])
def api_dismiss(request: Request, scan_id: int, body: DismissalIn, user: User = Depends(require("manage_sites"))):
    """Dismiss an issue of the scan's site in this and every later scan; an unknown scan or fingerprint, a bad
    kind, no reason or an issue already dismissed -> 422 in Chinese and English."""
    try:
        dismissal_id = dismiss_issue(request.app.state.engine, scan_id, body.fingerprint, body.kind, body.reason,
                                     user.name)
    except ValueError as exc:
        raise _refused(exc) from None
    audit(request, "issue.dismiss", body.fingerprint, {"scan": scan_id, "kind": body.kind, "reason": body.reason,
                                                       "id": dismissal_id})
    return {"id": dismissal_id}


@router.delete("/api/dismissals/{dismissal_id}", tags=["dismissals"])
def api_undo_dismissal(request: Request, dismissal_id: int, user: User = Depends(require("manage_sites"))):
    """Undo a dismissal: the issue counts again (in the report and score) from the site's latest scan on."""
    try:
        undo_dismissal(request.app.state.engine, dismissal_id, user.name)
    except ValueError as exc:
        raise _refused(exc) from None
    audit(request, "issue.undismiss", dismissal_id)
    return {"undone": dismissal_id}
