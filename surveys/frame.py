"""Typing a frame of survey records by the schema: numbers and yes/no as float64 (NaN = empty), text as str."""
from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from store.surveys import facility_rows
from surveys.schema import Schema, load_schema

NUMERIC_KINDS = frozenset({"number", "count", "bool"})


def typed_frame(frame: pd.DataFrame, schema: Schema | None = None) -> pd.DataFrame:
    """Numbers, counts and yes/no fields as float64 (yes = 1.0), everything else left as it is.

    Floats make the scorer's comparisons plain numpy operations, and NaN is the one marker of "not measured".
    """
    schema = schema or load_schema()
    out = frame.copy()
    for name in out.columns:
        spec = schema.field(name)
        if spec is None or spec.kind not in NUMERIC_KINDS:
            continue
        column = out[name]
        if column.dtype != np.float64:
            if column.dtype == object:
                column = column.map(lambda v: float(v) if isinstance(v, bool) else v)
            out[name] = pd.to_numeric(column, errors="coerce").astype(np.float64)
    return out


def load_facilities(engine: Engine, facility_types: list[str] | None = None) -> pd.DataFrame:
    """Every stored facility as a typed frame: record columns plus one column per measurement field
    (numbers and yes/no as float, NaN where empty; enumerations as strings), stalls completed from their car
    park."""
    return inherit_from_parent(typed_frame(facility_rows(engine, facility_types)))


INHERITED_FROM_PARENT = ("lon", "lat", "source_crs", "street_code", "street_name", "community_code", "community_name",
                         "site_name")


def inherit_from_parent(frame: pd.DataFrame) -> pd.DataFrame:
    """A parking stall recorded in the form's repeat group has no point, street or site of its own: it takes
    its car park's (and its build status, when its own is unknown)."""
    if frame.empty or "parent_record_id" not in frame.columns:
        return frame
    child = frame["parent_record_id"].notna() & (frame["facility_type"] != "home_modification")
    if not child.any():
        return frame
    parents = frame.drop_duplicates("record_id").set_index("record_id")
    looked_up = parents.reindex(frame.loc[child, "parent_record_id"])
    for name in INHERITED_FROM_PARENT + ("build_status",):
        if name not in frame.columns:
            continue
        own = frame.loc[child, name]
        empty = own.isna() | (own == "unknown") if name == "build_status" else own.isna()
        frame.loc[child, name] = own.where(~empty.to_numpy(), looked_up[name].to_numpy())
    return frame
