"""``wuzhangai map``: district maps as PNG/SVG (matplotlib) or one offline HTML file (Leaflet inlined)."""
from __future__ import annotations

from pathlib import Path

import click

from wuzhangai.cli_common import db_option, district_option, enter_district, fail, infer_format
from wuzhangai.commands.gaps import grid_options

LAYERS = ("facilities", "gaps", "streets", "sites")
FORMATS = ("html", "png", "svg")


@click.command("map")
@click.option("--layer", "layers", type=click.Choice(LAYERS), multiple=True,
              help="图层，可重复；静态图只画第一个 / layer, repeatable (HTML: all, toggleable; PNG/SVG: the "
                   "first)  [default: facilities]")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="输出文件 map.html | map.png | map.svg / output file")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="输出格式（默认按扩展名）/ format (default: from --out)")
@click.option("--title", help="地图标题 / map title")
@grid_options
@click.option("--dpi", type=click.IntRange(50, 600), default=150, show_default=True, help="PNG 分辨率 / PNG dpi")
@district_option
@db_option
def command(layers: tuple[str, ...], out: Path, fmt: str | None, title: str | None, distance_m: float,
            grid_kind: str, cell_m: float, dpi: int, district: str | None, db: str | None) -> None:
    """绘制本区无障碍地图：设施、覆盖缺口、街道合规率、政府网站 / district maps that work offline.

    Draw a district map. PNG/SVG: Chinese labels, legend, scale bar, north arrow, OSM attribution.
    HTML: a single file that works with no network and no tile server (Leaflet is inlined, the basemap is
    drawn from our own layers); layers can be toggled; popups show each facility's verdict and failing
    clauses. Home modifications are never drawn as points.

    \b
    Examples:
      wuzhangai map --layer facilities --out map.html
      wuzhangai map --layer gaps --out gaps.png
      wuzhangai map --layer facilities --layer gaps --layer sites --out district.html
    """
    from geodata.gaps import GapParams
    from geodata.mapdata import collect
    from store.db import engine_for

    fmt = fmt or infer_format(out, FORMATS)
    if fmt is None:
        fail(f"无法从 {out.name} 推断格式，请用 --format html|png|svg / cannot tell the format of {out.name}", code=2)
    layers = layers or ("facilities",)
    engine = engine_for(db)
    data = collect(engine, GapParams(distance_m=distance_m, grid_kind=grid_kind, cell_m=cell_m),
                   district=enter_district(district, engine=engine))
    if fmt == "html":
        from geodata.maps_html import LeafletMissing, render_html

        try:
            out.write_text(render_html(data, list(layers), title=title), encoding="utf-8")
        except LeafletMissing as exc:
            fail(str(exc))
    else:
        from geodata.maps_static import FontMissing, render_static

        try:
            out.write_bytes(render_static(data, layers[0], fmt, title=title, dpi=dpi))
        except FontMissing as exc:
            fail(str(exc))
    click.echo(f"地图已写入 {out}（{', '.join(layers)}；设施 {len(data.facilities)} 个）/ map written to {out}")
    for note in data.notes:
        click.echo(f"  注 / note: {note}")
