"""``--db postgresql://...`` on every command that takes ``--db`` (issue 13): each one run on a real PostgreSQL
(tests/pg.py) does what it does on an SQLite file, with the same exit code and the same figures. The commands are
read from the CLI itself, so a new command with ``--db`` and no line here fails the test until it gets one."""
from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from tests.test_store_postgres import IDS, TIMES, TIMINGS, _differences, _without
from wuzhangai.cli import main

# Run elsewhere on PostgreSQL, with servers and processes a CliRunner cannot host: ``scan --queue``, ``serve
# --queue`` and ``worker`` in tests/e2e/test_worker_cluster.py; ``db current|upgrade`` on a release-0.1
# database in tests/test_store_migrations.py.
ELSEWHERE = {"serve", "worker", "db current", "db upgrade"}

PASSWORD = "correct horse battery staple\n"
POI = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "properties": {"name": "江汉区示例医院"},
    "geometry": {"type": "Point", "coordinates": [114.27, 30.60]}}]}


def _commands_with_db() -> set[str]:
    ctx = click.Context(main)
    found: set[str] = set()

    def walk(cmd: click.Command, path: list[str]) -> None:
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, name), [*path, name])
        elif any("--db" in getattr(p, "opts", ()) for p in cmd.params):
            found.add(" ".join(path))

    walk(main, [])
    return found


def _url_order(value):
    """Lists of pages (dicts with a ``url``) and of URLs in URL order, at any depth: a static crawl of two tabs
    takes pages in an order of its own each time."""
    if isinstance(value, dict):
        return {k: _url_order(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_url_order(v) for v in value]
        if items and all(isinstance(v, dict) and "url" in v for v in items):
            return sorted(items, key=lambda v: str(v["url"]))
        if items and all(isinstance(v, str) and v.startswith("http") for v in items):
            return sorted(items)
        return items
    return value


def _session(db: str, work: Path, site_url: str) -> dict[str, list]:
    """Every ``--db`` command once, in an order where each finds what it needs; per command its exit code and
    what it printed or wrote (parsed when JSON), without times and ids."""
    from surveys.pipeline import sample_path
    from wuzhangai.sample_app import SCREENS

    work.mkdir()
    (work / "poi.geojson").write_text(json.dumps(POI), encoding="utf-8")
    results: dict[str, list] = {}

    def run(name: str, *args: str, stdin: str | None = None, out: Path | None = None) -> object:
        done = CliRunner().invoke(main, [*name.split(), *args, "--db", db], input=stdin, catch_exceptions=False)
        assert done.exit_code == 0, (name, db, done.output)
        text = (out.read_text(encoding="utf-8") if out else done.stdout).replace(str(work), "WORK")
        try:
            value = _url_order(_without(json.loads(text), TIMES | TIMINGS | IDS | {"loaded_at", "created_at"}))
        except ValueError:
            value = None if name.startswith("users") else text  # tables of users carry creation times
        results[name] = [done.exit_code, value]
        return value

    run("users add", "admin1", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    run("users token", "admin1")
    run("users password", "admin1", "--password-stdin", stdin=PASSWORD)
    run("users list", "--format", "json")
    run("users disable", "admin1")
    run("district use", "jianghan")
    run("district show")
    run("survey import", str(sample_path()))
    run("survey score")
    run("survey form", "--out", str(work / "form.xlsx"))
    run("survey generate", "--out", str(work / "gen.csv"), "--count", "20")
    run("geo add-layer", "poi", str(work / "poi.geojson"), "--name", "hospitals", "--poi-kind", "hospital",
        "--format", "json")
    run("geo layers", "--format", "json")
    run("geo remove-layer", "poi", "hospitals")
    run("geo grid", "--kind", "square", "--cell-m", "1000", "--format", "json", "--out", str(work / "grid.json"),
        out=work / "grid.json")
    run("gaps", "--format", "json", "--out", str(work / "gaps.json"), out=work / "gaps.json")
    run("map", "--layer", "streets", "--out", str(work / "map.html"))
    run("scan", site_url, "--no-browser", "--quiet", "--allow-net", "127.0.0.1/32",
        "--out", str(work / "scan.json"), out=work / "scan.json")
    run("scans list", "--format", "json")
    shown = run("scans show", "1", "--format", "json", "--out", str(work / "show.json"), out=work / "show.json")
    run("scans rejudge", "1")
    run("scans site", site_url, "--owner", "江汉区民政局", "--lon", "114.27", "--lat", "30.60")
    fingerprint = shown["issues"][0]["fingerprint"]
    run("scans dismiss", "1", fingerprint, "--kind", "accepted", "--reason", "测试 / test", "--by", "tester")
    dismissals = run("scans dismissals", site_url, "--format", "json")
    assert len(dismissals) == 1, dismissals
    run("scans undismiss", str(json.loads(CliRunner().invoke(main, [
        "scans", "dismissals", site_url, "--format", "json", "--db", db]).stdout)[0]["id"]), "--by", "tester")
    run("report site", "1", "--format", "json", "--out", str(work / "site.json"), out=work / "site.json")
    run("report district", "--format", "json", "--out", str(work / "district.json"), out=work / "district.json")
    run("app audit", *map(str, sorted(SCREENS.glob("*.xml"))), "--format", "json", "--out", str(work / "app.json"),
        out=work / "app.json")
    return results


def test_every_db_command_works_on_postgresql_as_on_sqlite(tmp_path, pg_url):
    from tests.conftest import serve_directory
    from wuzhangai.sample_server import SITE_ROOT

    bare_url = pg_url.replace("postgresql+psycopg://", "postgresql://")  # as a user types it
    server, origin = serve_directory(SITE_ROOT)
    try:
        lite = _session(str(tmp_path / "cli.db"), tmp_path / "sqlite", origin + "/")
        pg = _session(bare_url, tmp_path / "pg", origin + "/")
    finally:
        server.shutdown()
    assert set(lite) == _commands_with_db() - ELSEWHERE, sorted(_commands_with_db() - ELSEWHERE - set(lite))
    assert lite["scan"][1]["summary"]["pages_scanned"] >= 5 and lite["gaps"][1]
    differences = _differences(lite, pg)
    assert differences == [], "\n".join(differences)
