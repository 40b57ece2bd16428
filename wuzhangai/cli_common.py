"""Options and error handling shared by every command (one way to spell --db, --lang, --format)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

db_option = click.option(
    "--db", envvar="WUZHANGAI_DB", default=None, metavar="PATH|URL",
    help="数据库文件（默认 ./wuzhangai.db）或 URL（postgresql://用户@主机:5432/库名）/ database file or URL "
         "(postgresql://USER@HOST:5432/DBNAME) [env WUZHANGAI_DB]",
)
queue_option = click.option(
    "--queue", envvar="WUZHANGAI_QUEUE", default=None, metavar="redis://HOST:PORT/N",
    help="交给 Celery 工作进程（经 Redis）执行，见 wuzhangai worker；不给则在本进程执行 / send the work to Celery "
         "workers over this Redis (see `wuzhangai worker`); without it the work runs here [env WUZHANGAI_QUEUE]",
)
district_option = click.option(
    "--district", envvar="WUZHANGAI_DISTRICT", default=None, metavar="NAME|PATH",
    help="所评估的区：内置区档案名或档案目录（默认 wuzhangai district use 所存，否则内置默认区）/ district profile: a "
         "bundled id/name or a profile folder (default: the one stored by `wuzhangai district use`, else the "
         "bundled default) [env WUZHANGAI_DISTRICT]",
)
lang_option = click.option(
    "--lang", default="zh-CN", show_default=True, type=click.Choice(["zh-CN", "zh", "en"]),
    help="输出语言 / output language",
)


def infer_format(out: Path | str | None, allowed: tuple[str, ...]) -> str | None:
    """``--format`` from the ``--out`` suffix when not given (``report.html`` -> html)."""
    if out is None:
        return None
    suffix = Path(out).suffix.lower().lstrip(".")
    return suffix if suffix in allowed else None


# The exit codes of every command: one table, in the README ("Exit codes") and in `wuzhangai --help`
# (wuzhangai/cli.py); tests/test_exit_codes.py holds the commands to it.
EXIT_OK = 0  # done: the output is written and any --fail-on gate is met
EXIT_FAILED = 1  # ran, but: the --fail-on gate tripped, the input was refused (or rows rejected), nothing to work on,
#                  the thing asked for does not exist, the database or queue cannot be reached
EXIT_USAGE = 2  # nothing done: a bad option, argument, file name or district profile
EXIT_INTERRUPTED = 130  # Ctrl-C

def fail_on_option(levels: tuple[str, ...], help_text: str, counts: bool = False):
    """``--fail-on``, spelled and parsed the same way by every command that gates (``scan``, ``gaps``,
    ``survey score``): one of the command's ``levels``, ``none`` (no gate, the default), or with ``counts`` a
    number N of findings allowed. A bad value is a usage error (exit 2). The command says what each level finds
    and passes its reason to :func:`check_gate`."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> str | int | None:
        if value is None or value == "none":
            return None
        if counts and value.isdigit():
            return int(value)
        if value in levels:
            return value
        allowed = "|".join(levels) + ("|N" if counts else "") + "|none"
        raise click.BadParameter(f"须为 / must be {allowed}, not {value!r}", ctx=ctx, param=param)

    metavar = "|".join(levels) + ("|N" if counts else "")
    return click.option("--fail-on", "fail_on", default=None, metavar=metavar, callback=parse, help=help_text)


def check_gate(reason: str | None) -> None:
    """Exit 1 with the reason when the ``--fail-on`` gate tripped; return when it did not (or there is none)."""
    if reason:
        fail(f"未通过 --fail-on 门槛 / --fail-on gate tripped: {reason}", code=EXIT_FAILED)


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on stderr saying what is wrong and what to do, then exit with ``code``."""
    click.echo(f"错误 / error: {message}", err=True)
    sys.exit(code)


def enter_district(choice: str | None, db: str | None = None, engine=None):
    """Resolve the district a command works on (``--district`` > ``$WUZHANGAI_DISTRICT`` > the database's
    stored choice > the bundled default) and make it current until the command ends.

    The database is consulted only when it exists: a command like ``survey form`` must not create one."""
    from geodata.district import ProfileError, current_district, using

    if engine is None and not choice:
        engine = existing_engine(db)
    try:
        district = current_district(choice, engine)
        district.bbox()  # reads the outline: a broken profile fails here, with its message
    except ProfileError as exc:
        fail(str(exc), code=2)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.with_resource(using(district))
    return district


def existing_engine(db: str | None):
    from store.db import engine_for, resolve_db

    url = resolve_db(db)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return None
    return engine_for(db)
