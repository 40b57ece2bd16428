"""``wuzhangai app audit`` end to end on the bundled sample app (real dumps and screenshots, a real SQLite store):
the findings match the sample's ground truth exactly, repeated barriers are one issue across screens, the app
is stored as a target with its screens and scored; malformed dumps are refused naming the file, nothing stored;
``app capture`` without adb and without a device."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from store.db import engine_for
from wuzhangai.cli import main
from wuzhangai.sample_app import BARRIERS, DENSITY, ELDER_SCREENS, SCREENS

TRUTH = json.loads(BARRIERS.read_text(encoding="utf-8"))


def _sample_args(db: Path, out: Path) -> list[str]:
    args = ["app", "audit", *map(str, sorted(SCREENS.glob("*.xml")))]
    for png in sorted(SCREENS.glob("*.png")):
        args += ["--screenshot", str(png)]
    args += ["--density", str(DENSITY), "--app", TRUTH["app"], "--out", str(out), "--db", str(db)]
    for stem in ELDER_SCREENS:
        args += ["--elder-screen", stem]
    return args


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("app")
    result = CliRunner().invoke(main, _sample_args(tmp / "app.db", tmp / "app.json"))
    assert result.exit_code == 0, result.output
    return tmp, json.loads((tmp / "app.json").read_text(encoding="utf-8")), result.output


def test_sample_app_findings_are_exactly_its_ground_truth(audited):
    _tmp, doc, _out = audited
    prefix = TRUTH["package"] + ":id/"
    for page in doc["pages"]:
        found: dict[tuple, int] = {}
        for f in page["findings"]:
            key = (f["rule_id"], f["resource_id"].removeprefix(prefix), f["outcome"])
            found[key] = found.get(key, 0) + 1
        truth = TRUTH["screens"][page["screen"]]
        assert found == {(b["rule"], b["resource_id"], b["outcome"]): b["count"] for b in truth["barriers"]}, page["screen"]
        assert (page["score"] == 100.0) == truth["clean"]
    assert sorted(p["screen"] for p in doc["pages"]) == sorted(TRUTH["screens"])


def test_findings_carry_node_rule_outcome_impact_wcag_and_message(audited):
    _tmp, doc, _out = audited
    home = next(p for p in doc["pages"] if p["screen"] == "home")
    f = next(f for f in home["findings"] if f["rule_id"] == "wza-app-touch-target")
    assert f["resource_id"] == TRUTH["package"] + ":id/btn_scan" and f["class"] == "android.widget.ImageButton"
    assert f["bounds"] == "[948,36][1044,132]" and f["text"] == "" and f["content_desc"] == ""
    assert f["outcome"] == "failed" and f["impact"] == "moderate" and f["message"] == "触控区域 32 x 32 dp，小于 48 x 48 dp"
    contrast = next(f for p in doc["pages"] for f in p["findings"] if f["rule_id"] == "wza-app-text-contrast")
    assert contrast["wcag"] == ["1.4.3"] and "2.68:1" in contrast["message"]


def test_a_barrier_repeated_on_screens_is_one_issue_and_the_app_is_scored_like_a_site(audited):
    tmp, doc, output = audited
    back = [i for i in doc["issues"] if i["resource_id"].endswith("id/btn_back")]
    assert {i["rule_id"] for i in back} == {"wza-app-speakable-text", "wza-app-image-button-desc"}
    assert all(sorted(i["screens"]) == ["login", "service_detail", "services"] and i["count"] == 3 for i in back)
    scores = [p["score"] for p in doc["pages"]]
    assert doc["site_score"] == round(sum(scores) / len(scores), 1)  # the plain mean of the screens, as for pages
    assert doc["scan"]["mode"] == "app" and not doc["scan"]["partial"]
    assert doc["app"]["package"] == TRUTH["package"] and doc["app"]["elder_screens"] == ["elder_home"]
    assert f"score {doc['site_score']}" in output
    with engine_for(tmp / "app.db").connect() as conn:
        site = conn.execute(text("SELECT base_url, name, kind FROM sites")).one()
        assert tuple(site) == (f"app://{TRUTH['package']}", TRUTH["app"], "app")
        assert conn.execute(text("SELECT count(*) FROM pages WHERE mode = 'app'")).scalar_one() == 7


def test_stored_app_audit_is_rejudged_from_its_evidence(audited):
    tmp, doc, _out = audited
    result = CliRunner().invoke(main, ["scans", "rejudge", str(doc["scan"]["id"]), "--db", str(tmp / "app.db")])
    assert result.exit_code == 0, result.output
    again = CliRunner().invoke(main, ["scans", "show", str(doc["scan"]["id"]), "--format", "json",
                                      "--db", str(tmp / "app.db")])
    redone = json.loads(again.output)
    assert redone["site_score"] == doc["site_score"] and len(redone["issues"]) == len(doc["issues"])


def test_csv_and_html_outputs(tmp_path):
    # a database of its own: the module's holds the sample audit whose latest scan the report tests read
    dumps = [str(SCREENS / "home.xml"), "--screenshot", str(SCREENS / "home.png"), "--density", "480"]
    result = CliRunner().invoke(main, ["app", "audit", *dumps, "--out", str(tmp_path / "a.csv"), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8-sig"))))
    assert {r["rule_id"] for r in rows} == {"wza-app-speakable-text", "wza-app-image-button-desc",
                                            "wza-app-touch-target", "wza-app-miit-target", "wza-app-editable-desc"}
    assert all(r["screen"] == "home" and r["bounds"] and r["class"] for r in rows)
    result = CliRunner().invoke(main, ["app", "audit", *dumps, "--out", str(tmp_path / "a.html"), "--db", str(tmp_path / "a.db"),
                                       "--lang", "en"])
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert result.exit_code == 0 and "Touch targets should be at least 48 x 48 dp" in html and "btn_scan" in html


BAD_DUMPS = {
    "not_xml.xml": (b"ERROR: could not get idle state.\n", "不是完整的 XML"),
    "truncated.xml": ((SCREENS / "home.xml").read_bytes()[:900], "不是完整的 XML"),
    "no_hierarchy.xml": (b"<?xml version='1.0'?><dump><node bounds='[0,0][1,1]'/></dump>", "<hierarchy>"),
    "empty.xml": (b"<?xml version='1.0'?><hierarchy rotation='0'></hierarchy>", "没有任何 <node>"),
    "bad_bounds.xml": (b"<hierarchy rotation='0'><node class='a' bounds='[0,0][1080,2340]'><node class='b' "
                       b"bounds='0,0,10,10'/></node></hierarchy>", "/hierarchy/node[1]/node[1]"),
}


@pytest.mark.parametrize("name", sorted(BAD_DUMPS))
def test_malformed_dump_is_refused_naming_the_file_and_nothing_is_stored(tmp_path, name):
    content, said = BAD_DUMPS[name]
    bad = tmp_path / name
    bad.write_bytes(content)
    db = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["app", "audit", str(SCREENS / "guide.xml"), str(bad), "--db", str(db),
                                       "--out", str(tmp_path / "out.json")])
    assert result.exit_code == 1
    assert str(bad) in result.output and said in result.output and "nothing stored" in result.output
    assert not db.exists() and not (tmp_path / "out.json").exists()  # refused before the store was opened


def test_a_screenshot_of_another_shape_or_without_its_dump_is_refused(tmp_path):
    from PIL import Image

    Image.new("RGB", (720, 720), "white").save(tmp_path / "guide.png")
    result = CliRunner().invoke(main, ["app", "audit", str(SCREENS / "guide.xml"), "--screenshot",
                                       str(tmp_path / "guide.png"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "guide.png" in result.output and "does not match" in result.output
    result = CliRunner().invoke(main, ["app", "audit", str(SCREENS / "guide.xml"), "--screenshot",
                                       str(SCREENS / "home.png"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "home.png" in result.output and "no dump of the same name" in result.output
    assert not (tmp_path / "x.db").exists()


def _fake_adb(folder: Path, devices_output: str) -> Path:
    """An ``adb`` that answers ``adb devices`` as real adb does (and fails anything else, as without a device)."""
    adb = folder / "adb"
    adb.write_text("#!/bin/sh\nif [ \"$1\" = devices ]; then printf '%b' '" + devices_output.replace("\n", "\\n") +
                   "'; exit 0; fi\necho 'error: no devices/emulators found' >&2\nexit 1\n")
    adb.chmod(adb.stat().st_mode | stat.S_IEXEC)
    return adb


def test_capture_without_adb_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no adb anywhere
    monkeypatch.delenv("WUZHANGAI_ADB", raising=False)
    result = CliRunner().invoke(main, ["app", "capture", "--serial", "emulator-5554", "--out", str(tmp_path / "s")])
    assert result.exit_code == 1 and "apt-get install adb" in result.output and "adb not found" in result.output
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("listing, said", [
    ("List of devices attached\n\n", "no device emulator-5554 attached (adb devices lists: 无 / none)"),
    ("List of devices attached\nemulator-5554\tunauthorized\n\n", "allow USB debugging"),
])
def test_capture_with_no_device_says_so(tmp_path, monkeypatch, listing, said):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_adb(bin_dir, listing)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("WUZHANGAI_ADB", raising=False)
    result = CliRunner().invoke(main, ["app", "capture", "--serial", "emulator-5554", "--out", str(tmp_path / "s")])
    assert result.exit_code == 1 and said in result.output
    assert not (tmp_path / "s").exists()


def test_the_app_shows_in_the_site_and_district_reports_as_22_evidence(audited, tmp_path):
    tmp, doc, _out = audited
    db = str(tmp / "app.db")
    site = CliRunner().invoke(main, ["report", "site", "--latest", f"app://{TRUTH['package']}", "--format", "json",
                                     "--db", db])
    assert site.exit_code == 0, site.output
    report = json.loads(site.output)
    assert report["title"] == f"{TRUTH['app']} 移动应用无障碍评估报告" and report["score"] == doc["site_score"]
    assert len(report["pages"]) == 7 and report["issues"][0]["count"] == 3  # the back arrow, on three screens
    district = CliRunner().invoke(main, ["report", "district", "--format", "json", "--db", db])
    assert district.exit_code == 0, district.output
    data = json.loads(district.output)
    assert [a["name"] for a in data["web"]["apps"]] == [TRUTH["app"]] and data["web"]["sites_scanned"] == 0
    rows = {r["code"]: r for r in data["plan_progress"]["column9"]}
    assert rows["二.2"]["status"] == "in_progress" and rows["二.2"]["count"] == 1
    assert rows["二.2"]["evidence"].startswith(f"已检查移动应用 1 个，平均得分 {doc['site_score']}")
    assert rows["二.1"]["status"] == "no_evidence"  # an app is not a website


def test_the_app_report_speaks_of_an_app_its_screens_and_beijing_time(audited, tmp_path):
    tmp, _doc, _out = audited
    out = tmp_path / "app.html"
    result = CliRunner().invoke(main, ["report", "site", "--latest", f"app://{TRUTH['package']}", "--format", "html",
                                       "--out", str(out), "--db", str(tmp / "app.db")])
    assert result.exit_code == 0, result.output
    summary = out.read_text(encoding="utf-8").split('id="s-summary"')[1].split('id="s-trend"')[0]
    head = out.read_text(encoding="utf-8").split('id="s-summary"')[0]
    assert f"安卓应用：{TRUTH['package']}" in head and "网址：app://" not in head
    assert re.search(r"检查 #\d+，\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）", head)  # not a raw ISO time
    assert "应用得分（0–100）" in summary and "已检查界面" in summary
    assert "网站得分" not in summary and "未能扫描的页面" not in summary and "附件" not in summary
    assert "（严重，3 个界面）" in summary  # the back arrow leads "fix these first"


def test_the_app_reports_carry_the_miit_technical_table(audited):
    tmp, _doc, _out = audited
    db = str(tmp / "app.db")
    report = json.loads(CliRunner().invoke(main, ["report", "site", "--latest", f"app://{TRUTH['package']}",
                                                  "--format", "json", "--db", db]).output)
    rows = {r["id"]: r for r in report["miit"]["rows"]}
    # the sample's barriers: small targets, grey text, the 14 dp footnote, unlabelled buttons
    assert {k for k, r in rows.items() if r["outcome"] == "failed"} == {"target-size", "contrast", "text-size",
                                                                       "assistive-tech"}
    assert rows["gestures"]["outcome"] == "untested" and rows["gestures"]["person"]
    assert "wza-app-miit-target: 不通过" in rows["target-size"]["evidence"]
    district = json.loads(CliRunner().invoke(main, ["report", "district", "--format", "json", "--db", db]).output)
    app = district["web"]["apps"][0]
    assert (app["miit_failed"], app["miit_review"], app["miit_passed"], app["miit_untested"]) == (4, 0, 0, 10)
    row = next(r for r in district["plan_progress"]["column9"] if r["code"] == "二.2")
    assert "适老化技术项（本项目映射）不通过 4 项次、未检测 10 项次" in row["evidence"]
