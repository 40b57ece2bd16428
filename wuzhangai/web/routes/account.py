"""Logging in and out, health, the language switch and the API's own documentation (served offline)."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import text

from store.node_assets import find_in_node_modules
from wuzhangai.usecases.accounts import authenticate
from wuzhangai.web.auth import audit, client_address, local_path, public, require
from wuzhangai.web.pages import render

router = APIRouter()
SWAGGER_FILES = ("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png")
_PX_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


@router.get("/api/health", dependencies=[Depends(public)], tags=["service"])
def health(request: Request):
    """200 ``{"status": "ok"}`` once the service is up and its database answers."""
    if not request.app.state.ready:
        return JSONResponse({"status": "starting"}, status_code=503)
    with request.app.state.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return {"status": "ok"}


def _local_next(value: str | None) -> str:
    """Only a path on this site may be the place to go after login (no open redirect)."""
    return local_path(value, "/")


@router.get("/login", dependencies=[Depends(public)], include_in_schema=False)
def login_page(request: Request, next: str | None = None):
    return render(request, "login.html", {"next": _local_next(next), "error": None}, title=("登录", "Log in"))


@router.post("/login", dependencies=[Depends(public)], include_in_schema=False)
def login(request: Request, name: str = Form(...), password: str = Form(...), next: str = Form("/")):
    throttle = request.app.state.throttle
    client = client_address(request)
    if not throttle.allowed(name, client):
        audit(request, "login", name, outcome="refused", user_name=None, detail={"reason": "throttled"})
        return render(request, "login.html", {"next": _local_next(next), "error": (
            "登录失败次数过多，请 15 分钟后再试", "too many failed logins: try again in 15 minutes")},
            status=429, title=("登录", "Log in"))
    user = authenticate(request.app.state.engine, name, password)
    if user is None:
        throttle.failed(name, client)
        audit(request, "login", name, outcome="refused", detail={"reason": "bad credentials"})
        return render(request, "login.html", {"next": _local_next(next), "error": (
            "用户名或密码不正确", "wrong user name or password")}, status=401, title=("登录", "Log in"))
    throttle.succeeded(name, client)
    request.session.clear()  # a new session at login: no fixation
    request.session.update({"uid": user.id, "role": user.role})
    request.state.user = user
    audit(request, "login", user.name)
    return RedirectResponse(_local_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(require("view"))], include_in_schema=False)
def logout(request: Request):
    audit(request, "logout")
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/api/openapi.json", dependencies=[Depends(public)], include_in_schema=False)
def openapi(request: Request):
    return JSONResponse(request.app.openapi())


@router.get("/api/docs", dependencies=[Depends(public)], include_in_schema=False)
def api_docs(request: Request):
    return render(request, "api_docs.html", title=("API 文档", "API documentation"))


@router.get("/api/docs/assets/{name}", dependencies=[Depends(public)], include_in_schema=False)
def api_docs_asset(name: str):
    """Swagger UI's files from node_modules (pinned in package.json); only these names, never a path."""
    if name not in SWAGGER_FILES:
        raise HTTPException(404)
    base = find_in_node_modules(f"swagger-ui-dist/{name}")
    if base is None:
        raise HTTPException(404, detail={"zh": "缺少 swagger-ui-dist：请运行 make setup",
                                         "en": "swagger-ui-dist is missing: run make setup"})
    path = base / "swagger-ui-dist" / name
    if name == "swagger-ui.css":
        return Response(_swagger_css(path, path.stat().st_mtime), media_type="text/css",
                        headers={"Cache-Control": "max-age=86400"})
    return FileResponse(path, headers={"Cache-Control": "max-age=86400"})


@functools.lru_cache(maxsize=2)
def _swagger_css(path: Path, _mtime: float) -> str:
    """Swagger UI's stylesheet with its font sizes in rem instead of px (16 px = 1rem at the default setting), so
    the documentation grows with the reader's font size setting like our own pages (wza-text-follows-font-setting,
    MIIT 适老化); nothing else is changed."""
    css = path.read_text(encoding="utf-8")
    return _PX_FONT_SIZE.sub(lambda m: f"font-size:{float(m.group(1)) / 16:g}rem", css)
