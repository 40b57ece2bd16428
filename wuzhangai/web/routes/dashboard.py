"""The dashboard: sites by score with trend, last and next scan and new regressions; facilities by street with
their compliance share; links to the maps and reports."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from wuzhangai.usecases.facilities import facility_summary
from wuzhangai.web.auth import require
from wuzhangai.web.charts import sparkline
from wuzhangai.web.pages import render
from wuzhangai.web.views import site_overview

router = APIRouter()


@router.get("/", dependencies=[Depends(require("view"))], include_in_schema=False)
async def dashboard(request: Request):
    engine = request.app.state.engine
    sites = await run_in_threadpool(site_overview, engine)
    facilities = await run_in_threadpool(facility_summary, engine)
    return render(request, "dashboard.html", {"sites": sites, "facilities": facilities, "sparkline": sparkline},
                  title=("概览", "Dashboard"))


@router.get("/api/dashboard", dependencies=[Depends(require("view"))], tags=["dashboard"])
async def api_dashboard(request: Request):
    """What the dashboard shows: sites (score, trend, last/next scan, new issues) and facilities by street."""
    engine = request.app.state.engine
    return {"sites": await run_in_threadpool(site_overview, engine),
            "facilities": await run_in_threadpool(facility_summary, engine)}
