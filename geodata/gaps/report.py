"""All gap analyses over one facility frame (``analyse``) and their result (``GapReport``)."""
from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely

from geodata.gaps._common import GapParams
from geodata.gaps.coverage import coverage
from geodata.gaps.priority_places import priority_gaps
from geodata.gaps.sites import sites_on_map
from geodata.gaps.tactile_continuity import tactile_continuity, tactile_records
from geodata.gaps.units import area_stats
from geodata.gaps.worst_units import worst_places
from geodata.layers import METRIC_CRS, PERSONAL_TYPES, STORAGE_CRS, facility_points


@dataclass
class GapReport:
    params: GapParams
    coverage_cells: gpd.GeoDataFrame  # EPSG:4326
    coverage_summary: pd.DataFrame
    priority: gpd.GeoDataFrame  # EPSG:4326
    tactile_problems: gpd.GeoDataFrame  # EPSG:4326
    tactile_summary: dict
    streets: pd.DataFrame
    communities: pd.DataFrame
    mismatches: pd.DataFrame
    worst: pd.DataFrame
    sites: gpd.GeoDataFrame  # EPSG:4326
    facilities_total: int = 0
    critical_failures: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def priority_gaps(self) -> gpd.GeoDataFrame:
        return self.priority[self.priority["gap"]]

    @property
    def has_gaps(self) -> bool:
        return bool(len(self.priority_gaps) or self.coverage_summary["cells_uncovered"].sum()
                    or len(self.tactile_problems) or len(self.worst))

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table as a plain DataFrame (geometry as lon/lat or dropped), for reports and CSV."""
        def flat(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
            df = pd.DataFrame(gdf.drop(columns="geometry"))
            if len(gdf) and (gdf.geom_type == "Point").all():
                df["lon"], df["lat"] = gdf.geometry.x.round(6), gdf.geometry.y.round(6)
            return df
        return {"coverage": self.coverage_summary, "coverage_cells": flat(self.coverage_cells),
                "priority": flat(self.priority), "tactile": flat(self.tactile_problems), "streets": self.streets,
                "communities": self.communities, "mismatches": self.mismatches, "worst": self.worst,
                "sites": flat(self.sites)}

    def headline(self) -> dict:
        cov = {r["target"]: {"share_area_uncovered": round(r["share_area_uncovered"], 4),
                             "area_uncovered_km2": round(r["area_uncovered_km2"], 3),
                             "cells_uncovered": r["cells_uncovered"], "cells": r["cells"]}
               for r in self.coverage_summary.to_dict("records")}
        return {"facilities": self.facilities_total, "critical_failures": self.critical_failures,
                "distance_m": self.params.distance_m,
                "grid": f"{self.params.grid_kind} {self.params.cell_m:g} m", "coverage": cov,
                "priority_places": len(self.priority), "priority_places_with_gaps": len(self.priority_gaps),
                "tactile": self.tactile_summary, "mismatches": len(self.mismatches),
                "worst": self.worst.head(3)[["level", "name", "reason_zh"]].to_dict("records"),
                "sites_located": int(self.sites["located"].sum()) if len(self.sites) else 0, "notes": self.notes}


def analyse(facilities: pd.DataFrame, *, cells: gpd.GeoDataFrame, places: gpd.GeoDataFrame,
            params: GapParams = GapParams(), streets: gpd.GeoDataFrame | None = None,
            communities: gpd.GeoDataFrame | None = None, tactile_lines: gpd.GeoDataFrame | None = None,
            sites: pd.DataFrame | None = None, area: shapely.Geometry | None = None) -> GapReport:
    """All gap methods over one facility frame. ``cells`` from ``make_grid``; ``area`` (WGS84) limits places."""
    notes: list[str] = []
    public = ~facilities["facility_type"].isin(PERSONAL_TYPES)
    points = facility_points(facilities).to_crs(METRIC_CRS)
    cov_cells, cov_summary = coverage(cells, points, params.distance_m)
    inside = places if area is None else places[places.within(area)]
    prio = priority_gaps(inside.to_crs(METRIC_CRS), points, params.distance_m)
    records = tactile_records(facilities)
    if tactile_lines is not None and not tactile_lines.empty:
        records = pd.concat([records, tactile_lines], ignore_index=True)
    tactile, tactile_summary = tactile_continuity(
        gpd.GeoDataFrame(records, geometry="geometry", crs=STORAGE_CRS).to_crs(METRIC_CRS), points,
        snap_m=params.snap_m, gap_max_m=params.gap_max_m, end_ok_m=params.end_ok_m)
    if tactile_summary["segments"] == 0:
        notes.append("没有盲道线段（geometry_wkt 或 geo add-layer tactile），只列出调查记录的断口和占用，未判断尽头 / "
                     "no tactile paving lines (geometry_wkt or geo add-layer tactile): surveyed breaks and "
                     "obstructions only, dead ends not assessed")
    street_table, street_mis, street_units = area_stats(facilities, "street", streets)
    community_table, community_mis, community_units = area_stats(facilities, "community", communities)
    if streets is None:
        notes.append("没有街道边界，按调查记录的街道分组 / no street polygons: grouped by the street recorded on "
                     "the survey")
    worst = worst_places(facilities, {"street": street_table, "community": community_table},
                         {"street": street_units, "community": community_units}, params.worst_top)
    return GapReport(
        params=params, coverage_cells=cov_cells.to_crs(STORAGE_CRS), coverage_summary=cov_summary,
        priority=prio.to_crs(STORAGE_CRS), tactile_problems=tactile.to_crs(STORAGE_CRS),
        tactile_summary=tactile_summary, streets=street_table, communities=community_table,
        mismatches=pd.concat([street_mis, community_mis], ignore_index=True) if len(street_mis) or len(community_mis)
        else street_mis, worst=worst, sites=sites_on_map(sites, streets),
        facilities_total=int(public.sum()),
        critical_failures=int((public & (facilities["status"] == "non_compliant")
                               & (facilities["worst_severity"] == "critical")).sum()),
        notes=notes)
