"""The plain data every check speaks: outcomes, impacts and findings.

One vocabulary of outcomes everywhere (ACT Rules' ``failed``/``passed``/``cantTell``/``inapplicable``), plus
``not_assessed`` for survey fields left empty.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Outcome = Literal["failed", "passed", "cantTell", "inapplicable", "not_assessed"]
OUTCOMES: tuple[str, ...] = ("failed", "passed", "cantTell", "inapplicable", "not_assessed")

Impact = Literal["critical", "serious", "moderate", "minor"]
IMPACTS: tuple[str, ...] = ("critical", "serious", "moderate", "minor")  # worst first


@dataclass(frozen=True)
class Finding:
    """One element (or the whole page) judged by one rule.

    ``source`` says who judged: ``axe`` (axe-core) or ``wuzhangai`` (our own rules). ``wcag`` holds success
    criterion numbers ("1.1.1"); ``standards`` the other clauses (e.g. "GB/T 37668-2019 5.2.1").
    """

    rule_id: str
    outcome: Outcome
    impact: Impact | None
    wcag: tuple[str, ...] = ()
    selector: str = ""
    html: str = ""
    message: str = ""
    help: str = ""
    help_url: str = ""
    source: str = "axe"
    tags: tuple[str, ...] = ()
    standards: tuple[str, ...] = ()
    # axe only: the element's failing checks as axe reported them ({type, id, data}), from which ``message``
    # can be written in another language (checks/web/axe_messages.py)
    checks: tuple[dict, ...] = ()
    # the URL of the frame the element is in (an iframe of the page, maybe of another origin); "" for the page's own
    frame: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["wcag"] = list(self.wcag)
        d["tags"] = list(self.tags)
        d["standards"] = list(self.standards)
        d["checks"] = list(self.checks)
        return d
