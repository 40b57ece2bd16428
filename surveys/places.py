"""Where a survey record is: its street (街道) and community (社区) by name or code, and the district test.

Names as surveyors write them are accepted: official (民族街街道), common (民族街道), short (民族街), or the
12-digit statistical code; likewise 万年社区居委会 / 万年社区 / 万年 / 420103001002.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from geodata import district

# The bundled outline is approximate (see geodata/data/SOURCES.md): a facility on a boundary road may fall a
# few tens of metres outside it. 0.0015 degrees is about 150 m at Wuhan's latitude.
BOUNDARY_TOLERANCE_DEG = 0.0015


@dataclass(frozen=True)
class Place:
    street_code: str
    street_name: str
    community_code: str | None = None
    community_name: str | None = None


def _street_keys(street: district.Street) -> set[str]:
    keys = {street.code, street.name, street.common_name}
    for suffix in ("街道", "街"):
        for name in (street.name, street.common_name):
            if name.endswith(suffix):
                keys.add(name[: -len(suffix)])
    return keys


@lru_cache(maxsize=1)
def street_lookup() -> dict[str, district.Street]:
    return {key: s for s in district.streets() for key in _street_keys(s)}


@lru_cache(maxsize=1)
def community_lookup() -> dict[str, district.Community]:
    out: dict[str, district.Community] = {}
    for c in district.communities():
        keys = {c.code, c.name, c.short_name}
        for name in (c.name, c.short_name):
            for suffix in ("社区居委会", "居委会", "社区"):
                if name.endswith(suffix):
                    keys.add(name[: -len(suffix)])
        for key in keys:
            out.setdefault(key, c)
    return out


def street_by_code() -> dict[str, district.Street]:
    return {s.code: s for s in district.streets()}


@dataclass(frozen=True)
class Area:
    """The district outline, buffered by the tolerance, ready for vectorised point tests."""

    geometry: shapely.Geometry
    name: str

    def contains(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        ok = np.isfinite(lon) & np.isfinite(lat)
        out = np.zeros(len(lon), dtype=bool)
        out[ok] = shapely.contains_xy(self.geometry, lon[ok], lat[ok])
        return out


def load_area(boundary: str | Path | None = None) -> Area:
    """The bundled Jianghan outline, or a GeoJSON file a district supplies (``--boundary``)."""
    if boundary is None:
        data = district.boundary_geojson()
        name = district.DISTRICT_NAME
    else:
        data = json.loads(Path(boundary).read_text(encoding="utf-8"))
        name = Path(boundary).stem
    features = data["features"] if data.get("type") == "FeatureCollection" else [data]
    geoms = [shape(f["geometry"] if "geometry" in f else f) for f in features]
    geometry = shapely.union_all(geoms).buffer(BOUNDARY_TOLERANCE_DEG)
    shapely.prepare(geometry)
    return Area(geometry=geometry, name=name)
