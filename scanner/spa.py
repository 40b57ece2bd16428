"""Single-page apps: client-side routes are pages.

A Vue or React portal in hash mode links ``#/news/1``; one in history mode renders ``<a href="/news/1">`` that
call ``history.pushState`` when clicked, and its server answers every such path with the same shell. In a browser
scan both are found in the rendered DOM and each route is scanned as a page of its own (``urls.normalize_url``
keeps a route's fragment). A static scan runs no scripts: it sees the shell only, so it says so on the page
(``needs_script``) instead of scoring an empty page as if it were the app.
"""
from __future__ import annotations

import re

NOTE = "needs_script"  # a page's note in static mode: ``needs_script <number of hash routes not scanned>``
# Shells of script-built pages: the app's mount point, empty in the HTML the server sends.
_EMPTY_MOUNT = re.compile(r"<div[^>]+id=[\"']?(app|root|__nuxt|__next)[\"']?[^>]*>\s*</div>", re.I)


def needs_script(html: str, routes: int) -> bool:
    """Whether a page fetched without running its scripts is an app's shell: it links hash routes, or it has
    scripts and an empty mount point (``<div id="app"></div>``)."""
    return bool(routes) or ("<script" in html.lower() and bool(_EMPTY_MOUNT.search(html)))


def note(routes: int) -> str:
    return f"{NOTE} {routes}"


def parse_note(note_text: str) -> int | None:
    """The number of hash routes a ``needs_script`` note counts, else None."""
    parts = note_text.split(" ")
    return int(parts[1]) if len(parts) == 2 and parts[0] == NOTE and parts[1].isdigit() else None
