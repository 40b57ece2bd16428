"""``wuzhangai sample-site``: serve the bundled sample site until Ctrl-C (for the demo and manual scans)."""
from __future__ import annotations

import threading

import click

from wuzhangai.sample_server import serve_sample_site


@click.command("sample-site")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址（默认仅本机）/ address to listen on (loopback by default)")
@click.option("--port", default=0, type=click.IntRange(0, 65535), show_default=True,
              help="端口，0 表示自动选择空闲端口 / port, 0 picks a free one")
def command(host: str, port: int) -> None:
    """在本机启动内置示例网站“江汉区人民政府（示例）”，按 Ctrl-C 停止 / serve the bundled sample site.

    Serve the bundled sample site (a fictional district-government website with known accessibility
    barriers, listed in wuzhangai/sample_site/BARRIERS.md) until Ctrl-C. Scan it with
    ``wuzhangai scan URL``.
    """
    try:
        site = serve_sample_site(host=host, port=port)
    except OSError as exc:
        raise click.ClickException(f"无法在 {host}:{port} 启动示例网站：{exc} / cannot serve on {host}:{port}: {exc}")
    try:  # the URL is printed inside the try, so a Ctrl-C right after seeing it still stops cleanly
        click.echo(f"示例网站已启动：{site.url} （按 Ctrl-C 停止）")
        click.echo(f"Sample site serving at {site.url} (Ctrl-C to stop)")
        threading.Event().wait()
    except KeyboardInterrupt:
        click.echo("已停止 / stopped")
    finally:
        site.close()
