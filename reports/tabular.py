"""Tables for Excel and CSV: cells a spreadsheet cannot mistake for formulas.

A value starting with ``=``, ``+``, ``-``, ``@`` (or tab/CR) is run as a formula by Excel and WPS when a CSV is
opened (CSV injection). Text cells are prefixed with an apostrophe-free single quote mark ``'`` as OWASP advises;
numbers stay numbers.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(path: str | Path | None, columns: Sequence[str], rows: Iterable[Mapping[str, Any]],
              headers: Sequence[str] | None = None) -> str:
    """Write UTF-8 with BOM (so Excel on Chinese Windows reads it right); returns the text when ``path`` is None."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers or columns)
    for row in rows:
        writer.writerow([excel_safe(_cell(row.get(c))) for c in columns])
    text = buf.getvalue()
    if path is not None:
        Path(path).write_text("\ufeff" + text, encoding="utf-8")
    return text


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return value
