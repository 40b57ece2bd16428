"""CSRF protection for the pages' forms, with fastapi-csrf-protect (double submit: a signed token in an HttpOnly
cookie, its plain value in a hidden ``csrftoken`` field of every form). Checked on every unsafe request that a
browser could send with the user's cookies; API clients sending ``Authorization: Bearer`` are not exposed (a
browser cannot add that header across sites) and are not checked.

Why this library: asgi-csrf (datasette's) fails on every multipart form with python-multipart >= 0.0.26 (its
issue #38), and the versions before that carry published denial-of-service fixes (CVE-2026-40347, -42561)."""
from __future__ import annotations

from fastapi import HTTPException, Request
from fastapi_csrf_protect import CsrfProtect
from fastapi_csrf_protect.exceptions import CsrfProtectError
from itsdangerous import BadData, URLSafeTimedSerializer
from starlette.responses import Response

COOKIE = "wza_csrf"
FIELD = "csrftoken"
SESSION_COOKIE = "wza_session"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_SALT = "fastapi-csrf-token"  # the library's own salt: the cookie it validates is the one we read back


def configure(secret: str, secure: bool, max_age: int) -> CsrfProtect:
    @CsrfProtect.load_config
    def _settings():
        return [("secret_key", secret), ("cookie_key", COOKIE), ("cookie_samesite", "lax"),
                ("cookie_secure", secure), ("token_location", "body"), ("token_key", FIELD),
                ("max_age", max_age), ("httponly", True)]

    return CsrfProtect()


def form_token(request: Request) -> tuple[str, str | None]:
    """(the token a form carries, a new signed cookie value to set or None): the cookie's token while it is
    valid, so forms in several tabs stay valid together; a new pair otherwise."""
    protect: CsrfProtect = request.app.state.csrf
    signed = request.cookies.get(COOKIE)
    if signed:
        try:
            serializer = URLSafeTimedSerializer(request.app.state.csrf_secret, salt=_SALT)
            return serializer.loads(signed, max_age=request.app.state.csrf_max_age // 2), None
        except BadData:
            pass  # expired (or half-way to expiry: renewed early) or forged: a new pair
    token, signed = protect.generate_csrf_tokens()
    return token, signed


def set_cookie(request: Request, response: Response, signed: str | None) -> None:
    if signed:
        request.app.state.csrf.set_csrf_cookie(signed, response)


def _is_public(request: Request) -> bool:
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    stack = list(dependant.dependencies) if dependant else []
    while stack:
        dep = stack.pop()
        if getattr(dep.call, "permission", "missing") is None:
            return True
        stack.extend(dep.dependencies)
    return False


async def check_csrf(request: Request) -> None:
    """The app-wide dependency: refuse (403) an unsafe request from a browser session without the form's token.
    A request with neither a session nor a Bearer token is left to the route's permission (401 or the login
    page), except on public routes (the login form), which are checked."""
    if request.method in SAFE_METHODS:
        return
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    if SESSION_COOKIE not in request.cookies and not _is_public(request):
        return
    if request.headers.get("content-type", "").split(";")[0].strip() in FORM_TYPES:
        await request.form()  # parsed once and kept on the request, where the route and the check both read it
    try:
        await request.app.state.csrf.validate_csrf(request)
    except CsrfProtectError:
        raise HTTPException(403, detail={"zh": "表单已过期或来源不明，请刷新页面后再提交",
                                         "en": "the form expired or did not come from this site: reload the page "
                                               "and submit again", "reason": "csrf"}) from None
