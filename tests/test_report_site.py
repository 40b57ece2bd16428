"""The site report from two real scans (static, then Chromium) of a two-page loopback site: numbers, ranking,
Chinese headings, each format (HTML self-contained, PDF text via pypdf, XLSX sheets, CSV files, JSON)."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.site_report import latest_scan_id, render_site_html, site_report_data, site_tables, write_site_report
from tests.report_fixtures import SITE_OWNER, scanned  # noqa: F401 (the fixture)

pytestmark = pytest.mark.xdist_group("report")


def outline_titles(outline: list) -> set[str]:
    """Every bookmark title of a PDF outline (nested lists are sub-levels)."""
    return {t for item in outline for t in (outline_titles(item) if isinstance(item, list) else {item.title})}


@pytest.fixture(scope="module")
def data(scanned):  # noqa: F811
    return site_report_data(scanned["engine"], scanned["browser_scan"], "zh-CN")


def test_score_trend_and_summary(scanned, data):
    # the browser scan runs our own rules beside axe's: the home page has no 无障碍/长者模式 entry (MIIT 适老化)
    assert data["score"] == 75.1
    assert [h["score"] for h in data["trend"]] == [51.7, 75.1]
    assert [h["mode"] for h in data["trend"]] == ["static", "browser"]
    assert data["score_change"] == 23.4
    assert data["summary"]["pages_scanned"] == 2 and data["summary"]["pages_failed"] == 1
    assert data["site"]["owner_unit"] == SITE_OWNER["owner_unit"]
    # A report on the older scan shows only what was known then.
    old = site_report_data(scanned["engine"], scanned["static_scan"], "zh-CN")
    assert [h["score"] for h in old["trend"]] == [51.7] and old["score_change"] is None


def test_issues_ranked_by_impact_times_pages_with_where_and_how(data):
    ranked = [(i["rule_id"], i["impact"], i["count"], i["priority"]) for i in data["issues"]]
    assert ranked == [("image-alt", "critical", 2, 20.0), ("link-name", "serious", 2, 14.0), ("label", "critical", 1, 10.0),
                      ("wza-elder-mode-entry", "moderate", 1, 3.0),
                      ("wza-accessibility-toolbar", "moderate", 1, 3.0)]
    first = data["issues"][0]
    assert first["rank"] == 1 and first["wcag"] == ["1.1.1"]
    assert first["help"] == "图片必须有替代文本" and "alt" in first["fix"]
    assert first["selector"] and "<img" in first["html"] and len(first["pages"]) == 2


def test_conformance_by_criterion_and_by_principle(data):
    by_sc = {r["sc"]: r for r in data["conformance"]}
    assert by_sc["1.1.1"]["outcome"] == "failed" and "image-alt" in by_sc["1.1.1"]["failed_rules"]
    assert by_sc["1.1.1"]["principle"] == "可感知性"
    assert by_sc["4.1.2"]["outcome"] == "failed"  # label, link-name
    rows = {r["principle_zh"]: r for r in data["gbt37668"]["rows"]}
    assert [r["weight"] for r in rows.values()] == [30, 30, 20, 20]
    assert "1.1.1" in rows["可感知性"]["failed_sc"] and "4.1.2" in rows["兼容性"]["failed_sc"]
    assert rows["兼容性"]["score"] == 0.0
    assert "本项目的映射" in data["gbt37668"]["note"]
    assert sum(r["criteria"] for r in rows.values()) == len(data["conformance"]) == 55


def test_pages_failed_pages_and_attachments(data):
    assert sorted(p["url"].rsplit("/", 1)[1] for p in data["pages"]) == ["guide.html", "index.html"]
    (failed,) = data["failed_pages"]
    assert failed["url"].endswith("/missing.html") and failed["reason"] == "http_status" and failed["status"] == 404
    (attachment,) = data["attachments"]
    assert attachment["url"].endswith("/files/notice.pdf") and attachment["type"] == "pdf"


def test_html_is_self_contained_chinese_and_charts_have_text(data):
    html = render_site_html(data)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    for heading in ("概况", "得分趋势", "按 GB/T 37668-2019 原则的符合情况", "按 WCAG 成功准则的符合情况",
                    "问题清单（按影响 × 页面数排序）", "页面与附件", "方法说明", "目录"):
        assert f">{heading}</h2>" in html, heading
    assert "75.1" in html and "+23.4" in html and "图片必须有替代文本" in html
    # Offline: no external stylesheet, script, image or font.
    assert not re.search(r'<(link|script)[^>]+(href|src)=', html)
    assert not re.search(r'src="https?:', html) and "@import" not in html and "url(http" not in html
    # Charts: named and described SVG, with the figures in words and a data table beside them.
    trend_svg = re.search(r'<svg[^>]*id="chart-trend".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in trend_svg and "<title" in trend_svg and "得分 51.7" in trend_svg and "得分 75.1" in trend_svg
    assert ">得分趋势</caption>" in html


def test_first_page_says_what_each_score_counts_and_what_needs_a_person(data):
    """The site score and the GB/T 37668 weighted score side by side read as a contradiction unless the page says
    what each counts (rules by page vs criteria across the site) and how much was not decided automatically."""
    html = render_site_html(data)
    summary = html[html.index(">概况</h2>"):html.index(">得分趋势</h2>")]
    rows = data["gbt37668"]["rows"]
    decided = sum(r["failed"] + r["passed"] for r in rows)
    assert "两个得分各说明什么" in summary and "按规则和页面计" in summary and "按成功准则计" in summary
    assert f"本次自动检测判定了 {decided} 条成功准则" in summary
    assert f"{sum(r['untested'] for r in rows)} 条没有自动检测规则、须由评估人员人工检查" in summary
    assert "不代表完整的符合性结论" in summary


def test_english_report(scanned):
    data = site_report_data(scanned["engine"], scanned["browser_scan"], "en")
    html = render_site_html(data)
    assert '<html lang="en">' in html and ">Score trend</h2>" in html and ">Issues, ranked by impact × pages affected</h2>" in html
    assert data["issues"][0]["help"] == "Images must have alternative text"
    assert "概况" not in html
    assert "What the two scores say" in html and "Counted by success criterion" in html


def test_pdf_has_chinese_headings_figures_page_numbers_title_and_language(scanned, tmp_path):
    (path,) = write_site_report(scanned["engine"], scanned["browser_scan"], "pdf", tmp_path / "site.pdf")
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for needle in ("网站无障碍评估报告", "目录", "得分趋势", "按 GB/T 37668-2019 原则的符合情况", "问题清单", "75.1",
                   "图片必须有替代文本", "第 1 页 / 共", "missing.html"):
        assert needle in text, needle
    assert reader.metadata.title == f"{SITE_OWNER['name']} 网站无障碍评估报告"
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert {"目录", "得分趋势", "方法说明"} <= outline_titles(reader.outline)  # bookmarks from the headings


def test_xlsx_csv_and_json(scanned, tmp_path):
    engine, scan_id = scanned["engine"], scanned["browser_scan"]
    (xlsx,) = write_site_report(engine, scan_id, "xlsx", tmp_path / "site.xlsx")
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["目录", "trend", "gbt37668", "conformance", "miit_elder", "issues", "pages", "failed_pages",
                             "crawler_traps", "attachments"]
    miit = list(wb["miit_elder"].iter_rows(values_only=True))
    assert miit[0] == ("类别", "规范要求", "结果", "依据的检查规则及结果", "仍须人工检查") and len(miit) == 1 + 14
    issues = list(wb["issues"].iter_rows(values_only=True))
    assert issues[0][:6] == ("序号", "规则", "结果", "影响", "优先级", "页面数")
    assert [(r[1], r[4]) for r in issues[1:]] == [("image-alt", 20), ("link-name", 14), ("label", 10),
                                                   ("wza-elder-mode-entry", 3), ("wza-accessibility-toolbar", 3)]
    csvs = write_site_report(engine, scan_id, "csv", tmp_path / "csv")
    assert sorted(p.name for p in csvs) == sorted(f"{t.name}.csv" for t in site_tables(site_report_data(engine, scan_id)))
    trend = (tmp_path / "csv" / "trend.csv").read_text(encoding="utf-8-sig").splitlines()
    assert trend[0] == "扫描编号,扫描时间,模式,得分" and trend[-1].endswith(",browser,75.1")
    (js,) = write_site_report(engine, scan_id, "json", tmp_path / "site.json")
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert doc["report"] == "site" and doc["score"] == 75.1 and len(doc["issues"]) == 5
    elder_entry = next(r for r in doc["miit"]["rows"] if r["id"] == "elder-entry")
    assert elder_entry["outcome"] == "failed" and elder_entry["evidence"] == "wza-elder-mode-entry: 不通过"


def test_command_line(scanned, tmp_path):
    db = str(scanned["engine"].url.database)
    run = lambda *args: subprocess.run([sys.executable, "-m", "wuzhangai.cli", "report", "site", *args, "--db", db],
                                       capture_output=True, text=True, timeout=120)
    ok = run("--latest", scanned["url"] + "/guide.html", "--out", str(tmp_path / "r.json"))
    assert ok.returncode == 0, ok.stderr
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["scan"]["id"] == scanned["browser_scan"]
    stdout = run(str(scanned["static_scan"]), "--format", "json")
    assert stdout.returncode == 0 and json.loads(stdout.stdout)["score"] == 51.7
    missing = run("999")
    assert missing.returncode == 1 and "999" in missing.stderr
    assert run().returncode == 2  # neither SCAN_ID nor --latest
    assert run("1", "--format", "pdf").returncode == 2  # a PDF needs --out
    assert latest_scan_id(scanned["engine"], scanned["url"]) == scanned["browser_scan"]


def test_method_says_which_check_groups_ran_and_on_how_many_pages(data):
    """The keyboard and layout checks run once per page template by default: the report must say so, with the
    number of pages each ran on, so a reader does not take a page without keyboard findings as checked."""
    from reports.site_report import _check_coverage

    def method(checks: dict) -> str:
        html = render_site_html({**data, "checks": checks})
        return html[html.index(">方法说明</h2>"):]

    groups = data["scan"]["options"]["checks"]
    # the recorded scans predate the probes: no page carries a probe's cost, so none ran
    assert data["checks"] == {"groups": groups, "every_page": False, "judged": 2, "ran": {}}
    sampled = method({"groups": groups, "every_page": False, "judged": 40, "ran": {"keyboard": 6, "layout": 5}})
    assert f"检查组：{', '.join(groups)}" in sampled
    assert "键盘 6/40、版式 5/40 页" in sampled and "每种页面模板的第一页" in sampled
    assert "在每个页面运行" in method({"groups": groups, "every_page": True, "judged": 40, "ran": {"keyboard": 40}})
    doc = {"scan": {"mode": "browser", "options": {"checks": ["axe", "keyboard"], "checks_every_page": False}},
           "pages": [{"carried_over": False, "timings": {"checks_ms": {"keyboard": 400.0, "motion": 60.0}}},
                     {"carried_over": False, "timings": {"checks_ms": {"motion": 55.0}}},
                     {"carried_over": True, "timings": {}}]}
    assert _check_coverage(doc) == {"groups": ["axe", "keyboard"], "every_page": False, "judged": 2,
                                    "ran": {"keyboard": 1, "motion": 2}}
    assert _check_coverage({**doc, "scan": {"mode": "static", "options": {}}}) is None
