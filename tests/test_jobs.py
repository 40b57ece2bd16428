"""Schedules and the job queue in the store: parsing what users type, fire times in Asia/Shanghai, a tick that
enqueues each due run exactly once however many threads and processes race it, claims that never collide."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from store import db as store_db
from store import jobs as J
from store import sites as S
from tests.conftest import ROOT
from wuzhangai.jobs.runner import options_for_site
from wuzhangai.jobs.schedule import ScheduleError, describe_schedule, next_run, parse_schedule
from wuzhangai.usecases.schedules import set_site_schedule, tick

UTC = timezone.utc


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    """The database of a test of the store: an SQLite file, and a fresh PostgreSQL database (tests/pg.py)."""
    return str(tmp_path / "jobs.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")


@pytest.fixture
def engine(db):
    eng = store_db.engine_for(db)
    yield eng
    eng.dispose()
    store_db._engines.pop(store_db.resolve_db(db), None)


@pytest.fixture
def site_id(engine):
    return S.save_site(engine, "http://a.example", "a.example")


def _job_count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(J.jobs)).scalar_one()


# --- parse_schedule -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("spec, cron", [
    ("daily 02:00", "0 2 * * *"),
    ("Daily 2:05", "5 2 * * *"),
    ("每天 02:00", "0 2 * * *"),
    ("每日02:00", "0 2 * * *"),
    ("每天０２：００", "0 2 * * *"),  # full-width digits and colon, as a Chinese IME types them
    ("weekly mon 03:30", "30 3 * * mon"),
    ("weekly Sunday 23:59", "59 23 * * sun"),
    ("weekly 一 03:30", "30 3 * * mon"),
    ("weekly 周日 03:30", "30 3 * * sun"),
    ("每周一 03:30", "30 3 * * mon"),
    ("每周日 03:30", "30 3 * * sun"),
    ("每星期五 18:00", "0 18 * * fri"),
    ("monthly 1 04:00", "0 4 1 * *"),
    ("每月1日 04:00", "0 4 1 * *"),
    ("每月15号 04:00", "0 4 15 * *"),
    ("0 2 * * *", "0 2 * * *"),
    ("  0   2  *  *  * ", "0 2 * * *"),
    ("*/15 8-18 * * *", "*/15 8-18 * * *"),
    # POSIX day numbers (0 and 7 Sunday, 1 Monday) become names: APScheduler 3 would read 0 as Monday
    ("0 2 * * 1", "0 2 * * mon"),
    ("0 2 * * 0", "0 2 * * sun"),
    ("0 2 * * 7", "0 2 * * sun"),
    ("0 2 * * 1-5", "0 2 * * mon,tue,wed,thu,fri"),
    ("0 2 * * MON-FRI", "0 2 * * mon,tue,wed,thu,fri"),
    ("0 2 * * */2", "0 2 * * tue,thu,sat,sun"),
    ("0 3 1 * *", "0 3 1 * *"),
])
def test_parse_schedule_accepts(spec, cron):
    assert parse_schedule(spec) == cron


@pytest.mark.parametrize("spec", [
    "", "   ", "daily", "daily 24:00", "daily 02:60", "每天", "每天 25:00", "weekly 02:00", "weekly xyz 02:00",
    "每周八 03:30", "monthly 0 04:00", "monthly 32 04:00", "每月32日 04:00", "0 2 * *", "0 2 * * * *",
    "61 * * * *", "0 2 * * 8", "0 2 1 * 1", "every now and then", "rm -rf /",
])
def test_parse_schedule_refuses_saying_what_is_accepted(spec):
    with pytest.raises(ScheduleError) as err:
        parse_schedule(spec)
    assert isinstance(err.value, ValueError)
    message = str(err.value)
    assert "每天 02:00" in message and "daily HH:MM" in message and "cron" in message


@pytest.mark.parametrize("spec, zh, en", [
    ("每天 02:00", "每天 02:00", "daily at 02:00"),
    ("weekly mon 03:30", "每周一 03:30", "weekly on Monday at 03:30"),
    ("每月1日 04:00", "每月1日 04:00", "monthly on day 1 at 04:00"),
    ("0 */6 * * *", "cron 表达式 0 */6 * * *", "cron 0 */6 * * *"),
])
def test_describe_schedule(spec, zh, en):
    assert describe_schedule(parse_schedule(spec), "zh-CN") == zh
    assert describe_schedule(parse_schedule(spec), "en") == en


# --- next_run in Asia/Shanghai (UTC+8, no DST) ----------------------------------------------------------------

@pytest.mark.parametrize("cron, after, expected", [
    # at a fire time exactly: the next one, strictly after
    ("0 2 * * *", datetime(2026, 1, 31, 18, 0, tzinfo=UTC), datetime(2026, 2, 1, 18, 0, tzinfo=UTC)),
    # day 31: February and its 28 days are skipped
    ("0 4 31 * *", datetime(2026, 1, 30, 20, 0, tzinfo=UTC), datetime(2026, 3, 30, 20, 0, tzinfo=UTC)),
    # 00:30 on the 1st in Shanghai is still the last day of the month before in UTC
    ("30 0 1 * *", datetime(2026, 1, 15, tzinfo=UTC), datetime(2026, 1, 31, 16, 30, tzinfo=UTC)),
    ("30 0 1 * *", datetime(2026, 1, 31, 16, 30, tzinfo=UTC), datetime(2026, 2, 28, 16, 30, tzinfo=UTC)),
    # 29 February: the next leap year
    ("0 4 29 2 *", datetime(2026, 3, 1, tzinfo=UTC), datetime(2028, 2, 28, 20, 0, tzinfo=UTC)),
    # across the year end: Friday 1 January 2027, 01:00 in Shanghai
    ("0 1 * * fri", datetime(2026, 12, 31, 12, 0, tzinfo=UTC), datetime(2026, 12, 31, 17, 0, tzinfo=UTC)),
    # a naive time is UTC
    ("0 2 * * *", datetime(2026, 1, 31, 17, 0), datetime(2026, 1, 31, 18, 0, tzinfo=UTC)),
])
def test_next_run_across_month_ends_in_shanghai(cron, after, expected):
    got = next_run(cron, after, "Asia/Shanghai")
    assert got == expected and got.utcoffset() == timedelta(0)


def test_next_run_reads_weekday_numbers_as_posix_cron():
    # 2026-02-01 is a Sunday; "0 2 * * 1" is Monday 2 February 02:00 in Shanghai
    assert next_run(parse_schedule("0 2 * * 1"), datetime(2026, 1, 31, 20, tzinfo=UTC)) == \
        datetime(2026, 2, 1, 18, 0, tzinfo=UTC)


def test_next_run_in_another_zone():
    assert next_run("0 2 * * *", datetime(2026, 7, 1, tzinfo=UTC), "Europe/Berlin") == \
        datetime(2026, 7, 2, 0, 0, tzinfo=UTC)  # 02:00 CEST


# --- schedules and the tick -----------------------------------------------------------------------------------

def test_set_site_schedule_stores_and_removes(engine, site_id):
    now = datetime(2026, 3, 1, tzinfo=UTC)  # 08:00 in Shanghai
    row = set_site_schedule(engine, site_id, "每天 02:00", now=now, full=True)
    assert row["spec"] == "每天 02:00" and row["cron"] == "0 2 * * *" and row["timezone"] == "Asia/Shanghai"
    assert row["next_run_at"] == datetime(2026, 3, 1, 18, 0, tzinfo=UTC) and row["full"] is True and row["enabled"]
    again = set_site_schedule(engine, site_id, "weekly mon 03:30", now=now)
    assert again["id"] == row["id"] and again["cron"] == "30 3 * * mon" and again["full"] is False
    with pytest.raises(ScheduleError):
        set_site_schedule(engine, site_id, "whenever", now=now)
    with pytest.raises(ScheduleError):
        set_site_schedule(engine, site_id, "daily 02:00", timezone="Mars/Olympus", now=now)
    with pytest.raises(LookupError):
        set_site_schedule(engine, 999, "daily 02:00", now=now)
    assert set_site_schedule(engine, site_id, "", now=now) is None and J.get_schedule(engine, site_id) is None
    set_site_schedule(engine, site_id, "daily 02:00", now=now)
    assert set_site_schedule(engine, site_id, None, now=now) is None and J.get_schedule(engine, site_id) is None


def test_tick_enqueues_a_due_schedule_once_and_moves_it_on(engine, site_id):
    now = datetime(2026, 3, 1, tzinfo=UTC)
    schedule = set_site_schedule(engine, site_id, "每天 02:00", now=now, full=True)
    assert tick(engine, now) == []  # not due yet
    due = schedule["next_run_at"]
    [job_id] = tick(engine, due)
    job = J.get_job(engine, job_id)
    assert job["state"] == "queued" and job["schedule_id"] == schedule["id"] and job["requested_by"] == "schedule"
    assert job["params"] == {"max_pages": None, "full": True} and job["site_id"] == site_id
    assert tick(engine, due) == [] and tick(engine, due + timedelta(hours=1)) == []
    moved = J.get_schedule(engine, site_id)
    assert moved["next_run_at"] == due + timedelta(days=1) and moved["last_run_at"] == due


def test_missed_run_happens_once_after_three_days_down(engine, site_id):
    now = datetime(2026, 3, 1, tzinfo=UTC)
    schedule = set_site_schedule(engine, site_id, "每天 02:00", now=now)
    back = schedule["next_run_at"] + timedelta(days=3, hours=5)  # four 02:00 slots were missed
    queued = tick(engine, back)
    assert len(queued) == 1 and _job_count(engine) == 1
    assert tick(engine, back) == [] and tick(engine, back + timedelta(minutes=1)) == []
    after = J.get_schedule(engine, site_id)["next_run_at"]
    assert after == next_run("0 2 * * *", back) and after > back and after - back < timedelta(days=1)


def test_a_site_with_an_active_job_gets_no_second_one(engine, site_id):
    now = datetime(2026, 3, 1, tzinfo=UTC)
    due = set_site_schedule(engine, site_id, "每天 02:00", now=now)["next_run_at"]
    manual = J.enqueue_scan(engine, site_id, requested_by="alice")
    assert tick(engine, due) == [] and _job_count(engine) == 1
    assert J.get_schedule(engine, site_id)["next_run_at"] > due  # the run is spent, not retried every tick
    assert J.claim_next(engine, "w")["id"] == manual  # running counts as active too
    assert tick(engine, due + timedelta(days=1)) == [] and _job_count(engine) == 1
    J.finish_job(engine, manual, "finished")
    assert len(tick(engine, due + timedelta(days=2))) == 1


def test_tick_exactly_once_when_threads_race(engine, site_id):
    now = datetime(2026, 3, 1, tzinfo=UTC)
    due = set_site_schedule(engine, site_id, "每天 02:00", now=now)["next_run_at"]
    # a second engine on the same file, as a second process would have
    other = store_db.new_engine(engine.url.render_as_string(hide_password=False))
    barrier = threading.Barrier(8)
    results: list[list[int]] = []
    errors: list[BaseException] = []

    def race(eng):
        try:
            barrier.wait()
            results.append(tick(eng, due))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=race, args=(engine if i % 2 else other,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    other.dispose()
    assert not errors
    assert sum(len(r) for r in results) == 1 and _job_count(engine) == 1


def test_tick_exactly_once_when_processes_race(engine, site_id, db):
    now = datetime(2026, 3, 1, tzinfo=UTC)
    due = set_site_schedule(engine, site_id, "每天 02:00", now=now)["next_run_at"]
    start_at = time.time() + 3  # both processes are up and have opened the database by then
    procs = [subprocess.Popen([sys.executable, "-m", "tests.jobs_helpers", "tick", db,
                               due.isoformat(), str(start_at)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outputs]
    ids = [x for out, _ in outputs for x in out.strip().split(",") if x]
    assert len(ids) == 1 and _job_count(engine) == 1


# --- the queue ------------------------------------------------------------------------------------------------

def test_claims_never_collide(engine):
    sites = [S.save_site(engine, f"http://s{i}.example", f"s{i}") for i in range(24)]
    for sid in sites:
        J.enqueue_scan(engine, sid)
    claimed: list[int] = []
    barrier = threading.Barrier(6)

    def claimer(n):
        barrier.wait()
        while (job := J.claim_next(engine, f"w{n}")) is not None:
            claimed.append(job["id"])

    threads = [threading.Thread(target=claimer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(claimed) == list(range(1, 25))
    assert all(j["state"] == "running" and j["started_at"] for j in J.list_jobs(engine))


def test_job_life_cycle(engine, site_id):
    first = J.enqueue_scan(engine, site_id, max_pages=7, full=True, requested_by="alice")
    second = J.enqueue_scan(engine, site_id)
    assert J.active_job_for_site(engine, site_id)["id"] == first
    job = J.claim_next(engine, "w1")
    assert job["id"] == first and job["state"] == "running" and job["worker"] == "w1"
    assert job["params"] == {"max_pages": 7, "full": True} and job["requested_by"] == "alice"
    assert J.claim_next(engine, "w2") is None  # one job at a time per site
    assert J.heartbeat(engine, first, "w1") and not J.heartbeat(engine, first, "w2")
    assert J.requeue_orphans(engine, 3600) == []
    assert J.requeue_orphans(engine, 0) == [first]
    assert J.get_job(engine, first)["state"] == "queued" and not J.heartbeat(engine, first, "w1")
    assert J.claim_next(engine, "w2")["id"] == first
    assert J.request_cancel(engine, second, "bob")  # queued: cancelled at once
    assert J.get_job(engine, second)["state"] == "cancelled" and J.get_job(engine, second)["cancelled_by"] == "bob"
    assert J.request_cancel(engine, first, "bob") and J.cancel_requested(engine, first)
    assert J.get_job(engine, first)["state"] == "running"  # its worker stops it
    assert J.finish_job(engine, first, "failed", "boom") and not J.finish_job(engine, first, "finished")
    assert J.get_job(engine, first)["error"] == "boom" and J.get_job(engine, first)["finished_at"]
    assert not J.request_cancel(engine, first, "bob") and not J.request_cancel(engine, 999, "bob")
    assert J.active_job_for_site(engine, site_id) is None
    assert [j["id"] for j in J.list_jobs(engine, site_id=site_id)] == [second, first]
    assert J.list_jobs(engine, site_id=site_id + 1) == [] and len(J.list_jobs(engine, limit=1)) == 1
    with pytest.raises(ValueError):
        J.finish_job(engine, first, "queued")


# --- sites' scan settings -------------------------------------------------------------------------------------

def test_site_scan_settings_and_options(engine, site_id):
    site = S.site_row(engine, site_id)
    assert site["start_url"] == "http://a.example" and site["scan_config"]["max_pages"] == 100
    assert S.update_site(engine, site_id, start_url="http://a.example/zh/", scan_config={
        "max_pages": 20, "max_depth": 2, "browser": False, "include": ["/zh/"], "exclude": ["*.php"]})
    assert not S.update_site(engine, 999, name="x")
    with pytest.raises(ValueError):
        S.update_site(engine, site_id, password="x")
    with pytest.raises(ValueError):
        S.update_site(engine, site_id, scan_config={"max_pagez": 3})
    site = S.site_row(engine, site_id)
    assert [s["id"] for s in S.list_sites(engine)] == [site_id]
    options = options_for_site(site, {"max_pages": None, "full": False}, allow_net=("10.0.0.0/8",))
    assert options.crawl.start_urls == ["http://a.example/zh/"] and options.crawl.max_pages == 20
    assert options.crawl.max_depth == 2 and options.crawl.include == ["/zh/"] and options.crawl.exclude == ["*.php"]
    assert options.crawl.net_guard is True and options.crawl.allow_net == ["10.0.0.0/8"]
    assert options.browser is False and options.incremental is True
    full = options_for_site(site, {"max_pages": 5, "full": True})
    assert full.crawl.max_pages == 5 and full.incremental is False and full.crawl.net_guard and full.crawl.allow_net == []
    assert options_for_site(S.site_row(engine, site_id) | {"scan_config": None}, {}).browser is True
