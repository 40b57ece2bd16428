"""The project's facility survey schema (``surveys/schema.yaml``), as Python objects.

One schema feeds the importer (types, allowed values, plausible ranges, header aliases), the XLSForm
generator, the surveyors' documentation (``wuzhangai survey schema``) and the Chinese column headers of the
XLSX output, so they cannot drift apart.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Literal

import yaml

FieldKind = Literal["number", "count", "bool", "enum", "text", "datetime"]

# Plausible ranges by unit suffix when a field does not set its own: outside them a value is refused as absurd.
_DEFAULT_RANGES: dict[str, tuple[float, float]] = {
    "_mm": (0.0, 3000.0),
    "_m": (0.0, 100.0),
    "_m2": (0.0, 300.0),
    "_ratio": (0.0, 1.0),
    "_s": (0.0, 120.0),
}
_COUNT_RANGE = (0.0, 100000.0)


@dataclass(frozen=True)
class Field:
    name: str
    kind: FieldKind
    zh: str
    en: str
    values: dict[str, str] = field(default_factory=dict)  # enum value -> Chinese label
    value_range: tuple[float, float] | None = None
    required: bool = False
    hint_zh: str = ""
    hint_en: str = ""
    added: bool = False  # a project addition to the research draft

    @property
    def unit(self) -> str:
        for suffix, unit in (("_mm", "mm"), ("_m2", "m²"), ("_m", "m"), ("_ratio", "ratio"), ("_s", "s")):
            if self.name.endswith(suffix):
                return unit
        return "count" if self.kind == "count" else ""


@dataclass(frozen=True)
class FacilityType:
    name: str
    zh: str
    en: str
    plan_item: str
    fields: tuple[Field, ...]
    subtypes: dict[str, str] = field(default_factory=dict)
    parent: str | None = None
    personal_data: bool = False
    label_zh: str = ""  # short label for map legends, popups and report tables (the full name when not given)
    label_en: str = ""

    def label(self, lang: str = "zh") -> str:
        """The short label in ``lang`` (``zh``/``zh-CN`` or ``en``)."""
        return (self.label_zh or self.zh) if lang.startswith("zh") else (self.label_en or self.en)

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@dataclass(frozen=True)
class Schema:
    version: int
    common: tuple[Field, ...]
    types: dict[str, FacilityType]
    aliases: dict[str, str]

    def field(self, name: str) -> Field | None:
        """The definition of a field name (common or of any type; a shared name has one meaning)."""
        return _field_index(self).get(name)

    def measurement_fields(self) -> dict[str, Field]:
        """Every type-specific field, by name (the union over types)."""
        out: dict[str, Field] = {}
        for ftype in self.types.values():
            for f in ftype.fields:
                out.setdefault(f.name, f)
        return out

    def label_headers(self) -> dict[str, str]:
        """Chinese field labels as headers (``坡口高差(mm)`` -> ``lip_height_mm``), NFKC-normalised and lower-cased,
        as a team writes them and as the XLSX output heads its columns. A label two fields share is left out:
        it cannot say which one is meant."""
        return _label_index(self)

    def types_with_field(self, name: str) -> tuple[str, ...]:
        return tuple(t for t, ft in self.types.items() if name in ft.field_names())


def _range_for(name: str, kind: str, explicit: list | None) -> tuple[float, float] | None:
    if explicit is not None:
        return float(explicit[0]), float(explicit[1])
    if kind == "count":
        return _COUNT_RANGE
    if kind != "number":
        return None
    for suffix in ("_m2", "_mm", "_ratio", "_m", "_s"):  # longest suffixes first: _m2 before _m
        if name.endswith(suffix):
            return _DEFAULT_RANGES[suffix]
    return None


def _parse_field(raw: dict, type_names: list[str]) -> Field:
    kind = raw["type"]
    values = raw.get("values") or {}
    if values == "facility_types":
        values = {name: name for name in type_names}
    return Field(
        name=raw["name"],
        kind=kind,
        zh=raw["zh"],
        en=raw["en"],
        values={str(k): str(v) for k, v in values.items()},
        value_range=_range_for(raw["name"], kind, raw.get("range")),
        required=bool(raw.get("required", False)),
        hint_zh=raw.get("hint_zh", ""),
        hint_en=raw.get("hint_en", ""),
        added=bool(raw.get("added", False)),
    )


def parse_schema(data: dict) -> Schema:
    type_names = list(data["facility_types"])
    common = tuple(_parse_field(raw, type_names) for raw in data["common"])
    types = {
        name: FacilityType(
            name=name,
            zh=raw["zh"],
            en=raw["en"],
            plan_item=raw["plan_item"],
            fields=tuple(_parse_field(f, type_names) for f in raw["fields"]),
            subtypes={str(k): str(v) for k, v in (raw.get("subtypes") or {}).items()},
            parent=raw.get("parent"),
            personal_data=bool(raw.get("personal_data", False)),
            label_zh=(raw.get("label") or {}).get("zh", ""),
            label_en=(raw.get("label") or {}).get("en", ""),
        )
        for name, raw in data["facility_types"].items()
    }
    aliases = {str(k).lower(): str(v) for k, v in (data.get("aliases") or {}).items()}
    return Schema(version=int(data["version"]), common=common, types=types, aliases=aliases)


@lru_cache(maxsize=1)
def load_schema() -> Schema:
    """The bundled schema (package data, read once)."""
    text = files("surveys").joinpath("schema.yaml").read_text(encoding="utf-8")
    return parse_schema(yaml.safe_load(text))


def facility_types() -> tuple[str, ...]:
    """Every facility type of the bundled schema, in schema order."""
    return tuple(load_schema().types)


def label(facility_type: str, lang: str = "zh") -> str:
    """The short label of a facility type in ``lang``; an unknown type is its own label."""
    ftype = load_schema().types.get(facility_type)
    return ftype.label(lang) if ftype else str(facility_type)


@lru_cache(maxsize=1)
def facility_labels() -> dict[str, tuple[str, str]]:
    """Facility type -> (zh, en) short labels, for code that looks labels up by type."""
    return {name: (ftype.label("zh"), ftype.label("en")) for name, ftype in load_schema().types.items()}


_INDEXES: dict[int, dict[str, Field]] = {}
_LABELS: dict[int, dict[str, str]] = {}


def _label_index(schema: Schema) -> dict[str, str]:
    index = _LABELS.get(id(schema))
    if index is None:
        owners: dict[str, set[str]] = {}
        for f in (*schema.common, *schema.measurement_fields().values(),
                  *(f for ft in schema.types.values() for f in ft.fields)):
            owners.setdefault(unicodedata.normalize("NFKC", f.zh).strip().lower(), set()).add(f.name)
        index = _LABELS[id(schema)] = {label: next(iter(names)) for label, names in owners.items() if len(names) == 1}
    return index


def _field_index(schema: Schema) -> dict[str, Field]:
    index = _INDEXES.get(id(schema))
    if index is None:
        index = {f.name: f for f in schema.common}
        for name, f in schema.measurement_fields().items():
            index.setdefault(name, f)
        _INDEXES[id(schema)] = index
    return index


def schema_markdown(schema: Schema | None = None) -> str:
    """The surveyors' field guide, Chinese first with English, generated from the schema."""
    schema = schema or load_schema()
    lines = [
        f"# 无障碍设施调查字段说明 / Facility survey fields (schema v{schema.version})",
        "",
        "空白表示未测量，不等于 0；未测字段的规则判为“未评估”。 / Leave a field empty when it was not measured: "
        "empty is not zero, and rules on it report `not_assessed`.",
        "",
        "单位写在字段名里：`_mm` 毫米，`_m` 米，`_m2` 平方米，`_ratio` 坡度比值（1:12 = 0.0833，也可填 `1:12` 或 "
        "`8.3%`），`_s` 秒，`_bool` 是/否（true/false、是/否、1/0）。列名为 `_pct` 的坡度按百分比换算为比值，"
        "`_cm` 按厘米换算为毫米。 / Units are in the field names; `_pct` columns are converted to ratios and "
        "`_cm` columns to millimetres on import.",
        "",
        "## 通用字段 / Common fields",
        "",
    ]
    lines += _field_table(schema.common)
    for ftype in schema.types.values():
        lines += ["", f"## {ftype.name} — {ftype.zh} / {ftype.en}", "", f"规划条目 / plan item: {ftype.plan_item}"]
        if ftype.parent:
            lines.append(f"上级记录 / parent record: `{ftype.parent}` (`parent_record_id`)")
        if ftype.personal_data:
            lines.append("个人数据：只记社区，不记坐标、地址或姓名。 / Personal data: community only; no coordinates, "
                         "address or name are stored or exported.")
        if ftype.subtypes:
            subtypes = ", ".join(f"`{k}` {v}" for k, v in ftype.subtypes.items())
            lines.append(f"子类 / subtypes (`facility_subtype`): {subtypes}")
        lines.append("")
        lines += _field_table(ftype.fields)
    lines += ["", "## 列名别名 / Header aliases", ""]
    lines += [f"- `{k}` → `{v}`" for k, v in sorted(schema.aliases.items())]
    return "\n".join(lines) + "\n"


def _field_table(fields: tuple[Field, ...]) -> list[str]:
    rows = ["| 字段 field | 中文 | English | 类型 type | 取值/范围 values | 说明 notes |", "|---|---|---|---|---|---|"]
    for f in fields:
        if f.values:
            allowed = ", ".join(f"`{k}` {v}" if k != v else f"`{k}`" for k, v in f.values.items())
        elif f.value_range:
            allowed = f"{f.value_range[0]:g} – {f.value_range[1]:g}"
        else:
            allowed = ""
        notes = " / ".join(x for x in (f.hint_zh, f.hint_en) if x)
        if f.required:
            notes = ("必填 required. " + notes).strip()
        if f.added:
            notes = (notes + " (本项目新增 / project addition)").strip()
        rows.append(f"| `{f.name}` | {f.zh} | {f.en} | {f.kind} | {allowed} | {notes} |")
    return rows
