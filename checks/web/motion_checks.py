"""Checks over the ``motion`` probe's artifact (``scanner.probes.motion``): sound that plays by itself (WCAG
1.4.2) and content that moves, blinks or scrolls by itself (2.2.2); and the timed refresh of
``<meta http-equiv="refresh">`` (2.2.1), judged from the DOM."""
from __future__ import annotations

import re

from checks.web.own_rules import Evidence, Located, Result

AUDIO_SECONDS = 3  # WCAG 1.4.2: audio that plays automatically for more than 3 seconds
REFRESH_LIMIT = 72000  # WCAG 2.2.1's 20-hour exception, in seconds (as axe-core's meta-refresh and ACT bc659a)


SILENT_PEAK = 0.001  # the loudest sample of a sound track at most this (-60 dBFS): a track of silence
_FRAGMENT = re.compile(r"#(?:.*&)?t=(?:npt:)?(\d+(?:\.\d*)?|\.\d+)?(?:,(\d+(?:\.\d*)?|\.\d+))?")


def _opening(html: str) -> str:
    return html.split(">", 1)[0]


def _plays_for(m: dict) -> float | None:
    """Seconds the media plays by itself: its duration, or the range its media fragment (``#t=25``, ``#t=8,10``)
    selects; None when the duration is not known."""
    duration = m.get("duration")
    if duration is None or duration < 0:
        return duration
    match = _FRAGMENT.search(m.get("src") or "")
    if not match or not (match.group(1) or match.group(2)):
        return duration
    start = float(match.group(1) or 0)
    end = min(float(match.group(2)), duration) if match.group(2) else duration
    return round(max(0.0, end - start), 1)


def audio_control(ev: Evidence) -> list[Result]:
    """WCAG 1.4.2: each ``<audio>``/``<video>`` that plays by itself (``autoplay``, or playing with no one having
    touched the page), unmuted, for more than 3 s (or looping, or a stream) needs a way to pause or stop it or to
    turn it down: its own ``controls`` or a button named pause/stop/mute on the page. Media that does not play by
    itself are not judged."""
    motion = ev.get("motion")
    if not motion:
        return []
    page_controls = motion.get("controls") or []
    # the elements axe-core's no-autoplay-audio already failed (by opening tag): not reported twice
    axe_failed = {_opening(n.get("html", "")) for r in (ev.get("axe") or {}).get("violations", [])
                  if r.get("id") == "no-autoplay-audio" for n in r.get("nodes", [])}
    results = []
    for m in motion.get("media") or []:
        if _opening(m.get("html", "")) in axe_failed:
            continue
        playing = not m.get("paused") or (m.get("paused_later") is False)
        if not (m.get("autoplay") or playing):
            continue
        where = Located(m["selector"], m.get("html", ""))
        duration = _plays_for(m)
        if m.get("muted"):
            results.append(Result("passed", where, "muted"))
        elif m.get("controls"):
            results.append(Result("passed", where, "has_controls"))
        elif page_controls:
            results.append(Result("passed", where, "control_button", {"control": page_controls[0]["name"]}))
        elif duration is not None and 0 <= duration <= AUDIO_SECONDS and not m.get("loop"):
            results.append(Result("passed", where, "short", {"seconds": duration}))
        elif m["tag"] == "video" and m.get("audio_bytes") == 0 and (m.get("time_later") or 0) > (m.get("current_time") or 0):
            results.append(Result("passed", where, "no_sound"))  # it played and Chromium decoded no audio
        elif m.get("peak") is not None and m["peak"] <= SILENT_PEAK:
            results.append(Result("passed", where, "silent"))  # its sound track, decoded, is silence
        elif duration is None or (m["tag"] == "video" and not m.get("audio_bytes")):
            # not loaded (no duration), or a video whose sound track we could not see
            results.append(Result("cantTell", where, "unknown", {"tag": m["tag"]}))
        else:
            results.append(Result("failed", where, "no_control",
                                  {"seconds": "∞" if duration < 0 or m.get("loop") else duration}))
    return results


def _moving(item: dict, message: str, data: dict, sure: bool) -> Result:
    where = Located(item["selector"], item.get("html", ""))
    if item.get("named"):
        return Result("passed", where, "has_control", {"control": item["named"][0]})
    if item.get("other") or not sure:
        return Result("cantTell", where, message + "_maybe", data)
    return Result("failed", where, message, data)


SMALL = 48  # CSS px: an animation this small either way (a spinner, an icon) is for a person to judge


def pause_moving(ev: Evidence) -> list[Result]:
    """WCAG 2.2.2: content that moves, blinks or scrolls by itself for more than 5 s needs a control to pause,
    stop or hide it. ``<marquee>``/``<blink>`` and animations that repeat forever or run over 5 s fail without a
    pause/stop control near them (``<marquee>``/``<blink>`` only where axe-core's rules of those names did not
    run); content seen moving in every interval of the probe's window too (a ticker);
    content seen changing once (a carousel's step: its period is not known) or with unnamed controls near it
    (arrows, dots, which may include a pause) is for a person."""
    motion = ev.get("motion")
    if not motion:
        return []
    results = []
    axe = ev.get("axe") or {}
    by_axe = {r.get("id") for kind in ("inapplicable", "passes", "incomplete", "violations") for r in axe.get(kind, [])}
    for m in motion.get("marquee") or []:
        if m.get("tag", "marquee") in by_axe:  # axe-core's marquee and blink rules judged them: not twice
            continue
        results.append(_moving(m, "marquee", {"tag": m.get("tag", "marquee")}, True))
    for a in motion.get("animations") or []:
        small = (a.get("width") or 0) <= SMALL and (a.get("height") or 0) <= SMALL
        seconds = "∞" if a.get("infinite") else a.get("seconds")
        results.append(_moving(a, "animation", {"name": a.get("name") or "?", "seconds": seconds}, not small))
    window = motion.get("window_ms") or 0
    for m in motion.get("moved") or []:
        results.append(_moving(m, "moved", {"window": round(window / 1000, 1)}, (m.get("intervals") or 0) >= 2))
    if results:
        return results
    if motion.get("same_as"):  # its carousels were watched on another page of the site, and judged there
        return []
    return [Result("passed", None, "still", {"window": round(window / 1000, 1)})]


_REFRESH = re.compile(r"^\s*(\d+(?:\.\d*)?)\s*(?:$|[;,]\s*(?:url\s*=\s*)?(.*))", re.I | re.S)


def timed_refresh(ev: Evidence) -> list[Result]:
    """WCAG 2.2.1: ``<meta http-equiv="refresh">`` that reloads or redirects the page after a delay (more than 0
    and at most 20 hours) fails; an immediate redirect (0) or none within 20 hours passes. The first valid one
    counts, as in browsers."""
    for selector, html, content in ev.dom.meta_refresh:
        match = _REFRESH.match(content or "")
        if not match:
            continue
        delay = int(float(match.group(1)))
        target = (match.group(2) or "").strip().strip("'\"")
        where = Located(selector, html)
        if delay == 0 or delay > REFRESH_LIMIT:
            return [Result("passed", where, "immediate" if delay == 0 else "long", {"seconds": delay})]
        return [Result("failed", where, "redirect" if target else "refresh", {"seconds": delay, "url": target})]
    return []


CHECKS = {"audio_control": audio_control, "pause_moving": pause_moving, "timed_refresh": timed_refresh}
