"""Importing survey files: read in chunks, validate everything, then write in one transaction.

The rows that pass validation go to a temporary staging table inside the import's transaction as they are
read, so memory stays bounded whatever the file size; the facilities table is only touched at the end, by
one upsert (a re-imported record id is updated, never duplicated). Any invalid row and the transaction is
rolled back: nothing is imported unless ``skip_invalid`` asks for the valid rows. A process killed half way
leaves the database as it was (SQLite rolls the open transaction back).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd
from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, Text, text
from sqlalchemy.engine import Connection, Engine

from checks.facility.rules import Implies, Rule, load_implies, load_rules
from surveys.columns import ColumnPlan, apply_plan, plan_columns
from surveys.coverage import FileCoverage, add_chunk, presence_conflicts
from surveys.places import Area, load_area
from surveys.problems import Problem
from surveys.readers import DEFAULT_CHUNK_ROWS, SourceError, read_chunks
from surveys.schema import Schema, load_schema
from surveys.validate import Validator
from store.surveys import RECORD_COLUMNS, SurveyFacility, SurveyImport, now

Progress = Callable[[str, int], None]
REQUIRED_COLUMNS: tuple[tuple[str, ...], ...] = (("record_id",), ("facility_type",), ("street", "community"))


@dataclass
class ImportReport:
    files: list[dict] = field(default_factory=list)
    rows_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rejected: dict[tuple[str, int], dict] = field(default_factory=dict)  # (file, row) -> raw cells
    created: int = 0
    updated: int = 0
    imported: bool = False
    import_id: int | None = None

    @property
    def rejected_rows(self) -> int:
        return len({(p.file, p.row) for p in self.problems if p.row is not None})

    def to_dict(self) -> dict:
        return {
            "imported": self.imported, "import_id": self.import_id, "files": self.files,
            "rows_read": self.rows_read, "rows_rejected": self.rejected_rows,
            "records_created": self.created, "records_updated": self.updated,
            "problems": [p.to_dict() for p in self.problems], "warnings": [p.to_dict() for p in self.warnings],
        }


class ImportRefused(Exception):
    """Invalid rows (or an unreadable file) and no ``skip_invalid``: nothing was written."""

    def __init__(self, report: ImportReport):
        super().__init__(f"{len(report.problems)} problems")
        self.report = report


def _staging_table() -> Table:
    columns = [Column("seq", Integer, primary_key=True, autoincrement=True), Column("file_no", Integer),
               Column("row_no", Integer), Column("rejected", Boolean, default=False)]
    for col in SurveyFacility.__table__.columns:
        if col.name not in ("import_id", "updated_at"):
            columns.append(Column(col.name, col.type.__class__() if not isinstance(col.type, String) else Text()))
    return Table("survey_import_staging", MetaData(), *columns, prefixes=["TEMPORARY"])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_NULL_MEMBER = re.compile(r'"[^"]+":null,?')


def measurement_json(frame: pd.DataFrame, fields: list) -> list[str]:
    """One JSON object per row with the measured fields only (empty = absent): yes/no as true/false, counts
    as integers. Written by pandas in C, not by a Python loop over cells."""
    typed = pd.DataFrame(index=frame.index)
    for f in fields:
        column = frame[f.name]
        if f.kind == "bool":
            typed[f.name] = column.astype("boolean")
        elif f.kind == "count":
            typed[f.name] = column.astype("Int64")
        elif f.kind == "number":
            typed[f.name] = column.astype(np.float64)
        else:
            typed[f.name] = column.astype(object)
    if typed.shape[1] == 0:
        return ["{}"] * len(frame)
    lines = typed.to_json(orient="records", lines=True, force_ascii=False, double_precision=10).splitlines()
    return [_NULL_MEMBER.sub("", line).replace(",}", "}") for line in lines]


EXTRA_KEY = "extra_cells"  # measurements JSON member: {original header: cell} of what the schema does not know


def extra_cells(raw: pd.DataFrame, plan: ColumnPlan, unknown_type: np.ndarray, schema: Schema) -> pd.Series:
    """Per row, the cells nothing else keeps, as a JSON object by original header (None when there are none):
    columns the schema does not know, and on rows of an unknown facility type the measurement columns too
    (the validator reads a type's fields only on rows of that type). Written by pandas, not a row loop."""
    common = {f.name for f in schema.common} | {"submission_time"}
    measurement_headers = [s.column for name, sources in plan.sources.items() if name not in common for s in sources]
    cells = raw[plan.unknown].astype(object) if plan.unknown else pd.DataFrame(index=raw.index)
    if unknown_type.any() and measurement_headers:
        typed_cells = raw[measurement_headers].astype(object)
        typed_cells = typed_cells.where(np.broadcast_to(unknown_type[:, None], typed_cells.shape), "")
        cells = pd.concat([cells, typed_cells], axis=1)
    out = pd.Series(None, index=raw.index, dtype=object)
    if cells.shape[1] == 0:
        return out
    cells = cells.loc[:, ~cells.columns.duplicated()].astype(str)
    filled = (cells.apply(lambda c: c.str.strip()) != "").to_numpy()
    rows = filled.any(axis=1)
    if rows.any():
        kept = cells[rows].where(filled[rows], None)
        lines = kept.to_json(orient="records", lines=True, force_ascii=False).splitlines()
        out[rows] = [_NULL_MEMBER.sub("", line).replace(",}", "}") for line in lines]
    return out


def _with_extra(measurements: str, extra: object) -> str:
    if not isinstance(extra, str) or not extra:  # None, or NaN after pandas has been through the column
        return measurements
    return "{" + f'"{EXTRA_KEY}":{extra}' + ("," + measurements[1:] if measurements != "{}" else "}")


def db_rows(records: pd.DataFrame, schema: Schema, file_no: int) -> list[dict]:
    """Staging rows: the record columns, plus the type's measurements (and cells kept aside) as one JSON object."""
    rows: list[dict] = []
    record_cols = [c for c in RECORD_COLUMNS if c in records.columns]
    extras = records[EXTRA_KEY] if EXTRA_KEY in records.columns else pd.Series(None, index=records.index, dtype=object)
    for ftype, group in records.groupby("facility_type", sort=False):
        spec = schema.types.get(ftype)  # None: a type we have no schema or rules for (its cells are extras)
        fields = [f for f in spec.fields if f.name in group.columns] if spec else []
        measured = [_with_extra(m, e) for m, e in zip(measurement_json(group, fields), extras.loc[group.index])]
        base = group[record_cols + ["row_number"]].astype(object).where(group[record_cols + ["row_number"]].notna(), None)
        for rec, measurements in zip(base.to_dict("records"), measured):
            row = {c: rec[c] for c in record_cols}
            if row.get("is_temporary_issue_bool") is not None:
                row["is_temporary_issue_bool"] = bool(row["is_temporary_issue_bool"])
            row["crs_assumed"] = bool(row.get("crs_assumed") or False)
            row["measurements"] = measurements
            row["file_no"], row["row_no"], row["rejected"] = file_no, int(rec["row_number"]), False
            rows.append(row)
    return rows


def _file_problems(plan, name: str, kinds: set[str]) -> list[Problem]:
    problems = []
    for alternatives in REQUIRED_COLUMNS:
        if not any(plan.has(a) for a in alternatives):
            label = " 或 ".join(alternatives)
            problems.append(Problem(None, "/".join(alternatives), "", "missing_column",
                                    f"缺少必需的列 {label}", f"required column {' or '.join(alternatives)} is missing", name))
    if not (plan.has("lon") and plan.has("lat")) and not kinds <= {"home_modification", "parking_stall"}:
        problems.append(Problem(None, "lon/lat", "", "missing_column", "缺少坐标列 lon、lat（或 location 定位点）",
                                "coordinate columns lon and lat (or a location geopoint) are missing", name))
    return problems


def _check_duplicates(conn: Connection, staging: Table, names: list[str], report: ImportReport) -> None:
    rows = conn.execute(text(
        f"SELECT seq, record_id, file_no, row_no FROM {staging.name} WHERE record_id IN "
        f"(SELECT record_id FROM {staging.name} GROUP BY record_id HAVING COUNT(*) > 1) "
        "ORDER BY record_id, file_no, row_no")).all()
    first: dict[str, tuple[int, int]] = {}
    rejected: list[int] = []
    for seq, record_id, file_no, row_no in rows:
        if record_id not in first:
            first[record_id] = (file_no, row_no)
            continue
        f0, r0 = first[record_id]
        where_zh = f"第 {r0} 行" if f0 == file_no else f"{names[f0]} 第 {r0} 行"
        where_en = f"row {r0}" if f0 == file_no else f"{names[f0]} row {r0}"
        report.problems.append(Problem(row_no, "record_id", record_id, "duplicate_id", f"与{where_zh}的记录编号重复",
                                       f"duplicates the record id of {where_en}", names[file_no]))
        rejected.append(seq)
    if rejected:
        conn.execute(staging.update().where(staging.c.seq.in_(rejected)).values(rejected=True))


def _upsert(conn: Connection, staging: Table, import_id: int) -> tuple[int, int]:
    cols = [c.name for c in SurveyFacility.__table__.columns if c.name not in ("import_id", "updated_at")]
    updated = conn.execute(text(
        f"SELECT COUNT(*) FROM {staging.name} s WHERE NOT s.rejected AND EXISTS "
        "(SELECT 1 FROM survey_facilities f WHERE f.record_id = s.record_id)")).scalar_one()
    total = conn.execute(text(f"SELECT COUNT(*) FROM {staging.name} WHERE NOT rejected")).scalar_one()
    names = ", ".join(cols)
    assignments = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "record_id")
    conn.execute(text(
        f"INSERT INTO survey_facilities ({names}, import_id, updated_at) "
        f"SELECT {names}, :import_id, :updated_at FROM {staging.name} WHERE NOT rejected "
        f"ON CONFLICT (record_id) DO UPDATE SET {assignments}, import_id = excluded.import_id, "
        "updated_at = excluded.updated_at"), {"import_id": import_id, "updated_at": now()})
    return int(total) - int(updated), int(updated)


def import_surveys(
    engine: Engine,
    paths: Iterable[str | Path],
    default_crs: str | None = None,
    skip_invalid: bool = False,
    boundary: str | Path | None = None,
    chunk_size: int = DEFAULT_CHUNK_ROWS,
    progress: Progress | None = None,
) -> ImportReport:
    """Import files as one transaction. Raises :class:`ImportRefused` (nothing written) on invalid rows
    unless ``skip_invalid``; then the valid rows are imported and the rejects are in the report."""
    schema = load_schema()
    rules, implies = load_rules(), load_implies()
    area: Area = load_area(boundary)
    paths = [Path(p) for p in paths]
    names = [p.name for p in paths]
    report = ImportReport()
    staging = _staging_table()
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE IF EXISTS {staging.name}"))
        staging.create(conn)
        for file_no, path in enumerate(paths):
            _stage_file(conn, staging, file_no, path, schema, area, default_crs, chunk_size, report, progress,
                        (rules, implies))
        _check_duplicates(conn, staging, names, report)
        if report.problems and (not skip_invalid or any(p.row is None for p in report.problems)):
            raise ImportRefused(report)  # leaving the block rolls the transaction (and the staging) back
        result = conn.execute(SurveyImport.__table__.insert().values(
            imported_at=now(), sources=json.dumps(report.files, ensure_ascii=False), default_crs=default_crs,
            rows_read=report.rows_read, rows_rejected=report.rejected_rows, records_created=0, records_updated=0))
        import_id = int(result.inserted_primary_key[0])
        report.created, report.updated = _upsert(conn, staging, import_id)
        conn.execute(SurveyImport.__table__.update().where(SurveyImport.__table__.c.id == import_id).values(
            records_created=report.created, records_updated=report.updated))
        conn.execute(text(f"DROP TABLE {staging.name}"))
        report.imported, report.import_id = True, import_id
    return report


def _stage_file(conn: Connection, staging: Table, file_no: int, path: Path, schema: Schema, area: Area,
                default_crs: str | None, chunk_size: int, report: ImportReport, progress: Progress | None,
                judged_by: tuple[tuple[Rule, ...], Implies]) -> None:
    entry: dict = {"name": path.name, "sha256": _sha256(path) if path.is_file() else "", "rows": 0,
                   "unknown_columns": [], "unknown_types": {}}
    report.files.append(entry)
    validator = Validator(schema, area, default_crs, path.name)
    coverage = FileCoverage(path.name)
    rules, implies = judged_by
    try:
        info, chunks = read_chunks(path, chunk_size)
        entry["kind"] = info.kind
        checked_columns = False
        for chunk in chunks:
            plan = plan_columns(list(chunk.frame.columns), schema)
            canonical = apply_plan(chunk.frame, plan)
            if not checked_columns:
                kinds = set(canonical["facility_type"].str.strip()) if "facility_type" in canonical else set()
                file_problems = _file_problems(plan, path.name, kinds)
                for header in plan.unknown:
                    entry["unknown_columns"].append(str(header))
                    report.warnings.append(Problem(None, header, "", "unknown_column",
                                                   f"不是调查字段，未评估；其内容已原样保存（{EXTRA_KEY}）",
                                                   f"is not a survey field: not judged, its cells kept as written "
                                                   f"({EXTRA_KEY})", path.name))
                if file_problems:
                    report.problems.extend(file_problems)
                    return
                checked_columns = True
            result = validator.validate(canonical, chunk.rows)
            for row, header, formula in chunk.formula_cells:
                result.problems.append(Problem(row, header, formula, "formula_cell", "是公式，请将表格另存为数值",
                                               "is a formula: save the sheet with values only", path.name))
            report.problems.extend(result.problems)
            report.warnings.extend(result.warnings)
            bad_rows = {p.row for p in result.problems}
            if bad_rows:
                keep = ~np.isin(result.records["row_number"].to_numpy(), list(bad_rows))
                result.records = result.records[keep]
                for i in np.flatnonzero(np.isin(chunk.rows, list(bad_rows))):
                    report.rejected[(path.name, int(chunk.rows[i]))] = chunk.frame.iloc[i].to_dict()
            result.records = _keep_extras(result.records, chunk.frame, plan, schema, entry)
            add_chunk(coverage, result.records, set(plan.sources) | ({"lon", "lat"} if plan.geopoint else set()),
                      rules, implies)
            report.warnings.extend(presence_conflicts(result.records, implies, schema, path.name))
            rows = db_rows(result.records, schema, file_no)
            if rows:
                conn.execute(staging.insert(), rows)
            entry["rows"] += len(chunk.frame)
            report.rows_read += len(chunk.frame)
            if progress:
                progress(path.name, entry["rows"])
        entry.update(encoding=info.encoding, sheets=info.sheets, coverage=coverage.to_dict())
    except SourceError as exc:
        report.problems.append(Problem(None, "", "", "unreadable_file", exc.zh, exc.en, path.name))


def _keep_extras(records: pd.DataFrame, raw: pd.DataFrame, plan: ColumnPlan, schema: Schema,
                 entry: dict) -> pd.DataFrame:
    """The valid records with the cells nothing else stores (``EXTRA_KEY``); counts unknown types in ``entry``."""
    if records.empty:
        return records
    unknown = ~records["facility_type"].isin(list(schema.types)).to_numpy()
    for name, n in records.loc[unknown, "facility_type"].value_counts().items():
        entry["unknown_types"][str(name)] = entry["unknown_types"].get(str(name), 0) + int(n)
    unknown_rows = np.zeros(len(raw), dtype=bool)
    unknown_rows[raw.index.get_indexer(records.index[unknown])] = True
    extras = extra_cells(raw, plan, unknown_rows, schema)
    return records.assign(**{EXTRA_KEY: extras.loc[records.index].to_numpy()})
