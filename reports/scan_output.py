"""A scan document (``reports.scan_document.scan_document``) written as JSON, CSV or a plain HTML page."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from reports.render import IMPACT_TEXT, OUTCOME_TEXT
from reports.tables import local_time
from reports.tabular import write_csv

FORMATS = ("json", "csv", "html")
FINDING_COLUMNS = ["scan_mode", "page_url", "rule_id", "outcome", "impact", "wcag", "help", "selector", "html", "message",
                   "source", "fingerprint", "dismissed",  # dismissed: the site dismissed the element's issue
                   "tls_ignored",  # the page's certificate is not valid; scanned under --ignore-https-errors
                   "authenticated", "login",  # scanned in an authenticated session, under which login (scanner.auth)
                   "frame"]  # the URL of the frame (an embedded map, video or service) the element is in

def render(doc: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2)
    if fmt == "csv":
        mode = "static (partial) 静态（不完整）" if doc["scan"]["partial"] else doc["scan"]["mode"]
        marks = {p["url"]: {"tls_ignored": (p.get("tls_ignored") or {}).get("message"),
                            "authenticated": bool(p.get("authenticated")), "login": p.get("login")}
                 for p in doc["pages"]}
        rows = [{"scan_mode": mode, "page_url": p["url"], **f, **marks[p["url"]]}
                for p in doc["pages"] for f in p["findings"]]
        # site issues (judged over all pages: checks.web.site_checks): one row per page involved
        rows += [{"scan_mode": mode, "page_url": url, **{k: i.get(k) for k in FINDING_COLUMNS[2:]},
                  **marks.get(url, {})}
                 for i in doc["issues"] if i.get("scope") == "site" for url in i["pages"]]
        return write_csv(None, FINDING_COLUMNS, rows)
    if fmt == "html":
        return render_html(doc)
    raise ValueError(f"未知格式 / unknown format {fmt!r}")


def render_html(doc: dict[str, Any]) -> str:
    zh = str(doc["scan"].get("lang", "zh")).startswith("zh")
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=select_autoescape(["j2", "html"]))
    env.filters["local_time"] = local_time
    pick = (lambda pair: pair[0] if zh else pair[1])
    return env.get_template("scan_basic.html.j2").render(
        doc=doc, zh=zh, t=lambda z, e: z if zh else e,
        outcome=lambda o: pick(OUTCOME_TEXT.get(o, (o, o))), impact=lambda i: pick(IMPACT_TEXT.get(i or "", ("—", "—"))),
    )


def write(doc: dict[str, Any], fmt: str, out: str | Path | None) -> str:
    """Write to ``out`` atomically (no half-written report if interrupted); returns the text."""
    text = render(doc, fmt)
    if out is not None:
        write_text_atomically(Path(out), text, fmt)
    return text


def write_text_atomically(path: Path, text: str, fmt: str) -> None:
    """``text`` to ``path`` through a ``.part`` file (CSV with a BOM, for Excel)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(("\ufeff" if fmt == "csv" else "") + text, encoding="utf-8")
    tmp.replace(path)
