"""Reports: the district's and each site's, as HTML to read in the browser or PDF/XLSX/JSON to download."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from reports.site_report import NoScan
from store.scans import ScanNotFound
from store.sites import site_summaries
from wuzhangai.usecases.reports import district_report, site_report
from wuzhangai.web.auth import require
from wuzhangai.web.documents import document_file
from wuzhangai.web.i18n import request_lang
from wuzhangai.web.pages import render

router = APIRouter()
FORMAT = Query("html", pattern="^(html|pdf|xlsx|json)$", description="html | pdf | xlsx | json")


@router.get("/reports", dependencies=[Depends(require("view"))], include_in_schema=False)
def reports_page(request: Request):
    sites = site_summaries(request.app.state.engine)
    sites = sites[sites["latest_scan_id"].notna()].astype(object).to_dict("records")
    return render(request, "reports.html", {"sites": sites}, title=("报告", "Reports"))


@router.get("/api/reports/district", dependencies=[Depends(require("view"))], tags=["reports"])
async def district(request: Request, format: str = FORMAT):
    """The district compliance report (web results, facilities, plan progress) in the asked format."""
    engine, lang = request.app.state.engine, request_lang(request)
    return await run_in_threadpool(document_file, request, format, f"district-report.{format}",
                                   lambda out: district_report(engine, format, out, lang))


@router.get("/api/reports/site/{scan_id}", dependencies=[Depends(require("view"))], tags=["reports"])
async def site(request: Request, scan_id: int, format: str = FORMAT):
    """The accessibility report of one finished scan of a website."""
    engine, lang = request.app.state.engine, request_lang(request)
    try:
        return await run_in_threadpool(document_file, request, format, f"site-report-{scan_id}.{format}",
                                       lambda out: site_report(engine, format, out, lang, scan_id=scan_id))
    except (ScanNotFound, NoScan) as exc:
        raise HTTPException(404, detail={"zh": f"没有已完成的扫描 {scan_id}", "en": f"no finished scan {scan_id}",
                                         "reason": str(exc)}) from None
