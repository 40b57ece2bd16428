"""Server-rendered pages: one Jinja2 environment, the navigation, and ``render`` (language, user, CSRF token)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from reports.tables import local_time
from wuzhangai.web.csrf import form_token
from wuzhangai.web.csrf import set_cookie as set_csrf_cookie
from wuzhangai.web.i18n import request_lang, translator

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

# (path, zh, en, permission): what the navigation shows to a user holding the permission
NAV = (
    ("/", "概览", "Dashboard", "view"),
    ("/sites", "网站", "Sites", "view"),
    ("/surveys", "调查上传", "Survey uploads", "view"),
    ("/facilities", "设施", "Facilities", "view"),
    ("/reports", "报告", "Reports", "view"),
    ("/admin/users", "用户", "Users", "manage_users"),
    ("/admin/audit", "审计日志", "Audit log", "manage_users"),
    ("/admin/alerts", "提醒设置", "Alerts", "manage_users"),
)


def number(value: Any, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


templates.env.filters["local_time"] = local_time
templates.env.filters["number"] = number


def render(request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200,
           title: tuple[str, str] | None = None) -> HTMLResponse:
    lang = request_lang(request)
    user = getattr(request.state, "user", None)
    T = translator(lang)
    token, new_cookie = form_token(request)
    ctx = {
        "request": request, "lang": lang, "T": T, "user": user,
        "nav": [(path, T(zh, en)) for path, zh, en, perm in NAV if user is not None and user.can(perm)],
        "csrftoken": token,
        "page_title": T(*title) if title else "",
        "path": request.url.path,
        "other_lang": "en" if lang == "zh-CN" else "zh-CN",
    }
    ctx.update(context or {})
    response = templates.TemplateResponse(request, template, ctx, status_code=status)
    set_csrf_cookie(request, response, new_cookie)
    if request.query_params.get("lang") in ("en", "zh-CN"):
        response.set_cookie("lang", request.query_params["lang"], max_age=365 * 86400, samesite="lax",
                            httponly=True, secure=request.app.state.settings.https)
    return response
