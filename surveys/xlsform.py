"""The ODK / KoboToolbox collection form (XLSForm), generated from the survey schema.

Teams collect offline on phones (ODK Collect, KoboCollect). Design choices that make the exports import
back with no hand mapping:

* the facility location is the form's first geopoint, named ``location`` (Kobo copies the first geopoint to
  ``_geolocation``; both tools export ``location`` split into latitude/longitude/altitude/accuracy);
* a field several facility types share is named ``<type>__<field>`` so that names are unique in the form;
  the importer strips the group path and the prefix;
* parking stalls are a repeat group ``stalls`` inside the car park (Kobo exports it as its own sheet, linked by
  ``_submission__uuid``; the importer turns each row into a ``parking_stall`` record of that car park);
* the device GNSS is WGS84, so ``crs`` is a calculated ``WGS84``.
"""
from __future__ import annotations

from pathlib import Path

from geodata.district import District, current_district
from surveys.schema import Field, Schema, load_schema

ZH, EN = "中文 (zh)", "English (en)"
SURVEY_COLUMNS = ["type", "name", f"label::{ZH}", f"label::{EN}", f"hint::{ZH}", f"hint::{EN}", "required", "relevant",
                  "constraint", f"constraint_message::{ZH}", f"constraint_message::{EN}", "choice_filter", "calculation",
                  "appearance", "parameters", "body::accuracyThreshold"]
CHOICE_COLUMNS = ["list_name", "name", f"label::{ZH}", f"label::{EN}", "street"]
# In the form a car park's stalls are its repeat group, and home modifications are recorded without a point.
FORM_TYPES_WITHOUT_POINT = ("home_modification",)
GNSS_ACCURACY_THRESHOLD_M = 5  # the draft schema: use e.g. 5 m for curb ramps


def _shared_fields(schema: Schema) -> set[str]:
    seen: dict[str, int] = {}
    for ftype in schema.types.values():
        for f in ftype.fields:
            seen[f.name] = seen.get(f.name, 0) + 1
    return {name for name, count in seen.items() if count > 1} | {"facility_subtype"}


def form_name(ftype: str, field_name: str, shared: set[str]) -> str:
    return f"{ftype}__{field_name}" if field_name in shared else field_name


def _row(**cells: str) -> dict:
    return {k.replace("label_zh", f"label::{ZH}").replace("label_en", f"label::{EN}")
            .replace("hint_zh", f"hint::{ZH}").replace("hint_en", f"hint::{EN}"): v for k, v in cells.items()}


def _question(f: Field, name: str, list_name: str | None) -> dict:
    unit = f" [{f.unit}]" if f.unit and f.unit not in ("count",) else ""
    row = _row(name=name, label_zh=f.zh, label_en=f.en + ("" if f.en.endswith(")") else unit),
               hint_zh=f.hint_zh or ("坡度比值：1:12 填 0.0833" if f.name.endswith("_ratio") else "不测量时留空"),
               hint_en=f.hint_en or ("slope as a ratio: 1:12 is 0.0833" if f.name.endswith("_ratio") else "leave empty if not measured"))
    if f.kind == "number":
        row["type"] = "decimal"
    elif f.kind == "count":
        row["type"] = "integer"
    elif f.kind == "bool":
        row["type"] = "select_one yes_no"
    elif f.kind == "enum":
        row["type"] = f"select_one {list_name}"
    elif f.kind == "datetime":
        row["type"] = "dateTime"
    else:
        row["type"] = "text"
    if f.value_range is not None and f.kind in ("number", "count"):
        lo, hi = f.value_range
        row["constraint"] = f". >= {lo:g} and . <= {hi:g}"
        row[f"constraint_message::{ZH}"] = f"合理范围 {lo:g}～{hi:g}，请检查单位"
        row[f"constraint_message::{EN}"] = f"plausible range {lo:g}-{hi:g}: check the unit"
    return row


def form_title(district: District) -> str:
    return f"{district.name_zh}无障碍设施调查"


def build_form(schema: Schema | None = None, title: str | None = None,
               form_id: str = "wuzhangai_facility_survey", district: District | None = None) -> dict[str, list[dict]]:
    """The form's sheets for ``district`` (default: the current one): its streets and communities are the
    choices; a profile without them gets text questions instead. ``title`` defaults to "<区名>无障碍设施调查"."""
    schema = schema or load_schema()
    district = district or current_district()
    title = title or form_title(district)
    shared = _shared_fields(schema)
    survey: list[dict] = []
    choices: list[dict] = []
    lists: dict[tuple, str] = {}

    def choice_list(values: dict[str, str], preferred: str) -> str:
        key = tuple(values.items())
        if key not in lists:
            name = preferred if preferred not in lists.values() else f"{preferred}_{len(lists)}"
            lists[key] = name
            for value, label in values.items():
                choices.append({"list_name": name, "name": value, f"label::{ZH}": label,
                                f"label::{EN}": value.replace("_", " ")})
        return lists[key]

    choice_list({"yes": "是", "no": "否"}, "yes_no")
    form_types = {k: v for k, v in schema.types.items() if k != "parking_stall"}
    type_list = choice_list({k: f"{v.zh}" for k, v in form_types.items()}, "facility_types")
    for s in district.streets():
        choices.append({"list_name": "streets", "name": s.code, f"label::{ZH}": s.name, f"label::{EN}": s.code})
    for c in district.communities():
        choices.append({"list_name": "communities", "name": c.code, f"label::{ZH}": c.short_name,
                        f"label::{EN}": c.code, "street": c.street_code})

    common = {f.name: f for f in schema.common}
    survey.append(_row(type="start", name="survey_datetime"))
    survey.append(_row(type=f"select_one {type_list}", name="facility_type", label_zh="设施类型", label_en="Facility type",
                       required="yes"))
    no_point = " and ".join(f"${{facility_type}} != '{t}'" for t in FORM_TYPES_WITHOUT_POINT)
    survey.append(_row(type="geopoint", name="location", label_zh="设施位置（在设施处定位）",
                       label_en="Facility location (stand at the facility)", required="yes", relevant=no_point,
                       hint_zh="等待精度达到 5 m 以内再保存", hint_en="wait for an accuracy within 5 m",
                       **{"body::accuracyThreshold": str(GNSS_ACCURACY_THRESHOLD_M)}))
    survey.append(_row(type="calculate", name="crs", calculation="'WGS84'"))
    if district.streets():
        survey.append(_row(type="select_one streets", name="street", label_zh="街道", label_en="Street (jiedao)",
                           required="yes", appearance="minimal"))
    else:  # no codes in the profile: the name as the surveyor writes it (matched on import when codes exist)
        survey.append(_row(type="text", name="street", label_zh="街道", label_en="Street (jiedao)", required="yes"))
    if district.communities():
        survey.append(_row(type="select_one communities", name="community", label_zh="社区", label_en="Community",
                           choice_filter="street=${street}" if district.streets() else "", appearance="minimal",
                           required="${facility_type} = 'home_modification'"))
    else:
        survey.append(_row(type="text", name="community", label_zh="社区", label_en="Community",
                           required="${facility_type} = 'home_modification'"))
    for name in ("surveyor_id", "site_name", "road_name", "site_category", "building_type", "build_status", "condition",
                 "is_temporary_issue_bool", "na_reason"):
        f = common[name]
        q = _question(f, name, choice_list(f.values, name) if f.kind == "enum" else None)
        if name == "build_status":
            q["required"] = "yes"
        if name in ("site_name", "road_name"):  # personal data: no address for a home
            q["relevant"] = "${facility_type} != 'home_modification'"
        survey.append(q)
    for tname, ftype in form_types.items():
        survey.append(_row(type="begin_group", name=f"g_{tname}", label_zh=ftype.zh, label_en=ftype.en,
                           relevant=f"${{facility_type}} = '{tname}'"))
        if ftype.subtypes:
            sub = Field("facility_subtype", "enum", "子类", "subtype", values=ftype.subtypes)
            survey.append(_question(sub, form_name(tname, "facility_subtype", shared),
                                    choice_list(ftype.subtypes, f"subtype_{tname}")))
        for f in ftype.fields:
            if f.name == "dropoff_zone_size_m":
                continue  # the form asks length and width as numbers
            survey.append(_question(f, form_name(tname, f.name, shared),
                                    choice_list(f.values, f.name) if f.kind == "enum" else None))
        if tname == "parking":
            stall = schema.types["parking_stall"]
            survey.append(_row(type="begin_repeat", name="stalls", label_zh="无障碍停车位（每个一组）",
                               label_en="Accessible stalls (one group each)"))
            for f in stall.fields:
                survey.append(_question(f, form_name("parking_stall", f.name, shared),
                                        choice_list(f.values, f.name) if f.kind == "enum" else None))
            survey.append(_row(type="end_repeat", name="stalls"))
        survey.append(_row(type="end_group", name=f"g_{tname}"))
    for i in (1, 2, 3):
        survey.append(_row(type="image", name=f"photo_{i}", label_zh=f"照片 {i}", label_en=f"Photo {i}",
                           relevant="${facility_type} != 'home_modification'", parameters="max-pixels=1600"))
    survey.append(_question(common["notes"], "notes", None) | {"relevant": "${facility_type} != 'home_modification'"})
    settings = [{"form_title": title, "form_id": form_id, "version": f"schema-{schema.version}",
                 "default_language": ZH}]
    return {"survey": survey, "choices": choices, "settings": settings}


def write_xlsform(path: str | Path, title: str | None = None, form_id: str = "wuzhangai_facility_survey",
                  district: District | None = None) -> Path:
    from openpyxl import Workbook

    sheets = build_form(title=title, form_id=form_id, district=district)
    book = Workbook()
    book.remove(book.active)
    for name, columns in (("survey", SURVEY_COLUMNS), ("choices", CHOICE_COLUMNS),
                          ("settings", ["form_title", "form_id", "version", "default_language"])):
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for row in sheets[name]:
            sheet.append([row.get(c, "") for c in columns])
    path = Path(path)
    book.save(path)
    return path


def check_with_pyxform(path: str | Path) -> str:
    """Convert with pyxform (no Java ODK Validate); raises on an invalid form. Returns a short status."""
    try:
        from pyxform.xls2xform import convert
    except ImportError:
        return "pyxform 未安装，未校验 / pyxform not installed: not checked"
    result = convert(xlsform=str(path), validate=False, warnings=[])
    if "<h:html" not in result.xform:
        raise ValueError("pyxform did not produce an XForm")
    return "pyxform 校验通过 / checked with pyxform"
