"""Generated documents (reports, offline maps) served to the browser: self-contained files with inline script
and style, so they get their own CSP, sandboxed into a unique origin (they cannot read the service's cookies or
call its API), and land under generated names in the data folder."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable

from fastapi import Request
from fastapi.responses import FileResponse, HTMLResponse

DOCUMENT_CSP = ("sandbox allow-scripts allow-popups allow-downloads; default-src 'none'; img-src data: blob:; "
                "style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:")
MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "json": "application/json",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv; charset=utf-8"}


def document_html(html: str) -> HTMLResponse:
    return HTMLResponse(html, headers={"Content-Security-Policy": DOCUMENT_CSP})


def document_file(request: Request, fmt: str, filename: str, write: Callable[[Path], list[Path]]) -> FileResponse:
    """Run ``write(path)`` into a fresh folder under ``data_dir/reports`` and send the file it wrote."""
    folder = Path(tempfile.mkdtemp(dir=request.app.state.settings.folder("reports")))
    try:
        (path,) = write(folder / f"report.{fmt}")[:1]
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    headers = {"Content-Security-Policy": DOCUMENT_CSP} if fmt == "html" else {}
    return FileResponse(path, media_type=MEDIA[fmt], filename=filename if fmt != "html" else None, headers=headers,
                        content_disposition_type="inline" if fmt in ("html", "pdf") else "attachment")
