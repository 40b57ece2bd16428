"""What the district report shows, gathered from the store as plain data (the district report's JSON).

Web estate from the scan store (``store.sites``), facilities from the survey store
(``surveys.scoring.scored_facilities``), gaps and maps from ``geodata`` (one ``MapData`` for the static
and the interactive maps), plan targets and the district's facts from its profile (``geodata.district``; Jianghan's
plan is ``geodata/districts/jianghan/plan.yaml``). A profile without a plan gets a report that says so.

Household modification records (facility type ``home_modification``) are personal data: they are counted
per community and in total, and never listed, located or named.

Compliance share, everywhere in this report: compliant ÷ assessed (compliant + non-compliant); facilities with
incomplete data are counted and shown but not in the share — the same definition as the gap analysis.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import pandas as pd
import yaml
from sqlalchemy.engine import Engine

from checks.facility.rules import load_rules, load_tier_basis
from checks.web.messages import rule_help
from checks.web.miit import miit_table, worst_outcomes
from geodata.district import District, current_district
from geodata.layers import PERSONAL_TYPES
from reports.site_report import ranked_issues, score_trend
from reports.tables import records
from store import scans as scan_store
from store import surveys as survey_store
from store.sites import scan_history, site_summaries
from surveys.schema import load_schema

WORST_ISSUES_PER_SITE = 3
STATUSES = {  # plan item status -> zh, en
    "met": ("已达标（已调查范围）", "met (within what was surveyed)"),
    "in_progress": ("推进中", "in progress"),
    "no_evidence": ("暂无证据", "no evidence held"),
}


# What the report shows for a district whose profile holds no plan: every plan section says so.
NO_PLAN: dict[str, Any] = {
    "plan": {"title": "（区档案中没有规划）", "title_en": "(no plan in the district profile)", "issuer": "—",
             "issued": "—"},
    "column9": {"title": "", "groups": []},
    "targets": {},
}
NEW_BUILD_DEFAULT = {  # without a plan, the national code's own demand: every new or extended facility complies
    "name": "新建项目无障碍设施建设率", "name_en": "Accessibility of new construction projects", "target_percent": 100,
    "source": "GB 55019-2021（全文强制）/ GB 55019-2021 (mandatory in full)"}


def plan(district: District | None = None) -> dict[str, Any]:
    """The plan of ``district`` (default: the current one), or ``NO_PLAN`` when its profile has none."""
    return (district or current_district()).plan or NO_PLAN


@lru_cache(maxsize=1)
def _general_sources() -> list[dict[str, str]]:
    return yaml.safe_load(files("reports").joinpath("data/sources.yaml").read_text(encoding="utf-8"))["sources"]


def data_sources(district: District | None = None) -> list[dict[str, str]]:
    """The district's own sources (its profile's) and the project's (rules, ``reports/data/sources.yaml``)."""
    return list((district or current_district()).sources) + _general_sources()


def share(compliant: int, non_compliant: int) -> float | None:
    assessed = compliant + non_compliant
    return round(compliant / assessed, 4) if assessed else None


# ------------------------------------------------------------------------------------------------- web estate

def web_estate(engine: Engine, lang: str, sites: pd.DataFrame | None = None) -> dict[str, Any]:
    """Every website with its latest score, the change since its previous scan, and its worst issues (专栏9 二.1);
    the apps audited from their screens (``wuzhangai app audit``), the same way, apart under ``apps`` (二.2)."""
    frame = site_summaries(engine) if sites is None else sites
    scanned = frame[frame["latest_scan_id"].notna()] if len(frame) else frame
    latest_ids = [int(i) for i in scanned["latest_scan_id"]] if len(scanned) else []
    worst = _worst_issues(engine, latest_ids, lang)
    miit = _miit_counts(engine, latest_ids, frame, lang)
    rows = []
    for site in records(frame.to_dict("records")):
        history, change = score_trend(scan_history(engine, int(site["site_id"])) if site.get("latest_scan_id") else [])
        issues = worst.get(site.get("latest_scan_id"), [])
        rows.append({**site, "score": None if site.get("score") is None else round(site["score"], 1),
                     "score_change": change, "scans": len(history), "trend": [h["score"] for h in history],
                     "critical_issues": sum(1 for i in issues if i["impact"] == "critical"),
                     "worst_issues": issues[:WORST_ISSUES_PER_SITE],
                     "worst_issues_text": "；".join(f"{i['help']}（{i['count']}）" for i in issues[:WORST_ISSUES_PER_SITE]),
                     **miit.get(site.get("latest_scan_id"), {})})
    rows.sort(key=lambda r: (r["score"] is None, r["score"] if r["score"] is not None else 0))
    websites = [r for r in rows if (r.get("kind") or "web") != "app"]
    apps = [r for r in rows if r.get("kind") == "app"]
    return {**_estate_figures(websites, "sites"), "apps": apps, **_estate_figures(apps, "apps"),
            "mobile_scans": _mobile_scan_count(engine)}


MIIT_COUNT_KEYS = {"failed": "miit_failed", "cantTell": "miit_review", "passed": "miit_passed", "untested": "miit_untested"}


def _miit_counts(engine: Engine, scan_ids: list[int], frame: pd.DataFrame, lang: str) -> dict[int, dict[str, int]]:
    """Per latest scan, how many MIIT 适老化 technical items (our mapping, ``checks.web.miit``) its rules failed,
    left to review, passed or did not test."""
    kinds = {int(r["latest_scan_id"]): r.get("kind") or "web" for r in frame.to_dict("records")
             if r.get("latest_scan_id") is not None and r["latest_scan_id"] == r["latest_scan_id"]}
    out = {}
    for scan_id, per_page in scan_store.page_rule_outcomes(engine, scan_ids).items():
        counts = miit_table(worst_outcomes(per_page), kinds.get(scan_id, "web"), lang.startswith("zh"))["counts"]
        out[scan_id] = {key: counts[outcome] for outcome, key in MIIT_COUNT_KEYS.items()}
    return out


def _miit_sentence(rows: list[dict[str, Any]], zh: bool) -> str:
    """The MIIT items failed over ``rows`` (websites or apps), for a plan row's evidence."""
    failed = sum(r.get("miit_failed") or 0 for r in rows)
    untested = sum(r.get("miit_untested") or 0 for r in rows)
    return (f"适老化技术项（本项目映射）不通过 {failed} 项次、未检测 {untested} 项次" if zh else
            f"MIIT elder-friendly technical items (our mapping): {failed} failed, {untested} not tested, summed")


def _estate_figures(rows: list[dict[str, Any]], noun: str) -> dict[str, Any]:
    """How many were scanned (audited), their mean score and how many have critical issues."""
    scored = [r["score"] for r in rows if r["score"] is not None]
    mean = round(sum(scored) / len(scored), 1) if scored else None
    if noun == "apps":
        return {"apps_audited": len(scored), "apps_mean_score": mean,
                "apps_with_critical": sum(1 for r in rows if r["critical_issues"])}
    return {"sites": rows, "sites_total": len(rows), "sites_scanned": len(scored), "mean_score": mean,
            "sites_with_critical": sum(1 for r in rows if r["critical_issues"])}


def _worst_issues(engine: Engine, scan_ids: list[int], lang: str) -> dict[int, list[dict[str, Any]]]:
    """Failed issues per scan, ranked as in the site report (impact weight x pages)."""
    if not scan_ids:
        return {}
    rows = scan_store.failed_issues(engine, scan_ids)
    by_scan: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        by_scan.setdefault(r["scan_id"], []).append({
            "rule_id": r["rule_id"], "outcome": "failed", "impact": r["impact"], "count": r["page_count"] or 0,
            "wcag": r["wcag"] or [], "help": rule_help(r["rule_id"], lang, r["help"] or "")})
    return {scan_id: ranked_issues(issues) for scan_id, issues in by_scan.items()}


def _mobile_scan_count(engine: Engine) -> int:
    """Scans made with mobile emulation (``--device``): evidence for 专栏9 二.2 (H5 pages)."""
    return sum(1 for c in scan_store.finished_scan_configs(engine) if c.get("device"))


def scan_log(engine: Engine) -> list[dict[str, Any]]:
    """When and how each scan was made (method appendix)."""
    rows = scan_store.scans_with_sites(engine)
    return [{"scan_id": r["id"], "site": r["base_url"], "started_at": r["started_at"].isoformat() if r["started_at"] else None,
             "finished_at": r["finished_at"].isoformat() if r["finished_at"] else None, "state": r["state"],
             "mode": r["mode"], "standard": r["standard"], "device": (r["config"] or {}).get("device"),
             "axe_version": r["axe_version"], "browser_version": r["browser_version"],
             "score": None if r["site_score"] is None else round(r["site_score"], 1)} for r in rows]


# ------------------------------------------------------------------------------------------------- facilities

@dataclass
class FacilityFigures:
    public: pd.DataFrame  # every facility except household records
    households: pd.DataFrame  # household records: only ever counted


def split_facilities(frame: pd.DataFrame) -> FacilityFigures:
    personal = frame["facility_type"].isin(PERSONAL_TYPES) if len(frame) else pd.Series(dtype=bool)
    return FacilityFigures(public=frame[~personal], households=frame[personal])


def facility_headline(public: pd.DataFrame) -> dict[str, Any]:
    status = public["status"] if len(public) else pd.Series(dtype=object)
    compliant, non = int((status == "compliant").sum()), int((status == "non_compliant").sum())
    return {"facilities": int(len(public)), "compliant": compliant, "non_compliant": non,
            "incomplete": int((status == "incomplete").sum()), "compliance_share": share(compliant, non),
            "critical_failures": int(critical_mask(public).sum())}


def critical_mask(public: pd.DataFrame) -> pd.Series:
    if not len(public):
        return pd.Series(dtype=bool)
    return (public["status"] == "non_compliant") & (public["worst_severity"] == "critical")


def by_facility_type(public: pd.DataFrame, labels: dict[str, tuple[str, str]], lang: str) -> list[dict[str, Any]]:
    if not len(public):
        return []
    grouped = public.assign(_c=public["status"] == "compliant", _n=public["status"] == "non_compliant",
                            _i=public["status"] == "incomplete", _k=critical_mask(public)).groupby("facility_type")
    table = grouped.agg(facilities=("record_id", "size"), compliant=("_c", "sum"), non_compliant=("_n", "sum"),
                        incomplete=("_i", "sum"), critical_failures=("_k", "sum")).reset_index()
    out = []
    for row in records(table.to_dict("records")):
        zh, en = labels.get(row["facility_type"], (row["facility_type"], row["facility_type"]))
        out.append({**row, "label": zh if lang.startswith("zh") else en,
                    "compliance_share": share(row["compliant"], row["non_compliant"])})
    return sorted(out, key=lambda r: (r["compliance_share"] is None, r["compliance_share"] or 0))


def critical_failures(public: pd.DataFrame, labels: dict[str, tuple[str, str]], lang: str) -> list[dict[str, Any]]:
    """Every public facility with a critical failure, most failing clauses first."""
    from geodata.gaps import failing_rules_of

    zh = lang.startswith("zh")
    rows = []
    for row in records(public[critical_mask(public)].to_dict("records")):
        rules = [r for r in failing_rules_of(row.get("failing_rules")) if r.get("severity") == "critical"]
        rows.append({
            "record_id": row["record_id"], "facility_type": row["facility_type"],
            "label": labels.get(row["facility_type"], (row["facility_type"],) * 2)[0 if zh else 1],
            "site_name": row.get("site_name"), "street_name": row.get("street_name"),
            "community_name": row.get("community_name"), "critical_rules": len(rules),
            "clauses": [r.get("clause") for r in rules],
            "problems": "；".join(str(r.get("message_zh" if zh else "message_en") or "") for r in rules),
            "lon": row.get("lon"), "lat": row.get("lat")})
    return sorted(rows, key=lambda r: (-r["critical_rules"], str(r["street_name"] or ""), r["record_id"]))


def failures_by_confidence(public: pd.DataFrame) -> dict[str, Any]:
    """How far the failures rest on rules whose source is not confirmed: the binding mandatory failures counted by
    the source confidence of their rule, and the non-compliant facilities all of whose failures rest on medium- or
    low-confidence rules (they would be compliant or incomplete judged by the high-confidence rules alone)."""
    from geodata.gaps import failing_rules_of

    confidence = {r.id: r.confidence for r in load_rules()}
    counts = {"high": 0, "medium": 0, "low": 0}
    only_weak = 0
    failing = public.loc[public["status"] == "non_compliant", "failing_rules"] if len(public) else []
    for value in failing:
        levels = [r.get("confidence") or confidence.get(r.get("rule_id"), "low") for r in failing_rules_of(value)]
        for level in levels:
            counts[level] = counts.get(level, 0) + 1
        only_weak += bool(levels) and "high" not in levels
    total = sum(counts.values())
    return {**counts, "failures": total, "medium_or_low": counts["medium"] + counts["low"],
            "facilities_only_medium_or_low": only_weak}


def tier_basis(public: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """Facilities per build status with the tier that judged them (``tier_basis`` in the rules file)."""
    if not len(public):
        return []
    zh = lang.startswith("zh")
    basis = load_tier_basis()
    labels = load_schema().field("build_status").values  # the zh labels of the field guide
    status = public["build_status"].astype(object).fillna("unknown")
    rows = []
    for key, group in public.groupby(status, sort=False):
        text = basis.get(str(key), (str(key), str(key)))
        rows.append({"build_status": str(key), "build_status_label": labels.get(str(key), str(key)) if zh else str(key),
                     "basis": text[0 if zh else 1], "facilities": int(len(group)),
                     "non_compliant": int((group["status"] == "non_compliant").sum()),
                     "incomplete": int((group["status"] == "incomplete").sum())})
    order = list(basis)
    return sorted(rows, key=lambda r: order.index(r["build_status"]) if r["build_status"] in order else len(order))


def households_by_community(households: pd.DataFrame) -> list[dict[str, Any]]:
    """专栏2 indicator 11 evidence: household records counted per community — counts only, nothing else."""
    if not len(households):
        return []
    keys = ["street_code", "street_name", "community_code", "community_name"]
    counted = households[keys].astype(object).fillna("").groupby(keys).size().rename("households").reset_index()
    return records(counted.sort_values(["street_code", "community_code"]).to_dict("records"))


# ------------------------------------------------------------------------------------------------- plan progress

def _item_code(plan_item: object) -> str:
    return str(plan_item).split(" ")[0] if isinstance(plan_item, str) else ""


def plan_progress(public: pd.DataFrame, households: pd.DataFrame, web: dict[str, Any], lang: str,
                  district: District | None = None) -> dict[str, Any]:
    """Each 专栏9 item with the evidence held and a status, the new-build rate and indicator 11 (the plan of
    ``district``, default the current one; without a plan, one row saying so, and no household target)."""
    zh = lang.startswith("zh")
    items = []
    codes = public["plan_item"].map(_item_code) if len(public) else pd.Series(dtype=object)
    the_plan = plan(district)
    if the_plan is NO_PLAN:
        items.append({"group": "", "code": "", "name": "区档案中没有规划" if zh else "No plan in the district profile",
                      "evidence_kind": "none", "figure": None, "count": 0, "status": "no_evidence",
                      "status_text": STATUSES["no_evidence"][0 if zh else 1],
                      "evidence": ("规划条目与目标需写入区档案（profile.yaml 的 plan）" if zh else
                                   "plan items and targets go into the district profile (plan in profile.yaml)")})
    for group in the_plan["column9"]["groups"]:
        for item in group["items"]:
            row = {"group": group["name"] if zh else group["name_en"], "code": item["code"],
                   "name": item["name"] if zh else item["name_en"], "evidence_kind": item["evidence"]}
            if item["evidence"] == "facilities":
                mine = public[codes == item["code"]] if len(public) else public
                head = facility_headline(mine)
                row.update(figure=head["compliance_share"], count=head["facilities"],
                           evidence=(f"已调查设施 {head['facilities']} 处，符合 {head['compliant']}，不符合 "
                                     f"{head['non_compliant']}，信息不全 {head['incomplete']}，严重不合格 "
                                     f"{head['critical_failures']}" if zh else
                                     f"{head['facilities']} facilities surveyed: {head['compliant']} compliant, "
                                     f"{head['non_compliant']} not, {head['incomplete']} incomplete, "
                                     f"{head['critical_failures']} critical"),
                           status=_status(head["facilities"], head["non_compliant"] + head["incomplete"]))
                if item["code"] == "一.3" and len(households):
                    row["evidence"] += (f"；家庭无障碍改造 {len(households)} 户" if zh
                                        else f"; {len(households)} homes modified")
                    row["status"] = "in_progress" if row["status"] == "no_evidence" else row["status"]
            elif item["evidence"] == "web":
                n, mean = web["sites_scanned"], web["mean_score"]
                row.update(figure=None if mean is None else round(mean / 100.0, 4), count=n,
                           evidence=(f"已扫描网站 {n} 个，平均得分 {mean if mean is not None else '—'}，有严重问题的网站 "
                                     f"{web['sites_with_critical']} 个" if zh else
                                     f"{n} sites scanned, mean score {mean if mean is not None else '—'}, "
                                     f"{web['sites_with_critical']} with critical issues"),
                           status=_status(n, sum(1 for s in web["sites"] if s.get("issues"))))
                if n:
                    row["evidence"] += ("；" if zh else "; ") + _miit_sentence(web["sites"], zh)
            elif item["evidence"] == "mobile":
                row.update(_mobile_evidence(web, zh))
            else:
                row.update(figure=None, count=0, status="no_evidence",
                           evidence="本工具不采集此项数据" if zh else "this tool collects no data on this item")
            row["status_text"] = STATUSES[row["status"]][0 if zh else 1]
            items.append(row)
    return {"column9": items, "new_build": _new_build_rate(public, zh, the_plan),
            "indicator_11": _indicator_11(households, zh, the_plan)}


def _mobile_evidence(web: dict[str, Any], zh: bool) -> dict[str, Any]:
    """专栏9 二.2 (mobile internet): the apps audited from their screens, and the H5 pages scanned with --device."""
    n, apps = web["mobile_scans"], web["apps_audited"]
    parts = []
    if apps:
        mean = web["apps_mean_score"]
        parts.append(f"已检查移动应用 {apps} 个，平均得分 {mean}，有严重问题的应用 {web['apps_with_critical']} 个" if zh else
                     f"{apps} apps audited, mean score {mean}, {web['apps_with_critical']} with critical issues")
    if apps:
        parts.append(_miit_sentence(web["apps"], zh))
    if n:
        parts.append(f"移动端（H5）扫描 {n} 次" if zh else f"{n} mobile (H5) scans")
    if not parts:
        return {"figure": None, "count": 0, "status": "no_evidence",
                "evidence": ("未检查移动应用（wuzhangai app audit），未做移动端扫描（wuzhangai scan --device）" if zh else
                             "no app audited (wuzhangai app audit), no mobile scan (wuzhangai scan --device)")}
    status = _status(apps, sum(1 for a in web["apps"] if a.get("issues"))) if apps else "in_progress"
    return {"figure": None if not apps else round(web["apps_mean_score"] / 100.0, 4), "count": apps + n,
            "status": status, "evidence": ("；" if zh else "; ").join(parts)}


def _status(count: int, failing: int) -> str:
    if not count:
        return "no_evidence"
    return "met" if failing == 0 else "in_progress"


def _new_build_rate(public: pd.DataFrame, zh: bool, the_plan: dict[str, Any]) -> dict[str, Any]:
    target = the_plan["targets"].get("new_build_rate") or NEW_BUILD_DEFAULT
    new = public[public["build_status"] == "new_or_extended"] if len(public) else public
    head = facility_headline(new)
    return {"name": target["name"] if zh else target["name_en"], "target": target["target_percent"] / 100.0,
            "facilities": head["facilities"], "compliant": head["compliant"], "non_compliant": head["non_compliant"],
            "incomplete": head["incomplete"], "rate": head["compliance_share"], "source": target["source"],
            "status": "no_evidence" if not head["facilities"] else
            ("met" if head["compliance_share"] == 1.0 and not head["incomplete"] else "in_progress")}


def _indicator_11(households: pd.DataFrame, zh: bool, the_plan: dict[str, Any]) -> dict[str, Any]:
    """Homes modified against the plan's target (Jianghan: 专栏2 indicator 11, 280); without one, the count with
    ``target`` None and the name saying there is no target."""
    target = the_plan["targets"].get("indicator_11")
    n = int(len(households))
    if target is None:
        return {"name": "家庭无障碍改造数（户；区档案中没有目标）" if zh else
                        "Homes modified (households; no target in the district profile)",
                "target": None, "households": n, "progress": None, "imported": n > 0, "source": None,
                "by_community": households_by_community(households), "status": "in_progress" if n else "no_evidence"}
    return {"name": target["name"] if zh else target["name_en"], "target": target["target"], "households": n,
            "progress": round(n / target["target"], 4), "imported": n > 0, "source": target["source"],
            "by_community": households_by_community(households),
            "status": "no_evidence" if not n else ("met" if n >= target["target"] else "in_progress")}


# ------------------------------------------------------------------------------------------------- surveys

def survey_log(engine: Engine) -> list[dict[str, Any]]:
    """When and from which files the surveys were imported (method appendix)."""
    import json

    out = []
    for r in survey_store.survey_imports(engine):
        sources = json.loads(r["sources"] or "[]")
        out.append({"import_id": r["id"], "imported_at": r["imported_at"].isoformat() if r["imported_at"] else None,
                    "files": [f"{s.get('name')} ({s.get('kind')}, {s.get('encoding')}, {s.get('rows')})" for s in sources],
                    "rows_read": r["rows_read"], "rows_rejected": r["rows_rejected"],
                    "created": r["records_created"], "updated": r["records_updated"]})
    return out
