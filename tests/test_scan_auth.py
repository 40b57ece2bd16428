"""Authenticated scans without a browser: login scripts and actions read as data (and refused with the file, step
and field named), cookie files of both formats, the secrets file's permissions, the links a logged-in crawl
avoids, and a static scan of the loopback portal's basic-auth and cookie pages (a login script refused there)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scanner.auth import (AuthError, AuthSettings, avoided, default_avoid_links, login_of, read_cookies,
                          read_secrets_file, resolve)
from scanner.login import ScriptError, actions_for, load_login_script, load_url_actions
from tests.e2e.portalsite import BASIC_PASSWORD, BASIC_USER, PortalHandler, login_script, serve_portal

WZ = [sys.executable, "-m", "wuzhangai.cli"]


def _write(tmp_path, name, text, mode=0o600):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    p.chmod(mode)
    return p


def test_the_portal_login_script_reads_as_data(tmp_path):
    script = load_login_script(_write(tmp_path, "login.yaml", login_script("http://127.0.0.1:9")))
    assert script.name == "portal-member" and script.timeout_s == 8.0
    assert [s.action for s in script.steps] == ["goto", "click", "fill", "fill", "click", "wait-for"]
    assert script.steps[3].describe() == "fill #password ${secret:PORTAL_PASSWORD}"  # by name, never the value
    assert script.secret_names() == {"PORTAL_USER", "PORTAL_PASSWORD"}
    assert script.logged_out.url_matches("http://h/login?next=/portal/") and not script.logged_out.url_matches("http://h/portal/")


@pytest.mark.parametrize("text, words", [
    ("name: x\nlogged_out: {url: /login}\nsteps:\n  - eval: 'alert(1)'\n", ["step 1", "unknown action 'eval'"]),
    ("name: x\nlogged_out: {url: /login}\nsteps:\n  - fill: '#pw'\n", ["step 1", "fill: missing value"]),
    ("name: x\nlogged_out: {url: /login}\nsteps:\n  - click: {selector: a, script: b}\n", ["unknown field(s) script"]),
    ("name: x\nsteps:\n  - click: a\n", ["`logged_out` must give"]),
    ("logged_out: {url: /login}\nsteps:\n  - click: a\n", ["missing `name`"]),
    ("name: x\nlogged_out: {url: '(('}\nsteps:\n  - click: a\n", ["logged_out.url is not a valid regular expression"]),
    ("name: x\nlogged_out: {url: /login}\nsteps:\n  - wait-for: {selector: a, url: b}\n", ["exactly one of"]),
    ("name: [x\n", ["not valid YAML/JSON"]),
])
def test_a_bad_login_script_is_refused_naming_file_step_and_field(tmp_path, text, words):
    path = _write(tmp_path, "login.yaml", text)
    with pytest.raises(ScriptError) as err:
        load_login_script(path)
    assert str(path) in str(err.value)
    for w in words:
        assert w in str(err.value)


def test_actions_run_on_the_urls_they_name_and_cannot_leave_the_page(tmp_path):
    actions = load_url_actions(_write(tmp_path, "a.json", json.dumps([
        {"url": r"/portal/menu\.html", "steps": [{"click": "#menu-toggle"}]},
        {"url": "/portal/", "steps": [{"press": {"key": "Escape"}}]}])))
    assert [s.action for s in actions_for(actions, "http://h/portal/menu.html")] == ["click", "press"]
    assert [s.action for s in actions_for(actions, "http://h/portal/apply.html")] == ["press"]
    assert actions_for(actions, "http://h/news/") == ()
    with pytest.raises(ScriptError, match="cannot `goto`"):
        load_url_actions(_write(tmp_path, "b.yaml", "- url: x\n  steps:\n    - goto: http://elsewhere/\n"))


def test_cookie_files_netscape_and_storage_state(tmp_path):
    netscape = _write(tmp_path, "cookies.txt", "# Netscape HTTP Cookie File\n"
                      "#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tabc123\n"
                      ".example.gov.cn\tTRUE\t/app\tTRUE\t1893456000\tlang\tzh\n")
    cookies = read_cookies(netscape)["cookies"]
    assert [(c["name"], c["domain"], c["path"], c["httpOnly"], c["secure"], c["expires"]) for c in cookies] == [
        ("sid", "127.0.0.1", "/", True, False, -1), ("lang", ".example.gov.cn", "/app", False, True, 1893456000.0)]
    state = _write(tmp_path, "state.json", json.dumps({"cookies": cookies[:1], "origins": [{"origin": "x"}]}))
    assert read_cookies(state) == {"cookies": cookies[:1], "origins": [{"origin": "x"}]}
    with pytest.raises(AuthError, match="line 2: not the Netscape format"):
        read_cookies(_write(tmp_path, "bad.txt", "# c\nsid abc\n"))


def test_secrets_file_must_be_readable_by_its_owner_only(tmp_path):
    good = _write(tmp_path, "s.env", "# portal\nPORTAL_PASSWORD = p@ss=word \n\nAPI_KEY=k\n")
    assert read_secrets_file(good) == {"PORTAL_PASSWORD": "p@ss=word", "API_KEY": "k"}
    loose = _write(tmp_path, "loose.env", "A=b\n", mode=0o644)
    with pytest.raises(AuthError, match="chmod 600"):
        read_secrets_file(loose)
    with pytest.raises(AuthError) as err:
        read_secrets_file(_write(tmp_path, "bad.env", "not a secret line: hunter2\n"))
    assert "line 1" in str(err.value) and "hunter2" not in str(err.value)  # the line may hold a secret


def test_settings_keep_references_and_credentials_the_values(tmp_path):
    settings = AuthSettings(headers={"Authorization": "Bearer ${secret:TOKEN}"}, basic_user="auditor",
                            basic_password="${secret:BASIC}")
    creds = resolve(settings, {"TOKEN": "t0k3n", "BASIC": "b4sic", "OTHER": "unused"})
    assert creds.headers == {"Authorization": "Bearer t0k3n"} and creds.basic == ("auditor", "b4sic")
    assert creds.secrets == {"TOKEN": "t0k3n", "BASIC": "b4sic"}  # only those the settings name
    assert "t0k3n" not in json.dumps(settings.to_config()) and "b4sic" not in json.dumps(settings.to_config())
    with pytest.raises(AuthError, match="secret\\(s\\) missing: BASIC"):
        resolve(settings, {"TOKEN": "t"})
    with pytest.raises(AuthError, match="must come from a secret"):
        AuthSettings(basic_user="u", basic_password="plain").check(browser=True)
    assert resolve(AuthSettings(), {}) is None


def test_logout_delete_and_submit_links_are_avoided_by_url_or_text():
    words = default_avoid_links()
    assert avoided("http://h/portal/logout", words) == "logout"
    assert avoided("http://h/a/%E9%80%80%E5%87%BA.html", words) == "退出"  # decoded first
    assert avoided("http://h/portal/records?op=3", words, "删除记录") == "删除"
    assert avoided("http://h/portal/apply.html", words, "在线申请") is None
    assert AuthSettings(cookies_file="c.txt").links_to_avoid() == list(words)
    assert AuthSettings(cookies_file="c.txt", avoid_links=[]).links_to_avoid() == []
    assert AuthSettings().links_to_avoid() == []  # an anonymous crawl follows every link, as before
    assert login_of(["x", "authenticated portal-member"]) == "portal-member" and login_of(["x"]) is None


@pytest.fixture(scope="module")
def portal():
    server, url = serve_portal()
    yield url
    server.shutdown()


def _scan(tmp_path, *args):
    out = tmp_path / "s.json"
    proc = subprocess.run([*WZ, "scan", *map(str, args), "--db", str(tmp_path / "s.db"), "--out", str(out), "-q"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path,
                          env={**__import__("os").environ, "WUZHANGAI_SECRET_BASIC": BASIC_PASSWORD})
    return proc, json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}


def test_static_scan_with_basic_auth_and_cookies(portal, tmp_path):
    proc, doc = _scan(tmp_path, portal + "/basic/", "--no-browser", "--no-robots",
                      "--basic-auth", f"{BASIC_USER}:${{secret:BASIC}}")
    assert proc.returncode == 0, proc.stderr
    assert {p["title"]: p["login"] for p in doc["pages"]} == {"内网门户": f"basic:{BASIC_USER}", "内网通知": f"basic:{BASIC_USER}"}
    assert {f["rule_id"] for p in doc["pages"] for f in p["findings"]} == {"wza-img-alt"}  # its image
    assert BASIC_PASSWORD.encode() not in (tmp_path / "s.db").read_bytes()
    # a session cookie from a cookie file (as `curl -c` writes it) opens the portal without a login script
    PortalHandler.sessions["cafe0001"] = 0
    jar = _write(tmp_path, "jar.txt", "#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tcafe0001\n")
    proc, doc = _scan(tmp_path, portal + "/portal/apply.html", "--no-browser", "--no-robots", "--cookies", jar,
                      "--max-pages", "1")
    assert proc.returncode == 0, proc.stderr
    assert [(p["title"], p["login"]) for p in doc["pages"]] == [("在线申请", "cookies:jar.txt")]


def test_static_mode_refuses_a_login_script(portal, tmp_path):
    script = _write(tmp_path, "login.yaml", login_script(portal))
    before = sum(PortalHandler.hits.values())
    proc, _ = _scan(tmp_path, portal + "/portal/", "--no-browser", "--login-script", script)
    assert proc.returncode == 2 and "--no-browser" in proc.stderr and "login script" in proc.stderr
    assert sum(PortalHandler.hits.values()) == before  # refused before any request


def test_a_missing_secret_or_a_loose_secrets_file_stops_before_any_request(portal, tmp_path):
    script = _write(tmp_path, "login.yaml", login_script(portal))
    before = sum(PortalHandler.hits.values())
    proc, _ = _scan(tmp_path, portal + "/portal/", "--login-script", script)
    assert proc.returncode == 2 and "PORTAL_USER" in proc.stderr and "PORTAL_PASSWORD" in proc.stderr
    loose = _write(tmp_path, "s.env", "PORTAL_USER=a\nPORTAL_PASSWORD=b\n", mode=0o640)
    proc, _ = _scan(tmp_path, portal + "/portal/", "--login-script", script, "--secrets-file", loose)
    assert proc.returncode == 2 and "chmod 600" in proc.stderr
    assert sum(PortalHandler.hits.values()) == before
