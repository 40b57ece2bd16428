"""``wuzhangai report``: compliance reports for officials — one website (``site``) or the whole district."""
from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import click

from wuzhangai.cli_common import db_option, district_option, enter_district, fail, infer_format, lang_option

FORMATS = ("html", "pdf", "xlsx", "csv", "json")
TEXT_FORMATS = ("html", "json")  # may go to stdout; the others need --out

format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="html|pdf|xlsx|csv|json（默认取 --out 的扩展名，否则 html）；csv 把每个表写成 --out 目录下的一个文件 / "
         "default from the --out suffix, else html; csv writes one file per table into the --out folder")
out_option = click.option("--out", type=click.Path(path_type=Path), default=None,
                          help="输出文件（csv 为目录）；html/json 可省略而输出到标准输出 / output file (a folder for csv)")


@click.group("report")
def command() -> None:
    """合规报告：单个网站报告和全区报告（HTML/PDF/XLSX/CSV/JSON，默认中文）/ compliance reports.

    \b
    wuzhangai report site 3 --out site.pdf
    wuzhangai report site --latest https://www.jianghan.gov.cn/ --format xlsx --out site.xlsx
    wuzhangai report district --out district.html --lang en
    """


def _resolve_format(fmt: str | None, out: Path | None) -> str:
    fmt = fmt or infer_format(out, FORMATS) or "html"
    if out is None and fmt not in TEXT_FORMATS:
        raise click.UsageError(f"--format {fmt} 需要 --out / --format {fmt} needs --out PATH")
    return fmt


def _write(write: Callable[[Path], list[Path]], fmt: str, out: Path | None) -> None:
    """Run ``write(path)``; without ``--out`` the (text) report goes to stdout through a temporary file."""
    if out is not None:
        for path in write(out):
            click.echo(f"已写入 / written: {path.resolve()}")
        return
    with tempfile.TemporaryDirectory(prefix="wuzhangai-report-") as tmp:
        paths = write(Path(tmp) / f"report.{fmt}")
        sys.stdout.write(paths[0].read_text(encoding="utf-8"))


@command.command("site")
@click.argument("scan_id", type=int, required=False)
@click.option("--latest", "latest_url", metavar="URL", default=None,
              help="该网站最近一次完成的扫描 / the newest finished scan of this site")
@format_option
@out_option
@db_option
@lang_option
def site(scan_id: int | None, latest_url: str | None, fmt: str | None, out: Path | None, db: str | None,
         lang: str) -> None:
    """单个网站的无障碍评估报告 / accessibility report of one scanned website.

    得分及历次趋势、按 WCAG 成功准则和 GB/T 37668-2019 原则（本项目映射，权重 30/30/20/20）的符合情况、
    按“影响 × 页面数”排序的问题（问题、位置、修改建议、成功准则）、已扫描/未能扫描的页面和附件。
    Score and trend, conformance by WCAG criterion and GB/T 37668 principle (our mapping), ranked issues with
    where and how to fix, pages scanned and failed, attachments. Give SCAN_ID or --latest URL.
    """
    from reports.site_report import NoScan
    from store.db import engine_for
    from store.scans import ScanNotFound
    from wuzhangai.usecases.reports import site_report

    if (scan_id is None) == (latest_url is None):
        raise click.UsageError("请给出 SCAN_ID 或 --latest URL（二选一）/ give SCAN_ID or --latest URL (one of them)")
    fmt = _resolve_format(fmt, out)
    engine = engine_for(db)
    try:
        _write(lambda path: site_report(engine, fmt, path, lang, scan_id=scan_id, latest_url=latest_url), fmt, out)
    except (ScanNotFound, NoScan) as exc:
        fail(f"{exc}；用 `wuzhangai scans list` 查看 / see `wuzhangai scans list`")
    except ValueError as exc:  # a --latest value that is not a URL
        fail(str(exc), code=2)


@command.command("district")
@format_option
@out_option
@db_option
@district_option
@lang_option
def district(fmt: str | None, out: Path | None, db: str | None, district: str | None, lang: str) -> None:
    """全区无障碍报告 / district report: web estate, facilities, plan progress, method.

    首页为领导摘要（几个数字和一张地图）；网站：每个网站的得分、趋势和最严重问题；设施：按街道和类型的
    合规情况、严重不合格、缺口清单和地图（PDF 为静态地图，HTML 为可交互的离线地图）；规划进展：专栏9
    各项、新建项目无障碍设施建设率、专栏2 指标11（家庭无障碍改造户数，只按社区计数）；方法与数据来源。
    Leaders' summary first; then web estate, facilities (maps), plan progress in the plan's own terms, and
    method and sources. Household records appear only as counts per community.
    """
    from store.db import engine_for
    from wuzhangai.usecases.reports import district_report

    fmt = _resolve_format(fmt, out)
    engine = engine_for(db)
    chosen = enter_district(district, engine=engine)
    _write(lambda path: district_report(engine, fmt, path, lang, district=chosen), fmt, out)
