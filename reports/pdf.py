"""HTML report to PDF with WeasyPrint: A4, Noto Sans CJK, page numbers, table of contents (``report.css``).

The PDF's title comes from the page's ``<title>`` and its language (``/Lang``) from ``<html lang>``; the
table of contents gets its page numbers from ``target-counter`` and the PDF outline (bookmarks) from the
headings, both done by WeasyPrint.
"""
from __future__ import annotations

import logging


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """The PDF bytes of a self-contained report page (images inline as data URIs, so no base URL is needed)."""
    from weasyprint import HTML

    # WeasyPrint logs every CSS property it does not support (e.g. screen-only rules) as a warning: noise here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=base_url).write_pdf()
