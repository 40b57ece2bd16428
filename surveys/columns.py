"""From the headers of an upload to the schema's field names, with no hand mapping.

Handles the project's own CSV template, the draft schema's names, and the exports of the XLSForm from
KoboToolbox (``group/field``, ``_uuid``, ``_location_latitude``...) and ODK Central (``group-field``,
``meta-instanceID``, ``location-Latitude``...). Unit suffixes convert: ``x_pct`` -> ``x_ratio`` (/100),
``x_cm`` -> ``x_mm`` (x10) or ``x_m`` (/100). The form prefixes a field that several facility types share
with its type (``curb_ramp__running_slope_ratio``): such a column only feeds rows of that type.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from surveys.schema import Schema

# Columns the collection tools add that carry nothing the schema needs.
SYSTEM_COLUMNS = frozenset({
    "_id", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__",
    "_tags", "_index", "_parent_index", "_parent_table_name", "_attachments", "_geolocation", "_xform_id_string",
    "start", "end", "today", "deviceid", "username", "simserial", "subscriberid", "phonenumber", "audit",
    "submissiondate", "key", "submitterid", "submittername", "attachmentspresent", "attachmentsexpected",
    "status", "reviewstate", "edits", "formversion", "instancename", "version", "formhub/uuid", "uuid_form",
})
GEOPOINT_NAMES = ("location", "loc", "geopoint", "gps")
_GEOPOINT_PART = {"latitude": "lat", "longitude": "lon", "altitude": "altitude_m", "precision": "gnss_accuracy_m",
                  "accuracy": "gnss_accuracy_m"}
_KOBO_GEO = re.compile(r"^_(?:.*/)?(" + "|".join(GEOPOINT_NAMES) + r")_(latitude|longitude|altitude|precision)$")
_ODK_GEO = re.compile(r"^(?:.*-)?(" + "|".join(GEOPOINT_NAMES) + r")-(latitude|longitude|altitude|accuracy)$")
_PHOTO = re.compile(r"^(photo|image)_?\d*$")
_UNIT_CONVERSIONS = (("_pct", (("_ratio", 0.01),)), ("_cm", (("_mm", 10.0), ("_m", 0.01))))


@dataclass(frozen=True)
class Source:
    column: str  # the header as it is in the file
    only_type: str | None = None  # a typed column feeds rows of this facility type only
    factor: float = 1.0  # unit conversion applied to the parsed number


@dataclass
class ColumnPlan:
    sources: dict[str, list[Source]] = field(default_factory=dict)  # schema field -> columns, by priority
    geopoint: str | None = None  # a combined "lat lon alt accuracy" column
    ignored: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    converted: list[tuple[str, str]] = field(default_factory=list)  # (header, field) with a unit conversion

    def has(self, name: str) -> bool:
        return name in self.sources or (self.geopoint is not None and name in ("lon", "lat"))


def _strip_groups(name: str) -> str:
    # Kobo joins group paths with "/", ODK Central with "-"; the schema's names use neither.
    return name.rsplit("/", 1)[-1].rsplit("-", 1)[-1]


def plan_columns(headers: list[str], schema: Schema) -> ColumnPlan:
    plan = ColumnPlan()
    known = {f.name for f in schema.common} | set(schema.measurement_fields())
    known.add("submission_time")

    def add(target: str, source: Source) -> None:
        plan.sources.setdefault(target, []).append(source)

    for header in headers:
        raw = str(header).strip().lstrip("\ufeff")
        low = raw.lower()
        if not low or low.startswith("unnamed:"):
            continue
        geo = _KOBO_GEO.match(low) or _ODK_GEO.match(low)
        if geo:
            add(_GEOPOINT_PART[geo.group(2)], Source(header))
            continue
        if low in SYSTEM_COLUMNS or low.endswith("_url") or low.startswith("_submission__") and low != "_submission__uuid":
            plan.ignored.append(header)
            continue
        if low in ("_submission__uuid", "parent_key"):
            add("parent_record_id", Source(header))
            continue
        name = _strip_groups(low)
        if name in GEOPOINT_NAMES:
            plan.geopoint = header
            continue
        only_type = None
        if "__" in name:
            prefix, rest = name.split("__", 1)
            if prefix in schema.types:
                only_type, name = prefix, rest
        name = schema.aliases.get(name, name)
        if name not in known:  # a team's own sheet heads its columns in Chinese, as the field guide names them
            name = schema.label_headers().get(unicodedata.normalize("NFKC", name), name)
        if _PHOTO.match(name):  # the form's photo_1..photo_3 all go to photos
            name = "photos"
        factor = 1.0
        if name not in known:
            for suffix, targets in _UNIT_CONVERSIONS:
                if name.endswith(suffix):
                    for target_suffix, target_factor in targets:
                        candidate = name[: -len(suffix)] + target_suffix
                        if candidate in known:
                            name, factor = candidate, target_factor
                            plan.converted.append((header, candidate))
                            break
                    break
        if name in known:
            add(name, Source(header, only_type, factor))
        elif name in SYSTEM_COLUMNS or low in schema.aliases.values():
            plan.ignored.append(header)
        else:
            plan.unknown.append(header)
    return plan


def clean_cells(series: pd.Series) -> np.ndarray:
    """The column's text NFKC-normalised (full-width digits and letters to ASCII) and stripped, as an object
    array with "" for empty. Only non-empty cells are touched: a wide upload is mostly empty cells."""
    values = series.to_numpy(dtype=object, na_value="").copy()
    filled = values != ""
    if filled.any():
        values[filled] = [unicodedata.normalize("NFKC", str(v)).strip() for v in values[filled]]
    return values


def _scaled(values: np.ndarray, factor: float) -> np.ndarray:
    """Numbers multiplied by a unit factor; text that is not a number is kept for the validator to report."""
    filled = np.flatnonzero(values != "")
    numbers = pd.to_numeric(pd.Series(values[filled], dtype=object), errors="coerce").to_numpy() * factor
    out = values.copy()
    parsed = ~np.isnan(numbers)
    out[filled[parsed]] = [format(x, ".10g") for x in numbers[parsed]]
    return out


def apply_plan(raw: pd.DataFrame, plan: ColumnPlan) -> pd.DataFrame:
    """A frame of clean strings with one column per schema field ('' where empty), from the raw upload chunk."""
    n = len(raw)
    out: dict[str, np.ndarray] = {}
    cleaned: dict[str, np.ndarray] = {}

    def cells(column: str) -> np.ndarray:
        if column not in cleaned:
            cleaned[column] = clean_cells(raw[column])
        return cleaned[column]

    types = cells(plan.sources["facility_type"][0].column) if "facility_type" in plan.sources else None
    for target, sources in plan.sources.items():
        value = np.full(n, "", dtype=object)
        filled = np.zeros(n, dtype=bool)
        for source in sources:
            column = cells(source.column)
            present = column != ""
            if not present.any():
                continue
            if source.factor != 1.0:
                column = _scaled(column, source.factor)
            if target == "photos":  # several photo columns are one list
                joined = present & filled
                value[joined] = value[joined] + ";" + column[joined]
            usable = present & ~filled
            if source.only_type is not None and types is not None:
                usable &= types == source.only_type
            value[usable] = column[usable]
            filled |= usable
        out[target] = value
    frame = pd.DataFrame(out, index=raw.index, dtype=object)
    if plan.geopoint is not None:
        _split_geopoint(frame, pd.Series(cells(plan.geopoint), index=raw.index, dtype=object))
    return frame


def _split_geopoint(frame: pd.DataFrame, combined: pd.Series) -> None:
    """ODK/Kobo geopoint text "lat lon altitude accuracy" fills lat/lon/... where those are empty."""
    parts = combined.str.split(r"\s+", expand=True, regex=True)
    for i, target in enumerate(("lat", "lon", "altitude_m", "gnss_accuracy_m")):
        if i >= parts.shape[1]:
            break
        current = frame[target] if target in frame.columns else pd.Series("", index=frame.index, dtype=object)
        piece = parts[i].fillna("")
        frame[target] = current.where(current != "", piece)
