"""China's map datums: GCJ-02 ("火星坐标", AMap/Tencent/WeChat) and BD-09 (Baidu) to and from WGS84.

Pure numpy, vectorised over arrays of longitudes and latitudes (scalars work too). Written here from the
published description of the transforms, not taken from a library:

* WGS84 -> GCJ-02 is the closed-form offset on the Krasovsky 1940 ellipsoid (a = 6378245 m,
  e² = 0.00669342162296594323); it is only applied inside the rough rectangle of China, outside it the
  two systems coincide.
* GCJ-02 -> WGS84 has no closed form: we invert the forward offset by fixed-point iteration until the
  step is below 1e-10 degrees (about 0.01 mm), so a round trip stays well under 1 m.
* BD-09 is a further rotation-and-offset of GCJ-02; its inverse is iterated the same way.

Every public function takes ``(lon, lat)`` and returns ``(lon, lat)`` as float64 arrays (0-d for scalars).
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

Coords = tuple[NDArray[np.float64], NDArray[np.float64]]

# The names the importer accepts in the ``crs`` column and ``--crs``; CGCS2000 is within centimetres of
# WGS84 at survey precision, so it is taken as WGS84.
CRS_NAMES: tuple[str, ...] = ("WGS84", "GCJ02", "BD09", "CGCS2000")

_A = 6378245.0  # Krasovsky 1940 semi-major axis (m)
_EE = 0.00669342162296594323  # Krasovsky 1940 first eccentricity squared
_X_PI = np.pi * 3000.0 / 180.0  # BD-09's rotation constant
_BD_DLON, _BD_DLAT = 0.0065, 0.006
_TOLERANCE_DEG = 1e-10
_MAX_ITERATIONS = 30


def _arrays(lon: ArrayLike, lat: ArrayLike) -> Coords:
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def in_china(lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """The rectangle in which GCJ-02 applies an offset (outside it GCJ-02 = WGS84)."""
    x, y = _arrays(lon, lat)
    return (x >= 72.004) & (x <= 137.8347) & (y >= 0.8293) & (y <= 55.8271)


def _offset(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> Coords:
    """GCJ-02 minus WGS84 (degrees) at a WGS84 position."""
    x = lon - 105.0
    y = lat - 35.0
    pi = np.pi
    periodic = (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x)) + periodic
    dlat = dlat + (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat = dlat + (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x)) + periodic
    dlon = dlon + (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon = dlon + (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    rad_lat = lat / 180.0 * pi
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad_lat) * pi)
    inside = in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> Coords:
    x, y = _arrays(lon, lat)
    dlon, dlat = _offset(x, y)
    return x + dlon, y + dlat


def _invert(forward: Callable[[NDArray, NDArray], Coords], lon: NDArray, lat: NDArray) -> Coords:
    """Solve forward(x) = target by fixed-point iteration (the offsets vary slowly, so it converges fast)."""
    x, y = lon.copy(), lat.copy()
    for _ in range(_MAX_ITERATIONS):
        fx, fy = forward(x, y)
        ex, ey = fx - lon, fy - lat
        x, y = x - ex, y - ey
        if np.all(np.abs(ex) < _TOLERANCE_DEG) and np.all(np.abs(ey) < _TOLERANCE_DEG):
            break
    return x, y


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> Coords:
    x, y = _arrays(lon, lat)
    return _invert(wgs84_to_gcj02, x, y)


def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> Coords:
    x, y = _arrays(lon, lat)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta) + _BD_DLON, z * np.sin(theta) + _BD_DLAT


def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> Coords:
    x, y = _arrays(lon, lat)
    return _invert(gcj02_to_bd09, x, y)


def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike) -> Coords:
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> Coords:
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


_TO_WGS84: dict[str, Callable[[ArrayLike, ArrayLike], Coords]] = {
    "GCJ02": gcj02_to_wgs84,
    "BD09": bd09_to_wgs84,
}
_FROM_WGS84: dict[str, Callable[[ArrayLike, ArrayLike], Coords]] = {
    "GCJ02": wgs84_to_gcj02,
    "BD09": wgs84_to_bd09,
}


def normalise_crs_name(name: str) -> str | None:
    """``"gcj-02"``, ``"GCJ02"``, ``"火星坐标"`` -> ``"GCJ02"``; None when the name is not one we know."""
    key = str(name).strip().upper()
    for sep in ("-", "_", " ", ":"):
        key = key.replace(sep, "")
    aliases = {
        "WGS84": "WGS84", "EPSG4326": "WGS84", "4326": "WGS84", "GPS": "WGS84",
        "GCJ02": "GCJ02", "GCJ": "GCJ02", "火星坐标": "GCJ02", "AMAP": "GCJ02", "高德": "GCJ02",
        "BD09": "BD09", "BD09LL": "BD09", "BAIDU": "BD09", "百度": "BD09",
        "CGCS2000": "CGCS2000", "EPSG4490": "CGCS2000", "4490": "CGCS2000",
    }
    return aliases.get(key)


def to_wgs84(lon: ArrayLike, lat: ArrayLike, crs: str) -> Coords:
    """Convert from ``crs`` (one of CRS_NAMES) to WGS84; WGS84 and CGCS2000 pass through."""
    convert = _TO_WGS84.get(crs)
    return convert(lon, lat) if convert else _arrays(lon, lat)


def from_wgs84(lon: ArrayLike, lat: ArrayLike, crs: str) -> Coords:
    """Convert WGS84 to ``crs`` (for drawing on AMap/Baidu basemaps, and for the sample generator)."""
    convert = _FROM_WGS84.get(crs)
    return convert(lon, lat) if convert else _arrays(lon, lat)


def many_to_wgs84(lon: ArrayLike, lat: ArrayLike, crs: ArrayLike) -> Coords:
    """Per-row conversion where each row names its own CRS (a mixed upload)."""
    x, y = _arrays(lon, lat)
    names = np.asarray(crs, dtype=object)
    out_x, out_y = x.copy(), y.copy()
    for name, convert in _TO_WGS84.items():
        rows = names == name
        if rows.any():
            out_x[rows], out_y[rows] = convert(x[rows], y[rows])
    return out_x, out_y
