"""``wuzhangai geo``: user map layers (add-layer, layers, remove-layer) and the aggregation grid."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from wuzhangai.cli_common import db_option, district_option, enter_district, fail, infer_format

KINDS = ("streets", "communities", "poi", "tactile")
POI_KINDS = ("hospital", "metro_station", "school", "government_service_hall", "other")


@click.group("geo")
def command() -> None:
    """地图图层：导入街道/社区边界、重点场所和盲道线，查看图层，导出格网 / map layers and the grid.

    Map layers: load street/community polygons, priority places (POI) and tactile paving lines from
    GeoJSON, GeoPackage or Shapefile in any CRS; list them; export the aggregation grid.
    """


@command.command("add-layer")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=click.Path(exists=True, dir_okay=True, path_type=Path))
@click.option("--name", help="图层名（默认文件名）；同名图层会被替换 / layer name (default: file name); replaces a "
                             "layer of the same kind and name")
@click.option("--layer", "source_layer", help="GeoPackage 中的图层名 / layer inside a GeoPackage")
@click.option("--source-crs", help="文件没有 CRS 时指定，如 EPSG:4547、gcj02、bd09 / the file's CRS when it declares "
                                   "none (or GCJ-02/BD-09 lon/lat)")
@click.option("--code-field", help="区划代码字段 / field with the 2023 statistical code")
@click.option("--name-field", help="名称字段 / field with the name")
@click.option("--poi-kind", type=click.Choice(POI_KINDS), help="POI 图层的场所类型 / kind of every POI in the file")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), help="输出格式 / output format")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="输出文件 / output file")
@district_option
@db_option
def add_layer(kind: str, file: Path, name: str | None, source_layer: str | None, source_crs: str | None,
              code_field: str | None, name_field: str | None, poi_kind: str | None, fmt: str | None,
              out: Path | None, district: str | None, db: str | None) -> None:
    """导入用户图层 KIND（streets|communities|poi|tactile）。

    Load a user layer. The CRS is read from the file and the geometry converted to WGS84; a file without
    a CRS is refused unless --source-crs says what it is. Invalid geometries are repaired (and listed),
    empty ones dropped (and listed). Street and community polygons are matched to the district's 2023
    codes by code or name. Once street polygons are loaded, facilities are grouped by the polygon they fall in.

    \b
    Examples:
      wuzhangai geo add-layer streets streets.gpkg --layer jiedao
      wuzhangai geo add-layer poi service_halls.shp --poi-kind government_service_hall
      wuzhangai geo add-layer poi amap_hospitals.geojson --source-crs gcj02 --poi-kind hospital
    """
    from geodata.layers import LayerError, read_user_layer, to_feature_rows
    from store.db import engine_for
    from store.geo import save_layer

    engine = engine_for(db)
    enter_district(district, engine=engine)
    try:
        loaded = read_user_layer(file, kind, layer=source_layer, source_crs=source_crs, code_field=code_field,
                                 name_field=name_field, poi_kind=poi_kind)
    except LayerError as exc:
        fail(str(exc))
    layer_name = name or (f"{file.stem}:{source_layer}" if source_layer else file.stem)
    info = save_layer(engine, kind, layer_name, to_feature_rows(loaded.gdf), source_path=str(file),
                      source_crs=loaded.source_crs, repaired_count=len(loaded.repaired),
                      dropped_count=len(loaded.dropped))
    result = {**asdict(info), "repaired": loaded.repaired, "dropped": loaded.dropped, "warnings": loaded.warnings}
    fmt = fmt or infer_format(out, ("json", "csv"))
    if fmt:
        _emit([result], fmt, out)
        return
    click.echo(f"已导入 {kind} 图层 “{info.name}”：{info.feature_count} 个要素，源坐标系 {info.source_crs} -> WGS84 / "
               f"loaded {kind} layer {info.name!r}: {info.feature_count} features from {info.source_crs}")
    for line in loaded.repaired + loaded.dropped + loaded.warnings:
        click.echo(f"  - {line}")


@command.command("layers")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), help="输出格式 / output format")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="输出文件 / output file")
@db_option
def layers(fmt: str | None, out: Path | None, db: str | None) -> None:
    """列出已导入的图层 / list the loaded user layers (the bundled district outline is always there)."""
    from store.db import engine_for
    from store.geo import list_layers

    rows = [asdict(info) for info in list_layers(engine_for(db))]
    fmt = fmt or infer_format(out, ("json", "csv"))
    if fmt:
        _emit(rows, fmt, out)
        return
    if not rows:
        click.echo("没有用户图层；使用区档案中的区界 / no user layers; the district profile's outline is used")
    for r in rows:
        click.echo(f"{r['kind']:<12} {r['name']:<30} {r['feature_count']:>6} 要素 features  {r['source_crs']}  "
                   f"修复 repaired {r['repaired_count']}  丢弃 dropped {r['dropped_count']}  {r['loaded_at']}")


@command.command("remove-layer")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("name")
@db_option
def remove_layer(kind: str, name: str, db: str | None) -> None:
    """删除一个用户图层 / remove a user layer."""
    from store.db import engine_for
    from store.geo import delete_layer

    if not delete_layer(engine_for(db), kind, name):
        fail(f"没有 {kind} 图层 “{name}” / no {kind} layer named {name!r}")
    click.echo(f"已删除 / removed {kind} {name}")


@command.command("grid")
@click.option("--kind", "grid_kind", type=click.Choice(["h3", "square"]), default="h3", show_default=True,
              help="格网类型 / grid kind")
@click.option("--cell-m", type=click.FloatRange(min=10), default=300.0, show_default=True,
              help="格网大小（米，六边形为对边距离）/ cell size in metres (hexagon: flat-to-flat width)")
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv", "json"]), help="输出格式 / output format")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="输出文件 / output file")
@district_option
@db_option
def grid(grid_kind: str, cell_m: float, fmt: str | None, out: Path | None, district: str | None,
         db: str | None) -> None:
    """导出覆盖本区的聚合格网 / export the aggregation grid over the district (clipped, WGS84)."""
    from geodata.grid import make_grid
    from geodata.layers import district_shape

    d = enter_district(district, db)
    cells = make_grid(district_shape(d=d), kind=grid_kind, cell_m=cell_m, crs="EPSG:4326")
    fmt = fmt or infer_format(out, ("geojson", "csv", "json")) or "geojson"
    if fmt == "geojson":
        text = cells.drop(columns=["x", "y"]).to_json(drop_id=True)
        _write(text, out)
    else:
        centres = cells.geometry.representative_point()
        rows = cells.drop(columns="geometry").assign(lon=centres.x.round(6), lat=centres.y.round(6),
                                                     area_m2=cells["area_m2"].round(1))
        _emit(rows.drop(columns=["x", "y"]).to_dict("records"), fmt, out)
    if out:
        click.echo(f"{len(cells)} 个格网单元已写入 {out} / {len(cells)} cells written to {out}", err=True)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        click.echo(text)
    else:
        out.write_text(text, encoding="utf-8")


def _emit(rows: list[dict], fmt: str, out: Path | None) -> None:
    if fmt == "json":
        _write(json.dumps(rows, ensure_ascii=False, indent=2, default=str), out)
    else:
        from reports.tabular import write_csv

        columns = list(rows[0]) if rows else []
        text = write_csv(out, columns, rows)
        if out is None:
            click.echo(text, nl=False)
