"""A report as a list of sections. Each entry says its anchor, its heading (zh/en), the function giving its data,
the function giving its tables and the template part that draws it, so adding a section is adding one entry.

The report's templates draw the entries in order with ``_section.html.j2`` (``<section>``, its ``<h2>``, then the
part); the table of contents, the XLSX sheets and the CSV files follow the same order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from reports.tables import Table


def no_tables(data: dict[str, Any]) -> list[Table]:
    return []


@dataclass(frozen=True)
class Section:
    id: str  # HTML anchor, the target of its contents entry
    title_zh: str
    title_en: str
    part: str  # template drawn inside the section, under reports/templates/
    tables: Callable[[dict[str, Any]], list[Table]] = no_tables  # from the whole report data
    key: str | None = None  # its entry in the report data (and the JSON), when it has one of its own
    data: Callable[..., Any] | None = None  # gives that entry
    toc_zh: str = ""  # contents entry, when shorter than the heading
    toc_en: str = ""
    leaders: bool = False  # drawn before the contents: the first page of the PDF

    def title(self, zh: bool) -> str:
        return self.title_zh if zh else self.title_en

    def toc(self, zh: bool) -> str:
        return (self.toc_zh or self.title_zh) if zh else (self.toc_en or self.title_en)


def contents(sections: list[Section], zh: bool) -> list[tuple[str, str]]:
    """The table of contents as ``report_base.html.j2`` takes it: (anchor, entry)."""
    return [(s.id, s.toc(zh)) for s in sections]


def drawn(sections: list[Section], zh: bool) -> list[dict[str, Any]]:
    """What ``_section.html.j2`` needs of each section."""
    return [{"id": s.id, "title": s.title(zh), "part": s.part, "leaders": s.leaders} for s in sections]


def section_tables(sections: list[Section], data: dict[str, Any]) -> list[Table]:
    """Every table of the report, section by section."""
    return [table for s in sections for table in s.tables(data)]
