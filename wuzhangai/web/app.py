"""The FastAPI application: middleware (sessions, CSRF, upload bound, security headers), error pages, routers.

``create_app`` builds it from settings; ``wuzhangai serve`` runs it under uvicorn with the embedded job runner.
"""
from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from store.db import engine_for
from wuzhangai import __version__
from wuzhangai.web.auth import LoginRequired, LoginThrottle
from wuzhangai.web.csrf import SESSION_COOKIE, check_csrf, configure
from wuzhangai.web.pages import HERE, render
from wuzhangai.web.settings import ServiceSettings

log = logging.getLogger("wuzhangai.web")

# no inline script or style anywhere: every script is a file under /static (pinned from npm or ours)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'")


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse a request body over ``limit`` bytes with 413, by its Content-Length or, when it streams without
    one, as soon as the count passes the limit (nothing of it is kept)."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await self._refuse(scope, send)
        seen = 0

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    scope[TOO_LARGE] = True  # the body parser turns this into a 400: the error handler says 413
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _TooLarge:
            await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        await too_large(self.limit)(scope, None, send)


class _TooLarge(Exception):
    pass


TOO_LARGE = "wuzhangai.body_too_large"


def too_large(limit: int) -> JSONResponse:
    mb = limit // (1024 * 1024)
    return JSONResponse({"detail": {"zh": f"文件太大：上限 {mb} MB", "en": f"too large: the limit is {mb} MB"}},
                        status_code=413)


def create_app(settings: ServiceSettings, runner=None) -> FastAPI:
    """The app over ``settings.db``; ``runner`` (the embedded job runner) is started and stopped with it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if runner is not None:
            runner.start()
        if settings.warm_caches:  # score the facilities now, not in the first visitor's request (19 s for 100,000)
            threading.Thread(target=_warm, args=(app.state.engine,), name="warm-caches", daemon=True).start()
        app.state.ready = True
        try:
            yield
        finally:
            app.state.ready = False
            if runner is not None:
                runner.stop()

    key = settings.signing_key()
    app = FastAPI(title="wuzhangai 无障碍", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None, dependencies=[Depends(check_csrf)])
    app.state.settings = settings
    app.state.engine = engine_for(settings.db)
    app.state.throttle = LoginThrottle(settings.login_failures)
    app.state.runner = runner
    app.state.ready = False
    app.state.csrf_secret, app.state.csrf_max_age = key, settings.session_hours * 3600
    app.state.csrf = configure(key, settings.https, settings.session_hours * 3600)

    from wuzhangai.web.routes import ROUTERS

    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _error_handlers(app)

    # outermost first: headers on everything, then the size bound before anything reads a body, then the session
    app.add_middleware(SessionMiddleware, secret_key=key, session_cookie=SESSION_COOKIE,
                       max_age=settings.session_hours * 3600, same_site="lax", https_only=settings.https)
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes + 1024 * 1024)  # room for the form's fields
    app.add_middleware(SecurityHeaders)
    return app


def _warm(engine) -> None:
    from wuzhangai.usecases.facilities import facility_summary

    try:
        facility_summary(engine)
    except Exception:  # a broken survey table shows on the pages that read it, with its message
        log.exception("warming the facility verdicts failed")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired):
        if _wants_json(request):
            return JSONResponse({"detail": {"zh": "请先登录或提供 API 令牌", "en": "log in or send an API token"}},
                                status_code=401, headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException and Starlette's own 404/405
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.scope.get(TOO_LARGE):
            return too_large(request.app.state.settings.max_upload_bytes)
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        detail = exc.detail if isinstance(exc.detail, dict) else (
            {"zh": "没有这个页面", "en": "no such page"} if exc.status_code == 404
            else {"zh": str(exc.detail), "en": str(exc.detail)})
        return render(request, "error.html", {"status": exc.status_code, "detail": detail},
                      status=exc.status_code, title=("出错了", "Error"))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        problems = [{"field": ".".join(str(p) for p in e["loc"][1:]), "message_en": e["msg"],
                     "message_zh": "取值无效：" + e["msg"]} for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": {"zh": "请求无效", "en": "invalid request"}, "problems": problems},
                                status_code=422)
        return render(request, "error.html", {"status": 422, "detail": {
            "zh": "请求无效：" + "；".join(p["field"] for p in problems),
            "en": "invalid request: " + ", ".join(p["field"] for p in problems)}}, status=422,
            title=("出错了", "Error"))
