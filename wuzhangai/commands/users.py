"""管理服务的用户：添加、列出、停用、发放 API 令牌 / manage the service's users.

\b
角色 / roles:
  viewer    查看概览、地图和报告 / reads dashboards, maps and reports
  surveyor  另可上传调查 / also uploads surveys
  assessor  另可管理网站、扫描、定期扫描和排除问题 / also manages sites, scans, schedules, dismissals
  admin     另可管理用户、查看审计日志 / also manages users and reads the audit log
"""
from __future__ import annotations

import sys

import click

from wuzhangai.cli_common import db_option, fail


@click.group("users")
def command() -> None:
    """管理服务的用户和 API 令牌 / manage the service's users and API tokens.

    \b
    例 / examples:
      wuzhangai users add wang --role admin                 # 提示输入密码 / asks for the password
      echo "$PASSWORD" | wuzhangai users add li --role surveyor --password-stdin
      wuzhangai users token li                               # 最后一行是令牌 / the last line is the token
      wuzhangai users list --format json
      wuzhangai users password li                            # 重设密码 / set a new password
      wuzhangai users disable li
    """


def _engine(db):
    from store.db import engine_for

    return engine_for(db)


@command.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["admin", "assessor", "surveyor", "viewer"]),
              help="角色 / role")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（一行）/ read the password from stdin")
@db_option
def add(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """添加用户 / add a user (password asked for, or read from stdin)."""
    from wuzhangai.usecases.accounts import AccountError, add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("密码 / password", hide_input=True, confirmation_prompt=True)
    try:
        add_user(_engine(db), name, role, password)
    except AccountError as exc:
        fail(str(exc), code=2)
    click.echo(f"已添加用户 {name}（{role}）/ user {name} added ({role})")


@command.command("token")
@click.argument("name")
@click.option("--label", default="cli", show_default=True, help="令牌备注 / a note for the token")
@db_option
def token(name: str, label: str, db: str | None) -> None:
    """发放 API 令牌（只显示一次，最后一行）/ issue an API token (shown once, as the last line)."""
    from wuzhangai.usecases.accounts import AccountError, create_token

    try:
        value = create_token(_engine(db), name, label)
    except AccountError as exc:
        fail(str(exc), code=2)
    click.echo(f"{name} 的新令牌（请立即保存，只显示一次）/ new token of {name} (save it now, shown once):", err=True)
    click.echo(value)


@command.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@db_option
def list_(fmt: str, db: str | None) -> None:
    """列出用户 / list users."""
    import csv
    import json

    from wuzhangai.usecases.accounts import user_summaries

    rows = user_summaries(_engine(db))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=["name", "role", "disabled", "created_at", "last_login_at"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        for r in rows:
            click.echo(f"{r['name']:<20} {r['role']:<9} {'停用 disabled' if r['disabled'] else '启用 active':<12} "
                       f"{r['last_login_at'] or '-'}")
        if not rows:
            click.echo("还没有用户：wuzhangai users add NAME --role admin / no users yet")


@command.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（一行）/ read the password from stdin")
@db_option
def password(name: str, password_stdin: bool, db: str | None) -> None:
    """重设密码 / set a new password."""
    from wuzhangai.usecases.accounts import AccountError, set_password

    value = (sys.stdin.readline().rstrip("\r\n") if password_stdin
             else click.prompt("新密码 / new password", hide_input=True, confirmation_prompt=True))
    try:
        set_password(_engine(db), name, value)
    except AccountError as exc:
        fail(str(exc), code=2)
    click.echo(f"已重设 {name} 的密码 / password of {name} set")


@command.command("disable")
@click.argument("name")
@db_option
def disable(name: str, db: str | None) -> None:
    """停用用户并作废其令牌 / disable a user and revoke their tokens."""
    from wuzhangai.usecases.accounts import AccountError, disable_user

    try:
        disable_user(_engine(db), name)
    except AccountError as exc:
        fail(str(exc), code=2)
    click.echo(f"已停用 {name} / {name} disabled")
