"""Sites as the service manages them: add or edit one (target checked against request forgery first), its
schedule, starting a scan of it as a job. The web routes call these; so can a script."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from scanner.netpolicy import NetPolicy
from scanner.urls import base_url_of, normalize_url
from store import jobs as job_store
from store import sites as site_store
from wuzhangai.usecases.schedules import set_site_schedule
from wuzhangai.usecases.sites import describe_site

DEFAULT_MAX_PAGES = 100
MAX_PAGES_LIMIT = 5000


class SiteRefused(ValueError):
    """A site change refused (bad URL, forbidden target, bad schedule); zh and en text."""

    def __init__(self, zh: str, en: str, field: str = "url"):
        super().__init__(f"{zh} / {en}")
        self.zh, self.en, self.field = zh, en, field


@dataclass
class SiteForm:
    url: str
    name: str | None = None
    owner: str | None = None
    schedule: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    lon: float | None = None
    lat: float | None = None
    full_rescans: bool = False
    # scan pages whose TLS certificate is not valid, each marked in every output (the CLI's --ignore-https-errors)
    ignore_https_errors: bool = False
    extra: dict = field(default_factory=dict)


def checked_start_url(url: str, policy: NetPolicy) -> str:
    """The normalised start URL, refused when not http(s) or when it reaches a forbidden address."""
    from scanner.netpolicy import TargetRefused

    start = normalize_url(url.strip()) if url and url.strip() else None
    if start is None:
        raise SiteRefused(f"不是有效的网址：{url}", f"not an http(s) URL: {url}")
    try:
        policy.check_url_sync(start)
    except TargetRefused as exc:
        raise SiteRefused(exc.message_zh, exc.message_en) from None
    return start


def _max_pages(value: int | None) -> int:
    value = DEFAULT_MAX_PAGES if value is None else int(value)
    if not 1 <= value <= MAX_PAGES_LIMIT:
        raise SiteRefused(f"最多页数须在 1 到 {MAX_PAGES_LIMIT} 之间", f"max pages must be 1 to {MAX_PAGES_LIMIT}",
                          "max_pages")
    return value


def save_site_form(engine: Engine, form: SiteForm, policy: NetPolicy, site_id: int | None = None) -> int:
    """Create (``site_id`` None) or update a site from the form; the URL, coordinates and schedule are checked
    before anything is written."""
    start = checked_start_url(form.url, policy)
    max_pages = _max_pages(form.max_pages)
    if site_id is not None:
        current = site_store.site_row(engine, site_id)
        if current is None:
            raise LookupError(site_id)
        if base_url_of(start) != current["base_url"]:
            raise SiteRefused("网址须属于同一网站（协议和主机不变）；另一网站请新增", "the URL must stay on the same site "
                              "(scheme and host); add another site for another host")
    from wuzhangai.jobs.schedule import ScheduleError, parse_schedule

    if form.schedule:
        try:
            parse_schedule(form.schedule)
        except ScheduleError as exc:
            raise SiteRefused(*_split(str(exc)), field="schedule") from None
    try:
        new_id = describe_site(engine, start, name=form.name or None, owner_unit=form.owner or None,
                               lon=form.lon, lat=form.lat)
    except ValueError as exc:
        raise SiteRefused(*_split(str(exc)), field="lon") from None
    config = {**(site_store.site_row(engine, new_id).get("scan_config") or {}), "max_pages": max_pages,
              "ignore_https_errors": bool(form.ignore_https_errors)}
    site_store.update_site(engine, new_id, start_url=start, scan_config=config)
    set_site_schedule(engine, new_id, form.schedule or None, full=form.full_rescans)
    return new_id


def _split(text: str) -> tuple[str, str]:
    zh, _, en = text.partition(" / ")
    return zh, en or zh


def start_site_scan(engine: Engine, site_id: int, *, user: str, policy: NetPolicy, max_pages: int | None = None,
                    full: bool = True, allow_net: list[str] | tuple = (), chromium: str | None = None
                    ) -> tuple[int, int]:
    """Queue a scan of the site now; returns (job id, scan id). The scan row exists at once (so its page can
    show progress from the first second); a site with a scan already queued or running gets that one back."""
    from scanner.axe import axe_version
    from wuzhangai.jobs.runner import options_for_site
    from wuzhangai.usecases.site_scan import create_scan

    active = job_store.active_job_for_site(engine, site_id)
    if active is not None and active.get("scan_id"):
        return active["id"], active["scan_id"]
    site = site_store.site_row(engine, site_id)
    if site is None:
        raise LookupError(site_id)
    if site.get("kind") == "app":  # an Android app is audited from its screens' dumps, there is nothing to crawl
        raise SiteRefused("移动应用不能在线扫描：请用 wuzhangai app audit 导入其界面（uiautomator 导出的 XML 与截图）",
                          "an app cannot be crawled: audit its screens (uiautomator dumps and screenshots) with "
                          "wuzhangai app audit", "kind")
    checked_start_url(site.get("start_url") or site["base_url"], policy)
    params = {"max_pages": _max_pages(max_pages if max_pages is not None
                                      else (site.get("scan_config") or {}).get("max_pages")), "full": full}
    options = options_for_site(site, params, allow_net=allow_net, chromium=chromium)
    scan_id = create_scan(engine, options, axe_version() if options.browser else None)
    job_id = job_store.enqueue_scan(engine, site_id, max_pages=params["max_pages"], full=full, requested_by=user,
                                    scan_id=scan_id)
    return job_id, scan_id
