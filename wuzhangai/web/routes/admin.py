"""Administration: users (add, change role, disable, tokens), alert settings and the audit log, as pages and as
their API twins (``/api/users``, ``/api/alerts``, ``/api/audit``), which call the same use cases. Admins only."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from scanner.netpolicy import TargetRefused
from store import accounts as account_store
from store.alerts import deliveries
from wuzhangai.usecases.accounts import (MIN_PASSWORD, ROLES, AccountError, NoSuchUser, add_user, create_token,
                                         disable_user, list_users, set_role, user_summaries)
from wuzhangai.usecases.alerts import AlertSettings, load_alert_settings, save_guarded_alert_settings
from wuzhangai.web.auth import audit, require
from wuzhangai.web.pages import render
from wuzhangai.web.routes.sites import _refused, policy

router = APIRouter()
ADMIN = [Depends(require("manage_users"))]


def _users_page(request: Request, message=None, error=None, token=None, status: int = 200):
    return render(request, "admin_users.html", {"users": list_users(request.app.state.engine), "roles": ROLES,
                                                "message": message, "error": error, "token": token},
                  status=status, title=("用户", "Users"))


@router.get("/admin/users", dependencies=ADMIN, include_in_schema=False)
def users_page(request: Request):
    return _users_page(request)


@router.post("/admin/users", dependencies=ADMIN, include_in_schema=False)
def add_user_form(request: Request, name: str = Form(...), role: str = Form(...), password: str = Form(...)):
    try:
        add_user(request.app.state.engine, name.strip(), role, password)
    except AccountError as exc:
        return _users_page(request, error=str(exc), status=422)
    audit(request, "user.add", name, {"role": role})
    return _users_page(request, message=("已添加用户 %s" % name, "user %s added" % name))


@router.post("/admin/users/{name}/role", dependencies=ADMIN, include_in_schema=False)
def change_role(request: Request, name: str, role: str = Form(...)):
    try:
        set_role(request.app.state.engine, name, role)
    except AccountError as exc:
        return _users_page(request, error=str(exc), status=422)
    audit(request, "user.role", name, {"role": role})
    return _users_page(request, message=("已修改 %s 的角色" % name, "role of %s changed" % name))


@router.post("/admin/users/{name}/disable", dependencies=ADMIN, include_in_schema=False)
def disable(request: Request, name: str):
    try:
        disable_user(request.app.state.engine, name)
    except AccountError as exc:
        return _users_page(request, error=str(exc), status=422)
    audit(request, "user.disable", name)
    return _users_page(request, message=("已停用 %s，其令牌已作废" % name, "%s disabled, tokens revoked" % name))


@router.post("/admin/users/{name}/token", dependencies=ADMIN, include_in_schema=False)
def new_token(request: Request, name: str):
    try:
        token = create_token(request.app.state.engine, name, label="web")
    except AccountError as exc:
        return _users_page(request, error=str(exc), status=422)
    audit(request, "user.token", name)  # the token itself is never logged
    return _users_page(request, token=(name, token))


@router.get("/admin/audit", dependencies=ADMIN, include_in_schema=False)
def audit_page(request: Request, offset: int = 0):
    return render(request, "admin_audit.html", {"entries": account_store.audit_entries(request.app.state.engine,
                                                                                          200, max(0, offset)),
                                                "offset": max(0, offset)}, title=("审计日志", "Audit log"))


@router.get("/api/audit", dependencies=ADMIN, tags=["admin"])
def api_audit(request: Request, limit: int = 200, offset: int = 0):
    """The audit log, newest first: who did what, when, from where."""
    return [{**e, "at": e["at"].isoformat()} for e in
            account_store.audit_entries(request.app.state.engine, min(max(limit, 1), 1000), max(0, offset))]


# ---- alerts ----------------------------------------------------------------------------------------------------

def _alerts_page(request: Request, message=None, error=None, status: int = 200):
    engine = request.app.state.engine
    return render(request, "admin_alerts.html", {"settings": load_alert_settings(engine),
                                                 "deliveries": deliveries(engine, limit=50), "message": message,
                                                 "error": error}, status=status, title=("提醒设置", "Alerts"))


@router.get("/admin/alerts", dependencies=ADMIN, include_in_schema=False)
def alerts_page(request: Request):
    return _alerts_page(request)


@router.post("/admin/alerts", dependencies=ADMIN, include_in_schema=False)
def save_alerts(request: Request, webhooks: str = Form(""), score_drop: str = Form("5"), smtp_host: str = Form(""),
                smtp_port: str = Form("25"), smtp_user: str = Form(""), smtp_password: str = Form(""),
                smtp_starttls: bool = Form(False), mail_from: str = Form(""), mail_to: str = Form("")):
    hooks = [line.strip() for line in webhooks.splitlines() if line.strip()]
    try:
        save_guarded_alert_settings(request.app.state.engine, AlertSettings(
            webhooks=hooks, score_drop=score_drop, smtp_host=smtp_host.strip() or None, smtp_port=smtp_port,
            smtp_user=smtp_user.strip() or None, smtp_password=smtp_password or None,  # blank keeps the stored one
            smtp_starttls=smtp_starttls, mail_from=mail_from.strip() or None,
            mail_to=[a.strip() for a in mail_to.replace("，", ",").split(",") if a.strip()]), policy(request))
    except TargetRefused as exc:
        return _alerts_page(request, error=f"{exc.message_zh} / {exc.message_en}", status=422)
    except ValueError as exc:
        return _alerts_page(request, error=str(exc), status=422)
    audit(request, "alerts.settings", None, {"webhooks": len(hooks), "smtp": bool(smtp_host.strip()),
                                             "score_drop": score_drop})
    return _alerts_page(request, message=("已保存提醒设置", "alert settings saved"))


# ---- the API: the twins of the pages above --------------------------------------------------------------------

class UserIn(BaseModel):
    name: str = Field(description="letters, digits, Chinese characters and . _ @ - (64 at most)")
    role: str = Field(description="one of " + ", ".join(ROLES))
    password: str = Field(description=f"at least {MIN_PASSWORD} characters; stored as an argon2id hash")


class RoleIn(BaseModel):
    role: str = Field(description="one of " + ", ".join(ROLES))


class AlertsIn(BaseModel):
    webhooks: list[str] = Field(default_factory=list, description="robot webhook URLs (WeCom, DingTalk); each "
                                                                  "must pass the network guard (--allow-net)")
    score_drop: float = Field(5.0, description="alert when a site's score falls by more than this many points")
    smtp_host: str | None = Field(None, description="no host: no e-mail")
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = Field(None, description="write-only; null or empty keeps the stored one")
    smtp_starttls: bool = False
    mail_from: str | None = None
    mail_to: list[str] = Field(default_factory=list)


def _user_refused(request: Request, action: str, name: str, exc: AccountError) -> JSONResponse:
    """404 for a user who does not exist, else 422 as the sites' API refuses (zh, en and the field)."""
    if isinstance(exc, NoSuchUser):
        raise HTTPException(404, detail={"zh": exc.zh, "en": exc.en})
    audit(request, action, name, {"refused": exc.en}, outcome="refused")
    return _refused(exc)


def _user(request: Request, name: str) -> dict:
    return next(u for u in user_summaries(request.app.state.engine) if u["name"] == name)


@router.get("/api/users", dependencies=ADMIN, tags=["admin"])
def api_users(request: Request):
    """Every user: name, role, disabled, created_at, last_login_at (as ``wuzhangai users list --format json``)."""
    return user_summaries(request.app.state.engine)


@router.post("/api/users", dependencies=ADMIN, status_code=201, tags=["admin"])
def api_add_user(request: Request, body: UserIn):
    """Add a user. A bad name, an unknown role, a short password or a name in use -> 422 (as the page)."""
    name = body.name.strip()
    try:
        add_user(request.app.state.engine, name, body.role, body.password)
    except AccountError as exc:
        return _user_refused(request, "user.add", name, exc)
    audit(request, "user.add", name, {"role": body.role})
    return _user(request, name)


@router.put("/api/users/{name}", dependencies=ADMIN, tags=["admin"])
def api_set_role(request: Request, name: str, body: RoleIn):
    """Change a user's role (the user's browser sessions end; tokens keep working with the new role)."""
    try:
        set_role(request.app.state.engine, name, body.role)
    except AccountError as exc:
        return _user_refused(request, "user.role", name, exc)
    audit(request, "user.role", name, {"role": body.role})
    return _user(request, name)


@router.post("/api/users/{name}/disable", dependencies=ADMIN, tags=["admin"])
def api_disable_user(request: Request, name: str):
    """Disable a user: no more login, and every token of the user is revoked."""
    try:
        disable_user(request.app.state.engine, name)
    except AccountError as exc:
        return _user_refused(request, "user.disable", name, exc)
    audit(request, "user.disable", name)
    return _user(request, name)


@router.post("/api/users/{name}/token", dependencies=ADMIN, status_code=201, tags=["admin"])
def api_new_token(request: Request, name: str):
    """A new API token for the user, shown this once (only its SHA-256 is stored). A disabled user -> 422."""
    try:
        token = create_token(request.app.state.engine, name, label="api")
    except AccountError as exc:
        return _user_refused(request, "user.token", name, exc)
    audit(request, "user.token", name)  # the token itself is never logged
    return {"name": name, "token": token}


def _alerts_document(request: Request, settings: AlertSettings) -> dict:
    """The settings without the SMTP password (only whether one is set) and the latest deliveries, as the page
    shows them. Webhook URLs are given whole, as the page's form shows them, so that a GET can be PUT back."""
    shown = {k: v for k, v in settings.to_dict().items() if k != "smtp_password"}
    return {**shown, "smtp_password_set": bool(settings.smtp_password),
            "deliveries": [{**d, "sent_at": d["sent_at"].isoformat()}
                           for d in deliveries(request.app.state.engine, limit=50)]}


@router.get("/api/alerts", dependencies=ADMIN, tags=["admin"])
def api_alerts(request: Request):
    """The alert settings (the SMTP password is never returned: ``smtp_password_set`` says whether there is one)
    and the 50 latest deliveries."""
    return _alerts_document(request, load_alert_settings(request.app.state.engine))


@router.put("/api/alerts", dependencies=ADMIN, tags=["admin"])
def api_save_alerts(request: Request, body: AlertsIn):
    """Replace the alert settings as the page's form does. A webhook or SMTP host reaching a loopback, private,
    link-local or metadata address -> 422 (unless inside --allow-net); so do settings that cannot work."""
    hooks = [url.strip() for url in body.webhooks if url.strip()]
    smtp_host = (body.smtp_host or "").strip() or None
    try:
        saved = save_guarded_alert_settings(request.app.state.engine, AlertSettings(
            webhooks=hooks, score_drop=body.score_drop, smtp_host=smtp_host, smtp_port=body.smtp_port,
            smtp_user=(body.smtp_user or "").strip() or None, smtp_password=body.smtp_password or None,
            smtp_starttls=body.smtp_starttls, mail_from=(body.mail_from or "").strip() or None,
            mail_to=[a.strip() for a in body.mail_to if a.strip()]), policy(request))
    except TargetRefused as exc:
        field = "webhooks" if exc.url in hooks else "smtp_host"
        audit(request, "alerts.settings", None, {"refused": exc.reason, "field": field}, outcome="refused")
        return JSONResponse({"detail": {"zh": exc.message_zh, "en": exc.message_en}, "problems": [
            {"row": None, "field": field, "value": None, "message_zh": exc.message_zh,
             "message_en": exc.message_en}]}, status_code=422)
    except ValueError as exc:
        zh, _, en = str(exc).partition(" / ")
        audit(request, "alerts.settings", None, {"refused": en or zh}, outcome="refused")
        return JSONResponse({"detail": {"zh": zh, "en": en or zh}, "problems": [
            {"row": None, "field": None, "value": None, "message_zh": zh, "message_en": en or zh}]}, status_code=422)
    audit(request, "alerts.settings", None, {"webhooks": len(hooks), "smtp": bool(smtp_host),
                                             "score_drop": body.score_drop})
    return _alerts_document(request, saved)
