"""LocalHostGate, the politeness of a single-process crawl: at most ``limit`` holders of a host at once, starts
``delay`` apart, hosts independent of each other."""
from __future__ import annotations

import asyncio
import time

from scanner.politeness import LocalHostGate


def max_overlap(holds: list[tuple[float, float]]) -> int:
    """The most holds in progress at one moment (one ending as another starts do not overlap)."""
    events = sorted([(s, 1) for s, _ in holds] + [(e, -1) for _, e in holds])  # -1 sorts first at a tie
    running = peak = 0
    for _, step in events:
        running += step
        peak = max(peak, running)
    return peak


async def _take(gate, host: str, limit: int, delay: float, hold: float, holds: list) -> None:
    async with gate.slot(host, limit, delay):
        start = time.monotonic()
        await asyncio.sleep(hold)
        holds.append((start, time.monotonic()))


def run_takers(gate, host: str, limit: int, delay: float, hold: float, takers: int) -> list[tuple[float, float]]:
    holds: list[tuple[float, float]] = []

    async def go():
        await asyncio.gather(*(_take(gate, host, limit, delay, hold, holds) for _ in range(takers)))

    asyncio.run(go())
    return sorted(holds)


def test_limit_one_never_overlaps():
    holds = run_takers(LocalHostGate(), "a.example", 1, 0.0, 0.05, 4)
    assert len(holds) == 4 and max_overlap(holds) == 1


def test_limit_two_lets_two_in_and_the_third_waits():
    holds = run_takers(LocalHostGate(), "a.example", 2, 0.0, 0.2, 3)
    assert max_overlap(holds) == 2
    assert holds[2][0] >= min(holds[0][1], holds[1][1])


def test_starts_are_spaced_by_the_delay():
    holds = run_takers(LocalHostGate(), "a.example", 3, 0.3, 0.01, 3)
    starts = [s for s, _ in holds]
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert min(gaps) >= 0.3 - 0.005, gaps  # asyncio.sleep may wake a little early (the loop's clock resolution)


def test_hosts_do_not_wait_for_each_other():
    gate = LocalHostGate()
    holds: list[tuple[float, float]] = []

    async def go():
        await asyncio.gather(_take(gate, "a.example", 1, 0.0, 0.3, holds), _take(gate, "b.example", 1, 0.0, 0.3, holds))

    asyncio.run(go())
    assert max_overlap(holds) == 2
