"""The score in four formats: JSON (keyed by record id), CSV, XLSX for officials, GeoJSON points.

Text cells of CSV and XLSX go through ``reports.tabular.excel_safe`` (CSV injection). Home modifications are
personal data: never a point, never an address (``surveys.scoring`` already blanked them).
"""
from __future__ import annotations

import json
import math
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from reports.tabular import excel_safe, write_csv
from surveys.importer import ImportReport
from surveys.schema import load_schema
from surveys.scoring import ScoreResult

FORMATS = ("json", "csv", "xlsx", "geojson")
STATUS_ZH = {"compliant": "符合", "non_compliant": "不符合", "incomplete": "信息不全"}
SEVERITY_ZH = {"critical": "严重", "major": "重要", "minor": "轻微", "": ""}
VERDICT_ZH = {"failed": "不符合", "passed": "符合", "not_assessed": "未评估", "inapplicable": "不适用"}
CSV_COLUMNS = ("record_id", "facility_type", "facility_subtype", "street_code", "street_name", "community_code",
               "community_name", "site_name", "build_status", "plan_item", "status", "worst_severity",
               "failed_count", "not_assessed_count", "advisory_count", "failing_rule_ids", "lon", "lat", "source_crs")
VERDICT_COLUMNS = ("record_id", "rule_id", "field", "verdict", "severity", "clause", "tier", "binding", "judged_by",
                   "level", "confidence", "plan_item", "value", "limit")
HEADERS_ZH = {
    "record_id": "记录编号", "facility_type": "设施类型", "facility_subtype": "子类", "street_code": "街道代码",
    "street_name": "街道", "community_code": "社区代码", "community_name": "社区", "site_name": "场所名称",
    "build_status": "建设状态", "plan_item": "规划条目（专栏9）", "status": "评估结论", "worst_severity": "最严重等级",
    "failed_count": "不符合条款数", "not_assessed_count": "未评估条款数", "advisory_count": "建议改进数",
    "failing_rule_ids": "不符合条款", "failing_detail": "不符合内容", "lon": "经度(WGS84)", "lat": "纬度(WGS84)",
    "source_crs": "原坐标系", "facilities": "设施数", "compliant": "符合", "non_compliant": "不符合",
    "incomplete": "信息不全", "critical_facilities": "有严重问题的设施", "critical_failures": "严重问题条款数",
    "compliance_share": "符合率", "survey_datetime": "调查时间", "judged_by": "判定层级", "confidence": "来源可信度",
}
LEVEL_TITLES = {"street": "按街道 / by street", "community": "按社区 / by community",
                "facility_type": "按设施类型 / by facility type", "plan_item": "按规划条目 / by plan item"}


def _clean(value: Any) -> Any:
    """JSON-safe: NaN -> None, numpy scalars -> Python."""
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _share(compliant: int, non_compliant: int) -> float | None:
    """compliant / (compliant + non-compliant): incomplete facilities are counted apart."""
    judged = compliant + non_compliant
    return round(compliant / judged, 4) if judged else None


def headline(result: ScoreResult) -> dict:
    f = result.facilities
    counts = f["status"].value_counts()
    return {
        "facilities": int(len(f)),
        "compliant": int(counts.get("compliant", 0)),
        "non_compliant": int(counts.get("non_compliant", 0)),
        "incomplete": int(counts.get("incomplete", 0)),
        "critical_facilities": int((f["worst_severity"] == "critical").sum()),
        "compliance_share": _share(int(counts.get("compliant", 0)), int(counts.get("non_compliant", 0))),
        "rules": len(result.rules),
    }


def score_document(result: ScoreResult) -> dict:
    """The JSON document: facilities keyed by record id, each with every rule verdict of its type."""
    verdicts = result.verdicts.sort_values(["record_id", "rule_id"], kind="stable")
    by_record: dict[str, list[dict]] = {}
    columns = [c for c in VERDICT_COLUMNS if c != "record_id"]
    for record_id, rows in zip(verdicts["record_id"], _records(verdicts[columns].astype(object))):
        by_record.setdefault(record_id, []).append(rows)
    facilities = {}
    for row in _records(result.facilities.drop(columns=["failing_rule_ids"]).astype(object)):
        row["verdicts"] = by_record.get(row["record_id"], [])
        facilities[row["record_id"]] = row
    return {
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "rules": {"count": len(result.rules), "source": "checks/facility/rules.yaml"},
        "summary": headline(result),
        "facilities": facilities,
        "aggregates": {level: _records(table.astype(object)) for level, table in result.aggregates.items()},
    }


def score_json(result: ScoreResult) -> str:
    return json.dumps(score_document(result), ensure_ascii=False, separators=(",", ":"))


def write_json(result: ScoreResult, path: Path) -> None:
    path.write_text(score_json(result), encoding="utf-8")


def write_score_csv(result: ScoreResult, path: Path | None, table: str = "facilities") -> str:
    """A row per facility (or per facility and rule); returns the text, also written to ``path`` if given."""
    frame = result.verdicts if table == "verdicts" else result.facilities
    columns = list(VERDICT_COLUMNS if table == "verdicts" else CSV_COLUMNS)
    return write_csv(path, columns, _records(frame[columns].astype(object)))


def facility_features(result: ScoreResult) -> dict:
    """One WGS84 point per located facility (home modifications never), with status and failing rules."""
    f = result.facilities
    located = f[f["lon"].notna() & f["lat"].notna() & (f["facility_type"] != "home_modification")]
    props = ("record_id", "facility_type", "facility_subtype", "street_name", "community_name", "site_name",
             "build_status", "plan_item", "status", "worst_severity", "failed_count", "not_assessed_count",
             "failing_rules", "source_crs")
    features = []
    for row in _records(located[list(props) + ["lon", "lat"]].astype(object)):
        lon, lat = row.pop("lon"), row.pop("lat")
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]},
                         "properties": row})
    return {"type": "FeatureCollection", "name": "wuzhangai-facilities", "features": features}


def write_geojson(result: ScoreResult, path: Path) -> None:
    path.write_text(json.dumps(facility_features(result), ensure_ascii=False), encoding="utf-8")


def _failing_detail(rules: list[dict]) -> str:
    return "\n".join(f"{r['rule_id']} {r['clause']}：{r['message_zh']}" for r in rules)


def write_xlsx(result: ScoreResult, path: Path) -> None:
    """汇总 (summary with the four aggregate tables), one sheet per facility type, and the rules."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    schema = load_schema()
    book = Workbook(write_only=True)
    bold = Font(bold=True)

    def header_row(sheet, names: list[str]) -> None:
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for name in names:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    summary = book.create_sheet("汇总")
    summary.append(["无障碍设施评估汇总 / facility compliance summary"])
    for key, value in headline(result).items():
        summary.append([HEADERS_ZH.get(key, key), value])
    for level, table in result.aggregates.items():
        summary.append([])
        summary.append([LEVEL_TITLES[level]])
        columns = list(table.columns)
        header_row(summary, [HEADERS_ZH.get(c, c) for c in columns])
        for row in table.itertuples(index=False):
            summary.append([excel_safe(_clean(v)) for v in row])

    facilities = result.facilities
    records = result.records
    base = ["record_id", "street_name", "community_name", "site_name", "build_status", "status", "worst_severity",
            "failing_rule_ids", "failing_detail", "plan_item", "lon", "lat", "source_crs", "survey_datetime"]
    for ftype, spec in schema.types.items():
        mask = (facilities["facility_type"] == ftype).to_numpy()
        if not mask.any():
            continue
        sheet = book.create_sheet(spec.zh[:31].replace("/", "、"))
        fields = [f.name for f in spec.fields if f.name in records.columns]
        header_row(sheet, [HEADERS_ZH[c] for c in base] + [schema.field(f).zh for f in fields])
        rows = facilities[mask].assign(failing_detail=facilities.loc[mask, "failing_rules"].map(_failing_detail))
        rows = rows.assign(status=rows["status"].map(STATUS_ZH), worst_severity=rows["worst_severity"].map(SEVERITY_ZH))
        table = pd.concat([rows[base].reset_index(drop=True), records.loc[mask, fields].reset_index(drop=True)], axis=1)
        for values in table.astype(object).itertuples(index=False):
            sheet.append([excel_safe(_clean(v)) for v in values])

    rules_sheet = book.create_sheet("规则")
    header_row(rules_sheet, ["规则编号", "设施类型", "字段", "条款", "严重程度", "约束", "适用层级", "来源可信度", "规划条目", "要求", "requirement"])
    for r in result.rules:
        rules_sheet.append([excel_safe(v) for v in (r.id, r.facility_type, r.field, r.clause, SEVERITY_ZH[r.severity],
                                                     "应" if r.mandatory else "宜", r.tier, r.confidence, r.plan_item,
                                                     r.message_zh, r.message_en)])
    book.save(path)


def write_score(result: ScoreResult, fmt: str, path: Path, table: str = "facilities") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    {"json": lambda: write_json(result, path), "csv": lambda: write_score_csv(result, path, table),
     "xlsx": lambda: write_xlsx(result, path), "geojson": lambda: write_geojson(result, path)}[fmt]()
    return path


def write_rejects(report: ImportReport, path: Path) -> None:
    """The rejected rows of an import as CSV: file, row, record id, the reasons in zh and en, the original cells."""
    reasons: dict[tuple[str, int], list] = {}
    for p in report.problems:
        if p.row is not None:
            reasons.setdefault((p.file, p.row), []).append(p)
    rows = []
    for (file, row), problems in sorted(reasons.items()):
        raw = report.rejected.get((file, row), {})
        rows.append({
            "file": file, "row": row,
            "record_id": raw.get("record_id") or raw.get("_uuid")
            or next((v for k, v in raw.items() if k.lower().endswith("instanceid")), ""),
            "reasons_zh": "；".join(f"{p.field} {p.value!r} {p.zh}" for p in problems),
            "reasons_en": "; ".join(f"{p.field} {p.value!r} {p.en}" for p in problems),
            "original": json.dumps(raw, ensure_ascii=False),
        })
    write_csv(path, ["file", "row", "record_id", "reasons_zh", "reasons_en", "original"], rows)
