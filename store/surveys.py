"""Facility survey storage, and the scored view the maps and reports build on.

Tables: ``survey_imports`` (one row per successful import) and ``survey_facilities`` (one row per record id;
re-importing an id updates it). Coordinates are WGS84; ``source_crs`` says what the upload used. The
type-specific measurements are a JSON object per record (schema evolution needs no migration). Scores are
not stored: they are recomputed from the measurements and the current rules on every read, which takes
milliseconds for a district (gather once, judge many times).

Reading: ``facility_rows`` gives the stored rows as they are; typing them by the schema and scoring them is the
business of ``surveys`` (``surveys.frame.load_facilities``, ``surveys.scoring.scored_facilities``).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, mapped_column

from store.db import Base

if TYPE_CHECKING:  # pandas is imported where frames are built: every command opens the store, few need pandas
    import pandas as pd

# The columns of survey_facilities that are not measurements (the rest go to ``measurements``).
RECORD_COLUMNS: tuple[str, ...] = (
    "record_id", "facility_type", "facility_subtype", "parent_record_id", "street_code", "street_name",
    "community_code", "community_name", "road_name", "site_name", "site_category", "building_type",
    "build_status", "condition", "is_temporary_issue_bool", "na_reason", "survey_datetime", "surveyor_id",
    "lon", "lat", "source_crs", "source_lon", "source_lat", "crs_assumed", "location_source", "gnss_accuracy_m",
    "altitude_m", "geometry_wkt", "photos", "notes",
)


class SurveyImport(Base):
    __tablename__ = "survey_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sources: Mapped[str] = mapped_column(Text)  # JSON list of {name, kind, encoding, sha256, rows}
    default_crs: Mapped[str | None] = mapped_column(String(16), nullable=True)
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_rejected: Mapped[int] = mapped_column(Integer)
    records_created: Mapped[int] = mapped_column(Integer)
    records_updated: Mapped[int] = mapped_column(Integer)


class SurveyFacility(Base):
    __tablename__ = "survey_facilities"

    record_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    facility_type: Mapped[str] = mapped_column(String(40), index=True)
    facility_subtype: Mapped[str | None] = mapped_column(String(60), nullable=True)
    parent_record_id: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    street_code: Mapped[str | None] = mapped_column(String(12), nullable=True, index=True)
    street_name: Mapped[str | None] = mapped_column(String(60), nullable=True)
    community_code: Mapped[str | None] = mapped_column(String(12), nullable=True, index=True)
    community_name: Mapped[str | None] = mapped_column(String(60), nullable=True)
    road_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    site_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    site_category: Mapped[str | None] = mapped_column(String(40), nullable=True)
    building_type: Mapped[str | None] = mapped_column(String(40), nullable=True)
    build_status: Mapped[str] = mapped_column(String(40), default="unknown")
    condition: Mapped[str | None] = mapped_column(String(40), nullable=True)
    is_temporary_issue_bool: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    na_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    survey_datetime: Mapped[str | None] = mapped_column(String(40), nullable=True)  # ISO 8601 as surveyed
    surveyor_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)  # WGS84
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    source_crs: Mapped[str | None] = mapped_column(String(16), nullable=True)
    source_lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    source_lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    crs_assumed: Mapped[bool] = mapped_column(Boolean, default=False)  # no crs given: WGS84 assumed, flagged
    location_source: Mapped[str | None] = mapped_column(String(40), nullable=True)
    gnss_accuracy_m: Mapped[float | None] = mapped_column(Float, nullable=True)
    altitude_m: Mapped[float | None] = mapped_column(Float, nullable=True)
    geometry_wkt: Mapped[str | None] = mapped_column(Text, nullable=True)
    photos: Mapped[str | None] = mapped_column(Text, nullable=True)
    notes: Mapped[str | None] = mapped_column(Text, nullable=True)
    measurements: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field -> number | bool | text
    import_id: Mapped[int | None] = mapped_column(ForeignKey("survey_imports.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def now() -> datetime:
    return datetime.now(timezone.utc)


def facility_rows(engine: Engine, facility_types: list[str] | None = None) -> pd.DataFrame:
    """Every stored facility, ordered by type and record id: the record columns plus one column per
    measurement field, as stored (untyped)."""
    import pandas as pd

    table = SurveyFacility.__table__
    # ordered by type: the scorer then reads each type's rows as one contiguous block
    query = select(table).order_by(table.c.facility_type, table.c.record_id)
    if facility_types:
        query = query.where(table.c.facility_type.in_(facility_types))
    with engine.connect() as conn:
        base = pd.read_sql(query, conn)
    if base.empty:
        return base.drop(columns=["measurements"], errors="ignore")
    measured = pd.DataFrame.from_records([json.loads(m) for m in base.pop("measurements")], index=base.index)
    return pd.concat([base, measured.drop(columns=[c for c in measured.columns if c in base.columns])], axis=1)


def survey_imports(engine: Engine) -> list[dict]:
    """Every import, oldest first (``sources`` is a JSON list of {name, kind, encoding, sha256, rows})."""
    table = SurveyImport.__table__
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(table.c.id)).mappings()]


def facility_count(engine: Engine) -> int:
    from sqlalchemy import func

    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(SurveyFacility.__table__)).scalar_one())

