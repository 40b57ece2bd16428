"""The WeChat in-app browser's user agent (``scan --wechat``): many 政务 H5 pages answer only WeChat (they read
``MicroMessenger`` in the User-Agent) and show others a "please open in WeChat" page, which is not the page
residents use. WeChat's browser is the system WebView with its own token appended, so the token goes after the
emulated phone's user agent."""
from __future__ import annotations

# What WeChat 8.0 appends on iOS and Android (version, network, language), as its in-app browser sends it.
WECHAT_TOKEN = "MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN"
# The phone emulated when --wechat is given without --device (WeChat runs on phones)
WECHAT_DEFAULT_DEVICE = "iPhone 13"
IPHONE_SAFARI = ("Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                 "Mobile/15E148")


def wechat_user_agent(base: str | None = None) -> str:
    """``base`` (the emulated device's user agent) with WeChat's token; an iPhone's without one. A Safari
    ``Version/... Safari/...`` tail is dropped: WeChat's WKWebView does not send it."""
    ua = (base or IPHONE_SAFARI).strip()
    if "iPhone" in ua and " Version/" in ua:
        ua = ua.split(" Version/")[0]
    return f"{ua} {WECHAT_TOKEN}"


def wechat_note(device: str | None) -> str:
    """What every output says of a --wechat scan."""
    who = f"{device} 的 User-Agent 加上 / {device}'s user agent with" if device else "User-Agent / user agent"
    return (f"以微信内置浏览器的身份访问（--wechat）：{who} “{WECHAT_TOKEN}” / pages were requested as WeChat's "
            "in-app browser (--wechat)")
