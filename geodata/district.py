"""The bundled district picture: Jianghan's boundary and the 2023 codes of its streets and communities.

Sources and licences: ``geodata/data/SOURCES.md``. Plain-Python readers (no geopandas) so that the survey
importer can validate street codes and district extent without the geo stack's import cost.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
BOUNDARY_FILE = DATA_DIR / "jianghan_boundary_wgs84.geojson"
STREETS_FILE = DATA_DIR / "jianghan_streets_2023.csv"
COMMUNITIES_FILE = DATA_DIR / "jianghan_communities_2023.csv"
DISTRICT_CODE = "420103"
DISTRICT_NAME = "江汉区"


@dataclass(frozen=True)
class Street:
    code: str
    name: str  # official name, e.g. 民族街街道
    common_name: str  # e.g. 民族街道
    kind: str  # 街道 or 类似乡级单位(开发区/管委会)


@dataclass(frozen=True)
class Community:
    code: str
    name: str  # official name, e.g. 万年社区居委会
    short_name: str  # e.g. 万年社区
    street_code: str


@lru_cache(maxsize=1)
def streets() -> tuple[Street, ...]:
    with STREETS_FILE.open(encoding="utf-8") as fh:
        return tuple(Street(r["code"], r["name"], r["common_name"], r["type"]) for r in csv.DictReader(fh))


@lru_cache(maxsize=1)
def communities() -> tuple[Community, ...]:
    with COMMUNITIES_FILE.open(encoding="utf-8") as fh:
        return tuple(
            Community(r["code"], r["name"], r["short_name"], r["streetCode"]) for r in csv.DictReader(fh)
        )


@lru_cache(maxsize=1)
def boundary_geojson() -> dict:
    """The district outline as a GeoJSON FeatureCollection in WGS84."""
    return json.loads(BOUNDARY_FILE.read_text(encoding="utf-8"))


def boundary_bbox() -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of the district outline."""
    xs: list[float] = []
    ys: list[float] = []
    for feature in boundary_geojson()["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                for lon, lat in ring:
                    xs.append(lon)
                    ys.append(lat)
    return min(xs), min(ys), max(xs), max(ys)
