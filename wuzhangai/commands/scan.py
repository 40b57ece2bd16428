"""``wuzhangai scan``: crawl a website in real Chromium, run axe-core, group, score, store and report."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from checks.web.wcag import DEFAULT_STANDARD, STANDARDS
from wuzhangai.cli_common import (check_gate, db_option, fail, fail_on_option, infer_format, lang_option,
                                   queue_option)
from wuzhangai.commands.scan_auth import auth_options, auth_settings, cli_secrets

IMPACT_ORDER = ("minor", "moderate", "serious", "critical")


def gate(doc: dict, fail_on: str | int | None) -> str | None:
    """Why the scan breaks the ``--fail-on`` gate, or None. A count N allows up to N failed issues."""
    failed = [i for i in doc["issues"] if i["outcome"] == "failed"]
    if fail_on is None:
        return None
    if isinstance(fail_on, int):
        if len(failed) > fail_on:
            return f"{len(failed)} 个问题，超过上限 {fail_on} / {len(failed)} issues > allowed {fail_on}"
        return None
    worst = [i for i in failed if (i["impact"] in IMPACT_ORDER
                                   and IMPACT_ORDER.index(i["impact"]) >= IMPACT_ORDER.index(fail_on))]
    if worst:
        return (f"{len(worst)} 个 {fail_on} 及以上级别的问题 / {len(worst)} issues of impact {fail_on} or worse "
                f"(first: {worst[0]['rule_id']})")
    return None


@click.command("scan")
@click.argument("urls", nargs=-1, metavar="URL...")
@click.option("--max-pages", default=100, show_default=True, type=click.IntRange(1), help="最多扫描页面数 / pages at most")
@click.option("--max-depth", default=5, show_default=True, type=click.IntRange(0), help="链接深度 / link depth")
@click.option("--include", multiple=True, metavar="PATTERN", help="只扫描匹配的网址（正则或 * 通配）/ only URLs matching")
@click.option("--exclude", multiple=True, metavar="PATTERN", help="跳过匹配的网址 / skip URLs matching")
@click.option("--no-robots", is_flag=True, help="忽略 robots.txt（仅限自己的网站）/ ignore robots.txt")
@click.option("--no-sitemap", is_flag=True, help="不读取 sitemap.xml / do not read sitemaps")
@click.option("--concurrency", default=2, show_default=True, type=click.IntRange(1, 16),
              help="同时检测的页面数（服务器响应慢时，每个还会预先加载下一页）/ pages checked at once (each also "
              "loads its next page meanwhile when the server is slow to answer)")
@click.option("--per-host", type=click.IntRange(1, 16),
              help="每个主机同时下载的页面数（默认同 --concurrency）/ pages fetched at once from one host (default: "
              "--concurrency)")
@click.option("--delay", default=0.0, show_default=True, type=click.FloatRange(0), help="同一主机两次请求间隔秒数 / seconds between requests to one host")
@click.option("--timeout", "page_timeout", default=30.0, show_default=True, type=click.FloatRange(1), help="单页超时秒数 / page timeout (s)")
@click.option("--retries", default=2, show_default=True, type=click.IntRange(0, 10), help="网络错误和 5xx 重试次数 / retries")
@click.option("--standard", default=DEFAULT_STANDARD, show_default=True, metavar="NAME[,NAME]",
              help=f"检测标准 / rule set: {', '.join(STANDARDS)}")
@click.option("--checks", "checks", default=None, metavar="GROUP[,GROUP]|all",
              help="运行哪些检查组（默认全部；较慢的检查只在首页和每种页面模板的一页上运行；all 则每页都运行）："
              "axe（axe-core 与 DOM 规则，总是运行）、layout（320 像素重排等）/ check groups to run (default: every "
              "group, the slow ones on the home page and one page per template; `all`: every group on every page): "
              "axe (axe-core and the DOM rules, always), layout (320 px reflow...)")
@click.option("--no-browser", is_flag=True, help="静态模式：不渲染，快速但不完整 / static mode: fast, partial")
@click.option("--chromium", type=click.Path(dir_okay=False), envvar="WUZHANGAI_CHROMIUM", help="Chromium 路径 / Chromium binary")
@click.option("--device", help="移动端模拟设备，如 'iPhone 13' / emulate a mobile device")
@click.option("--wechat", is_flag=True,
              help="以微信内置浏览器的 User-Agent 访问（政务 H5 页面常只对微信开放）；未给 --device 时模拟 iPhone 13 / "
                   "send WeChat's in-app browser user agent (many 政务 H5 pages answer only WeChat); emulates an "
                   "iPhone 13 unless --device is given")
@click.option("--elder", is_flag=True,
              help="所扫页面为适老版（关怀版）界面：手机页面另按工信部适老版要求判定（可点击区域 60 x 60、文字 18 像素）；"
                   "需配合 --device / the pages are an elder interface (适老版): phone pages are also judged against "
                   "the MIIT elder bounds (60 x 60 targets, 18 px text); needs --device")
@click.option("--guard-net", is_flag=True,
              help="网络防护：拒绝访问本机、内网、链路本地、组播、保留和云元数据地址（含重定向和页面子请求）/ refuse "
              "loopback, private, link-local, multicast, reserved and cloud metadata addresses (redirects and "
              "sub-requests too)")
@click.option("--allow-net", multiple=True, metavar="CIDR",
              help="网络防护放行的网段，可重复，隐含 --guard-net，如 10.1.0.0/16 / a range the guard lets through "
              "(repeatable; implies --guard-net)")
@click.option("--ignore-https-errors", is_flag=True,
              help="证书无效（过期、自签名、主机不符、签发机构不受信任）的页面也扫描，并在所有输出中标注；默认记为 tls_error "
              "未扫描 / scan pages whose TLS certificate is not valid anyway, marked so in every output (default: "
              "not scanned, reason tls_error)")
@click.option("--resume", is_flag=True, help="继续上次未完成的同一扫描 / resume the unfinished scan of these URLs")
@click.option("--incremental/--full", default=False, show_default=True,
              help="增量扫描：页面自上次同条件（模式、标准、axe-core 版本、规则）完成的扫描以来未变化（ETag/"
              "Last-Modified 返回 304，或内容哈希相同）时沿用上次结果，不再渲染；--full 全部重新扫描 / incremental: "
              "carry over the results of pages unchanged since the site's last finished scan under the same mode, "
              "standard, axe-core version and rules (304 to ETag/Last-Modified, or the same body hash) instead of "
              "rendering them; --full rescans everything")
@fail_on_option(IMPACT_ORDER[::-1], "门槛：有该级别及以上问题，或问题数超过 N 时退出码为 1 / exit 1 when an issue of "
                "this impact or worse is found, or more than N issues", counts=True)
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html"]), help="输出格式 / output format")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="输出文件 / output file")
@db_option
@queue_option
@lang_option
@click.option("--quiet", "-q", is_flag=True, help="不显示进度 / no progress output")
@auth_options
def command(urls, max_pages, max_depth, include, exclude, no_robots, no_sitemap, concurrency, per_host, delay,
            page_timeout, retries, standard, checks, no_browser, chromium, device, wechat, elder, guard_net, allow_net,
            ignore_https_errors, resume, incremental, fail_on, fmt, out, db, queue, lang, quiet, **auth):
    """扫描网站：在真实的 Chromium 中打开页面，运行 axe-core 和本项目的检查，合并重复问题，打分并保存 / scan websites.

    Scan websites in real Chromium with axe-core: crawl from URL... (plus sitemap.xml and same-site links),
    group the same problem across pages into one issue, score pages and the site (0-100), store everything in
    the database, and write JSON, CSV or HTML.

    \b
    例 / examples:
      wuzhangai scan https://www.jianghan.gov.cn/ --max-pages 200 --out scan.html
      wuzhangai scan http://127.0.0.1:8000/ --max-pages 30 --format json --out scan.json
      wuzhangai scan URL --fail-on serious        # CI 门禁 / CI gate
      wuzhangai scan URL --resume                 # 继续被中断的扫描 / continue a killed scan
      wuzhangai scan URL --incremental            # 只重新检查变化的页面 / re-check changed pages only
      wuzhangai scan URL --queue redis://H:6379/0 --db postgresql://...   # 交给工作进程 / on the workers
      wuzhangai scan https://portal/ --login-script login.yaml --secrets-file ~/.wza-secrets   # 登录后扫描

    退出码 / exit status: 0 完成且未超过 --fail-on / ran within --fail-on; 1 超过门槛或没有页面可扫描 /
    gate exceeded or nothing could be scanned; 2 用法错误 / usage error.
    """
    from scanner.browser import BrowserNotFound
    from scanner.login import LoginFailed
    from scanner.crawl import CrawlConfig
    from reports.scan_document import scan_document
    from wuzhangai.usecases.site_scan import ScanOptions, resumable_scan, resume_options, run_site_scan
    from store.db import engine_for
    from reports import scan_output

    if not urls:
        raise click.UsageError("请至少给出一个网址 / give at least one URL")
    fmt = fmt or infer_format(out, ("json", "csv", "html"))
    try:
        for name in standard.split(","):
            if name.strip() not in STANDARDS:
                raise click.BadParameter(f"未知标准 / unknown standard {name!r}; choose from {', '.join(STANDARDS)}",
                                         param_hint="--standard")
        crawl = CrawlConfig(start_urls=list(urls), max_pages=max_pages, max_depth=max_depth,
                            include=list(include), exclude=list(exclude), respect_robots=not no_robots,
                            use_sitemaps=not no_sitemap, concurrency=concurrency, per_host=per_host,
                            delay=delay, retries=retries, net_guard=guard_net or bool(allow_net),
                            allow_net=list(allow_net), ignore_https_errors=ignore_https_errors)
        from scanner.netpolicy import NetPolicy

        NetPolicy(allow_net)  # a bad CIDR is a usage error
        from scanner.urls import UrlFilter, normalize_url

        UrlFilter(include, exclude)
        from scanner.probes import every_page, parse_groups

        check_groups = parse_groups(checks)
        bad = [u for u in urls if normalize_url(u) is None]
        if bad:
            raise click.BadParameter(f"不是有效的网址 / not a URL: {', '.join(bad)}", param_hint="URL")
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if wechat:
        from scanner.wechat import WECHAT_DEFAULT_DEVICE, wechat_user_agent

        device = device or (None if no_browser else WECHAT_DEFAULT_DEVICE)
        crawl.user_agent = wechat_user_agent()  # robots.txt, sitemaps and static pages ask as WeChat too
    if elder and not device:  # the elder bounds are a phone interface's (dp); a desktop page has none to judge
        raise click.UsageError("--elder 需配合 --device（或 --wechat）/ --elder needs --device (or --wechat)")
    options = ScanOptions(crawl=crawl, standard=standard, browser=not no_browser, page_timeout=page_timeout,
                          chromium=chromium, device=device, incremental=incremental, checks=check_groups,
                          checks_every_page=every_page(checks), wechat=wechat, elder=elder, auth=auth_settings(**auth),
                          evidence_dir=auth["evidence_dir"])
    engine = engine_for(db)
    scan_id = None
    resumed_axe = None
    if resume:
        scan_id = resumable_scan(engine, list(urls))
        if scan_id is None:
            click.echo("没有可继续的扫描，将开始新的扫描 / nothing to resume, starting a new scan", err=True)
        else:
            options, resumed_axe = resume_options(engine, scan_id, max_pages, chromium)
            click.echo(f"继续扫描 #{scan_id} / resuming scan #{scan_id}", err=True)

    _check_auth(options, auth, queue)
    _refuse_start_urls(options.crawl)
    if options.browser:
        _say_which_axe(scan_id, resumed_axe)
    progress = _Progress(quiet)
    if queue:
        scan_id = _scan_on_workers(engine, options, scan_id, queue, progress)
    else:
        try:
            with progress:
                scan_id = run_site_scan(engine, options, scan_id=scan_id, on_progress=progress.update)
        except (BrowserNotFound, LoginFailed) as exc:
            fail(str(exc), code=1)
        except KeyboardInterrupt:
            fail("已中断；用 --resume 继续 / interrupted; continue with --resume", code=130)

    doc = scan_document(engine, scan_id, lang)
    if fmt or out:
        text = scan_output.write(doc, fmt or "json", out)
        if out is None:
            click.echo(text)
    s = doc["summary"]
    score = "—" if doc["site_score"] is None else f"{doc['site_score']:.1f}"
    click.echo(
        f"扫描 #{scan_id} 完成 / scan #{scan_id} done: {s['pages_scanned']} 页已扫描 pages scanned, "
        f"{s['pages_failed']} 页失败 failed, {s['issues']} 个问题 issues, {s['needs_review']} 个需复核 to review, "
        f"得分 score {score}" + (f" → {out}" if out else ""),
        err=True,
    )
    if s["pages_carried_over"]:
        click.echo(f"{s['pages_carried_over']} 页未变化，沿用上次结果 / {s['pages_carried_over']} pages unchanged, "
                   "results carried over", err=True)
    elif incremental and not resume:
        click.echo("没有可沿用的页面（无同条件的上次扫描，或页面均已变化）/ nothing carried over (no comparable "
                   "previous scan, or every page changed)", err=True)
    if doc["scan"]["partial"]:
        click.echo("注意：静态模式结果不完整 / note: static mode results are partial", err=True)
    if doc["scan"].get("wechat"):
        click.echo(doc["scan"]["wechat"], err=True)
    if s.get("pages_tls_ignored"):
        click.echo(f"注意：{s['pages_tls_ignored']} 个页面的 TLS 证书无效，按 --ignore-https-errors 仍已扫描 / note: "
                   f"{s['pages_tls_ignored']} pages with a certificate that is not valid were scanned "
                   "(--ignore-https-errors)", err=True)
    if doc["scan"].get("stopped"):
        click.echo(doc["scan"]["stopped"]["message"], err=True)
    for trap in doc["scan"].get("crawler_traps") or []:  # parts of the site the crawl cut (scanner.traps)
        click.echo(trap["message"], err=True)
    if s["pages_scanned"] == 0:
        fail("没有任何页面被扫描，请检查网址和 failed_pages / no page could be scanned: check the URL and "
             "failed_pages", code=1)
    check_gate(gate(doc, fail_on))


def _scan_on_workers(engine, options, scan_id: int | None, queue: str, progress: "_Progress") -> int:
    """Send the scan to the Celery workers (``wuzhangai worker``) and wait for it, showing its progress; returns
    the scan id. Ctrl-C stops waiting, not the scan."""
    from types import SimpleNamespace

    from store import jobs as job_store
    from store import scans as scan_store
    from wuzhangai.jobs import queue as jobs_queue
    from wuzhangai.usecases.site_scan import create_scan

    try:
        jobs_queue.check_queue_url(queue)
    except ValueError as exc:
        fail(str(exc), code=2)
    jobs_queue.ping_queue(queue)
    jobs_queue.configure(queue)
    if scan_id is None:
        from scanner.axe import axe_version

        scan_id = create_scan(engine, options, axe_version() if options.browser else None)
    site_id = scan_store.scan_row(engine, scan_id)["site_id"]
    job_id = job_store.enqueue_scan(engine, site_id, max_pages=options.crawl.max_pages, full=not options.incremental,
                                    requested_by="cli", scan_id=scan_id)
    jobs_queue.send_job(engine, job_id)
    click.echo(f"扫描 #{scan_id} 已交给工作进程（任务 {job_id}）/ scan #{scan_id} sent to the workers (job {job_id})",
               err=True)
    started = time.monotonic()

    def show(p: dict) -> None:
        done = p.get("done", 0) + p.get("failed", 0)
        elapsed = time.monotonic() - started
        progress.update(SimpleNamespace(pages_done=done, queued=p.get("queued", 0), pages_failed=p.get("failed", 0),
                                        pages_per_minute=done * 60.0 / elapsed if elapsed > 0 else 0.0,
                                        pages_carried=0))
    try:
        with progress:
            job = jobs_queue.wait_for_job(engine, job_id, show)
    except KeyboardInterrupt:
        fail(f"不再等待；工作进程会继续扫描，完成后用 wuzhangai scans show {scan_id} 查看 / stopped waiting: the "
             f"workers go on; read the result with `wuzhangai scans show {scan_id}`", code=130)
    if job is None or job["state"] != "finished":
        state = job["state"] if job else "gone"
        fail(f"扫描任务 {job_id} 未完成（{state}）/ the scan job {job_id} ended {state}"
             + (f": {job['error']}" if job and job.get("error") else ""), code=1)
    return scan_id


class _Progress:
    """A live line on a terminal (done / queued / failed, pages per minute); plain log lines otherwise."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self._live = None
        self._task = None
        self._last_log = 0.0
        self._last_done = -1

    def __enter__(self):
        if not self.quiet and self.tty:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._live = Progress(TextColumn("[bold]扫描 scan"), BarColumn(), TextColumn("{task.description}"),
                                  TimeElapsedColumn(), transient=False)
            self._live.__enter__()
            self._task = self._live.add_task("", total=None)
        return self

    def __exit__(self, *exc):
        if self._live is not None:
            self._live.__exit__(*exc)

    def update(self, crawler) -> None:
        if self.quiet or crawler.pages_done == self._last_done:
            return
        self._last_done = crawler.pages_done
        text = (f"已完成 done {crawler.pages_done} · 队列 queued {crawler.queued} · 失败 failed "
                f"{crawler.pages_failed} · {crawler.pages_per_minute:.0f} 页/分钟 pages/min")
        if crawler.pages_carried:
            text += f" · 未变化沿用 carried over {crawler.pages_carried}"
        if self._live is not None:
            self._live.update(self._task, description=text, completed=crawler.pages_done,
                              total=crawler.pages_done + crawler.queued)
        elif time.monotonic() - self._last_log > 2 or crawler.queued == 0:
            self._last_log = time.monotonic()
            click.echo(text, err=True)


def _check_auth(options, auth: dict, queue: str | None) -> None:
    """Give the scan its secrets and refuse, before anything is fetched, authentication settings that cannot work
    (exit 2): a missing secret, an unreadable or group-readable secrets file, a bad login script, a login script in
    static mode. A resumed scan keeps its stored settings; the secrets are read again."""
    from scanner.auth import AuthError

    try:
        options.secrets = cli_secrets(**auth)
        options.credentials()
    except AuthError as exc:
        fail(str(exc), code=2)
    if queue and options.auth.active:
        fail("登录扫描暂不能交给工作进程（密钥不经队列传递）：请去掉 --queue / an authenticated scan cannot be sent to "
             "the workers yet (secrets do not travel through the queue): drop --queue", code=2)


def _refuse_start_urls(crawl) -> None:
    """Exit 1 with the reason when the network guard refuses a start URL: said at once, no scan is started."""
    if not crawl.net_guard:
        return
    from scanner.netpolicy import NetPolicy, TargetRefused

    policy = NetPolicy(crawl.allow_net)
    for url in crawl.start_urls:
        try:
            policy.check_url_sync(url)
        except TargetRefused as exc:
            fail(str(exc), code=1)


def _say_which_axe(scan_id: int | None, resumed_axe: str | None) -> None:
    """One line on stderr when the scan will not run the pinned npm axe-core, or a resumed scan's pages
    would be judged by two axe versions; exit 1 when $WUZHANGAI_AXE names a missing file."""
    from scanner.axe import AxeMissing, axe_version, using_bundled_fallback

    try:
        version = axe_version()
    except AxeMissing as exc:
        fail(str(exc), code=1)
    if using_bundled_fallback():
        click.echo(f"注意：未找到 node_modules/axe-core，改用 axe-playwright-python 自带的 axe-core {version}（较旧，"
                   f"约慢一倍）；运行 make demo 或 npm ci 安装 / note: node_modules/axe-core not found, using the "
                   f"axe-core {version} bundled with axe-playwright-python (older, about half as fast); run "
                   f"`make demo` or `npm ci`", err=True)
    if resumed_axe and resumed_axe != version:
        click.echo(f"注意：扫描 #{scan_id} 的已完成页面由 axe-core {resumed_axe} 检测，其余页面将由 {version} 检测 / "
                   f"note: scan #{scan_id}'s finished pages were checked by axe-core {resumed_axe}, the rest will "
                   f"be checked by {version}", err=True)
