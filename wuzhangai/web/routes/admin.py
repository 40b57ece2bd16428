"""Administration: users (add, change role, disable, tokens) and the audit log. Admins only."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request

from store import accounts as account_store
from wuzhangai.usecases.accounts import ROLES, AccountError, add_user, create_token, disable_user, list_users, set_role
from wuzhangai.web.auth import audit, require
from wuzhangai.web.pages import render

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
    from store.alerts import deliveries
    from wuzhangai.usecases.alerts import load_alert_settings

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
    from scanner.netpolicy import NetPolicy, TargetRefused
    from wuzhangai.usecases.alerts import AlertSettings, load_alert_settings, save_alert_settings

    engine = request.app.state.engine
    current = load_alert_settings(engine)
    hooks = [line.strip() for line in webhooks.splitlines() if line.strip()]
    try:
        policy = NetPolicy(request.app.state.settings.allow_net)
        for url in hooks:  # a webhook is a request the server makes: the same guard as a scan target
            policy.check_url_sync(url)
        if smtp_host.strip():
            policy.check_url_sync(f"http://{smtp_host.strip()}/")
        settings = AlertSettings(
            webhooks=hooks, score_drop=score_drop, smtp_host=smtp_host.strip() or None, smtp_port=smtp_port,
            smtp_user=smtp_user.strip() or None,
            smtp_password=smtp_password or current.smtp_password,  # blank keeps the stored one: it is never shown
            smtp_starttls=smtp_starttls, mail_from=mail_from.strip() or None,
            mail_to=[a.strip() for a in mail_to.replace("，", ",").split(",") if a.strip()])
        save_alert_settings(engine, settings)
    except TargetRefused as exc:
        return _alerts_page(request, error=f"{exc.message_zh} / {exc.message_en}", status=422)
    except ValueError as exc:
        return _alerts_page(request, error=str(exc), status=422)
    audit(request, "alerts.settings", None, {"webhooks": len(hooks), "smtp": bool(smtp_host.strip()),
                                             "score_drop": score_drop})
    return _alerts_page(request, message=("已保存提醒设置", "alert settings saved"))
