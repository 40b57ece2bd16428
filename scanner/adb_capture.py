"""Save an Android device's current screen (its uiautomator dump and a screenshot) through ``adb``, Debian's
``adb`` package. Only ``wuzhangai app capture`` needs it; nothing else requires adb to be installed.

Cannot be tested here without a device: the tests cover a missing ``adb`` and ``adb`` seeing no device.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ADB_ENV = "WUZHANGAI_ADB"
DEVICE_DUMP = "/sdcard/window_dump.xml"  # where uiautomator writes by default
TIMEOUT_S = 60


class CaptureError(RuntimeError):
    """adb is missing, sees no such device, or failed (the message says which, in zh / en)."""


def find_adb() -> str:
    found = os.environ.get(ADB_ENV) or shutil.which("adb")
    if not found:
        raise CaptureError("未找到 adb：请安装 Debian 的 adb 软件包（apt-get install adb），或用 $WUZHANGAI_ADB 指定 / "
                           "adb not found: install Debian's adb package (apt-get install adb) or set $WUZHANGAI_ADB")
    return found


def _run(adb: str, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([adb, *args], capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise CaptureError(f"adb {' '.join(args)} 超过 {TIMEOUT_S} 秒未结束 / did not finish within {TIMEOUT_S} s") from exc


def attached_devices(adb: str) -> dict[str, str]:
    """``serial -> state`` (device, unauthorized, offline...) from ``adb devices``."""
    listing = _run(adb, "devices").stdout.decode("utf-8", "replace")
    devices = {}
    for line in listing.splitlines()[1:]:  # the first line is "List of devices attached"
        parts = line.split()
        if len(parts) >= 2 and not line.startswith("*"):
            devices[parts[0]] = parts[1]
    return devices


def capture_screen(serial: str, out_dir: Path, stem: str = "screen") -> tuple[Path, Path]:
    """Dump the current screen's hierarchy and take a screenshot; returns ``(dump, png)`` in ``out_dir``."""
    adb = find_adb()
    devices = attached_devices(adb)
    if serial not in devices:
        seen = ", ".join(f"{s} ({st})" for s, st in devices.items()) or "无 / none"
        raise CaptureError(f"没有连接序列号为 {serial} 的设备（adb devices 列出：{seen}）/ no device {serial} attached "
                           f"(adb devices lists: {seen})")
    if devices[serial] != "device":
        raise CaptureError(f"设备 {serial} 状态为 {devices[serial]}：请在手机上允许 USB 调试 / device {serial} is "
                           f"{devices[serial]}: allow USB debugging on the phone")
    out_dir.mkdir(parents=True, exist_ok=True)
    dump, png = out_dir / f"{stem}.xml", out_dir / f"{stem}.png"
    for args in (("shell", "uiautomator", "dump", DEVICE_DUMP), ("pull", DEVICE_DUMP, str(dump))):
        done = _run(adb, "-s", serial, *args)
        if done.returncode != 0:
            raise CaptureError(f"adb {' '.join(args)} 失败 / failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    shot = _run(adb, "-s", serial, "exec-out", "screencap", "-p")
    if shot.returncode != 0 or not shot.stdout.startswith(b"\x89PNG"):
        raise CaptureError(f"截图失败 / screencap failed: {shot.stderr.decode('utf-8', 'replace').strip()}")
    png.write_bytes(shot.stdout)
    return dump, png
