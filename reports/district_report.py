"""The district report: the web estate and the facilities of the whole district, for leaders and planners.

Leaders' summary (a few numbers and one map) first; then every scanned site with score, trend and worst
issues; facilities by street and type, critical failures, the ranked gaps list and the maps (static in the PDF,
the offline interactive map in the HTML); plan progress in the plan's own terms (专栏9, the new-build rate,
专栏2 indicator 11); and the method and sources appendix. Data gathering is ``reports.district_data``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from checks.facility.rules import load_rules
from checks.web.own_rules import own_rules
from checks.web.scoring import axe_rule_impacts
from geodata.gap_files import gap_list
from geodata.gaps import GapParams
from geodata.layers import OSM_ATTRIBUTION
from geodata.mapdata import MapData, collect, facilities_from_store
from reports import district_data as D
from reports.charts import bar_chart
from reports.render import is_zh, now_iso, png_data_uri, render_template, tool_version, write_report
from reports.sections import Section, contents, drawn, section_tables
from reports.tables import Column, Table, records
from store.sites import site_summaries
from surveys.schema import facility_labels

SCHEMA_VERSION = 1
DISTRICT_FORMATS = ("html", "pdf", "xlsx", "csv", "json")
# The offline map embeds every point it shows; past this many the HTML grows beyond what an office PC opens
# comfortably (about 550 bytes a point), so the interactive map keeps the worst facilities and says so.
INTERACTIVE_POINTS_MAX = 10_000
SHOWN_ROWS = 50  # long lists in HTML/PDF; XLSX, CSV and JSON hold every row
SHOWN_GAPS = 25
SHOWN_CRITICAL = 25
GAP_KINDS = {"priority": ("重点场所缺少设施", "priority place"), "worst": ("问题突出的区域", "worst area"),
             "tactile": ("盲道问题", "tactile paving"), "coverage": ("未覆盖网格", "uncovered cell")}
MAP_DPI = 110
GAP_KIND_ORDER = ("priority", "worst", "tactile", "coverage")
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}
STATUS_ORDER = {"non_compliant": 0, "incomplete": 1, "compliant": 2}


def ranked_gaps(gaps: pd.DataFrame) -> list[dict[str, Any]]:
    """The gap list worst first: priority places without access, then the worst streets/communities (in their
    own rank), tactile paving breaks, then uncovered grid cells farthest from a compliant facility."""
    if not len(gaps):
        return []
    kind = gaps["kind"].str.split("_").str[0]
    order = kind.map({k: i for i, k in enumerate(GAP_KIND_ORDER)}).fillna(len(GAP_KIND_ORDER))
    # worst units carry their rank as measure (lower is worse); the others a distance/length (higher is worse)
    key = gaps["measure"].astype(float).where(kind == "worst", -gaps["measure"].astype(float))
    ranked = gaps.assign(_o=order, _k=key.fillna(0)).sort_values(["_o", "_k"], kind="stable")
    rows = records(ranked.drop(columns=["_o", "_k"]).to_dict("records"))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        group = GAP_KINDS.get(row["kind"].split("_")[0], (row["kind"], row["kind"]))
        row["kind_zh"], row["kind_en"] = group
    return rows


@dataclass
class DistrictReport:
    data: dict[str, Any]
    maps: MapData
    lang: str
    _png: dict[str, bytes] = field(default_factory=dict)

    def static_map(self, layer: str) -> bytes:
        from geodata.maps_static import render_static

        if layer not in self._png:
            self._png[layer] = render_static(self.maps, layer, "png", dpi=MAP_DPI)
        return self._png[layer]

    @cached_property
    def interactive_map(self) -> str:
        from geodata.maps_html import map_fragment

        points = self.maps.facilities
        if len(points) > INTERACTIVE_POINTS_MAX:  # worst first: severity, then status
            worst = points.assign(_s=points["worst_severity"].map(SEVERITY_ORDER).fillna(3),
                                  _t=points["status"].map(STATUS_ORDER).fillna(3)).sort_values(["_t", "_s"])
            points = worst.head(INTERACTIVE_POINTS_MAX).drop(columns=["_s", "_t"])
        shown = MapData(**{**self.maps.__dict__, "facilities": points})
        return map_fragment(shown, ["facilities", "gaps", "streets", "sites"], element_id="district-map",
                            height="560px")


@dataclass
class _Inputs:
    """What the sections' data functions read; each section's data is computed once, when first asked for."""
    engine: Engine
    lang: str
    facilities: pd.DataFrame
    sites: pd.DataFrame
    params: GapParams
    maps: MapData
    notes: list[str]
    _sections: dict[str, Any] = field(default_factory=dict)

    @property
    def zh(self) -> bool:
        return is_zh(self.lang)

    @cached_property
    def split(self) -> Any:
        return D.split_facilities(self.facilities)

    def section(self, key: str) -> Any:
        if key not in self._sections:
            self._sections[key] = next(s for s in SECTIONS if s.key == key).data(self)
        return self._sections[key]


def build_district_report(engine: Engine, lang: str = "zh-CN", *, facilities: pd.DataFrame | None = None,
                          sites: pd.DataFrame | None = None, params: GapParams = GapParams()) -> DistrictReport:
    """Gather everything; ``facilities``/``sites`` frames override the store (tests, benchmarks)."""
    notes: list[str] = []
    if facilities is None:
        facilities, notes = facilities_from_store(engine)
    if sites is None:
        sites = site_summaries(engine)
    maps = collect(engine, params, facilities=facilities, sites=sites)
    zh = is_zh(lang)
    plan = D.plan(maps.district)["plan"]
    shown_points = min(len(maps.facilities), INTERACTIVE_POINTS_MAX)
    data = {
        "report": "district", "schema_version": SCHEMA_VERSION, "lang": lang, "generated_at": now_iso(),
        "title": (f"{maps.district.name_zh}无障碍环境建设评估报告" if zh else
                  f"{maps.district.name_en} accessibility report"),
        "district": {"id": maps.district.id, "code": maps.district.code, "name": maps.district.name(lang)},
        "plan": {"title": plan["title"] if zh else plan["title_en"], "issuer": plan["issuer"], "issued": plan["issued"]},
        "maps": {"static": ["facilities", "gaps"], "interactive_points": shown_points,
                 "points_total": int(len(maps.facilities)),
                 "attribution": OSM_ATTRIBUTION if maps.uses_osm("gaps") else None},
    }
    inputs = _Inputs(engine, lang, facilities, sites, params, maps, notes)
    data.update({s.key: inputs.section(s.key) for s in SECTIONS if s.key})
    return DistrictReport(data=data, maps=maps, lang=lang)


# ------------------------------------------------------------------------------------------- sections' data

def _web_data(g: _Inputs) -> dict[str, Any]:
    return D.web_estate(g.engine, g.lang, g.sites)


def _facilities_data(g: _Inputs) -> dict[str, Any]:
    gap_report = g.maps.report
    streets = gap_report.streets
    public = g.split.public
    return {
        "headline": D.facility_headline(public),
        "by_street": records(streets[(streets["facilities"] > 0) | streets["known_unit"]].to_dict("records")),
        "by_type": D.by_facility_type(public, facility_labels(), g.lang),
        "critical_failures": D.critical_failures(public, facility_labels(), g.lang),
        "confidence": D.failures_by_confidence(public), "tier_basis": D.tier_basis(public, g.lang),
        "gaps": ranked_gaps(gap_list(gap_report)), "gap_headline": gap_report.headline(),
        "worst_places": records(gap_report.worst.to_dict("records")),
        "notes": g.notes + list(g.maps.notes),
    }


def _plan_data(g: _Inputs) -> dict[str, Any]:
    return D.plan_progress(g.split.public, g.split.households, g.section("web"), g.lang, g.maps.district)


def _method_data(g: _Inputs) -> dict[str, Any]:
    zh, params = g.zh, g.params
    return {
        "compliance_share": ("合规率 = 符合 ÷（符合 + 不符合）；信息不全的设施单独计数，不计入合规率。" if zh else
                             "Compliance share = compliant ÷ (compliant + non-compliant); facilities with "
                             "incomplete data are counted separately."),
        "gap_params": {"distance_m": params.distance_m, "grid": f"{params.grid_kind} {params.cell_m:g} m"},
        "facility_rules": [{"id": r.id, "facility_type": r.facility_type, "clause": r.clause,
                            "severity": r.severity, "level": r.level, "tier": r.tier,
                            "confidence": r.confidence, "message": r.message_zh if zh else r.message_en}
                           for r in load_rules()],
        "web_rules": [{"id": r.id, "wcag": list(r.wcag), "impact": r.impact, "confidence": r.source_confidence,
                       "help": r.help["zh" if zh else "en"]} for r in own_rules()],
        "axe_rules": len(axe_rule_impacts()),
        "sources": D.data_sources(g.maps.district), "osm_attribution": OSM_ATTRIBUTION,
        "scans": D.scan_log(g.engine), "surveys": D.survey_log(g.engine),
    }


def _summary_data(g: _Inputs) -> dict[str, Any]:
    return _summary({key: g.section(key) for key in ("web", "facilities", "plan_progress")}, g.zh)


def _summary(data: dict[str, Any], zh: bool) -> dict[str, Any]:
    """The leaders' page: a few numbers and the findings in sentences."""
    web, fac = data["web"], data["facilities"]
    head, ind11, new = fac["headline"], data["plan_progress"]["indicator_11"], data["plan_progress"]["new_build"]
    findings = []
    worst_sites = [s for s in web["sites"] if s["score"] is not None][:3]
    if worst_sites:
        names = "、".join(f"{s['name']}（{s['score']}）" for s in worst_sites) if zh else \
            ", ".join(f"{s['name']} ({s['score']})" for s in worst_sites)
        findings.append(f"得分最低的网站：{names}。" if zh else f"Lowest-scoring sites: {names}.")
    if head["critical_failures"]:
        findings.append(f"{head['critical_failures']} 处设施存在严重不合格，须优先整改。" if zh else
                        f"{head['critical_failures']} facilities have critical failures to fix first.")
    conf = fac["confidence"]
    if conf["medium_or_low"]:
        findings.append(f"{conf['failures']} 项不合格判定中有 {conf['medium_or_low']} 项依据中、低可信度规则，"
                        f"涉及 {conf['facilities_only_medium_or_low']} 处仅因此类规则而不符合的设施，整改前宜复核。" if zh else
                        f"{conf['medium_or_low']} of {conf['failures']} failures rest on rules of medium or low source "
                        f"confidence; {conf['facilities_only_medium_or_low']} facilities fail on such rules alone: "
                        "recheck before ordering works.")
    worst_street = next((w for w in fac["worst_places"] if w["level"] == "street"), None)
    if worst_street:
        findings.append(f"问题最突出的街道：{worst_street['name']}——{worst_street['reason_zh']}。" if zh else
                        f"Street with the most serious problems: {worst_street['name']} — {worst_street['reason_en']}.")
    gh = fac["gap_headline"]
    if gh.get("priority_places"):
        findings.append(f"{gh['priority_places_with_gaps']}/{gh['priority_places']} 个重点场所（医院、地铁站、学校等）"
                        f"{gh['distance_m']:g} 米内缺少合规的无障碍设施。" if zh else
                        f"{gh['priority_places_with_gaps']} of {gh['priority_places']} priority places lack a compliant "
                        f"accessible facility within {gh['distance_m']:g} m.")
    target = ind11["target"]
    findings.append((f"家庭无障碍改造：已导入 {ind11['households']} 户，"
                     + (f"规划目标 {target} 户。" if target is not None else "区档案中没有规划目标。")) if zh else
                    (f"Homes modified: {ind11['households']} imported, "
                     + (f"plan target {target}." if target is not None else "no target in the district profile.")))
    return {"sites_scanned": web["sites_scanned"], "mean_score": web["mean_score"],
            "sites_with_critical": web["sites_with_critical"], "facilities": head["facilities"],
            "compliance_share": head["compliance_share"], "critical_failures": head["critical_failures"],
            "households": ind11["households"], "households_target": ind11["target"],
            "new_build_rate": new["rate"], "findings": findings}


# ---------------------------------------------------------------------------------------------------- tables

def _status_text(status: str, zh: bool) -> str:
    return D.STATUSES[status][0 if zh else 1]


def _web_tables(data: dict[str, Any]) -> list[Table]:
    return [
        Table("sites", "网站：得分、趋势与最严重问题", "Web estate: score, trend and worst issues", [
            Column("name", "网站", "Site", min_em=7), Column("owner_unit", "主管单位", "Owner", min_em=6), Column("base_url", "网址", "URL", "url", in_html=False),
            Column("score", "得分", "Score", "score"), Column("score_change", "较上次", "Change", "score"),
            Column("scans", "扫描次数", "Scans", "int"), Column("issues", "问题数", "Issues", "int"),
            Column("critical_issues", "严重问题", "Critical", "int"),
            Column("worst_issues_text", "最严重的问题（页面数）", "Worst issues (pages)"),
            Column("scanned_at", "最近扫描", "Last scanned", in_html=False)], data["web"]["sites"],
            caption_zh="按得分从低到高排列。", caption_en="Lowest score first."),
        Table("apps", "移动应用：得分与最严重问题（专栏9 二.2）", "Apps: score and worst issues (column 9 item 二.2)", [
            Column("name", "应用", "App", min_em=7), Column("base_url", "包名", "Package", "url"),
            Column("score", "得分", "Score", "score"), Column("score_change", "较上次", "Change", "score"),
            Column("pages", "界面数", "Screens", "int"), Column("issues", "问题数", "Issues", "int"),
            Column("critical_issues", "严重问题", "Critical", "int"),
            Column("worst_issues_text", "最严重的问题（界面数）", "Worst issues (screens)")], data["web"]["apps"],
            caption_zh="由界面 dump 与截图检查（wuzhangai app audit），按得分从低到高排列。",
            caption_en="Audited from screen dumps and screenshots (wuzhangai app audit); lowest score first."),
        Table("miit_elder", "工信部适老化技术评价（本项目映射，专栏9 二.1 / 二.2）",
              "MIIT elder-friendly technical evaluation (our mapping; column 9 items 二.1 / 二.2)", [
            Column("name", "网站或应用", "Site or app", min_em=7), Column("kind_text", "类型", "Kind"),
            Column("miit_failed", "不通过项", "Items failed", "int"), Column("miit_review", "需复核项", "To review", "int"),
            Column("miit_passed", "通过项", "Items passed", "int"), Column("miit_untested", "未检测项（须人工）", "Not tested (a person)", "int")],
            [{**r, "kind_text": ("应用" if r.get("kind") == "app" else "网站") if data["lang"].startswith("zh")
              else (r.get("kind") or "web")} for r in data["web"]["sites"] + data["web"]["apps"] if r.get("latest_scan_id")],
            caption_zh="每项规范要求由本项目的检查规则作证据（映射见网站或应用报告）；评测的用户满意度和自评价部分、以及“未检测”项须人工评估，不计算评测得分。",
            caption_en="Each spec requirement is evidenced by our rules (the mapping is in each site or app report); the "
                       "evaluation's user satisfaction and self-evaluation parts, and items not tested, need a person; "
                       "no evaluation score is computed."),
    ]


def _facility_tables(data: dict[str, Any]) -> list[Table]:
    zh, fac = is_zh(data["lang"]), data["facilities"]
    share_cols = [Column("facilities", "设施数", "Facilities", "int"), Column("compliant", "符合", "Compliant", "int"),
                  Column("non_compliant", "不符合", "Non-compliant", "int"),
                  Column("incomplete", "信息不全", "Incomplete", "int"),
                  Column("compliance_share", "合规率", "Compliance", "pct"),
                  Column("critical_failures", "严重不合格", "Critical", "int")]
    return [
        Table("streets", "各街道设施合规情况", "Facilities by street", [
            Column("code", "街道代码", "Code"), Column("name", "街道", "Street", min_em=7), *share_cols], fac["by_street"]),
        Table("facility_types", "各类设施合规情况", "Facilities by type", [
            Column("label", "设施类型", "Type"), *share_cols], fac["by_type"]),
        Table("tier_basis", "按建设状态的判定层级", "Which tier judged each build status", [
            Column("build_status_label", "建设状态", "Build status"), Column("basis", "判定依据", "Judged by", min_em=12),
            Column("facilities", "设施数", "Facilities", "int"), Column("non_compliant", "不符合", "Non-compliant", "int"),
            Column("incomplete", "信息不全", "Incomplete", "int")], fac["tier_basis"],
            caption_zh="每条判定结果另注明其层级（survey score 输出的 judged_by 字段）。",
            caption_en="Each verdict also names its tier (judged_by in the survey score output)."),
        Table("critical_failures", "严重不合格设施", "Facilities with critical failures", [
            Column("record_id", "记录编号", "Record"), Column("label", "类型", "Type", min_em=5),
            Column("site_name", "场所", "Place", min_em=5), Column("street_name", "街道", "Street", min_em=5),
            Column("community_name", "社区", "Community", min_em=5), Column("clauses", "条款", "Clauses", "list"),
            Column("problems", "问题", "Problems"), Column("lon", "经度", "Lon", "float", in_html=False),
            Column("lat", "纬度", "Lat", "float", in_html=False)], fac["critical_failures"]),
        Table("gaps", "缺口清单（按严重程度排序）", "Gaps, worst first", [
            Column("rank", "序号", "Rank", "int"), Column("kind_zh" if zh else "kind_en", "类别", "Kind"),
            Column("kind", "代码", "Code", in_html=False), Column("name", "名称", "Name", min_em=6),
            Column("reason_zh" if zh else "reason_en", "说明", "What is missing"),
            Column("measure", "距离/长度/名次", "Distance/length/rank", "float"),
            Column("lon", "经度", "Lon", "float"), Column("lat", "纬度", "Lat", "float")], fac["gaps"]),
    ]


def _plan_tables(data: dict[str, Any]) -> list[Table]:
    zh, progress = is_zh(data["lang"]), data["plan_progress"]
    plan_rows = progress["column9"] + [
        {"group": "", "code": "", "name": progress["new_build"]["name"], "figure": progress["new_build"]["rate"],
         "count": progress["new_build"]["facilities"], "status_text": _status_text(progress["new_build"]["status"], zh),
         "evidence": (f"目标 100%；新建或扩建设施 {progress['new_build']['facilities']} 处，符合 "
                      f"{progress['new_build']['compliant']}，不符合 {progress['new_build']['non_compliant']}" if zh else
                      f"target 100%; {progress['new_build']['facilities']} new or extended facilities, "
                      f"{progress['new_build']['compliant']} compliant")},
        {"group": "", "code": "专栏2-11", "name": progress["indicator_11"]["name"],
         "figure": progress["indicator_11"]["progress"], "count": progress["indicator_11"]["households"],
         "status_text": _status_text(progress["indicator_11"]["status"], zh),
         "evidence": (f"已导入 {progress['indicator_11']['households']} 户 / 目标 {progress['indicator_11']['target'] or '—'} 户"
                      if zh else f"{progress['indicator_11']['households']} of {progress['indicator_11']['target'] or '—'} "
                                 "households")},
    ]
    return [
        Table("plan_progress", "规划进展（专栏9、建设率、专栏2 指标11）", "Plan progress", [
            Column("code", "条目", "Item"), Column("name", "名称", "Name"), Column("evidence", "已掌握的证据", "Evidence held"),
            Column("figure", "比率", "Rate", "pct"), Column("status_text", "状态", "Status")], plan_rows,
            caption_zh="比率：设施类为合规率；网站类为平均得分；建设率为新建设施合规率；指标11为完成比例。",
            caption_en="Rate: compliance share for facilities, mean score for websites, progress for indicator 11."),
        Table("households", "家庭无障碍改造（按社区计数）", "Homes modified, counted per community", [
            Column("street_name", "街道", "Street"), Column("community_code", "社区代码", "Community code"),
            Column("community_name", "社区", "Community"), Column("households", "户数", "Households", "int")],
            progress["indicator_11"]["by_community"],
            caption_zh="个人信息：只按社区计数，不显示地址或位置。", caption_en="Personal data: counts per community only."),
    ]


def _method_tables(data: dict[str, Any]) -> list[Table]:
    zh, method = is_zh(data["lang"]), data["method"]
    return [
        Table("facility_rules", "设施评估规则", "Facility rules", [
            Column("id", "编号", "Id"), Column("facility_type", "设施", "Facility"), Column("clause", "条款", "Clause"),
            Column("severity", "严重程度", "Severity"), Column("level", "要求", "Level"), Column("tier", "适用", "Tier"),
            Column("confidence", "来源可信度", "Confidence"), Column("message", "内容", "Rule")], method["facility_rules"]),
        Table("web_rules", "本项目网页规则（wza-*）", "Our own web rules (wza-*)", [
            Column("id", "编号", "Id"), Column("wcag", "WCAG", "WCAG", "list"), Column("impact", "影响", "Impact", "impact"),
            Column("confidence", "来源可信度", "Confidence"), Column("help", "内容", "Rule")], method["web_rules"]),
        Table("sources", "数据来源与许可", "Data sources and licences", [
            Column("name" if zh else "name_en", "数据", "Data"), Column("what", "内容", "What"),
            Column("origin", "来源", "Origin"), Column("licence", "许可", "Licence")], method["sources"]),
        Table("scans", "网站扫描记录", "Scans", [
            Column("scan_id", "编号", "Scan", "int"), Column("site", "网站", "Site", "url"),
            Column("started_at", "开始", "Started", "time"), Column("finished_at", "结束", "Finished", "time"),
            Column("mode", "模式", "Mode"), Column("standard", "标准", "Standard"), Column("device", "设备", "Device"),
            Column("axe_version", "axe-core", "axe-core"), Column("score", "得分", "Score", "score")], method["scans"]),
        Table("surveys", "调查数据导入记录", "Survey imports", [
            Column("import_id", "编号", "Import", "int"), Column("imported_at", "导入时间", "Imported", "time"),
            Column("files", "文件", "Files", "list"), Column("rows_read", "读取行数", "Rows read", "int"),
            Column("rows_rejected", "拒绝行数", "Rejected", "int"), Column("created", "新建", "Created", "int"),
            Column("updated", "更新", "Updated", "int")], method["surveys"]),
    ]


# The report, section by section (reports.sections): its data (the JSON's entries), contents, HTML, and the order
# of the XLSX sheets and CSV files. The leaders' summary comes first, before the contents, on the PDF's first page.
SECTIONS = [
    Section("d-summary", "摘要", "Summary", "district/summary.html.j2", key="summary", data=_summary_data,
            leaders=True),
    Section("d-web", "政府网站", "Web estate", "district/web.html.j2", _web_tables, key="web", data=_web_data),
    Section("d-facilities", "无障碍设施", "Facilities", "district/facilities.html.j2", _facility_tables,
            key="facilities", data=_facilities_data),
    Section("d-plan", "规划进展", "Plan progress", "district/plan.html.j2", _plan_tables, key="plan_progress",
            data=_plan_data),
    Section("d-method", "方法与数据来源", "Method and sources", "district/method.html.j2", _method_tables,
            key="method", data=_method_data),
]


def district_tables(data: dict[str, Any]) -> list[Table]:
    """Every table of the district report, in report order (XLSX sheets, CSV files, HTML tables)."""
    return section_tables(SECTIONS, data)


# ---------------------------------------------------------------------------------------------------- html

def _charts(data: dict[str, Any], zh: bool) -> dict[str, Any]:
    sites = [s for s in data["web"]["sites"] if s["score"] is not None][:15]
    streets = [s for s in data["facilities"]["by_street"] if s["facilities"]][:15]
    join = "；" if zh else "; "
    return {
        "sites": bar_chart("chart-sites", "得分最低的网站" if zh else "Lowest-scoring sites",
                           join.join(f"{s['name']} {s['score']}" for s in sites),
                           [s["name"] or s["base_url"] for s in sites], [s["score"] for s in sites], bad_below=90),
        "streets": bar_chart("chart-streets", "各街道设施合规率" if zh else "Compliance share by street",
                             join.join(f"{s['name']} {s['compliance_share'] if s['compliance_share'] is not None else '—'}"
                                       for s in streets),
                             [s["name"] for s in streets],
                             [None if s["compliance_share"] is None else 100 * s["compliance_share"] for s in streets],
                             unit="%", bad_below=80),
    }


def _map_alt(data: dict[str, Any], layer: str, zh: bool) -> str:
    head, gh = data["facilities"]["headline"], data["facilities"]["gap_headline"]
    if layer == "facilities":
        return (f"{data['district']['name']}设施分布图：{head['facilities']} 处设施，符合 {head['compliant']}（绿），不符合 "
                f"{head['non_compliant']}（红），信息不全 {head['incomplete']}（灰）。各街道数字见下表。" if zh else
                f"Map of the district's facilities: {head['facilities']} surveyed, {head['compliant']} compliant "
                f"(green), {head['non_compliant']} not (red), {head['incomplete']} incomplete (grey). Figures by "
                "street in the tables.")
    return (f"覆盖缺口图：{gh.get('priority_places_with_gaps', 0)} 个重点场所 {gh.get('distance_m', 0):g} 米内缺少合规设施，"
            "以及未覆盖的网格。缺口清单见下表。" if zh else
            f"Gaps map: {gh.get('priority_places_with_gaps', 0)} priority places without a compliant facility within "
            f"{gh.get('distance_m', 0):g} m, and uncovered grid cells. The gaps list is in the table below.")


def render_district_html(report: DistrictReport, for_pdf: bool = False) -> str:
    data, lang = report.data, report.lang
    zh = is_zh(lang)
    tables = {t.name: t for t in district_tables(data)}
    maps = {layer: {"src": png_data_uri(report.static_map(layer)), "alt": _map_alt(data, layer, zh)}
            for layer in data["maps"]["static"]}
    plan = data["plan"]
    return render_template(
        "report_base.html.j2", lang, data=data, tables=tables, charts=_charts(data, zh), maps=maps,
        interactive_map=None if for_pdf else report.interactive_map, for_pdf=for_pdf, shown_rows=SHOWN_ROWS,
        shown_gaps=SHOWN_GAPS, shown_critical=SHOWN_CRITICAL,
        title=data["title"], sections=contents(SECTIONS, zh), parts=drawn(SECTIONS, zh), generated_at=data["generated_at"], tool_version=tool_version(),
        subtitle_lines=[f"依据：{plan['title']}（{plan['issuer']}，{plan['issued']}）" if zh
                        else f"Against: {plan['title']} ({plan['issuer']}, {plan['issued']})"],
        description=f"{data['district']['name']}政府网站与无障碍设施合规评估" if zh else
        f"{data['district']['name']}: web and facility accessibility compliance")


def write_district_report(engine: Engine, fmt: str, out: Path, lang: str = "zh-CN", **kwargs: Any) -> list[Path]:
    report = build_district_report(engine, lang, **kwargs)
    return write_report(fmt, out, data=report.data, tables=district_tables(report.data), lang=lang,
                        html=lambda for_pdf: render_district_html(report, for_pdf))
