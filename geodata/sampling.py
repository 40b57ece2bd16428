"""Random points inside an area, for synthetic data (``geodata.synthetic``, ``surveys.generate``, ``bench/``).

numpy and shapely only (no geopandas), so the survey generator can use it cheaply.
"""
from __future__ import annotations

import numpy as np
import shapely


def random_points_in(area: shapely.Geometry, n: int, rng: np.random.Generator, *,
                     batch: int | None = None) -> np.ndarray:
    """``n`` uniform random (x, y) points inside a polygon (rejection sampling on its bbox), in the area's
    own coordinates; uniform by area only in a metric CRS.

    Candidates are drawn ``batch`` at a time (all x, then all y); the default batch is large, for speed.
    ``batch=1`` draws one (x, y) pair after another, the order ``surveys.generate`` has always used, so that
    its fixed-seed output (the bundled sample survey) stays the same.
    """
    minx, miny, maxx, maxy = area.bounds
    shapely.prepare(area)
    found: list[np.ndarray] = []
    count = 0
    while count < n:
        size = batch or max(1024, int((n - count) * 1.6))
        xy = np.column_stack([rng.uniform(minx, maxx, size), rng.uniform(miny, maxy, size)])
        xy = xy[shapely.contains_xy(area, xy[:, 0], xy[:, 1])]
        found.append(xy)
        count += len(xy)
    return np.concatenate(found)[:n] if found else np.empty((0, 2))
