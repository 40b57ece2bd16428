"""Streaming readers for survey uploads: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030), XLSX and GeoJSON.

Every reader yields :class:`Chunk` s of at most ``chunk_size`` rows as frames of strings, with the row
number the user sees (spreadsheet row: the header is row 1; GeoJSON: feature number), so a 1,000,000-row
file is never held in memory at once. XLSX files are checked for zip bombs before they are opened, and
formula cells are reported rather than read (their cached value may be stale or an injection).
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

DEFAULT_CHUNK_ROWS = 20_000
_SAMPLE_BYTES = 256 * 1024
# Zip bomb limits for XLSX: a real survey sheet compresses 5-30x; bombs compress 1000x and more.
MAX_XLSX_UNCOMPRESSED = 4 * 1024**3
MAX_XLSX_RATIO = 200
_RATIO_CHECK_FROM = 20 * 1024**2  # small members may compress extremely well and harmlessly


class SourceError(Exception):
    """The file as a whole cannot be read; ``zh`` and ``en`` say why."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


@dataclass
class Chunk:
    frame: pd.DataFrame  # all values as strings ("" when empty)
    rows: np.ndarray  # the row (or feature) number of each frame row in the file
    sheet: str = ""
    formula_cells: list[tuple[int, str, str]] = field(default_factory=list)  # (row, header, formula)


@dataclass
class SourceInfo:
    path: Path
    kind: str  # csv | xlsx | geojson
    encoding: str = ""
    sheets: list[str] = field(default_factory=list)


def source_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".geojson", ".json"):
        return "geojson"
    if suffix == ".xls":
        raise SourceError("不支持旧版 .xls 格式，请另存为 .xlsx 或 CSV", "old .xls files are not supported: save as .xlsx or CSV")
    raise SourceError(f"无法识别的文件类型 {suffix or '(无扩展名)'}", f"unknown file type {suffix or '(none)'}: use CSV, XLSX or GeoJSON")


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM) first; otherwise GB18030, the superset of GBK/GB2312, unless the sample
    is clearly something else. Chinese spreadsheets saved as "CSV" by Excel on Windows are GBK."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(sample, final=False)
        return "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise SourceError("无法识别文件编码，请保存为 UTF-8", "cannot tell the file's encoding: save it as UTF-8")
    return best.encoding


def _sniff_delimiter(text: str) -> str:
    first_line = text.splitlines()[0] if text else ""
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_csv(path: Path, chunk_size: int, info: SourceInfo) -> Iterator[Chunk]:
    with path.open("rb") as fh:
        sample = fh.read(_SAMPLE_BYTES)
    if not sample.strip():
        raise SourceError("文件为空", "the file is empty")
    encoding = detect_encoding(sample)
    info.encoding = encoding
    delimiter = _sniff_delimiter(sample.decode(encoding, errors="ignore"))
    start = 2  # the header is spreadsheet row 1
    try:
        reader = pd.read_csv(path, encoding=encoding, dtype=str, keep_default_na=False, sep=delimiter,
                             chunksize=chunk_size, skipinitialspace=False, encoding_errors="strict")
        for frame in reader:
            yield Chunk(frame, np.arange(start, start + len(frame)))
            start += len(frame)
    except UnicodeDecodeError as exc:
        raise SourceError(f"第 {start} 行之后出现无法按 {encoding} 解码的字节，请统一保存为 UTF-8",
                          f"bytes after row {start} are not valid {encoding}: save the whole file as UTF-8") from exc
    except pd.errors.ParserError as exc:
        raise SourceError(f"CSV 格式错误：{exc}", f"malformed CSV: {exc}") from exc
    except pd.errors.EmptyDataError as exc:
        raise SourceError("文件没有表头", "the file has no header row") from exc


def check_zip_container(path: Path) -> None:
    """Refuse zip bombs and non-zip files before openpyxl inflates anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise SourceError("不是有效的 XLSX 文件", "not a valid XLSX file") from exc
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise SourceError(f"XLSX 解压后达 {total / 1024**3:.1f} GB，拒绝处理（疑似压缩炸弹）",
                          f"the XLSX inflates to {total / 1024**3:.1f} GB: refused (zip bomb?)")
    for m in members:
        if m.file_size > _RATIO_CHECK_FROM and m.file_size > MAX_XLSX_RATIO * max(m.compress_size, 1):
            raise SourceError(f"XLSX 内部文件 {m.filename} 压缩比异常（{m.file_size // max(m.compress_size, 1)} 倍），拒绝处理",
                              f"XLSX member {m.filename} has a compression ratio of {m.file_size // max(m.compress_size, 1)}x: refused (zip bomb?)")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(value, ".12g")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _repeat_sheet_columns(header: list[str]) -> bool:
    low = {h.lower() for h in header}
    return "_submission__uuid" in low or "parent_key" in low


def read_xlsx(path: Path, chunk_size: int, info: SourceInfo) -> Iterator[Chunk]:
    from openpyxl import load_workbook

    check_zip_container(path)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise SourceError(f"无法打开 XLSX：{exc}", f"cannot open the XLSX: {exc}") from exc
    try:
        for index, sheet in enumerate(book.worksheets):
            rows = sheet.iter_rows()
            try:
                header = [_cell_text(c.value).strip() for c in next(rows)]
            except StopIteration:
                continue
            # The first sheet is the survey; later sheets only when they are repeat groups (parking stalls).
            if index > 0 and not _repeat_sheet_columns(header):
                continue
            info.sheets.append(sheet.title)
            yield from _sheet_chunks(rows, header, sheet.title, index > 0, chunk_size)
    finally:
        book.close()


def _sheet_chunks(rows, header: list[str], title: str, repeat: bool, chunk_size: int) -> Iterator[Chunk]:
    buffer: list[list[str]] = []
    numbers: list[int] = []
    formulas: list[tuple[int, str, str]] = []
    row_number = 1
    width = len(header)

    def flush() -> Chunk:
        frame = pd.DataFrame(buffer, columns=header, dtype=object)
        if repeat:
            frame = _repeat_as_records(frame, title)
        chunk = Chunk(frame, np.array(numbers), sheet=title, formula_cells=list(formulas))
        buffer.clear(), numbers.clear(), formulas.clear()
        return chunk

    for cells in rows:
        row_number += 1
        values = []
        for col, cell in enumerate(cells[:width]):
            if getattr(cell, "data_type", None) == "f":
                formulas.append((row_number, header[col], str(cell.value)))
                values.append("")
            else:
                values.append(_cell_text(cell.value))
        if not any(v.strip() for v in values):
            continue
        values += [""] * (width - len(values))
        buffer.append(values)
        numbers.append(row_number)
        if len(buffer) >= chunk_size:
            yield flush()
    if buffer or formulas:
        yield flush()


def _repeat_as_records(frame: pd.DataFrame, sheet: str) -> pd.DataFrame:
    """Rows of a Kobo repeat sheet (parking stalls) become records of their own, linked to the parent."""
    low = {c.lower(): c for c in frame.columns}
    parent = frame[low.get("_submission__uuid", low.get("parent_key"))]
    if not any(c.lower().endswith("facility_type") for c in frame.columns):
        frame["facility_type"] = "parking_stall"
    if not any(c.lower() in ("record_id", "_uuid", "meta/instanceid", "meta-instanceid", "key") for c in frame.columns):
        index = frame[low["_index"]] if "_index" in low else pd.Series(range(1, len(frame) + 1), index=frame.index).astype(str)
        frame["record_id"] = parent.astype(str) + "/" + sheet + "/" + index.astype(str)
    return frame


def _iter_json_array(fh: io.TextIOBase, key: str = "features", block: int = 1 << 20) -> Iterator[dict]:
    """Objects of the top-level ``key`` array, decoded one at a time (a FeatureCollection is streamed)."""
    decoder = json.JSONDecoder()
    buf = ""
    start = -1
    while start < 0:
        more = fh.read(block)
        if not more:
            raise SourceError("不是 GeoJSON FeatureCollection（没有 features 数组）", "not a GeoJSON FeatureCollection (no features array)")
        buf += more
        marker = buf.find(f'"{key}"')
        if marker >= 0:
            bracket = buf.find("[", marker)
            if bracket >= 0:
                start = bracket + 1
    pos, eof = start, False
    while True:
        while pos < len(buf) and buf[pos] in " \t\r\n,":
            pos += 1
        if pos < len(buf) and buf[pos] == "]":
            return
        try:
            obj, end = decoder.raw_decode(buf, pos)
        except json.JSONDecodeError:
            if eof:
                raise SourceError("GeoJSON 在结尾处不完整或格式错误", "the GeoJSON is truncated or malformed") from None
            more = fh.read(block)
            eof = not more
            buf = buf[pos:] + more
            pos = 0
            continue
        yield obj
        pos = end
        if pos > block:  # drop what is decoded so the buffer stays bounded
            buf, pos = buf[pos:], 0


def _feature_row(feature: dict) -> dict[str, str]:
    props = feature.get("properties") or {}
    row = {str(k): ("" if v is None else _cell_text(v) if not isinstance(v, (list, dict)) else json.dumps(v, ensure_ascii=False))
           for k, v in props.items()}
    geometry = feature.get("geometry")
    if geometry and geometry.get("type") == "Point":
        coords = geometry.get("coordinates") or []
        if len(coords) >= 2:
            row["lon"], row["lat"] = _cell_text(float(coords[0])), _cell_text(float(coords[1]))
    elif geometry:
        from shapely.geometry import shape

        geom = shape(geometry)
        point = geom.representative_point()
        row["lon"], row["lat"] = _cell_text(point.x), _cell_text(point.y)
        row["geometry_wkt"] = geom.wkt
    return row


def read_geojson(path: Path, chunk_size: int, info: SourceInfo) -> Iterator[Chunk]:
    info.encoding = "utf-8"
    buffer: list[dict[str, str]] = []
    numbers: list[int] = []
    with path.open(encoding="utf-8-sig") as fh:
        for number, feature in enumerate(_iter_json_array(fh), start=1):
            buffer.append(_feature_row(feature))
            numbers.append(number)
            if len(buffer) >= chunk_size:
                yield Chunk(pd.DataFrame(buffer, dtype=object).fillna(""), np.array(numbers))
                buffer, numbers = [], []
    if buffer:
        yield Chunk(pd.DataFrame(buffer, dtype=object).fillna(""), np.array(numbers))


def read_chunks(path: Path, chunk_size: int = DEFAULT_CHUNK_ROWS) -> tuple[SourceInfo, Iterator[Chunk]]:
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"找不到文件 {path}", f"no such file: {path}")
    kind = source_kind(path)
    info = SourceInfo(path=path, kind=kind)
    reader = {"csv": read_csv, "xlsx": read_xlsx, "geojson": read_geojson}[kind]
    return info, reader(path, chunk_size, info)
