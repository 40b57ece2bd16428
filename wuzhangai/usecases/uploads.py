"""A survey file received over the network: kept as sent (generated name, SHA-256) for the audit trail, then
imported exactly as ``wuzhangai survey import`` imports it (same checks: encodings, zip bombs, formula cells,
district, coordinate systems), and the outcome recorded whether or not anything was written."""
from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.engine import Engine

from store import uploads as upload_store
from surveys.importer import ImportRefused, ImportReport
from surveys.outputs import write_rejects
from wuzhangai.usecases.surveys import import_survey

ACCEPTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".geojson", ".json")
CHUNK = 1024 * 1024


class UploadRefused(ValueError):
    """The file itself is refused before import (too large, a type we do not read); zh / en message."""

    def __init__(self, zh: str, en: str, status: int = 422):
        super().__init__(f"{zh} / {en}")
        self.zh, self.en, self.status = zh, en, status


@dataclass
class UploadResult:
    upload_id: int
    outcome: str  # imported | partial | refused
    summary: dict
    problems: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)

    @property
    def written(self) -> int:
        return self.summary.get("records_created", 0) + self.summary.get("records_updated", 0)


def problem_row(p: dict, original_name: str) -> dict:
    """A problem as the API and the page show it: where (file, row, field, value) and what, in zh and en."""
    return {"file": original_name, "row": p["row"], "field": p["field"], "value": p["value"], "code": p["code"],
            "message_zh": p["zh"], "message_en": p["en"]}


def save_original(stream: BinaryIO, original_name: str, folder: Path, limit: int) -> tuple[str, str, int]:
    """Copy the upload to ``folder`` under a generated name (its suffix kept: it says how to read it); returns
    (stored name, SHA-256, size). Refuses an unknown type before reading and a file over ``limit`` bytes while
    reading (the partial copy removed)."""
    suffix = Path(original_name).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise UploadRefused(f"不支持的文件类型 {suffix or '(无扩展名)'}：请上传 CSV、XLSX 或 GeoJSON",
                            f"unsupported file type {suffix or '(none)'}: upload CSV, XLSX or GeoJSON")
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}{suffix}"
    digest, size = hashlib.sha256(), 0
    path = folder / stored
    try:
        with open(path, "xb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise UploadRefused(f"文件超过 {limit // CHUNK} MB 上限", f"the file is over the {limit // CHUNK} MB limit",
                                        status=413)
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if size == 0:
        path.unlink(missing_ok=True)
        raise UploadRefused("文件是空的", "the file is empty")
    return stored, digest.hexdigest(), size


def receive_survey_upload(engine: Engine, stream: BinaryIO, original_name: str, folder: Path, *, user: str,
                          crs: str | None = None, skip_invalid: bool = False, limit: int = 50 * CHUNK,
                          district=None) -> UploadResult:
    """Keep the original, import it (all or nothing unless ``skip_invalid``), record the upload. Invalid rows
    without ``skip_invalid``: outcome ``refused`` and nothing written to the facilities."""
    stored, sha256, size = save_original(stream, original_name, folder, limit)
    stem = stored.rsplit(".", 1)[0]
    report_path, rejects_path = folder / f"{stem}.report.json", folder / f"{stem}.rejects.csv"
    try:
        report = import_survey(engine, [folder / stored], district=district, crs=crs, skip_invalid=skip_invalid,
                               report_path=report_path)
        outcome = "partial" if report.problems else "imported"
    except ImportRefused as refused:
        report, outcome = refused.report, "refused"
    if outcome == "partial":  # the rejects name the file as the surveyor knows it, not its stored name
        write_rejects(_as_sent(report, stored, original_name), rejects_path)
    data = report.to_dict()
    problems = [problem_row(p, original_name) for p in data.pop("problems")]
    warnings = [problem_row(p, original_name) for p in data.pop("warnings")]
    for f in data.get("files", []):
        f["name"] = original_name
    summary = {k: data[k] for k in ("rows_read", "rows_rejected", "records_created", "records_updated")}
    summary.update(sha256=sha256, size=size, file=original_name, imported=data["imported"],
                   import_id=data["import_id"], problem_count=len(problems), warning_count=len(warnings))
    upload_id = upload_store.record_upload(
        engine, user_name=user, original_name=original_name, stored_name=stored, sha256=sha256, size=size, crs=crs,
        skip_invalid=int(skip_invalid), outcome=outcome, import_id=data["import_id"], rows_read=data["rows_read"],
        rows_rejected=data["rows_rejected"], records_created=data["records_created"],
        records_updated=data["records_updated"], problem_count=len(problems),
        rejects_name=rejects_path.name if rejects_path.exists() else None, report=summary,
        report_name=report_path.name if report_path.exists() else None)
    return UploadResult(upload_id, outcome, {**summary, "upload_id": upload_id, "outcome": outcome}, problems,
                        warnings)


def _as_sent(report: ImportReport, stored: str, original_name: str) -> ImportReport:
    """The report with the stored file's name replaced by the name it was uploaded as."""
    def named(file: str) -> str:
        return original_name if file == stored else file

    return replace(report, problems=[replace(p, file=named(p.file)) for p in report.problems],
                   rejected={(named(f), row): cells for (f, row), cells in report.rejected.items()})


def upload_problems(folder: Path, upload: dict) -> list[dict]:
    """The problems of a stored upload, from its kept report (for the history page's detail view)."""
    if not upload.get("report_name"):
        return []
    data = json.loads((folder / upload["report_name"]).read_text(encoding="utf-8"))
    return [problem_row(p, upload["original_name"]) for p in data.get("problems", [])]
