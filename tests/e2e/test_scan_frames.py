"""Cross-origin frames (a map service, a video, an embedded form) are checked inside the page that embeds them, and
each finding in one says which frame: the fault site's ``/embed.html`` on 127.0.0.1 frames ``/map.html`` of a
second server on 127.0.0.2 (another origin, and another site: Chromium puts the frame in a process of its own), whose image has no alt."""
from __future__ import annotations

import csv
import io
import subprocess

import pytest

from tests.e2e.trapsite import TrapHandler, serve_trapsite
from tests.e2e.wallsite import WZ, by_path, scan

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]


@pytest.fixture
def two_origins():
    main, main_url = serve_trapsite()
    other, other_url = serve_trapsite(host="127.0.0.2")
    TrapHandler.embed_origin = other_url
    yield main_url, TrapHandler.embed_origin
    TrapHandler.embed_origin = ""
    main.shutdown()
    other.shutdown()


def test_findings_in_a_cross_origin_frame_say_which_frame(two_origins, tmp_path):
    site, other = two_origins
    db = tmp_path / "f.db"
    proc, doc = scan(site + "/embed.html", "--retries", "0", "--allow-net", "127.0.0.0/8", db=db,
                     out=tmp_path / "f.json", timeout=240)
    assert proc.returncode == 0, proc.stderr
    page = by_path(doc["pages"])["/embed.html"]
    in_frame = [f for f in page["findings"] if f.get("frame") and f["outcome"] == "failed"]
    assert [(f["rule_id"], f["frame"]) for f in in_frame] == [("image-alt", other + "/map.html")], page["findings"]
    assert "tile.png" in in_frame[0]["html"] and in_frame[0]["selector"].endswith(">>> img")
    # an element is in a frame exactly when its selector crosses one (``iframe >>> img``)
    assert all(bool(f.get("frame")) == (">>>" in f["selector"]) for f in page["findings"]), page["findings"]
    assert [p["url"] for p in doc["pages"]] == [site + "/embed.html"]  # the other site is checked, not crawled
    rows = list(csv.DictReader(io.StringIO(subprocess.run(
        [*WZ, "scans", "show", "1", "--format", "csv", "--db", str(db)], check=True, capture_output=True,
        text=True, timeout=60).stdout.lstrip("\ufeff"))))
    assert [r["frame"] for r in rows if r["rule_id"] == "image-alt"] == [other + "/map.html"]
    # the issue says it too: the scan JSON, scans show's HTML and the site report
    issue = next(i for i in doc["issues"] if i["rule_id"] == "image-alt")
    assert issue["frame"] == other + "/map.html"
    show = subprocess.run([*WZ, "scans", "show", "1", "--format", "html", "--db", str(db)], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    assert f"所在框架：<code>{other}/map.html</code>" in show
    report = tmp_path / "site.html"
    subprocess.run([*WZ, "report", "site", "1", "--out", str(report), "--db", str(db)], check=True,
                   capture_output=True, text=True, timeout=120)
    assert f'所在框架 <span class="url">{other}/map.html</span>' in report.read_text(encoding="utf-8")
