"""The cluster's scheduling round (``wuzhangai.jobs.queue.Dispatcher``) against a real redis-server (tests/redis_server.py)
on both engines: it runs once across the cluster (a Redis lock), a due schedule becomes one job sent once to the
workers, a queued job is sent again only when its message was lost or its site was busy; and the commands' errors
when the queue is wrong or unreachable."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
import redis
from click.testing import CliRunner

from store import jobs as J
from store import sites as S
from tests.db_helpers import engine_on_param
from wuzhangai.jobs import queue as Q
from wuzhangai.usecases.schedules import set_site_schedule


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    yield from engine_on_param(request, tmp_path)


def sent(redis_url: str) -> int:
    """Messages waiting in the workers' queue (Celery's Redis transport keeps a list named after it)."""
    with redis.Redis.from_url(redis_url) as r:
        return r.llen(Q.TASK_QUEUE)


def test_a_due_schedule_is_one_job_sent_once_however_many_dispatchers_tick(engine, redis_url):
    site_id = S.save_site(engine, "http://a.example", "a.example")
    set_site_schedule(engine, site_id, "每天 02:00", now=datetime.now(timezone.utc) - timedelta(days=3))
    dispatchers = [Q.Dispatcher(engine, redis_url) for _ in range(4)]
    barrier = threading.Barrier(len(dispatchers))
    rounds: list[bool] = []

    def run(d):
        barrier.wait()
        for _ in range(5):
            rounds.append(d.tick_once())

    threads = [threading.Thread(target=run, args=(d,)) for d in dispatchers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    jobs = J.list_jobs(engine)
    assert len(jobs) == 1 and jobs[0]["requested_by"] == "schedule" and jobs[0]["dispatched_at"] is not None
    assert sent(redis_url) == 1
    assert any(rounds)


def test_the_round_waits_while_another_process_holds_the_lock(engine, redis_url):
    site_id = S.save_site(engine, "http://a.example", "a.example")
    job_id = J.enqueue_scan(engine, site_id)
    with redis.Redis.from_url(redis_url) as r:
        held = r.lock(Q.TICK_LOCK, timeout=30)
        assert held.acquire(blocking=False)
        try:
            assert Q.Dispatcher(engine, redis_url).tick_once() is False
            assert sent(redis_url) == 0 and J.get_job(engine, job_id)["dispatched_at"] is None
        finally:
            held.release()
    assert Q.Dispatcher(engine, redis_url).tick_once() is True
    assert sent(redis_url) == 1


def test_a_queued_job_is_sent_again_only_when_lost_or_its_site_was_busy(engine, redis_url):
    site_id = S.save_site(engine, "http://a.example", "a.example")
    first = J.enqueue_scan(engine, site_id)
    Q.configure(redis_url)
    settings = Q.QueueSettings(resend_after_seconds=3600)
    assert Q.dispatch_queued(engine, settings) == [first]
    assert Q.dispatch_queued(engine, settings) == []  # sent, not yet started: not again
    assert J.claim_job(engine, first, "w1")["state"] == "running"
    second = J.enqueue_scan(engine, site_id)
    assert Q.dispatch_queued(engine, settings) == [second]
    # a worker takes the second job's message while the first runs: it waits, and is sent at a later round
    Q.set_context(Q.WorkerContext(db=str(engine.url.render_as_string(hide_password=False)), queue_url=redis_url))
    assert Q.start_job(second) == "waiting"
    assert J.get_job(engine, second)["state"] == "queued" and J.get_job(engine, second)["dispatched_at"] is None
    assert Q.dispatch_queued(engine, settings) == [second]
    # a message lost (the job still queued long after it was sent) is sent again
    assert Q.dispatch_queued(engine, Q.QueueSettings(resend_after_seconds=0)) == [second]
    assert Q.start_job(first) == "not queued"  # a second delivery of a started job does nothing
    assert sent(redis_url) == 4


def test_commands_refuse_a_wrong_or_unreachable_queue(tmp_path):
    from tests.conftest import free_port
    from wuzhangai.cli import main as cli

    runner = CliRunner()
    db = str(tmp_path / "w.db")
    missing = runner.invoke(cli, ["worker", "--db", db], env={"WUZHANGAI_QUEUE": ""})
    assert missing.exit_code == 2 and "--queue redis://" in missing.output
    wrong = runner.invoke(cli, ["scan", "http://a.example/", "--queue", "amqp://h", "--db", db])
    assert wrong.exit_code == 2 and "must be a Redis URL" in wrong.output
    dead = f"redis://127.0.0.1:{free_port()}/0"
    for args in (["worker", "--queue", dead, "--db", db], ["scan", "http://a.example/", "--queue", dead, "--db", db,
                                                          "--no-browser"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert "cannot reach the queue" in result.output and "Traceback" not in result.output


def test_wuzhangai_queue_in_the_environment_is_the_queue_of_every_command_that_starts_jobs(tmp_path):
    """``$WUZHANGAI_QUEUE`` stands for ``--queue`` on ``scan``, ``serve`` and ``worker`` (the commands that start or
    run jobs): a wrong URL there is refused by each (exit 2) before anything is scanned or served; were the
    variable not read, ``scan`` and ``serve`` would go on without a queue."""
    import os
    import subprocess

    from tests.conftest import free_port
    from tests.jobs_helpers import CLI, REPO

    db = str(tmp_path / "env.db")
    for args in (["scan", "http://a.example/", "--no-browser"], ["serve", "--port", str(free_port())], ["worker"]):
        # a process of its own, with a time limit: a `serve` that ignored the variable would serve until killed
        done = subprocess.run([*CLI, *args, "--db", db], capture_output=True, text=True, timeout=120, cwd=REPO,
                              env={**os.environ, "WUZHANGAI_QUEUE": "amqp://h"})
        assert done.returncode == 2, (args, done.stderr)
        assert "must be a Redis URL" in done.stderr and "amqp://h" in done.stderr, (args, done.stderr)
