"""Tables of site scans: sites, scans, the crawl frontier (for --resume), pages, findings, issues, attachments.

Each finished page is written in one transaction with its findings, the links it added to the frontier and its
frontier row marked done, so a scan killed with SIGKILL loses at most the pages in flight.
Raw gathered artifacts (slim axe results) are kept per page: re-judging after a rule change needs no new crawl.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterator

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
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Engine

from store.db import Base

md = Base.metadata

sites = Table(
    "sites", md,
    Column("id", Integer, primary_key=True),
    Column("base_url", String, nullable=False, unique=True),  # scheme://host of the site
    Column("name", String),
    Column("owner_unit", String),  # 区政府, a bureau, a street office
    Column("lon", Float),  # WGS84, where the owning unit sits (for the district map)
    Column("lat", Float),
    # what the service scans (store.sites.site_row fills the defaults): where the crawl starts (default: base_url)
    # and the scan's settings {max_pages (100), max_depth, standard, browser, include, exclude}
    Column("start_url", String),
    Column("scan_config", JSON),
    # what the target is: ``web`` (a website, pages) or ``app`` (an Android app, its screens as pages; base_url
    # ``app://<package>``), so reports put each under its plan item (专栏9 二.1 websites, 二.2 apps)
    Column("kind", String, nullable=False, default="web", server_default="web"),
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
    # checks.web._data.rules_fingerprint() of the rules that judged it: incremental rescans carry over pages
    # only from a scan judged by the same rules (and axe_version, mode, tags)
    Column("rules_fingerprint", String),
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
    # queued | done | failed | skipped | duplicate; with workers sharing the frontier (store.frontier) also claimed
    # (a worker holds it until lease_until) and redirected (another entry's redirect landed here: redirect_of)
    Column("state", String, nullable=False),
    Column("worker", String),  # who holds the claim
    Column("lease_until", DateTime(timezone=True)),  # when the claim runs out and another worker may take it
    Column("redirect_of", String),  # the url_key of the page whose redirect landed here
    UniqueConstraint("scan_id", "url_key", name="uq_frontier_scan_key"),
)
Index("ix_frontier_scan_state", frontier.c.scan_id, frontier.c.state, frontier.c.id)  # a scan's next queued URL

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
    Column("score", Float),  # as judged
    # the score with the findings of the site's dismissed issues left out (store.dismissals), set when the scan is
    # finished; NULL in scans finished before dismissals existed: read ``score``
    Column("net_score", Float),
    Column("counts", JSON),  # violations / incomplete / passes / inapplicable (rules)
    Column("rule_outcomes", JSON),
    Column("rule_impacts", JSON),  # rule id -> impact of every rule judged, to score the page again
    Column("notes", JSON),
    Column("artifact", JSON),  # scans stored before named artifacts: the slim axe result or the static facts
    Column("artifacts", JSON),  # the evidence, kept for re-judging: {artifact name: data} (scanner.artifacts)
    Column("mode", String),
    # the document response's validators, for the next incremental scan to ask whether it changed
    Column("etag", String),
    Column("last_modified", String),
    Column("body_sha256", String),
    # the page (of an earlier scan) whose judgement, findings and evidence this page carries over: the server
    # said the document was unchanged, so it was neither rendered nor judged again
    Column("carried_from", Integer),
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
    Column("frame", Text),  # the URL of the frame the element is in (an embedded map, video...); null: the page
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
    Column("dismissal_id", Integer),  # the site's dismissal (store.dismissals) in force when the scan was finished
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
    # a checked document's results (checks.documents.check_pdf: outcome, reason, per-check results, ms); NULL:
    # not a document we check, or found before attachments were checked
    Column("checks", JSON),
    UniqueConstraint("scan_id", "url", name="uq_attachment_scan_url"),
)


# --- writes of a running scan ------------------------------------------------------------------------------
# Each call is one transaction: a page, its findings and its frontier row move together, so a scan killed
# with SIGKILL loses at most the pages in flight.

def _insert_ignoring_duplicates(conn, table):
    """INSERT that skips rows already there (a link found again while its first insert is pending)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).on_conflict_do_nothing()


def _add_frontier(conn, scan_id: int, entries: list[dict], state: str) -> None:
    """``entries``: dicts with url, url_key, depth, referrer, source."""
    if entries:
        conn.execute(_insert_ignoring_duplicates(conn, frontier),
                     [{"scan_id": scan_id, "state": state, **e} for e in entries])


def _set_frontier_state(conn, scan_id: int, entry: dict, state: str) -> bool:
    """Move the entry's frontier row to its final ``state`` (adding the row if the entry was never queued);
    False when the row had already ended: the page was recorded before (by another worker that took it over
    after this one's claim ran out), so it must not be written twice."""
    moved = conn.execute(update(frontier).where(
        frontier.c.scan_id == scan_id, frontier.c.url_key == entry["url_key"],
        frontier.c.state.in_(("queued", "claimed"))).values(state=state, worker=None, lease_until=None))
    if moved.rowcount:
        return True
    return _inserted(conn, _insert_ignoring_duplicates(conn, frontier).values(scan_id=scan_id, state=state, **entry))


def _inserted(conn, insert) -> bool:
    """Whether an INSERT that skips duplicates added its row (``rowcount`` is not reliable for it on psycopg)."""
    return conn.execute(insert.returning(literal(1))).first() is not None


def add_frontier(engine: Engine, scan_id: int, entries: list[dict], state: str = "queued") -> None:
    with engine.begin() as conn:
        _add_frontier(conn, scan_id, entries, state)


def record_page(engine: Engine, scan_id: int, entry: dict, page: dict, finding_rows: list[dict],
                frontier_state: str) -> int | None:
    """Write one visited (or skipped) page with its findings and mark its frontier row; returns the page id, or
    None when the page had been recorded already (nothing is written: every page is stored once, however many
    workers scanned it). ``page`` holds columns of ``pages``; ``finding_rows`` rows of ``findings`` without scan
    and page ids. A page with ``carried_from`` (a page id of an earlier scan) takes that page's judgement (score,
    counts, rule outcomes), evidence and findings, in the same transaction."""
    with engine.begin() as conn:
        # the frontier row first: on PostgreSQL its row lock makes a second writer of the same page wait, then
        # find the row ended and write nothing
        if not _set_frontier_state(conn, scan_id, entry, frontier_state):
            return None
        carried_from = page.get("carried_from")
        if carried_from is not None:
            prev = conn.execute(select(*(pages.c[name] for name in CARRIED_COLUMNS))
                                .where(pages.c.id == carried_from)).mappings().one()
            page = {**page, **prev}
        page_id = conn.execute(pages.insert().values(scan_id=scan_id, **page)).inserted_primary_key[0]
        _write_findings(conn, scan_id, page_id, finding_rows)
        if carried_from is not None:
            copied = [c for c in findings.c if c.name not in ("id", "scan_id", "page_id")]
            conn.execute(findings.insert().from_select(
                ["scan_id", "page_id", *(c.name for c in copied)],
                select(literal(scan_id), literal(page_id), *copied).where(findings.c.page_id == carried_from)
                .order_by(findings.c.id)))
        return page_id


# What a carried-over page takes from the page it carries: the judgement and the evidence it was made from.
CARRIED_COLUMNS = ("score", "counts", "rule_outcomes", "artifacts", "artifact")


def _write_findings(conn, scan_id: int, page_id: int, rows: list[dict]) -> None:
    if rows:
        conn.execute(findings.insert(), [{"scan_id": scan_id, "page_id": page_id, **r} for r in rows])


def record_attachment(engine: Engine, scan_id: int, url: str, kind: str, found_on: str | None, size: int | None,
                      content_type: str | None, status: int | None, checks: dict | None = None) -> None:
    """Add an attachment, or add the page it was found on to the one already recorded (``checks``: its check
    results, kept unless new ones are given)."""
    with engine.begin() as conn:
        row = conn.execute(select(attachments).where(
            attachments.c.scan_id == scan_id, attachments.c.url == url)).mappings().first()
        if row is None:
            conn.execute(attachments.insert().values(
                scan_id=scan_id, url=url, kind=kind, size=size, content_type=content_type,
                status=status, found_on=[found_on] if found_on else [], checks=checks))
            return
        found = list(row["found_on"] or [])
        if found_on and found_on not in found:
            found.append(found_on)
        conn.execute(update(attachments).where(attachments.c.id == row["id"]).values(
            found_on=found, size=size if size is not None else row["size"],
            content_type=content_type or row["content_type"], status=status or row["status"],
            checks=checks if checks is not None else row["checks"]))


def create_scan(engine: Engine, base_url: str, default_site_name: str, values: dict, kind: str = "web") -> int:
    """A new ``running`` scan of the site ``base_url`` (created if new, of ``kind``); ``values``: columns of
    ``scans``."""
    from store.sites import site_id_for

    with engine.begin() as conn:
        site_id = site_id_for(conn, base_url, default_site_name, kind)
        return conn.execute(scans.insert().values(
            site_id=site_id, started_at=datetime.now(timezone.utc), state="running", **values,
        )).inserted_primary_key[0]


def unfinished_scans(engine: Engine) -> list[tuple[int, list[str]]]:
    """(id, start URLs) of every scan not finished, newest first."""
    with engine.connect() as conn:
        return [(r.id, r.start_urls) for r in conn.execute(
            select(scans.c.id, scans.c.start_urls).where(scans.c.state != "finished").order_by(scans.c.id.desc()))]


def comparable_scan(engine: Engine, scan_id: int, same: dict[str, Any]) -> int | None:
    """The newest scan finished before ``scan_id`` of the same site whose columns equal ``same`` (e.g. mode,
    tags, axe_version, rules_fingerprint; ``config.KEY`` compares a key of the stored config), or None."""
    with engine.connect() as conn:
        site_id = conn.execute(select(scans.c.site_id).where(scans.c.id == scan_id)).scalar()
        rows = conn.execute(select(scans).where(scans.c.site_id == site_id, scans.c.id < scan_id,
                                                scans.c.state == "finished").order_by(scans.c.id.desc())).mappings()
        for row in rows:
            if all(((row["config"] or {}).get(k[7:]) if k.startswith("config.") else row[k]) == v
                   for k, v in same.items()):
                return int(row["id"])
    return None


def carry_candidates(engine: Engine, scan_id: int) -> list[dict]:
    """Pages of ``scan_id`` an incremental rescan may carry over: judged (no error, not a duplicate, evidence
    stored), not redirected, with validators stored. id, url, final_url and the validators of each."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            select(pages.c.id, pages.c.url, pages.c.final_url, pages.c.redirects, pages.c.etag,
                   pages.c.last_modified, pages.c.body_sha256)
            .where(pages.c.scan_id == scan_id, pages.c.error.is_(None), pages.c.duplicate_of.is_(None),
                   pages.c.artifacts.is_not(None),
                   or_(pages.c.etag.is_not(None), pages.c.last_modified.is_not(None),
                       pages.c.body_sha256.is_not(None)))
            .order_by(pages.c.id)).mappings() if not r["redirects"]]


def stored_page(engine: Engine, page_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(pages).where(pages.c.id == page_id)).mappings().first()
    return dict(row) if row else None


def set_rules_fingerprint(engine: Engine, scan_id: int, fingerprint: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(scans).where(scans.c.id == scan_id).values(rules_fingerprint=fingerprint))


def set_browser_version(engine: Engine, scan_id: int, version: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(scans).where(scans.c.id == scan_id).values(browser_version=version))


def set_wall_seconds(engine: Engine, scan_id: int, seconds: float) -> None:
    with engine.begin() as conn:
        conn.execute(update(scans).where(scans.c.id == scan_id).values(wall_seconds=seconds))


def scan_row(engine: Engine, scan_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(scans).where(scans.c.id == scan_id)).mappings().first()
    return dict(row) if row else None


def crawl_progress(engine: Engine, scan_id: int) -> tuple[list[dict], set[str], int]:
    """What a resumed crawl starts from: the frontier rows in order, the attachment URLs already recorded and
    the number of pages visited."""
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(frontier).where(frontier.c.scan_id == scan_id)
                                              .order_by(frontier.c.id)).mappings()]
        known = {r[0] for r in conn.execute(select(attachments.c.url).where(attachments.c.scan_id == scan_id))}
        visited = conn.execute(select(func.count()).select_from(pages).where(
            pages.c.scan_id == scan_id, pages.c.mode != "none")).scalar_one()
    return rows, known, int(visited)


def add_run_time(engine: Engine, scan_id: int, seconds: float, state: str) -> None:
    """Add one run's wall time (a resumed scan adds its second run) and set the scan's state."""
    with engine.begin() as conn:
        prev = conn.execute(select(scans.c.wall_seconds).where(scans.c.id == scan_id)).scalar() or 0.0
        conn.execute(update(scans).where(scans.c.id == scan_id).values(wall_seconds=prev + seconds, state=state))


# --- judging stored evidence again, finishing ------------------------------------------------------------

EVIDENCE_BATCH = 200  # pages' evidence read at once: a few MB of DOM snapshots, whatever the site's size


def pages_with_evidence(engine: Engine, scan_id: int, batch: int = EVIDENCE_BATCH) -> Iterator[dict]:
    """id, url, mode and the stored evidence (``artifacts``, or ``artifact`` of scans stored before named
    artifacts) of every judged page, in page order. Read ``batch`` pages at a time (keyset on the page id, a
    short connection each), so that a caller that uses each page and lets it go holds one batch of evidence,
    not the whole scan's: 20,000 pages' DOM snapshots are gigabytes once decoded."""
    after = 0
    while True:
        with engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(
                select(pages.c.id, pages.c.url, pages.c.mode, pages.c.artifact, pages.c.artifacts)
                .where(pages.c.scan_id == scan_id, pages.c.id > after,
                       or_(pages.c.artifact.is_not(None), pages.c.artifacts.is_not(None)))
                .order_by(pages.c.id).limit(batch)).mappings()]
        if not rows:
            return
        after = rows[-1]["id"]
        yield from rows


def replace_judgements(engine: Engine, scan_id: int, judged: list[tuple[int, dict, list[dict]]]) -> None:
    """Replace the scan's findings and each page's judgement (``(page_id, page columns, finding rows)``) in
    one transaction."""
    with engine.begin() as conn:
        conn.execute(findings.delete().where(findings.c.scan_id == scan_id))
        for page_id, values, rows in judged:
            conn.execute(update(pages).where(pages.c.id == page_id).values(**values))
            _write_findings(conn, scan_id, page_id, rows)


def set_summary_part(engine: Engine, scan_id: int, key: str, value: Any) -> None:
    """Set ``key`` of the scan's ``summary`` JSON (e.g. ``site_checks``: the site rules' judgement). The row is
    locked while it is read and written: two workers' crawl parts ending at once write other keys of one summary
    (crawler traps, probed templates), and neither may lose the other's."""
    with engine.begin() as conn:
        summary = dict(conn.execute(select(scans.c.summary).where(scans.c.id == scan_id).with_for_update())
                       .scalar() or {})
        summary[key] = value
        conn.execute(update(scans).where(scans.c.id == scan_id).values(summary=summary))


def scan_findings(engine: Engine, scan_id: int) -> tuple[list[dict], list[dict]]:
    """(page rows: id, url, score, rule_outcomes, rule_impacts; finding rows in order) of a scan, for grouping
    and the scores."""
    with engine.connect() as conn:
        page_rows = [dict(r) for r in conn.execute(
            select(pages.c.id, pages.c.url, pages.c.score, pages.c.rule_outcomes, pages.c.rule_impacts)
            .where(pages.c.scan_id == scan_id).order_by(pages.c.id)).mappings()]
        rows = [dict(r) for r in conn.execute(select(findings).where(findings.c.scan_id == scan_id)
                                              .order_by(findings.c.id)).mappings()]
    return page_rows, rows


def finish(engine: Engine, scan_id: int, issue_rows: list[dict], site_score: float | None,
           browser_version: str | None = None, net_scores: dict[int, float | None] | None = None) -> None:
    """Replace the scan's issues, set its pages' net scores (``page id -> score``) and its site score, and mark
    it finished (a re-judged scan keeps when it was made)."""
    with engine.begin() as conn:
        for page_id, net in (net_scores or {}).items():
            conn.execute(update(pages).where(pages.c.id == page_id).values(net_score=net))
        conn.execute(issues.delete().where(issues.c.scan_id == scan_id))
        if issue_rows:
            conn.execute(issues.insert(), [{"scan_id": scan_id, **r} for r in issue_rows])
        values: dict[str, Any] = {"site_score": site_score, "state": "finished"}
        if conn.execute(select(scans.c.finished_at).where(scans.c.id == scan_id)).scalar() is None:
            values["finished_at"] = datetime.now(timezone.utc)
        if browser_version:
            values["browser_version"] = browser_version
        conn.execute(update(scans).where(scans.c.id == scan_id).values(**values))


# --- reading a scan whole ----------------------------------------------------------------------------------

class ScanNotFound(LookupError):
    pass


def load_scan(engine: Engine, scan_id: int, page_evidence: bool = True) -> dict[str, Any]:
    """Every stored row of one scan: ``scan``, ``site``, ``pages``, ``findings``, ``issues``, ``attachments``
    (rows as dicts, in the order they were written). Without ``page_evidence`` the pages' ``artifact`` and
    ``artifacts`` columns are left out (read them with ``pages_with_evidence``, a batch at a time: on a big
    site they are most of the database). Raises :class:`ScanNotFound`."""
    with engine.connect() as conn:
        scan = conn.execute(select(scans).where(scans.c.id == scan_id)).mappings().first()
        if scan is None:
            raise ScanNotFound(f"没有编号为 {scan_id} 的扫描 / no scan with id {scan_id}")
        site = conn.execute(select(sites).where(sites.c.id == scan["site_id"])).mappings().first()

        def rows(table, columns=None):
            return [dict(r) for r in conn.execute(select(*(columns or [table])).where(table.c.scan_id == scan_id)
                                                  .order_by(table.c.id)).mappings()]
        page_columns = None if page_evidence else [c for c in pages.c if c.name not in ("artifact", "artifacts")]
        return {"scan": dict(scan), "site": dict(site) if site else None, "pages": rows(pages, page_columns),
                "findings": rows(findings), "issues": rows(issues), "attachments": rows(attachments)}


def latest_finished_scan(engine: Engine, base_url: str | None = None) -> int | None:
    """The newest finished scan (of the site ``base_url``, or of any site)."""
    query = select(func.max(scans.c.id)).where(scans.c.state == "finished")
    if base_url is not None:
        query = query.select_from(scans.join(sites, sites.c.id == scans.c.site_id)).where(sites.c.base_url == base_url)
    with engine.connect() as conn:
        found = conn.execute(query).scalar()
    return None if found is None else int(found)


def site_of_scan(engine: Engine, scan_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(sites).select_from(scans.join(sites, sites.c.id == scans.c.site_id))
                           .where(scans.c.id == scan_id)).mappings().first()
    return dict(row) if row else None


def failed_issues(engine: Engine, scan_ids: list[int]) -> list[dict]:
    """scan_id, rule_id, impact, help, page_count and wcag of the failed issues of ``scan_ids`` (dismissed ones
    left out)."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            select(issues.c.scan_id, issues.c.rule_id, issues.c.impact, issues.c.help, issues.c.page_count,
                   issues.c.wcag).where(issues.c.scan_id.in_(scan_ids), issues.c.outcome == "failed",
                                        issues.c.dismissal_id.is_(None))).mappings()]


def page_rule_outcomes(engine: Engine, scan_ids: list[int]) -> dict[int, list[dict]]:
    """``scan id -> [each judged page's rule_outcomes]`` of ``scan_ids``."""
    out: dict[int, list[dict]] = {}
    if not scan_ids:
        return out
    with engine.connect() as conn:
        for scan_id, outcomes in conn.execute(select(pages.c.scan_id, pages.c.rule_outcomes).where(
                pages.c.scan_id.in_(scan_ids), pages.c.rule_outcomes.is_not(None))):
            out.setdefault(int(scan_id), []).append(outcomes)
    return out


def finished_scan_configs(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return [c or {} for c in conn.execute(select(scans.c.config).where(scans.c.state == "finished")).scalars()]


def scans_with_sites(engine: Engine) -> list[dict]:
    """Every scan row with its site's ``base_url``, in order."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(scans, sites.c.base_url).select_from(
            scans.outerjoin(sites, sites.c.id == scans.c.site_id)).order_by(scans.c.id)).mappings()]


def previous_finished_scan(engine: Engine, scan_id: int, same_mode: bool = False) -> int | None:
    """The newest finished scan of the same site made before ``scan_id`` (None: there is none); with
    ``same_mode``, only one made in the same mode (a static scan after a browser scan judges less)."""
    with engine.connect() as conn:
        row = conn.execute(select(scans.c.site_id, scans.c.mode).where(scans.c.id == scan_id)).first()
        if row is None or row.site_id is None:
            return None
        query = select(func.max(scans.c.id)).where(
            scans.c.site_id == row.site_id, scans.c.state == "finished", scans.c.id < scan_id)
        if same_mode:
            query = query.where(scans.c.mode == row.mode)
        found = conn.execute(query).scalar()
    return None if found is None else int(found)


def latest_finished_scan_of_site(engine: Engine, site_id: int) -> int | None:
    with engine.connect() as conn:
        found = conn.execute(select(func.max(scans.c.id)).where(
            scans.c.site_id == site_id, scans.c.state == "finished")).scalar()
    return None if found is None else int(found)


def scans_showing_dismissal(engine: Engine, dismissal_id: int) -> list[int]:
    """Finished scans whose issues carry the dismissal ``dismissal_id``."""
    with engine.connect() as conn:
        return sorted({int(r[0]) for r in conn.execute(
            select(issues.c.scan_id).where(issues.c.dismissal_id == dismissal_id))})
