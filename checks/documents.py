"""Checks of document attachments: a PDF's bytes in, its accessibility checks out (pypdf; nothing is rendered or
executed: pypdf parses objects and decodes content streams, it runs no JavaScript and no embedded file).

Four checks, each with its WCAG criterion (the PDF techniques PDF1/PDF7, PDF9/PDF21, PDF18 and PDF16/PDF19):

- ``pdf-text-layer`` (1.1.1): some page has extractable text. A scanned document saved as images has none:
  a screen reader reads nothing. ``failed`` when no page checked has any.
- ``pdf-tagged`` (1.3.1): the catalog has ``/MarkInfo << /Marked true >>`` and a ``/StructTreeRoot``: the
  structure (headings, lists, tables, reading order) assistive technology reads. ``failed`` otherwise.
- ``pdf-title`` (2.4.2): a document title (``/Title`` in the info dictionary or ``dc:title`` in the XMP
  metadata) ``failed`` without one; with one but no ``/ViewerPreferences /DisplayDocTitle true`` (the viewer
  shows the file name instead) ``cantTell``.
- ``pdf-lang`` (3.1.1): ``/Lang`` in the catalog. ``failed`` without it.

A document that cannot be checked (encrypted with a password, not a PDF, broken) gives ``outcome: "error"`` and
its ``reason``; this module never raises on a document's content.
"""
from __future__ import annotations

import io
import time
from typing import Any

MAX_PAGES_FOR_TEXT = 30  # pages whose text is extracted; a 500-page report needs no more to tell it has text

PDF_CHECKS = {  # id -> (WCAG criteria, impact)
    "pdf-text-layer": (("1.1.1",), "critical"),
    "pdf-tagged": (("1.3.1",), "serious"),
    "pdf-title": (("2.4.2",), "moderate"),
    "pdf-lang": (("3.1.1",), "serious"),
}

# What each check says, zh and en (``{placeholders}`` from the result's data).
MESSAGES = {
    "pdf-text-layer": {
        "passed": ("有可提取的文字", "has extractable text"),
        "failed": ("前 {pages_checked} 页均无可提取的文字（扫描图像 PDF），读屏软件读不出内容",
                   "no extractable text on its first {pages_checked} pages (a scanned-image PDF): screen readers read nothing"),
    },
    "pdf-tagged": {
        "passed": ("带标签（/MarkInfo /Marked 与 /StructTreeRoot）", "tagged (/MarkInfo /Marked and /StructTreeRoot)"),
        "failed": ("未加标签：缺少 {missing}", "not tagged: {missing} missing"),
    },
    "pdf-title": {
        "passed": ("文档标题：{title}", "document title: {title}"),
        "cantTell": ("有标题“{title}”，但未设置 /DisplayDocTitle，阅读器显示文件名", "title \"{title}\" but no /DisplayDocTitle: viewers show the file name"),
        "failed": ("没有文档标题（/Title 或 XMP dc:title）", "no document title (/Title or XMP dc:title)"),
    },
    "pdf-lang": {
        "passed": ("文档语言：{lang}", "document language: {lang}"),
        "failed": ("未声明文档语言（目录中无 /Lang）", "no document language (/Lang in the catalog)"),
    },
}
REASONS = {  # why a document was not checked
    "encrypted": ("已加密，需要密码才能打开", "encrypted: a password is needed to open it"),
    "broken": ("文件损坏或不是 PDF", "broken, or not a PDF"),
    "too_large": ("超过下载大小上限，未检查", "over the download size limit: not checked"),
    "count_cap": ("超过每次扫描检查的 PDF 数量上限，未检查", "over the number of PDFs checked per scan: not checked"),
    "download": ("下载失败", "download failed"),
}


def check_pdf(data: bytes) -> dict[str, Any]:
    """``{"outcome", "reason", "detail", "pages", "results": [{"id", "outcome", "wcag", "impact", "data"}],
    "ms"}``: the document's outcome is its worst check's (``error`` when it could not be checked)."""
    started = time.perf_counter()
    try:
        out = _check(data)
    except Exception as exc:  # noqa: BLE001 - a broken document is a finding about it, never a crash of the scan
        out = unchecked("broken", f"{type(exc).__name__}: {exc}"[:300])
    out["ms"] = round((time.perf_counter() - started) * 1000.0, 1)
    return out


def unchecked(reason: str, detail: str = "", **extra: Any) -> dict[str, Any]:
    """The record of a document that was not checked, and why (``REASONS``)."""
    return {"outcome": "error", "reason": reason, "detail": detail, "pages": None, "results": [], **extra}


def _result(check_id: str, outcome: str, **data: Any) -> dict[str, Any]:
    wcag, impact = PDF_CHECKS[check_id]
    return {"id": check_id, "outcome": outcome, "wcag": list(wcag), "impact": impact, "data": data}


def _check(data: bytes) -> dict[str, Any]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        return unchecked("broken", "no %PDF- header")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):  # most "encrypted" PDFs only restrict printing: an empty user password
                    return unchecked("encrypted", "a user password is required")
            except (DependencyError, NotImplementedError) as exc:
                return unchecked("encrypted", str(exc)[:300])
        pages = reader.pages
        count = len(pages)
        root = reader.trailer["/Root"].get_object()
    except FileNotDecryptedError as exc:
        return unchecked("encrypted", str(exc)[:300])
    except PdfReadError as exc:
        return unchecked("broken", str(exc)[:300])

    with_text = 0
    checked = min(count, MAX_PAGES_FOR_TEXT)
    for i in range(checked):
        try:
            if (pages[i].extract_text() or "").strip():
                with_text += 1
        except Exception:  # noqa: BLE001 - one unreadable page is not a document without text
            continue
        if with_text:
            break  # one page with text is enough to tell it is not an image-only scan
    results = [_result("pdf-text-layer", "passed") if with_text
               else _result("pdf-text-layer", "failed", pages_checked=checked)]

    mark_info = root.get("/MarkInfo")
    mark_info = mark_info.get_object() if mark_info is not None else {}
    missing = [name for name, ok in (("/MarkInfo /Marked true", bool(mark_info.get("/Marked", False))),
                                     ("/StructTreeRoot", "/StructTreeRoot" in root)) if not ok]
    results.append(_result("pdf-tagged", "failed", missing=", ".join(missing)) if missing
                   else _result("pdf-tagged", "passed"))

    title = _title(reader)
    prefs = root.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else {}
    if not title:
        results.append(_result("pdf-title", "failed"))
    elif not bool(prefs.get("/DisplayDocTitle", False)):
        results.append(_result("pdf-title", "cantTell", title=title))
    else:
        results.append(_result("pdf-title", "passed", title=title))

    lang = str(root.get("/Lang") or "").strip()
    results.append(_result("pdf-lang", "passed", lang=lang) if lang else _result("pdf-lang", "failed"))
    worst = min((r["outcome"] for r in results), key={"failed": 0, "cantTell": 1, "passed": 2}.get)
    return {"outcome": worst, "reason": None, "detail": "", "pages": count, "results": results}


def _title(reader) -> str:
    try:
        info = reader.metadata
        title = str(info.title or "").strip() if info is not None else ""
    except Exception:  # noqa: BLE001
        title = ""
    if title:
        return title
    try:
        xmp = reader.xmp_metadata
        titles = (xmp.dc_title or {}) if xmp is not None else {}
        return next((str(t).strip() for t in titles.values() if str(t).strip()), "")
    except Exception:  # noqa: BLE001
        return ""


def message(check: dict[str, Any], lang_key: str) -> str:
    """A check result's message in ``zh`` or ``en``."""
    texts = MESSAGES.get(check.get("id", ""), {}).get(check.get("outcome", ""))
    if texts is None:
        return ""
    return texts[0 if lang_key == "zh" else 1].format_map(_Missing(check.get("data") or {}))


def reason_text(reason: str | None, lang_key: str) -> str:
    texts = REASONS.get(reason or "")
    return texts[0 if lang_key == "zh" else 1] if texts else (reason or "")


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
