"""What is wrong with an upload, said in Chinese and English, naming row, field, value and why."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    row: int | None  # spreadsheet row (header = 1) or GeoJSON feature number; None for the whole file
    field: str
    value: str
    code: str  # machine-readable: not_a_number, out_of_range, outside_district, duplicate_id...
    zh: str
    en: str
    file: str = ""

    def text(self) -> str:
        """错误：第 12 行 字段 lip_height_mm 的值 "abc" 不是数字 / row 12, field lip_height_mm: "abc" is not a number"""
        where_zh = f"第 {self.row} 行 " if self.row is not None else ""
        where_en = f"row {self.row}, " if self.row is not None else ""
        prefix = f"{self.file}: " if self.file else ""
        if self.field and self.value != "":
            zh = f"{where_zh}字段 {self.field} 的值 \"{self.value}\" {self.zh}"
            en = f"{where_en}field {self.field}: \"{self.value}\" {self.en}"
        elif self.field:
            zh = f"{where_zh}字段 {self.field} {self.zh}"
            en = f"{where_en}field {self.field}: {self.en}"
        else:
            zh, en = f"{where_zh}{self.zh}", f"{where_en}{self.en}"
        return f"{prefix}错误：{zh} / {en}"

    def to_dict(self) -> dict:
        return asdict(self)
