"""The shared frontier of a scan (``store.frontier``, ``store.scans.record_page``) on both engines: workers that
claim at once get disjoint pages (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL), a claim whose lease ran out
goes to the next claimer, and a page is written once however many workers scanned it, including a stalled worker
that finishes its page after another took it over (idempotent page writes)."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from store import frontier as F
from store import scans as S
from tests.db_helpers import engine_on_param

SITE = "http://frontier.example"


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    yield from engine_on_param(request, tmp_path)


def _scan_with_pages(engine, n: int) -> tuple[int, list[dict]]:
    scan_id = S.create_scan(engine, SITE + "/", "frontier", {"start_urls": [SITE + "/"], "config": {}, "mode": "static",
                                                           "standard": "wcag21aa", "tags": []})
    entries = [{"url": f"{SITE}/p{i}", "url_key": f"{SITE}/p{i}", "depth": 1, "referrer": None, "source": "link"}
               for i in range(n)]
    S.add_frontier(engine, scan_id, entries)
    return scan_id, entries


def _pages(engine, scan_id: int) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(S.pages).where(S.pages.c.scan_id == scan_id)).scalar()


def test_workers_claiming_at_once_get_disjoint_pages(engine):
    scan_id, entries = _scan_with_pages(engine, 40)
    start = threading.Barrier(4)
    got: dict[str, list[str]] = {}

    def claimer(name: str) -> None:
        start.wait()
        got[name] = [r["url_key"] for r in F.claim(engine, scan_id, name, 10, 1000, 60)]

    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    claimed = [k for keys in got.values() for k in keys]
    assert len(claimed) == len(set(claimed)) == 40, got


def test_a_stalled_workers_page_is_written_once(engine):
    scan_id, (entry,) = _scan_with_pages(engine, 1)
    assert [r["url_key"] for r in F.claim(engine, scan_id, "w1", 5, 1000, 0.2)] == [entry["url_key"]]
    assert F.claim(engine, scan_id, "w2", 5, 1000, 60) == []  # held while the lease runs
    time.sleep(0.4)
    assert [r["url_key"] for r in F.claim(engine, scan_id, "w2", 5, 1000, 60)] == [entry["url_key"]]
    page = {"url": entry["url"], "final_url": entry["url"], "status": 200}
    # w1 was only slow: it finishes its page after w2 took it over, then w2 finishes too
    first = S.record_page(engine, scan_id, entry, page, [], "done")
    second = S.record_page(engine, scan_id, entry, page, [], "done")
    assert first is not None and second is None
    assert _pages(engine, scan_id) == 1
    assert F.settled(engine, scan_id, 1000)
