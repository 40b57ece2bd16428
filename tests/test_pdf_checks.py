"""PDF attachments: each check of ``checks.documents`` passing and failing on PDFs made here (WeasyPrint tagged
and untagged, Pillow's image-only PDF, pypdf-built ones), encrypted and broken documents recorded with their
reason; and a static scan of a loopback site with PDFs (real HTTP) that downloads, checks and stores them, with
the size and count caps."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from checks.documents import check_pdf
from reports.scan_document import scan_document
from scanner.crawl import CrawlConfig
from store import db as store_db
from tests.conftest import serve_directory
from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan

HTML = ('<html{lang}><head><meta charset="utf-8">{title}</head><body><h1>残疾人证申请表</h1>'
        '<p>申请人姓名、身份证号码、残疾类别。</p></body></html>')


def weasy(tagged: bool, title: bool = True, lang: bool = True) -> bytes:
    from weasyprint import HTML as Doc

    html = HTML.format(lang=' lang="zh-CN"' if lang else "", title="<title>残疾人证申请表</title>" if title else "")
    return Doc(string=html).write_pdf(pdf_variant="pdf/ua-1") if tagged else Doc(string=html).write_pdf()


def image_only() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (300, 120), "white")
    ImageDraw.Draw(img).rectangle((20, 20, 280, 40), fill="black")  # a "scanned" line of text
    buf = io.BytesIO()
    img.save(buf, format="PDF")
    return buf.getvalue()


def built(title: str | None = None, display_title: bool = False, lang: str | None = None, marked: bool = False,
          xmp_title: str | None = None, encrypt: tuple[str, str] | None = None) -> bytes:
    """A one-page blank PDF (no text) with exactly the catalog and metadata entries asked for."""
    w = PdfWriter()
    w.add_blank_page(200, 200)
    if title:
        w.add_metadata({"/Title": title})
    root = w._root_object
    if display_title:
        root[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    if lang:
        root[NameObject("/Lang")] = TextStringObject(lang)
    if marked:
        root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
        root[NameObject("/StructTreeRoot")] = w._add_object(DictionaryObject(
            {NameObject("/Type"): NameObject("/StructTreeRoot")}))
    if xmp_title:
        xmp = ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
               '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">'
               f'{xmp_title}</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>'
               '<?xpacket end="w"?>')
        w.xmp_metadata = xmp.encode("utf-8")
    if encrypt:
        w.encrypt(user_password=encrypt[0], owner_password=encrypt[1], algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def outcomes(data: bytes) -> dict[str, str]:
    return {r["id"]: r["outcome"] for r in check_pdf(data)["results"]}


def test_a_tagged_pdf_ua_document_passes_every_check():
    result = check_pdf(weasy(tagged=True))
    assert outcomes(weasy(tagged=True)) == {"pdf-text-layer": "passed", "pdf-tagged": "passed",
                                            "pdf-title": "passed", "pdf-lang": "passed"}
    assert result["outcome"] == "passed" and result["pages"] == 1 and result["reason"] is None


def test_an_untagged_pdf_fails_the_structure_and_its_title_is_not_displayed():
    assert outcomes(weasy(tagged=False)) == {"pdf-text-layer": "passed", "pdf-tagged": "failed",
                                             "pdf-title": "cantTell", "pdf-lang": "passed"}
    result = check_pdf(weasy(tagged=False, title=False, lang=False))
    assert {r["id"]: r["outcome"] for r in result["results"]} == {
        "pdf-text-layer": "passed", "pdf-tagged": "failed", "pdf-title": "failed", "pdf-lang": "failed"}
    assert result["outcome"] == "failed"
    assert {r["id"]: r["wcag"] for r in result["results"]} == {
        "pdf-text-layer": ["1.1.1"], "pdf-tagged": ["1.3.1"], "pdf-title": ["2.4.2"], "pdf-lang": ["3.1.1"]}


def test_a_scanned_image_pdf_has_no_text_layer():
    assert outcomes(image_only()) == {"pdf-text-layer": "failed", "pdf-tagged": "failed", "pdf-title": "failed",
                                      "pdf-lang": "failed"}


@pytest.mark.parametrize("kwargs, expected", [
    ({}, {"pdf-tagged": "failed", "pdf-title": "failed", "pdf-lang": "failed"}),
    ({"marked": True}, {"pdf-tagged": "passed", "pdf-title": "failed", "pdf-lang": "failed"}),
    ({"title": "办事指南"}, {"pdf-tagged": "failed", "pdf-title": "cantTell", "pdf-lang": "failed"}),
    ({"title": "办事指南", "display_title": True}, {"pdf-tagged": "failed", "pdf-title": "passed", "pdf-lang": "failed"}),
    ({"xmp_title": "办事指南", "display_title": True}, {"pdf-tagged": "failed", "pdf-title": "passed", "pdf-lang": "failed"}),
    ({"lang": "zh-CN"}, {"pdf-tagged": "failed", "pdf-title": "failed", "pdf-lang": "passed"}),
])
def test_each_catalog_check_on_its_own(kwargs, expected):
    got = outcomes(built(**kwargs))
    assert got.pop("pdf-text-layer") == "failed"  # a blank page: no text
    assert got == expected


def test_encrypted_and_broken_documents_are_recorded_with_their_reason():
    locked = check_pdf(built(encrypt=("secret", "owner")))
    assert locked["outcome"] == "error" and locked["reason"] == "encrypted" and locked["results"] == []
    # restricted only (an empty user password): opened and checked
    assert check_pdf(built(lang="zh", encrypt=("", "owner")))["results"][3]["outcome"] == "passed"
    whole = weasy(tagged=True)
    for data in (whole[: len(whole) // 3], b"<html>not a pdf</html>", b"%PDF-1.7\n" + b"\x00" * 200):
        broken = check_pdf(data)
        assert broken["outcome"] == "error" and broken["reason"] == "broken" and broken["detail"]


# --- a scan downloads and checks them --------------------------------------------------------------------------

@pytest.fixture
def pdf_site(tmp_path):
    root = tmp_path / "site"
    (root / "files").mkdir(parents=True)
    files = {"tagged.pdf": weasy(tagged=True), "untagged.pdf": weasy(tagged=False), "scan.pdf": image_only(),
             "broken.pdf": weasy(tagged=True)[:2000], "big.pdf": weasy(tagged=True) + b"\n%" + b"x" * 300_000}
    for name, data in files.items():
        (root / "files" / name).write_bytes(data)
    links = "".join(f'<li><a href="/files/{n}">{n}</a></li>' for n in [*files, "missing.pdf"])
    (root / "index.html").write_text(f'<!DOCTYPE html><html lang="zh-CN"><head><title>附件</title></head><body>'
                                     f'<main><h1>附件</h1><ul>{links}</ul></main></body></html>', encoding="utf-8")
    server, origin = serve_directory(root)
    engine = store_db.engine_for(tmp_path / "w.db")
    try:
        yield engine, origin
    finally:
        server.shutdown()
        engine.dispose()
        store_db._engines.clear()


def _scan(engine, origin: str, **crawl) -> dict:
    options = ScanOptions(crawl=CrawlConfig(start_urls=[origin + "/"], use_sitemaps=False, **crawl), browser=False)
    return scan_document(engine, run_site_scan(engine, options), "zh-CN")


def test_a_scan_downloads_checks_and_stores_its_pdfs(pdf_site):
    engine, origin = pdf_site
    doc = _scan(engine, origin, pdf_max_bytes=200_000)
    got = {Path(a["url"]).name: a for a in doc["attachments"]}
    assert {n: a["check_outcome"] for n, a in got.items()} == {
        "tagged.pdf": "passed", "untagged.pdf": "failed", "scan.pdf": "failed", "broken.pdf": "error",
        "big.pdf": "error", "missing.pdf": "error"}
    assert {n: a["checks"]["reason"] for n, a in got.items()} == {
        "tagged.pdf": None, "untagged.pdf": None, "scan.pdf": None, "broken.pdf": "broken", "big.pdf": "too_large",
        "missing.pdf": "download"}
    scan = {r["id"]: r["outcome"] for r in got["scan.pdf"]["checks"]["results"]}
    assert scan["pdf-text-layer"] == "failed"
    assert any("扫描图像" in n for n in got["scan.pdf"]["check_notes"])
    assert got["tagged.pdf"]["size"] == len(weasy(tagged=True)) and got["tagged.pdf"]["status"] == 200
    assert got["missing.pdf"]["status"] == 404 and got["big.pdf"]["size"] > 200_000
    assert got["untagged.pdf"]["found_on"] == [origin + "/"]
    assert doc["summary"]["attachments"] == 6 and doc["summary"]["attachments_failed"] == 2
    from reports.site_report import render_site_html, site_report_data, site_tables
    from reports.xlsx import workbook_bytes

    data = site_report_data(engine, doc["scan"]["id"])
    html = render_site_html(data)
    assert workbook_bytes(site_tables(data), "zh-CN")[:2] == b"PK"  # the tables as a workbook too
    assert "无障碍检查" in html and "前 1 页均无可提取的文字（扫描图像 PDF）" in html and "超过下载大小上限" in html
    # the time each check took is stored with the documents parsed (not with those never downloaded whole)
    from store.scans import load_scan

    stored = load_scan(engine, doc["scan"]["id"])["attachments"]
    assert sorted(Path(a["url"]).name for a in stored if a["checks"].get("ms") is not None) == [
        "broken.pdf", "scan.pdf", "tagged.pdf", "untagged.pdf"]
    assert all("ms" not in a["checks"] for a in doc["attachments"])


def test_the_count_cap_records_the_pdfs_left_unchecked(pdf_site):
    engine, origin = pdf_site
    doc = _scan(engine, origin, pdf_max_count=2)
    reasons = [a["checks"]["reason"] for a in doc["attachments"]]
    assert reasons.count("count_cap") == 4 and all(a["size"] for a in doc["attachments"]
                                                   if a["checks"]["reason"] == "count_cap"
                                                   and not a["url"].endswith("missing.pdf"))


def test_no_pdf_is_downloaded_when_checking_is_off(pdf_site):
    engine, origin = pdf_site
    doc = _scan(engine, origin, pdf_max_count=0)
    assert [a["checks"] for a in doc["attachments"]] == [None] * 6
    assert {Path(a["url"]).name: a["size"] for a in doc["attachments"]}["tagged.pdf"] == len(weasy(tagged=True))


def test_the_download_goes_through_the_network_guard(tmp_path):
    """A PDF link whose server redirects to the cloud-metadata address: the guard refuses the hop, the document is
    recorded as not downloaded, and the scan finishes."""
    import functools
    import http.server
    import threading

    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text('<!DOCTYPE html><html lang="zh-CN"><head><title>附件</title></head><body><main>'
                                     '<h1>附件</h1><a href="/files/away.pdf">通知（PDF）</a></main></body></html>',
                                     encoding="utf-8")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path.endswith("away.pdf"):
                self.send_response(302)
                self.send_header("Location", "http://169.254.169.254/latest/meta-data.pdf")
                self.end_headers()
                return
            super().do_GET()

        do_HEAD = do_GET

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    engine = store_db.engine_for(tmp_path / "w.db")
    try:
        doc = _scan(engine, f"http://127.0.0.1:{server.server_address[1]}", net_guard=True, allow_net=["127.0.0.0/8"])
    finally:
        server.shutdown()
        engine.dispose()
        store_db._engines.clear()
    [att] = doc["attachments"]
    assert att["checks"]["reason"] == "download" and "169.254.169.254" in att["checks"]["detail"]
    assert doc["scan"]["state"] == "finished"
