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
    assert a["imported"] == b["imported"] == 2087
    assert a["summary"] == b["summary"]
    s = b["summary"]
    assert (s["facilities"], s["compliant"], s["non_compliant"], s["incomplete"]) == (2087, 1215, 597, 275)
    fa = load_facilities(lite).sort_values("record_id").reset_index(drop=True)
    fb = load_facilities(pg).sort_values("record_id").reset_index(drop=True)
    pd = pytest.importorskip("pandas")
    pd.testing.assert_frame_equal(fa.drop(columns=[c for c in fa if c.endswith("_at")]),
                                  fb.drop(columns=[c for c in fb if c.endswith("_at")]), check_dtype=False)
    again = import_and_score_sample(pg, tmp_path / "pg2")  # importing twice updates the same records
    assert again["summary"] == b["summary"]


def test_old_tables_gain_new_columns_on_postgresql(pg_url):
    from sqlalchemy import inspect, text

    engine = store_db.engine_for(pg_url)
    with engine.begin() as conn:
        conn.execute(text('ALTER TABLE findings DROP COLUMN "checks"'))
        conn.execute(text('ALTER TABLE pages DROP COLUMN "etag"'))
    assert sorted(store_db.add_missing_columns(engine)) == ["findings.checks", "pages.etag"]
    assert {"checks"} <= {c["name"] for c in inspect(engine).get_columns("findings")}
    assert store_db.add_missing_columns(engine) == []
