"""Per street and community: facilities surveyed, compliant / non-compliant / incomplete, compliance share
(compliant ÷ assessed, incomplete excluded), critical failures, failures per km² (only where polygons give an
area), and home modifications (counted only: they are personal data and never drawn). Grouped by spatial join
when street/community polygons are loaded, else by the unit recorded on the survey."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata import district
from geodata.gaps._common import metric_xy, points_in_polygons
from geodata.layers import METRIC_CRS, PERSONAL_TYPES, match_unit


def _recorded_unit(level: str, facilities: pd.DataFrame) -> pd.DataFrame:
    """Code and name of the unit each record names, normalised against the 2023 codes where possible."""
    kind = "streets" if level == "street" else "communities"
    none = pd.Series(None, index=facilities.index, dtype=object)
    given = pd.DataFrame({"c": facilities.get(f"{level}_code", none), "n": facilities.get(f"{level}_name", none)},
                         index=facilities.index).astype(object)
    given = given.where(given.notna() & (given != ""), None)
    # A district has a few hundred distinct (code, name) pairs however many records: match each pair once.
    pairs = given.drop_duplicates()
    matched = [match_unit(kind, c, n) for c, n in zip(pairs["c"], pairs["n"])]
    pairs = pairs.assign(code=[m[0] if m else c for m, c in zip(matched, pairs["c"])],
                         name=[m[1] if m else n for m, n in zip(matched, pairs["n"])])
    keyed = given.merge(pairs, on=["c", "n"], how="left")
    return pd.DataFrame({"code": keyed["code"].to_numpy(), "name": keyed["name"].to_numpy()}, index=facilities.index)



def assign_units(facilities: pd.DataFrame, level: str, polygons: gpd.GeoDataFrame | None
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The unit each record belongs to, and the records whose recorded unit disagrees with their polygon.

    Without polygons the recorded unit is used. With polygons (``code``, ``name``), located records take the
    polygon they fall in; unlocated records and records outside every polygon keep the recorded unit.
    """
    recorded = _recorded_unit(level, facilities)
    assigned = recorded.copy()
    assigned["grouped_by"] = "recorded"
    mismatch_cols = ["level", "record_id", "facility_type", "recorded_code", "recorded_name", "polygon_code",
                     "polygon_name", "lon", "lat"]
    if polygons is None or polygons.empty or facilities.empty:
        return assigned, pd.DataFrame(columns=mismatch_cols)
    located = facilities[facilities["lon"].notna() & facilities["lat"].notna()]
    polys = polygons[["code", "name", "geometry"]].to_crs(METRIC_CRS).reset_index(drop=True)
    # Overlapping user polygons: the first one wins.
    which = points_in_polygons(*metric_xy(located["lon"], located["lat"]), polys.geometry.values)
    inside = which >= 0
    joined = polys.iloc[which[inside]][["code", "name"]].set_axis(located.index[inside])
    assigned.loc[joined.index, "code"] = joined["code"].to_numpy()
    assigned.loc[joined.index, "name"] = joined["name"].to_numpy()
    assigned.loc[joined.index, "grouped_by"] = "polygon"
    rec = recorded.loc[joined.index]
    differs = rec["code"].notna() & (rec["code"].astype(str) != joined["code"].astype(str))
    bad = joined.index[differs.to_numpy()]
    personal = facilities.loc[bad, "facility_type"].isin(PERSONAL_TYPES)
    mismatches = pd.DataFrame({
        "level": level,
        "record_id": facilities.loc[bad].get("record_id", pd.Series(bad, index=bad)).to_numpy(),
        "facility_type": facilities.loc[bad, "facility_type"].to_numpy(),
        "recorded_code": rec.loc[bad, "code"].to_numpy(), "recorded_name": rec.loc[bad, "name"].to_numpy(),
        "polygon_code": joined.loc[bad, "code"].to_numpy(), "polygon_name": joined.loc[bad, "name"].to_numpy(),
        # A home's location is personal data: list the record, not where it is.
        "lon": np.where(personal, np.nan, facilities.loc[bad, "lon"].to_numpy(dtype=float)),
        "lat": np.where(personal, np.nan, facilities.loc[bad, "lat"].to_numpy(dtype=float)),
    }, columns=mismatch_cols)
    return assigned, mismatches


def _reference_units(level: str) -> pd.DataFrame:
    if level == "street":
        return pd.DataFrame([(s.code, s.name) for s in district.streets()], columns=["code", "name"])
    return pd.DataFrame([(c.code, c.short_name) for c in district.communities()], columns=["code", "name"])


def area_stats(facilities: pd.DataFrame, level: str, polygons: gpd.GeoDataFrame | None = None
               ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per-unit table (every 2023 unit, surveyed or not, plus unknown recorded units), the mismatches, and
    the unit assigned to each record (``assign_units``)."""
    assigned, mismatches = assign_units(facilities, level, polygons)
    frame = facilities.assign(unit_code=assigned["code"], unit_name=assigned["name"],
                              grouped_by=assigned["grouped_by"])
    public = frame[~frame["facility_type"].isin(PERSONAL_TYPES)]
    status = public["status"]
    stats = pd.DataFrame({
        "facilities": public.groupby("unit_code").size(),
        "compliant": (status == "compliant").groupby(public["unit_code"]).sum(),
        "non_compliant": (status == "non_compliant").groupby(public["unit_code"]).sum(),
        "incomplete": (status == "incomplete").groupby(public["unit_code"]).sum(),
        "critical_failures": ((status == "non_compliant") & (public["worst_severity"] == "critical"))
        .groupby(public["unit_code"]).sum(),
    })
    homes = frame[frame["facility_type"].isin(PERSONAL_TYPES)].groupby("unit_code").size().rename("home_modifications")
    names = frame.dropna(subset=["unit_code"]).groupby("unit_code")["unit_name"].first()
    units = _reference_units(level).set_index("code")
    extra = names.index.difference(units.index)
    units = pd.concat([units, names.loc[extra].rename("name").to_frame()])
    table = units.join(stats).join(homes).fillna(
        {"facilities": 0, "compliant": 0, "non_compliant": 0, "incomplete": 0, "critical_failures": 0,
         "home_modifications": 0})
    for col in ("facilities", "compliant", "non_compliant", "incomplete", "critical_failures", "home_modifications"):
        table[col] = table[col].astype(int)
    assessed = table["compliant"] + table["non_compliant"]
    table["compliance_share"] = (table["compliant"] / assessed.where(assessed > 0)).round(4)
    area = pd.Series(np.nan, index=table.index)
    if polygons is not None and not polygons.empty:
        metric = polygons.to_crs(METRIC_CRS)
        area = metric.geometry.area.groupby(metric["code"].to_numpy()).sum().div(1e6).reindex(table.index)
    table["area_km2"] = area.round(4)
    table["failures_per_km2"] = (table["non_compliant"] / table["area_km2"]).round(3)
    table["known_unit"] = table.index.isin(_reference_units(level)["code"])
    table["grouped_by"] = "polygon" if polygons is not None and not polygons.empty else "recorded"
    table.insert(0, "level", level)
    return table.rename_axis("code").reset_index(), mismatches, assigned
