"""The store on PostgreSQL (``--db postgresql://...``) against a real server (tests/pg.py): the sample survey,
the district report, a static scan of the sample site and the service's job queue give what they give on
SQLite."""
from __future__ import annotations

import pytest

from store import db as store_db


@pytest.fixture
def engines(tmp_path, pg_url):
    """``(sqlite, postgresql)`` engines, both empty."""
    lite = store_db.engine_for(tmp_path / "lite.db")
    pg = store_db.engine_for(pg_url)
    assert pg.dialect.name == "postgresql" and lite.dialect.name == "sqlite"
    yield lite, pg
    lite.dispose()
    store_db._engines.pop(store_db.resolve_db(tmp_path / "lite.db"), None)


def test_resolve_db_gives_postgresql_urls_psycopg():
    assert store_db.resolve_db("postgresql://u@h:5/d") == "postgresql+psycopg://u@h:5/d"
    assert store_db.resolve_db("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert store_db.resolve_db("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"


def test_sample_survey_imports_and_scores_the_same(engines, tmp_path):
    from surveys.frame import load_facilities
    from surveys.pipeline import import_and_score_sample

    lite, pg = engines
    a = import_and_score_sample(lite, tmp_path / "lite")
    b = import_and_score_sample(pg, tmp_path / "pg")
    assert a["imported"] == b["imported"] == 2221
    assert a["summary"] == b["summary"]
    s = b["summary"]
    assert (s["facilities"], s["compliant"], s["non_compliant"], s["incomplete"]) == (2221, 1324, 641, 256)
    fa = load_facilities(lite).sort_values("record_id").reset_index(drop=True)
    fb = load_facilities(pg).sort_values("record_id").reset_index(drop=True)
    pd = pytest.importorskip("pandas")
    pd.testing.assert_frame_equal(fa.drop(columns=[c for c in fa if c.endswith("_at")]),
                                  fb.drop(columns=[c for c in fb if c.endswith("_at")]), check_dtype=False)
    again = import_and_score_sample(pg, tmp_path / "pg2")  # importing twice updates the same records
    assert again["summary"] == b["summary"]


def test_old_tables_gain_new_columns_on_postgresql(pg_url):
    """A database from before migrations (no alembic_version) lacking columns added since: the baseline adds
    them."""
    from sqlalchemy import inspect, text

    from store.migrations import head_revision, read_revision
    from tests.db_helpers import as_before_migrations

    store_db.engine_for(pg_url)
    as_before_migrations(pg_url)
    engine = store_db.new_engine(store_db.resolve_db(pg_url))
    with engine.begin() as conn:
        conn.execute(text('ALTER TABLE findings DROP COLUMN "checks"'))
        conn.execute(text('ALTER TABLE pages DROP COLUMN "etag"'))
    engine.dispose()
    engine = store_db.engine_for(pg_url)
    assert {"checks"} <= {c["name"] for c in inspect(engine).get_columns("findings")}
    assert {"etag"} <= {c["name"] for c in inspect(engine).get_columns("pages")}
    assert read_revision(engine) == head_revision()


# When things ran: the two engines' runs differ there and only there.
TIMES = {"generated_at", "started_at", "finished_at", "scanned_at", "imported_at", "updated_at"}

TIMINGS = {"timings", "wall_seconds", "axe_seconds", "pages_per_minute", "load_ms", "axe_ms", "total_ms"}

IDS = {"id", "scan_id", "page_id"}


def _in_url_order(doc: dict) -> dict:
    """A scan document with pages, and each issue's pages, in URL order: the crawl's order is its workers'."""
    doc["pages"] = sorted(doc["pages"], key=lambda p: p["url"])
    for issue in doc["issues"]:
        issue["pages"] = sorted(issue["pages"])
    return doc


def _without(value, drop: set[str]):
    """``value`` without the keys in ``drop``, at any depth."""
    if isinstance(value, dict):
        return {k: _without(v, drop) for k, v in value.items() if k not in drop}
    if isinstance(value, list):
        return [_without(v, drop) for v in value]
    return value


def _differences(a, b, path="") -> list[str]:
    """Where ``a`` and ``b`` differ, as paths (for a readable failure)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b), key=str) for d in _differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"[:300]]


def test_district_report_has_the_same_figures(engines, tmp_path):
    from reports.district_report import build_district_report
    from surveys.pipeline import import_and_score_sample
    from tests.report_fixtures import build_scanned_db

    datas = []
    for engine in engines:
        build_scanned_db(engine.url.render_as_string(hide_password=False).removeprefix("sqlite:///"))
        import_and_score_sample(engine, tmp_path / engine.dialect.name)
        datas.append(_without(build_district_report(engine, "zh-CN").data, TIMES))
    lite, pg = datas
    assert lite["web"]["sites"] and lite["facilities"]
    assert _differences(lite, pg) == []


def test_static_scan_of_the_sample_site_gives_the_same_json(engines):
    from reports.scan_document import scan_document
    from scanner.crawl import CrawlConfig
    from tests.conftest import serve_directory
    from wuzhangai.sample_server import SITE_ROOT
    from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan

    server, origin = serve_directory(SITE_ROOT)
    try:
        docs = [scan_document(engine, run_site_scan(engine, ScanOptions(
            crawl=CrawlConfig(start_urls=[origin + "/"]), browser=False)), "zh-CN") for engine in engines]
    finally:
        server.shutdown()
    lite, pg = (_in_url_order(_without(doc, TIMES | TIMINGS | IDS)) for doc in docs)
    assert lite["summary"]["pages_scanned"] >= 12 and lite["issues"]
    assert _differences(lite, pg) == []
    # what the service's dashboard reads (store.scan_watch) is the same too
    from store import scan_watch as W

    watched = [_without({"scans": W.site_scans(e, 1), "progress": W.scan_progress(e, 1),
                         "new": W.new_failed_counts(e, {1: (1, None)}), "active": W.active_scans(e),
                         "version": W.overview_version(e)[2:4], "issues": len(W.scan_issues(e, 1))},
                        TIMES | TIMINGS | {"wall_seconds"}) for e in engines]
    assert watched[0]["scans"][0]["pages"] >= 12 and watched[0]["version"][0] > 0
    assert _differences(*watched) == []


def test_command_line_with_a_postgresql_url(tmp_path, pg_url):
    """``--db postgresql://...`` (no driver named) on ``survey import``, ``survey score`` and ``report district``
    gives what ``--db FILE`` gives."""
    import json

    from click.testing import CliRunner

    from surveys.pipeline import sample_path
    from wuzhangai.cli import main

    outputs = {}
    bare_url = pg_url.replace("postgresql+psycopg://", "postgresql://")  # as a user types it
    for name, db in (("sqlite", str(tmp_path / "cli.db")), ("pg", bare_url)):
        run = lambda *args: CliRunner().invoke(main, [*args, "--db", db], catch_exceptions=False)  # noqa: E731
        done = run("survey", "import", str(sample_path()))
        assert done.exit_code == 0, done.output
        score = run("survey", "score")
        assert score.exit_code == 0, score.output  # written: non-compliance gates only with --fail-on
        district = run("report", "district", "--format", "json", "--out", str(tmp_path / f"{name}.json"))
        assert district.exit_code == 0, district.output
        outputs[name] = (_without(json.loads(score.stdout), TIMES),
                         _without(json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")), TIMES))
    assert outputs["sqlite"][0]["summary"]["facilities"] == 2221
    assert _differences(outputs["sqlite"], outputs["pg"]) == []


def test_a_server_that_is_not_there_is_one_line_without_the_password():
    from click.testing import CliRunner

    from tests.conftest import free_port

    from wuzhangai.cli import main

    port = free_port()  # a loopback port nothing listens on
    done = CliRunner().invoke(main, ["survey", "score", "--db", f"postgresql://wza:s3cret@127.0.0.1:{port}/x"])
    assert done.exit_code == 1 and "s3cret" not in done.output
    assert "cannot open the database postgresql+psycopg://wza:***@127.0.0.1" in done.output
    assert "Traceback" not in done.output
