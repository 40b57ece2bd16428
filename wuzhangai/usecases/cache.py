"""What the service keeps between requests: a value per database, computed again when the data it shows
changed (a version key read with one query), and what is derived from such a value, once per value object.
The facility verdicts, the offline map and the sites overview use the first; their encodings and renderings
the second."""
from __future__ import annotations

import threading
import time
from typing import Any, Callable

from sqlalchemy.engine import Engine


class VersionedCache:
    """``get(engine, version, make)``: the value ``make()`` gave for ``version``, or a new one once the version
    changed (or ``max_age`` seconds passed, for what the version cannot see). One computation at a time: a
    second asker waits for the first's result instead of computing it again."""

    def __init__(self, max_age: float | None = None):
        self.max_age = max_age
        self._lock = threading.Lock()
        self._slots: dict[str, tuple[Any, float, Any]] = {}

    def _fresh(self, key: str, version: Any) -> tuple[bool, Any]:
        slot = self._slots.get(key)
        if slot is None or slot[0] != version:
            return False, None
        if self.max_age is not None and time.monotonic() - slot[1] >= self.max_age:
            return False, None
        return True, slot[2]

    def get(self, engine: Engine, version: Any, make: Callable[[], Any]) -> Any:
        key = str(engine.url)
        fresh, value = self._fresh(key, version)
        if fresh:
            return value
        with self._lock:
            fresh, value = self._fresh(key, version)
            if not fresh:
                value = make()
                self._slots[key] = (version, time.monotonic(), value)
            return value

    def clear(self) -> None:
        self._slots.clear()


_derived: dict[Any, tuple[Any, Any]] = {}


def derived(source: Any, name: Any, make: Callable[[Any], Any]) -> Any:
    """``make(source)``, computed once per ``source`` object under ``name`` (so once per data version when
    ``source`` came from a ``VersionedCache``)."""
    slot = _derived.get(name)
    if slot is not None and slot[0] is source:
        return slot[1]
    value = make(source)
    _derived[name] = (source, value)
    return value
