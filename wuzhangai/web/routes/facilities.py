"""Facilities: the filtered table, the offline map, and ``/api/facilities``."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from surveys.schema import facility_labels
from wuzhangai.usecases.facilities import (
    STATUSES,
    FacilityFilter,
    facility_geojson,
    facility_json,
    filter_choices,
    filtered_facilities,
)
from wuzhangai.usecases.maps import district_map_html
from wuzhangai.web.auth import require
from wuzhangai.web.documents import document_html
from wuzhangai.web.pages import render

router = APIRouter()
PAGE_SIZE = 100


@router.get("/facilities", dependencies=[Depends(require("view"))], include_in_schema=False)
async def facilities_page(request: Request, street: str = "", type: str = "", status: str = "", page: int = Query(1, ge=1)):
    engine = request.app.state.engine
    chosen = FacilityFilter(street or None, type or None, status if status in STATUSES else None)
    rows, total = await run_in_threadpool(filtered_facilities, engine, chosen, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    choices = await run_in_threadpool(filter_choices, engine)
    return render(request, "facilities.html", {
        "rows": rows.astype(object).where(rows.notna(), None).to_dict("records"), "total": total, "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)), "chosen": chosen, "choices": choices, "labels": facility_labels(),
        "statuses": STATUSES}, title=("设施", "Facilities"))


@router.get("/facilities/map", dependencies=[Depends(require("view"))], include_in_schema=False)
async def facilities_map(request: Request):
    """The offline district map (facilities, gaps, sites): Leaflet inlined, no tile server."""
    return document_html(await run_in_threadpool(district_map_html, request.app.state.engine))


@router.get("/api/facilities", dependencies=[Depends(require("view"))], tags=["facilities"])
async def api_facilities(request: Request, format: str = Query("json", pattern="^(json|geojson)$")):
    """Every stored facility scored against GB 55019 / GB 50763: what ``survey score --format json|geojson`` writes."""
    # encoded once per data version (~55 MB of GeoJSON for 100,000 facilities), not per request
    encode = facility_geojson if format == "geojson" else facility_json
    return Response(await run_in_threadpool(encode, request.app.state.engine), media_type="application/json")
