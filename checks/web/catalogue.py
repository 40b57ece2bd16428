"""The list of our own web rules as a Markdown table, for the README (``python -m checks.web.catalogue README.md``
rewrites the table between its markers; ``tests/test_web_rules.py`` fails when the README's table is stale)."""
from __future__ import annotations

import sys
from pathlib import Path

from checks.web.own_rules import own_rules

START = "<!-- own-rules:start (python -m checks.web.catalogue README.md) -->"
END = "<!-- own-rules:end -->"


def rules_table() -> str:
    """One row per rule (page rules, then the site rules judged over every page of a scan): id, WCAG criteria, what
    it needs (artifacts), impact, outcomes, source confidence, help."""
    rows = ["| rule | WCAG | needs | impact | can report | confidence | what it checks |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    from checks.web.site_checks import site_rules

    for r in (*own_rules(), *site_rules()):
        wcag = ", ".join(r.wcag) or ("MIIT 适老化" if "elder-friendly" in r.tags else "best practice")
        if "elder-friendly" in r.tags and r.wcag:
            wcag += " · MIIT 适老化"
        rows.append(f"| `{r.id}` | {wcag} | {', '.join(f'`{a}`' for a in r.requires)} | {r.impact} | "
                    f"{' / '.join(r.outcomes)} | {r.source_confidence} | {r.help['zh']} / {r.help['en']} |")
    return "\n".join(rows)


def rewrite(readme: Path) -> bool:
    """Put the current table between the markers; returns whether the file changed."""
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{rules_table()}\n{END}{tail}"
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    changed = rewrite(Path(sys.argv[1] if len(sys.argv) > 1 else "README.md"))
    print("README rule table " + ("updated" if changed else "already current"))
