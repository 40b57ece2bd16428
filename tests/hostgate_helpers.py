"""Entry points for the host gate tests that run in a separate process (``python -m tests.hostgate_helpers ...``):
a worker that takes slots of a host through a ``RedisHostGate`` and records when it held them, and one that takes
a slot and holds it until it is killed.

Both connect, print ``ready`` and wait for a line on stdin, so a test can start several and let them go at once.
Hold times are ``time.monotonic()``: on Linux one clock for every process of the machine, and never stepped."""
from __future__ import annotations

import asyncio
import sys
import time

from wuzhangai.jobs.hostgate import RedisHostGate


async def _ready(gate: RedisHostGate) -> None:
    await gate._redis().ping()
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)


async def _take(url: str, namespace: str, host: str, limit: str, delay: str, count: str, hold: str,
                out: str) -> None:
    """Take ``count`` slots one after another, holding each for the next of ``hold``'s comma-separated seconds
    (repeated); append ``start end`` per hold to ``out``. The start is read after the slot was granted and the end before it is given back, so the recorded
    holds lie inside the true ones."""
    gate = RedisHostGate(url, namespace)
    await _ready(gate)
    held = []
    holds = [float(h) for h in hold.split(",")]
    for i in range(int(count)):
        async with gate.slot(host, int(limit), float(delay)):
            start = time.monotonic()
            await asyncio.sleep(holds[i % len(holds)])
            end = time.monotonic()
        held.append(f"{start!r} {end!r}\n")
    with open(out, "a", encoding="utf-8") as f:
        f.writelines(held)
    await gate.aclose()


async def _hold(url: str, namespace: str, host: str, lease: str) -> None:
    """Take one slot (limit 1) with a ``lease`` of seconds, say ``held`` and keep it until killed."""
    gate = RedisHostGate(url, namespace, lease=float(lease))
    await _ready(gate)
    async with gate.slot(host, 1, 0.0):
        print(f"held {time.monotonic()!r}", flush=True)
        await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run({"take": _take, "hold": _hold}[sys.argv[1]](*sys.argv[2:]))
