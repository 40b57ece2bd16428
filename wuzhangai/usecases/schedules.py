"""Scheduled scans: a site's schedule, and the tick that turns due schedules into queued jobs.

The tick is a database compare-and-set (``store.jobs.fire_schedule``), not a scheduler's in-memory state: any
number of ticking threads or processes enqueue each due run exactly once, and after downtime a missed run happens
once (the next run moves to the first fire time after now, not to the next missed slot).
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone as _tz

from sqlalchemy.engine import Engine

from store import jobs as job_store
from store.sites import site_row
from wuzhangai.jobs.schedule import DEFAULT_TIMEZONE, ScheduleError, check_timezone, next_run, parse_schedule

log = logging.getLogger("wuzhangai.jobs")


def set_site_schedule(engine: Engine, site_id: int, spec: str | None, *, timezone: str = DEFAULT_TIMEZONE,
                      full: bool = False, now: datetime | None = None) -> dict | None:
    """Give the site the schedule ``spec`` (``parse_schedule``'s forms, read in ``timezone``; ``full`` False:
    incremental rescans), or remove its schedule when ``spec`` is None or blank. Returns the stored schedule
    (None when removed). Raises ScheduleError (a ValueError) for a bad spec or zone, LookupError for no site."""
    if site_row(engine, site_id) is None:
        raise LookupError(f"没有编号为 {site_id} 的网站 / no site with id {site_id}")
    if spec is None or not spec.strip():
        job_store.delete_schedule(engine, site_id)
        return None
    cron = parse_schedule(spec)
    check_timezone(timezone)
    first = next_run(cron, now or datetime.now(_tz.utc), timezone)
    job_store.save_schedule(engine, site_id, spec.strip(), cron, timezone, first, full=full)
    return job_store.get_schedule(engine, site_id)


def tick(engine: Engine, now: datetime | None = None) -> list[int]:
    """Enqueue a scan for every schedule due at ``now``, exactly once however many callers race: each due
    schedule's next run moves (compare-and-set) to its first fire time after ``now``, and only the caller that
    moved it enqueues. A site that has a queued or running job gets none. Returns the ids of the jobs queued."""
    now = now or datetime.now(_tz.utc)
    queued = []
    for schedule in job_store.due_schedules(engine, now):
        try:
            upcoming = next_run(schedule["cron"], now, schedule["timezone"])
        except (ScheduleError, ValueError) as exc:
            log.error("schedule %s of site %s cannot be computed: %s", schedule["id"], schedule["site_id"], exc)
            continue
        won, job_id = job_store.fire_schedule(engine, schedule, upcoming, now)
        if not won:
            continue
        if job_id is None:
            log.info("schedule %s: site %s already has a job queued or running, no second one (next run %s)",
                     schedule["id"], schedule["site_id"], upcoming.isoformat())
        else:
            log.info("schedule %s: queued job %s for site %s (next run %s)", schedule["id"], job_id,
                     schedule["site_id"], upcoming.isoformat())
            queued.append(job_id)
    return queued
