"""Make tests/data/release-0.1-{sqlite,postgresql}.sql: databases written by release 0.1 (commit beb027e, the
last without migrations), for tests/test_store_migrations.py.

    git worktree add /tmp/old beb027e
    .venv/bin/python tests/data/make_release_fixtures.py /tmp/old
    git worktree remove /tmp/old

Runs the OLD code's CLI (cwd and PYTHONPATH = the old worktree) against the old sample site: a 3-page static scan
(``scan --no-browser --max-pages 3``) and a survey import of the sample survey's first 5 rows, once into an SQLite
file (dumped with ``sqlite3``'s ``iterdump``) and once into a database on a throwaway PostgreSQL cluster
(tests/pg.py; dumped with ``pg_dump --no-owner --no-privileges``, loaded back with ``psql``)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

# What runs inside the old worktree: serve its sample site, scan 3 pages statically, import 5 survey rows.
OLD_RUN = r'''
import subprocess, sys
from wuzhangai.sample_server import serve_sample_site
db, few = sys.argv[1], sys.argv[2]
cli = [sys.executable, "-m", "wuzhangai.cli"]
with open("surveys/sample/jianghan_sample_survey.csv", encoding="utf-8") as f:
    lines = f.readlines()
with open(few, "w", encoding="utf-8") as f:
    f.writelines(lines[:6])
with serve_sample_site() as site:
    subprocess.run([*cli, "scan", site.url + "/", "--no-browser", "--max-pages", "3", "--db", db], check=True)
subprocess.run([*cli, "survey", "import", few, "--db", db], check=True)
'''


def run_old(old: Path, db: str, work: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(old)}
    subprocess.run([sys.executable, "-c", OLD_RUN, db, str(work / "few.csv")], check=True, cwd=old, env=env)


def main(old: Path) -> None:
    from tests.pg import ThrowawayCluster, _admin, _as_server_user

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run_old(old, str(work / "old.db"), work)
        with sqlite3.connect(work / "old.db") as conn:
            (HERE / "release-0.1-sqlite.sql").write_text("\n".join(conn.iterdump()) + "\n", encoding="utf-8")
        cluster = ThrowawayCluster()
        try:
            server = cluster.start()
            _admin(server, 'CREATE DATABASE "release01"')
            run_old(old, server.rsplit("/", 1)[0] + "/release01", work)
            dump = subprocess.run(_as_server_user([
                str(cluster.bindir / "pg_dump"), "--no-owner", "--no-privileges", "-h", "127.0.0.1",
                "-p", str(cluster.port), "-U", "postgres", "release01"]),
                check=True, capture_output=True, text=True, cwd="/tmp")
            (HERE / "release-0.1-postgresql.sql").write_text(dump.stdout, encoding="utf-8")
        finally:
            cluster.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
