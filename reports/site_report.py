"""The site report: one scanned website for the officials who own it.

Built from the scan document (``reports.scan_document.scan_document``, the scan JSON) and the site's scan
history (``store.sites.scan_history``): score and trend, conformance by WCAG success criterion and by
GB/T 37668-2019 principle (our mapping, weighted 30/30/20/20), issues ranked by impact x pages affected with
what, where and how to fix, the pages scanned, the pages that failed and the attachments found.

``site_report_data`` returns everything the report shows (the JSON format); the HTML, PDF, XLSX and CSV are
rendered from it. Element screenshots are not included: the scanner does not capture them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from checks.web.gbt37668 import MAPPING_NOTE_EN, MAPPING_NOTE_ZH, principle_table, weighted_score
from checks.web.messages import rule_description
from checks.web.miit import miit_table, worst_outcomes
from checks.web.scoring import impact_weights
from checks.web.wcag import all_criteria
from reports.charts import bar_chart, trend_chart
from reports.render import OUTCOME_TEXT, is_zh, now_iso, render_template, tool_version, trap_reason, write_report
from reports.sections import Section, contents, drawn, section_tables
from reports.tables import Column, Table, local_time, records
from reports.scan_document import scan_document
from scanner.urls import base_url_of
from store import scans as scan_store
from store.sites import scan_history

SCHEMA_VERSION = 1
SITE_FORMATS = ("html", "pdf", "xlsx", "csv", "json")
PAGES_SHOWN_PER_ISSUE = 10  # the full list is in the XLSX/JSON


class NoScan(LookupError):
    pass


def latest_scan_id(engine: Engine, url: str) -> int:
    """The newest finished scan of the site ``url`` belongs to (an app: ``app://<package>``)."""
    base = "app://" + url[len("app://"):].split("/")[0] if url.startswith("app://") else base_url_of(url)
    scan_id = scan_store.latest_finished_scan(engine, base)
    if scan_id is None:
        raise NoScan(f"网站 {base} 没有已完成的扫描 / no finished scan of {base}")
    return int(scan_id)


def _site_of_scan(engine: Engine, scan_id: int) -> dict[str, Any]:
    row = scan_store.site_of_scan(engine, scan_id)
    if row is None:
        return {"id": None, "base_url": None, "name": None, "owner_unit": None, "kind": "web"}
    return {"id": row["id"], "base_url": row["base_url"], "name": row["name"], "owner_unit": row["owner_unit"],
            "kind": row.get("kind") or "web"}


def ranked_issues(issues: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Failed issues first, each ranked by impact weight x pages affected (the scoring weights: a critical
    barrier on 9 pages outranks a minor one on 40); needs-review issues after them, ranked the same way."""
    weights = impact_weights()
    out = []
    for issue in issues:
        priority = weights.get(issue.get("impact") or "", 1.0) * int(issue.get("count") or 0)
        out.append(dict(issue, priority=round(priority, 1)))
    out.sort(key=lambda i: (i["outcome"] != "failed", -i["priority"], i["rule_id"]))
    for rank, issue in enumerate(out, start=1):
        issue["rank"] = rank
    return out


def score_trend(history: list[dict[str, Any]], upto_scan: int | None = None) -> tuple[list[dict[str, Any]], float | None]:
    """Scans (oldest first) up to and including ``upto_scan`` (a report on an old scan does not show the future),
    scores rounded as printed, and the change of the last score against the previous one (from the rounded
    figures, so the change shown equals the difference of the scores shown)."""
    upto = [dict(h, score=None if h["score"] is None else round(h["score"], 1))
            for h in history if upto_scan is None or h["scan_id"] <= upto_scan]
    scored = [h["score"] for h in upto if h["score"] is not None]
    change = round(scored[-1] - scored[-2], 1) if len(scored) >= 2 and upto[-1]["score"] is not None else None
    return upto, change


def site_report_data(engine: Engine, scan_id: int, lang: str = "zh-CN") -> dict[str, Any]:
    """Everything the site report shows, as plain data (also the JSON format)."""
    doc = scan_document(engine, scan_id, lang)
    site = _site_of_scan(engine, scan_id)
    trend, change = score_trend(scan_history(engine, site["id"]) if site["id"] is not None else [], scan_id)
    criteria = all_criteria()
    principle_of = {c.sc: c.gbt37668_principle for c in criteria}
    conformance = [dict(row, principle=principle_of.get(row["sc"])) for row in doc["conformance"]]
    principles = principle_table(conformance, criteria)
    total, renormalised = weighted_score(principles)
    issues = ranked_issues(doc["issues"])
    for issue in issues:
        if not issue.get("fix"):  # axe has no English fix text: say what the rule checks and link its page
            issue["fix"] = rule_description(issue["rule_id"], lang, "")
    zh = is_zh(lang)
    name = site["name"] or doc["scan"]["site"]
    return {
        "report": "site", "schema_version": SCHEMA_VERSION, "lang": lang, "generated_at": now_iso(),
        "title": (f"{name} 移动应用无障碍评估报告" if zh else f"App accessibility report: {name}")
        if site["kind"] == "app" else (f"{name} 网站无障碍评估报告" if zh else f"Web accessibility report: {name}"),
        "tool": doc["tool"], "site": site, "scan": doc["scan"],
        "score": doc["site_score"], "score_change": change, "trend": trend, "summary": doc["summary"],
        "gbt37668": {"rows": [r.to_dict() for r in principles], "weighted_score": total,
                     "renormalised": renormalised, "note": MAPPING_NOTE_ZH if zh else MAPPING_NOTE_EN},
        "conformance": conformance,
        "issues": issues,
        # issues the site dismissed (false positives, accepted risks): apart, out of the score and the counts
        "dismissed_issues": doc["dismissed_issues"],
        "pages": [{"url": p["url"], "title": p["title"], "score": p["score"], "status": p["status"],
                   "violations": (p["counts"] or {}).get("violations"), "incomplete": (p["counts"] or {}).get("incomplete"),
                   "findings": len(p["findings"]), "load_ms": p["timings"]["load_ms"], "notes": p["notes"],
                   "tls_ignored": (p.get("tls_ignored") or {}).get("message"), "login": p.get("login"),
                   "notices": ("；" if zh else "; ").join(n["message"] for n in p.get("notices") or []) or None}
                  for p in doc["pages"]],
        "failed_pages": doc["failed_pages"],
        # parts of the site the crawl cut (scanner.traps), one row per trap
        "crawler_traps": [{**t, "reason_text": trap_reason(t.get("reason"), lang)}
                          for t in doc["scan"].get("crawler_traps") or []],
        "redirects": doc["redirects"],
        "attachments": doc["attachments"],
        "checks": _check_coverage(doc),
        # the MIIT 适老化 technical table (our mapping): spec item, our rules' evidence, what a person must check
        "miit": miit_table(worst_outcomes(p["rule_outcomes"] for p in doc["pages"]), site["kind"], zh,
                           lambda o: OUTCOME_TEXT.get(o, (o, o))[0 if zh else 1]),
        "screenshots": None,  # not captured by the scanner (see module docstring)
    }


def _check_coverage(doc: dict[str, Any]) -> dict[str, Any] | None:
    """Which check groups a browser scan ran, and on how many of its judged pages each probe ran (the costly ones
    run once per page template unless ``--checks all``): the method section says so."""
    opts = doc["scan"].get("options") or {}
    if doc["scan"]["mode"] != "browser" or not opts.get("checks"):
        return None
    judged = [p for p in doc["pages"] if not p["carried_over"]]
    ran: dict[str, int] = {}
    for p in judged:
        for probe in (p["timings"].get("checks_ms") or {}):
            ran[probe] = ran.get(probe, 0) + 1
    return {"groups": opts["checks"], "every_page": bool(opts.get("checks_every_page")), "judged": len(judged),
            "ran": ran}


# ---------------------------------------------------------------------------------------------------- tables

def _trend_tables(data: dict[str, Any]) -> list[Table]:
    return [
        Table("trend", "得分趋势", "Score trend", [
            Column("scan_id", "扫描编号", "Scan", "int"), Column("started_at", "扫描时间", "Scanned at", "time"),
            Column("mode", "模式", "Mode"), Column("score", "得分", "Score", "score")], records(data["trend"])),
    ]


def _gbt_tables(data: dict[str, Any]) -> list[Table]:
    return [
        Table("gbt37668", "按 GB/T 37668-2019 原则（本项目映射）", "By GB/T 37668-2019 principle (our mapping)", [
            Column("principle_zh", "原则", "Principle"), Column("principle_en", "英文", "English"),
            Column("weight", "权重(%)", "Weight (%)", "int"), Column("criteria", "成功准则数", "Criteria", "int"),
            Column("failed", "不通过", "Failed", "int"), Column("cant_tell", "需复核", "Needs review", "int"),
            Column("passed", "通过", "Passed", "int"), Column("untested", "未检测", "Not tested", "int"),
            Column("score", "得分", "Score", "score"), Column("failed_sc", "不通过的准则", "Failed criteria", "list")],
            records(data["gbt37668"]["rows"]), caption_zh=MAPPING_NOTE_ZH, caption_en=MAPPING_NOTE_EN),
    ]


def _wcag_tables(data: dict[str, Any]) -> list[Table]:
    return [
        Table("conformance", "按 WCAG 成功准则", "By WCAG success criterion", [
            Column("sc", "成功准则", "Criterion"), Column("level", "级别", "Level"),
            Column("title_zh", "名称", "Title") if is_zh(data["lang"]) else Column("title_en", "名称", "Title"),
            Column("principle", "GB/T 37668 原则", "GB/T 37668 principle"),
            Column("outcome", "结果", "Outcome", "outcome"), Column("failed_rules", "不通过的规则", "Failed rules", "list"),
            Column("cant_tell_rules", "需复核的规则", "Rules needing review", "list")], records(data["conformance"])),
    ]


def _miit_tables(data: dict[str, Any]) -> list[Table]:
    return [
        Table("miit_elder", "工信部适老化技术评价（本项目映射）", "MIIT elder-friendly technical evaluation (our mapping)", [
            Column("principle", "类别", "Principle"), Column("item", "规范要求", "Requirement"),
            Column("outcome", "结果", "Outcome", "outcome", min_em=4), Column("evidence", "依据的检查规则及结果", "Our rules and their outcomes"),
            Column("person", "仍须人工检查", "A person must still check")],
            records(data["miit"]["rows"]), caption_zh=data["miit"]["note"],
            caption_en=data["miit"]["note"]),
    ]


def _issue_tables(data: dict[str, Any]) -> list[Table]:
    return [
        Table("issues", "问题清单（按影响 × 页面数排序）", "Issues ranked by impact × pages", [
            Column("rank", "序号", "Rank", "int"), Column("rule_id", "规则", "Rule"),
            Column("outcome", "结果", "Outcome", "outcome"), Column("impact", "影响", "Impact", "impact"),
            Column("priority", "优先级", "Priority", "float"), Column("count", "页面数", "Pages", "int"),
            Column("nodes", "元素数", "Elements", "int"), Column("wcag", "WCAG", "WCAG", "list"),
            Column("help", "问题", "What is wrong"), Column("fix", "修改建议", "How to fix"),
            Column("selector", "选择器", "Selector"), Column("frame", "所在框架", "In frame", "url"),
            Column("html", "HTML", "HTML"),
            Column("pages", "页面", "Pages", "list"), Column("help_url", "说明链接", "Reference", "url")],
            records(data["issues"])),
    ]


def _dismissed_tables(data: dict[str, Any]) -> list[Table]:
    return [
        Table("dismissed_issues", "已排除的问题", "Dismissed issues", [
            Column("rule_id", "规则", "Rule"), Column("impact", "影响", "Impact", "impact"),
            Column("kind_text", "排除类型", "Kind"), Column("reason", "理由", "Reason"),
            Column("dismissed_by", "排除人", "Dismissed by"), Column("dismissed_at", "排除时间", "Dismissed at", "time"),
            Column("count", "页面数", "Pages", "int"), Column("help", "问题", "What is wrong"),
            Column("selector", "选择器", "Selector"), Column("fingerprint", "指纹", "Fingerprint"),
            Column("pages", "页面", "Pages", "list")],
            records(data.get("dismissed_issues") or [])),
    ]


def _page_tables(data: dict[str, Any]) -> list[Table]:
    return [
        Table("pages", "已扫描的页面", "Pages scanned", [
            Column("url", "网址", "URL", "url"), Column("title", "标题", "Title"), Column("status", "状态码", "HTTP", "int"),
            Column("score", "得分", "Score", "score"), Column("violations", "不通过规则", "Failed rules", "int"),
            Column("incomplete", "需复核规则", "Rules to review", "int"), Column("load_ms", "加载(ms)", "Load (ms)", "float"),
            Column("tls_ignored", "证书问题（仍已扫描）", "Certificate not valid (scanned anyway)"),
            Column("login", "登录身份（登录后扫描）", "Login (scanned logged in)"),
            Column("notices", "说明", "Notes")],
            records(data["pages"])),
        Table("failed_pages", "未能扫描的页面", "Pages that could not be scanned", [
            Column("url", "网址", "URL", "url"), Column("message", "原因", "Reason"), Column("detail", "详情", "Detail"),
            Column("referrer", "来源页面", "Linked from", "url")], records(data["failed_pages"])),
        Table("crawler_traps", "爬虫陷阱（已截断）", "Crawler traps (cut)", [
            Column("pattern", "网址模式", "URL pattern"), Column("reason_text", "原因", "Reason"),
            Column("pages", "已扫描页数", "Pages scanned", "int"), Column("skipped", "跳过的网址", "URLs skipped", "int"),
            Column("example", "示例", "Example", "url")], records(data.get("crawler_traps") or [])),
        Table("attachments", "发现的附件", "Attachments found", [
            Column("url", "网址", "URL", "url"), Column("type", "类型", "Type"), Column("size", "大小(字节)", "Bytes", "int"),
            Column("status", "状态码", "HTTP", "int"), Column("found_on", "所在页面", "Found on", "list"),
            Column("check_outcome", "无障碍检查", "Accessibility check", "outcome"),
            Column("check_notes", "问题", "Problems", "list")],
            records(data["attachments"])),
    ]


# The report, section by section (reports.sections): contents, HTML, and the order of XLSX sheets and CSV files.
SECTIONS = [
    Section("s-summary", "概况", "Summary", "site/summary.html.j2"),
    Section("s-trend", "得分趋势", "Score trend", "site/trend.html.j2", _trend_tables),
    Section("s-gbt", "按 GB/T 37668-2019 原则的符合情况", "Conformance by GB/T 37668-2019 principle",
            "site/gbt37668.html.j2", _gbt_tables, toc_zh="按 GB/T 37668 原则", toc_en="By GB/T 37668 principle"),
    Section("s-wcag", "按 WCAG 成功准则的符合情况", "Conformance by WCAG success criterion", "site/wcag.html.j2",
            _wcag_tables, toc_zh="按 WCAG 成功准则", toc_en="By WCAG success criterion"),
    Section("s-miit", "工信部适老化技术评价（本项目映射）", "MIIT elder-friendly (适老化) technical evaluation (our mapping)",
            "site/miit.html.j2", _miit_tables, toc_zh="适老化技术评价", toc_en="MIIT elder-friendly"),
    Section("s-issues", "问题清单（按影响 × 页面数排序）", "Issues, ranked by impact × pages affected",
            "site/issues.html.j2", _issue_tables, toc_zh="问题清单", toc_en="Issues"),
    Section("s-dismissed", "已排除的问题", "Dismissed issues", "site/dismissed.html.j2", _dismissed_tables),
    Section("s-pages", "页面与附件", "Pages and attachments", "site/pages.html.j2", _page_tables),
    Section("s-method", "方法说明", "Method", "site/method.html.j2"),
]


def site_sections(data: dict[str, Any]) -> list[Section]:
    """The report's sections: "dismissed issues" only when the site dismissed some."""
    return [s for s in SECTIONS if s.id != "s-dismissed" or data.get("dismissed_issues")]


def site_tables(data: dict[str, Any]) -> list[Table]:
    """Every table of the site report, in report order (XLSX sheets, CSV files, HTML tables)."""
    return section_tables(site_sections(data), data)


# ---------------------------------------------------------------------------------------------------- html

def render_site_html(data: dict[str, Any], for_pdf: bool = False) -> str:
    lang = data["lang"]
    zh = is_zh(lang)
    tables = {t.name: t for t in site_tables(data)}
    trend = data["trend"]
    labels = [f"#{h['scan_id']} {local_time(h['started_at'])[5:10] if h['started_at'] else ''}".strip()
              for h in trend]
    trend_desc = ("；".join(f"{lab} 得分 {h['score']}" for lab, h in zip(labels, trend)) if zh
                  else "; ".join(f"{lab} score {h['score']}" for lab, h in zip(labels, trend)))
    rows = data["gbt37668"]["rows"]
    p_desc = ("；".join(f"{r['principle_zh']} {r['score'] if r['score'] is not None else '无'}" for r in rows) if zh
              else "; ".join(f"{r['principle_en']} {r['score'] if r['score'] is not None else 'n/a'}" for r in rows))
    charts = {
        "trend": trend_chart("chart-trend", "得分趋势" if zh else "Score trend", trend_desc, labels,
                             [h["score"] for h in trend]),
        "principles": bar_chart("chart-principles", "各原则得分" if zh else "Score by principle", p_desc,
                                [r["principle_zh"] if zh else r["principle_en"] for r in rows],
                                [r["score"] for r in rows], bad_below=90),
    }
    site = data["site"]
    scan = data["scan"]
    app = site["kind"] == "app"
    package = scan["site"][len("app://"):] if app else ""
    started = local_time(scan["started_at"])
    subtitle = [
        (f"安卓应用：{package}" if zh else f"Android app: {package}") if app else
        (f"网址：{scan['site']}" if zh else f"Site: {scan['site']}"),
        (f"主管单位：{site['owner_unit']}" if zh else f"Owner: {site['owner_unit']}") if site.get("owner_unit") else "",
        (f"{'检查' if app else '扫描'} #{scan['id']}，{started}（北京时间），标准 {scan['standard']}" if zh
         else f"{'Audit' if app else 'Scan'} #{scan['id']}, {started} (Beijing time), standard {scan['standard']}"),
    ]
    return render_template(
        "report_base.html.j2", lang, data=data, tables=tables, charts=charts, for_pdf=for_pdf,
        title=data["title"], subtitle_lines=[s for s in subtitle if s], sections=contents(site_sections(data), zh),
        parts=drawn(site_sections(data), zh),
        generated_at=data["generated_at"], tool_version=tool_version(), pages_per_issue=PAGES_SHOWN_PER_ISSUE,
        description=("网站无障碍评估报告：得分、趋势、符合情况与问题清单" if zh
                     else "Web accessibility report: score, trend, conformance and issues"))


def write_site_report(engine: Engine, scan_id: int, fmt: str, out: Path, lang: str = "zh-CN") -> list[Path]:
    data = site_report_data(engine, scan_id, lang)
    return write_report(fmt, out, data=data, tables=site_tables(data), lang=lang,
                        html=lambda for_pdf: render_site_html(data, for_pdf))
