"""``scan --wechat`` in Chromium: the emulated phone's user agent with WeChat's token reaches the server and the
page's own ``navigator.userAgent``, so a page that answers only WeChat is scanned."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from scanner.wechat import WECHAT_TOKEN
from tests.wechat_site import SEEN, serve_wechat_only
from wuzhangai.cli import main

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


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
