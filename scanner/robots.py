"""robots.txt: which paths we may visit, the crawl delay it asks for, and the sitemaps it announces."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.robotparser import RobotFileParser

USER_AGENT = "wuzhangai"


@dataclass
class RobotsPolicy:
    """The rules of one origin. ``status`` is the HTTP status robots.txt was fetched with (None: unreachable)."""

    origin: str
    status: int | None = None
    sitemaps: list[str] = field(default_factory=list)
    _parser: RobotFileParser | None = None
    _allow_all: bool = True
    _disallow_all: bool = False

    @classmethod
    def from_response(cls, origin: str, status: int | None, text: str) -> "RobotsPolicy":
        """Build the policy as RFC 9309 asks: 4xx means no rules, 5xx or unreachable means stay out... mostly.

        RFC 9309 says an unreachable robots.txt (5xx) should be taken as 'disallow all'. Government sites often
        answer 5xx or time out for robots.txt while serving pages fine, so we follow the RFC only for 5xx and
        treat a network failure as 'no rules' (recorded on the scan as the robots status).
        """
        policy = cls(origin=origin, status=status)
        if status is not None and 200 <= status < 300:
            parser = RobotFileParser()
            lines = text.splitlines()
            parser.parse(lines)
            policy._parser = parser
            policy._allow_all = False
            policy.sitemaps = [
                line.split(":", 1)[1].strip()
                for line in lines
                if line.lower().startswith("sitemap:") and line.split(":", 1)[1].strip()
            ]
        elif status is not None and status >= 500:
            policy._disallow_all = True
            policy._allow_all = False
        return policy

    def allows(self, url: str) -> bool:
        if self._disallow_all:
            return False
        if self._allow_all or self._parser is None:
            return True
        return self._parser.can_fetch(USER_AGENT, url)

    @property
    def crawl_delay(self) -> float | None:
        if self._parser is None:
            return None
        delay = self._parser.crawl_delay(USER_AGENT)
        return float(delay) if delay is not None else None
