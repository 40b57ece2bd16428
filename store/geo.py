"""User map layers (street and community polygons, POIs, tactile paving lines) kept in the project database.

Geometry is stored as WKB in WGS84 (EPSG:4326) with its bounding box in plain columns, so the store needs
neither SpatiaLite nor PostGIS, and this module imports no geo stack (``engine_for`` imports every store
module, and the survey importer should not pay for shapely). ``geodata.layers`` turns rows into GeoDataFrames.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Float, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from store.db import Base

# streets/communities: polygons with a 2023 statistical code; poi: priority places (hospital, metro station,
# school, government service hall); tactile: surveyed tactile paving as lines.
LAYER_KINDS: tuple[str, ...] = ("streets", "communities", "poi", "tactile")


class GeoLayer(Base):
    __tablename__ = "geo_layers"
    __table_args__ = (UniqueConstraint("kind", "name", name="uq_geo_layer_kind_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))
    source_path: Mapped[str] = mapped_column(Text)
    source_crs: Mapped[str] = mapped_column(Text)  # as read from the file (or given by --source-crs)
    feature_count: Mapped[int] = mapped_column(Integer)
    repaired_count: Mapped[int] = mapped_column(Integer, default=0)
    dropped_count: Mapped[int] = mapped_column(Integer, default=0)
    loaded_at: Mapped[str] = mapped_column(String(40))  # ISO 8601 UTC


class GeoFeature(Base):
    __tablename__ = "geo_features"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    layer_id: Mapped[int] = mapped_column(ForeignKey("geo_layers.id", ondelete="CASCADE"), index=True)
    code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    name: Mapped[str | None] = mapped_column(Text, nullable=True)
    properties: Mapped[str] = mapped_column(Text, default="{}")  # JSON object
    geometry_wkb: Mapped[bytes] = mapped_column(LargeBinary)  # WGS84
    min_lon: Mapped[float] = mapped_column(Float)
    min_lat: Mapped[float] = mapped_column(Float)
    max_lon: Mapped[float] = mapped_column(Float)
    max_lat: Mapped[float] = mapped_column(Float)


@dataclass(frozen=True)
class FeatureRow:
    """One feature as stored: WGS84 WKB, its bbox, the normalised code/name and the remaining attributes."""

    code: str | None
    name: str | None
    properties: dict
    geometry_wkb: bytes
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class LayerInfo:
    id: int
    kind: str
    name: str
    source_path: str
    source_crs: str
    feature_count: int
    repaired_count: int
    dropped_count: int
    loaded_at: str


def _info(row: GeoLayer) -> LayerInfo:
    return LayerInfo(row.id, row.kind, row.name, row.source_path, row.source_crs, row.feature_count,
                     row.repaired_count, row.dropped_count, row.loaded_at)


def save_layer(engine: Engine, kind: str, name: str, features: list[FeatureRow], *, source_path: str,
               source_crs: str, repaired_count: int = 0, dropped_count: int = 0) -> LayerInfo:
    """Store a layer, replacing an earlier layer of the same kind and name (re-loading a file is idempotent)."""
    if kind not in LAYER_KINDS:
        raise ValueError(f"unknown layer kind {kind!r}; expected one of {LAYER_KINDS}")
    with Session(engine) as session, session.begin():
        old = session.scalars(select(GeoLayer).where(GeoLayer.kind == kind, GeoLayer.name == name)).first()
        if old is not None:
            # SQLite only cascades with foreign_keys=ON; delete explicitly so any backend behaves the same.
            session.execute(delete(GeoFeature).where(GeoFeature.layer_id == old.id))
            session.delete(old)
            session.flush()
        layer = GeoLayer(kind=kind, name=name, source_path=source_path, source_crs=source_crs,
                         feature_count=len(features), repaired_count=repaired_count, dropped_count=dropped_count,
                         loaded_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        session.add(layer)
        session.flush()
        session.add_all(
            GeoFeature(layer_id=layer.id, code=f.code, name=f.name,
                       properties=json.dumps(f.properties, ensure_ascii=False, default=str),
                       geometry_wkb=f.geometry_wkb, min_lon=f.bbox[0], min_lat=f.bbox[1],
                       max_lon=f.bbox[2], max_lat=f.bbox[3])
            for f in features
        )
        session.flush()
        return _info(layer)


def list_layers(engine: Engine, kind: str | None = None) -> list[LayerInfo]:
    with Session(engine) as session:
        query = select(GeoLayer).order_by(GeoLayer.kind, GeoLayer.name)
        if kind is not None:
            query = query.where(GeoLayer.kind == kind)
        return [_info(row) for row in session.scalars(query)]


def load_features(engine: Engine, kind: str, name: str | None = None) -> list[tuple[LayerInfo, FeatureRow]]:
    """Features of every layer of ``kind`` (or only the layer ``name``), with the layer each came from."""
    with Session(engine) as session:
        query = (select(GeoLayer, GeoFeature).join(GeoFeature, GeoFeature.layer_id == GeoLayer.id)
                 .where(GeoLayer.kind == kind).order_by(GeoLayer.name, GeoFeature.id))
        if name is not None:
            query = query.where(GeoLayer.name == name)
        return [
            (_info(layer), FeatureRow(feat.code, feat.name, json.loads(feat.properties), feat.geometry_wkb,
                                      (feat.min_lon, feat.min_lat, feat.max_lon, feat.max_lat)))
            for layer, feat in session.execute(query)
        ]


def delete_layer(engine: Engine, kind: str, name: str) -> bool:
    with Session(engine) as session, session.begin():
        old = session.scalars(select(GeoLayer).where(GeoLayer.kind == kind, GeoLayer.name == name)).first()
        if old is None:
            return False
        session.execute(delete(GeoFeature).where(GeoFeature.layer_id == old.id))
        session.delete(old)
        return True
