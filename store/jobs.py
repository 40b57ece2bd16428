"""Tables of the service's work: jobs (a site scan asked for by hand or by a schedule) and schedules (one per site).

The job state lives here, not in the runner, so that the embedded runner of ``wuzhangai serve`` and, later, Celery
workers share one truth and a killed worker loses nothing: a running job keeps its ``scan_id`` from before the crawl
starts, beats a heartbeat while it runs, and a job whose heartbeat went stale goes back to the queue with its scan
id, so the next worker resumes that scan.

Every change that two workers (threads or processes) could race is a conditional UPDATE (compare-and-set) whose row
count says who won: claiming a queued job, advancing a schedule's next run. Times are stored as UTC and returned
as aware UTC datetimes.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    exists,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import aliased

from store.db import Base

md = Base.metadata

JOB_STATES = ("queued", "running", "finished", "failed", "cancelled")
ACTIVE_STATES = ("queued", "running")
END_STATES = ("finished", "failed", "cancelled")

jobs = Table(
    "jobs", md,
    Column("id", Integer, primary_key=True),
    Column("kind", String, nullable=False, default="site_scan"),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("scan_id", Integer, ForeignKey("scans.id", ondelete="SET NULL")),  # set before the crawl starts
    Column("state", String, nullable=False),  # queued | running | finished | failed | cancelled
    Column("params", JSON, nullable=False),  # {max_pages, full}
    Column("requested_by", String),  # a user name, or "schedule"
    Column("schedule_id", Integer),  # the schedule that enqueued it
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),  # first claimed
    Column("finished_at", DateTime(timezone=True)),
    Column("heartbeat_at", DateTime(timezone=True)),
    Column("worker", String),  # who runs it now
    Column("error", Text),
    Column("cancel_requested", Boolean, nullable=False, default=False),
    Column("cancelled_by", String),
    # when the job was last sent to the Celery workers (--queue): the dispatcher sends a queued job again only when
    # this is unset (a worker found its site busy) or old (the message was lost)
    Column("dispatched_at", DateTime(timezone=True)),
)
Index("ix_jobs_state", jobs.c.state, jobs.c.id)
Index("ix_jobs_site", jobs.c.site_id, jobs.c.id)

schedules = Table(
    "schedules", md,
    Column("id", Integer, primary_key=True),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("spec", String, nullable=False),  # as the user gave it: "每周一 03:30", "daily 02:00", a cron line
    Column("cron", String, nullable=False),  # normalised 5-field cron (wuzhangai.jobs.schedule.parse_schedule)
    Column("timezone", String, nullable=False, default="Asia/Shanghai"),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("next_run_at", DateTime(timezone=True)),
    Column("last_run_at", DateTime(timezone=True)),
    Column("full", Boolean, nullable=False, default=False),  # False: incremental rescans
)


# --- times ---------------------------------------------------------------------------------------------------

def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _db_time(value: datetime | None) -> datetime | None:
    """UTC without tzinfo, as stored (SQLite keeps no zone; a naive value is taken as UTC already)."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _aware(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc)
    return value


def _row(row) -> dict | None:
    return {k: _aware(v) for k, v in dict(row).items()} if row is not None else None


# --- jobs ----------------------------------------------------------------------------------------------------

def _insert_job(conn: Connection, site_id: int, params: dict, requested_by: str | None,
                schedule_id: int | None, scan_id: int | None = None) -> int:
    return conn.execute(jobs.insert().values(
        kind="site_scan", site_id=site_id, state="queued", params=params, requested_by=requested_by,
        schedule_id=schedule_id, scan_id=scan_id, created_at=_db_time(utcnow()),
        cancel_requested=False)).inserted_primary_key[0]


def enqueue_scan(engine: Engine, site_id: int, *, max_pages: int | None = None, full: bool = False,
                 requested_by: str | None = None, schedule_id: int | None = None, scan_id: int | None = None) -> int:
    """Queue a scan of the site; returns the job id. ``max_pages`` None: the site's setting. ``full`` False lets
    the scan carry over unchanged pages of the last one (incremental). ``scan_id``: a scan already created for
    this job (the service creates it up front, so its page exists before a worker takes the job)."""
    with engine.begin() as conn:
        return _insert_job(conn, site_id, {"max_pages": max_pages, "full": bool(full)}, requested_by, schedule_id,
                           scan_id)


def job_for_scan(engine: Engine, scan_id: int) -> dict | None:
    """The newest job that ran or runs ``scan_id``."""
    with engine.connect() as conn:
        return _row(conn.execute(select(jobs).where(jobs.c.scan_id == scan_id).order_by(jobs.c.id.desc())
                                 .limit(1)).mappings().first())


def _no_other_running():
    other = aliased(jobs)
    return ~exists().where(other.c.site_id == jobs.c.site_id, other.c.state == "running", other.c.id != jobs.c.id)


def claim_next(engine: Engine, worker: str) -> dict | None:
    """Take the oldest queued job (of a site with no job running) for ``worker`` and return it, now ``running``;
    None when there is none. Atomic: the state changes by ``UPDATE ... WHERE id=? AND state='queued'``, so two
    claimers (threads or processes) never take the same job."""
    for _ in range(20):  # another claimer may win the candidate: try the next one
        with engine.connect() as conn:
            candidate = conn.execute(select(jobs.c.id).where(jobs.c.state == "queued", _no_other_running())
                                     .order_by(jobs.c.id).limit(1)).scalar()
        if candidate is None:
            return None
        now = _db_time(utcnow())
        with engine.begin() as conn:
            won = conn.execute(update(jobs).where(jobs.c.id == candidate, jobs.c.state == "queued",
                                                  _no_other_running())
                               .values(state="running", worker=worker, heartbeat_at=now, error=None)).rowcount
            if won == 1:
                conn.execute(update(jobs).where(jobs.c.id == candidate, jobs.c.started_at.is_(None))
                             .values(started_at=now))
                return _row(conn.execute(select(jobs).where(jobs.c.id == candidate)).mappings().first())
    return None


def claim_job(engine: Engine, job_id: int, worker: str) -> dict | None:
    """``claim_next`` for one given job (a Celery worker was sent it): the job, now ``running`` for ``worker``,
    or None when it is not queued or its site has another job running."""
    now = _db_time(utcnow())
    with engine.begin() as conn:
        won = conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.state == "queued", _no_other_running())
                           .values(state="running", worker=worker, heartbeat_at=now, error=None)).rowcount
        if won != 1:
            return None
        conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.started_at.is_(None)).values(started_at=now))
        return _row(conn.execute(select(jobs).where(jobs.c.id == job_id)).mappings().first())


def to_dispatch(engine: Engine, resend_after_s: float) -> list[int]:
    """Queued jobs to send to the workers, oldest first: never sent, or sent more than ``resend_after_s`` seconds
    ago and still not started (the message was lost). Each id is marked sent (compare-and-set) before it is
    returned, so two dispatchers never both send it."""
    now = _db_time(utcnow())
    cutoff = _db_time(utcnow() - timedelta(seconds=resend_after_s))
    due = jobs.c.dispatched_at.is_(None) | (jobs.c.dispatched_at < cutoff)
    with engine.connect() as conn:
        ids = list(conn.execute(select(jobs.c.id, jobs.c.dispatched_at).where(jobs.c.state == "queued", due)
                                .order_by(jobs.c.id)).all())
    sent = []
    for job_id, before in ids:
        with engine.begin() as conn:
            same = jobs.c.dispatched_at.is_(None) if before is None else jobs.c.dispatched_at == before
            if conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.state == "queued", same)
                            .values(dispatched_at=now)).rowcount:
                sent.append(job_id)
    return sent


def mark_dispatched(engine: Engine, job_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(update(jobs).where(jobs.c.id == job_id).values(dispatched_at=_db_time(utcnow())))


def undispatch(engine: Engine, job_id: int) -> None:
    """A worker could not start the job yet (its site has a job running): send it again at the next tick."""
    with engine.begin() as conn:
        conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.state == "queued").values(dispatched_at=None))


def set_scan(engine: Engine, job_id: int, scan_id: int) -> None:
    """Record the scan the job runs (before its crawl starts: a worker killed mid-scan leaves a job that resumes
    it)."""
    with engine.begin() as conn:
        conn.execute(update(jobs).where(jobs.c.id == job_id).values(scan_id=scan_id))


def heartbeat(engine: Engine, job_id: int, worker: str | None = None) -> bool:
    """The running job is alive; False when it is no longer running (for ``worker``, when given): it was
    requeued as an orphan or ended, and whoever runs it should stop."""
    cond = [jobs.c.id == job_id, jobs.c.state == "running"]
    if worker is not None:
        cond.append(jobs.c.worker == worker)
    with engine.begin() as conn:
        return conn.execute(update(jobs).where(*cond).values(heartbeat_at=_db_time(utcnow()))).rowcount == 1


def finish_job(engine: Engine, job_id: int, state: str, error: str | None = None) -> bool:
    """End the job: ``finished``, ``failed`` (``error`` kept) or ``cancelled``. A job already ended stays as it
    was (returns False)."""
    if state not in END_STATES:
        raise ValueError(f"not an end state: {state!r}")
    with engine.begin() as conn:
        return conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.state.in_(ACTIVE_STATES)).values(
            state=state, error=error, finished_at=_db_time(utcnow()), worker=None)).rowcount == 1


def release_job(engine: Engine, job_id: int) -> bool:
    """A running job back to the queue, keeping its scan id (its worker is shutting down: the next one resumes
    the scan)."""
    with engine.begin() as conn:
        return conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.state == "running").values(
            state="queued", worker=None, dispatched_at=None)).rowcount == 1


def request_cancel(engine: Engine, job_id: int, by: str | None) -> bool:
    """Cancel a job: a queued one ends ``cancelled`` at once, a running one is flagged and its worker stops it
    (``cancel_requested``). False when the job is not there or already ended."""
    now = _db_time(utcnow())
    with engine.begin() as conn:
        if conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.state == "queued").values(
                state="cancelled", cancel_requested=True, cancelled_by=by, finished_at=now)).rowcount:
            return True
        return conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.state == "running").values(
            cancel_requested=True, cancelled_by=by)).rowcount == 1


def cancel_requested(engine: Engine, job_id: int) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(select(jobs.c.cancel_requested).where(jobs.c.id == job_id)).scalar())


def get_job(engine: Engine, job_id: int) -> dict | None:
    with engine.connect() as conn:
        return _row(conn.execute(select(jobs).where(jobs.c.id == job_id)).mappings().first())


def list_jobs(engine: Engine, site_id: int | None = None, limit: int = 50) -> list[dict]:
    """The newest jobs first (of one site, or of all)."""
    query = select(jobs).order_by(jobs.c.id.desc()).limit(limit)
    if site_id is not None:
        query = query.where(jobs.c.site_id == site_id)
    with engine.connect() as conn:
        return [_row(r) for r in conn.execute(query).mappings()]


def _active_job(conn: Connection, site_id: int) -> dict | None:
    return _row(conn.execute(select(jobs).where(jobs.c.site_id == site_id, jobs.c.state.in_(ACTIVE_STATES))
                             .order_by(jobs.c.id).limit(1)).mappings().first())


def active_job_for_site(engine: Engine, site_id: int) -> dict | None:
    """The site's queued or running job (the oldest, if several), or None."""
    with engine.connect() as conn:
        return _active_job(conn, site_id)


def requeue_orphans(engine: Engine, stale_after_s: float) -> list[int]:
    """Running jobs whose heartbeat is older than ``stale_after_s`` seconds (their worker died) back to
    ``queued``, keeping their scan id so that the next worker resumes the scan; returns their ids."""
    cutoff = _db_time(utcnow() - timedelta(seconds=stale_after_s))
    stale = jobs.c.heartbeat_at.is_(None) | (jobs.c.heartbeat_at < cutoff)
    with engine.connect() as conn:
        ids = list(conn.execute(select(jobs.c.id).where(jobs.c.state == "running", stale)).scalars())
    requeued = []
    for job_id in ids:
        with engine.begin() as conn:
            if conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.state == "running", stale).values(
                    state="queued", worker=None, dispatched_at=None)).rowcount:
                requeued.append(job_id)
    return requeued


# --- schedules -----------------------------------------------------------------------------------------------

def get_schedule(engine: Engine, site_id: int) -> dict | None:
    with engine.connect() as conn:
        return _row(conn.execute(select(schedules).where(schedules.c.site_id == site_id)).mappings().first())


def list_schedules(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return [_row(r) for r in conn.execute(select(schedules).order_by(schedules.c.site_id)).mappings()]


def save_schedule(engine: Engine, site_id: int, spec: str, cron: str, timezone: str, next_run_at: datetime,
                  full: bool = False) -> int:
    """Create or replace the site's schedule (enabled); returns its id."""
    values = {"spec": spec, "cron": cron, "timezone": timezone, "next_run_at": _db_time(next_run_at),
              "full": bool(full), "enabled": True}
    with engine.begin() as conn:
        found = conn.execute(select(schedules.c.id).where(schedules.c.site_id == site_id)).scalar()
        if found is not None:
            conn.execute(update(schedules).where(schedules.c.id == found).values(**values))
            return found
        return conn.execute(schedules.insert().values(site_id=site_id, **values)).inserted_primary_key[0]


def delete_schedule(engine: Engine, site_id: int) -> bool:
    with engine.begin() as conn:
        return conn.execute(schedules.delete().where(schedules.c.site_id == site_id)).rowcount == 1


def due_schedules(engine: Engine, now: datetime) -> list[dict]:
    """Enabled schedules whose next run is at or before ``now``."""
    with engine.connect() as conn:
        return [_row(r) for r in conn.execute(select(schedules).where(
            schedules.c.enabled.is_(True), schedules.c.next_run_at.is_not(None),
            schedules.c.next_run_at <= _db_time(now)).order_by(schedules.c.id)).mappings()]


def _advance(conn: Connection, schedule_id: int, expected_next: datetime, new_next: datetime,
             now: datetime) -> bool:
    return conn.execute(update(schedules).where(
        schedules.c.id == schedule_id, schedules.c.next_run_at == _db_time(expected_next),
        schedules.c.enabled.is_(True)).values(next_run_at=_db_time(new_next), last_run_at=_db_time(now))).rowcount == 1


def advance_schedule(engine: Engine, schedule_id: int, expected_next: datetime, new_next: datetime,
                     now: datetime) -> bool:
    """Compare-and-set: move the schedule's next run from ``expected_next`` to ``new_next`` (and its last run to
    ``now``); True only for the one caller that did it, the one that enqueues."""
    with engine.begin() as conn:
        return _advance(conn, schedule_id, expected_next, new_next, now)


def fire_schedule(engine: Engine, schedule: dict, new_next: datetime, now: datetime) -> tuple[bool, int | None]:
    """``advance_schedule`` and, for the winner, the job it enqueues, in one transaction (a crash between the two
    can neither lose the run nor enqueue it twice). Returns (won, job id); the job id is None when the site already
    has a queued or running job (it does not get a second one)."""
    with engine.begin() as conn:
        # the UPDATE comes first: it takes SQLite's write lock, so the check below cannot race another writer
        if not _advance(conn, schedule["id"], schedule["next_run_at"], new_next, now):
            return False, None
        if _active_job(conn, schedule["site_id"]) is not None:
            return True, None
        return True, _insert_job(conn, schedule["site_id"], {"max_pages": None, "full": bool(schedule["full"])},
                                 "schedule", schedule["id"])
