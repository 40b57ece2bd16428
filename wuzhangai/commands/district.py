"""``wuzhangai district``: which district the tool works on (a profile: outline, codes, plan, priority places)."""
from __future__ import annotations

import json

import click

from wuzhangai.cli_common import db_option, district_option, enter_district, existing_engine, fail


@click.group("district")
def command() -> None:
    """区档案：本工具所评估的区（区界、街道和社区代码、规划目标、重点场所）/ district profiles.

    A district is a profile folder (profile.yaml, boundary.geojson, optional streets.csv, communities.csv,
    priority_places.geojson, roads.geojson). The one in use: --district, else $WUZHANGAI_DISTRICT, else the
    one stored in the database by `wuzhangai district use`, else the bundled default (江汉区 Jianghan).

    \b
    Examples:
      wuzhangai district list
      wuzhangai district use ./profiles/hanyang      # a folder with profile.yaml and boundary.geojson
      wuzhangai district show
    """


@command.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_command(fmt: str) -> None:
    """列出内置的区档案 / list the bundled district profiles."""
    from geodata.district import bundled_districts

    rows = [{"id": d.id, "name_zh": d.name_zh, "name_en": d.name_en, "code": d.code, "has": d.has()}
            for d in bundled_districts()]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        parts = [k for k, v in r["has"].items() if v]
        click.echo(f"{r['id']:<12} {r['code']}  {r['name_zh']} {r['name_en']}  ({', '.join(parts) or 'outline only'})")


@command.command("use")
@click.argument("choice", metavar="NAME|PATH")
@db_option
def use_command(choice: str, db: str | None) -> None:
    """在数据库中记住所评估的区 / store the district to use in the database.

    NAME is a bundled profile (id, Chinese or English name, or code); PATH a profile folder, stored as an
    absolute path. --district and $WUZHANGAI_DISTRICT still win over the stored choice.
    """
    from geodata.district import DISTRICTS_DIR, SETTING_KEY, ProfileError, load_district
    from store.db import engine_for
    from store.settings import set_setting

    try:
        district = load_district(choice)
        district.bbox()
    except ProfileError as exc:
        fail(str(exc), code=2)
    bundled = district.folder.parent == DISTRICTS_DIR
    set_setting(engine_for(db), SETTING_KEY, district.id if bundled else str(district.folder))
    click.echo(f"已选择 / now using: {district.name_zh} {district.name_en} ({district.code}, {district.folder})")


@command.command("show")
@district_option
@db_option
def show_command(district: str | None, db: str | None) -> None:
    """显示当前所用的区档案（JSON）/ the district profile in use, as JSON."""
    from geodata.district import DISTRICT_ENV, stored_choice

    d = enter_district(district, db)
    facts = d.facts()
    if district:
        facts["chosen_by"] = "--district" if district != _env(DISTRICT_ENV) else f"${DISTRICT_ENV}"
    else:
        engine = existing_engine(db)
        facts["chosen_by"] = "database" if engine is not None and stored_choice(engine) else "default"
    click.echo(json.dumps(facts, ensure_ascii=False, indent=2))


def _env(name: str) -> str | None:
    import os

    return os.environ.get(name)
