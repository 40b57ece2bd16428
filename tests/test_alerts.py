"""Alerts after a scan (new critical/serious issue, score drop) delivered over real loopback: an http.server
receiver standing in for a WeCom/DingTalk group robot, an aiosmtpd server for mail, a dead port. Scans are seeded
into the store directly (pages with findings, then ``finish_scan``); no browser."""
from __future__ import annotations

import email
import email.policy
import http.server
import json
import threading

import pytest

from checks.models import Finding
from checks.web.scoring import page_score
from scanner.crawl import CrawlConfig
from store import alerts as alert_store
from store.db import engine_for
from tests.conftest import free_port
from wuzhangai.usecases.alerts import (AlertSettings, alerts_for_scan, deliver, load_alert_settings,
                                       notify_scan_finished, save_alert_settings)
from wuzhangai.usecases.dismissals import dismiss_issue
from wuzhangai.usecases.site_scan import ScanOptions, create_scan, finding_rows, finish_scan
from wuzhangai.usecases.sites import describe_site

SITE = "http://gov.example"
IMPACTS = {"image-alt": "critical", "link-name": "serious", "heading-order": "moderate", "html-lang": "minor"}
LOGO = '<img src="/logo.png" class="logo">'
MENU = '<a href="/menu" class="menu-toggle"></a>'
HEAD = '<h4 class="side-title">栏目</h4>'


@pytest.fixture()
def engine(tmp_path):
    eng = engine_for(tmp_path / "alerts.db")
    describe_site(eng, SITE, name="测试区政府网站")
    return eng


def seed_scan(engine, failures: dict[str, list[tuple[str, str]]], browser: bool = True) -> int:
    """A finished scan of SITE: ``failures`` maps each page path to its failing (rule, element html); every
    other rule of IMPACTS passed on the page."""
    scan_id = create_scan(engine, ScanOptions(crawl=CrawlConfig(start_urls=[SITE + "/"]), browser=browser),
                          "4.14.1" if browser else None)
    from store import scans as scan_store

    for path, failing in failures.items():
        url = SITE + path
        findings = [Finding(rule_id=rule, outcome="failed", impact=IMPACTS[rule], html=html, selector="x",
                            help=rule, message="fix it") for rule, html in failing]
        outcomes = {rule: ("failed" if any(r == rule for r, _ in failing) else "passed") for rule in IMPACTS}
        page = {"url": url, "final_url": url, "status": 200, "depth": 0, "mode": "browser",
                "rule_outcomes": outcomes, "rule_impacts": IMPACTS, "score": page_score(outcomes, IMPACTS)}
        entry = {"url": url, "url_key": url, "depth": 0, "referrer": None, "source": "start"}
        scan_store.record_page(engine, scan_id, entry, page, finding_rows(findings), "done")
    finish_scan(engine, scan_id)
    return scan_id


class Receiver:
    """A local webhook: records each JSON body, answers as a group robot does (``errcode`` 0, or ``refuse``)."""

    def __init__(self, refuse: bool = False):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append({"path": self.path, "type": self.headers["Content-Type"], "json": json.loads(body)})
                answer = {"errcode": 310000, "errmsg": "keywords not in content"} if refuse else {"errcode": 0, "errmsg": "ok"}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/cgi-bin/webhook/send?key=ROBOT-SECRET-KEY"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def receiver():
    r = Receiver()
    yield r
    r.close()


def test_new_serious_issue_reaches_the_webhook(engine, receiver):
    seed_scan(engine, {"/": [("image-alt", LOGO)], "/a.html": []})
    scan_id = seed_scan(engine, {"/": [("image-alt", LOGO), ("link-name", MENU)], "/a.html": [("link-name", MENU)]})
    save_alert_settings(engine, AlertSettings(webhooks=[receiver.url], score_drop=100))
    results = notify_scan_finished(engine, scan_id)
    assert [(r.channel, r.ok, r.status) for r in results] == [("webhook", True, "200")]
    (got,) = receiver.received
    assert got["path"] == "/cgi-bin/webhook/send?key=ROBOT-SECRET-KEY" and got["type"] == "application/json"
    body = got["json"]
    assert body["msgtype"] == "markdown" and body["markdown"]["content"] == body["markdown"]["text"]
    assert "测试区政府网站" in body["markdown"]["title"]
    text = body["markdown"]["content"]
    assert "link-name" in text and "较重" in text and "serious" in text and text.index("较重") < text.index("serious")
    meta = body["wuzhangai"]
    assert (meta["site"], meta["scan_id"], meta["previous_scan_id"]) == (SITE, scan_id, scan_id - 1)
    (alert,) = meta["alerts"]  # image-alt was there before: not new
    assert (alert["kind"], alert["rule_id"], alert["impact"]) == ("new_issue", "link-name", "serious")
    assert sorted(alert["pages"]) == [SITE + "/", SITE + "/a.html"] and alert["fingerprint"]
    assert alert["text_zh"] and alert["text_en"]
    # stored for the history page, without the robot's key
    (row,) = alert_store.deliveries(engine, scan_id)
    assert row["ok"] and row["channel"] == "webhook" and row["status"] == "200"
    assert "ROBOT-SECRET-KEY" not in row["target"] and "key=***" in row["target"]


def test_no_alert_when_nothing_new_and_the_score_held(engine, receiver):
    seed_scan(engine, {"/": [("image-alt", LOGO)]})
    scan_id = seed_scan(engine, {"/": [("image-alt", LOGO)]})
    save_alert_settings(engine, AlertSettings(webhooks=[receiver.url]))
    assert alerts_for_scan(engine, scan_id) == []
    assert notify_scan_finished(engine, scan_id) == [] and receiver.received == []
    assert alert_store.deliveries(engine) == []


def test_first_scan_of_a_site_is_the_baseline(engine):
    scan_id = seed_scan(engine, {"/": [("link-name", MENU)]})
    assert alerts_for_scan(engine, scan_id, AlertSettings()) == []


def test_score_drop_over_the_threshold_alerts_under_it_does_not(engine):
    seed_scan(engine, {"/": []})  # 100
    scan_id = seed_scan(engine, {"/": [("heading-order", HEAD)]})  # a moderate failure: 18/21 = 85.7
    (drop,) = alerts_for_scan(engine, scan_id, AlertSettings(score_drop=5))
    assert (drop.kind, drop.score_before, drop.score_after) == ("score_drop", 100.0, 85.7)
    assert "100.0" in drop.text_zh and "85.7" in drop.text_zh and "fell" in drop.text_en
    assert alerts_for_scan(engine, scan_id, AlertSettings(score_drop=15)) == []  # a 14.3-point drop
    # the stored threshold is the one used by default
    save_alert_settings(engine, AlertSettings(score_drop=10))
    assert [a.kind for a in alerts_for_scan(engine, scan_id)] == ["score_drop"]


def test_a_dismissed_issue_does_not_alert(engine):
    seed_scan(engine, {"/": []})
    scan_id = seed_scan(engine, {"/": [("link-name", MENU)]})
    settings = AlertSettings(score_drop=5)
    assert sorted(a.kind for a in alerts_for_scan(engine, scan_id, settings)) == ["new_issue", "score_drop"]
    (issue,) = [a for a in alerts_for_scan(engine, scan_id, settings) if a.kind == "new_issue"]
    dismiss_issue(engine, scan_id, issue.fingerprint, "false_positive", "菜单按钮有可见文字", "审核员")
    # out of the issues and of the score (the page scores 100 again): nothing to alert
    assert alerts_for_scan(engine, scan_id, settings) == []


def test_dead_and_refusing_webhooks_are_recorded_not_raised(engine):
    seed_scan(engine, {"/": []})
    scan_id = seed_scan(engine, {"/": [("image-alt", LOGO)]})
    refusing = Receiver(refuse=True)
    try:
        dead = f"http://127.0.0.1:{free_port()}/hook?access_token=DEAD-TOKEN"
        save_alert_settings(engine, AlertSettings(webhooks=[dead, refusing.url]))
        results = notify_scan_finished(engine, scan_id)
    finally:
        refusing.close()
    assert [(r.channel, r.ok) for r in results] == [("webhook", False), ("webhook", False)]
    assert results[0].status is None and "Connect" in results[0].error
    assert results[1].status == "200" and "310000" in results[1].error
    rows = alert_store.deliveries(engine, scan_id)
    assert len(rows) == 2 and not any(r["ok"] for r in rows)
    assert not any("DEAD-TOKEN" in (r["target"] + (r["error"] or "")) for r in rows)


@pytest.fixture()
def smtp_server():
    from aiosmtpd.controller import Controller

    class Handler:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def test_mail_reaches_the_smtp_server(engine, smtp_server):
    controller, handler = smtp_server
    seed_scan(engine, {"/": []})
    scan_id = seed_scan(engine, {"/": [("image-alt", LOGO)]})
    save_alert_settings(engine, AlertSettings(smtp_host="127.0.0.1", smtp_port=controller.port, score_drop=100,
                                              mail_from="alerts@wuzhangai.local", mail_to=["ops@example.cn"]))
    (result,) = notify_scan_finished(engine, scan_id)
    assert (result.channel, result.ok, result.status, result.target) == ("email", True, "sent", "ops@example.cn")
    (envelope,) = handler.messages
    assert envelope.rcpt_tos == ["ops@example.cn"] and envelope.mail_from == "alerts@wuzhangai.local"
    msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert "测试区政府网站" in msg["Subject"] and "Accessibility alert" in msg["Subject"]
    body = msg.get_content()
    assert SITE in body and "image-alt" in body and body.index("严重") < body.index("critical")


def test_the_smtp_password_is_never_stored_or_shown(engine, smtp_server):
    controller, _ = smtp_server
    seed_scan(engine, {"/": []})
    scan_id = seed_scan(engine, {"/": [("image-alt", LOGO)]})
    settings = AlertSettings(smtp_host="127.0.0.1", smtp_port=controller.port, smtp_user="robot",
                             smtp_password="s3cret-pw", mail_to=["ops@example.cn"])
    assert "s3cret-pw" not in repr(settings)
    save_alert_settings(engine, settings)
    assert load_alert_settings(engine) == settings
    # the test server offers no AUTH: the login fails, is recorded, and the password appears nowhere
    (result,) = notify_scan_finished(engine, scan_id)
    assert not result.ok and result.error
    (row,) = alert_store.deliveries(engine, scan_id)
    assert "s3cret-pw" not in json.dumps({k: str(v) for k, v in row.items()})


def test_one_message_per_scan_and_settings_are_checked(engine, receiver):
    seed_scan(engine, {"/": []})
    a = seed_scan(engine, {"/": [("image-alt", LOGO)]})
    b = seed_scan(engine, {"/": [("image-alt", LOGO), ("link-name", MENU)]})
    alerts = alerts_for_scan(engine, a, AlertSettings()) + alerts_for_scan(engine, b, AlertSettings())
    results = deliver(alerts, AlertSettings(webhooks=[receiver.url]))
    assert [r.scan_id for r in results] == [a, b] and all(r.ok for r in results)
    assert [m["json"]["wuzhangai"]["scan_id"] for m in receiver.received] == [a, b]
    for bad in (AlertSettings(webhooks=["ftp://x"]), AlertSettings(score_drop=-1),
                AlertSettings(smtp_host="mail.example")):
        with pytest.raises(ValueError, match=" / "):
            save_alert_settings(engine, bad)


def test_the_job_runner_hook_alerts_after_scheduled_scans_only(engine, receiver):
    from wuzhangai.usecases.alerts import notify_after_scheduled_scan

    seed_scan(engine, {"/": []})
    scan_id = seed_scan(engine, {"/": [("link-name", MENU)]})
    save_alert_settings(engine, AlertSettings(webhooks=[receiver.url], score_drop=100))
    assert notify_after_scheduled_scan(engine, scan_id, {"id": 1, "schedule_id": None}) == []
    assert receiver.received == []  # someone started that scan and is watching it
    (result,) = notify_after_scheduled_scan(engine, scan_id, {"id": 2, "schedule_id": 7})
    assert result.ok and len(receiver.received) == 1


def test_the_service_guard_refuses_an_internal_receiver_at_send_time(engine, receiver):
    from scanner.netpolicy import NetPolicy
    from wuzhangai.usecases.alerts import notify_after_scheduled_scan

    seed_scan(engine, {"/": []})
    scan_id = seed_scan(engine, {"/": [("link-name", MENU)]})
    save_alert_settings(engine, AlertSettings(webhooks=[receiver.url], score_drop=100))
    (refused,) = notify_after_scheduled_scan(engine, scan_id, {"schedule_id": 1}, policy=NetPolicy())
    assert not refused.ok and "loopback" in refused.error and receiver.received == []
    (sent,) = notify_after_scheduled_scan(engine, scan_id, {"schedule_id": 1}, policy=NetPolicy(["127.0.0.1/32"]))
    assert sent.ok and len(receiver.received) == 1


def test_a_scan_is_compared_with_the_previous_one_made_in_its_mode(engine):
    seed_scan(engine, {"/": [("link-name", MENU)]})  # browser: the link fails
    static = seed_scan(engine, {"/": []}, browser=False)  # static mode judges less: the link is not seen
    assert alerts_for_scan(engine, static, AlertSettings(score_drop=0)) == []  # no static scan before it
    browser_after = seed_scan(engine, {"/": [("link-name", MENU)]})
    # against the static scan the link would be a new issue and the score a drop; against the browser one, neither
    assert alerts_for_scan(engine, browser_after, AlertSettings(score_drop=0)) == []
