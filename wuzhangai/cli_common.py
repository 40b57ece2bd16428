"""Options and error handling shared by every command (one way to spell --db, --lang, --format)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

db_option = click.option(
    "--db", envvar="WUZHANGAI_DB", default=None, metavar="PATH|URL",
    help="数据库文件（默认 ./wuzhangai.db）或 SQLAlchemy URL / database file or URL [env WUZHANGAI_DB]",
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


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on stderr saying what is wrong and what to do, then exit with ``code``."""
    click.echo(f"错误 / error: {message}", err=True)
    sys.exit(code)
