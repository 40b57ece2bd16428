"""Table header cells and the cells they head, to find those that head nothing (ACT d0f69e, WCAG 1.3.1): a ``th``
or an ARIA column/row header to which no cell of its table is assigned, so a screen reader announces it with no
cell, and a cell that needs it goes without.

Assignment follows HTML's table model, simplified: cells are laid on a grid (``colspan``/``rowspan``); a column
header heads the cells below it in its columns, a row header the cells right of it in its rows (cells that are
themselves headers count: a header of row headers heads them); a cell with a ``headers`` attribute is assigned to
the ids it lists and to nothing else. A ``th`` with no ``scope`` is a column header when its row holds no data
cell, a row header when its columns hold none, and otherwise is taken as both (the lenient reading). Markup only:
a header hidden by a style sheet is not known here; the inline ``display:none``, ``hidden`` and ``aria-hidden`` are.
"""
from __future__ import annotations

from dataclasses import dataclass

from checks.web.bypass import hidden_by_markup
from checks.web.facts import HeaderCellFact

MAX_HEADERS = 50  # facts kept per page
_ARIA_TABLES = ("table", "grid", "treegrid")
_ARIA_CELLS = ("cell", "gridcell", "columnheader", "rowheader")
_NOT_A_TABLE = ("presentation", "none")


@dataclass
class _Cell:
    el: object
    row: int
    col: int
    rows: int
    cols: int
    header: str  # "" (a data cell), "col", "row" or "auto"
    kind: str = ""  # a header's reading: "col", "row" or "both" (auto resolved)


def _role(el) -> str:
    return (el.get("role") or "").strip().lower().split(" ")[0]


def _span(el, name: str) -> int:
    value = (el.get(name) or "1").strip()
    return max(1, min(int(value), 1000)) if value.isdigit() else 1


def _header_kind(el) -> str:
    role = _role(el)
    if role == "columnheader":
        return "col"
    if role == "rowheader":
        return "row"
    if role in ("cell", "gridcell") or el.tag != "th":
        return ""
    scope = (el.get("scope") or "").strip().lower()
    return {"col": "col", "colgroup": "col", "row": "row", "rowgroup": "row"}.get(scope, "auto")


def _html_rows(table) -> list[list]:
    # its own rows: children, or children of its row groups (not the rows of a table nested in a cell)
    rows = [tr for part in (table, *(g for g in table if g.tag in ("thead", "tbody", "tfoot")))
            for tr in part if tr.tag == "tr"]
    return [[c for c in tr if c.tag in ("td", "th")] for tr in rows]


def _aria_rows(table) -> list[list]:
    rows = [r for r in table.iter() if isinstance(r.tag, str) and _role(r) == "row"
            and next((a for a in r.iterancestors() if _role(a) in _ARIA_TABLES or a.tag == "table"), None) is table]
    return [[c for c in r.iter() if isinstance(c.tag, str) and _role(c) in _ARIA_CELLS
             and next((a for a in c.iterancestors() if _role(a) == "row"), None) is r] for r in rows]


def _grid(table, rows: list[list]) -> list[_Cell]:
    cells: list[_Cell] = []
    taken: set[tuple[int, int]] = set()
    for y, row in enumerate(rows):
        x = 0
        for el in row:
            while (y, x) in taken:
                x += 1
            h, w = _span(el, "rowspan"), _span(el, "colspan")
            if hidden_by_markup(el):
                x += w
                continue
            cells.append(_Cell(el, y, x, h, w, _header_kind(el)))
            taken.update((y + dy, x + dx) for dy in range(h) for dx in range(w))
            x += w
    return cells


def _heads(header: _Cell, cell: _Cell) -> bool:
    """Whether ``header`` is assigned to ``cell``."""
    if cell is header:
        return False
    listed = (cell.el.get("headers") or "").split()
    if listed:
        return bool(header.el.get("id")) and header.el.get("id") in listed
    below = cell.row >= header.row + header.rows and cell.col < header.col + header.cols \
        and header.col < cell.col + cell.cols
    right = cell.col >= header.col + header.cols and cell.row < header.row + header.rows \
        and header.row < cell.row + cell.rows
    return (below and header.kind in ("col", "both")) or (right and header.kind in ("row", "both"))


def _resolve_auto(cells: list[_Cell]) -> None:
    """HTML's auto scope: a column header when its rows hold no data cell, a row header when its columns hold
    none, else both."""
    for c in cells:
        kind = c.header
        if kind == "auto":
            in_rows = any(not d.header and d.row < c.row + c.rows and c.row < d.row + d.rows for d in cells)
            in_cols = any(not d.header and d.col < c.col + c.cols and c.col < d.col + d.cols for d in cells)
            kind = "col" if not in_rows else "row" if not in_cols else "both"
        c.kind = kind


def header_cells(root, doc, text_of, snippet) -> list[HeaderCellFact]:
    """The visible header cells of the page's tables (HTML and ARIA), each with the number of cells it heads."""
    tables = [t for t in root.xpath("//table | //*[@role]") if _role(t) not in _NOT_A_TABLE
              and (t.tag == "table" and _role(t) in ("", *_ARIA_TABLES) or _role(t) in _ARIA_TABLES)]
    found: list[HeaderCellFact] = []
    for table in tables:
        if hidden_by_markup(table):
            continue
        rows = _html_rows(table) if table.tag == "table" else _aria_rows(table)
        if not any(_header_kind(c) for row in rows for c in row):
            continue  # most tables (layout grids) have no header cell: no grid to lay out
        cells = _grid(table, rows)
        _resolve_auto(cells)
        for header in (c for c in cells if c.header):
            name = text_of(header.el)
            if name:
                found.append(HeaderCellFact(doc.selector(header.el), snippet(header.el), name,
                                            sum(_heads(header, c) for c in cells)))
        if len(found) >= MAX_HEADERS:
            break
    return found[:MAX_HEADERS]
