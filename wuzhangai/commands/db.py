"""``wuzhangai db``: the database's schema revision (Alembic migrations in store/migrations)."""
from __future__ import annotations

import json

import click

from wuzhangai.cli_common import db_option


@click.group("db")
def command() -> None:
    """数据库结构版本：查看与升级 / the database's schema revision: show it, upgrade it."""


@command.command("upgrade")
@db_option
def upgrade(db):
    """把数据库升级到本程序的结构版本（打开时也会自动升级）/ upgrade the database to this version's schema (opening
    it does this too)."""
    from sqlalchemy.engine import make_url

    from store.db import new_engine, resolve_db
    from store.migrations import ensure_head

    url = resolve_db(db)
    engine = new_engine(url)
    try:
        before, after = ensure_head(engine)
    finally:
        engine.dispose()
    shown = make_url(url).render_as_string(hide_password=True)
    if before == after:
        click.echo(f"数据库已是最新版本 {after} / {shown} is already at {after}")
    else:
        was = before or "无（空库或迁移前的版本）"
        was_en = before or "none (empty, or made before migrations)"
        click.echo(f"已升级：{was} → {after} / upgraded {shown}: {was_en} -> {after}")


@command.command("current")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def current(db, fmt):
    """数据库当前的结构版本（只读，不升级）/ the database's schema revision (read only, no upgrade)."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from store.db import new_engine, resolve_db
    from store.migrations import head_revision, known_revisions, read_revision

    url = resolve_db(db)
    shown = make_url(url).render_as_string(hide_password=True)
    exists = not url.startswith("sqlite:///") or Path(url.removeprefix("sqlite:///")).exists()
    revision = None
    if exists:  # reading an SQLite file that is not there would create it
        engine = new_engine(url)
        try:
            revision = read_revision(engine)
        finally:
            engine.dispose()
    head = head_revision()
    state = ("missing" if not exists else "current" if revision == head else
             "newer" if revision is not None and revision not in known_revisions() else "behind")
    if fmt == "json":
        click.echo(json.dumps({"database": shown, "exists": exists, "revision": revision, "head": head,
                               "state": state}, ensure_ascii=False, indent=2))
        return
    words = {
        "missing": ("数据库文件不存在", "no such database file"),
        "current": ("已是最新", "up to date"),
        "behind": ("待升级（wuzhangai db upgrade，或打开时自动升级）",
                   "behind: `wuzhangai db upgrade`, or any command opening it, upgrades it"),
        "newer": ("比本程序新，请升级 wuzhangai", "newer than this wuzhangai: upgrade wuzhangai"),
    }[state]
    click.echo(f"{shown}\n结构版本 revision: {revision or '—'}（本程序 head: {head}）\n{words[0]} / {words[1]}")
