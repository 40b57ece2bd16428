"""The survey part of the demo: import the bundled sample, score it, write the four outputs."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from sqlalchemy.engine import Engine

from surveys.importer import import_surveys
from surveys.outputs import FORMATS, headline, write_score
from surveys.scoring import score_frame

SAMPLE_NAME = "jianghan_sample_survey.csv"


def sample_path() -> Path:
    return Path(str(files("surveys").joinpath("sample", SAMPLE_NAME)))


def import_and_score_sample(engine: Engine, out_dir: str | Path) -> dict:
    """Import ``surveys/sample/jianghan_sample_survey.csv`` into ``engine``, score every facility and write
    ``out_dir/survey-score.{json,csv,xlsx,geojson}``.

    Returns ``{"outputs": {format: path}, "imported": n, "summary": {facilities, compliant, non_compliant,
    incomplete, critical_facilities, compliance_share, rules}}``. Importing twice updates the same records.
    """
    from surveys.frame import load_facilities

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = import_surveys(engine, [sample_path()])
    result = score_frame(load_facilities(engine))
    outputs = {fmt: write_score(result, fmt, out / f"survey-score.{fmt}") for fmt in FORMATS}
    return {"outputs": outputs, "imported": report.created + report.updated, "summary": headline(result)}
