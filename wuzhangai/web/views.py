"""What the pages show, assembled from the store in a few queries (the dashboard must stay fast with hundreds
of sites): sites with score, trend, last and next scan and new regressions; a scan's issues in the reader's
language."""
from __future__ import annotations

import json

from sqlalchemy.engine import Engine

from checks.web import messages as rule_text
from store import jobs as job_store
from store.scan_watch import active_scans, new_failed_counts, overview_version, scan_issues, score_histories
from store.sites import site_summaries
from wuzhangai.usecases.cache import VersionedCache, derived

IMPACT_ORDER = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3, None: 4}


OVERVIEW_MAX_AGE = 10.0  # seconds: what the version key cannot see (a site renamed) shows this late at most
_overview = VersionedCache(max_age=OVERVIEW_MAX_AGE)


def site_overview(engine: Engine) -> list[dict]:
    """Every site, lowest score first (never scanned last), with its trend and what is new since last time.
    Kept while nothing it shows changed (``store.scan_watch.overview_version``) and for 10 s at most: the
    dashboard of 200 sites costs 50 ms to build and one query to reuse."""
    return _overview.get(engine, overview_version(engine), lambda: _site_overview(engine))


def encoded(value: object, kind: str) -> bytes:
    """``value`` (a cached result: the overview, the facility summary) as JSON bytes, encoded once per value
    object: the API answers 200 sites without encoding them again per request."""
    return derived(value, ("json", kind), lambda v: json.dumps(
        v, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8"))


def forget_overview() -> None:
    """After this process changed a site (its name, owner, place): the next dashboard is built afresh."""
    _overview.clear()


def _site_overview(engine: Engine) -> list[dict]:
    summaries = site_summaries(engine)
    histories = score_histories(engine)
    schedules = {s["site_id"]: s for s in job_store.list_schedules(engine)}
    running = active_scans(engine)
    pairs = {}
    for site_id, rows in histories.items():
        pairs[site_id] = (rows[-1][0], rows[-2][0] if len(rows) > 1 else None)
    new_counts = new_failed_counts(engine, pairs)
    out = []
    for row in summaries.astype(object).where(summaries.notna(), None).to_dict("records"):
        sid = row["site_id"]
        history = histories.get(sid, [])
        schedule = schedules.get(sid)
        out.append({**row, "trend": [s for _, _, s in history],
                    "score_change": (history[-1][2] - history[-2][2]) if len(history) > 1
                    and history[-1][2] is not None and history[-2][2] is not None else None,
                    "new_issues": new_counts.get(sid, 0) if len(history) > 1 else None,
                    "schedule": schedule["spec"] if schedule else None,
                    "next_run_at": schedule["next_run_at"].isoformat() if schedule and schedule.get("next_run_at")
                    and schedule.get("enabled", True) else None,
                    "active_scan_id": running.get(sid)})
    out.sort(key=lambda r: (r["score"] is None, r["score"] if r["score"] is not None else 0, r["site_id"]))
    return out


def latest_issues(engine: Engine, scan_id: int, lang: str = "zh-CN") -> list[dict]:
    """The failed and needs-review issues of a scan, worst first, help text in ``lang``."""
    rows = scan_issues(engine, scan_id)
    out = [{**i, "help_text": rule_text.rule_help(i["rule_id"], lang, i["help"] or "")} for i in rows
           if i["outcome"] in ("failed", "cantTell")]
    out.sort(key=lambda i: (i["outcome"] != "failed", IMPACT_ORDER.get(i["impact"], 4), -(i["page_count"] or 0)))
    return out
