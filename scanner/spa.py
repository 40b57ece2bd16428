"""Single-page apps: client-side routes are pages.

A Vue or React portal in hash mode links ``#/news/1``; one in history mode renders ``<a href="/news/1">`` that
call ``history.pushState`` when clicked, and its server answers every such path with the same shell. In a browser
scan both are found in the rendered DOM and each route is scanned as a page of its own (``urls.normalize_url``
keeps a route's fragment). A static scan runs no scripts: it sees the shell only, so it says so on the page
(``needs_script``) instead of scoring an empty page as if it were the app.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

NOTE = "needs_script"  # a page's note in static mode: ``needs_script <number of hash routes not scanned>``
# A fragment that is a route (``#/news/1``, hash-bang ``#!/news/1``), not an anchor in the page (``#top``).
_ROUTE = re.compile(r"^!?/")
# Shells of script-built pages: the app's mount point, empty in the HTML the server sends.
_EMPTY_MOUNT = re.compile(r"<div[^>]+id=[\"']?(app|root|__nuxt|__next)[\"']?[^>]*>\s*</div>", re.I)
SHELL_TEXT_CHARS = 40  # a page with scripts and less visible text than this is a shell


def is_route(fragment: str) -> bool:
    """``#/news/1`` and ``#!/news/1`` are client-side routes; ``#top`` is a place in the page."""
    return bool(_ROUTE.match(fragment))


def route_links(hrefs: list[str]) -> list[str]:
    """The links among ``hrefs`` whose fragment is a route."""
    return [h for h in hrefs if "#" in h and is_route(urlsplit(h).fragment)]


def needs_script(html: str, text_chars: int, routes: int) -> bool:
    """Whether a page fetched without running its scripts is an app's shell: it links hash routes, or it has
    scripts and an empty mount point or next to no text."""
    if routes:
        return True
    if "<script" not in html.lower():
        return False
    return bool(_EMPTY_MOUNT.search(html)) or text_chars < SHELL_TEXT_CHARS


def note(routes: int) -> str:
    return f"{NOTE} {routes}"


def parse_note(note_text: str) -> int | None:
    """The number of hash routes a ``needs_script`` note counts, else None."""
    parts = note_text.split(" ")
    return int(parts[1]) if len(parts) == 2 and parts[0] == NOTE and parts[1].isdigit() else None
