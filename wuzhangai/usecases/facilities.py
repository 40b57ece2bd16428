"""Facility verdicts for the service: the stored surveys scored against the facility rules (what ``wuzhangai
survey score`` computes), kept until the facilities change so pages and the API do not score 100,000 records
per request, and the filtered views the facilities page shows."""
from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from store.surveys import SurveyFacility, SurveyImport
from surveys.frame import load_facilities
from surveys.outputs import facility_features, headline, score_document
from surveys.scoring import ScoreResult, score_frame
from wuzhangai.usecases.cache import VersionedCache, derived

STATUSES = ("compliant", "non_compliant", "incomplete")
_scored = VersionedCache()


def facility_data_version(engine: Engine) -> tuple:
    """Changes whenever an import writes: the newest import id and the facility count."""
    with engine.connect() as conn:
        last_import = conn.execute(select(func.max(SurveyImport.__table__.c.id))).scalar()
        count = conn.execute(select(func.count()).select_from(SurveyFacility.__table__)).scalar()
    return (last_import, count)


def scored_survey(engine: Engine) -> ScoreResult:
    """Every stored facility scored; recomputed only after an import changed the facilities."""
    return _scored.get(engine, facility_data_version(engine), lambda: score_frame(load_facilities(engine)))


def _derived(engine: Engine, name: str, make):
    """``make(scored result)``, computed once per scored result (so once per data version), not per request."""
    return derived(scored_survey(engine), (str(engine.url), "facilities", name), make)


def facility_geojson(engine: Engine) -> bytes:
    """What ``wuzhangai survey score --format geojson`` writes, as compact UTF-8 JSON, kept per data version:
    for 100,000 facilities it is ~55 MB, and building and encoding it took longer than a minute per request."""
    return _derived(engine, "geojson", lambda result: json.dumps(
        facility_features(result), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def facility_json(engine: Engine) -> bytes:
    """What ``wuzhangai survey score --format json`` writes, as UTF-8 JSON, kept per data version like the
    GeoJSON (its ``generated_at`` is when the verdicts were scored)."""
    return _derived(engine, "json", lambda result: json.dumps(
        score_document(result), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def facility_summary(engine: Engine) -> dict:
    """The headline figures and the per-street table (compliance share) for the dashboard."""
    return _derived(engine, "summary", _summary)


def _summary(result: ScoreResult) -> dict:
    if not len(result.facilities):
        return {"headline": None, "streets": []}
    streets = result.aggregates["street"].sort_values("compliance_share", na_position="last")
    return {"headline": headline(result), "streets": streets.astype(object).where(streets.notna(), None)
            .to_dict("records")}


@dataclass
class FacilityFilter:
    street: str | None = None  # street code
    facility_type: str | None = None
    status: str | None = None  # compliant | non_compliant | incomplete


def filtered_facilities(engine: Engine, chosen: FacilityFilter, offset: int = 0, limit: int = 100
                        ) -> tuple[pd.DataFrame, int]:
    """One page of facilities matching ``chosen`` (worst first) and how many match in all."""
    f = _derived(engine, "worst_first", _worst_first)
    keys = _derived(engine, "filter_keys", lambda _result: _filter_keys(f))
    mask = np.ones(len(f), dtype=bool)
    for column, wanted in (("_street", chosen.street), ("facility_type", chosen.facility_type),
                           ("status", chosen.status)):
        if wanted:
            codes, code_of = keys[column]
            mask &= codes == code_of.get(wanted, -2)  # -2: a value no facility has, so nothing matches
    rows = np.flatnonzero(mask)
    # only the page's rows are taken out of the 100,000: copying every match cost more than the filtering
    return f.iloc[rows[offset:offset + limit]].drop(columns=["_o", "_street"]), int(len(rows))


def _filter_keys(f: pd.DataFrame) -> dict[str, tuple[np.ndarray, dict]]:
    """Each filter column as integer codes (worst-first order) and the code of each value: a filter is then
    integer comparisons, not 100,000 string comparisons per request."""
    out = {}
    for column in ("_street", "facility_type", "status"):
        categorical = pd.Categorical(f[column])
        out[column] = (categorical.codes, {value: i for i, value in enumerate(categorical.categories)})
    return out


def _worst_first(result: ScoreResult) -> pd.DataFrame:
    """Every facility, non-compliant first, then by failed rules, then by record id (the filters keep this order)."""
    f = result.facilities
    order = f.assign(_o=f["status"].map({"non_compliant": 0, "incomplete": 1, "compliant": 2}),
                     _street=f["street_code"].astype(str))
    return order.sort_values(["_o", "failed_count", "record_id"], ascending=[True, False, True], kind="stable")


def filter_choices(engine: Engine) -> dict:
    """Streets and facility types present, for the filter menus."""
    return _derived(engine, "choices", _choices)


def _choices(result: ScoreResult) -> dict:
    f = result.facilities
    streets = (f[["street_code", "street_name"]].dropna().drop_duplicates().sort_values("street_code")
               .itertuples(index=False, name=None))
    return {"streets": [(str(c), n) for c, n in streets], "types": sorted(f["facility_type"].dropna().unique())}
