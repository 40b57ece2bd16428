"""``wuzhangai app``: audit Android app screens from uiautomator dumps (``audit``), save a device's screen
(``capture``)."""
from __future__ import annotations

from pathlib import Path

import click

from wuzhangai.cli_common import EXIT_FAILED, db_option, fail, infer_format, lang_option

FORMATS = ("json", "csv", "html")


@click.group("app")
def command() -> None:
    """安卓应用界面的无障碍与适老化检查 / Android app screens: accessibility and MIIT elder-friendly checks.

    \b
    wuzhangai app audit screens/*.xml --screenshot screens/*.png --density 480 --app 江汉政务 --out app.html
    wuzhangai app capture --serial emulator-5554 --out screens/ --name home
    """


@command.command("audit")
@click.argument("dumps", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--screenshot", "screenshots", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="界面截图 PNG，按文件名与界面对应（home.png ↔ home.xml）；可重复 / screenshot of a screen, matched to "
                   "its dump by file stem; repeatable")
@click.option("--density", type=click.FloatRange(min=60, max=1000), default=None, metavar="DPI",
              help="屏幕密度（adb shell wm density，如 480）；不给则按屏幕短边 360 dp 估算 / screen density in dpi "
                   "(adb shell wm density); without it dp are estimated from a 360 dp wide screen")
@click.option("--app", "app_name", default=None, help="应用名称 / the app's name (default: its package)")
@click.option("--elder", is_flag=True, help="所有界面都是适老版（长辈版）界面：60 dp 目标、18 dp 文字 / every screen is "
                                             "an elder interface (60 dp targets, 18 dp text)")
@click.option("--elder-screen", "elder_screens", multiple=True, metavar="STEM",
              help="只把这些界面当作适老版界面（文件名，不含扩展名）；可重复 / only these screens (file stem) are "
                   "elder-interface screens; repeatable")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="json|csv|html（默认取 --out 的扩展名）")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="输出文件；不给则输出到标准输出 / output file")
@db_option
@lang_option
def audit(dumps, screenshots, density, app_name, elder, elder_screens, fmt, out, db, lang):
    """检查应用界面（uiautomator dump 的 XML）并存储、评分 / audit app screens from uiautomator dumps."""
    from reports import app_document
    from store.db import engine_for
    from wuzhangai.usecases.app_audit import AppAuditOptions, AppDumpError, audit_app, gather_screens

    options = AppAuditOptions(list(dumps), list(screenshots), density, app_name, elder, tuple(elder_screens))
    try:
        gather_screens(options)  # every file checked before the database is opened: a refused set stores nothing
    except AppDumpError as exc:
        fail(f"{exc}；未存储任何内容 / nothing stored", code=EXIT_FAILED)
    engine = engine_for(db)
    scan_id = audit_app(engine, options)
    doc = app_document.app_document(engine, scan_id, lang)
    text = app_document.write(doc, fmt or infer_format(out, FORMATS) or "json", out)
    if out is None:
        click.echo(text)
    else:
        click.echo(f"已写入 / written: {Path(out).resolve()}")
    click.echo(f"应用 {doc['app']['name']}：{len(doc['pages'])} 个界面，得分 {doc['site_score']}，问题 "
               f"{sum(1 for i in doc['issues'] if i['outcome'] == 'failed')} 个（扫描 {scan_id}）/ app "
               f"{doc['app']['name']}: {len(doc['pages'])} screens, score {doc['site_score']}, "
               f"{sum(1 for i in doc['issues'] if i['outcome'] == 'failed')} failed issues (scan {scan_id})", err=True)


@command.command("capture")
@click.option("--serial", required=True, help="设备序列号（adb devices）/ the device's serial (adb devices)")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="保存目录 / folder to save into")
@click.option("--name", "stem", default="screen", show_default=True,
              help="文件名（不含扩展名）/ file stem of the dump and screenshot")
def capture(serial, out_dir, stem):
    """通过 adb 保存设备当前界面的 dump 和截图 / save the device's current screen (dump and screenshot) via adb."""
    from scanner.adb_capture import CaptureError, capture_screen
    from scanner.app_dump import AppDumpError, parse_dump

    try:
        dump, png = capture_screen(serial, out_dir, stem)
        parse_dump(dump)  # a dump the audit would refuse is reported now, while the screen is still there
    except (CaptureError, AppDumpError) as exc:
        fail(str(exc), code=EXIT_FAILED)
    click.echo(f"已保存 / saved: {dump} {png}")
