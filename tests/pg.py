"""A PostgreSQL server for the tests: ``$WUZHANGAI_TEST_PG`` (a running server's URL) if set, else a throwaway
cluster (initdb into a temporary folder, ``pg_ctl`` on a free loopback port, trust auth, run as the ``postgres``
user when the tests run as root, since the server refuses root), removed afterwards. Each test that asks for
``pg_url`` gets a fresh database of its own, dropped after the test.

Used as a pytest plugin (``pytest_plugins`` in conftest.py)."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

PG_ENV = "WUZHANGAI_TEST_PG"


def pg_bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_server_user(cmd: list[str]) -> list[str]:
    """The server refuses to run as root: run its commands as ``postgres`` then."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(map(str, cmd))]


class ThrowawayCluster:
    def __init__(self) -> None:
        bindir = pg_bin_dir()
        if bindir is None:
            # a failure, not a skip: `make test` installs Debian's postgresql, so its absence is a broken set-up
            pytest.fail("PostgreSQL is not installed (Debian: apt-get install postgresql, which `make test` does) "
                        "and $WUZHANGAI_TEST_PG does not name a running server")
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="wuzhangai-pg-"))
        self.data = self.root / "data"
        from tests.conftest import free_port  # here, not at the top: conftest loads this module as a plugin

        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.root.chmod(0o700)

    def start(self) -> str:
        run = lambda *cmd: subprocess.run(_as_server_user([str(c) for c in cmd]), check=True,  # noqa: E731
                                          capture_output=True, text=True, cwd=self.root)
        run(self.bindir / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8")
        # No unix socket (its default folder may not be writable); fsync off: a throwaway cluster.
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories='' -c fsync=off " \
               f"-c full_page_writes=off -c synchronous_commit=off -c max_connections=200 " \
               f"-c timezone=Asia/Shanghai"
        run(self.bindir / "pg_ctl", "-D", self.data, "-o", opts, "-l", self.root / "server.log", "-w", "start")
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            subprocess.run(_as_server_user([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                            "-w", "stop"]), capture_output=True, cwd=self.root)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The URL of a PostgreSQL server's maintenance database (``postgres``), for the whole session."""
    url = os.environ.get(PG_ENV)
    if url:
        yield url
        return
    cluster = ThrowawayCluster()
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def _admin(server_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database on the test server (``postgresql+psycopg://...``), dropped after the test."""
    from sqlalchemy.engine import make_url

    name = f"wzat_{uuid.uuid4().hex[:16]}"
    _admin(pg_server, f'CREATE DATABASE "{name}"')
    url = make_url(pg_server.replace("postgresql://", "postgresql+psycopg://", 1)).set(database=name)
    url_text = url.render_as_string(hide_password=False)
    try:
        yield url_text
    finally:
        from store import db

        eng = db._engines.pop(db.resolve_db(url_text), None)
        if eng is not None:
            eng.dispose()
        _admin(pg_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
