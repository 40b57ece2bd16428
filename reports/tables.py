"""The tables a report shows, once, for every format: HTML renders them, XLSX makes a sheet of each, CSV a file
of each and JSON lists them. A column names its key in the row dicts and its header in both languages."""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

# The district's clock: the store keeps naive UTC, people read Beijing time.
LOCAL_TZ = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    kind: str = "text"  # text | int | float | pct (a 0-1 share) | score (0-100) | url | list | time | outcome | impact
    in_html: bool = True  # False: only in XLSX/CSV/JSON (keeps printed tables readable on A4)
    min_em: int = 0  # a minimum width for name columns, so a long neighbour cannot squeeze them to one character

    def header(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass
class Table:
    name: str  # file-safe: the CSV file name and the XLSX sheet name
    title_zh: str
    title_en: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    caption_zh: str = ""
    caption_en: str = ""

    def title(self, lang: str) -> str:
        return self.title_zh if lang.startswith("zh") else self.title_en

    def caption(self, lang: str) -> str:
        return self.caption_zh if lang.startswith("zh") else self.caption_en

    def headers(self, lang: str) -> list[str]:
        return [c.header(lang) for c in self.columns]

    def html_columns(self) -> list[Column]:
        return [c for c in self.columns if c.in_html]

    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"name": self.name, "title": self.title(lang), "columns": [
            {"key": c.key, "header": c.header(lang), "kind": c.kind} for c in self.columns],
            "rows": [{c.key: plain(row.get(c.key)) for c in self.columns} for row in self.rows]}


def plain(value: Any) -> Any:
    """A JSON- and spreadsheet-friendly value: NaN as None, numpy scalars as Python numbers."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict, str)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, tuple):
        return list(value)
    return value


def records(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{k: plain(v) for k, v in row.items()} for row in rows]


def local_time(value: datetime | str | None, with_seconds: bool = False) -> str:
    """A time as the district reads it (Asia/Shanghai), e.g. ``2026-12-01 17:45``; a naive time is UTC, as the
    store keeps it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M:%S" if with_seconds else "%Y-%m-%d %H:%M")


def format_cell(value: Any, kind: str, lang: str = "zh-CN") -> str:
    """How a cell reads in HTML and PDF (XLSX and CSV keep the raw number)."""
    value = plain(value)
    if value is None or value == "":
        return "—"
    if kind == "pct":
        return f"{100.0 * float(value):.1f}%"
    if kind == "score":
        return f"{float(value):.1f}"
    if kind == "float":
        return f"{float(value):,.2f}"
    if kind == "int":
        return f"{int(value):,}"
    if kind == "time":
        return local_time(value)
    if kind == "list" and isinstance(value, list):
        return ("、" if lang.startswith("zh") else ", ").join(str(v) for v in value)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang.startswith("zh") else ("yes" if value else "no")
    return str(value)
