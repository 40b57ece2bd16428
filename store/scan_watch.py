"""Reads the service's pages make while scans run and after: live progress from the frontier, a site's scans,
and which failed issues are new since the site's previous finished scan (the "new" badge and the dashboard's
regressions)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from store.scans import frontier, issues, pages, previous_finished_scan, scans


def scan_progress(engine: Engine, scan_id: int) -> dict:
    """Pages done / failed / skipped / queued (frontier states) and the scan row's state and times."""
    with engine.connect() as conn:
        scan = conn.execute(select(scans.c.state, scans.c.started_at, scans.c.finished_at, scans.c.wall_seconds,
                                   scans.c.site_score).where(scans.c.id == scan_id)).mappings().first()
        if scan is None:
            return {}
        states = dict(conn.execute(select(frontier.c.state, func.count()).where(frontier.c.scan_id == scan_id)
                                   .group_by(frontier.c.state)).all())
    return {"state": scan["state"], "started_at": scan["started_at"], "finished_at": scan["finished_at"],
            "wall_seconds": scan["wall_seconds"], "site_score": scan["site_score"],
            "done": states.get("done", 0) + states.get("duplicate", 0), "failed": states.get("failed", 0),
            "skipped": states.get("skipped", 0),
            # claimed: pages a worker of a shared scan holds (store.frontier); still to be done, as queued ones are
            "queued": states.get("queued", 0) + states.get("claimed", 0)}


def site_scans(engine: Engine, site_id: int, limit: int = 50) -> list[dict]:
    """A site's scans, newest first, with their page and failed-issue counts."""
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(
            select(scans.c.id, scans.c.state, scans.c.mode, scans.c.started_at, scans.c.finished_at,
                   scans.c.site_score, scans.c.wall_seconds).where(scans.c.site_id == site_id)
            .order_by(scans.c.id.desc()).limit(limit)).mappings()]
        ids = [r["id"] for r in rows]
        page_counts = dict(conn.execute(select(pages.c.scan_id, func.count()).where(
            pages.c.scan_id.in_(ids), pages.c.error.is_(None), pages.c.duplicate_of.is_(None))
            .group_by(pages.c.scan_id)).all())
        issue_counts = dict(conn.execute(select(issues.c.scan_id, func.count()).where(
            issues.c.scan_id.in_(ids), issues.c.outcome == "failed", issues.c.dismissal_id.is_(None))
            .group_by(issues.c.scan_id)).all())
    for r in rows:
        r["pages"], r["issues"] = page_counts.get(r["id"], 0), issue_counts.get(r["id"], 0)
    return rows


def new_failed_fingerprints(engine: Engine, scan_id: int) -> set[str]:
    """Fingerprints of the failed issues of ``scan_id`` that the site's previous finished scan did not have
    (none for a site's first scan: it is the baseline, as for the alerts)."""
    before = previous_finished_scan(engine, scan_id)
    if before is None:
        return set()
    with engine.connect() as conn:
        now = set(conn.execute(select(issues.c.fingerprint).where(
            issues.c.scan_id == scan_id, issues.c.outcome == "failed", issues.c.dismissal_id.is_(None))).scalars())
        old = set(conn.execute(select(issues.c.fingerprint).where(
            issues.c.scan_id == before, issues.c.outcome == "failed")).scalars())
    return now - old


def score_histories(engine: Engine) -> dict[int, list[tuple]]:
    """Every site's finished scans as (scan id, started_at, score), oldest first: the trends, in one query."""
    out: dict[int, list[tuple]] = {}
    with engine.connect() as conn:
        for site_id, scan_id, started, score in conn.execute(
                select(scans.c.site_id, scans.c.id, scans.c.started_at, scans.c.site_score)
                .where(scans.c.state == "finished").order_by(scans.c.site_id, scans.c.id)):
            out.setdefault(site_id, []).append((scan_id, started, score))
    return out


def new_failed_counts(engine: Engine, pairs: dict[int, tuple[int, int | None]]) -> dict[int, int]:
    """For {site: (latest scan, previous scan)} of each site: how many failed issues of the latest are not in the
    previous. Counted by the database (a fingerprint is new when the earliest of the pair's scans that has it is
    the latest), so the dashboard reads one row per site instead of every issue of 2 scans per site."""
    latest = {pair[0] for pair in pairs.values()}
    ids = latest | {pair[1] for pair in pairs.values() if pair[1] is not None}
    first = (select(scans.c.site_id, func.min(issues.c.scan_id).label("first"))
             .select_from(issues.join(scans, scans.c.id == issues.c.scan_id))
             .where(issues.c.scan_id.in_(ids), issues.c.outcome == "failed", issues.c.dismissal_id.is_(None))
             .group_by(scans.c.site_id, issues.c.fingerprint).subquery())
    with engine.connect() as conn:
        counts = dict(conn.execute(select(first.c.site_id, func.count()).where(first.c.first.in_(latest))
                                   .group_by(first.c.site_id)).all())
    return {site: counts.get(site, 0) for site in pairs}


def active_scans(engine: Engine) -> dict[int, int]:
    """Site id -> its newest running or interrupted-and-unfinished scan id."""
    with engine.connect() as conn:
        return {site: scan for site, scan in conn.execute(
            select(scans.c.site_id, func.max(scans.c.id)).where(scans.c.state != "finished")
            .group_by(scans.c.site_id))}


def scan_issues(engine: Engine, scan_id: int) -> list[dict]:
    """The grouped issues of one scan that are not dismissed (rows of ``issues``), without the pages' evidence."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(issues).where(
            issues.c.scan_id == scan_id, issues.c.dismissal_id.is_(None)).order_by(issues.c.id)).mappings()]


def overview_version(engine: Engine) -> tuple:
    """Changes when anything the sites overview shows changes through a scan, a schedule or a dismissal: a
    cheap key (one query) for caching the overview."""
    from store.dismissals import dismissals
    from store.jobs import schedules
    from store.scans import sites

    with engine.connect() as conn:
        return tuple(conn.execute(select(
            select(func.max(scans.c.id)).scalar_subquery(),
            select(func.max(scans.c.finished_at)).scalar_subquery(),
            select(func.coalesce(func.sum(scans.c.site_score), 0.0)).scalar_subquery(),  # total(): SQLite only
            select(func.count()).select_from(sites).scalar_subquery(),
            select(func.max(schedules.c.next_run_at)).scalar_subquery(),
            select(func.count()).select_from(schedules).scalar_subquery(),
            select(func.count()).select_from(dismissals).scalar_subquery(),
            select(func.count(dismissals.c.undone_at)).scalar_subquery())).one())
