"""Sites: the list, add and edit (URL, name, owner unit, location, schedule), run now, history with a trend
chart, the latest issues marked new; and ``/api/sites``."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from scanner.netpolicy import NetPolicy
from store import jobs as job_store
from store import sites as site_store
from store.scan_watch import new_failed_fingerprints, site_scans
from wuzhangai.usecases.accounts import User
from wuzhangai.usecases.site_admin import SiteForm, SiteRefused, save_site_form, start_site_scan
from wuzhangai.web.auth import audit, require
from wuzhangai.web.charts import trend_svg
from wuzhangai.web.pages import render
from wuzhangai.web.views import encoded, forget_overview, latest_issues, site_overview

router = APIRouter()


def policy(request: Request) -> NetPolicy:
    return NetPolicy(request.app.state.settings.allow_net)


def _site(request: Request, site_id: int) -> dict:
    site = site_store.site_row(request.app.state.engine, site_id)
    if site is None:
        raise HTTPException(404, detail={"zh": f"没有网站 {site_id}", "en": f"no site {site_id}"})
    return site


def _float(value: str) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise SiteRefused(f"不是数字：{value}", f"not a number: {value}", "lon") from None


@router.get("/sites", dependencies=[Depends(require("view"))], include_in_schema=False)
def sites_page(request: Request):
    return render(request, "sites.html", {"sites": site_overview(request.app.state.engine), "form": None,
                                          "error": None}, title=("网站", "Sites"))


@router.post("/sites", include_in_schema=False)
async def add_site_form(request: Request, user: User = Depends(require("manage_sites")), url: str = Form(...),
                        name: str = Form(""), owner: str = Form(""), schedule: str = Form(""),
                        max_pages: int = Form(100), lon: str = Form(""), lat: str = Form(""),
                        ignore_https_errors: bool = Form(False)):
    try:
        form = SiteForm(url=url, name=name or None, owner=owner or None, schedule=schedule or None,
                        max_pages=max_pages, lon=_float(lon), lat=_float(lat), ignore_https_errors=ignore_https_errors)
        site_id = await run_in_threadpool(save_site_form, request.app.state.engine, form, policy(request))
    except SiteRefused as exc:
        audit(request, "site.create", url, {"refused": exc.en}, outcome="refused")
        return render(request, "sites.html", {"sites": site_overview(request.app.state.engine),
                                              "form": {"url": url, "name": name, "owner": owner, "schedule": schedule,
                                                       "max_pages": max_pages, "lon": lon, "lat": lat,
                                                       "ignore_https_errors": ignore_https_errors},
                                              "error": exc}, status=422, title=("网站", "Sites"))
    forget_overview()
    audit(request, "site.create", site_id, {"url": url, "schedule": schedule or None})
    return RedirectResponse(f"/sites/{site_id}", status_code=303)


def _site_context(request: Request, site_id: int) -> dict:
    engine = request.app.state.engine
    site = _site(request, site_id)
    scans = site_scans(engine, site_id)
    finished = [s for s in reversed(scans) if s["state"] == "finished"]
    latest = finished[-1]["id"] if finished else None
    return {
        "site": site, "scans": scans, "schedule": job_store.get_schedule(engine, site_id),
        "jobs": job_store.list_jobs(engine, site_id=site_id, limit=10),
        "trend": trend_svg([(s["started_at"], s["site_score"]) for s in finished], request),
        "latest": latest, "issues": latest_issues(engine, latest) if latest else [],
        "new": new_failed_fingerprints(engine, latest) if latest else set(), "error": None,
    }


@router.get("/sites/{site_id}", dependencies=[Depends(require("view"))], include_in_schema=False)
def site_page(request: Request, site_id: int):
    context = _site_context(request, site_id)
    return render(request, "site.html", context, title=_site_title(context["site"]))


def _site_title(site: dict) -> tuple[str, str]:
    """The site's own name in the page title: every site page titled "网站" alike fails WCAG 2.4.2."""
    name = site.get("name") or site["base_url"]
    return f"{name} · 网站", f"{name} · Site"


@router.post("/sites/{site_id}", include_in_schema=False)
async def edit_site_form(request: Request, site_id: int, user: User = Depends(require("manage_sites")),
                         url: str = Form(...), name: str = Form(""), owner: str = Form(""), schedule: str = Form(""),
                         max_pages: int = Form(100), lon: str = Form(""), lat: str = Form(""),
                         full_rescans: bool = Form(False), ignore_https_errors: bool = Form(False)):
    _site(request, site_id)
    try:
        form = SiteForm(url=url, name=name or None, owner=owner or None, schedule=schedule or None,
                        max_pages=max_pages, lon=_float(lon), lat=_float(lat), full_rescans=full_rescans,
                        ignore_https_errors=ignore_https_errors)
        await run_in_threadpool(save_site_form, request.app.state.engine, form, policy(request), site_id)
    except SiteRefused as exc:
        audit(request, "site.update", site_id, {"refused": exc.en}, outcome="refused")
        context = _site_context(request, site_id)
        return render(request, "site.html", {**context, "error": exc}, status=422, title=_site_title(context["site"]))
    forget_overview()
    audit(request, "site.update", site_id, {"url": url, "schedule": schedule or None,
                                            "ignore_https_errors": ignore_https_errors})
    return RedirectResponse(f"/sites/{site_id}?saved=1", status_code=303)


@router.post("/sites/{site_id}/scan", include_in_schema=False)
async def run_now_form(request: Request, site_id: int, user: User = Depends(require("manage_sites")),
                       full: bool = Form(False)):
    _site(request, site_id)
    job_id, scan_id = await _start(request, user, site_id, None, full)
    return RedirectResponse(f"/scans/{scan_id}", status_code=303)


async def _start(request: Request, user: User, site_id: int, max_pages: int | None, full: bool) -> tuple[int, int]:
    settings = request.app.state.settings
    try:
        job_id, scan_id = await run_in_threadpool(
            lambda: start_site_scan(request.app.state.engine, site_id, user=user.name, policy=policy(request),
                                    max_pages=max_pages, full=full, allow_net=settings.allow_net,
                                    chromium=settings.chromium))
    except SiteRefused as exc:
        audit(request, "scan.start", site_id, {"refused": exc.en}, outcome="refused")
        raise HTTPException(422, detail={"zh": exc.zh, "en": exc.en, "field": exc.field}) from None
    audit(request, "scan.start", site_id, {"job": job_id, "scan": scan_id, "full": full})
    if request.app.state.runner is not None:
        request.app.state.runner.wake()
    return job_id, scan_id


# ---- the API -------------------------------------------------------------------------------------------------

class SiteIn(BaseModel):
    url: str = Field(description="the site's start URL (http or https)")
    name: str | None = None
    owner: str | None = Field(None, description="the owning unit (区政府, a bureau, a street office)")
    schedule: str | None = Field(None, description="cron (5 fields) or a preset: daily 02:00, weekly mon 03:30, "
                                                   "monthly 1 04:00, 每天 02:00 ... (Asia/Shanghai)")
    max_pages: int = 100
    lon: float | None = None
    lat: float | None = None
    ignore_https_errors: bool = Field(False, description="scan pages whose TLS certificate is not valid (expired, "
                                                         "self-signed, wrong host, unknown CA), each marked in every "
                                                         "output; off: they fail tls_error")


class SiteEdit(SiteIn):
    full_rescans: bool = Field(False, description="scheduled scans render every page (no carried-over pages)")


class ScanIn(BaseModel):
    max_pages: int | None = Field(None, description="default: the site's setting")
    full: bool = Field(True, description="false: carry over pages unchanged since the last scan")


def _refused(exc: SiteRefused) -> JSONResponse:
    return JSONResponse({"detail": {"zh": exc.zh, "en": exc.en}, "problems": [
        {"row": None, "field": exc.field, "value": None, "message_zh": exc.zh, "message_en": exc.en}]},
        status_code=422)


@router.get("/api/sites", dependencies=[Depends(require("view"))], tags=["sites"])
def api_sites(request: Request):
    """Every site with its latest score, last and next scan."""
    return Response(encoded(site_overview(request.app.state.engine), "sites"), media_type="application/json")


@router.post("/api/sites", status_code=201, tags=["sites"])
async def api_add_site(request: Request, body: SiteIn, user: User = Depends(require("manage_sites"))):
    """Add a site. A URL reaching a loopback, private, link-local or metadata address -> 422 (unless allowed)."""
    try:
        site_id = await run_in_threadpool(save_site_form, request.app.state.engine,
                                          SiteForm(**body.model_dump()), policy(request))
    except SiteRefused as exc:
        audit(request, "site.create", body.url, {"refused": exc.en}, outcome="refused")
        return _refused(exc)
    forget_overview()
    audit(request, "site.create", site_id, {"url": body.url, "schedule": body.schedule})
    return {"id": site_id}


@router.get("/api/sites/{site_id}", dependencies=[Depends(require("view"))], tags=["sites"])
def api_site(request: Request, site_id: int):
    """A site, its schedule and its scans (newest first)."""
    engine = request.app.state.engine
    site = _site(request, site_id)
    return {"site": site, "schedule": job_store.get_schedule(engine, site_id), "scans": site_scans(engine, site_id)}


@router.put("/api/sites/{site_id}", tags=["sites"])
async def api_edit_site(request: Request, site_id: int, body: SiteEdit, user: User = Depends(require("manage_sites"))):
    """Replace a site's settings as the site page's form does (every field; ``schedule`` null or empty removes
    the schedule). A URL reaching a loopback, private, link-local or metadata address -> 422 (unless allowed)."""
    _site(request, site_id)
    try:
        await run_in_threadpool(save_site_form, request.app.state.engine, SiteForm(**body.model_dump()),
                                policy(request), site_id)
    except SiteRefused as exc:
        audit(request, "site.update", site_id, {"refused": exc.en}, outcome="refused")
        return _refused(exc)
    forget_overview()
    audit(request, "site.update", site_id, {"url": body.url, "schedule": body.schedule,
                                            "ignore_https_errors": body.ignore_https_errors})
    return {"id": site_id}


@router.post("/api/sites/{site_id}/scans", status_code=202, tags=["sites"])
async def api_start_scan(request: Request, site_id: int, body: ScanIn | None = None,
                         user: User = Depends(require("manage_sites"))):
    """Queue a scan of the site; follow it at ``GET /api/scans/{scan_id}``."""
    _site(request, site_id)
    body = body or ScanIn()
    job_id, scan_id = await _start(request, user, site_id, body.max_pages, body.full)
    return {"scan_id": scan_id, "job_id": job_id}
