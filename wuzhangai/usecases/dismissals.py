"""Dismissing an issue of a site (a false positive, or a risk the site owner accepts), and undoing it.

A dismissal names the issue by its fingerprint (``checks.web.grouping.element_fingerprint``) and belongs to the
site: every later scan of the site keeps the issue apart. Dismissing and undoing re-finish the site's latest
finished scan (and the scan the issue was dismissed on, or the scans that showed the dismissal), so the issue
list and the scores change at once. Errors are ValueError in Chinese and English.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Engine

from store import dismissals as dismissal_store
from store import scans as scan_store
from store.dismissals import KINDS
from wuzhangai.usecases.site_scan import finish_scan

KIND_TEXT = {"false_positive": ("误报", "false positive"), "accepted": ("已接受的风险", "accepted risk")}


def _issue_of(engine: Engine, scan_id: int, fingerprint: str) -> dict | None:
    T = scan_store.issues
    with engine.connect() as conn:
        row = conn.execute(select(T.c.rule_id, T.c.fingerprint).where(
            T.c.scan_id == scan_id, T.c.fingerprint == fingerprint)).mappings().first()
    return dict(row) if row else None


def dismiss_issue(engine: Engine, scan_id: int, fingerprint: str, kind: str, reason: str,
                  user: str | None) -> int:
    """Dismiss the issue ``fingerprint`` of scan ``scan_id``'s site (``kind``: ``false_positive`` or
    ``accepted``, with a ``reason``); returns the dismissal's id. Raises ValueError for an unknown scan or
    fingerprint, an empty reason, a bad kind, or an issue already dismissed."""
    if kind not in KINDS:
        raise ValueError(f"排除类型须为 {' 或 '.join(KINDS)}，而不是 {kind!r} / kind must be one of "
                         f"{', '.join(KINDS)}, not {kind!r}")
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("请写明排除的理由 / give a reason for the dismissal")
    scan = scan_store.scan_row(engine, scan_id)
    if scan is None:
        raise ValueError(f"没有编号为 {scan_id} 的扫描 / no scan with id {scan_id}")
    issue = _issue_of(engine, scan_id, fingerprint)
    if issue is None:
        raise ValueError(f"扫描 {scan_id} 中没有指纹为 {fingerprint!r} 的问题 / scan {scan_id} has no issue with "
                         f"fingerprint {fingerprint!r}")
    active = dismissal_store.active_by_fingerprint(engine, scan["site_id"]).get(fingerprint)
    if active is not None:
        raise ValueError(f"该问题已被排除（排除记录 {active['id']}）/ this issue is already dismissed "
                         f"(dismissal {active['id']})")
    dismissal_id = dismissal_store.add_dismissal(engine, scan["site_id"], fingerprint, issue["rule_id"], kind,
                                                 reason, (user or "").strip() or None)
    _refinish(engine, scan["site_id"], [scan_id] if scan["state"] == "finished" else [])
    return dismissal_id


def undo_dismissal(engine: Engine, dismissal_id: int, user: str | None) -> None:
    """Undo an active dismissal: the issue counts again from the site's latest scan on (and in every scan
    that showed it dismissed). Raises ValueError when there is no such active dismissal."""
    row = dismissal_store.dismissal(engine, dismissal_id)
    if row is None:
        raise ValueError(f"没有编号为 {dismissal_id} 的排除记录 / no dismissal with id {dismissal_id}")
    if not dismissal_store.undo_dismissal(engine, dismissal_id, (user or "").strip() or None):
        raise ValueError(f"排除记录 {dismissal_id} 已被撤销 / dismissal {dismissal_id} was already undone")
    _refinish(engine, row["site_id"], scan_store.scans_showing_dismissal(engine, dismissal_id))


def site_dismissals(engine: Engine, site_id: int) -> list[dict]:
    """The site's active dismissals, oldest first: id, site_id, fingerprint, rule_id, kind, reason, created_by,
    created_at (ISO 8601)."""
    return [dict(d, created_at=d["created_at"].isoformat() if d["created_at"] else None,
                 undone_at=d["undone_at"].isoformat() if d["undone_at"] else None)
            for d in dismissal_store.active_dismissals(engine, site_id)]


def _refinish(engine: Engine, site_id: int, scan_ids: list[int]) -> None:
    latest = scan_store.latest_finished_scan_of_site(engine, site_id)
    for scan_id in sorted(set(scan_ids) | ({latest} if latest is not None else set())):
        finish_scan(engine, scan_id)


def site_id_of(engine: Engine, url: str) -> int:
    """The id of the stored site ``url`` belongs to; ValueError when the site is unknown."""
    from scanner.urls import base_url_of

    base = base_url_of(url)  # ValueError (zh / en) for what is not a URL
    T = scan_store.sites
    with engine.connect() as conn:
        site_id = conn.execute(select(T.c.id).where(T.c.base_url == base)).scalar()
    if site_id is None:
        raise ValueError(f"没有网站 {base} 的记录 / no site {base} is stored")
    return int(site_id)
