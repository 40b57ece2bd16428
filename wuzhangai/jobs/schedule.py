"""Schedules as people write them, and when they fire.

``parse_schedule`` turns what a user types into a normalised 5-field cron line: a cron expression itself, or the
presets ``daily HH:MM``, ``weekly DAY HH:MM``, ``monthly D HH:MM`` and their Chinese forms ``每天 02:00``,
``每周一 03:30``, ``每月1日 04:00``. ``next_run`` computes fire times with APScheduler 3's cron trigger (only that:
the tick that enqueues scans is a database compare-and-set, ``wuzhangai.usecases.schedules.tick``).

Day of week: in a cron line 0 and 7 are Sunday, 1 Monday (POSIX cron), while APScheduler 3's ``from_crontab`` reads
0 as Monday. The normalised line therefore names the days (``mon``..``sun``), which both read the same way.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Shanghai"

DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # POSIX cron numbers 0..6 (7 is Sunday again)
_EN_DAYS = {name: i for i, name in enumerate(DAY_NAMES)} | {
    "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}
_ZH_DAYS = {"日": 0, "天": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_ZH_DAY_TEXT = "日一二三四五六"
_EN_DAY_TEXT = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")

_TIME = r"(\d{1,2}):(\d{2})"
_PRESETS = [
    ("daily", re.compile(rf"^(?:daily|every\s*day|每天|每日)\s*(?:at\s*)?{_TIME}$")),
    ("weekly", re.compile(rf"^(?:weekly\s+(?:on\s+)?(\S+?)|每\s*(?:周|星期|礼拜)\s*([一二三四五六日天]))\s*(?:at\s*)?{_TIME}$")),
    ("monthly", re.compile(rf"^(?:monthly\s+(?:on\s+)?(?:day\s+)?(\d{{1,2}})|每\s*月\s*(\d{{1,2}})\s*[日号])\s*(?:at\s*)?{_TIME}$")),
]

ACCEPTED = ("可用：每天 02:00、每周一 03:30、每月1日 04:00，或 5 段 cron 表达式（分 时 日 月 周，如 0 2 * * *）/ "
            "accepted: daily HH:MM, weekly DAY HH:MM (mon..sun, 一..日, 周一..周日), monthly D HH:MM, or a "
            "5-field cron expression (minute hour day-of-month month day-of-week, e.g. 0 2 * * *)")


class ScheduleError(ValueError):
    """A schedule that cannot be understood; the message says in Chinese and English what is accepted."""


def _bad(spec: str, why: str = "") -> ScheduleError:
    return ScheduleError(f"无法识别的扫描计划 / not a schedule: {spec!r}{'（' + why + '）' if why else ''}。{ACCEPTED}")


def _weekday(token: str) -> int | None:
    token = token.lower()
    for prefix in ("星期", "礼拜", "周"):
        if token.startswith(prefix):
            token = token[len(prefix):]
            break
    if token in _ZH_DAYS:
        return _ZH_DAYS[token]
    return _EN_DAYS.get(token)


def _clock(spec: str, hour: str, minute: str) -> tuple[int, int]:
    h, m = int(hour), int(minute)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise _bad(spec, f"时间须在 00:00–23:59 / time must be 00:00-23:59, got {hour}:{minute}")
    return h, m


def _dow_values(field: str, spec: str) -> set[int]:
    """POSIX day-of-week field -> the set of days 0 (Sunday) .. 6."""
    def number(token: str) -> int:  # 0..7 (7 is Sunday too) or a day's English name
        if token.isdigit() and int(token) <= 7:
            return int(token)
        if token in _EN_DAYS:
            return _EN_DAYS[token]
        raise _bad(spec, f"星期字段 / day-of-week field {field!r}")

    days: set[int] = set()
    for item in field.split(","):
        base, _, step_text = item.partition("/")
        step = 1
        if step_text:
            if not step_text.isdigit() or int(step_text) < 1:
                raise _bad(spec, f"星期字段 / day-of-week field {field!r}")
            step = int(step_text)
        if base in ("*", "?"):
            lo, hi = 0, 6
        elif "-" in base:
            a, _, b = base.partition("-")
            lo, hi = number(a), number(b)
            if lo == 7:
                lo = 0
            if hi < lo:
                raise _bad(spec, f"星期字段 / day-of-week field {field!r}")
        else:
            lo = number(base)
            hi = 7 if step_text else lo
        days.update(d % 7 for d in range(lo, hi + 1, step))
    return days


def _dow_field(days: set[int]) -> str:
    if days == set(range(7)):
        return "*"
    order = [1, 2, 3, 4, 5, 6, 0]  # Monday first, as a Chinese calendar reads
    return ",".join(DAY_NAMES[d] for d in order if d in days)


def _check_cron(cron: str, spec: str) -> str:
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(cron, timezone=timezone.utc)
    except (ValueError, TypeError) as exc:
        raise _bad(spec, str(exc)) from None
    return cron


def parse_schedule(spec: str) -> str:
    """What a user typed -> a normalised 5-field cron line (minute hour day month day-of-week, days named).
    Raises :class:`ScheduleError` (a ValueError) saying what is accepted."""
    if spec is None:
        raise _bad("")
    text = " ".join(unicodedata.normalize("NFKC", spec).split())  # full-width digits, colons and spaces too
    lowered = text.lower()
    for kind, pattern in _PRESETS:
        m = pattern.match(lowered)
        if not m:
            continue
        if kind == "daily":
            h, mi = _clock(spec, *m.groups())
            return f"{mi} {h} * * *"
        if kind == "weekly":
            token = m.group(1) or m.group(2)
            day = _weekday(token)
            if day is None:
                raise _bad(spec, f"星期 / day {token!r}")
            h, mi = _clock(spec, m.group(3), m.group(4))
            return f"{mi} {h} * * {DAY_NAMES[day]}"
        d = int(m.group(1) or m.group(2))
        if not 1 <= d <= 31:
            raise _bad(spec, f"日期须为 1–31 / day must be 1-31, got {d}")
        h, mi = _clock(spec, m.group(3), m.group(4))
        return f"{mi} {h} {d} * *"
    fields = lowered.split(" ")
    if len(fields) != 5 or not re.fullmatch(r"[0-9a-z*/,?\-]+", lowered.replace(" ", "")):
        raise _bad(spec)
    minute, hour, dom, month, dow = fields
    days = _dow_values(dow, spec)
    if dom not in ("*", "?") and days != set(range(7)):
        # POSIX cron runs when EITHER matches, APScheduler only when both do: refuse rather than guess
        raise _bad(spec, "日和星期只能限定其一 / restrict either the day of month or the day of week, not both")
    return _check_cron(" ".join([minute, hour, "*" if dom == "?" else dom, month, _dow_field(days)]), spec)


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"未知时区 / unknown time zone: {tz!r}") from None


def check_timezone(tz: str) -> str:
    _zone(tz)
    return tz


def next_run(cron: str, after: datetime, tz: str = DEFAULT_TIMEZONE) -> datetime:
    """The first fire time of ``cron`` (read in the zone ``tz``) strictly after ``after`` (naive: UTC), as an
    aware UTC datetime."""
    from apscheduler.triggers.cron import CronTrigger

    if after.tzinfo is None:
        after = after.replace(tzinfo=timezone.utc)
    trigger = CronTrigger.from_crontab(cron, timezone=_zone(tz))
    fire = trigger.get_next_fire_time(None, after + timedelta(microseconds=1))
    if fire is None:
        raise ScheduleError(f"该计划不会再运行 / the schedule never fires again: {cron!r}")
    return fire.astimezone(timezone.utc)


def describe_schedule(cron: str, lang: str = "zh-CN") -> str:
    """The schedule in words for display: ``每周一 03:30`` / ``weekly on Monday at 03:30``; other cron lines as
    ``cron 0 */6 * * *``."""
    zh = not lang.lower().startswith("en")
    parts = cron.split()
    if len(parts) == 5 and parts[0].isdigit() and parts[1].isdigit() and parts[3] == "*":
        at = f"{int(parts[1]):02d}:{int(parts[0]):02d}"
        dom, dow = parts[2], parts[4]
        if dom == "*" and dow == "*":
            return f"每天 {at}" if zh else f"daily at {at}"
        if dom == "*" and all(d in DAY_NAMES for d in dow.split(",")):
            days = [DAY_NAMES.index(d) for d in dow.split(",")]
            if zh:
                return "每周" + "、".join(_ZH_DAY_TEXT[d] for d in days) + f" {at}"
            return "weekly on " + ", ".join(_EN_DAY_TEXT[d] for d in days) + f" at {at}"
        if dow == "*" and dom.isdigit():
            return f"每月{int(dom)}日 {at}" if zh else f"monthly on day {int(dom)} at {at}"
    return f"cron 表达式 {cron}" if zh else f"cron {cron}"
