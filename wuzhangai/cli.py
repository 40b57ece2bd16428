"""The ``wuzhangai`` command line. ``wuzhangai --help`` is the manual; each command documents itself."""
from __future__ import annotations

import importlib
import sys

import click

from wuzhangai import __version__

# Each entry is a module in wuzhangai.commands exposing ``command`` (a click command or group), imported only when
# its name is used (or for ``--help``), so ``wuzhangai survey ...`` does not pay for Playwright's import. The
# one-line help of each is the first line of its own docstring: written once, with the command.
COMMANDS: dict[str, str] = {
    "scan": "wuzhangai.commands.scan",
    "scans": "wuzhangai.commands.scans",
    "demo": "wuzhangai.commands.demo",
    "sample-site": "wuzhangai.commands.sample_site",
    "survey": "wuzhangai.commands.survey",
    "district": "wuzhangai.commands.district",
    "geo": "wuzhangai.commands.geo",
    "gaps": "wuzhangai.commands.gaps",
    "map": "wuzhangai.commands.map",
    "report": "wuzhangai.commands.report",
    "serve": "wuzhangai.commands.serve",
    "users": "wuzhangai.commands.users",
    "worker": "wuzhangai.commands.worker",
    "db": "wuzhangai.commands.db",
    "app": "wuzhangai.commands.app",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        return importlib.import_module(COMMANDS[name]).command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            # store.db.DatabaseUnavailable (or its store.migrations.DatabaseTooNew) and the job queue's
            # QueueUnavailable, by name: importing the store here would cost every command SQLAlchemy
            if any(cls.__name__ in ("DatabaseUnavailable", "QueueUnavailable") for cls in type(exc).__mro__):
                from wuzhangai.cli_common import fail

                fail(str(exc))
            raise

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # the first sentence of each docstring whole: click's default cut counts a CJK character as one column
        rows = [(name, self.get_command(ctx, name).get_short_help_str(limit=200)) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="wuzhangai")
def main() -> None:
    """wuzhangai 无障碍：政府网站与无障碍设施的评估与合规工具。

    Accessibility audit and compliance for district governments: site scans, facility surveys,
    district maps and reports. Every command reads and writes one database: an SQLite file (``--db``,
    default ``./wuzhangai.db``, or ``$WUZHANGAI_DB``) or a PostgreSQL server (``--db postgresql://...``).

    \b
    退出码（所有命令相同）/ exit codes (every command):
      0    完成，输出已写出，未触发 --fail-on / done: output written, --fail-on gate met
      1    触发 --fail-on；输入被拒或有行被拒；没有可处理的数据；对象不存在；数据库、队列或所需组件不可用 /
           the --fail-on gate tripped; input refused or rows rejected; nothing to work on; not found;
           database, queue or a needed part (Chromium, a font) unavailable
      2    用法错误：选项、参数、文件格式或区档案有误，什么也没做 / usage error: bad option, argument,
           format or district profile; nothing done
      130  被中断 / interrupted (Ctrl-C)
    """


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
