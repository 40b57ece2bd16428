"""Write the sample app's screens: for each screen a uiautomator dump (``<stem>.xml``, as ``adb shell uiautomator
dump`` writes it) and the matching screenshot (``<stem>.png``), drawn with Pillow and Noto Sans CJK from the
same description, so every colour and size in the screenshot is known.

Run after editing a screen: ``python -m wuzhangai.sample_app.build`` (then check ``barriers.json`` against an
audit: ``tests/test_app_audit.py`` does). The descriptions below say where each deliberate barrier is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

from wuzhangai.sample_app import PACKAGE, SCREENS

PX = 3  # px per dp (density 480)
W, H = 1080, 2340
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_INDEX = 2  # Simplified Chinese in the collection


@dataclass
class N:
    """One node: class (short or full), bounds in dp, what it says and how it looks."""
    cls: str
    box: tuple[int, int, int, int]  # dp: x1, y1, x2, y2
    text: str = ""
    rid: str = ""
    desc: str = ""
    hint: str = ""
    click: bool = False
    focus: bool = False
    bg: str | None = None
    fg: str = "#212121"
    size: float = 16  # text size, dp
    center: bool = False
    icon: bool = False  # draw a glyph-like mark (an icon without text)
    kids: list["N"] = field(default_factory=list)

    @property
    def full_class(self) -> str:
        return self.cls if "." in self.cls else f"android.widget.{self.cls}"


def bar(title: str, back: N | None = None) -> N:
    kids = [N("TextView", (60, 0, 300, 56), title, rid="toolbar_title", fg="#ffffff", size=20)]
    if back is not None:
        kids.insert(0, back)
    return N("LinearLayout", (0, 0, 360, 56), rid="toolbar", bg="#c62828", kids=kids)


def back_button(desc: str = "") -> N:
    """The toolbar's back arrow: on every inner screen, with no content-desc (a template barrier: one issue per
    rule across the screens that have it)."""
    return N("ImageButton", (4, 4, 52, 52), rid="btn_back", desc=desc, click=True, focus=True, fg="#ffffff", icon=True)


def tabbar() -> N:
    names = ("首页", "办事", "消息", "我的")
    return N("LinearLayout", (0, 724, 360, 780), rid="tabbar", bg="#fafafa", kids=[
        N("TextView", (i * 90, 724, i * 90 + 90, 780), name, rid=f"tab_{i}", click=True, focus=True, center=True,
          fg="#424242", size=14) for i, name in enumerate(names)])


def screens() -> dict[str, N]:
    tiles = [("社保查询", "#1565c0"), ("医保缴费", "#2e7d32"), ("公积金", "#6a1b9a"), ("不动产登记", "#ef6c00"),
             ("残疾人证", "#00838f"), ("养老服务", "#ad1457"), ("预约挂号", "#4e342e"), ("更多服务", "#37474f")]
    grid = []
    for i, (name, colour) in enumerate(tiles):
        x, y = 10 + (i % 4) * 86, 190 + (i // 4) * 96
        grid.append(N("LinearLayout", (x, y, x + 82, y + 90), rid=f"tile_{i}", click=True, focus=True, kids=[
            N("ImageView", (x + 21, y + 6, x + 61, y + 46), fg=colour, icon=True),
            N("TextView", (x, y + 54, x + 82, y + 84), name, center=True, size=14)]))
    return {
        # home: the scan icon has no content-desc (wza-app-speakable-text, wza-app-image-button-desc) and is
        # 32 dp (wza-app-touch-target, wza-app-miit-target); the search field is described by a content-desc
        # (wza-app-editable-desc)
        "home": N("FrameLayout", (0, 0, 360, 780), bg="#ffffff", kids=[
            bar("江汉政务"),
            N("ImageButton", (316, 12, 348, 44), rid="btn_scan", click=True, focus=True, fg="#ffffff", icon=True),
            N("EditText", (16, 72, 344, 120), rid="search", desc="搜索服务", click=True, focus=True, bg="#f5f5f5",
              fg="#616161", text="搜索服务事项"),
            N("TextView", (16, 130, 344, 178), "长辈版 · 无障碍", rid="elder_entry", click=True, focus=True,
              fg="#c62828", size=18),
            *grid, tabbar()]),
        # services (and service_detail, login): the back arrow has no content-desc (wza-app-speakable-text,
        # wza-app-image-button-desc), the same node on each screen. Here each row's button says just "办理" (wza-app-identical-names, needs review); the info marks are
        # 30 dp (wza-app-touch-target, wza-app-miit-target)
        "services": N("FrameLayout", (0, 0, 360, 780), bg="#ffffff", kids=[
            bar("办事服务", back_button()),
            *[N("RelativeLayout", (0, 64 + i * 72, 360, 132 + i * 72), rid=f"row_{i}", kids=[
                N("TextView", (16, 64 + i * 72, 220, 132 + i * 72), name, rid="row_title", size=16),
                N("ImageButton", (226, 83 + i * 72, 256, 113 + i * 72), rid="row_info", desc=f"{name}说明",
                  click=True, focus=True, fg="#1565c0", icon=True),
                N("Button", (264, 74 + i * 72, 344, 122 + i * 72), "办理", rid="row_go", click=True, focus=True,
                  bg="#c62828", fg="#ffffff", center=True, size=16)])
              for i, name in enumerate(("城乡居民医保参保", "残疾人两项补贴", "居住证申领", "老年人优待证"))],
            tabbar()]),
        # service_detail: the notes are grey #9e9e9e on white, 2.7:1 (wza-app-text-contrast); the close button's
        # content-desc repeats its type, "关闭按钮" (wza-app-redundant-desc)
        "service_detail": N("FrameLayout", (0, 0, 360, 780), bg="#ffffff", kids=[
            bar("社保查询", back_button()),
            N("TextView", (16, 72, 344, 104), "城乡居民养老保险缴费记录", rid="detail_title", size=18),
            N("TextView", (16, 112, 344, 140), "数据更新至 2026 年 11 月", rid="detail_note", fg="#9e9e9e", size=14),
            N("TextView", (16, 150, 344, 178), "如有疑问请到街道便民服务中心咨询", rid="detail_help", fg="#9e9e9e", size=14),
            N("TextView", (16, 196, 344, 226), "2026 年度已缴费 12 个月", rid="detail_paid", size=16),
            N("ImageButton", (300, 660, 352, 712), rid="btn_close", desc="关闭按钮", click=True, focus=True,
              fg="#616161", icon=True)]),
        # login: the agreement row is clickable and so is its check box, on the same spot (wza-app-duplicate-bounds)
        "login": N("FrameLayout", (0, 0, 360, 780), bg="#ffffff", kids=[
            bar("登录", back_button()),
            N("EditText", (16, 80, 344, 132), rid="phone", hint="请输入手机号", text="请输入手机号", click=True,
              focus=True, bg="#f5f5f5", fg="#616161"),
            N("EditText", (16, 144, 344, 196), rid="code", hint="请输入验证码", text="请输入验证码", click=True,
              focus=True, bg="#f5f5f5", fg="#616161"),
            N("LinearLayout", (16, 208, 344, 256), rid="agree_row", click=True, focus=True, kids=[
                N("CheckBox", (16, 208, 344, 256), "我已阅读并同意《用户服务协议》", rid="agree", click=True,
                  focus=True, size=14)]),
            N("Button", (16, 276, 344, 328), "登录", rid="btn_login", click=True, focus=True, bg="#c62828",
              fg="#ffffff", center=True, size=18)]),
        # profile: clean
        "profile": N("FrameLayout", (0, 0, 360, 780), bg="#ffffff", kids=[
            bar("我的"),
            N("TextView", (16, 72, 344, 104), "张三（示例用户）", rid="user_name", size=18),
            *[N("TextView", (0, 120 + i * 56, 360, 176 + i * 56), f"  {name}", rid=f"menu_{i}", click=True,
                focus=True, size=16) for i, name in enumerate(("我的办件", "我的证照", "长辈版设置", "意见反馈"))],
            tabbar()]),
        # guide: clean (an article, text 16 dp, #212121 on white)
        "guide": N("FrameLayout", (0, 0, 360, 780), bg="#ffffff", kids=[
            bar("办事指南"),
            N("TextView", (16, 72, 344, 104), "残疾人两项补贴申请指南", rid="guide_title", size=18),
            *[N("TextView", (16, 116 + i * 36, 344, 148 + i * 36), line, rid=f"guide_p{i}", size=16)
              for i, line in enumerate(("申请对象：本区户籍持证残疾人", "办理地点：户籍所在街道便民服务中心",
                                        "所需材料：身份证、残疾人证、银行卡", "办理时限：15 个工作日"))]]),
        # elder_home (长辈版, audited with --elder-screen): big text and buttons, but the 客服 button is 52 dp high
        # (wza-app-miit-target in the elder interface: 60 dp) and the footnote is 14 dp (wza-app-elder-text-size)
        "elder_home": N("FrameLayout", (0, 0, 360, 780), bg="#ffffff", kids=[
            N("LinearLayout", (0, 0, 360, 64), rid="toolbar", bg="#c62828", kids=[
                N("TextView", (16, 0, 344, 64), "江汉政务 长辈版", rid="toolbar_title", fg="#ffffff", size=24)]),
            *[N("Button", (16, 80 + i * 84, 344, 152 + i * 84), name, rid=f"elder_btn_{i}", click=True, focus=True,
                bg="#1565c0", fg="#ffffff", center=True, size=24)
              for i, name in enumerate(("社保查询", "医保缴费", "养老服务", "预约挂号"))],
            N("Button", (16, 424, 344, 476), "电话客服", rid="elder_call", click=True, focus=True, bg="#2e7d32",
              fg="#ffffff", center=True, size=22),
            N("TextView", (16, 700, 344, 724), "服务时间：工作日 9:00-17:00", rid="elder_note", size=14)]),
    }


# --- writing ------------------------------------------------------------------------------------------------

def _px(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return tuple(v * PX for v in box)


def dump_xml(root: N) -> str:
    lines = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>", '<hierarchy rotation="0">']

    def write(node: N, index: int, depth: int) -> None:
        x1, y1, x2, y2 = _px(node.box)
        rid = f"{PACKAGE}:id/{node.rid}" if node.rid else ""
        attrs = {"index": str(index), "text": node.text, "resource-id": rid, "class": node.full_class,
                 "package": PACKAGE, "content-desc": node.desc,
                 "checkable": str(node.cls == "CheckBox").lower(), "checked": "false",
                 "clickable": str(node.click).lower(), "enabled": "true", "focusable": str(node.focus).lower(),
                 "focused": "false", "scrollable": "false", "long-clickable": "false", "password": "false",
                 "selected": "false", "bounds": f"[{x1},{y1}][{x2},{y2}]"}
        if node.hint:
            attrs["hint"] = node.hint
        head = "  " * depth + "<node " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
        if not node.kids:
            lines.append(head + " />")
            return
        lines.append(head + ">")
        for i, kid in enumerate(node.kids):
            write(kid, i, depth + 1)
        lines.append("  " * depth + "</node>")
    write(root, 0, 1)
    lines.append("</hierarchy>")
    return "\n".join(lines) + "\n"


def screenshot(root: N):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (W, H), "#ffffff")
    draw = ImageDraw.Draw(image)

    def paint(node: N) -> None:
        x1, y1, x2, y2 = _px(node.box)
        if node.bg:
            draw.rectangle((x1, y1, x2 - 1, y2 - 1), fill=node.bg)
        if node.icon:
            inset = (x2 - x1) // 4
            draw.ellipse((x1 + inset, y1 + inset, x2 - inset, y2 - inset), outline=node.fg, width=max(3, inset // 3))
        if node.text:
            font = ImageFont.truetype(FONT, round(node.size * PX), index=FONT_INDEX)
            left, top, right, bottom = draw.textbbox((0, 0), node.text, font=font)
            tx = x1 + ((x2 - x1) - (right - left)) // 2 - left if node.center else x1 + 8 * PX // 3 - left
            ty = y1 + ((y2 - y1) - (bottom - top)) // 2 - top
            draw.text((tx, ty), node.text, font=font, fill=node.fg)
        for kid in node.kids:
            paint(kid)
    paint(root)
    return image


def build(out: Path = SCREENS) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, root in screens().items():
        (out / f"{stem}.xml").write_text(dump_xml(root), encoding="utf-8")
        screenshot(root).save(out / f"{stem}.png", optimize=True)
        written += [out / f"{stem}.xml", out / f"{stem}.png"]
    return written


if __name__ == "__main__":
    for path in build():
        print(path)
