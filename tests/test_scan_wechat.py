"""``scan --wechat`` in static mode on a loopback page that answers only WeChat: the crawler asks with WeChat's
user agent, the page is scanned, and every output says the scan was made as WeChat (the browser side:
tests/e2e/test_scan_wechat_browser.py)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from scanner.wechat import WECHAT_TOKEN, wechat_user_agent
from tests.wechat_site import SEEN, serve_wechat_only
from wuzhangai.cli import main


def test_static_scan_as_wechat_reads_the_wechat_only_page_and_says_so(tmp_path):
    with serve_wechat_only() as url:
        plain = CliRunner().invoke(main, ["scan", url, "--no-browser", "--no-sitemap", "--max-pages", "1", "--format",
                                          "json", "--db", str(tmp_path / "a.db"), "-q"])
        SEEN.clear()
        wechat = CliRunner().invoke(main, ["scan", url, "--no-browser", "--no-sitemap", "--max-pages", "1", "--wechat",
                                           "--out", str(tmp_path / "w.json"), "--db", str(tmp_path / "a.db"), "-q"])
    assert plain.exit_code == 1 and "no page could be scanned" in plain.output  # 403 without WeChat
    assert wechat.exit_code == 0, wechat.output
    assert SEEN and all(WECHAT_TOKEN in ua for ua in SEEN)  # robots.txt and the page alike
    doc = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    assert doc["summary"]["pages_scanned"] == 1 and doc["pages"][0]["title"] == "社保查询"
    assert doc["scan"]["options"]["wechat"] is True and "MicroMessenger" in doc["scan"]["wechat"]
    assert "以微信内置浏览器的身份访问" in wechat.output and "as WeChat's in-app browser" in wechat.output


def test_wechat_user_agent_keeps_the_phone_and_adds_the_token():
    iphone = ("Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
              "Version/15.0 Mobile/15E148 Safari/604.1")
    ua = wechat_user_agent(iphone)
    assert ua.startswith("Mozilla/5.0 (iPhone; CPU iPhone OS 15_0") and ua.endswith(WECHAT_TOKEN)
    assert "Safari/" not in ua  # WeChat's WKWebView sends no Safari tail
    android = "Mozilla/5.0 (Linux; Android 12; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100 Mobile Safari/537.36"
    assert wechat_user_agent(android) == f"{android} {WECHAT_TOKEN}"
