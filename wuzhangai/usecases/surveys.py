"""Importing field surveys: one upload (one or more files) into the store, checked against a district."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy.engine import Engine

from geodata.district import District, current_district, using
from surveys.importer import DEFAULT_CHUNK_ROWS, ImportRefused, ImportReport, import_surveys
from surveys.outputs import write_rejects


def import_survey(engine: Engine, files: Iterable[str | Path], *, district: District | str | None = None,
                  crs: str | None = None, skip_invalid: bool = False, boundary: str | Path | None = None,
                  chunk_size: int = DEFAULT_CHUNK_ROWS, progress: Callable[[str, int], None] | None = None,
                  report_path: Path | None = None, rejects_path: Path | None = None) -> ImportReport:
    """Import ``files`` as one transaction, validating streets, communities and positions against ``district``
    (the current one when None). The full report goes to ``report_path`` (JSON) and, with ``skip_invalid``, the
    rejected rows to ``rejects_path`` (CSV). Raises :class:`ImportRefused` (nothing written to the store, the
    report still written) on invalid rows without ``skip_invalid``."""
    with using(current_district(district, engine)):
        try:
            result = import_surveys(engine, files, default_crs=crs.upper() if crs else None,
                                    skip_invalid=skip_invalid, boundary=boundary, chunk_size=chunk_size,
                                    progress=progress)
        except ImportRefused as refused:
            _write_report(refused.report, report_path)
            raise
    _write_report(result, report_path)
    if rejects_path is not None and result.problems:
        write_rejects(result, rejects_path)
    return result


def _write_report(report: ImportReport, path: Path | None) -> None:
    if path is not None:
        Path(path).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
