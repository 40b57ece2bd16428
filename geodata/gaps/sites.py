"""Sites: scanned web sites with an owning unit and a location, placed on the same map as the facilities."""
from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geodata.gaps._common import metric_xy, points_in_polygons
from geodata.layers import METRIC_CRS, STORAGE_CRS, match_unit

SITE_COLUMNS = ["site_id", "base_url", "name", "owner_unit", "lon", "lat", "latest_scan_id", "score", "issues",
                "scanned_at"]


def sites_on_map(sites: pd.DataFrame | None, streets: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Scanned sites with their street: by location when street polygons exist, else from the owning unit."""
    sites = pd.DataFrame(columns=SITE_COLUMNS) if sites is None else sites.copy()
    located = sites["lon"].notna() & sites["lat"].notna() if len(sites) else pd.Series(dtype=bool)
    owner_street = [match_unit("streets", None, str(o).removesuffix("办事处")) if isinstance(o, str) else None
                    for o in sites.get("owner_unit", [])]
    sites["street_code"] = [m[0] if m else None for m in owner_street]
    sites["street_name"] = [m[1] if m else None for m in owner_street]
    sites["located"] = located.to_numpy(dtype=bool) if len(sites) else []
    gdf = gpd.GeoDataFrame(sites, geometry=gpd.points_from_xy(sites["lon"], sites["lat"]), crs=STORAGE_CRS)
    if streets is not None and not streets.empty and len(gdf):
        polys = streets.to_crs(METRIC_CRS).reset_index(drop=True)
        located = gdf[gdf["located"]]
        which = points_in_polygons(*metric_xy(located["lon"], located["lat"]), polys.geometry.values)
        hit = located.index[which >= 0]
        gdf.loc[hit, "street_code"] = polys["code"].to_numpy()[which[which >= 0]]
        gdf.loc[hit, "street_name"] = polys["name"].to_numpy()[which[which >= 0]]
    return gdf

