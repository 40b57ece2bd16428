"""The district's offline map (what ``wuzhangai map --out map.html`` draws), for the service: drawn again only
after the facilities or the sites changed."""
from __future__ import annotations

import threading

from sqlalchemy.engine import Engine

from geodata.district import current_district, using
from geodata.gaps import GapParams
from geodata.mapdata import collect
from geodata.maps_html import render_html
from wuzhangai.usecases.facilities import facility_data_version

LAYERS = ["facilities", "gaps", "sites"]
_lock = threading.Lock()
_cache: dict[str, tuple[tuple, str]] = {}


def _version(engine: Engine) -> tuple:
    from sqlalchemy import func, select

    from store.scans import scans

    with engine.connect() as conn:
        last_scan = conn.execute(select(func.max(scans.c.finished_at))).scalar()
    return (*facility_data_version(engine), str(last_scan))


def district_map_html(engine: Engine) -> str:
    key, version = str(engine.url), _version(engine)
    with _lock:
        cached = _cache.get(key)
        if cached and cached[0] == version:
            return cached[1]
        district = current_district(None, engine)
        with using(district):
            html = render_html(collect(engine, GapParams(), district=district), LAYERS)
        _cache[key] = (version, html)
        return html
