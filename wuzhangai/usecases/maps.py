"""The district's offline map (what ``wuzhangai map --out map.html`` draws), for the service: drawn again only
after the facilities or the sites changed."""
from __future__ import annotations

from sqlalchemy.engine import Engine

from geodata.district import current_district, using
from geodata.gaps import GapParams
from geodata.mapdata import collect
from geodata.maps_html import render_html
from wuzhangai.usecases.cache import VersionedCache
from wuzhangai.usecases.facilities import facility_data_version

LAYERS = ["facilities", "gaps", "sites"]
_maps = VersionedCache()


def _version(engine: Engine) -> tuple:
    from sqlalchemy import func, select

    from store.scans import scans

    with engine.connect() as conn:
        last_scan = conn.execute(select(func.max(scans.c.finished_at))).scalar()
    return (*facility_data_version(engine), str(last_scan))


def district_map_html(engine: Engine) -> str:
    return _maps.get(engine, _version(engine), lambda: _draw(engine))


def _draw(engine: Engine) -> str:
    district = current_district(None, engine)
    with using(district):
        return render_html(collect(engine, GapParams(), district=district), LAYERS)
