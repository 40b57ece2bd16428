"""Alerts after a scheduled scan: a NEW critical or serious issue, or a site score that dropped by more than the
configured number of points, sent to group-robot webhooks (WeCom / DingTalk markdown messages) and by e-mail.

- ``alerts_for_scan`` compares the scan with the site's previous finished scan (no I/O beyond the store). An issue
  is new when its fingerprint fails now and did not fail in the previous scan; dismissed issues
  (``store.dismissals``) never alert. The first finished scan of a site is its baseline: it alerts nothing.
- ``deliver`` sends one message per scan to each webhook and, when an SMTP host is set, one e-mail; a dead or
  failing receiver is recorded in the result, never raised.
- ``notify_scan_finished`` does both and stores each delivery (``store.alerts``) for the service's history page.

Settings live in the database (``store.settings``, key ``alerts``, JSON). The SMTP password is kept there
only: never in a delivery, a log line or a ``repr``. Robot keys in webhook URLs (``?key=``, ``access_token=``) are
masked in what is stored and logged.
"""
from __future__ import annotations

import json
import logging
import smtplib
import ssl
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from scanner.netpolicy import NetPolicy

from checks.web.messages import rule_help
from store import alerts as alert_store
from store import dismissals as dismissal_store
from store import scans as scan_store
from store.settings import get_setting, set_setting

log = logging.getLogger(__name__)

SETTINGS_KEY = "alerts"
ALERT_IMPACTS = ("critical", "serious")
TIMEOUT = 10.0  # seconds, for each webhook and the mail server
MAX_LISTED = 10  # issues listed in one message; the rest are counted (robots cap a message at 4,096 bytes)
WEBHOOK_MAX_BYTES = 4000
IMPACT_ZH = {"critical": "严重", "serious": "较重", "moderate": "中等", "minor": "轻微"}


# --------------------------------------------------------------------------------------------------- settings

@dataclass
class AlertSettings:
    webhooks: list[str] = field(default_factory=list)
    score_drop: float = 5.0  # alert when the site score fell by more than this many points
    smtp_host: str | None = None  # no host: no e-mail
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    smtp_starttls: bool = False
    mail_from: str | None = None
    mail_to: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "AlertSettings":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        settings = cls(**known)
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise ValueError (zh / en) for settings that cannot work."""
        if isinstance(self.webhooks, str) or isinstance(self.mail_to, str):
            raise ValueError("webhooks 和 mail_to 须为列表 / webhooks and mail_to must be lists")
        for url in self.webhooks:
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
                raise ValueError(f"不是 http(s) 网址：{_redact_url(url)} / not an http(s) URL: {_redact_url(url)}")
        try:
            self.score_drop = float(self.score_drop)
            self.smtp_port = int(self.smtp_port)
        except (TypeError, ValueError):
            raise ValueError("score_drop 须为数字，smtp_port 须为整数 / score_drop must be a number, smtp_port an "
                             "integer") from None
        if self.score_drop < 0:
            raise ValueError("score_drop 不能为负 / score_drop cannot be negative")
        if self.smtp_host and not self.mail_to:
            raise ValueError("设置了 smtp_host 时须给出 mail_to / give mail_to when smtp_host is set")


def load_alert_settings(engine: Engine) -> AlertSettings:
    """The stored settings; the defaults (no receiver) when none are stored."""
    text = get_setting(engine, SETTINGS_KEY)
    return AlertSettings() if not text else AlertSettings.from_dict(json.loads(text))


def save_alert_settings(engine: Engine, settings: AlertSettings) -> None:
    settings.validate()
    set_setting(engine, SETTINGS_KEY, json.dumps(settings.to_dict(), ensure_ascii=False))


def save_guarded_alert_settings(engine: Engine, settings: AlertSettings, policy: "NetPolicy") -> AlertSettings:
    """Save settings given by a person (the admin page's form, ``PUT /api/alerts``): every webhook and the SMTP
    host pass the network guard first (a delivery is a request the server makes: the same guard as a scan
    target), and a missing SMTP password keeps the stored one (it is never shown, so no form can send it
    back). Raises ``TargetRefused`` or ValueError (zh / en); returns what was saved."""
    for url in settings.webhooks:
        policy.check_url_sync(url)
    if settings.smtp_host:
        policy.check_url_sync(f"http://{settings.smtp_host}/")
    if not settings.smtp_password:
        settings.smtp_password = load_alert_settings(engine).smtp_password
    save_alert_settings(engine, settings)
    return settings


# ------------------------------------------------------------------------------------------------- comparison

@dataclass
class Alert:
    kind: str  # new_issue | score_drop
    site: str | None  # the site's base URL
    site_name: str | None
    scan_id: int
    previous_scan_id: int
    rule_id: str | None = None  # new_issue
    impact: str | None = None
    fingerprint: str | None = None
    pages: list[str] = field(default_factory=list)
    help_zh: str | None = None
    help_en: str | None = None
    score_before: float | None = None  # score_drop
    score_after: float | None = None
    text_zh: str = ""
    text_en: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _scan_issues(engine: Engine, scan_id: int) -> list[dict]:
    T = scan_store.issues
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            select(T.c.fingerprint, T.c.rule_id, T.c.outcome, T.c.impact, T.c.help, T.c.pages, T.c.dismissal_id)
            .where(T.c.scan_id == scan_id).order_by(T.c.id)).mappings()]


def alerts_for_scan(engine: Engine, scan_id: int, settings: AlertSettings | None = None) -> list[Alert]:
    """The alerts of the finished scan ``scan_id`` against the previous finished scan of its site in the same mode
    (browser or static): one per new
    critical or serious issue (worst first), and one when the site score fell by more than
    ``settings.score_drop`` points (settings: the stored ones when None). Empty for an unfinished scan or the
    site's first one."""
    settings = settings or load_alert_settings(engine)
    scan = scan_store.scan_row(engine, scan_id)
    if scan is None or scan["state"] != "finished":
        return []
    # compared with a scan judged the same way: a static scan after a browser one would look like a drop
    previous_id = scan_store.previous_finished_scan(engine, scan_id, same_mode=True)
    if previous_id is None:
        return []
    previous = scan_store.scan_row(engine, previous_id)
    site = scan_store.site_of_scan(engine, scan_id) or {}
    base, name = site.get("base_url"), site.get("name")
    label = f"{name}（{base}）" if name and name != base else (base or "")
    label_en = f"{name} ({base})" if name and name != base else (base or "")

    dismissed = set(dismissal_store.active_by_fingerprint(engine, scan["site_id"]))
    failed_before = {i["fingerprint"] for i in _scan_issues(engine, previous_id) if i["outcome"] == "failed"}
    order = {impact: n for n, impact in enumerate(ALERT_IMPACTS)}
    new = [i for i in _scan_issues(engine, scan_id)
           if i["outcome"] == "failed" and i["impact"] in ALERT_IMPACTS and i["dismissal_id"] is None
           and i["fingerprint"] not in dismissed and i["fingerprint"] not in failed_before]
    new.sort(key=lambda i: (order[i["impact"]], -len(i["pages"] or []), i["rule_id"], i["fingerprint"]))

    alerts = []
    for i in new:
        pages = list(i["pages"] or [])
        zh_help, en_help = rule_help(i["rule_id"], "zh-CN", i["help"] or ""), rule_help(i["rule_id"], "en", i["help"] or "")
        where_zh = f"，涉及 {len(pages)} 个页面，如 {pages[0]}" if pages else ""
        where_en = f", on {len(pages)} page(s), e.g. {pages[0]}" if pages else ""
        alerts.append(Alert(
            kind="new_issue", site=base, site_name=name, scan_id=scan_id, previous_scan_id=previous_id,
            rule_id=i["rule_id"], impact=i["impact"], fingerprint=i["fingerprint"], pages=pages,
            help_zh=zh_help, help_en=en_help,
            text_zh=f"新的{IMPACT_ZH[i['impact']]}问题：{zh_help}（规则 {i['rule_id']}）{where_zh}",
            text_en=f"New {i['impact']} issue: {en_help} (rule {i['rule_id']}){where_en}"))
    before, after = previous["site_score"], scan["site_score"]
    if before is not None and after is not None and before - after > settings.score_drop:
        drop = before - after
        alerts.append(Alert(
            kind="score_drop", site=base, site_name=name, scan_id=scan_id, previous_scan_id=previous_id,
            score_before=round(before, 1), score_after=round(after, 1),
            text_zh=f"{label} 网站得分由 {before:.1f} 降至 {after:.1f}，下降 {drop:.1f} 分（告警阈值 {settings.score_drop:g} 分）",
            text_en=f"The score of {label_en} fell from {before:.1f} to {after:.1f}, by {drop:.1f} points "
                    f"(alert threshold {settings.score_drop:g})"))
    return alerts


# --------------------------------------------------------------------------------------------------- messages

def _by_scan(alerts: Iterable[Alert]) -> list[list[Alert]]:
    groups: dict[int, list[Alert]] = {}
    for a in alerts:
        groups.setdefault(a.scan_id, []).append(a)
    return list(groups.values())


def _title(group: list[Alert]) -> tuple[str, str]:
    first = group[0]
    who = first.site_name or first.site or ""
    issues = sum(1 for a in group if a.kind == "new_issue")
    dropped = any(a.kind == "score_drop" for a in group)
    zh = [f"{issues} 个新问题"] if issues else []
    en = [f"{issues} new issue(s)"] if issues else []
    if dropped:
        zh.append("得分下降")
        en.append("score dropped")
    return (f"无障碍告警：{who} {'，'.join(zh)}（扫描 #{first.scan_id}）",
            f"Accessibility alert: {who}, {', '.join(en)} (scan #{first.scan_id})")


def _lines(group: list[Alert], lang: str) -> list[str]:
    listed = group[:MAX_LISTED]
    rest = len(group) - len(listed)
    lines = [a.text_zh if lang == "zh" else a.text_en for a in listed]
    if rest:
        lines.append(f"另有 {rest} 条告警，见扫描报告" if lang == "zh" else f"{rest} more alerts: see the scan report")
    return lines


def message_text(group: list[Alert], markdown: bool = True) -> str:
    """The message of one scan's alerts, Chinese first, then English."""
    first = group[0]
    title_zh, title_en = _title(group)
    site = first.site or ""
    bullet = "- " if markdown else "• "
    head = "### " if markdown else ""
    parts = [f"{head}{title_zh}", f"网站：{site}；扫描 #{first.scan_id}，对比上次扫描 #{first.previous_scan_id}",
             *(bullet + line for line in _lines(group, "zh")), "",
             f"{head}{title_en}", f"Site: {site}; scan #{first.scan_id} against the previous scan #{first.previous_scan_id}",
             *(bullet + line for line in _lines(group, "en"))]
    return "\n".join(parts)


def webhook_payload(group: list[Alert]) -> dict[str, Any]:
    """One scan's alerts as a markdown message WeCom (``content``) and DingTalk (``title``, ``text``) group robots
    accept, with the machine-readable alerts under ``wuzhangai``."""
    title_zh, _ = _title(group)
    text = message_text(group)
    while len(text.encode("utf-8")) > WEBHOOK_MAX_BYTES and "\n" in text:  # robots refuse longer messages
        text = text.rsplit("\n", 1)[0]
    first = group[0]
    return {
        "msgtype": "markdown",
        "markdown": {"title": title_zh, "content": text, "text": text},
        "wuzhangai": {"schema_version": 1, "event": "scan_alerts", "site": first.site, "site_name": first.site_name,
                      "scan_id": first.scan_id, "previous_scan_id": first.previous_scan_id,
                      "alerts": [a.to_dict() for a in group]},
    }


def mail_message(group: list[Alert], settings: AlertSettings) -> EmailMessage:
    title_zh, title_en = _title(group)
    msg = EmailMessage()
    msg["Subject"] = f"{title_zh} / {title_en}"
    msg["From"] = settings.mail_from or settings.smtp_user or "wuzhangai@localhost"
    msg["To"] = ", ".join(settings.mail_to)
    msg.set_content(message_text(group, markdown=False) + "\n", charset="utf-8")
    return msg


# --------------------------------------------------------------------------------------------------- delivery

@dataclass
class DeliveryResult:
    scan_id: int
    channel: str  # webhook | email
    target: str  # webhook URL with its secrets masked, or the recipients
    ok: bool
    status: str | None = None  # HTTP status, or "sent"
    error: str | None = None
    sent_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


def _redact_url(url: str) -> str:
    """A webhook URL fit to store and show: query values (robot keys, tokens, signatures) and any password in
    it masked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<invalid URL>"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    query = urlencode([(k, "***") for k, _ in parse_qsl(parts.query, keep_blank_values=True)], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _clean(text: str, secrets: Iterable[str | None]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text[:500]


def _refused(policy, url: str) -> str | None:
    """Why ``policy`` (the service's SSRF guard) refuses to reach ``url`` now, or None. Checked at send time as
    well as when the settings were saved: a name can point somewhere else by then."""
    if policy is None:
        return None
    from scanner.netpolicy import TargetRefused

    try:
        policy.check_url_sync(url)
    except TargetRefused as exc:
        return str(exc)
    return None


def post_webhook(url: str, payload: dict[str, Any], scan_id: int, policy=None) -> DeliveryResult:
    """POST one message; WeCom and DingTalk answer HTTP 200 with ``errcode`` != 0 when they refuse it. Redirects
    are not followed (a robot's endpoint answers itself)."""
    import httpx

    target = _redact_url(url)
    secrets = [url, urlsplit(url).query] if urlsplit(url).query else [url]
    refused = _refused(policy, url)
    if refused:
        log.warning("alert webhook %s refused by the network guard", target)
        return DeliveryResult(scan_id, "webhook", target, False, None, _clean(refused, secrets))
    try:
        response = httpx.post(url, json=payload, timeout=TIMEOUT, follow_redirects=False)
    except Exception as exc:  # noqa: BLE001 (a dead receiver, a bad URL, TLS: recorded, never raised)
        error = _clean(f"{type(exc).__name__}: {exc}", secrets)
        log.warning("alert webhook %s failed: %s", target, error)
        return DeliveryResult(scan_id, "webhook", target, False, None, error)
    status = str(response.status_code)
    error = None
    if not response.is_success:
        error = _clean(f"HTTP {response.status_code}: {response.text[:200]}", secrets)
    else:
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and body.get("errcode") not in (None, 0):
            error = _clean(f"errcode {body.get('errcode')}: {body.get('errmsg')}", secrets)
    if error:
        log.warning("alert webhook %s refused the message: %s", target, error)
    return DeliveryResult(scan_id, "webhook", target, error is None, status, error)


def send_mail(group: list[Alert], settings: AlertSettings) -> DeliveryResult:
    target = ", ".join(settings.mail_to)
    scan_id = group[0].scan_id
    secrets = [settings.smtp_password]
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            refused = smtp.send_message(mail_message(group, settings))
    except Exception as exc:  # noqa: BLE001 (a dead or refusing mail server: recorded, never raised)
        error = _clean(f"{type(exc).__name__}: {exc}", secrets)
        log.warning("alert mail to %s via %s failed: %s", target, settings.smtp_host, error)
        return DeliveryResult(scan_id, "email", target, False, None, error)
    if refused:
        error = _clean("refused: " + ", ".join(f"{k} ({v[0]})" for k, v in refused.items()), secrets)
        return DeliveryResult(scan_id, "email", target, False, "partial", error)
    return DeliveryResult(scan_id, "email", target, True, "sent")


def deliver(alerts: list[Alert], settings: AlertSettings, policy=None) -> list[DeliveryResult]:
    """Send the alerts: per scan, one message to each webhook and, when ``smtp_host`` is set, one e-mail to
    ``mail_to``. Failures are in the results, never raised. ``policy``: the service's ``NetPolicy``, which
    every receiver must pass (None: the CLI, where the operator chose them)."""
    results = []
    for group in _by_scan(alerts):
        payload = webhook_payload(group)
        for url in settings.webhooks:
            results.append(post_webhook(url, payload, group[0].scan_id, policy))
        if settings.smtp_host and settings.mail_to:
            refused = _refused(policy, f"http://{settings.smtp_host}/")
            results.append(DeliveryResult(group[0].scan_id, "email", settings.smtp_host, False, None, refused)
                           if refused else send_mail(group, settings))
    return results


def notify_scan_finished(engine: Engine, scan_id: int, policy=None) -> list[DeliveryResult]:
    """After a scheduled scan: its alerts, delivered with the stored settings, each delivery stored
    (``store.alerts``). Nothing is sent (and nothing stored) when there is no alert."""
    settings = load_alert_settings(engine)
    alerts = alerts_for_scan(engine, scan_id, settings)
    if not alerts:
        return []
    results = deliver(alerts, settings, policy)
    for r in results:
        alert_store.record_delivery(engine, r.scan_id, r.channel, r.target, r.ok, r.status, r.error, r.sent_at)
    return results


def notify_after_scheduled_scan(engine: Engine, scan_id: int, job: dict, policy=None) -> list[DeliveryResult]:
    """The job runner's hook: alerts follow scheduled scans only (a scan someone started is being watched)."""
    if job.get("schedule_id") is None:
        return []
    return notify_scan_finished(engine, scan_id, policy)
