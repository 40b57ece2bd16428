"""Generate the benchmark's page set: N realistic district-government pages of about 1,000 elements each.

Why generated: the bundled sample site has 15 small pages (~120 elements); real 区政府 portals carry a mega-menu,
five news columns, a service grid, data tables, a message form and a long footer, and axe's run time grows
with the element count. The pages are deterministic (one seed), self-contained (shared CSS/JS/SVG files on the
same server, nothing from the internet) and carry a *known mix* of axe violations, written to
``manifest.json`` beside them, so the benchmark can check that every tool found what was planted.

Every planted barrier belongs to a WCAG 2.0/2.1 A/AA rule, so all three tools run it (pa11y's axe runner
does not run the wcag22* tags). Names of streets and communities are the 2023 statistical units bundled in
``geodata/districts/jianghan`` (source noted in its ``SOURCES.md``); all news, people and numbers are made up.

    python bench/make_pages.py --pages 50 --out bench/out/site
"""
from __future__ import annotations

import argparse
import csv
import html
import json
import random
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_OUT = HERE / "out" / "site"
DEFAULT_SEED = 20241128
GEODATA = REPO / "geodata" / "districts" / "jianghan"  # the bundled district profile

# axe rule id -> share of pages that get it planted. Each rule is WCAG 2.0/2.1 A or AA (see module doc).
PLANTED_SHARE: dict[str, float] = {
    "image-alt": 0.7,  # service icons without alt (the most common barrier on portals)
    "link-name": 0.6,  # share icons that are empty links
    "color-contrast": 0.6,  # pale grey news dates
    "label": 0.5,  # search box without a label
    "button-name": 0.4,  # the notice pop-up's empty close button
    "select-name": 0.5,  # 友情链接 drop-down without a label
    "list": 0.3,  # a <ul> whose children are <div>s
    "listitem": 0.2,  # an <li> outside a list
    "input-image-alt": 0.2,  # an image submit button without alt
    "aria-valid-attr-value": 0.2,  # aria-expanded="open"
    "frame-title": 0.2,  # an embedded map without a title
    "meta-viewport": 0.1,  # user-scalable=no
    "html-has-lang": 0.1,  # <html> without lang
    "document-title": 0.06,  # an empty <title>
}

COLUMNS = ("要闻动态", "通知公告", "政策文件", "政策解读", "街道动态", "民生服务")
MENUS = ("首页", "政务公开", "政务服务", "互动交流", "走进江汉", "专题专栏", "政策文件", "数据开放", "无障碍服务")
SUBMENU = ("机构职能", "领导信息", "规划计划", "财政资金", "人事信息", "统计信息", "应急管理", "重点领域")
SERVICES = ("残疾人证办理", "低保申请", "养老服务补贴", "无障碍改造", "社保查询", "公积金", "医保报销", "户籍办理",
            "居住证", "不动产登记", "营业执照", "就业登记", "教育入学", "婚姻登记", "老年优待证", "法律援助",
            "助残服务", "爱心公交卡", "康复服务", "辅助器具", "适老化改造", "家庭医生", "志愿服务", "便民热线")
TOPICS = ("无障碍环境建设", "助残日活动", "社区康复", "适老化改造", "残疾人就业", "盲道整治", "无障碍卫生间",
          "坡道改造", "手语服务", "助残志愿", "老旧小区改造", "居家养老", "精准康复", "残疾人托养")
ACTIONS = ("召开推进会", "开展专项检查", "举行培训", "发布实施方案", "完成验收", "开展走访", "启动试点",
           "召开座谈会", "组织体验活动", "通报整改情况")


def _read_units() -> tuple[list[str], list[tuple[str, str]]]:
    with open(GEODATA / "streets.csv", encoding="utf-8") as f:
        streets = [row["name"] for row in csv.DictReader(f)]
    with open(GEODATA / "communities.csv", encoding="utf-8") as f:
        communities = [(row["short_name"], row["streetName"]) for row in csv.DictReader(f)]
    return streets, communities


@dataclass
class PagePlan:
    path: str
    title: str
    planted: dict[str, int] = field(default_factory=dict)  # rule id -> nodes planted


class _ElementCounter(HTMLParser):
    """Counts start tags, which is what ``document.getElementsByTagName('*').length`` sees for this markup."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.count += 1


def element_count(markup: str) -> int:
    counter = _ElementCounter()
    counter.feed(markup)
    return counter.count


class PageWriter:
    """One page: the template of a typical district portal, filled from the random generator of that page."""

    def __init__(self, index: int, rng: random.Random, streets: list[str], communities: list[tuple[str, str]],
                 planted: set[str]):
        self.i = index
        self.rng = rng
        self.streets = streets
        self.communities = communities
        self.planted = planted
        self.counts: dict[str, int] = {}

    def _plant(self, rule: str, nodes: int = 1) -> bool:
        if rule in self.planted:
            self.counts[rule] = self.counts.get(rule, 0) + nodes
            return True
        return False

    def _date(self) -> str:
        return f"2024-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def _headline(self) -> str:
        r = self.rng
        return f"{r.choice(self.streets)}{r.choice(TOPICS)}{r.choice(ACTIONS)}"

    def _link(self, text: str) -> str:
        return f'<a href="/p/{self.rng.randrange(1, 10_000):04d}.html">{html.escape(text)}</a>'

    def render(self) -> tuple[str, str]:
        title = "" if self._plant("document-title") else f"{self._headline()} - 江汉区人民政府（基准测试页 {self.i:03d}）"
        lang = "" if self._plant("html-has-lang") else ' lang="zh-CN"'
        viewport = ("width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no"
                    if self._plant("meta-viewport") else "width=device-width, initial-scale=1")
        parts = [
            f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="{viewport}">\n<title>{html.escape(title)}</title>\n'
            '<meta name="SiteName" content="江汉区人民政府"><meta name="ColumnName" content="要闻动态">\n'
            '<link rel="stylesheet" href="/static/gov.css">\n</head>\n<body>\n'
            '<a class="skip-link" href="#main">跳到主要内容</a>\n',
            self._top_bar(), self._header(), self._nav(),
            '<main id="main">\n', self._banner(), self._news_columns(), self._services(), self._data_table(),
            self._streets(), self._communities(), self._message_form(), self._embeds(), self._specials(),
            '</main>\n', self._footer(), self._popup(),
            '<script src="/static/gov.js"></script>\n</body>\n</html>\n',
        ]
        return title, "".join(parts)

    def _top_bar(self) -> str:
        share = []
        for name in ("微信", "微博", "今日头条"):
            if self._plant("link-name"):
                share.append(f'<a href="#share" class="share-icon share-{len(share)}"><span class="icon"></span></a>')
            else:
                share.append(f'<a href="#share" class="share-icon share-{len(share)}" aria-label="分享到{name}">'
                             '<span class="icon"></span></a>')
        return ('<div class="top-bar"><div class="wrap">'
                f'<span class="today">今天是 {self._date()}</span>'
                '<span class="entries"><a href="/a11y.html" class="a11y-entry">无障碍浏览</a>'
                '<a href="/elder.html">长者模式</a><a href="/en/">English</a><a href="/m/">移动版</a></span>'
                f'<span class="share">分享：{"".join(share)}</span>'
                '</div></div>\n')

    def _header(self) -> str:
        if self._plant("label"):
            field_ = '<input type="text" name="q" class="search-input">'
        else:
            field_ = ('<label for="q" class="sr-only">站内搜索</label>'
                      '<input type="text" id="q" name="q" class="search-input">')
        if self._plant("input-image-alt"):
            submit = '<input type="image" src="/img/search.svg" class="search-go">'
        else:
            submit = '<button type="submit" class="search-go">搜索</button>'
        hot = "".join(self._link(w) for w in self.rng.sample(SERVICES, 5))
        return ('<header class="site-header"><div class="wrap">'
                '<a href="/" class="logo"><img src="/img/logo.svg" alt="江汉区人民政府" width="360" height="64"></a>'
                f'<form class="search" action="/search" method="get" role="search">{field_}{submit}</form>'
                f'<p class="hot">热门搜索：{hot}</p>'
                '</div></header>\n')

    def _nav(self) -> str:
        items = []
        for m, menu in enumerate(MENUS):
            subs = "".join(f"<li>{self._link(s)}</li>" for s in self.rng.sample(SUBMENU, 6))
            expanded = "open" if m == 1 and self._plant("aria-valid-attr-value") else "false"
            items.append(f'<li class="menu"><a href="/c/{m}.html">{menu}</a>'
                         f'<button type="button" class="sub-toggle" aria-expanded="{expanded}">'
                         f'<span class="sr-only">展开{menu}</span></button><ul class="sub">{subs}</ul></li>')
        return f'<nav class="main-nav" aria-label="主导航"><ul class="wrap">{"".join(items)}</ul></nav>\n'

    def _banner(self) -> str:
        slides = "".join(
            f'<li><a href="/p/b{k}.html"><img src="/img/banner-{k}.svg" alt="{html.escape(self._headline())}"'
            f' width="760" height="300"></a></li>' for k in range(1, 5))
        return (f'<section class="banner" aria-label="图片新闻"><h1 class="sr-only">江汉区人民政府门户网站</h1>'
                f'<ul class="slides">{slides}</ul></section>\n')

    def _news_columns(self) -> str:
        pale = self._plant("color-contrast", 0)
        blocks = []
        for c, column in enumerate(COLUMNS):
            rows = []
            for _ in range(self.rng.randint(10, 13)):
                date_class = "date pale" if pale and c < 2 else "date"
                if date_class == "date pale":
                    self.counts["color-contrast"] += 1
                rows.append(f'<li>{self._link(self._headline())}<span class="{date_class}">{self._date()}</span></li>')
            more = f'<a href="/c/news{c}.html" class="more">更多{column}</a>'
            if c == 2 and self._plant("list"):
                body = f'<ul class="news-list">{"".join(r.replace("<li>", "<div>").replace("</li>", "</div>") for r in rows)}</ul>'
            else:
                body = f'<ul class="news-list">{"".join(rows)}</ul>'
            blocks.append(f'<section class="column" aria-labelledby="col{c}"><h2 id="col{c}">{column}</h2>{body}{more}</section>')
        return f'<div class="columns">{"".join(blocks)}</div>\n'

    def _services(self) -> str:
        missing = self.rng.randint(1, 4) if "image-alt" in self.planted else 0
        if missing:
            self._plant("image-alt", missing)
        cells = []
        for k, name in enumerate(SERVICES):
            alt = "" if k < missing else ' alt=""'
            cells.append(f'<li><a href="/s/{k}.html"><img src="/img/icon-{k % 12}.svg"{alt} width="48" height="48">'
                         f'<span>{name}</span></a></li>')
        return (f'<section class="services" aria-labelledby="svc"><h2 id="svc">办事服务</h2>'
                f'<ul class="service-grid">{"".join(cells)}</ul></section>\n')

    def _data_table(self) -> str:
        rows = []
        for street in self.streets:
            n = self.rng.randint(20, 400)
            done = self.rng.randint(0, n)
            rows.append(f"<tr><th scope=\"row\">{street}</th><td>{n}</td><td>{done}</td><td>{n - done}</td>"
                        f"<td>{done * 100 // n}%</td></tr>")
        return ('<section class="stats" aria-labelledby="stat"><h2 id="stat">无障碍设施整改进度（虚构数据）</h2>'
                '<table class="data"><caption>各街道无障碍设施问题整改情况</caption><thead><tr>'
                '<th scope="col">街道</th><th scope="col">发现问题</th><th scope="col">已整改</th>'
                '<th scope="col">待整改</th><th scope="col">整改率</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></section>\n')

    def _streets(self) -> str:
        cards = "".join(
            f'<li><h3>{s}便民服务中心</h3><p>地址：江汉区{s[:-2]}路{self.rng.randint(1, 300)}号</p>'
            f'<p>电话：027-8{self.rng.randint(1000000, 9999999)}</p>{self._link("办事指南")}</li>'
            for s in self.streets)
        return f'<section class="streets" aria-labelledby="st"><h2 id="st">街道便民服务中心</h2><ul>{cards}</ul></section>\n'

    def _communities(self) -> str:
        picked = self.rng.sample(self.communities, 36)
        rows = "".join(f"<tr><td>{c}</td><td>{s}</td><td>{self._link('服务指南')}</td></tr>" for c, s in picked)
        stray = '<li class="tip">社区名单以统计用区划代码为准</li>' if self._plant("listitem") else ""
        return ('<section class="communities" aria-labelledby="cm"><h2 id="cm">社区服务站</h2>'
                '<table class="data"><thead><tr><th scope="col">社区</th><th scope="col">所属街道</th>'
                f'<th scope="col">链接</th></tr></thead><tbody>{rows}</tbody></table>{stray}</section>\n')

    def _message_form(self) -> str:
        options = "".join(f"<option>{s}</option>" for s in self.streets)
        return ('<section class="message" aria-labelledby="msg"><h2 id="msg">区长信箱</h2>'
                '<form action="/mail" method="post">'
                '<p><label for="m-name">姓名</label><input id="m-name" name="name" autocomplete="name"></p>'
                '<p><label for="m-tel">电话</label><input id="m-tel" name="tel" type="tel" autocomplete="tel"></p>'
                f'<p><label for="m-street">所在街道</label><select id="m-street" name="street">{options}</select></p>'
                '<p><label for="m-title">标题</label><input id="m-title" name="title"></p>'
                '<p><label for="m-body">内容</label><textarea id="m-body" name="body" rows="4"></textarea></p>'
                '<fieldset><legend>是否公开</legend><label><input type="radio" name="pub" value="1"> 公开</label>'
                '<label><input type="radio" name="pub" value="0"> 不公开</label></fieldset>'
                '<p><button type="submit">提交</button> <button type="reset">重置</button></p>'
                '</form></section>\n')

    def _embeds(self) -> str:
        if not self._plant("frame-title"):
            return ""
        return ('<section class="map" aria-labelledby="map"><h2 id="map">办事地图</h2>'
                '<iframe src="/embed/map.html" width="600" height="200"></iframe></section>\n')

    def _specials(self) -> str:
        cards = "".join(f'<li><a href="/z/{k}.html"><img src="/img/banner-{k % 4 + 1}.svg" alt="{t}专题"'
                        f' width="280" height="80"></a></li>'
                        for k, t in enumerate(self.rng.sample(TOPICS, 6)))
        return f'<section class="specials" aria-labelledby="zt"><h2 id="zt">专题专栏</h2><ul>{cards}</ul></section>\n'

    def _footer(self) -> str:
        links = "".join(f'<option value="/l/{k}">{s}人民政府</option>' for k, s in enumerate(
            ("湖北省", "武汉市", "江岸区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区", "东西湖区", "蔡甸区")))
        if self._plant("select-name"):
            select = f'<select class="friend-links"><option>友情链接</option>{links}</select>'
        else:
            select = (f'<label for="fl" class="sr-only">友情链接</label>'
                      f'<select id="fl" class="friend-links"><option>友情链接</option>{links}</select>')
        about = "".join(self._link(t) for t in ("关于本网", "网站地图", "联系我们", "隐私声明", "使用帮助"))
        return ('<footer class="site-footer"><div class="wrap">'
                f'<div class="links">{select}</div><p class="about">{about}</p>'
                '<p>主办：武汉市江汉区人民政府办公室（虚构示例）　承办：江汉区政务服务和大数据管理局</p>'
                '<p>网站标识码：4201030000　鄂ICP备00000000号　'
                '<img src="/img/gongan.svg" alt="公安备案" width="20" height="20"> 鄂公网安备 42010302000000号</p>'
                '<p><a href="/dzjg.html"><img src="/img/dzjg.svg" alt="党政机关网站标识" width="48" height="60"></a></p>'
                '</div></footer>\n')

    def _popup(self) -> str:
        close = ('<button type="button" class="close"></button>' if self._plant("button-name")
                 else '<button type="button" class="close" aria-label="关闭">×</button>')
        return (f'<div class="notice" role="dialog" aria-label="通知">{close}'
                f'<p>{html.escape(self._headline())}</p></div>\n')


def plan_rules(rng: random.Random) -> set[str]:
    """The rules planted on one page; never an empty set, so every page has something to find."""
    rules = {rule for rule, share in PLANTED_SHARE.items() if rng.random() < share}
    return rules or {"image-alt"}


CSS = """body{margin:0;font:14px/1.6 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#222;background:#fff}
a{color:#1a3e8c;text-decoration:none}.wrap{max-width:1200px;margin:0 auto}
.skip-link{position:absolute;left:-999px}.skip-link:focus{left:8px;top:8px;background:#fff}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.top-bar{background:#f2f2f2;line-height:32px}.top-bar a{margin:0 8px}
.share-icon{display:inline-block;width:28px;height:28px;background:#ccc;border-radius:14px;vertical-align:middle}
.site-header{background:#fff;padding:12px 0}.search{display:inline-block;margin-left:40px}
.search-input{width:240px;height:30px}.search-go{height:34px;min-width:34px}.hot a{margin-right:10px}
.main-nav{background:#b7090a}.main-nav>ul{list-style:none;display:flex;padding:0}
.menu{position:relative}.menu>a{display:block;color:#fff;padding:10px 18px;font-size:16px}
.sub-toggle{background:#8c0708;color:#fff;border:0;min-width:24px;min-height:24px}
.sub{display:none}.banner .slides{list-style:none;display:flex;padding:0;overflow:hidden}
.columns{display:grid;grid-template-columns:1fr 1fr 1fr;gap:20px}
.column h2,.services h2{border-bottom:2px solid #b7090a;font-size:18px}
.news-list{list-style:none;padding:0}.news-list li{display:flex;justify-content:space-between;line-height:30px}
.date{color:#555}.date.pale{color:#bbbbbb}
.service-grid{list-style:none;display:grid;grid-template-columns:repeat(8,1fr);padding:0}
.service-grid a{display:block;text-align:center;padding:8px}
.data{border-collapse:collapse;width:100%}.data th,.data td{border:1px solid #ddd;padding:4px 8px}
.streets ul{display:grid;grid-template-columns:repeat(3,1fr);list-style:none;padding:0}
.specials ul{display:flex;list-style:none;padding:0;gap:10px}
.site-footer{background:#333;color:#eee;padding:20px 0;margin-top:30px}.site-footer a{color:#fff;margin-right:12px}
.notice{position:fixed;right:10px;bottom:10px;width:260px;background:#fff;border:1px solid #999;padding:8px}
.close{float:right;min-width:28px;min-height:28px}
"""

JS = """// Tabs and the notice pop-up, as portals have them; no network, no timers left running.
document.querySelectorAll('.sub-toggle').forEach(function (b) {
  b.addEventListener('click', function () {
    var open = b.getAttribute('aria-expanded') === 'true';
    b.setAttribute('aria-expanded', open ? 'false' : 'true');
    b.nextElementSibling.style.display = open ? 'none' : 'block';
  });
});
var close = document.querySelector('.notice .close');
if (close) close.addEventListener('click', function () { close.parentNode.hidden = true; });
"""

EMBED = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>办事地图</title></head>
<body><main><h1>江汉区政务服务中心位置</h1><p>地址：江汉区（虚构示例）</p></main></body></html>
"""


def _svg(width: int, height: int, fill: str, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            f'<rect width="{width}" height="{height}" fill="{fill}"/><text x="8" y="{height // 2}" fill="#fff" '
            f'font-size="{max(10, height // 4)}">{label}</text></svg>\n')


def write_assets(out: Path) -> None:
    (out / "static").mkdir(parents=True, exist_ok=True)
    (out / "img").mkdir(parents=True, exist_ok=True)
    (out / "embed").mkdir(parents=True, exist_ok=True)
    (out / "static" / "gov.css").write_text(CSS, encoding="utf-8")
    (out / "static" / "gov.js").write_text(JS, encoding="utf-8")
    (out / "embed" / "map.html").write_text(EMBED, encoding="utf-8")
    (out / "img" / "logo.svg").write_text(_svg(360, 64, "#b7090a", "江汉区人民政府"), encoding="utf-8")
    (out / "img" / "search.svg").write_text(_svg(34, 34, "#b7090a", "Q"), encoding="utf-8")
    (out / "img" / "gongan.svg").write_text(_svg(20, 20, "#1a3e8c", ""), encoding="utf-8")
    (out / "img" / "dzjg.svg").write_text(_svg(48, 60, "#b7090a", "党"), encoding="utf-8")
    for k in range(1, 5):
        (out / "img" / f"banner-{k}.svg").write_text(_svg(760, 300, "#1a3e8c", f"图片新闻 {k}"), encoding="utf-8")
    for k in range(12):
        (out / "img" / f"icon-{k}.svg").write_text(_svg(48, 48, "#2d6a4f", str(k)), encoding="utf-8")


def make_pages(out: Path = DEFAULT_OUT, pages: int = 50, seed: int = DEFAULT_SEED) -> dict:
    """Write ``pages`` pages (``p001.html`` ...), their assets and ``manifest.json``; returns the manifest."""
    streets, communities = _read_units()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("p[0-9][0-9][0-9].html"):
        old.unlink()  # a smaller --pages must not leave stale pages that a later run would list
    write_assets(out)
    rng = random.Random(seed)
    plans = []
    for i in range(1, pages + 1):
        writer = PageWriter(i, random.Random(rng.random()), streets, communities, plan_rules(rng))
        title, markup = writer.render()
        path = f"p{i:03d}.html"
        (out / path).write_text(markup, encoding="utf-8")
        plans.append({"path": path, "title": title, "elements": element_count(markup), "bytes": len(markup.encode()),
                      "planted": dict(sorted(writer.counts.items()))})
    manifest = {"seed": seed, "pages": plans}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description="生成基准测试页面 / generate the benchmark's pages")
    ap.add_argument("--pages", type=int, default=50, help="页面数 / number of pages (default 50)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="输出目录 / output directory")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args()
    manifest = make_pages(args.out, args.pages, args.seed)
    sizes = [p["elements"] for p in manifest["pages"]]
    print(f"{len(sizes)} pages in {args.out}: {min(sizes)}-{max(sizes)} elements "
          f"(mean {sum(sizes) / len(sizes):.0f})")


if __name__ == "__main__":
    main()
