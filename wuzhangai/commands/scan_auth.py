"""The options of an authenticated ``wuzhangai scan``: headers, cookies, basic auth, login script, per-URL steps,
links not followed while logged in, and where the secrets come from (``scanner.auth``)."""
from __future__ import annotations

from typing import Any, Callable

import click

AUTH_OPTIONS = (
    click.option("--header", "headers", multiple=True, metavar="'NAME: VALUE'",
                 help="每个请求附加的请求头，可重复；值可引用密钥 ${secret:NAME} / an extra request header (repeatable); "
                 "the value may name a secret, ${secret:NAME}"),
    click.option("--cookies", "cookies_file", type=click.Path(dir_okay=False),
                 help="Cookie 文件：Netscape/curl 格式或 Playwright storage-state JSON / a cookie file: Netscape/curl "
                 "format or a Playwright storage-state JSON"),
    click.option("--basic-auth", metavar="USER:${secret:NAME}",
                 help="HTTP 基本认证；密码须引用密钥 / HTTP basic auth; the password must name a secret"),
    click.option("--login-script", type=click.Path(dir_okay=False),
                 help="登录脚本（YAML/JSON 步骤：goto、fill、click、wait-for、select、check、press、screenshot），扫描前及会话"
                 "失效时执行 / login script (YAML/JSON steps), run before the crawl and whenever the session is lost"),
    click.option("--actions", "actions_file", type=click.Path(dir_okay=False),
                 help="按网址执行的页面操作（检查前打开菜单、关闭对话框等）/ per-URL steps run before the check"),
    click.option("--avoid-link", "avoid_links", multiple=True, metavar="WORD|none",
                 help="登录状态下不访问含此词的链接（替换默认列表：退出、注销、删除、logout、delete...）；none 为不排除 / "
                 "links not followed while logged in (replaces the default list: 退出, 注销, 删除, logout, delete...); "
                 "`none`: follow every link"),
    click.option("--secrets-file", type=click.Path(dir_okay=False),
                 help="密钥文件（NAME=value 每行一个，须仅所有者可读，chmod 600）；也可用环境变量 WUZHANGAI_SECRET_NAME / "
                 "secrets file (NAME=value lines, readable by its owner only); or $WUZHANGAI_SECRET_NAME"),
    click.option("--login-screenshots", "evidence_dir", default=".", show_default=True, type=click.Path(file_okay=False),
                 help="登录脚本和页面操作的截图目录 / where screenshots of the login script and page actions go"),
)


def auth_options(command: Callable) -> Callable:
    for option in reversed(AUTH_OPTIONS):
        command = option(command)
    return command


def auth_settings(headers: tuple[str, ...], cookies_file: str | None, basic_auth: str | None, login_script: str | None, actions_file: str | None,
                  avoid_links: tuple[str, ...], **_: Any):
    """``AuthSettings`` from the options; ``click.BadParameter`` for a malformed one."""
    from scanner.auth import AuthSettings

    parsed: dict[str, str] = {}
    for h in headers:
        name, sep, value = h.partition(":")
        if not sep or not name.strip():
            raise click.BadParameter(f"须为 'NAME: VALUE' / must be 'NAME: VALUE', not {name.strip()!r}...",
                                     param_hint="--header")
        parsed[name.strip()] = value.strip()
    user = password = None
    if basic_auth:
        user, sep, password = basic_auth.partition(":")
        if not sep or not user:
            raise click.BadParameter("须为 USER:${secret:NAME} / must be USER:${secret:NAME}", param_hint="--basic-auth")
    avoid = None if not avoid_links else ([] if list(avoid_links) == ["none"] else list(avoid_links))
    return AuthSettings(headers=parsed, cookies_file=cookies_file, basic_user=user,
                        basic_password=password, login_script=login_script, actions_file=actions_file,
                        avoid_links=avoid)


def cli_secrets(secrets_file: str | None, **_: Any) -> dict[str, str]:
    """The secrets for this run: ``$WUZHANGAI_SECRET_<NAME>``, then the secrets file (which wins)."""
    from scanner.auth import read_secrets_file, secrets_from_env

    out = secrets_from_env()
    if secrets_file:
        out.update(read_secrets_file(secrets_file))
    return out
