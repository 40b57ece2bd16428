"""The bundled sample app: seven screens of a fictional Jianghan district 政务 app (uiautomator dumps and
screenshots in ``screens/``, the ground truth in ``barriers.json``), made by ``build.py``."""
from __future__ import annotations

from pathlib import Path

SCREENS = Path(__file__).resolve().parent / "screens"
BARRIERS = Path(__file__).resolve().parent / "barriers.json"
PACKAGE = "cn.gov.jianghan.zwfw.sample"
APP_NAME = "江汉政务（示例）"
DENSITY = 480  # xxhdpi: 3 px per dp, a 1080 x 2340 phone is 360 x 780 dp
ELDER_SCREENS = ("elder_home",)  # the 长辈版 (elder interface) screens: audited with --elder-screen


def sample_audit_options():
    """The audit the README and ``make demo`` run: every screen with its screenshot, the 长辈版 screens marked."""
    from wuzhangai.usecases.app_audit import AppAuditOptions

    dumps = sorted(SCREENS.glob("*.xml"))
    return AppAuditOptions(dumps, [d.with_suffix(".png") for d in dumps], DENSITY, APP_NAME, False, ELDER_SCREENS)
