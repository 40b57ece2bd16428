"""The district report from fixed data: a real scan store (two scans of the loopback fixture site) and a facility
frame of the survey store's shape with known counts. Figures, plan progress in the plan's terms, maps present,
household records only as counts, and every format (PDF text via pypdf)."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.district_report import (
    build_district_report, district_tables, ranked_gaps, render_district_html, write_district_report,
)
from reports.pipeline import demo_reports
from tests.report_fixtures import HOUSEHOLD_SECRET, facility_frame, scanned  # noqa: F401 (the fixture)

pytestmark = pytest.mark.xdist_group("report")


@pytest.fixture(scope="module")
def report(scanned):  # noqa: F811
    return build_district_report(scanned["engine"], "zh-CN", facilities=facility_frame())


@pytest.fixture(scope="module")
def html(report):
    return render_district_html(report)


def test_leaders_figures(report):
    s = report.data["summary"]
    assert (s["sites_scanned"], s["mean_score"], s["sites_with_critical"]) == (1, 75.1, 1)
    assert (s["facilities"], s["critical_failures"]) == (12, 2)
    assert s["compliance_share"] == round(7 / 11, 4)  # 7 compliant of 11 assessed (1 incomplete left out)
    assert s["new_build_rate"] == round(2 / 3, 4)
    assert (s["households"], s["households_target"]) == (3, 280)
    assert any("民意街道" in f or "民意街街道" in f for f in s["findings"])


def test_web_estate_has_score_trend_and_worst_issues(report):
    (site,) = report.data["web"]["sites"]
    assert (site["score"], site["score_change"], site["scans"], site["trend"]) == (75.1, 23.4, 2, [51.7, 75.1])
    assert [i["rule_id"] for i in site["worst_issues"]] == ["image-alt", "link-name", "label"]
    assert site["worst_issues_text"].startswith("图片必须有替代文本（2）")


def test_facilities_by_type_street_and_critical_failures(report):
    fac = report.data["facilities"]
    by_type = {r["facility_type"]: r for r in fac["by_type"]}
    assert set(by_type) == {"toilet", "curb_ramp", "entrance"}  # household records are not a facility type here
    assert (by_type["toilet"]["facilities"], by_type["toilet"]["compliance_share"]) == (4, 0.5)
    assert (by_type["curb_ramp"]["compliant"], by_type["curb_ramp"]["compliance_share"]) == (4, round(4 / 6, 4))
    assert (by_type["entrance"]["incomplete"], by_type["entrance"]["compliance_share"]) == (1, 1.0)
    streets = {r["code"]: r for r in fac["by_street"]}
    assert len(streets) == 15  # every street of the district, surveyed or not
    assert (streets["420103006"]["facilities"], streets["420103006"]["critical_failures"]) == (5, 2)
    assert streets["420103013"]["facilities"] == 7 and streets["420103001"]["facilities"] == 0
    assert [r["record_id"] for r in fac["critical_failures"]] == ["R-002", "R-006"]
    assert fac["critical_failures"][0]["clauses"] == ["GB 55019-2021 §3.7.3"]
    assert fac["gaps"][0]["rank"] == 1 and fac["gaps"][0]["kind"].startswith("priority_")


def test_gaps_rank_priority_places_then_worst_units_then_cells_farthest_first():
    import pandas as pd

    gaps = pd.DataFrame([
        {"kind": "coverage_toilet", "measure": 600.0}, {"kind": "worst_street", "measure": 2.0},
        {"kind": "coverage_toilet", "measure": 900.0}, {"kind": "priority_hospital", "measure": None},
        {"kind": "worst_street", "measure": 1.0}, {"kind": "tactile_break", "measure": 5.0}])
    ranked = [(g["kind"], g["measure"]) for g in ranked_gaps(gaps)]
    assert ranked == [("priority_hospital", None), ("worst_street", 1.0), ("worst_street", 2.0),
                      ("tactile_break", 5.0), ("coverage_toilet", 900.0), ("coverage_toilet", 600.0)]


def test_plan_progress_in_the_plans_terms(report):
    progress = report.data["plan_progress"]
    items = {r["code"]: r for r in progress["column9"]}
    assert list(items) == ["一.1", "一.2", "一.3", "二.1", "二.2", "二.3", "二.4", "二.5"]
    assert items["一.1"]["name"] == "道路交通无障碍" and items["一.1"]["count"] == 6
    assert items["一.1"]["status"] == "in_progress" and "严重不合格 1" in items["一.1"]["evidence"]
    assert items["一.3"]["evidence"].endswith("家庭无障碍改造 3 户")
    assert items["二.1"]["count"] == 1 and items["二.1"]["figure"] == 0.751
    assert items["二.2"]["status"] == items["二.3"]["status"] == "no_evidence"  # nothing surveyed of 二.3 here
    assert items["二.3"]["evidence_kind"] == items["二.4"]["evidence_kind"] == "facilities"
    assert progress["new_build"]["facilities"] == 3 and progress["new_build"]["target"] == 1.0
    ind = progress["indicator_11"]
    assert (ind["households"], ind["target"], ind["progress"]) == (3, 280, round(3 / 280, 4))
    assert {(r["community_name"], r["households"]) for r in ind["by_community"]} == {("舞台社区", 2), ("华安里社区", 1)}
    assert set(ind["by_community"][0]) == {"street_code", "street_name", "community_code", "community_name", "households"}


def test_html_is_self_contained_with_maps_and_chinese_headings(html):
    assert '<html lang="zh-CN">' in html
    for heading in ("摘要", "目录", "政府网站", "无障碍设施", "规划进展", "方法与数据来源"):
        assert re.search(rf">{heading}</h2>", html), heading
    for heading in ("按街道", "按设施类型", "严重不合格设施", "缺口清单", "交互地图",
                    "专栏2 指标11：困难和低收入重度残疾人家庭无障碍改造数"):
        assert f">{heading}</h3>" in html, heading
    assert html.index('id="d-summary"') < html.index('id="toc-h"')  # the leaders' page comes first
    assert html.count('<img src="data:image/png;base64,') == 2  # summary map and gaps map
    assert 'id="district-map"' in html and "L.map(" in html  # the offline interactive map
    assert not re.search(r'<(link|script)[^>]+(href|src)=', html) and not re.search(r'src="https?:', html)
    assert "© OpenStreetMap contributors" in html
    assert "63.6%" in html and "3 / 280" in html and "66.7%" in html
    assert 'role="img"' in html and "<desc" in html  # charts with text alternatives


def test_household_records_never_appear_except_as_counts(report, html, tmp_path, scanned):  # noqa: F811
    pdf_variant = render_district_html(report, for_pdf=True)
    for text in (html, pdf_variant, json.dumps(report.data, ensure_ascii=False, default=str)):
        assert HOUSEHOLD_SECRET not in text and "HM-" not in text
    xlsx = write_district_report(scanned["engine"], "xlsx", tmp_path / "d.xlsx", facilities=facility_frame())[0]
    cells = [str(c) for ws in load_workbook(xlsx).worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert not any(HOUSEHOLD_SECRET in c or "HM-" in c for c in cells)
    for path in write_district_report(scanned["engine"], "csv", tmp_path / "csv", facilities=facility_frame()):
        assert HOUSEHOLD_SECRET not in path.read_text(encoding="utf-8-sig")


def test_pdf_text_has_the_headings_and_figures(scanned, tmp_path):  # noqa: F811
    (path,) = write_district_report(scanned["engine"], "pdf", tmp_path / "d.pdf", facilities=facility_frame())
    reader = PdfReader(path)
    first = reader.pages[0].extract_text()
    assert "江汉区无障碍环境建设评估报告" in first and "摘要" in first and "63.6%" in first and "3 / 280" in first
    assert len(reader.pages[0].images) >= 1  # the summary map is on the first page
    text = "\n".join(p.extract_text() for p in reader.pages)
    for needle in ("目录", "政府网站", "无障碍设施", "规划进展", "方法与数据来源", "道路交通无障碍", "新建项目无障碍设施建设率",
                   "困难和低收入重度残疾人家庭无障碍改造数", "舞台社区", "GB 55019-2021", "© OpenStreetMap contributors",
                   "第 1 页 / 共"):
        assert needle in text, needle
    assert HOUSEHOLD_SECRET not in text
    assert reader.metadata.title == "江汉区无障碍环境建设评估报告" and reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_xlsx_and_csv_have_every_table(report, tmp_path, scanned):  # noqa: F811
    (xlsx,) = write_district_report(scanned["engine"], "xlsx", tmp_path / "d.xlsx", facilities=facility_frame())
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["目录"] + [t.name for t in district_tables(report.data)]
    plan_rows = list(wb["plan_progress"].iter_rows(values_only=True))
    assert plan_rows[0] == ("条目", "名称", "已掌握的证据", "比率", "状态")
    assert plan_rows[-1][0] == "专栏2-11" and plan_rows[-1][3] == round(3 / 280, 4)
    assert len(list(wb["facility_rules"].iter_rows())) > 150
    written = write_district_report(scanned["engine"], "csv", tmp_path / "csv", facilities=facility_frame())
    assert any(p.name == "apps.csv" for p in written)  # apps beside the websites (专栏9 二.2), empty here
    with open(next(p for p in written if p.name == "facility_types.csv"), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["设施类型"]: r["设施数"] for r in rows} == {"无障碍卫生间": "4", "缘石坡道": "6", "出入口": "2"}


def test_english(scanned):  # noqa: F811
    html = render_district_html(build_district_report(scanned["engine"], "en", facilities=facility_frame()))
    assert '<html lang="en">' in html and ">Plan progress</h2>" in html and ">Roads and transport<" in html
    assert "Page " in html  # @page numbering in English


def test_empty_store_and_demo_reports(scanned, tmp_path):  # noqa: F811
    """No survey imported yet: the report still builds, says so, and the demo entry point writes every file."""
    paths = demo_reports(scanned["engine"], tmp_path / "demo")
    assert set(paths["site"]) == {"html", "pdf", "xlsx", "json"} and set(paths["district"]) == {"html", "pdf", "xlsx"}
    district = open(paths["district"]["html"], encoding="utf-8").read()
    assert "尚未导入调查数据" in district and "暂无证据" in district
    site = json.loads(open(paths["site"]["json"], encoding="utf-8").read())
    assert site["scan"]["id"] == scanned["browser_scan"]


def test_command_line(scanned, tmp_path):  # noqa: F811
    db = str(scanned["engine"].url.database)
    done = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "report", "district", "--db", db, "--out",
                           str(tmp_path / "d.json")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    doc = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert doc["report"] == "district" and doc["web"]["sites_scanned"] == 1
    bad = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "report", "district", "--format", "xlsx"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2


def test_information_items_show_their_evidence_and_failures_name_their_confidence(scanned):  # noqa: F811
    """专栏9 二.3 and 二.4 are judged from self-service terminal and public-information records (issue 18), and the
    report says how many failures rest on rules of medium or low source confidence."""
    import pandas as pd

    from surveys.frame import typed_frame
    from surveys.scoring import score_frame

    place = {"street": "420103006", "street_code": "420103006", "street_name": "民意街道", "lon": 114.27, "lat": 30.60,
             "site_name": "测试医院", "site_category": "hospital", "build_status": "existing"}
    rows = pd.DataFrame([
        {**place, "record_id": "T-1", "facility_type": "self_service_terminal", "low_unit_present_bool": 1,
         "on_accessible_route_bool": 1, "front_turning_diameter_m": 1.5},
        {**place, "record_id": "T-2", "facility_type": "self_service_terminal", "low_unit_present_bool": 0,
         "on_accessible_route_bool": 0},
        {**place, "record_id": "I-1", "facility_type": "public_information", "emergency_alarm_visual_and_audible_bool": 1,
         "has_assistive_listening_bool": 1, "assistive_listening_sign_bool": 0},
    ])
    info = score_frame(typed_frame(rows)).facilities
    frame = pd.concat([facility_frame(), info], ignore_index=True)
    report = build_district_report(scanned["engine"], "zh-CN", facilities=frame)
    items = {r["code"]: r for r in report.data["plan_progress"]["column9"]}
    assert (items["二.3"]["count"], items["二.3"]["figure"], items["二.3"]["status"]) == (2, 0.5, "in_progress")
    assert items["二.3"]["evidence"].startswith("已调查设施 2 处，符合 1，不符合 1")
    assert (items["二.4"]["count"], items["二.4"]["figure"]) == (1, 0.0)
    assert items["二.5"]["status"] == "no_evidence"
    conf = report.data["facilities"]["confidence"]
    # fixture: 4 public failures of WC-01 (high; the household record is not counted); T-2: ST-01 (medium) and
    # ST-02 (low); I-1: PI-05 (medium)
    assert (conf["high"], conf["medium"], conf["low"], conf["medium_or_low"]) == (4, 2, 1, 3)
    assert conf["facilities_only_medium_or_low"] == 2
    assert any("3 项依据中、低可信度规则" in f for f in report.data["summary"]["findings"])
    tiers = {r["build_status"]: r for r in report.data["facilities"]["tier_basis"]}
    assert tiers["existing"]["facilities"] == 3 and tiers["existing"]["basis"].startswith("既有未改造：按底线")
    html = render_district_html(report)
    assert "自助服务终端信息无障碍" in html and "判定层级" in html and "中、低可信度" in html
