"""The crawl frontier shared by many workers (``wuzhangai worker``): pages are claimed in batches under a lease.

A worker claims queued frontier rows (state ``claimed``, its name in ``worker``, ``lease_until`` a few minutes
ahead), scans them and records each page with ``store.scans.record_page``, which moves the row to its final
state only if it is still ``queued`` or ``claimed``: a page is written once, whoever finishes it first. A worker
killed mid-batch stops renewing its leases; when they run out its rows are claimable again, so its pages are
redone by another worker and nothing is lost.

The scan's page budget (``max_pages``) is shared: a claim locks the scan's row first (``SELECT ... FOR UPDATE``
on PostgreSQL; SQLite has one writer at a time anyway), counts the pages already taken and takes at most what is
left, with ``FOR UPDATE SKIP LOCKED`` so claimers never wait on each other's rows.

Times are naive UTC from the claimer's clock (``store.jobs._db_time``): worker machines keep NTP time, and leases
are minutes long, so a skew of seconds is harmless.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.engine import Connection, Engine

from store.jobs import _db_time, utcnow
from store.scans import _insert_ignoring_duplicates, _inserted, frontier, scans

# frontier states that used a page of the budget: taken by a worker, or scanned (done, failed, duplicate)
TAKEN = ("claimed", "done", "failed", "duplicate")


def _lock_scan(conn: Connection, scan_id: int) -> None:
    """Serialise the claimers of one scan for the budget count (SQLite: this UPDATE takes the write lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(scans.c.id).where(scans.c.id == scan_id).with_for_update())
    else:
        conn.execute(update(scans).where(scans.c.id == scan_id).values(id=scans.c.id))


def _rows(conn: Connection, scan_id: int, condition, limit: int) -> list[dict]:
    query = select(frontier).where(frontier.c.scan_id == scan_id, condition).order_by(frontier.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return [dict(r) for r in conn.execute(query).mappings()]


def claim(engine: Engine, scan_id: int, worker: str, n: int, max_pages: int, lease_seconds: float) -> list[dict]:
    """Up to ``n`` frontier rows of the scan for ``worker``, oldest first: rows whose claim ran out (their worker
    died) before new ones, and new ones only within ``max_pages``. Returns the rows (url, url_key, depth,
    referrer, source), now ``claimed`` by ``worker`` until the lease ends."""
    now = _db_time(utcnow())
    until = now + timedelta(seconds=lease_seconds)
    with engine.begin() as conn:
        _lock_scan(conn, scan_id)
        rows = _rows(conn, scan_id, and_(frontier.c.state == "claimed", frontier.c.lease_until < now), n)
        if len(rows) < n:
            taken = conn.execute(select(func.count()).select_from(frontier).where(
                frontier.c.scan_id == scan_id, frontier.c.state.in_(TAKEN))).scalar_one()
            room = min(n - len(rows), max_pages - taken)
            if room > 0:
                rows += _rows(conn, scan_id, frontier.c.state == "queued", room)
        if rows:
            conn.execute(update(frontier).where(frontier.c.id.in_([r["id"] for r in rows])).values(
                state="claimed", worker=worker, lease_until=until))
    return rows


def renew(engine: Engine, scan_id: int, worker: str, keys: list[str], lease_seconds: float) -> int:
    """Extend ``worker``'s claims on ``keys``; returns how many it still held (a row taken over after the lease
    ran out is no longer renewed: the worker that took it scans it, and the first to finish writes it)."""
    if not keys:
        return 0
    until = _db_time(utcnow() + timedelta(seconds=lease_seconds))
    with engine.begin() as conn:
        return conn.execute(update(frontier).where(
            frontier.c.scan_id == scan_id, frontier.c.url_key.in_(keys), frontier.c.state == "claimed",
            frontier.c.worker == worker).values(lease_until=until)).rowcount


def release(engine: Engine, scan_id: int, worker: str, keys: list[str]) -> int:
    """Hand ``worker``'s unscanned claims back to the queue (a worker stopping cleanly)."""
    if not keys:
        return 0
    with engine.begin() as conn:
        return conn.execute(update(frontier).where(
            frontier.c.scan_id == scan_id, frontier.c.url_key.in_(keys), frontier.c.state == "claimed",
            frontier.c.worker == worker).values(state="queued", worker=None, lease_until=None)).rowcount


def settled(engine: Engine, scan_id: int, max_pages: int) -> bool:
    """Nothing left to scan: no page claimed (live or run out) and none queued within the budget."""
    with engine.connect() as conn:
        counts = dict(conn.execute(select(frontier.c.state, func.count()).where(frontier.c.scan_id == scan_id)
                                   .group_by(frontier.c.state)).all())
    if counts.get("claimed", 0):
        return False
    taken = sum(counts.get(s, 0) for s in TAKEN)
    return counts.get("queued", 0) == 0 or taken >= max_pages


def seeded(engine: Engine, scan_id: int) -> bool:
    """Whether the scan's frontier has been started (its start URLs are always its first rows)."""
    with engine.connect() as conn:
        return conn.execute(select(frontier.c.id).where(frontier.c.scan_id == scan_id).limit(1)).first() is not None


def take_redirect_target(engine: Engine, scan_id: int, target: dict, of_key: str) -> bool:
    """A page (``of_key``) was redirected to ``target`` (a frontier row: url, url_key, depth, referrer, source).
    True when the target is now this page's to stand for (no worker has taken it: it will not be scanned on its
    own); False when it was already taken, so this page is a duplicate of it. The same rule as the single-process
    crawler's, made atomic across workers; a redo of the same page (its worker died) gets the same answer."""
    with engine.begin() as conn:
        row = {**target, "scan_id": scan_id, "state": "redirected", "redirect_of": of_key}
        if _inserted(conn, _insert_ignoring_duplicates(conn, frontier).values(**row)):
            return True
        return conn.execute(update(frontier).where(
            frontier.c.scan_id == scan_id, frontier.c.url_key == target["url_key"],
            or_(frontier.c.state == "queued",
                and_(frontier.c.state == "redirected", frontier.c.redirect_of == of_key)))
            .values(state="redirected", redirect_of=of_key)).rowcount == 1
