"""Made-up polygons for tests and benchmarks: Voronoi cells clipped to the district outline.

There are no public street (街道) or community polygons for the bundled district. These stand in for them where a
test or a benchmark needs polygons; every feature is named "合成 synthetic ..." and carries ``synthetic=True``
so that nobody mistakes them for real boundaries. Nothing in the product draws them.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geodata import district as profiles
from geodata.district import District
from geodata.layers import METRIC_CRS, STORAGE_CRS, district_shape
from geodata.sampling import random_points_in  # noqa: F401  (imported from here by bench/ and older callers)


def synthetic_units(codes: list[str], *, seed: int = 42, crs: str = STORAGE_CRS,
                    district: District | None = None) -> gpd.GeoDataFrame:
    """One Voronoi polygon per code, tiling the district (default: the current one) exactly (no gaps, no
    overlaps)."""
    area = district_shape(METRIC_CRS, district)
    rng = np.random.default_rng(seed)
    seeds = random_points_in(area, len(codes), rng)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=area.envelope.buffer(1000))
    polys = list(cells.geoms)
    # voronoi_polygons does not keep input order: pair each cell with the seed it contains.
    order = [next(i for i, p in enumerate(polys) if p.contains(shapely.Point(xy))) for xy in seeds]
    geoms = [shapely.intersection(polys[i], area) for i in order]
    gdf = gpd.GeoDataFrame({"code": codes, "name": [f"合成 synthetic {c}" for c in codes], "synthetic": True},
                           geometry=geoms, crs=METRIC_CRS)
    return gdf if crs == METRIC_CRS else gdf.to_crs(crs)


FACILITY_TYPES = ("curb_ramp", "tactile_paving", "crossing", "ramp", "entrance", "toilet", "parking", "signage")


def synthetic_facilities(n: int, *, seed: int = 7, district: District | None = None) -> "pd.DataFrame":
    """A made-up scored-facility frame shaped like ``surveys.scoring.scored_facilities`` output, inside
    ``district`` (default: the current one); without community codes in its profile, street and community
    are left empty."""
    import pandas as pd

    d = district or profiles.current_district()
    rng = np.random.default_rng(seed)
    xy = random_points_in(district_shape(METRIC_CRS, d), n, rng)
    lonlat = gpd.GeoSeries(shapely.points(xy), crs=METRIC_CRS).to_crs(STORAGE_CRS)
    comms = d.communities()
    street_names = {s.code: s.name for s in d.streets()}
    picked = [comms[i] for i in rng.integers(0, len(comms), n)] if comms else [None] * n
    status = rng.choice(["compliant", "non_compliant", "incomplete"], n, p=[0.5, 0.4, 0.1])
    severity = [rng.choice(["critical", "major", "minor"]) if s == "non_compliant" else None for s in status]
    return pd.DataFrame({
        "record_id": [f"synthetic-{i:05d}" for i in range(n)],
        "facility_type": rng.choice(FACILITY_TYPES, n),
        "street_code": [c and c.street_code for c in picked],
        "street_name": [c and street_names.get(c.street_code) for c in picked],
        "community_code": [c and c.code for c in picked], "community_name": [c and c.short_name for c in picked],
        "site_name": [f"合成设施 {i}" for i in range(n)], "build_status": "unknown",
        "lon": lonlat.x.round(6).to_numpy(), "lat": lonlat.y.round(6).to_numpy(), "source_crs": "WGS84",
        "status": status, "worst_severity": severity,
        "failing_rules": [[{"rule_id": "SYN-01", "clause": "GB 55019-2021 3.1.1", "severity": s,
                            "message_zh": "合成", "message_en": "synthetic"}] if s else [] for s in severity],
        "plan_item": None,
    })
