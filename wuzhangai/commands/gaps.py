"""``wuzhangai gaps``: coverage gaps, priority places, tactile paving continuity, worst streets/communities."""
from __future__ import annotations

import json
from pathlib import Path

import click

from wuzhangai.cli_common import (check_gate, db_option, district_option, enter_district, fail, fail_on_option,
                                   infer_format)

FORMATS = ("json", "csv", "geojson", "gpkg")
TABLE_NAMES = ("gaps", "coverage", "coverage_cells", "priority", "tactile", "streets", "communities", "mismatches",
               "worst", "sites")


def grid_options(fn):
    """--distance-m, --grid, --cell-m: the coverage parameters, shared by ``gaps`` and ``map``."""
    fn = click.option("--cell-m", type=click.FloatRange(min=10), default=300.0, show_default=True,
                      help="格网大小（米，六边形为对边距离）/ cell size (m; hexagon: flat-to-flat)")(fn)
    fn = click.option("--grid", "grid_kind", type=click.Choice(["h3", "square"]), default="h3", show_default=True,
                      help="格网类型 / grid kind")(fn)
    return click.option("--distance-m", type=click.FloatRange(min=1), default=500.0, show_default=True,
                        help="服务半径 D（米，直线距离）/ service distance D in metres (straight line)")(fn)


@click.command("gaps")
@grid_options
@click.option("--snap-m", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="盲道端点视为相连的距离 / tactile ends closer than this are connected")
@click.option("--gap-max-m", type=click.FloatRange(min=0), default=20.0, show_default=True,
              help="盲道断口的最大长度（更远视为尽头）/ longest gap counted as a break (farther: dead end)")
@click.option("--end-ok-m", type=click.FloatRange(min=0), default=10.0, show_default=True,
              help="盲道在路口/坡道/出入口附近终止不算尽头 / a path may end this close to a crossing, ramp, entrance")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="每级列出最差的单位数 / worst units listed per level")
@click.option("--table", "table_name", type=click.Choice(TABLE_NAMES), default="gaps", show_default=True,
              help="CSV 输出哪张表 / which table a CSV holds")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="输出格式 / output format")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="输出文件：gaps.geojson | .gpkg | .csv | .json / output file")
@fail_on_option(("priority", "critical", "any"),
                "门槛：有重点场所缺口 / 有严重不合格 / 有任何缺口时退出码为 1 / exit 1 when found")
@district_option
@db_option
def command(distance_m: float, grid_kind: str, cell_m: float, snap_m: float, gap_max_m: float, end_ok_m: float,
            top: int, table_name: str, fmt: str | None, out: Path | None, fail_on: str | None, district: str | None,
            db: str | None) -> None:
    """找出无障碍设施的覆盖缺口，按街道和社区统计，并列出最差的地方 / coverage gap analysis.

    Find coverage gaps in the surveyed facilities, in metres (EPSG:4547):

    \b
    - coverage: grid cells farther than D from a compliant accessible toilet, accessible parking,
      curb ramp at a crossing (area and share);
    - priority places (the district profile's, e.g. OSM hospitals, metro stations, schools, and
      `geo add-layer poi`) lacking a compliant entrance / parking / curb ramp within D;
    - tactile paving: breaks, obstructions, dead ends;
    - per street and community: surveyed, compliance share, critical failures, failures per km²;
      the worst places ranked with the reason; scanned sites with a location.

    \b
    Examples:
      wuzhangai gaps
      wuzhangai gaps --distance-m 300 --out gaps.gpkg
      wuzhangai gaps --table worst --out worst.csv
    退出码 / exit status: 0 已写出 / written; 1 没有调查数据，或触发 --fail-on / no survey to analyse, or the
    --fail-on gate tripped; 2 用法错误 / usage error.
    """
    from geodata.gap_files import report_json, write_csv_table, write_geojson, write_gpkg
    from geodata.gaps import GapParams
    from geodata.mapdata import collect
    from store.db import engine_for

    fmt = fmt or infer_format(out, FORMATS)
    if out is not None and fmt is None:
        fail(f"无法从 {out.name} 推断格式，请用 --format / cannot tell the format of {out.name}: use --format",
             code=2)
    if fmt == "gpkg" and out is None:
        fail("GeoPackage 需要 --out 文件 / --format gpkg needs --out", code=2)
    params = GapParams(distance_m=distance_m, grid_kind=grid_kind, cell_m=cell_m, snap_m=snap_m,
                       gap_max_m=gap_max_m, end_ok_m=end_ok_m, worst_top=top)
    engine = engine_for(db)
    data = collect(engine, params, district=enter_district(district, engine=engine))
    report = data.report
    if fmt == "json":
        text = json.dumps(report_json(report), ensure_ascii=False, indent=2, default=str)
        if out is None:
            click.echo(text)
        else:
            out.write_text(text, encoding="utf-8")
    elif fmt == "csv":
        text = write_csv_table(report, table_name, out)
        if out is None:
            click.echo(text, nl=False)
    elif fmt == "geojson":
        if out is None:
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "gaps.geojson"
                write_geojson(report, path)
                click.echo(path.read_text(encoding="utf-8"))
        else:
            write_geojson(report, out)
    elif fmt == "gpkg":
        write_gpkg(report, out)
    _summary(report, data.notes, err=fmt is not None and out is None)
    if out is not None:
        click.echo(f"已写入 / written: {out}", err=True)
    if report.facilities_total == 0:
        fail("没有可分析的设施调查数据，请先导入调查 / no surveyed facilities to analyse: import a survey first")
    check_gate(_gate(report, fail_on))


def _gate(report, fail_on: str | None) -> str | None:
    if fail_on == "priority" and len(report.priority_gaps):
        return f"{len(report.priority_gaps)} 个重点场所有缺口 / priority places with gaps"
    if fail_on == "critical" and report.critical_failures:
        return f"{report.critical_failures} 处严重不合格 / critical failures"
    if fail_on == "any" and report.has_gaps:
        return "发现缺口 / gaps found"
    return None


def _summary(report, notes: list[str], err: bool) -> None:
    """A short human summary (on stderr when stdout carries data)."""
    def say(text: str) -> None:
        click.echo(text, err=err)

    p = report.params
    say(f"设施 {report.facilities_total} 个；格网 {p.grid_kind} {p.cell_m:g} 米；服务半径 {p.distance_m:g} 米 / "
        f"{report.facilities_total} facilities; grid {p.grid_kind} {p.cell_m:g} m; D = {p.distance_m:g} m")
    for row in report.coverage_summary.to_dict("records"):
        say(f"  {row['label_zh']}覆盖缺口 / {row['label_en']} gap: {row['area_uncovered_km2']:.2f} km² "
            f"({row['share_area_uncovered']:.0%})，{row['cells_uncovered']}/{row['cells']} 格 cells")
    say(f"  重点场所缺口 / priority places with gaps: {len(report.priority_gaps)}/{len(report.priority)}")
    t = report.tactile_summary
    say(f"  盲道 / tactile: {t['records']} 条记录 records, {t['segments']} 段线 lines, 断口 breaks {t['breaks']}, 占用 obstructions "
        f"{t['obstructions']}, 尽头 dead ends {t['dead_ends']}")
    if len(report.mismatches):
        say(f"  记录的街道/社区与边界不符 / recorded unit differs from polygon: {len(report.mismatches)}")
    for row in report.worst.head(5).to_dict("records"):
        say(f"  最差 worst #{row['rank']} {row['name']}（{row['level']}）：{row['reason_zh']}")
    for note in notes:
        say(f"  注 / note: {note}")
