"""Report tables as one XLSX workbook: a contents sheet, then one sheet per table with a frozen, bold header
row, sensible column widths, and text cells made formula-safe (``reports.tabular.excel_safe``)."""
from __future__ import annotations

import io
import json
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from reports.tables import Table, plain
from reports.tabular import excel_safe

MAX_WIDTH = 60
INVALID_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _cell(value: object) -> object:
    value = plain(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else "; ".join(map(str, value))
    return excel_safe(value)


def sheet_name(name: str, taken: set[str]) -> str:
    """Excel allows 31 characters and no ``[]:*?/\\``; names must be unique."""
    base = name.translate(INVALID_SHEET_CHARS)[:31]
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"_{n}"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


def workbook_bytes(tables: Sequence[Table], lang: str, title: str = "") -> bytes:
    wb = Workbook()
    contents = wb.active
    contents.title = "目录" if lang.startswith("zh") else "Contents"
    contents.append([excel_safe(title)])
    contents["A1"].font = Font(bold=True, size=14)
    contents.append([])
    contents.append(["工作表" if lang.startswith("zh") else "Sheet", "内容" if lang.startswith("zh") else "Table",
                     "行数" if lang.startswith("zh") else "Rows"])
    for cell in contents[3]:
        cell.font = Font(bold=True)
    taken = {contents.title}
    for table in tables:
        name = sheet_name(table.name, taken)
        contents.append([name, excel_safe(table.title(lang)), len(table.rows)])
        ws = wb.create_sheet(name)
        ws.append(table.headers(lang))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        keys = table.keys()
        widths = [len(h) * 2 + 2 for h in table.headers(lang)]
        for row in table.rows:
            values = [_cell(row.get(k)) for k in keys]
            ws.append(values)
            for i, v in enumerate(values[:len(widths)]):
                if isinstance(v, str):
                    widths[i] = max(widths[i], min(MAX_WIDTH, len(v) + 2))
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(8, w))
    contents.column_dimensions["A"].width = 24
    contents.column_dimensions["B"].width = 40
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
