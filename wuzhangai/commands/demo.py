"""``wuzhangai demo``: the whole pipeline on the bundled sample data, in one command (what ``make demo`` runs)."""
from __future__ import annotations

from pathlib import Path

import click

# Where the sample site's owner sits, for the district map: the Jianghan District government offices
# (江汉区人民政府, 发展大道 area; approximate WGS84 position, within the bundled district boundary).
SAMPLE_SITE_OWNER = {"name": "江汉区人民政府（示例网站）", "owner_unit": "江汉区人民政府", "lon": 114.2712, "lat": 30.6010}


@click.command("demo")
@click.option("--out", default="demo-output", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="输出目录 / output folder")
@click.option("--max-pages", default=60, show_default=True, type=int, help="示例网站最多扫描页数 / pages at most")
def command(out: Path, max_pages: int) -> None:
    """在内置示例数据上运行完整流程并打印输出位置 / run the whole pipeline on the bundled sample data.

    Serves the bundled sample website on 127.0.0.1, scans it in Chromium, and writes every output into
    ``--out`` with a fresh database ``--out/wuzhangai.db``. The sample data are the bundled district's
    (Jianghan), whatever --district or $WUZHANGAI_DISTRICT say elsewhere.
    """
    from reports import scan_output
    from scanner.crawl import CrawlConfig
    from wuzhangai.sample_server import serve_sample_site
    from reports.scan_document import scan_document
    from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan
    from wuzhangai.usecases.sites import describe_site
    from geodata.district import DEFAULT_DISTRICT
    from store.db import engine_for
    from wuzhangai.cli_common import enter_district

    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "wuzhangai.db"
    for stale in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        stale.unlink(missing_ok=True)
    engine = engine_for(db_path)
    enter_district(DEFAULT_DISTRICT)
    outputs: list[tuple[str, Path]] = []

    click.echo("1/5 检查内置示例应用的界面 / auditing the bundled sample app's screens ...")
    # before the site scan: the site report of the demo is that of the newest finished scan, the website's
    from reports import app_document
    from reports.site_report import write_site_report
    from wuzhangai.sample_app import sample_audit_options
    from wuzhangai.usecases.app_audit import audit_app

    app_scan = audit_app(engine, sample_audit_options())
    app_doc = app_document.app_document(engine, app_scan, "zh-CN")
    for fmt in ("json", "csv", "html"):
        path = out / f"app-audit.{fmt}"
        app_document.write(app_doc, fmt, path)
        outputs.append((f"应用检查 app audit ({fmt})", path))
    for path in write_site_report(engine, app_scan, "html", out / "reports" / "app-report.html"):
        outputs.append(("应用报告 app report (html)", path))
    click.echo(f"    {len(app_doc['pages'])} 个界面 screens, {app_doc['summary']['issues']} 个问题 issues, "
               f"得分 score {app_doc['site_score']}")

    click.echo("2/5 扫描内置示例网站 / scanning the bundled sample site ...")
    with serve_sample_site() as site:
        describe_site(engine, site.url, **SAMPLE_SITE_OWNER)
        options = ScanOptions(crawl=CrawlConfig(start_urls=[site.url], max_pages=max_pages))
        scan_id = run_site_scan(engine, options)
    doc = scan_document(engine, scan_id, "zh-CN")
    for fmt in ("json", "csv", "html"):
        path = out / f"site-scan.{fmt}"
        scan_output.write(doc, fmt, path)
        outputs.append((f"网站扫描 site scan ({fmt})", path))
    s = doc["summary"]
    click.echo(f"    {s['pages_scanned']} 页 pages, {s['issues']} 个问题 issues, {s['pages_failed']} 页无法扫描 failed, "
               f"得分 score {doc['site_score']}")

    click.echo("3/5 导入并评分示例设施调查 / importing and scoring the sample facility survey ...")
    from surveys.pipeline import import_and_score_sample

    survey = import_and_score_sample(engine, out)
    h = survey["summary"]
    click.echo(f"    {survey['imported']} 条记录 records, {h['facilities']} 个设施 facilities, "
               f"合规 compliant {h['compliant']}, 不合规 non-compliant {h['non_compliant']}, "
               f"不完整 incomplete {h['incomplete']}")
    for fmt, path in survey["outputs"].items():
        outputs.append((f"设施评分 facility scores ({fmt})", Path(path)))

    click.echo("4/5 绘制地区地图、分析覆盖缺口 / drawing district maps and finding gaps ...")
    from geodata.pipeline import demo_maps

    maps = demo_maps(engine, out / "maps")
    names = {"facilities_map": "设施地图 facility map", "gaps_map": "缺口地图 gaps map", "gaps": "缺口清单 gaps"}
    for name, files in maps["files"].items():
        for fmt, path in files.items():
            outputs.append((f"{names.get(name, name)} ({fmt})", Path(path)))

    click.echo("5/5 生成网站报告和区级报告 / building the site report and the district report ...")
    from reports.pipeline import demo_reports

    reports = demo_reports(engine, out / "reports", "zh-CN")
    names = {"site": "网站报告 site report", "district": "区级报告 district report"}
    for kind, files in reports.items():
        for fmt, path in files.items():
            outputs.append((f"{names[kind]} ({fmt})", Path(path)))

    outputs.append(("数据库 database (SQLite)", db_path))
    click.echo("\n完成。输出文件 / done. Outputs:")
    for label, path in outputs:
        click.echo(f"  {label}: {path.resolve()}")
    click.echo(f"\n在浏览器中查看这些结果 / to see them in the browser (the web service):\n"
               f"  wuzhangai users add admin --role admin --db {db_path.resolve()}\n"
               f"  wuzhangai serve --db {db_path.resolve()}      # http://127.0.0.1:8080/")
