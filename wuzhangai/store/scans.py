"""Tables of site scans: sites, scans, the crawl frontier (for --resume), pages, findings, issues, attachments.

Each finished page is written in one transaction with its findings, the links it added to the frontier and its
frontier row marked done, so a scan killed with SIGKILL loses at most the pages in flight.
Raw gathered artifacts (slim axe results) are kept per page: re-judging after a rule change needs no new crawl.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from wuzhangai.store.db import Base

md = Base.metadata

sites = Table(
    "sites", md,
    Column("id", Integer, primary_key=True),
    Column("base_url", String, nullable=False, unique=True),  # scheme://host of the site
    Column("name", String),
    Column("owner_unit", String),  # 区政府, a bureau, a street office
    Column("lon", Float),  # WGS84, where the owning unit sits (for the district map)
    Column("lat", Float),
)

scans = Table(
    "scans", md,
    Column("id", Integer, primary_key=True),
    Column("site_id", Integer, ForeignKey("sites.id")),
    Column("start_urls", JSON, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("state", String, nullable=False),  # running | finished | interrupted
    Column("mode", String, nullable=False),  # browser | static (partial)
    Column("standard", String, nullable=False),
    Column("tags", JSON, nullable=False),
    Column("config", JSON, nullable=False),
    Column("axe_version", String),
    Column("browser_version", String),
    Column("wall_seconds", Float, default=0.0),  # summed over runs (a resumed scan adds its second run)
    Column("site_score", Float),
    Column("summary", JSON),
)

frontier = Table(
    "frontier", md,
    Column("id", Integer, primary_key=True),
    Column("scan_id", Integer, ForeignKey("scans.id", ondelete="CASCADE"), nullable=False),
    Column("url", String, nullable=False),
    Column("url_key", String, nullable=False),
    Column("depth", Integer, nullable=False),
    Column("referrer", String),
    Column("source", String, nullable=False),  # start | sitemap | link
    Column("state", String, nullable=False),  # queued | done | failed | skipped | duplicate
    UniqueConstraint("scan_id", "url_key", name="uq_frontier_scan_key"),
)

pages = Table(
    "pages", md,
    Column("id", Integer, primary_key=True),
    Column("scan_id", Integer, ForeignKey("scans.id", ondelete="CASCADE"), nullable=False),
    Column("url", String, nullable=False),  # as requested
    Column("final_url", String),
    Column("depth", Integer),
    Column("referrer", String),
    Column("status", Integer),
    Column("content_type", String),
    Column("title", Text),
    Column("lang", String),
    Column("redirects", JSON),
    Column("load_ms", Float),
    Column("axe_ms", Float),
    Column("total_ms", Float),
    Column("element_count", Integer),
    Column("attempts", Integer),
    Column("error", String),  # scanner.artifacts.FAIL_* or null
    Column("error_detail", Text),
    Column("duplicate_of", String),
    Column("score", Float),
    Column("counts", JSON),  # violations / incomplete / passes / inapplicable (rules)
    Column("rule_outcomes", JSON),
    Column("notes", JSON),
    Column("artifact", JSON),  # the slim axe result or the static facts: the evidence, kept for re-judging
    Column("mode", String),
)
Index("ix_pages_scan", pages.c.scan_id)

findings = Table(
    "findings", md,
    Column("id", Integer, primary_key=True),
    Column("scan_id", Integer, ForeignKey("scans.id", ondelete="CASCADE"), nullable=False),
    Column("page_id", Integer, ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
    Column("rule_id", String, nullable=False),
    Column("outcome", String, nullable=False),
    Column("impact", String),
    Column("wcag", JSON),
    Column("selector", Text),
    Column("html", Text),
    Column("message", Text),
    Column("help", Text),
    Column("help_url", String),
    Column("source", String),
    Column("fingerprint", String, nullable=False),
    Column("checks", JSON),  # axe's failing checks of the element, to write its message in another language
)
Index("ix_findings_scan", findings.c.scan_id)
Index("ix_findings_page", findings.c.page_id)

issues = Table(
    "issues", md,
    Column("id", Integer, primary_key=True),
    Column("scan_id", Integer, ForeignKey("scans.id", ondelete="CASCADE"), nullable=False),
    Column("fingerprint", String, nullable=False),
    Column("rule_id", String, nullable=False),
    Column("outcome", String, nullable=False),
    Column("impact", String),
    Column("wcag", JSON),
    Column("selector", Text),
    Column("html", Text),
    Column("help", Text),
    Column("help_url", String),
    Column("source", String),
    Column("pages", JSON),
    Column("page_count", Integer),
    Column("node_count", Integer),
    Column("priority", Float),
)
Index("ix_issues_scan", issues.c.scan_id)

attachments = Table(
    "attachments", md,
    Column("id", Integer, primary_key=True),
    Column("scan_id", Integer, ForeignKey("scans.id", ondelete="CASCADE"), nullable=False),
    Column("url", String, nullable=False),
    Column("kind", String),
    Column("size", Integer),
    Column("content_type", String),
    Column("status", Integer),
    Column("found_on", JSON),
    UniqueConstraint("scan_id", "url", name="uq_attachment_scan_url"),
)
