"""Describing a site: its name, owning unit and where it sits (for the maps and the district report)."""
from __future__ import annotations

from sqlalchemy.engine import Engine

from scanner.urls import base_url_of, site_host
from store.sites import save_site


def describe_site(engine: Engine, url: str, name: str | None = None, owner_unit: str | None = None,
                  lon: float | None = None, lat: float | None = None) -> int:
    """Create or update the site ``url`` belongs to; coordinates in WGS84. Raises ValueError (in Chinese and
    English) for a bad URL or coordinates."""
    if (lon is None) != (lat is None):
        raise ValueError("经纬度须同时给出 / give both --lon and --lat")
    if lon is not None and not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"坐标超出范围 / coordinates out of range: {lon}, {lat}")
    base = base_url_of(url)
    return save_site(engine, base, site_host(base), name=name, owner_unit=owner_unit, lon=lon, lat=lat)
