"""The web service (``wuzhangai serve``): server-rendered pages and a JSON API over the same use cases the CLI
calls. Nothing below ``wuzhangai`` imports this package."""
