"""``--no-browser``: the static mode sees markup facts, is fast, and says everywhere that it is partial."""
from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlsplit

from scanner.gather_static import decode_html
from wuzhangai.sample_server import serve_sample_site


def test_static_scan_of_the_sample_site(tmp_path):
    out = tmp_path / "static.json"
    with serve_sample_site() as site:
        proc = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scan", site.url, "--no-browser", "--out",
                               str(out), "--db", str(tmp_path / "s.db"), "-q"], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "不完整" in proc.stderr and "partial" in proc.stderr
        csv_out = tmp_path / "static.csv"
        subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scans", "show", "1", "--out", str(csv_out),
                        "--db", str(tmp_path / "s.db")], check=True, timeout=60)
        english = json.loads(subprocess.run(
            [sys.executable, "-m", "wuzhangai.cli", "scans", "show", "1", "--format", "json", "--lang", "en", "--db",
             str(tmp_path / "s.db")], check=True, timeout=60, capture_output=True, text=True).stdout)
        html_out = tmp_path / "static.html"
        subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scans", "show", "1", "--out", str(html_out),
                        "--db", str(tmp_path / "s.db")], check=True, timeout=60)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["scan"]["partial"] is True and doc["scan"]["mode"] == "static" and doc["scan"]["partial_reason"]
    assert "static (partial)" in csv_out.read_text(encoding="utf-8-sig").splitlines()[1]
    assert "static mode" in html_out.read_text(encoding="utf-8") or "静态模式" in html_out.read_text(encoding="utf-8")
    failed = {(urlsplit(p["url"]).path, f["rule_id"]) for p in doc["pages"] for f in p["findings"]
              if f["outcome"] == "failed"}
    assert ("/news/2024-03-photo.html", "wza-img-alt") in failed
    assert ("/about/index.html", "wza-html-lang") in failed
    assert ("/about/contact.html", "wza-document-title") in failed
    assert ("/news/2023-12-archive.html", "wza-frame-title") in failed
    assert ("/news/2024-03-photo.html", "wza-viewport-zoom") in failed
    # text is chosen when the document is rendered: the same stored scan in English has no Chinese in our rules'
    # help and messages (the static scan stored ids and data, not the Chinese it printed first)
    ours = [f for p in english["pages"] for f in p["findings"] if f["source"] == "wuzhangai"]
    assert ours and all(f["message"] and f["help"] for f in ours)
    assert not [f for f in ours if any("\u4e00" <= ch <= "\u9fff" for ch in f["help"] + f["message"])
                and "wza-link" not in f["rule_id"] and "wza-identical" not in f["rule_id"]]
    zh_img = next(f for p in doc["pages"] for f in p["findings"] if f["rule_id"] == "wza-img-alt")
    en_img = next(f for p in english["pages"] for f in p["findings"] if f["rule_id"] == "wza-img-alt")
    assert zh_img["help"] == "图片必须有替代文本" and en_img["help"] == "Images must have alternative text"
    assert en_img["message"] == "image has no alt attribute and no other name"
    # the same robots and 404 handling as the browser mode
    reasons = {urlsplit(f["url"]).path: f["reason"] for f in doc["failed_pages"]}
    assert reasons["/admin/index.html"] == "robots" and reasons["/news/missing.html"] == "http_status"


def test_decode_html_handles_gbk_pages_declared_in_meta():
    page = '<html><head><meta charset="gb2312"><title>江汉区人民政府</title></head><body>镕</body></html>'
    body = page.encode("gb18030")
    assert "江汉区人民政府" in decode_html(body, None) and "镕" in decode_html(body, None)
    assert decode_html("无障碍".encode("utf-8"), None) == "无障碍"
    assert decode_html("无障碍".encode("gbk"), "GBK") == "无障碍"
