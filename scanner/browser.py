"""Finding and launching Chromium. Playwright's own browser download does not work offline, so we drive the
system's Chromium (Debian's ``chromium`` package) and say plainly what to install when it is missing."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ENV = "WUZHANGAI_CHROMIUM"
# Set (to the refusing test's id) by tests/conftest.py around every test without the ``e2e`` marker: Chromium is
# then refused here, in the test's process and in any CLI it starts, so a slow browser test cannot hide in the
# fast tier.
NO_BROWSER_ENV = "WUZHANGAI_NO_BROWSER"
# Debian's real binary: the /usr/bin/chromium wrapper adds flags of its own and prints noise.
CANDIDATES = (
    "/usr/lib/chromium/chromium",
    "/usr/lib/chromium-browser/chromium-browser",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
)
# Headless, no sandbox (we run as root in CI), and none of the background traffic that a closed
# government network refuses (and that would otherwise fill logs and slow start-up).
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--mute-audio",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    # V8 stops at its mid tier (Maglev), without TurboFan. Every scanned document is a new JavaScript context
    # that lives about a second, so TurboFan re-optimised axe-core's hot code on every page and the result was
    # thrown away with the document. Without it: ~100 ms less background compile per page, 3-4 % less machine
    # CPU per page in paired runs (axe.run itself barely slower), the same findings (bench/README.md).
    "--js-flags=--max-opt=2",
)


class BrowserNotFound(RuntimeError):
    pass


class BrowserRefused(BrowserNotFound):
    """Chromium was asked for where ``$WUZHANGAI_NO_BROWSER`` forbids it (a test without the e2e marker)."""


def _refuse_when_forbidden(found: str) -> str:
    who = os.environ.get(NO_BROWSER_ENV)
    if who:
        raise BrowserRefused(
            f"不允许启动 Chromium（${NO_BROWSER_ENV}={who}）：启动浏览器的测试须标记 @pytest.mark.e2e。 / "
            f"Chromium refused (${NO_BROWSER_ENV}={who}): a test that starts Chromium must carry "
            "@pytest.mark.e2e.")
    return found


def find_chromium(explicit: str | os.PathLike | None = None) -> str:
    """The Chromium binary to use: ``--chromium``, then ``$WUZHANGAI_CHROMIUM``, then the usual Debian paths.

    Every launch of Chromium finds its binary here, so this is also where ``$WUZHANGAI_NO_BROWSER`` refuses it."""
    for candidate in (explicit, os.environ.get(CHROMIUM_ENV)):
        if candidate:
            path = Path(candidate)
            if path.is_file() and os.access(path, os.X_OK):
                return _refuse_when_forbidden(str(path))
            raise BrowserNotFound(
                f"找不到指定的 Chromium：{candidate} / Chromium not found at {candidate}"
            )
    for candidate in CANDIDATES:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return _refuse_when_forbidden(candidate)
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return _refuse_when_forbidden(found)
    raise BrowserNotFound(
        "找不到 Chromium 浏览器。请运行 `make demo`（会自动安装），或 `apt-get install chromium`，"
        f"或用 --chromium / ${CHROMIUM_ENV} 指定路径。 / Chromium not found: run `make demo`, "
        f"`apt-get install chromium`, or pass --chromium / set ${CHROMIUM_ENV}."
    )
