"""The same problem on many pages is one issue: group findings by rule and element fingerprint.

A site's header logo without ``alt`` fails ``image-alt`` on every page; a planner needs one line "fix the logo
(on 120 pages)", not 120 lines. The fingerprint is the rule and the element's HTML with whitespace collapsed and
per-page noise (query strings, session ids, long numbers) removed. axe's selector is left out on purpose: it
is the shortest selector unique *on that page*, so the same header search box is ``input`` on one page and
``.search-input`` on another. Only an element whose HTML says nothing of its own (no id, class, name, src...)
is told apart by its selector, so two bare ``<img>`` on different pages stay two issues.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from checks.models import IMPACTS, Finding

_WS = re.compile(r"\s+")
_QUERY = re.compile(r"\?[^\"'\s>]*")
_LONG_NUMBER = re.compile(r"\d{5,}")
_SESSION = re.compile(r"(jsessionid|sid|token|_t|timestamp)=[^&\"'\s>]*", re.I)
_IDENTIFYING_ATTR = re.compile(r"\s(id|class|name|src|href|for|title|alt|aria-[a-z]+|role|action|data-[a-z-]+)=", re.I)


def element_fingerprint(rule_id: str, selector: str, html: str) -> str:
    """A short stable hash naming "this rule on this element", equal across pages of one template."""
    norm = _WS.sub(" ", html).strip()
    norm = _SESSION.sub(r"\1=", norm)
    norm = _QUERY.sub("?", norm)
    norm = _LONG_NUMBER.sub("#", norm)
    where = "" if _IDENTIFYING_ATTR.search(norm) else selector.strip()
    digest = hashlib.sha1(f"{rule_id}\x1f{where}\x1f{norm}".encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass
class Issue:
    fingerprint: str
    rule_id: str
    outcome: str  # failed or cantTell
    impact: str | None
    wcag: tuple[str, ...]
    selector: str
    html: str
    help: str
    help_url: str
    source: str
    pages: list[str] = field(default_factory=list)
    nodes: int = 0

    @property
    def count(self) -> int:
        return len(self.pages)

    @property
    def priority(self) -> float:
        """Impact x pages affected: what to fix first."""
        weight = {"critical": 10, "serious": 7, "moderate": 3, "minor": 1}.get(self.impact or "", 1)
        return weight * max(1, self.count)


def group_findings(page_findings: Iterable[tuple[str, Finding]]) -> list[Issue]:
    """Issues from ``(page_url, finding)`` pairs, worst first (failed before cantTell, then impact x pages).

    ``passed``/``inapplicable`` findings are not issues and are ignored.
    """
    issues: dict[tuple[str, str], Issue] = {}
    for page_url, f in page_findings:
        if f.outcome not in ("failed", "cantTell"):
            continue
        fp = element_fingerprint(f.rule_id, f.selector, f.html)
        issue = issues.get((fp, f.outcome))
        if issue is None:
            issue = issues[(fp, f.outcome)] = Issue(
                fp, f.rule_id, f.outcome, f.impact, f.wcag, f.selector, f.html, f.help, f.help_url, f.source
            )
        issue.nodes += 1
        if page_url not in issue.pages:
            issue.pages.append(page_url)
    order = {name: i for i, name in enumerate(IMPACTS)}
    return sorted(
        issues.values(),
        key=lambda i: (i.outcome != "failed", -i.priority, order.get(i.impact or "", 9), i.rule_id, i.fingerprint),
    )
