"""A real ``wuzhangai serve`` in a child process on a free loopback port, for the browser tests and the bench:
users made through the CLI, readiness by ``/api/health``, stopped with SIGTERM (or killed)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.conftest import free_port  # noqa: F401 (bench_service takes it from here too)

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


def cli(*args: str, db: Path | str, input: str | None = None) -> str:
    proc = subprocess.run([sys.executable, "-m", "wuzhangai.cli", *args, "--db", str(db)], input=input,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def add_users(db: Path | str, roles=("admin", "assessor", "surveyor", "viewer")) -> dict[str, str]:
    """One user per role (named after it) and their API tokens."""
    tokens = {}
    for role in roles:
        cli("users", "add", role, "--role", role, "--password-stdin", db=db, input=PASSWORD + "\n")
        tokens[role] = cli("users", "token", role, db=db).strip().splitlines()[-1]
    return tokens


class Service:
    def __init__(self, db: Path | str, data_dir: Path, port: int, extra: list[str], env: dict[str, str]):
        self.db, self.data_dir, self.port, self.extra, self.env = db, data_dir, port, extra, env
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None
        self.log = data_dir.parent / f"serve-{port}.log"

    def start(self, timeout: float = 60.0) -> "Service":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        out = open(self.log, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wuzhangai.cli", "serve", "--port", str(self.port), "--db", str(self.db),
             "--data-dir", str(self.data_dir), *self.extra], stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
            env={**os.environ, **self.env})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()  # a server that comes up after the wait would otherwise outlive its test or bench
        raise AssertionError(f"serve not ready in {timeout} s:\n{self.log.read_text()[-3000:]}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


@contextmanager
def running_service(tmp: Path, extra: list[str] = (), env: dict[str, str] | None = None, tokens: bool = True,
                    db: Path | str | None = None):
    """A service on ``db`` (default: an SQLite file in ``tmp``; a PostgreSQL URL works too), its users made."""
    db, data = db or tmp / "service.db", tmp / "data"
    made = add_users(db) if tokens else {}
    service = Service(db, data, free_port(), list(extra), {"WUZHANGAI_TICK_SECONDS": "1", **(env or {})}).start()
    service.tokens = made
    try:
        yield service
    finally:
        service.stop()
