"""The logged-in session of a browser scan: log in once before the crawl, share the session with every tab, and
log in again when a page shows the session was lost.

Each tab has its own browser context (and contexts are recycled), so the session lives here as a storage state
(cookies, localStorage) that every new context starts from. The login script runs in a context of its own,
started from the scan's cookie file (if any), so a consent dialog or a city selector is met the same way each
time. A tab that meets the logged-out marker asks for a new session (``renew``); tabs that meet it at the same
time wait for one login, not one each.
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.auth import Credentials
from scanner.login import LoginFailed, StepRunner

if TYPE_CHECKING:
    from scanner.gather_browser import BrowserGatherer

# Logins in one scan at most: a site that logs out on every page would otherwise be logged into forever. Past it,
# pages still logged out fail ``logged_out``.
MAX_LOGINS = 50
_HAS_TEXT_JS = "t => !!document.body && document.body.innerText.includes(t)"


class LoginSession:
    def __init__(self, gatherer: "BrowserGatherer", credentials: Credentials, evidence_dir: str | Path = "."):
        self.g = gatherer
        self.credentials = credentials
        self.script = credentials.login
        self.base_state = credentials.storage_state()  # what every login starts from
        self.state: dict[str, Any] | None = self.base_state  # what every tab's context starts from
        self.generation = 0  # +1 per login: a tab whose context is older starts a new one
        self.logins = 0
        self.failed: LoginFailed | None = None
        self.runner = StepRunner(credentials.secrets, Path(evidence_dir), self.script.timeout_s)
        self._lock = asyncio.Lock()

    @property
    def where(self) -> tuple[str, str]:
        return (f"登录脚本 {self.script.source}（{self.script.name}）",
                f"login script {self.script.source} ({self.script.name}):")

    async def login(self) -> None:
        """Run the login script in a fresh context and keep the session it leaves; ``LoginFailed`` (with the step,
        its selector and a screenshot) when a step fails or the page still shows the logged-out marker."""
        from scanner.netguard import GuardProxy

        policy = self.g.options.net_policy
        proxy = await GuardProxy(policy).start() if policy is not None else None
        context = await self.g.new_context(proxy.url if proxy else None, state=self.base_state)
        try:
            page = await context.new_page()
            await self.runner.run(page, self.script.steps, self.where, failure=LoginFailed, prefix="login")
            if await self.shows_logged_out(page, page.url):
                shot = await self.runner.screenshot(page, "login-still-logged-out")
                raise LoginFailed(self.where, len(self.script.steps), self.script.steps[-1],
                                  "最后一步之后页面仍显示未登录（用户名或密码错误？）/ the page still shows the logged-out "
                                  "marker after the last step (wrong user name or password?)", shot)
            self.state = await context.storage_state()
            self.generation += 1
            self.logins += 1
        finally:
            await context.close()
            if proxy is not None:
                await proxy.close()

    async def renew(self, seen_generation: int) -> bool:
        """Log in again unless another tab already did since ``seen_generation``; False when no more logins are
        allowed (``MAX_LOGINS``). A failed login is kept in ``failed`` and raised to every tab that asks after."""
        async with self._lock:
            if self.failed is not None:
                raise self.failed
            if seen_generation != self.generation:
                return True
            if self.logins >= MAX_LOGINS:
                return False
            try:
                await self.login()
            except LoginFailed as exc:
                self.failed = exc
                raise
            return True

    async def shows_logged_out(self, page, url: str | None) -> bool:
        """Whether the document in ``page`` (at ``url``) is what the site shows a visitor without a session."""
        marker = self.script.logged_out
        if marker.url_matches(url):
            return True
        if not marker.text:
            return False
        from playwright.async_api import Error as PlaywrightError

        try:
            return bool(await page.evaluate(_HAS_TEXT_JS, marker.text))
        except PlaywrightError:
            return False
