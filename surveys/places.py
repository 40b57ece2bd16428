"""Where a survey record is: its street (街道) and community (社区) by name or code, and the district test.

Names as surveyors write them are accepted: official (民族街街道), common (民族街道), short (民族街), or the
9/12-digit statistical code; likewise 万年社区居委会 / 万年社区 / 万年 / 420103001002. The matching is the district
profile's (``geodata.district.District.street`` / ``.community``), the same the map layers use. A district
whose profile lists no streets or communities has nothing to check names against: they are kept as written.

shapely is imported when an area is built, not with this module: the survey importer imports it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from geodata.district import Community, District, Street, current_district

# The bundled outline is approximate (see geodata/districts/jianghan/SOURCES.md): a facility on a boundary road
# may fall a few tens of metres outside it. 0.0015 degrees is about 150 m at Wuhan's latitude.
BOUNDARY_TOLERANCE_DEG = 0.0015


@dataclass(frozen=True)
class Place:
    street_code: str
    street_name: str
    community_code: str | None = None
    community_name: str | None = None


def street_of(value: object, district: District | None = None) -> Street | None:
    return (district or current_district()).street(value)


def community_of(value: object, district: District | None = None) -> Community | None:
    return (district or current_district()).community(value)


@dataclass(frozen=True)
class Area:
    """The district outline, buffered by the tolerance, ready for vectorised point tests; and the district whose
    streets and communities the records are checked against."""

    geometry: Any  # shapely geometry, prepared
    name: str
    district: District

    def contains(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        import shapely

        ok = np.isfinite(lon) & np.isfinite(lat)
        out = np.zeros(len(lon), dtype=bool)
        out[ok] = shapely.contains_xy(self.geometry, lon[ok], lat[ok])
        return out


def load_area(boundary: str | Path | None = None, district: District | None = None) -> Area:
    """The district's outline (``district``, else the current one), or a GeoJSON file a district supplies
    (``--boundary``), which then replaces the profile's outline for the extent test."""
    import shapely
    from shapely.geometry import shape

    district = district or current_district()
    if boundary is None:
        data = district.boundary_geojson()
        name = district.name_zh
    else:
        data = json.loads(Path(boundary).read_text(encoding="utf-8"))
        name = Path(boundary).stem
    features = data["features"] if data.get("type") == "FeatureCollection" else [data]
    geoms = [shape(f["geometry"] if "geometry" in f else f) for f in features]
    geometry = shapely.union_all(geoms).buffer(BOUNDARY_TOLERANCE_DEG)
    shapely.prepare(geometry)
    return Area(geometry=geometry, name=name, district=district)
