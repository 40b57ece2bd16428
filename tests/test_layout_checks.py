"""The layout checks on hand-made artifacts: the branches of the font-setting check that the browser fixtures
(tests/fixtures/web_rules/wza-text-follows-font-setting) do not reach."""
from __future__ import annotations

from checks.web import layout_checks as L
from checks.web.own_rules import Evidence
from scanner.static_facts import page_facts

PLAIN = "<html lang='zh-CN'><body><p>正文</p></body></html>"
TOOLBAR = "<html lang='zh-CN'><body><script src='/cniil/assist.js'></script><p>正文</p></body></html>"


def _ev(grew: int, total: int = 100, html: str = PLAIN) -> Evidence:
    fixed = [{"selector": "div.article", "html": "<div class=\"article\">", "px": 15, "chars": total - grew,
              "text": "正文"}] if grew < total else []
    return Evidence({"layout": {"font_setting": {"total_chars": total, "grew_chars": grew, "fixed": fixed}},
                     "dom": page_facts(html, "http://example.gov.cn/news/1.html")})


def _outcome(ev: Evidence) -> list[tuple[str, str | None, str]]:
    return [(r.outcome, getattr(r.fact, "selector", None), r.message) for r in L.text_follows_font_setting(ev)]


def test_text_follows_font_setting_outcomes():
    assert _outcome(_ev(grew=100)) == [("passed", None, "follows")]
    assert _outcome(_ev(grew=80)) == [("passed", None, "follows")]
    assert _outcome(_ev(grew=60)) == [("cantTell", "div.article", "partly")]  # part of the text grows
    assert _outcome(_ev(grew=10)) == [("failed", "div.article", "fixed")]
    # a toolbar on the page may enlarge the text instead of the reader's setting: for a person to check
    assert _outcome(_ev(grew=10, html=TOOLBAR)) == [("cantTell", "div.article", "toolbar")]
    assert _outcome(_ev(grew=0, total=5)) == []  # too little text to judge
    assert L.text_follows_font_setting(Evidence({"layout": {}, "dom": page_facts(PLAIN, "http://x/")})) == []
