"""The facilities page's filters (integer codes over the worst-first order, cached per scored data) give what a
plain filter of the scored facilities gives, page by page."""
from __future__ import annotations

import itertools

from store.db import engine_for
from surveys.scoring import score_frame
from surveys.frame import load_facilities
from wuzhangai.usecases.facilities import FacilityFilter, filter_choices, filtered_facilities
from wuzhangai.usecases.surveys import import_survey

HEADER = "record_id,facility_type,street,community,lon,lat,build_status,has_curb_ramp_bool,ramp_type,lip_height_mm"
ROWS = [f"R{i},curb_ramp,{street},,114.28{i % 10},30.58{i % 7},new_or_extended,{ramp},three_sided,{lip}"
        for i, (street, ramp, lip) in enumerate(itertools.islice(itertools.cycle([
            ("民族街街道", "是", "0"), ("420103001", "true", "15"), ("民族街街道", "否", ""),
            ("420103001", "是", "30")]), 23))]


def test_filters_match_a_plain_filter_page_by_page(tmp_path):
    src = tmp_path / "s.csv"
    src.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    engine = engine_for(tmp_path / "f.db")
    import_survey(engine, [src], skip_invalid=True)
    scored = score_frame(load_facilities(engine)).facilities
    order = scored.assign(_o=scored["status"].map({"non_compliant": 0, "incomplete": 1, "compliant": 2}))
    order = order.sort_values(["_o", "failed_count", "record_id"], ascending=[True, False, True], kind="stable")
    streets = [code for code, _ in filter_choices(engine)["streets"]] + [None, "no-such-street"]
    statuses = [None, "compliant", "non_compliant", "incomplete"]
    checked = 0
    for street, status in itertools.product(streets, statuses):
        expected = order
        if street:
            expected = expected[expected["street_code"].astype(str) == street]
        if status:
            expected = expected[expected["status"] == status]
        for offset in (0, 5):
            rows, total = filtered_facilities(engine, FacilityFilter(street, None, status), offset, 5)
            assert total == len(expected)
            assert list(rows["record_id"]) == list(expected["record_id"][offset:offset + 5])
            checked += 1
    assert checked >= 20 and len(scored) >= 15 and scored["status"].nunique() >= 2
