"""The dashboard: sites by score with trend, last and next scan and new regressions; facilities by street with
their compliance share; links to the maps and reports."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from wuzhangai.usecases.cache import derived
from wuzhangai.usecases.facilities import facility_summary
from wuzhangai.web.auth import require
from wuzhangai.web.charts import sparkline
from wuzhangai.web.i18n import request_lang, translator
from wuzhangai.web.pages import render, templates
from wuzhangai.web.views import encoded, site_overview

router = APIRouter()


@router.get("/", dependencies=[Depends(require("view"))], include_in_schema=False)
async def dashboard(request: Request):
    engine = request.app.state.engine
    sites = await run_in_threadpool(site_overview, engine)
    facilities = await run_in_threadpool(facility_summary, engine)
    lang = request_lang(request)
    return render(request, "dashboard.html", {"sites": sites, "facilities": facilities,
                                              "sites_table": _sites_table(sites, lang)}, title=("概览", "Dashboard"))


def _sites_table(sites: list[dict], lang: str) -> Markup:
    """The dashboard's table of sites, rendered once per overview and language (200 rows with their trend
    lines are most of the page's cost); it holds nothing that depends on who reads it."""
    return derived(sites, ("dashboard sites table", lang), lambda rows: Markup(
        templates.get_template("_dashboard_sites.html").render(sites=rows, T=translator(lang), lang=lang,
                                                               sparkline=sparkline)))


@router.get("/api/dashboard", dependencies=[Depends(require("view"))], tags=["dashboard"])
async def api_dashboard(request: Request):
    """What the dashboard shows: sites (score, trend, last/next scan, new issues) and facilities by street."""
    engine = request.app.state.engine
    sites = await run_in_threadpool(site_overview, engine)
    facilities = await run_in_threadpool(facility_summary, engine)
    return Response(b'{"sites":' + encoded(sites, "sites") + b',"facilities":' + encoded(facilities, "facilities")
                    + b"}", media_type="application/json")
