"""A site's authenticated scans: its settings (headers, basic auth, cookies, login script, per-URL steps, links
avoided) and its secrets, encrypted at rest and never shown (``wuzhangai.usecases.site_auth``). Assessors and
admins only (``manage_sites``): a viewer may not even see which secrets a site has. The audit log gets names,
never values."""
from __future__ import annotations

import yaml
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from store import site_secrets as secret_store
from wuzhangai.usecases.accounts import User
from wuzhangai.usecases.site_admin import SiteRefused
from wuzhangai.usecases.site_auth import (SecretBox, auth_view, parse_auth_form, save_auth_settings,
                                         set_secret)
from wuzhangai.web.auth import audit, require
from wuzhangai.web.pages import render
from wuzhangai.web.routes.sites import _refused, _site, _site_title

router = APIRouter()


def _box(request: Request) -> SecretBox:
    box = getattr(request.app.state, "secret_box", None)
    if box is None:
        box = request.app.state.secret_box = request.app.state.settings.secret_box()
    return box


def _form_texts(settings: dict) -> dict[str, str]:
    """The stored settings as the form's texts."""
    def as_yaml(value) -> str:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False) if value else ""
    password = settings.get("basic_password") or ""
    return {"headers": "\n".join(f"{k}: {v}" for k, v in (settings.get("headers") or {}).items()),
            "basic_user": settings.get("basic_user") or "",
            "basic_password_secret": password[len("${secret:"):-1] if password.startswith("${secret:") else "",
            "cookies_secret": settings.get("cookies_secret") or "",
            "login_script": as_yaml(settings.get("login_script")), "actions": as_yaml(settings.get("actions_file")),
            "avoid_links": ("none" if settings.get("avoid_links") == [] else
                            ", ".join(settings.get("avoid_links") or []))}


def _page(request: Request, site_id: int, error: SiteRefused | None = None, form: dict | None = None,
          status: int = 200):
    site = _site(request, site_id)
    view = auth_view(request.app.state.engine, site_id)
    zh, en = _site_title(site)
    return render(request, "site_auth.html", {"site": site, "view": view, "form": form or _form_texts(view["settings"]),
                                              "error": error}, status=status, title=(f"登录扫描 · {zh}", f"Login · {en}"))


@router.get("/sites/{site_id}/auth", dependencies=[Depends(require("manage_sites"))], include_in_schema=False)
def auth_page(request: Request, site_id: int):
    return _page(request, site_id)


@router.post("/sites/{site_id}/auth", include_in_schema=False)
async def save_auth_form(request: Request, site_id: int, user: User = Depends(require("manage_sites")),
                         headers: str = Form(""), basic_user: str = Form(""), basic_password_secret: str = Form(""),
                         cookies_secret: str = Form(""), login_script: str = Form(""), actions: str = Form(""),
                         avoid_links: str = Form("")):
    _site(request, site_id)
    texts = {"headers": headers, "basic_user": basic_user, "basic_password_secret": basic_password_secret,
             "cookies_secret": cookies_secret, "login_script": login_script, "actions": actions,
             "avoid_links": avoid_links}
    try:
        settings = parse_auth_form(**texts)
        await run_in_threadpool(save_auth_settings, request.app.state.engine, site_id, settings)
    except SiteRefused as exc:
        audit(request, "site.auth.update", site_id, {"refused": exc.en}, outcome="refused")
        return _page(request, site_id, exc, texts, status=422)
    audit(request, "site.auth.update", site_id, {"secrets_named": sorted(settings.secret_names())})
    return RedirectResponse(f"/sites/{site_id}/auth?saved=1", status_code=303)


@router.post("/sites/{site_id}/secrets", include_in_schema=False)
async def set_secret_form(request: Request, site_id: int, user: User = Depends(require("manage_sites")),
                          name: str = Form(...), value: str = Form(...)):
    _site(request, site_id)
    try:
        await run_in_threadpool(set_secret, request.app.state.engine, _box(request), site_id, name, value, user.name)
    except SiteRefused as exc:
        audit(request, "site.secret.set", site_id, {"name": name, "refused": exc.en}, outcome="refused")
        return _page(request, site_id, exc, status=422)
    audit(request, "site.secret.set", site_id, {"name": name})  # the name only, never the value
    return RedirectResponse(f"/sites/{site_id}/auth?saved=1", status_code=303)


@router.post("/sites/{site_id}/secrets/{name}/delete", include_in_schema=False)
async def delete_secret_form(request: Request, site_id: int, name: str, user: User = Depends(require("manage_sites"))):
    _site(request, site_id)
    deleted = await run_in_threadpool(secret_store.delete_secret, request.app.state.engine, site_id, name)
    audit(request, "site.secret.delete", site_id, {"name": name}, outcome="ok" if deleted else "refused")
    return RedirectResponse(f"/sites/{site_id}/auth?saved=1", status_code=303)


# ---- the API -------------------------------------------------------------------------------------------------

class AuthIn(BaseModel):
    headers: dict[str, str] = Field(default_factory=dict, description="values may name secrets: ${secret:NAME}")
    basic_user: str | None = None
    basic_password_secret: str | None = Field(None, description="the name of the secret holding the password")
    cookies_secret: str | None = Field(None, description="the name of the secret holding a cookie file's text")
    login_script: dict | None = Field(None, description="a login script (scanner.login): name, logged_out, steps")
    actions: list | None = Field(None, description="per-URL steps: [{url, steps}]")
    avoid_links: list[str] | None = Field(None, description="words of links not followed; null: the default list")


class SecretIn(BaseModel):
    value: str


@router.get("/api/sites/{site_id}/auth", dependencies=[Depends(require("manage_sites"))], tags=["sites"])
def api_auth(request: Request, site_id: int):
    """The site's authentication settings and its secrets, masked (names, who set them, when)."""
    _site(request, site_id)
    return auth_view(request.app.state.engine, site_id)


@router.put("/api/sites/{site_id}/auth", tags=["sites"])
async def api_save_auth(request: Request, site_id: int, body: AuthIn, user: User = Depends(require("manage_sites"))):
    """Replace the site's authentication settings (references to secrets only); 422 naming the field."""
    _site(request, site_id)
    texts = {"headers": "\n".join(f"{k}: {v}" for k, v in body.headers.items()), "basic_user": body.basic_user or "",
             "basic_password_secret": body.basic_password_secret or "", "cookies_secret": body.cookies_secret or "",
             "login_script": yaml.safe_dump(body.login_script, allow_unicode=True) if body.login_script else "",
             "actions": yaml.safe_dump(body.actions, allow_unicode=True) if body.actions else "",
             "avoid_links": None if body.avoid_links is None else (", ".join(body.avoid_links) or "none")}
    try:
        settings = parse_auth_form(**texts)
        await run_in_threadpool(save_auth_settings, request.app.state.engine, site_id, settings)
    except SiteRefused as exc:
        audit(request, "site.auth.update", site_id, {"refused": exc.en}, outcome="refused")
        return _refused(exc)
    audit(request, "site.auth.update", site_id, {"secrets_named": sorted(settings.secret_names())})
    return auth_view(request.app.state.engine, site_id)


@router.put("/api/sites/{site_id}/secrets/{name}", status_code=204, tags=["sites"])
async def api_set_secret(request: Request, site_id: int, name: str, body: SecretIn,
                         user: User = Depends(require("manage_sites"))):
    """Store (or replace) a secret, encrypted; it is never shown again."""
    _site(request, site_id)
    try:
        await run_in_threadpool(set_secret, request.app.state.engine, _box(request), site_id, name, body.value,
                                user.name)
    except SiteRefused as exc:
        audit(request, "site.secret.set", site_id, {"name": name, "refused": exc.en}, outcome="refused")
        return _refused(exc)
    audit(request, "site.secret.set", site_id, {"name": name})


@router.delete("/api/sites/{site_id}/secrets/{name}", status_code=204, tags=["sites"])
async def api_delete_secret(request: Request, site_id: int, name: str, user: User = Depends(require("manage_sites"))):
    _site(request, site_id)
    if not await run_in_threadpool(secret_store.delete_secret, request.app.state.engine, site_id, name):
        return JSONResponse({"detail": {"zh": f"没有密钥 {name}", "en": f"no secret {name}"}}, status_code=404)
    audit(request, "site.secret.delete", site_id, {"name": name})
