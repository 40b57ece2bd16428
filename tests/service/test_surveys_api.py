"""Survey uploads over the API and the page: problems by row/field/value in zh and en with nothing written, the
valid rows only on request with the rejects downloadable, the original kept with its SHA-256, bounded size."""
from __future__ import annotations

import hashlib
import io
import zipfile

from fastapi.testclient import TestClient
from openpyxl import Workbook

from store import uploads as upload_store
from store.surveys import facility_count
from tests.service.conftest import bearer, csrf_of, login
from tests.service.conftest import on_both_engines as service_db  # noqa: F401 (a fixture: SQLite and PostgreSQL)

HEADER = "record_id,facility_type,street,community,lon,lat,build_status,has_curb_ramp_bool,ramp_type,lip_height_mm"
GOOD = ["A1,curb_ramp,民族街街道,万年社区,114.2850,30.5850,new_or_extended,是,three_sided,0",
        "A2,curb_ramp,420103001,,114.2712,30.6010,existing_or_renovated,true,other,6"]
BAD = ["B1,curb_ramp,民族街街道,万年社区,114.2850,30.5850,new_or_extended,是,three_sided,abc",
       "B2,curb_ramp,民族街街道,万年社区,116.40,39.90,new_or_extended,是,three_sided,0"]


def csv_bytes(lines: list[str], encoding: str = "gbk") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def upload(client: TestClient, token: str, body: bytes, name: str = "调查.csv", **data):
    return client.post("/api/surveys", headers=bearer(token), files={"file": (name, body, "text/csv")},
                       data={k: str(v).lower() if isinstance(v, bool) else v for k, v in data.items()})


def test_broken_gbk_csv_is_422_with_every_problem_and_writes_nothing(service, client):
    app, settings, tokens = service
    response = upload(client, tokens["surveyor"], csv_bytes([HEADER, GOOD[0], *BAD]))
    assert response.status_code == 422
    body = response.json()
    assert body["written"] == 0
    by_row = {(p["row"], p["field"]): p for p in body["problems"]}
    assert by_row[(3, "lip_height_mm")]["value"] == "abc"
    assert "数字" in by_row[(3, "lip_height_mm")]["message_zh"] and "number" in by_row[(3, "lip_height_mm")]["message_en"]
    assert any(row == 4 for row, _ in by_row), body["problems"]  # the point outside the district
    assert facility_count(app.state.engine) == 0
    (kept,) = upload_store.list_uploads(app.state.engine)
    assert kept["outcome"] == "refused" and kept["user_name"] == "surveyor" and kept["original_name"] == "调查.csv"


def test_good_upload_is_201_with_counts_and_the_original_kept(service, client):
    app, settings, tokens = service
    raw = csv_bytes([HEADER, *GOOD])
    response = upload(client, tokens["surveyor"], raw, crs="WGS84")
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["records_created"], body["records_updated"], body["rows_rejected"]) == (2, 0, 0)
    assert body["sha256"] == hashlib.sha256(raw).hexdigest()
    assert facility_count(app.state.engine) == 2
    (kept,) = upload_store.list_uploads(app.state.engine)
    stored = settings.data_dir / "uploads" / kept["stored_name"]
    assert stored.read_bytes() == raw and kept["stored_name"] != "调查.csv"
    history = client.get("/api/surveys", headers=bearer(tokens["viewer"])).json()
    assert history[0]["sha256"] == body["sha256"] and "stored_name" not in history[0]
    again = upload(client, tokens["surveyor"], raw)
    assert again.json()["records_updated"] == 2 and facility_count(app.state.engine) == 2


def test_skip_invalid_imports_the_valid_rows_and_offers_the_rejects(service, client):
    app, _, tokens = service
    response = upload(client, tokens["surveyor"], csv_bytes([HEADER, *GOOD, *BAD]), skip_invalid=True)
    assert response.status_code == 201
    body = response.json()
    assert body["records_created"] == 2 and body["rows_rejected"] == 2 and body["outcome"] == "partial"
    rejects = client.get(f"/surveys/{body['upload_id']}/rejects.csv", headers=bearer(tokens["viewer"]))
    assert rejects.status_code == 200 and "abc" in rejects.text and "B2" in rejects.text
    assert "调查.csv" in rejects.text  # the file as the surveyor named it, not its stored name


def test_formula_cells_and_zip_bombs_are_refused_as_the_cli_refuses_them(service, client):
    app, _, tokens = service
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["F1", "curb_ramp", "民族街街道", None, 114.2850, 30.5850, None, True, "three_sided", "=1+1"])
    buf = io.BytesIO()
    book.save(buf)
    response = upload(client, tokens["surveyor"], buf.getvalue(), name="f.xlsx")
    assert response.status_code == 422
    assert any("formula" in p["message_en"] for p in response.json()["problems"])
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (32 * 1024 * 1024))
    response = upload(client, tokens["surveyor"], bomb.getvalue(), name="bomb.xlsx")
    assert response.status_code == 422
    assert any("zip bomb" in p["message_en"] for p in response.json()["problems"])
    assert facility_count(app.state.engine) == 0


def test_over_the_size_limit_is_413_and_nothing_is_kept(service, client):
    app, settings, tokens = service
    big = csv_bytes([HEADER] + [GOOD[0]] * 40_000)  # > the 2 MB limit the fixture sets
    assert len(big) > settings.max_upload_bytes
    response = upload(client, tokens["surveyor"], big)
    assert response.status_code == 413
    assert "MB" in response.json()["detail"]["en"]
    assert not any((settings.data_dir / "uploads").glob("*")) if (settings.data_dir / "uploads").exists() else True
    assert upload_store.list_uploads(app.state.engine) == []


def test_unknown_file_type_is_refused_before_reading(service, client):
    _, _, tokens = service
    response = upload(client, tokens["surveyor"], b"MZ\x90\x00", name="x.exe")
    assert response.status_code == 422
    assert "CSV" in response.json()["problems"][0]["message_en"]


def test_viewer_may_not_upload_and_no_token_is_401(service, client):
    app, _, tokens = service
    assert upload(client, tokens["viewer"], csv_bytes([HEADER, *GOOD])).status_code == 403
    assert client.post("/api/surveys", files={"file": ("a.csv", b"x", "text/csv")}).status_code == 401
    assert facility_count(app.state.engine) == 0


def test_upload_page_shows_the_problem_table_in_both_languages(service, client):
    app, _, _ = service
    assert login(client, "surveyor").status_code == 303
    page = client.get("/surveys")
    assert 'type="file"' in page.text
    response = client.post("/surveys", data={"csrftoken": csrf_of(page.text), "crs": ""},
                           files={"file": ("bad.csv", csv_bytes([HEADER, *BAD]), "text/csv")})
    assert response.status_code == 422
    assert 'id="problems"' in response.text and "abc" in response.text
    assert "没有写入任何记录" in response.text
    assert facility_count(app.state.engine) == 0
    english = client.get("/surveys?lang=en")
    assert "Upload history" in english.text and 'lang="en"' in english.text
    # the history's times are Beijing time, and every page says so
    assert "Beijing time (UTC+8)" in english.text and "页面上的时间均为北京时间" in page.text


def test_viewer_page_has_no_upload_form(service, client):
    login(client, "viewer")
    page = client.get("/surveys")
    assert page.status_code == 200 and 'type="file"' not in page.text


def test_a_streamed_upload_without_length_is_cut_at_the_limit_with_413(service, client):
    app, settings, tokens = service
    boundary = "wza-boundary"

    def body():  # chunked: no Content-Length to refuse it by, so it is counted as it arrives
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
               "Content-Type: text/csv\r\n\r\n").encode()
        for _ in range(400):
            yield b"x" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post("/api/surveys", content=body(), headers={
        **bearer(tokens["surveyor"]), "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413 and "2 MB" in response.json()["detail"]["en"]
    assert upload_store.list_uploads(app.state.engine) == []


def test_unknown_pages_are_a_404_page_in_chinese(service, client):
    page = client.get("/no-such-page")
    assert page.status_code == 404 and "没有这个页面" in page.text and page.headers["content-type"].startswith("text/html")
    assert client.get("/api/no-such-thing").status_code == 404
