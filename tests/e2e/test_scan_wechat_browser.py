"""``scan --wechat`` in Chromium: the emulated phone's user agent with WeChat's token reaches the server and the
page's own ``navigator.userAgent``, so a page that answers only WeChat is scanned."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from scanner.wechat import WECHAT_TOKEN
from tests.wechat_site import SEEN, serve_wechat_only
from wuzhangai.cli import main

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]


def test_browser_scan_as_wechat_on_an_iphone(tmp_path):
    SEEN.clear()
    with serve_wechat_only() as url:
        result = CliRunner().invoke(main, ["scan", url, "--wechat", "--no-sitemap", "--max-pages", "1", "--checks", "axe",
                                           "--out", str(tmp_path / "w.json"), "--db", str(tmp_path / "w.db"), "-q"])
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    assert doc["pages"][0]["title"] == "社保查询" and doc["scan"]["options"]["device"] == "iPhone 13"
    page_ua = [ua for ua in SEEN if "iPhone" in ua]
    assert page_ua and all(ua.endswith(WECHAT_TOKEN) for ua in page_ua)
    assert "iPhone 13" in doc["scan"]["wechat"] and "以微信内置浏览器的身份访问" in result.output


def test_elder_phone_scan_judges_the_miit_elder_bounds(tmp_path):
    """``--wechat --elder``: the page is judged as an elder interface (18 px text: its 16 px paragraph fails);
    the same scan without ``--elder`` leaves the elder rules inapplicable."""
    outcomes = {}
    with serve_wechat_only() as url:
        for flag in ("--elder", None):
            out = tmp_path / f"{flag or 'plain'}.json"
            args = ["scan", url, "--wechat", "--no-sitemap", "--max-pages", "1", "--checks", "content",
                    "--out", str(out), "--db", str(tmp_path / "e.db"), "-q"] + ([flag] if flag else [])
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 0, result.output
            doc = json.loads(out.read_text(encoding="utf-8"))
            assert doc["scan"]["options"]["elder"] is bool(flag)
            outcomes[flag] = {rule: outcome for rule, outcome in doc["pages"][0]["rule_outcomes"].items()
                              if rule in ("wza-elder-text-size-18", "wza-elder-target-size-60")}
            if flag:
                assert [f["selector"] for f in doc["pages"][0]["findings"]
                        if f["rule_id"] == "wza-elder-text-size-18"] == ["p#ua"]  # its 16 px paragraph
    assert outcomes["--elder"] == {"wza-elder-text-size-18": "failed",
                                   "wza-elder-target-size-60": "inapplicable"}  # no control on the page
    assert outcomes[None] == {"wza-elder-text-size-18": "inapplicable", "wza-elder-target-size-60": "inapplicable"}


def test_elder_without_a_phone_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["scan", "http://127.0.0.1:9/", "--elder", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "--elder needs --device" in result.output
    assert not (tmp_path / "x.db").exists()
