"""Survey uploads: the form, the problem table, the history with checksums; and ``/api/surveys``."""
from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from geodata.crs import normalise_crs_name
from store import uploads as upload_store
from wuzhangai.usecases.accounts import User
from wuzhangai.usecases.uploads import UploadRefused, UploadResult, receive_survey_upload, upload_problems
from wuzhangai.web.auth import audit, require
from wuzhangai.web.pages import render

router = APIRouter()
CRS_OPTIONS = (("", "按文件中的 crs 列（未填按 WGS84）", "from the file's crs column (WGS84 when empty)"),
               ("WGS84", "WGS84（GPS）", "WGS84 (GPS)"), ("GCJ02", "GCJ-02（高德、腾讯、微信）", "GCJ-02 (AMap, Tencent, WeChat)"),
               ("BD09", "BD-09（百度）", "BD-09 (Baidu)"), ("CGCS2000", "CGCS2000", "CGCS2000"))


def _folder(request: Request):
    return request.app.state.settings.folder("uploads")


def _crs(value: str | None) -> str | None:
    if not value:
        return None
    name = normalise_crs_name(value)
    if name is None:
        raise UploadRefused(f"未知坐标系 {value}", f"unknown coordinate system {value}")
    return name


async def _receive(request: Request, user: User, file: UploadFile, crs: str | None, skip_invalid: bool) -> UploadResult:
    settings = request.app.state.settings
    result = await run_in_threadpool(
        receive_survey_upload, request.app.state.engine, file.file, file.filename or "upload", _folder(request),
        user=user.name, crs=_crs(crs), skip_invalid=skip_invalid, limit=settings.max_upload_bytes)
    audit(request, "survey.upload", result.upload_id, {
        "file": file.filename, "sha256": result.summary["sha256"], "outcome": result.outcome,
        "written": result.written, "problems": len(result.problems)})
    return result


@router.get("/surveys", dependencies=[Depends(require("view"))], include_in_schema=False)
def uploads_page(request: Request):
    return render(request, "surveys.html", {"uploads": upload_store.list_uploads(request.app.state.engine),
                                            "crs_options": CRS_OPTIONS, "result": None},
                  title=("调查上传", "Survey uploads"))


@router.post("/surveys", include_in_schema=False)
async def upload_form(request: Request, user: User = Depends(require("upload_surveys")),
                      file: UploadFile = File(...), crs: str = Form(""), skip_invalid: bool = Form(False)):
    error, result = None, None
    try:
        result = await _receive(request, user, file, crs, skip_invalid)
    except UploadRefused as exc:
        error = (exc.zh, exc.en)
    return render(request, "surveys.html", {
        "uploads": upload_store.list_uploads(request.app.state.engine), "crs_options": CRS_OPTIONS,
        "result": result, "error": error, "chosen_crs": crs, "chosen_skip": skip_invalid},
        status=200 if result and result.outcome != "refused" else 422, title=("调查上传", "Survey uploads"))


@router.get("/surveys/{upload_id}", dependencies=[Depends(require("view"))], include_in_schema=False)
def upload_page(request: Request, upload_id: int):
    upload = _upload(request, upload_id)
    return render(request, "survey_upload.html", {"upload": upload,
                                                  "problems": upload_problems(_folder(request), upload)},
                  title=(f"上传记录 #{upload_id} {upload['original_name']}", f"Upload #{upload_id} {upload['original_name']}"))


@router.get("/surveys/{upload_id}/rejects.csv", dependencies=[Depends(require("view"))], tags=["surveys"])
def rejects_csv(request: Request, upload_id: int):
    """The rows an upload imported with ``skip_invalid`` left out, with their problems (CSV, UTF-8 with BOM)."""
    upload = _upload(request, upload_id)
    if not upload["rejects_name"]:
        raise HTTPException(404, detail={"zh": "这次上传没有被拒绝的行", "en": "this upload has no rejected rows"})
    return FileResponse(_folder(request) / upload["rejects_name"], media_type="text/csv; charset=utf-8",
                        filename=f"rejects-{upload_id}.csv")


def _upload(request: Request, upload_id: int) -> dict:
    upload = upload_store.get_upload(request.app.state.engine, upload_id)
    if upload is None:
        raise HTTPException(404, detail={"zh": f"没有上传记录 {upload_id}", "en": f"no upload {upload_id}"})
    return upload


@router.post("/api/surveys", status_code=201, tags=["surveys"])
async def api_upload(request: Request, user: User = Depends(require("upload_surveys")),
                     file: UploadFile = File(..., description="CSV, XLSX or GeoJSON"),
                     crs: str | None = Form(None), skip_invalid: bool = Form(False)):
    """Import a survey file. Invalid rows without ``skip_invalid``: 422 with every problem and nothing written."""
    try:
        result = await _receive(request, user, file, crs, skip_invalid)
    except UploadRefused as exc:
        return JSONResponse({"problems": [{"row": None, "field": "file", "value": file.filename,
                                           "message_zh": exc.zh, "message_en": exc.en}], "written": 0},
                            status_code=exc.status)
    if result.outcome == "refused":
        return JSONResponse({"problems": result.problems, "written": 0, "upload_id": result.upload_id,
                             "summary": result.summary}, status_code=422)
    return {**result.summary, "problems": result.problems, "warnings": result.warnings}


@router.get("/api/surveys", dependencies=[Depends(require("view"))], tags=["surveys"])
def api_uploads(request: Request):
    """Every upload, newest first: who, when, file name, SHA-256, outcome and counts."""
    return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in u.items()
             if k not in ("stored_name", "report_name", "rejects_name")}
            for u in upload_store.list_uploads(request.app.state.engine)]
