"""The ``wuzhangai`` command line. ``wuzhangai --help`` is the manual; each command documents itself."""
from __future__ import annotations

import importlib
import sys

import click

from wuzhangai import __version__

# Each entry is a module in wuzhangai.commands exposing ``command`` (a click command or group).
# Imported lazily so ``wuzhangai survey ...`` does not pay for Playwright's import, and vice versa.
COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("wuzhangai.commands.scan", "扫描网站的无障碍问题 (axe-core + 本项目检查) / scan websites"),
    "scans": ("wuzhangai.commands.scans", "查看已保存的扫描 / list and export stored scans"),
    "demo": ("wuzhangai.commands.demo", "一条命令跑通全部流程（示例数据）/ run the whole pipeline on sample data"),
    "sample-site": ("wuzhangai.commands.sample_site", "在本机启动内置示例网站 / serve the bundled sample site"),
    "survey": ("wuzhangai.commands.survey", "无障碍设施调查：导入、评分、表单、示例 / facility surveys: import, score, form"),
    "geo": ("wuzhangai.commands.geo", "地图图层：导入边界/重点场所/盲道线，导出格网 / map layers and grid"),
    "gaps": ("wuzhangai.commands.gaps", "覆盖缺口、重点场所、盲道连续性、最差街道社区 / coverage gap analysis"),
    "map": ("wuzhangai.commands.map", "绘制离线地图（PNG/SVG/HTML）/ draw district maps that work offline"),
    "report": ("wuzhangai.commands.report", "合规报告：网站报告、全区报告（HTML/PDF/XLSX）/ compliance reports"),
    "district": ("wuzhangai.commands.district", "区档案：选择、列出、查看所评估的区 / the district profile in use"),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[name][0])
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="wuzhangai")
def main() -> None:
    """wuzhangai 无障碍：政府网站与无障碍设施的评估与合规工具。

    Accessibility audit and compliance for district governments: site scans, facility surveys,
    district maps and reports. Every command reads and writes one SQLite file (``--db``, default
    ``./wuzhangai.db``, or ``$WUZHANGAI_DB``).
    """


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
