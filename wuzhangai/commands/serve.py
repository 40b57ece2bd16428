"""运行网页服务 / run the web service."""
from __future__ import annotations

import logging
from pathlib import Path

import click

from wuzhangai.cli_common import db_option, fail, queue_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址 / address to listen on")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="端口 / port")
@db_option
@click.option("--allow-net", "allow_net", multiple=True, metavar="CIDR",
              help="允许扫描的内网地址段，可重复（如政务内网 10.0.0.0/8）/ private ranges scans may reach, repeatable")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="WUZHANGAI_DATA_DIR",
              default="wuzhangai-data", show_default=True,
              help="上传原件、报告和签名密钥所在目录 / folder of uploaded originals, reports and the signing key")
@click.option("--max-upload-mb", default=50, show_default=True, type=click.IntRange(1, 2048),
              help="上传文件上限 / upload size limit (MB)")
@click.option("--workers", "scan_workers", default=1, show_default=True, type=click.IntRange(1, 8),
              help="同时运行的扫描数 / scans run at once")
@click.option("--https", is_flag=True, help="经 HTTPS（反向代理）访问：Cookie 标记 Secure / reached over https")
@click.option("--chromium", type=click.Path(dir_okay=False), envvar="WUZHANGAI_CHROMIUM", help="Chromium 路径 / binary")
@click.option("--no-jobs", is_flag=True, help="不运行扫描任务和定期扫描（只提供页面和 API）/ pages and API only")
@queue_option
def command(host: str, port: int, db: str | None, allow_net: tuple[str, ...], data_dir: Path, max_upload_mb: int,
            scan_workers: int, https: bool, chromium: str | None, no_jobs: bool, queue: str | None) -> None:
    """运行网页服务：上传调查、管理网站和定期扫描、查看结果和报告 / run the web service.

    One process serves the pages and the JSON API (``/api/docs``) and runs the scan jobs and schedules, with
    no other server to install; with --queue the scans run on `wuzhangai worker`s over Redis instead. Stop it with Ctrl-C or SIGTERM: running scans are left resumable and continue
    at the next start.

    \b
    先添加管理员 / first add an admin:
      wuzhangai users add admin --role admin
      wuzhangai serve --port 8080
    然后用浏览器打开 / then open http://127.0.0.1:8080/
    """
    import uvicorn

    from scanner.netpolicy import NetPolicy
    from store.db import engine_for
    from wuzhangai.web.app import create_app
    from wuzhangai.web.settings import ServiceSettings

    try:
        NetPolicy(list(allow_net))
    except ValueError as exc:
        fail(str(exc), code=2)
    settings = ServiceSettings(db=db, host=host, port=port, allow_net=list(allow_net), data_dir=data_dir,
                               max_upload_mb=max_upload_mb, https=https, scan_workers=scan_workers,
                               chromium=chromium, run_jobs=not no_jobs)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per crawled URL would bury the job log
    engine = engine_for(db)
    runner = None
    if settings.run_jobs and queue:  # the scans run on `wuzhangai worker`s; this process only sends them
        from wuzhangai.jobs import queue as jobs_queue

        try:
            jobs_queue.check_queue_url(queue)
        except ValueError as exc:
            fail(str(exc), code=2)
        jobs_queue.ping_queue(queue)
        runner = jobs_queue.Dispatcher(engine, queue)
    elif settings.run_jobs:
        from wuzhangai.jobs.runner import EmbeddedRunner

        runner = EmbeddedRunner(engine, workers=scan_workers, tick_seconds=settings.tick_seconds,
                                allow_net=list(allow_net), chromium=chromium,
                                on_scan_finished=_after_scan_hooks(NetPolicy(list(allow_net))),
                                heartbeat_seconds=settings.heartbeat_seconds,
                                stale_after_s=settings.stale_after_seconds,
                                secrets_for=_site_secrets(engine, settings),
                                evidence_dir=str(settings.folder("login-screenshots")))
    app = create_app(settings, runner)
    from wuzhangai.usecases.accounts import list_users

    if not list_users(engine):
        click.echo("提示：还没有用户，请先运行 wuzhangai users add NAME --role admin / no users yet: run "
                   "wuzhangai users add NAME --role admin", err=True)
    click.echo(f"wuzhangai 服务 / service: http://{host}:{port}/  (API: http://{host}:{port}/api/docs; "
               f"数据库 / database: {engine.url.database or engine.url})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=True, timeout_graceful_shutdown=20)


def _after_scan_hooks(policy) -> list:
    """After each scan job: alerts for scheduled scans, sent only to receivers the network guard lets through."""
    from functools import partial

    from wuzhangai.usecases.alerts import notify_after_scheduled_scan

    return [partial(notify_after_scheduled_scan, policy=policy)]


def _site_secrets(engine, settings):
    """site id -> its scan secrets, decrypted with the service's key (``wuzhangai.usecases.site_auth``)."""
    from wuzhangai.usecases.site_auth import secrets_for_site

    box = settings.secret_box()
    return lambda site_id: secrets_for_site(engine, box, site_id)
