"""Geo speed: spatial join of 1,000,000 points to 111 community polygons, and coverage over 100,000 grid cells.

The community polygons are synthetic (Voronoi cells clipped to the real district outline, ``geodata.synthetic``):
there are no public community boundaries for Jianghan. Each vectorised timing is compared with a per-point
Python loop over the same data, timed on a sample and scaled up (a full loop would take minutes).

    .venv/bin/python bench/bench_geo.py                   # defaults: 1,000,000 points, ~100,000 cells
    .venv/bin/python bench/bench_geo.py --points 200000 --json bench/out/geo.json
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata import district  # noqa: E402
from geodata.gaps import (  # noqa: E402
    COVERAGE_TARGETS, assign_units, compliant_of, coverage, metric_xy, points_in_polygons,
)
from geodata.grid import make_grid  # noqa: E402
from geodata.layers import METRIC_CRS, STORAGE_CRS, district_shape  # noqa: E402
from geodata.synthetic import random_points_in, synthetic_facilities, synthetic_units  # noqa: E402

JOIN_TARGET_S = 3.0


def timed(fn, *args, **kwargs):
    """(result, wall seconds, CPU seconds of this process): the machine is shared, so both are reported."""
    start, cpu = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start, time.process_time() - cpu


def bench_join(n_points: int, loop_sample: int, seed: int) -> dict:
    """Points given as WGS84 lon/lat (as the store holds them) -> community code, projection included."""
    rng = np.random.default_rng(seed)
    communities = synthetic_units([c.code for c in district.communities()], seed=seed)
    xy = random_points_in(district_shape(METRIC_CRS), n_points, rng)
    lonlat = gpd.GeoSeries(shapely.points(xy), crs=METRIC_CRS).to_crs(STORAGE_CRS)
    facilities = pd.DataFrame({"record_id": np.arange(n_points), "facility_type": "curb_ramp",
                               "lon": lonlat.x.to_numpy(), "lat": lonlat.y.to_numpy()})

    polys_metric = communities.to_crs(METRIC_CRS).reset_index(drop=True)

    def product_join() -> np.ndarray:
        # What assign_units does: project lon/lat to metres, then point-in-polygon per polygon's bbox.
        return points_in_polygons(*metric_xy(facilities["lon"], facilities["lat"]), polys_metric.geometry.values)

    def sjoin() -> pd.Series:
        points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(facilities["lon"], facilities["lat"]),
                                  crs=STORAGE_CRS).to_crs(METRIC_CRS)
        joined = gpd.sjoin(points, polys_metric[["code", "geometry"]], how="left", predicate="within")
        return joined["code"]

    which, join_s, join_cpu = timed(product_join)
    codes = pd.Series(np.where(which >= 0, polys_metric["code"].to_numpy()[which], None))
    matched = int((which >= 0).sum())
    sjoin_codes, sjoin_s, _ = timed(sjoin)
    assert (sjoin_codes.to_numpy() == codes.to_numpy()).all(), "sjoin and points_in_polygons disagree"

    # The naive way: for each point, test each (prepared) polygon until one contains it.
    polys = list(communities.to_crs(METRIC_CRS).geometry)
    for p in polys:
        shapely.prepare(p)
    sample = xy[:loop_sample]

    def loop() -> list:
        found = []
        for x, y in sample:
            pt = shapely.Point(x, y)
            found.append(next((i for i, p in enumerate(polys) if p.contains(pt)), None))
        return found

    loop_codes, loop_s, _ = timed(loop)
    loop_full_s = loop_s * n_points / loop_sample
    # Both must give the same answer on the sample.
    expected = [communities["code"].iloc[i] if i is not None else None for i in loop_codes]
    assert list(codes.iloc[:loop_sample]) == expected, "join and loop disagree"

    # The full assign_units path (with the per-record normalisation of recorded codes) for reference.
    _, assign_s, _ = timed(assign_units, facilities.assign(community_code=None), "community", communities)
    return {"points": n_points, "polygons": len(communities), "matched": matched, "join_s": round(join_s, 3),
            "join_cpu_s": round(join_cpu, 3), "geopandas_sjoin_s": round(sjoin_s, 3),
            "assign_units_s": round(assign_s, 3), "loop_sample": loop_sample, "loop_sample_s": round(loop_s, 3),
            "loop_extrapolated_s": round(loop_full_s, 1), "speedup": round(loop_full_s / join_s, 1),
            "target_s": JOIN_TARGET_S, "meets_target": join_s <= JOIN_TARGET_S}


def bench_coverage(n_cells: int, n_facilities: int, loop_sample: int, seed: int) -> dict:
    # Square cells sized so the district (28.27 km²) holds about n_cells of them.
    cell_m = math.sqrt(district_shape(METRIC_CRS).area / n_cells)
    cells, grid_s, _ = timed(make_grid, kind="square", cell_m=cell_m)
    fac = synthetic_facilities(n_facilities, seed=seed)
    fac["status"] = "compliant"
    points = gpd.GeoDataFrame(fac, geometry=gpd.points_from_xy(fac["lon"], fac["lat"]), crs=STORAGE_CRS) \
        .to_crs(METRIC_CRS)
    (out, summary), cov_s, cov_cpu = timed(coverage, cells, points, 500.0)

    targets = {t: compliant_of(points, types, crossings_only=t == "curb_ramp")
               for t, (_, _, types) in COVERAGE_TARGETS.items()}
    target_xy = {t: list(zip(g.geometry.x, g.geometry.y)) for t, g in targets.items()}
    centres = list(zip(cells["x"].to_numpy()[:loop_sample], cells["y"].to_numpy()[:loop_sample]))

    def loop() -> list:
        return [[min(math.hypot(cx - x, cy - y) for x, y in target_xy[t]) for t in target_xy] for cx, cy in centres]

    loop_dist, loop_s, _ = timed(loop)
    got = out[["dist_toilet_m", "dist_parking_m", "dist_curb_ramp_m"]].to_numpy()[:loop_sample]
    assert np.allclose(got, np.round(np.array(loop_dist), 1), atol=0.051), "coverage and loop disagree"
    loop_full_s = loop_s * len(cells) / loop_sample
    return {"cells": len(cells), "cell_m": round(cell_m, 2), "facilities": n_facilities,
            "targets": {t: len(g) for t, g in targets.items()}, "grid_s": round(grid_s, 3),
            "coverage_s": round(cov_s, 3), "coverage_cpu_s": round(cov_cpu, 3), "loop_sample": loop_sample, "loop_sample_s": round(loop_s, 3),
            "loop_extrapolated_s": round(loop_full_s, 1), "speedup": round(loop_full_s / cov_s, 1),
            "share_area_uncovered": {r["target"]: round(r["share_area_uncovered"], 4)
                                     for r in summary.to_dict("records")}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--cells", type=int, default=100_000)
    parser.add_argument("--facilities", type=int, default=3_000)
    parser.add_argument("--loop-sample", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    join = bench_join(args.points, min(args.loop_sample, args.points), args.seed)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall times stretch on a busy machine)")
    print(f"spatial join: {join['points']:,} points -> {join['polygons']} synthetic community polygons: "
          f"{join['join_s']:.2f} s wall, {join['join_cpu_s']:.2f} s CPU "
          f"(target <= {JOIN_TARGET_S:g} s: {'met' if join['meets_target'] else 'MISSED'}); "
          f"geopandas.sjoin {join['geopandas_sjoin_s']:.2f} s; "
          f"per-point loop {join['loop_extrapolated_s']:.0f} s (timed on {join['loop_sample']:,}, scaled): "
          f"{join['speedup']:.0f}x; assign_units with code normalisation {join['assign_units_s']:.2f} s")
    cov = bench_coverage(args.cells, args.facilities, min(2_000, args.cells), args.seed)
    print(f"coverage: {cov['cells']:,} square cells of {cov['cell_m']:.1f} m x 3 services, "
          f"{cov['facilities']:,} facilities: {cov['coverage_s']:.2f} s wall, {cov['coverage_cpu_s']:.2f} s CPU "
          f"(grid built in {cov['grid_s']:.2f} s); "
          f"per-cell loop {cov['loop_extrapolated_s']:.0f} s (timed on {cov['loop_sample']:,}, scaled): "
          f"{cov['speedup']:.0f}x")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "shapely": shapely.__version__,
                   "geopandas": gpd.__version__, "load_average_1min": round(os.getloadavg()[0], 2)}
        args.json.write_text(json.dumps({"machine": machine, "join": join, "coverage": cov}, indent=2),
                             encoding="utf-8")
    return 0 if join["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
