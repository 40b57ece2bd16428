"""运行扫描工作进程 / run a Celery worker of a scan cluster."""
from __future__ import annotations

import logging
import os
import socket

import click

from wuzhangai.cli_common import db_option, fail, queue_option


@click.command("worker")
@queue_option
@db_option
@click.option("--concurrency", "-c", default=None, type=click.IntRange(1, 64),
              help="本机同时运行的任务进程数（默认 CPU 核数；每个进程一个 Chromium）/ task processes on this machine "
              "(default: CPU count; one Chromium each)")
@click.option("--allow-net", "allow_net", multiple=True, metavar="CIDR",
              help="允许扫描的内网地址段，可重复 / private ranges scans may reach, repeatable")
@click.option("--chromium", type=click.Path(dir_okay=False), envvar="WUZHANGAI_CHROMIUM", help="Chromium 路径 / binary")
@click.option("--name", default=None, help="工作进程名（默认 主机名:进程号）/ worker name (default: host:pid)")
@click.option("--no-dispatch", is_flag=True,
              help="不参与调度（定期扫描、重新排队、发送任务）/ take no part in the cluster's scheduling round")
def command(queue: str | None, db: str | None, concurrency: int | None, allow_net: tuple[str, ...],
            chromium: str | None, name: str | None, no_dispatch: bool) -> None:
    """运行扫描工作进程：从 Redis 队列取任务，多台机器共同扫描同一网站 / run a scan worker.

    A Celery worker: it takes the scans that `wuzhangai serve --queue`, `wuzhangai scan --queue` and the
    schedules send over Redis, and scans their pages together with every other worker on the same queue and
    database (one big site is shared by all of them; per-host politeness holds across them). Every worker also
    takes its turn at the cluster's scheduling round (once across the cluster, under a Redis lock). Stop it with
    Ctrl-C or SIGTERM: it finishes its current part; a worker killed outright costs only a redo of its pages.

    \b
    例 / example (each machine; the same --queue and --db everywhere):
      wuzhangai worker --queue redis://10.0.0.5:6379/0 --db postgresql://wza@10.0.0.6/wuzhangai -c 2
      wuzhangai serve --queue redis://10.0.0.5:6379/0 --db postgresql://wza@10.0.0.6/wuzhangai
    """
    from scanner.netpolicy import NetPolicy
    from store import db as store_db
    from wuzhangai.jobs import queue as jobs_queue

    if not queue:
        fail("须给出 --queue redis://主机:端口/库号（或设置 WUZHANGAI_QUEUE）/ give --queue redis://HOST:PORT/N "
             "(or set WUZHANGAI_QUEUE)", code=2)
    try:
        jobs_queue.check_queue_url(queue)
        NetPolicy(list(allow_net))
    except ValueError as exc:
        fail(str(exc), code=2)
    jobs_queue.ping_queue(queue)
    engine = store_db.engine_for(db)  # migrated, and reachable, before any task is taken
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    node = name or f"{socket.gethostname()}:{os.getpid()}"
    context = jobs_queue.WorkerContext(db=db, queue_url=queue, allow_net=list(allow_net), chromium=chromium,
                                       name=node)
    jobs_queue.set_context(context)
    dispatcher = None
    if not no_dispatch:
        dispatcher = jobs_queue.Dispatcher(engine, queue, context.settings)
        dispatcher.start()
    click.echo(f"wuzhangai 工作进程 / worker {node}: 队列 queue {queue}, 数据库 database "
               f"{engine.url.render_as_string(hide_password=True)}", err=True)
    argv = ["worker", "--loglevel=INFO", f"--hostname=wuzhangai@{node}", f"--queues={jobs_queue.TASK_QUEUE}",
            "--without-gossip", "--without-mingle"]
    if concurrency:
        argv.append(f"--concurrency={concurrency}")
    try:
        jobs_queue.app.worker_main(argv)
    finally:
        if dispatcher is not None:
            dispatcher.stop()
