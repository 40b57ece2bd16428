"""``wuzhangai scans``: stored scans and sites — list, export, re-judge, describe a site's owner and place."""
from __future__ import annotations

import json
from pathlib import Path

import click

from wuzhangai.cli_common import db_option, fail, infer_format, lang_option


@click.group("scans")
def command() -> None:
    """已保存的扫描和网站 / stored scans and sites."""


@command.command("list")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def list_sites(db, fmt):
    """每个网站最近一次扫描 / each site with its latest scan."""
    from reports.tabular import write_csv
    from store.sites import SITE_COLUMNS, site_summaries
    from store.db import engine_for

    frame = site_summaries(engine_for(db))
    records = json.loads(frame.to_json(orient="records", force_ascii=False))
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(write_csv(None, SITE_COLUMNS, records), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("site", "网站 URL", "单位 owner", "最近扫描 scan", "得分 score", "问题 issues", "页面 pages")
        for r in records:
            table.add_row(str(r["site_id"]), r["base_url"], r["owner_unit"] or "—", str(r["latest_scan_id"] or "—"),
                          "—" if r["score"] is None else f"{r['score']:.1f}", str(r["issues"] or 0),
                          str(r["pages"] or 0))
        Console().print(table)


@command.command("show")
@click.argument("scan_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html"]))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@lang_option
def show(scan_id, fmt, out, db, lang):
    """导出一次扫描（JSON/CSV/HTML）/ export one stored scan."""
    from reports import scan_output
    from reports.scan_document import ScanNotFound, scan_document
    from store.db import engine_for

    try:
        doc = scan_document(engine_for(db), scan_id, lang)
    except ScanNotFound as exc:
        fail(f"{exc}；用 `wuzhangai scans list` 查看 / see `wuzhangai scans list`")
    text = scan_output.write(doc, fmt or infer_format(out, scan_output.FORMATS) or "json", out)
    if out is None:
        click.echo(text)


@command.command("rejudge")
@click.argument("scan_id", type=int)
@db_option
def rejudge(scan_id, db):
    """用当前规则重新评判已保存的证据（无需重新抓取）/ judge stored evidence again with the current rules."""
    from wuzhangai.usecases.site_scan import rejudge_scan
    from store.db import engine_for

    n = rejudge_scan(engine_for(db), scan_id)
    if n == 0:
        fail(f"扫描 {scan_id} 没有可评判的页面 / scan {scan_id} has no stored evidence")
    click.echo(f"已重新评判 {n} 个页面 / re-judged {n} pages of scan {scan_id}")


@command.command("site")
@click.argument("url")
@click.option("--name", help="网站名称 / site name")
@click.option("--owner", "owner_unit", help="主办单位（区政府、委办局、街道办）/ owning unit")
@click.option("--lon", type=float, help="单位所在经度 WGS84 / longitude")
@click.option("--lat", type=float, help="单位所在纬度 WGS84 / latitude")
@db_option
def site(url, name, owner_unit, lon, lat, db):
    """登记网站的主办单位和位置，使网站结果出现在地图上 / set a site's owner and location for the maps."""
    from wuzhangai.usecases.sites import describe_site
    from store.db import engine_for

    try:
        site_id = describe_site(engine_for(db), url, name, owner_unit, lon, lat)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"网站 {site_id} 已更新 / site {site_id} updated")


@command.command("dismiss")
@click.argument("scan_id", type=int)
@click.argument("fingerprint")
@click.option("--kind", type=click.Choice(["false_positive", "accepted"]), required=True,
              help="误报或已接受的风险 / a false positive or an accepted risk")
@click.option("--reason", required=True, help="理由 / why")
@click.option("--by", "user", help="排除人 / who dismisses it")
@db_option
def dismiss(scan_id, fingerprint, kind, reason, user, db):
    """排除扫描中的一个问题（本网站以后的扫描中仍排除）/ dismiss an issue of a scan's site (kept in later scans)."""
    from store.db import engine_for
    from wuzhangai.usecases.dismissals import dismiss_issue

    try:
        dismissal_id = dismiss_issue(engine_for(db), scan_id, fingerprint, kind, reason, user)
    except ValueError as exc:
        fail(str(exc))
    click.echo(json.dumps({"dismissal_id": dismissal_id, "scan_id": scan_id, "fingerprint": fingerprint,
                           "kind": kind}, ensure_ascii=False))


@command.command("undismiss")
@click.argument("dismissal_id", type=int)
@click.option("--by", "user", help="撤销人 / who undoes it")
@db_option
def undismiss(dismissal_id, user, db):
    """撤销一次排除 / undo a dismissal."""
    from store.db import engine_for
    from wuzhangai.usecases.dismissals import undo_dismissal

    try:
        undo_dismissal(engine_for(db), dismissal_id, user)
    except ValueError as exc:
        fail(str(exc))
    click.echo(f"已撤销排除 {dismissal_id} / dismissal {dismissal_id} undone")


DISMISSAL_COLUMNS = ["id", "site_id", "fingerprint", "rule_id", "kind", "reason", "created_by", "created_at"]


@command.command("dismissals")
@click.argument("site_url")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@db_option
def dismissals(site_url, fmt, db):
    """列出网站当前有效的排除 / a site's active dismissals."""
    from reports.tabular import write_csv
    from store.db import engine_for
    from wuzhangai.usecases.dismissals import site_dismissals, site_id_of

    engine = engine_for(db)
    try:
        rows = site_dismissals(engine, site_id_of(engine, site_url))
    except ValueError as exc:
        fail(str(exc))
    records = [{k: r[k] for k in DISMISSAL_COLUMNS} for r in rows]
    if fmt == "csv":
        click.echo(write_csv(None, DISMISSAL_COLUMNS, records), nl=False)
    else:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
