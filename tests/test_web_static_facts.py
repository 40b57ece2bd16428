"""Static facts from literal HTML: names, labels, selectors, viewport, and the stored form."""
from __future__ import annotations

from bs4 import BeautifulSoup

from checks.web.facts import HTML_SNIPPET_MAX, PageFacts
from scanner.static_facts import page_facts, viewport_blocks_zoom

PAGE = """<!doctype html><html lang="zh-CN"><head><title>
  江汉区人民政府 </title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<nav id="nav"><a href="/">首页</a><a href="news/"><img src="n.png" alt="新闻"></a>
  <a href="#x" aria-label="搜索"><i></i></a><a href="/w"><span aria-hidden="true">★</span>微博</a><a>no href</a></nav>
<div><p><a href="/p1" title="政策文件">···</a></p><p><a href="/p2"></a></p></div>
<div><p><a href="/same">同一</a></p><p><a href="/same">同一</a></p></div>
<form><label for="n">姓名</label><input id="n"><label>电话<input type="tel"></label>
  <span id="lb">住址</span><input aria-labelledby="lb"><input title="邮编"><input placeholder="备注">
  <input type="checkbox" id="dup"><input type="text" id="dup"><select></select><textarea></textarea>
  <input type="hidden"><input type="image" src="go.png" alt="查询"><button>提交</button></form>
<h1>标题</h1><div role="heading" aria-level="3">三级</div><iframe src="m.html" title="地图"></iframe>
<svg><title>不是页面标题</title></svg><p>""" + "长" * 400 + """</p></body></html>"""


def _facts() -> PageFacts:
    return page_facts(PAGE, "http://www.jianghan.gov.cn/zwgk/index.html")


def test_page_level_facts():
    f = _facts()
    assert f.title == "江汉区人民政府" and f.lang == "zh-CN"
    assert f.viewport == "width=device-width, initial-scale=1" and not f.has_viewport_zoom_block
    assert page_facts("<html><body><svg><title>x</title></svg></body></html>", "http://a/").title is None
    assert page_facts("<html><title></title></html>", "http://a/").title == ""


def test_link_names_and_hrefs():
    links = _facts().links
    names = [a.name for a in links]
    assert names[:4] == ["首页", "新闻", "搜索", "微博"]
    assert names[4] == "···" and names[5] == ""  # text wins over title, as in accessible name computation
    assert links[1].href == "http://www.jianghan.gov.cn/zwgk/news/"
    assert len(links) == 8  # <a> without href is not a link


def test_form_field_labels_from_every_source():
    fields = _facts().form_fields
    got = [(x.type, x.label, x.label_source) for x in fields]
    assert got[:5] == [("text", "姓名", "label-for"), ("tel", "电话", "label-wrap"),
                       ("text", "住址", "aria-labelledby"), ("text", "邮编", "title"), ("text", "", "")]
    assert fields[4].placeholder == "备注"
    assert [x.type for x in fields] == ["text", "tel", "text", "text", "text", "checkbox", "text", "select", "textarea"]
    buttons = _facts().buttons
    assert [b.name for b in buttons] == ["查询", "提交"]


def test_headings_and_frames():
    f = _facts()
    assert [(h.level, h.text) for h in f.headings] == [(1, "标题"), (3, "三级")]
    assert [(x.title, x.src) for x in f.frames] == [("地图", "m.html")]


def test_selectors_find_exactly_their_element_and_snippets_are_short():
    soup = BeautifulSoup(PAGE, "lxml")
    f = _facts()
    elements = [*f.images, *f.links, *f.form_fields, *f.buttons, *f.headings, *f.frames]
    for fact in elements:
        assert len(soup.select(fact.selector)) == 1, fact.selector
        assert len(fact.html) <= HTML_SNIPPET_MAX
    assert f.links[0].selector == "nav#nav > a:nth-of-type(1)"
    # duplicated ids are not used as anchors
    assert "#dup" not in f.form_fields[5].selector
    long_p = page_facts("<html><body><a href='/'>" + "长" * 400 + "</a></body></html>", "http://a/").links[0]
    assert len(long_p.html) == HTML_SNIPPET_MAX and long_p.html.endswith("…")


def test_viewport_zoom_block():
    assert viewport_blocks_zoom("width=device-width, user-scalable=no")
    assert viewport_blocks_zoom("width=device-width; user-scalable=0")
    assert viewport_blocks_zoom("maximum-scale=1.0")
    assert not viewport_blocks_zoom("maximum-scale=2")
    assert not viewport_blocks_zoom("width=device-width, maximum-scale=abc, user-scalable=yes")


def test_facts_round_trip_through_a_plain_dict():
    f = _facts()
    assert PageFacts.from_dict(f.to_dict()) == f
    assert PageFacts.from_dict({**f.to_dict(), "added_later": 1}) == f


def test_dom_snapshot_is_parsed_for_judging_and_old_facts_pass_through():
    from checks.web.facts import PageFacts
    from scanner.artifacts import DOM, for_judging

    snapshot = {DOM: {"url": "http://a.gov.cn/", "html": "<html lang='zh-CN'><title>首页</title><a href='/x'>x</a>"},
                "axe": {"violations": []}}
    judged = for_judging(snapshot)
    assert isinstance(judged[DOM], PageFacts) and judged[DOM].title == "首页"
    assert judged[DOM].links[0].href == "http://a.gov.cn/x" and judged["axe"] == {"violations": []}
    assert snapshot[DOM]["html"].startswith("<html")  # the stored artifact is left as it was
    legacy = {DOM: {"url": "http://a/", "title": "t", "lang": None}}
    assert for_judging(legacy) is legacy


def test_links_resolve_like_urljoin():
    from urllib.parse import urljoin

    page = "https://www.a.gov.cn/zwgk/list/index.html?p=2"
    hrefs = ["/x/y.html", "z.html", "../up.html", "//cdn.a.gov.cn/q", "https://b.gov.cn/", "?p=3", "#top", "/"]
    html = "".join(f'<a href="{h}">{i}</a>' for i, h in enumerate(hrefs))
    assert [link.href for link in page_facts(html, page).links] == [urljoin(page, h) for h in hrefs]


def test_html_links_are_the_links_of_the_page_facts():
    """A carried-over page's links (``html_links``, no other facts) are exactly those a judged page gives."""
    from pathlib import Path

    from scanner.static_facts import html_links, page_links
    from wuzhangai.sample_server import SITE_ROOT

    pages = [(p.read_text(encoding="utf-8"), "http://a.example/" + p.relative_to(SITE_ROOT).as_posix())
             for p in sorted(Path(SITE_ROOT).rglob("*.html"))]
    pages.append(('<?xml version="1.0" encoding="utf-8"?><html><body><a href=" /x ">x</a><a>no href</a>'
                  '<iframe src="f.html"></iframe><frame src=""><a href="../up.html#top">up</a></body></html>',
                  "http://a.example/d/p.html"))
    pages.append(("", "http://a.example/"))
    for html, url in pages:
        assert html_links(html, url) == page_links(page_facts(html, url))
    assert html_links(pages[-2][0], pages[-2][1]) == ["http://a.example/x", "http://a.example/up.html#top", "f.html"]
