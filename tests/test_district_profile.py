"""One district is data: the bundled Jianghan profile and a second, outline-only profile (Hanyang, 汉阳区, from
``tests/fixtures/districts/hanyang``) used to prove that nothing is hard-wired to Jianghan: loading, which
district is current (argument > $WUZHANGAI_DISTRICT > database > default), survey validation, the district
report and its maps, the XLSForm, and the one street/community matcher. Real SQLite files, no mocks."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from geodata.district import (
    DISTRICT_ENV, SETTING_KEY, ProfileError, current_district, load_district, using,
)
from store.db import engine_for
from store.settings import get_setting, set_setting
from wuzhangai.cli import main

HANYANG = Path(__file__).resolve().parent / "fixtures" / "districts" / "hanyang"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def no_district_env(monkeypatch):
    monkeypatch.delenv(DISTRICT_ENV, raising=False)


@pytest.fixture
def hanyang():
    return load_district(HANYANG)


# ---------------------------------------------------------------------------------------------- loading

def test_bundled_jianghan_profile_holds_everything():
    d = load_district("jianghan")
    assert (d.id, d.name_zh, d.name_en, d.code, d.parent_zh) == ("jianghan", "江汉区", "Jianghan District", "420103",
                                                                 "武汉市")
    assert load_district("江汉区") is d and load_district("420103") is d and load_district(d.folder) is d
    assert (len(d.streets()), len(d.communities())) == (15, 111)
    assert d.has() == {"streets": True, "communities": True, "plan": True, "priority_places": True, "roads": True}
    assert d.plan["targets"]["indicator_11"]["target"] == 280  # the plan target lives in the profile, not in code
    assert any("OpenStreetMap" in s["name"] for s in d.sources)
    lon0, lat0, lon1, lat1 = d.bbox()
    assert 114.2 < lon0 < lon1 < 114.32 and 30.56 < lat0 < lat1 < 30.66


def test_second_profile_is_an_outline_only(hanyang):
    assert (hanyang.id, hanyang.name_zh, hanyang.name(lang="en"), hanyang.code) == (
        "hanyang", "汉阳区", "Hanyang District", "420105")
    assert hanyang.streets() == () and hanyang.communities() == () and hanyang.plan is None
    assert not any(hanyang.has().values())
    assert hanyang.match_unit("streets", "420103001", "民族街街道") is None
    lon0, lat0, lon1, lat1 = hanyang.bbox()
    assert 114.1 < lon0 < lon1 < 114.3 and 30.47 < lat0 < lat1 < 30.61
    assert load_district(HANYANG / "profile.yaml") is hanyang


def test_unknown_or_broken_profiles_are_refused(tmp_path):
    with pytest.raises(ProfileError, match="unknown district"):
        load_district("nowhere")
    (tmp_path / "profile.yaml").write_text("id: x\nname_zh: 某区\nname_en: X\ncode: '1'\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="boundary.geojson"):
        load_district(tmp_path)
    (tmp_path / "boundary.geojson").write_text((HANYANG / "boundary.geojson").read_text(encoding="utf-8"))
    (tmp_path / "profile.yaml").write_text("id: x\nname_zh: 某区\nname_en: X\ncode: '1'\nmetric_crs: EPSG:32650\n",
                                           encoding="utf-8")
    with pytest.raises(ProfileError, match="not supported"):
        load_district(tmp_path)


# ---------------------------------------------------------------------------------------------- resolution

def test_resolution_order_argument_env_store_default(tmp_path, monkeypatch, hanyang):
    engine = engine_for(tmp_path / "d.db")
    assert current_district(None, engine).id == "jianghan"  # nothing chosen: the bundled default
    set_setting(engine, SETTING_KEY, str(HANYANG))
    assert get_setting(engine, SETTING_KEY) == str(HANYANG)
    assert current_district(None, engine) is hanyang  # the database's choice
    assert current_district().id == "jianghan"  # no database given: not consulted
    monkeypatch.setenv(DISTRICT_ENV, "江汉区")
    assert current_district(None, engine).id == "jianghan"  # the environment beats the database
    assert current_district(str(HANYANG), engine) is hanyang  # an explicit argument beats the environment
    with using(hanyang):
        assert current_district().id == "hanyang"  # what a command activated
    assert current_district().id == "jianghan"
    set_setting(engine, SETTING_KEY, None)
    monkeypatch.delenv(DISTRICT_ENV)
    assert current_district(None, engine).id == "jianghan"


def test_district_commands_store_and_show_the_choice(tmp_path, monkeypatch):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    listed = runner.invoke(main, ["district", "list"])
    assert listed.exit_code == 0 and "jianghan" in listed.output and "江汉区" in listed.output
    shown = json.loads(runner.invoke(main, ["district", "show", "--db", db]).output)
    assert (shown["id"], shown["chosen_by"], shown["streets"]) == ("jianghan", "default", 15)
    used = runner.invoke(main, ["district", "use", str(HANYANG), "--db", db])
    assert used.exit_code == 0, used.output
    shown = json.loads(runner.invoke(main, ["district", "show", "--db", db]).output)
    assert (shown["id"], shown["chosen_by"], shown["has"]["plan"]) == ("hanyang", "database", False)
    shown = json.loads(runner.invoke(main, ["district", "show", "--db", db, "--district", "jianghan"]).output)
    assert (shown["id"], shown["chosen_by"]) == ("jianghan", "--district")
    monkeypatch.setenv(DISTRICT_ENV, "jianghan")
    shown = json.loads(runner.invoke(main, ["district", "show", "--db", db]).output)
    assert (shown["id"], shown["chosen_by"]) == ("jianghan", f"${DISTRICT_ENV}")
    bad = runner.invoke(main, ["district", "use", "nowhere", "--db", db])
    assert bad.exit_code == 2 and "unknown district" in bad.output


# ---------------------------------------------------------------------------------------------- surveys

def _sample_rows(n: int = 4) -> pd.DataFrame:
    """Rows of the bundled (Jianghan) sample survey, well north of Hanyang (whose outline ends at 30.606N)."""
    from surveys.pipeline import sample_path

    frame = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    located = frame[(frame["crs"] == "WGS84") & (frame["facility_type"] == "curb_ramp")]
    return located[located["lat"].astype(float) > 30.62].head(n)


def test_survey_against_the_second_profile_rejects_a_jianghan_point(tmp_path, hanyang):
    from surveys.importer import ImportRefused, import_surveys

    rows = _sample_rows()
    path = tmp_path / "jianghan_points.csv"
    rows.to_csv(path, index=False)
    with using(hanyang), pytest.raises(ImportRefused) as refused:
        import_surveys(engine_for(tmp_path / "h.db"), [path])
    problems = refused.value.report.problems
    assert {p.code for p in problems} == {"outside_district"}  # street names are not checked: no codes in the profile
    assert len(problems) == len(rows) and "汉阳区" in problems[0].zh
    # The same rows are inside Jianghan.
    report = import_surveys(engine_for(tmp_path / "j.db"), [path])
    assert report.imported and report.created == len(rows)

    # A point inside Hanyang imports there, its street kept as written.
    point = rows.head(1).assign(lon="114.2200", lat="30.5500", street="鹦鹉街道", community="")
    path2 = tmp_path / "hanyang_point.csv"
    point.to_csv(path2, index=False)
    engine = engine_for(tmp_path / "h2.db")
    with using(hanyang):
        done = import_surveys(engine, [path2])
    assert done.created == 1
    from surveys.frame import load_facilities

    stored = load_facilities(engine)
    assert (stored["street_name"].iloc[0], stored["street_code"].iloc[0]) == ("鹦鹉街道", None)


def test_survey_import_command_takes_district_option(tmp_path):
    rows = _sample_rows(2)
    path = tmp_path / "s.csv"
    rows.to_csv(path, index=False)
    result = CliRunner().invoke(main, ["survey", "import", str(path), "--db", str(tmp_path / "c.db"), "-q",
                                       "--district", str(HANYANG)])
    assert result.exit_code == 1 and "不在汉阳区范围内" in result.output


def test_survey_importer_does_not_import_the_geo_stack():
    code = ("import sys, surveys.importer; bad = [m for m in ('shapely', 'geopandas', 'pyproj') if m in sys.modules];"
            " print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_form_for_the_second_profile(hanyang):
    from surveys.xlsform import build_form

    sheets = build_form(district=hanyang)
    assert sheets["settings"][0]["form_title"] == "汉阳区无障碍设施调查"
    questions = {q["name"]: q for q in sheets["survey"]}
    assert questions["street"]["type"] == "text" and questions["community"]["type"] == "text"
    assert not [c for c in sheets["choices"] if c["list_name"] in ("streets", "communities")]
    jianghan = build_form()
    assert jianghan["settings"][0]["form_title"] == "江汉区无障碍设施调查"
    assert sum(c["list_name"] == "streets" for c in jianghan["choices"]) == 15


# ---------------------------------------------------------------------------------------------- the report

@pytest.fixture(scope="module")
def hanyang_report(tmp_path_factory):
    """The district report for Hanyang chosen in the database: synthetic facilities and two household records."""
    from geodata.synthetic import synthetic_facilities
    from reports.district_report import build_district_report

    engine = engine_for(tmp_path_factory.mktemp("hanyang") / "r.db")
    set_setting(engine, SETTING_KEY, str(HANYANG))
    facilities = synthetic_facilities(80, seed=3, district=load_district(HANYANG))
    homes = pd.DataFrame({"record_id": ["H-1", "H-2"], "facility_type": "home_modification",
                          "street_code": None, "street_name": "鹦鹉街道", "community_code": None,
                          "community_name": "某社区", "status": "compliant", "build_status": "unknown"})
    return build_district_report(engine, "zh-CN", facilities=pd.concat([facilities, homes], ignore_index=True))


def test_district_report_for_the_second_profile_names_it(hanyang_report, tmp_path):
    from reports.district_report import render_district_html

    data = hanyang_report.data
    assert data["title"] == "汉阳区无障碍环境建设评估报告" and data["district"]["code"] == "420105"
    assert hanyang_report.maps.district.id == "hanyang"
    ind = data["plan_progress"]["indicator_11"]
    assert (ind["households"], ind["target"], ind["progress"]) == (2, None, None)
    assert any("区档案中没有规划目标" in f for f in data["summary"]["findings"])
    assert [r["name"] for r in data["plan_progress"]["column9"]] == ["区档案中没有规划"]
    assert data["plan_progress"]["new_build"]["source"].startswith("GB 55019")
    assert data["facilities"]["gap_headline"].get("priority_places", 0) == 0
    assert any("没有重点场所" in n for n in data["facilities"]["notes"])
    sources = json.dumps(data["method"]["sources"], ensure_ascii=False)
    assert "汉阳区" in sources and "江汉" not in sources
    html = render_district_html(hanyang_report)
    assert "汉阳区无障碍环境建设评估报告" in html and "汉阳区界" in html
    assert "江汉" not in html
    (tmp_path / "hanyang.html").write_text(html, encoding="utf-8")


def test_maps_for_the_second_profile(hanyang_report):
    from geodata.maps_html import map_fragment
    from geodata.maps_static import render_static

    maps = hanyang_report.maps
    assert maps.roads is None and maps.report.priority.empty
    for layer in ("facilities", "gaps", "streets", "sites"):
        assert render_static(maps, layer, "png", dpi=50).startswith(PNG), layer
    fragment = map_fragment(maps, ["facilities", "gaps", "streets", "sites"], include_assets=False)
    assert 'aria-label="汉阳区无障碍地图 / Hanyang District accessibility map"' in fragment
    assert "江汉" not in fragment


def test_report_command_reads_the_district_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(DISTRICT_ENV, str(HANYANG))
    out = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["report", "district", "--db", str(tmp_path / "e.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["title"] == "汉阳区无障碍环境建设评估报告" and data["plan"]["title"] == "（区档案中没有规划）"


def test_report_command_takes_district_option_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(DISTRICT_ENV, "jianghan")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["report", "district", "--db", str(tmp_path / "e.db"), "--out", str(out),
                                       "--district", str(HANYANG)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "汉阳区无障碍环境建设评估报告"


def test_map_command_takes_district_option(tmp_path):
    out = tmp_path / "m.html"
    result = CliRunner().invoke(main, ["map", "--out", str(out), "--db", str(tmp_path / "m.db"),
                                       "--district", str(HANYANG)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "汉阳区无障碍设施调查结果" in page and "江汉" not in page


# ---------------------------------------------------------------------------------------------- the matcher

STREET_FORMS = ["420103001", 420103001.0, "420103001.0", "民族街街道", "民族街道", "民族街", "民族", "民族街街道办事处",
                " 民族街道 ", "民族街道办事处"]
COMMUNITY_FORMS = ["420103001002", 420103001002.0, "万年社区居委会", "万年社区", "万年", " 万年社区 "]


@pytest.mark.parametrize("form", STREET_FORMS)
def test_one_matcher_takes_every_street_form(form):
    from geodata.layers import match_unit

    d = load_district("jianghan")
    assert d.street(form).code == "420103001"
    assert match_unit("streets", None, form) == ("420103001", "民族街街道")  # the map layers' caller


@pytest.mark.parametrize("form", COMMUNITY_FORMS)
def test_one_matcher_takes_every_community_form(form):
    from geodata.layers import match_unit

    assert load_district("jianghan").community(form).code == "420103001002"
    assert match_unit("communities", form, None) == ("420103001002", "万年社区")


def test_survey_validation_uses_the_same_matcher(tmp_path):
    from surveys.importer import import_surveys
    from surveys.frame import load_facilities

    rows = _sample_rows(3).assign(street=["民族", "民族街街道办事处", "420103001"], community=["万年", "万年社区居委会", ""])
    path = tmp_path / "forms.csv"
    rows.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)
    engine = engine_for(tmp_path / "m.db")
    import_surveys(engine, [path])
    stored = load_facilities(engine).sort_values("record_id")
    assert set(stored["street_code"]) == {"420103001"} and set(stored["street_name"]) == {"民族街街道"}
    assert list(stored["community_name"].fillna("")) == ["万年社区", "万年社区", ""]
