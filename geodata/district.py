"""A district is data: a profile folder holding its outline, its street and community codes, its plan targets
and its priority places. Jianghan's is bundled (``geodata/districts/jianghan/``); nothing else names it.

A profile folder::

    profile.yaml              id, name_zh, name_en, code, parent_zh/parent_en, metric_crs (EPSG:4547),
                              plan (a mapping, or a file name in the folder), sources (for the report)
    boundary.geojson          the outline, WGS84 (required)
    streets.csv               code,name,common_name,type          (optional)
    communities.csv           code,name,short_name,streetCode     (optional)
    priority_places.geojson   points with kind (hospital, metro_station, school...) and name (optional)
    roads.geojson             main roads for the basemap (optional)

``load_district(name_or_path)`` reads one (a bundled id or name, or a folder); ``current_district()`` picks
the one in use: an explicit argument, else the one a caller activated with ``using(district)``, else
``$WUZHANGAI_DISTRICT``, else the choice stored in the database (``wuzhangai district use``), else Jianghan.

Plain Python (csv, json, yaml; no shapely or geopandas at import time) so that the survey importer can check
street codes and the district's extent without the geo stack's import cost. ``District.match_unit`` is the one
matcher of street and community names and codes (the survey importer and the map layers both use it).
"""
from __future__ import annotations

import csv
import json
import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

DISTRICTS_DIR = Path(__file__).resolve().parent / "districts"
PROFILE_FILE = "profile.yaml"
DEFAULT_DISTRICT = "jianghan"
DISTRICT_ENV = "WUZHANGAI_DISTRICT"
SETTING_KEY = "district"  # store.settings key holding the chosen district (an id or a folder path)
SUPPORTED_METRIC_CRS = ("EPSG:4547",)  # the gap analysis measures in this CRS (geodata.layers.METRIC_CRS)

# Suffixes a surveyor may leave off or add, as both earlier matchers accepted them (and village committees).
STREET_SUFFIXES = ("街道办事处", "办事处", "街道", "街")
COMMUNITY_SUFFIXES = ("社区居民委员会", "社区居委会", "居民委员会", "居委会", "社区", "村民委员会", "村委会")


class ProfileError(ValueError):
    """A district profile that cannot be found or read; the message is Chinese first, then English."""


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


def _key(value: object) -> str | None:
    """A lookup key: NFKC, no whitespace; a code read as a float (420103001.0) loses its ``.0``."""
    if value is None or (isinstance(value, float) and value != value):  # NaN
        return None
    text = "".join(unicodedata.normalize("NFKC", str(value)).split())
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text or None


def _variants(names: tuple[str, ...], suffixes: tuple[str, ...]) -> set[str]:
    out = set()
    for name in names:
        for suffix in suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                out.add(name[: -len(suffix)])
    return out


@dataclass(eq=False)  # hashed by identity: load_district keeps one instance per folder
class District:
    id: str
    name_zh: str
    name_en: str
    code: str
    folder: Path
    parent_zh: str = ""
    parent_en: str = ""
    metric_crs: str = "EPSG:4547"
    plan: dict[str, Any] | None = None
    sources: list[dict[str, str]] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"District({self.id!r}, {self.name_zh}, {self.folder})"

    def name(self, lang: str = "zh-CN") -> str:
        return self.name_zh if lang.lower().startswith("zh") else self.name_en

    # -- files --------------------------------------------------------------------------------------------
    def _optional(self, name: str) -> Path | None:
        path = self.folder / name
        return path if path.is_file() else None

    @property
    def boundary_file(self) -> Path:
        return self.folder / "boundary.geojson"

    @property
    def priority_places_file(self) -> Path | None:
        return self._optional("priority_places.geojson")

    @property
    def roads_file(self) -> Path | None:
        return self._optional("roads.geojson")

    # -- facts --------------------------------------------------------------------------------------------
    @cached_property
    def _streets(self) -> tuple[Street, ...]:
        path = self._optional("streets.csv")
        if path is None:
            return ()
        with path.open(encoding="utf-8") as fh:
            return tuple(Street(r["code"], r["name"], r.get("common_name") or r["name"], r.get("type") or "街道")
                         for r in csv.DictReader(fh))

    @cached_property
    def _communities(self) -> tuple[Community, ...]:
        path = self._optional("communities.csv")
        if path is None:
            return ()
        with path.open(encoding="utf-8") as fh:
            return tuple(Community(r["code"], r["name"], r.get("short_name") or r["name"], r["streetCode"])
                         for r in csv.DictReader(fh))

    def streets(self) -> tuple[Street, ...]:
        return self._streets

    def communities(self) -> tuple[Community, ...]:
        return self._communities

    @cached_property
    def _boundary(self) -> dict:
        try:
            data = json.loads(self.boundary_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ProfileError(f"无法读取区界 {self.boundary_file}：{exc} / cannot read the outline") from exc
        if data.get("type") != "FeatureCollection":
            data = {"type": "FeatureCollection", "features": [data if data.get("type") == "Feature" else
                                                              {"type": "Feature", "properties": {}, "geometry": data}]}
        return data

    def boundary_geojson(self) -> dict:
        """The outline as a GeoJSON FeatureCollection in WGS84."""
        return self._boundary

    @cached_property
    def _bbox(self) -> tuple[float, float, float, float]:
        xs: list[float] = []
        ys: list[float] = []
        for feature in self.boundary_geojson()["features"]:
            geom = feature["geometry"]
            polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            for polygon in polygons:
                for ring in polygon:
                    for lon, lat in ring:
                        xs.append(lon)
                        ys.append(lat)
        return min(xs), min(ys), max(xs), max(ys)

    def bbox(self) -> tuple[float, float, float, float]:
        """(min_lon, min_lat, max_lon, max_lat) of the outline."""
        return self._bbox

    def has(self) -> dict[str, bool]:
        """What the profile holds; reports and maps leave out (and say so) what needs a missing part."""
        return {"streets": bool(self.streets()), "communities": bool(self.communities()),
                "plan": self.plan is not None, "priority_places": self.priority_places_file is not None,
                "roads": self.roads_file is not None}

    def facts(self) -> dict[str, Any]:
        """The profile as plain data (``wuzhangai district show``)."""
        return {"id": self.id, "name_zh": self.name_zh, "name_en": self.name_en, "code": self.code,
                "parent_zh": self.parent_zh, "parent_en": self.parent_en, "metric_crs": self.metric_crs,
                "folder": str(self.folder), "bbox": [round(v, 6) for v in self.bbox()],
                "streets": len(self.streets()), "communities": len(self.communities()), "has": self.has(),
                "plan": None if self.plan is None else self.plan.get("plan", {}).get("title"),
                "sources": self.sources}

    # -- the one name/code matcher ------------------------------------------------------------------------
    @cached_property
    def _street_index(self) -> dict[str, Street]:
        index: dict[str, Street] = {}
        streets = self.streets()
        # Codes and names as written first, so that a shortened name of one unit never hides another's name.
        for s in streets:
            for key in (s.code, s.name, s.common_name, s.name + "办事处", s.common_name + "办事处"):
                index.setdefault(_key(key), s)
        for s in streets:
            for key in _variants((s.name, s.common_name), STREET_SUFFIXES):
                index.setdefault(_key(key), s)
        return index

    @cached_property
    def _community_index(self) -> dict[str, Community]:
        index: dict[str, Community] = {}
        communities = self.communities()
        for c in communities:
            for key in (c.code, c.name, c.short_name):
                index.setdefault(_key(key), c)
        for c in communities:
            for key in _variants((c.name, c.short_name), COMMUNITY_SUFFIXES):
                index.setdefault(_key(key), c)
        return index

    def street(self, value: object) -> Street | None:
        """The street of a code (9 digits) or any of its names: 民族街街道 / 民族街道 / 民族街 / 民族 /
        民族街街道办事处 / 420103001."""
        key = _key(value)
        return None if key is None else self._street_index.get(key)

    def community(self, value: object) -> Community | None:
        """The community of a code (12 digits) or any of its names: 万年社区居委会 / 万年社区 / 万年."""
        key = _key(value)
        return None if key is None else self._community_index.get(key)

    def match_unit(self, kind: str, code: object = None, name: object = None) -> tuple[str, str] | None:
        """(code, name) of a street (official name) or community (short name) from its code or any of its
        names, the code tried first; None if unknown."""
        for value in (code, name):
            if kind == "streets":
                s = self.street(value)
                if s is not None:
                    return s.code, s.name
            else:
                c = self.community(value)
                if c is not None:
                    return c.code, c.short_name
        return None


# --------------------------------------------------------------------------------------------- loading

def _read_profile(folder: Path) -> District:
    path = folder / PROFILE_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ProfileError(f"无法读取区档案 {path}：{exc} / cannot read the district profile {path}") from exc
    missing = [k for k in ("id", "name_zh", "name_en", "code") if not raw.get(k)]
    if missing:
        raise ProfileError(f"区档案 {path} 缺少 {', '.join(missing)} / the profile lacks {', '.join(missing)}")
    if not (folder / "boundary.geojson").is_file():
        raise ProfileError(f"区档案 {folder} 缺少 boundary.geojson / the profile has no boundary.geojson")
    metric = str(raw.get("metric_crs") or "EPSG:4547").upper()
    if metric not in SUPPORTED_METRIC_CRS:
        raise ProfileError(f"暂不支持量算坐标系 {metric}（只支持 {', '.join(SUPPORTED_METRIC_CRS)}）/ "
                           f"metric CRS {metric} is not supported yet (only {', '.join(SUPPORTED_METRIC_CRS)})")
    plan = raw.get("plan")
    if isinstance(plan, str):  # a file beside profile.yaml
        try:
            plan = yaml.safe_load((folder / plan).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ProfileError(f"无法读取规划文件 {folder / plan}：{exc} / cannot read the plan") from exc
    return District(id=str(raw["id"]), name_zh=str(raw["name_zh"]), name_en=str(raw["name_en"]),
                    code=str(raw["code"]), folder=folder, parent_zh=str(raw.get("parent_zh") or ""),
                    parent_en=str(raw.get("parent_en") or ""), metric_crs=metric, plan=plan or None,
                    sources=list(raw.get("sources") or []))


@lru_cache(maxsize=32)
def _load_folder(folder: Path) -> District:
    return _read_profile(folder)


def bundled_districts() -> list[District]:
    """Every profile under ``geodata/districts/``, by id."""
    return [_load_folder(p.parent) for p in sorted(DISTRICTS_DIR.glob(f"*/{PROFILE_FILE}"))]


def load_district(choice: str | os.PathLike | District) -> District:
    """A district from a profile folder (or its profile.yaml), or a bundled one by id, name or code."""
    if isinstance(choice, District):
        return choice
    text = str(choice).strip()
    path = Path(text).expanduser()
    if path.is_file() and path.name == PROFILE_FILE:
        path = path.parent
    if path.is_dir():
        if not (path / PROFILE_FILE).is_file():
            raise ProfileError(f"{path} 中没有 {PROFILE_FILE} / {path} has no {PROFILE_FILE}")
        return _load_folder(path.resolve())
    wanted = text.lower()
    for d in bundled_districts():
        if wanted in (d.id.lower(), d.name_zh, d.name_en.lower(), d.code, d.name_zh.removesuffix("区")):
            return d
    known = ", ".join(f"{d.id} ({d.name_zh})" for d in bundled_districts())
    raise ProfileError(f"找不到区 {text!r}（内置：{known}；也可给出档案目录）/ unknown district {text!r} "
                       f"(bundled: {known}; or give a profile folder)")


_ACTIVE: ContextVar[District | None] = ContextVar("wuzhangai_district", default=None)


@contextmanager
def using(district: District) -> Iterator[District]:
    """Make ``district`` the current one inside the block (for code that takes no district argument)."""
    token = _ACTIVE.set(district)
    try:
        yield district
    finally:
        _ACTIVE.reset(token)


def stored_choice(engine) -> str | None:
    """The district stored in the database by ``wuzhangai district use`` (None if none)."""
    from store.settings import get_setting

    return get_setting(engine, SETTING_KEY)


def current_district(choice: str | os.PathLike | District | None = None, engine=None) -> District:
    """The district in use: ``choice`` > the one activated by ``using`` > ``$WUZHANGAI_DISTRICT`` > the one
    stored in ``engine``'s database > the bundled default (Jianghan)."""
    if choice:
        return load_district(choice)
    active = _ACTIVE.get()
    if active is not None:
        return active
    env = os.environ.get(DISTRICT_ENV, "").strip()
    if env:
        return load_district(env)
    if engine is not None:
        stored = stored_choice(engine)
        if stored:
            return load_district(stored)
    return load_district(DEFAULT_DISTRICT)


# ------------------------------------------------------------- the current district's facts, for old callers

def streets() -> tuple[Street, ...]:
    return current_district().streets()


def communities() -> tuple[Community, ...]:
    return current_district().communities()


def boundary_geojson() -> dict:
    """The current district's outline as a GeoJSON FeatureCollection in WGS84."""
    return current_district().boundary_geojson()


def boundary_bbox() -> tuple[float, float, float, float]:
    return current_district().bbox()


def match_unit(kind: str, code: object = None, name: object = None,
               district: District | None = None) -> tuple[str, str] | None:
    """``District.match_unit`` of ``district`` or the current one."""
    return (district or current_district()).match_unit(kind, code, name)
