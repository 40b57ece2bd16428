"""Static maps (PNG/SVG: size, not blank, Chinese drawn in Noto CJK, no missing glyphs) and the offline HTML map
opened in real Chromium with every network request blocked."""
from __future__ import annotations

import io
import re
import warnings

import matplotlib
import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib import image as mpimg
from playwright.sync_api import sync_playwright

from geodata import maps_static
from geodata.mapdata import collect
from geodata.maps_html import LeafletMissing, leaflet_dir, render_html
from geodata.maps_static import render_static
from geodata.synthetic import synthetic_facilities, synthetic_units
from scanner.browser import CHROMIUM_ARGS, find_chromium
from wuzhangai.cli import main
from store.db import engine_for

GLYPH_MISSING = re.compile(r"Glyph \d+ .*missing from font", re.I)


@pytest.fixture(scope="module")
def facilities():
    fac = synthetic_facilities(120, seed=5)
    fac.loc[fac.index[:5], "facility_type"] = "home_modification"
    fac.loc[fac.index[5], "site_name"] = "<script>alert(1)</script>测试"
    fac.loc[fac.index[6], ["status", "worst_severity"]] = ["non_compliant", "critical"]
    fac.at[fac.index[6], "failing_rules"] = [
        {"rule_id": "CR-03", "clause": "GB 55019-2021 3.2.2", "severity": "critical",
         "message_zh": "缘石坡道坡度超过 1:12", "message_en": "curb ramp steeper than 1:12"}]
    return fac


@pytest.fixture(scope="module")
def map_data(tmp_path_factory, facilities):
    engine = engine_for(tmp_path_factory.mktemp("maps") / "w.db")
    sites = [{"site_id": 1, "base_url": "http://127.0.0.1/", "name": "江汉区政府网站（示例）", "owner_unit": "区政府",
              "lon": 114.2705, "lat": 30.6010, "latest_scan_id": 1, "score": 62.0, "issues": 9,
              "scanned_at": "2025-05-01"}]
    import pandas as pd

    return collect(engine, facilities=facilities, sites=pd.DataFrame(sites))


def _render_quietly(*args, **kwargs) -> tuple[bytes, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = render_static(*args, **kwargs)
    return out, [str(w.message) for w in caught if GLYPH_MISSING.search(str(w.message))]


@pytest.mark.parametrize("layer", ["facilities", "gaps", "streets", "sites"])
def test_static_png_has_size_content_and_no_missing_glyphs(map_data, layer):
    png, missing = _render_quietly(map_data, layer, "png", dpi=80)
    assert missing == []
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = mpimg.imread(io.BytesIO(png), format="png")
    height, width = pixels.shape[:2]
    assert 400 < width < 700 and 500 < height < 700  # 8 x 8.5 in at 80 dpi, cropped tight to the drawing
    flat = pixels[..., :3].reshape(-1, 3)
    assert flat.std() > 0.05  # not blank
    assert len(np.unique((flat * 255).astype(np.uint8), axis=0)) > 50  # many colours: layers were drawn


def test_static_svg_draws_chinese_with_noto_cjk_and_osm_credit(map_data):
    svg, missing = _render_quietly(map_data, "gaps", "svg")
    text = svg.decode("utf-8")
    assert missing == []
    comments = re.findall(r"<!-- (.*?) -->", text)
    assert "江汉区无障碍设施覆盖缺口" in comments  # the title, drawn as glyph paths
    assert any("© OpenStreetMap contributors" in c for c in comments)
    assert any("公里" in c for c in comments) and "北 N" in comments  # scale bar and north arrow
    glyph_fonts = set(re.findall(r'<path id="([A-Za-z]+)[^"]*-[0-9a-f]+"', text))
    assert any(f.startswith("NotoSansCJK") for f in glyph_fonts)


def test_glyph_check_does_catch_a_font_without_chinese(map_data, monkeypatch):
    # The detector above must be able to fail: force a Latin-only font and expect missing-glyph warnings.
    monkeypatch.setattr(maps_static, "use_cjk_font", lambda: {"font.family": "sans-serif",
                                                              "font.sans-serif": ["DejaVu Sans"]})
    before = matplotlib.rcParams["font.sans-serif"][:]
    _, missing = _render_quietly(map_data, "facilities", "png", dpi=40)
    assert missing
    assert matplotlib.rcParams["font.sans-serif"] == before  # the map's fonts do not leak into other charts


def test_no_osm_credit_when_no_osm_layer_is_drawn(map_data):
    from dataclasses import replace

    bare = replace(map_data, roads=None)
    svg = render_static(bare, "facilities", "svg").decode("utf-8")
    assert "OpenStreetMap" not in svg
    assert "OpenStreetMap" in render_static(bare, "gaps", "svg").decode("utf-8")  # OSM priority places


def test_home_modifications_are_never_drawn(map_data):
    assert "home_modification" not in set(map_data.facilities["facility_type"])
    page = render_html(map_data, ["facilities", "streets"])
    assert "home_modification" not in page.replace("home_modifications", "")


def test_leaflet_missing_says_how_to_install(tmp_path):
    with pytest.raises(LeafletMissing, match="npm install"):
        leaflet_dir([tmp_path])


@pytest.mark.e2e
def test_interactive_map_offline_in_chromium(map_data, tmp_path):
    page_path = tmp_path / "map.html"
    page_path.write_text(render_html(map_data, ["facilities", "gaps", "streets", "sites"]), encoding="utf-8")
    url = page_path.as_uri()
    blocked, failed, errors = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page()

            def only_the_file(route):
                if route.request.url == url:
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()
            page.route("**/*", only_the_file)
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url)
            page.wait_for_function("window.wuzhangaiMaps && window.wuzhangaiMaps['wz-map']", timeout=10000)
            ids = page.evaluate("Object.keys(window.wuzhangaiMaps['wz-map'].layers)")
            labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
            drawn = page.locator("#wz-map path.leaflet-interactive").count()
            attribution = page.locator(".leaflet-control-attribution").inner_text()
            # Toggle a layer off through the control, as a user would.
            before = page.evaluate("window.wuzhangaiMaps['wz-map'].map.hasLayer("
                                   "window.wuzhangaiMaps['wz-map'].layers['priority_places'])")
            page.locator(".leaflet-control-layers-overlays label", has_text="重点场所").locator("input").click()
            after = page.evaluate("window.wuzhangaiMaps['wz-map'].map.hasLayer("
                                  "window.wuzhangaiMaps['wz-map'].layers['priority_places'])")
            # Open the popup of the facility with a known failing clause.
            popup = page.evaluate("""() => {
                const m = window.wuzhangaiMaps['wz-map'];
                let text = null;
                Object.values(m.layers).forEach(group => group.eachLayer(l => {
                    const f = l.feature;
                    if (f && f.properties.record_id === 'synthetic-00006') {
                        l.openPopup();
                        text = document.querySelector('.leaflet-popup-content').innerText;
                    }
                }));
                return text;
            }""")
            injected = page.evaluate("document.querySelectorAll('#wz-map script').length")
        finally:
            browser.close()
    assert blocked == [] and failed == [] and errors == []
    assert {"boundary", "roads", "priority_places", "gap_toilet", "streets", "sites"} <= set(ids)
    assert any(i.startswith("facilities_") for i in ids)
    assert len(labels) == len(ids)
    assert drawn > 100
    assert "© OpenStreetMap contributors" in attribution
    assert before is True and after is False
    assert popup is not None
    assert "GB 55019-2021 3.2.2" in popup and "缘石坡道坡度超过 1:12" in popup and "不合规" in popup
    assert injected == 0  # a site name with <script> is shown as text, not run


def test_map_command_writes_png_svg_html(tmp_path):
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    for name in ("m.png", "m.svg", "m.html"):
        result = runner.invoke(main, ["map", "--layer", "gaps", "--out", str(tmp_path / name), "--db", db])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 10_000
    assert runner.invoke(main, ["map", "--out", str(tmp_path / "m.txt"), "--db", db]).exit_code == 2


def test_street_polygons_become_the_streets_layer(tmp_path, facilities):
    from store.geo import save_layer
    from geodata.layers import to_feature_rows
    from geodata import district

    engine = engine_for(tmp_path / "w.db")
    polys = synthetic_units([s.code for s in district.streets()], seed=9)
    save_layer(engine, "streets", "synthetic", to_feature_rows(polys), source_path="-", source_crs="EPSG:4326")
    data = collect(engine, facilities=facilities)
    assert set(data.report.streets["grouped_by"]) == {"polygon"}
    assert data.report.streets["area_km2"].sum() == pytest.approx(28.27, abs=0.01)
    png, missing = _render_quietly(data, "streets", "png", dpi=60)
    assert missing == [] and len(png) > 20_000
    assert '"street_boundaries"' in render_html(data, ["streets"])
