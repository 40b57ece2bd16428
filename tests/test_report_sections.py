"""Reports are lists of sections (reports.sections): each entry has its part, its tables and its data."""
from __future__ import annotations

from importlib.resources import files

import pytest

from reports import district_report, site_report
from reports.sections import contents, drawn
from reports.tables import format_cell, local_time


@pytest.mark.parametrize("module", [district_report, site_report], ids=["district", "site"])
def test_every_section_has_a_unique_anchor_and_a_template_part(module):
    ids = [s.id for s in module.SECTIONS]
    assert len(set(ids)) == len(ids)
    for section in module.SECTIONS:
        assert files("reports").joinpath("templates", section.part).is_file(), section.part
    assert [entry for entry, _ in contents(module.SECTIONS, True)] == ids
    assert [part["title"] for part in drawn(module.SECTIONS, False)] == [s.title_en for s in module.SECTIONS]


def test_district_sections_give_the_report_data_and_tables_in_their_order():
    keys = [s.key for s in district_report.SECTIONS if s.key]
    assert keys == ["summary", "web", "facilities", "plan_progress", "method"]
    assert all(s.data is not None for s in district_report.SECTIONS if s.key)
    # the leaders' page is drawn before the contents, and only it
    assert [s.id for s in district_report.SECTIONS if s.leaders] == ["d-summary"]


def test_times_read_as_beijing_time_in_every_report_cell():
    # the store keeps naive UTC; officials read Beijing time (UTC+8, no summer time)
    assert local_time("2026-12-01T22:41:47.462485") == "2026-12-02 06:41"
    assert local_time("2026-06-30T16:00:00+00:00") == "2026-07-01 00:00"
    assert format_cell("2026-12-01T22:41:47", "time") == "2026-12-02 06:41"
    assert format_cell(None, "time") == "—"
