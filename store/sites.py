"""Sites as the district sees them: who owns each (区政府, a bureau, a street office), where it sits, and how its
latest scan came out. Used by ``wuzhangai scans``, the maps and the district reports.

A site is keyed by its base URL (``scanner.urls.base_url_of``): callers normalise, the store only keeps."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from store import scans as T

if TYPE_CHECKING:
    import pandas as pd

SITE_COLUMNS = ["site_id", "base_url", "name", "owner_unit", "lon", "lat", "latest_scan_id", "score", "issues",
                "pages", "scanned_at", "mode", "kind"]


def save_site(engine: Engine, base: str, default_name: str, name: str | None = None,
              owner_unit: str | None = None, lon: float | None = None, lat: float | None = None) -> int:
    """Create or update the site ``base``; the values given (not None) replace the stored ones. A new site
    is called ``name`` or ``default_name``. Coordinates in WGS84."""
    values = {k: v for k, v in {"name": name, "owner_unit": owner_unit, "lon": lon, "lat": lat}.items()
              if v is not None}
    with engine.begin() as conn:
        site_id = site_id_for(conn, base, name or default_name)
        if values:
            conn.execute(update(T.sites).where(T.sites.c.id == site_id).values(**values))
        return site_id


def site_summaries(engine: Engine) -> "pd.DataFrame":
    """One row per site with its latest finished scan (columns ``SITE_COLUMNS``; score None if never scanned)."""
    import pandas as pd  # here, not at the top: the scan command needs this module but not pandas

    with engine.connect() as conn:
        latest = (select(T.scans.c.site_id, func.max(T.scans.c.id).label("scan_id"))
                  .where(T.scans.c.state == "finished").group_by(T.scans.c.site_id).subquery())
        rows = conn.execute(
            select(T.sites, latest.c.scan_id, T.scans.c.site_score, T.scans.c.started_at, T.scans.c.mode)
            .select_from(T.sites.outerjoin(latest, latest.c.site_id == T.sites.c.id)
                         .outerjoin(T.scans, T.scans.c.id == latest.c.scan_id))
            .order_by(T.sites.c.id)).mappings().all()
        # counted for the latest scans only (by index): the whole history grows with every scan of every site
        latest_ids = select(latest.c.scan_id)
        issue_counts = dict(conn.execute(select(T.issues.c.scan_id, func.count()).where(
            T.issues.c.scan_id.in_(latest_ids), T.issues.c.outcome == "failed", T.issues.c.dismissal_id.is_(None))
            .group_by(T.issues.c.scan_id)).all())
        page_counts = dict(conn.execute(select(T.pages.c.scan_id, func.count()).where(
            T.pages.c.scan_id.in_(latest_ids), T.pages.c.error.is_(None), T.pages.c.duplicate_of.is_(None))
            .group_by(T.pages.c.scan_id)).all())
    records = [{
        "site_id": r["id"], "base_url": r["base_url"], "name": r["name"], "owner_unit": r["owner_unit"],
        "lon": r["lon"], "lat": r["lat"], "latest_scan_id": r["scan_id"], "score": r["site_score"],
        "issues": issue_counts.get(r["scan_id"], 0) if r["scan_id"] else None,
        "pages": page_counts.get(r["scan_id"], 0) if r["scan_id"] else None,
        "scanned_at": r["started_at"].isoformat() if r["started_at"] else None, "mode": r["mode"],
        "kind": r["kind"] or "web",
    } for r in rows]
    return pd.DataFrame.from_records(records, columns=SITE_COLUMNS)


def site_id_for(conn, base: str, default_name: str, kind: str = "web") -> int:
    """The id of the site ``base`` inside an open transaction, created (named ``default_name``, of ``kind``: web
    or app) if new."""
    site_id = conn.execute(select(T.sites.c.id).where(T.sites.c.base_url == base)).scalar()
    if site_id is not None:
        return site_id
    return conn.execute(T.sites.insert().values(base_url=base, name=default_name, kind=kind)).inserted_primary_key[0]


def scan_history(engine: Engine, site_id: int) -> list[dict]:
    """Every finished scan of a site, oldest first: the score trend."""
    with engine.connect() as conn:
        rows = conn.execute(select(T.scans.c.id, T.scans.c.started_at, T.scans.c.site_score, T.scans.c.mode)
                            .where(T.scans.c.site_id == site_id, T.scans.c.state == "finished")
                            .order_by(T.scans.c.started_at, T.scans.c.id)).all()
    return [{"scan_id": r.id, "started_at": r.started_at.isoformat() if r.started_at else None,
             "score": r.site_score, "mode": r.mode} for r in rows]


# --- a site's scan settings (what the service scans, by hand or on a schedule) ------------------------------

# The scan settings a site has until someone changes them (``standard`` None: the scanner's default standard).
DEFAULT_SCAN_CONFIG = {"max_pages": 100, "max_depth": 5, "standard": None, "browser": True, "include": [],
                       "exclude": []}
SCAN_CONFIG_KEYS = frozenset(DEFAULT_SCAN_CONFIG) | {"concurrency", "delay", "respect_robots", "use_sitemaps",
                                                     "ignore_https_errors", "auth"}  # auth: wuzhangai.usecases.site_auth
SITE_FIELDS = frozenset({"base_url", "name", "owner_unit", "lon", "lat", "start_url", "scan_config"})


def _site_dict(row) -> dict:
    site = dict(row)
    site["start_url"] = site.get("start_url") or site["base_url"]
    site["scan_config"] = {**DEFAULT_SCAN_CONFIG, **{k: v for k, v in (site.get("scan_config") or {}).items()
                                                    if v is not None}}
    return site


def site_row(engine: Engine, site_id: int) -> dict | None:
    """The site's row with its defaults filled in: ``start_url`` (the base URL when unset) and ``scan_config``
    (``DEFAULT_SCAN_CONFIG`` under the values stored); None when there is no such site."""
    with engine.connect() as conn:
        row = conn.execute(select(T.sites).where(T.sites.c.id == site_id)).mappings().first()
    return _site_dict(row) if row else None


def list_sites(engine: Engine) -> list[dict]:
    """Every site (as ``site_row`` gives it), in id order."""
    with engine.connect() as conn:
        return [_site_dict(r) for r in conn.execute(select(T.sites).order_by(T.sites.c.id)).mappings()]


def update_site(engine: Engine, site_id: int, **values) -> bool:
    """Set columns of the site (``SITE_FIELDS``; None clears a nullable one). ``scan_config`` replaces the stored
    settings as a whole (keys ``SCAN_CONFIG_KEYS``; missing ones take the defaults). Returns False when there is
    no such site; raises ValueError for an unknown column or setting."""
    unknown = set(values) - SITE_FIELDS
    if unknown:
        raise ValueError(f"未知的网站字段 / unknown site fields: {', '.join(sorted(unknown))}")
    config = values.get("scan_config")
    if config is not None:
        bad = set(config) - SCAN_CONFIG_KEYS
        if bad:
            raise ValueError(f"未知的扫描设置 / unknown scan settings: {', '.join(sorted(bad))}")
        values["scan_config"] = dict(config)
    if not values:
        return site_row(engine, site_id) is not None
    with engine.begin() as conn:
        return conn.execute(update(T.sites).where(T.sites.c.id == site_id).values(**values)).rowcount == 1
