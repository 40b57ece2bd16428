"""Typing a frame of survey records by the schema: numbers and yes/no as float64 (NaN = empty), text as str."""
from __future__ import annotations

import numpy as np
import pandas as pd

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
