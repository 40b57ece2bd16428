"""Site-scan speed: wuzhangai against @axe-core/cli, pa11y-ci and a plain Playwright + axe loop, same pages.

Serves the bundled sample site and the generated pages (``make_pages.py``) on 127.0.0.1, writes the URL list,
then runs each tool in turn (never two at once), timing each whole command wall-clock, browser launch
included. Prints a Markdown table (pages/min, ratios, violations, agreement with wuzhangai, our overhead) and
writes ``bench/out/results.json``. See bench/README.md, section "Site scan".

    python bench/bench_scan.py [--pages 50] [--repeat 3] [--skip-peers]

Overhead = (W x c) / A, where W is the wall-clock seconds of the whole command (process start to exit), c the
number of pages scanned at once (2) and A the sum over pages of the time spent inside ``axe.run``, measured in
the page. 1.0 would mean every worker is inside axe.run from the first to the last second.
"""
from __future__ import annotations

import argparse
import ctypes
import functools
import importlib.metadata
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # make_pages, when run as a script from anywhere

from make_pages import DEFAULT_OUT as SITE_DIR, make_pages  # noqa: E402

from checks.web._data import load_json  # noqa: E402
from checks.web.wcag import DEFAULT_STANDARD, tags_for_standard  # noqa: E402
from wuzhangai.sample_server import load_ground_truth, serve_sample_site  # noqa: E402

OUT = HERE / "out"
NODE_BIN = HERE / "node_modules" / ".bin"
CHROMIUM = "/usr/lib/chromium/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CONCURRENCY = 2
CPUS = os.cpu_count() or 1
TOOL_TIMEOUT = 1800  # seconds; a hung peer must not hang `make bench`
# pa11y's axe runner runs these tags for standard WCAG2AA (pa11y/lib/runners/axe.js), plus best-practice,
# which we leave out of the comparison: wuzhangai's default standard does not run best-practice rules.
PA11Y_WCAG_TAGS = ("wcag2a", "wcag21a", "wcag2aa", "wcag21aa")
Pairs = dict[tuple[str, str], int]  # (page, rule) -> violating nodes


@dataclass
class Run:
    """One tool, one run: timing, pages, and its violations as (page, rule) -> nodes."""

    wall: float
    pages: int
    errors: int
    violations: Pairs
    axe_seconds: float | None = None
    detail: dict = field(default_factory=dict)


@dataclass
class Tool:
    name: str
    version: str
    how: str
    run: Callable[[Path, Path], Run]  # (urls file, run directory) -> Run
    rules_run: frozenset[str] | None = None  # None: the same rules as wuzhangai
    concurrency: int | None = None  # for the overhead; None: not measured


# ---- pages and servers ---------------------------------------------------------------------------------------

class _QuietFiles(SimpleHTTPRequestHandler):
    latency = 0.0  # seconds before each HTML answer (``--latency``): a far-away government server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        """Access logs would interleave with the table."""

    def do_GET(self) -> None:
        if self.latency and self.path.split("?")[0].endswith((".html", "/")):
            time.sleep(self.latency)
        super().do_GET()


def serve_dir(root: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``root`` on a free loopback port in a daemon thread (the tools run in other processes)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietFiles, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="bench-pages", daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def page_key(url: str) -> str:
    """One name per page for every tool: port and path (tools differ on trailing slashes, fragments, hosts)."""
    parts = urlsplit(url)
    return f"{parts.port}{parts.path}"


# ---- the tools -------------------------------------------------------------------------------------------------

def _timed(cmd: list[str], log: Path, stdout: Path | None = None, env: dict | None = None) -> tuple[float, int]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as err, open(stdout or log.with_suffix(".stdout"), "wb") as out:
        started = time.perf_counter()
        proc = subprocess.run(cmd, stdout=out, stderr=err, timeout=TOOL_TIMEOUT, env=env, cwd=HERE)
        wall = time.perf_counter() - started
    return wall, proc.returncode


def _need(ok: bool, what: str, log: Path) -> None:
    if not ok:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"{what} failed; see {log}\n{tail}")


def run_wuzhangai(urls_file: Path, run_dir: Path) -> Run:
    urls = urls_file.read_text().split()
    out, db = run_dir / "wuzhangai.json", run_dir / "wuzhangai.db"
    db.unlink(missing_ok=True)
    exe = str(Path(sys.executable).with_name("wuzhangai"))
    cmd = [exe, "scan", *urls, "--max-pages", str(len(urls)), "--concurrency", str(CONCURRENCY), "--no-sitemap",
           "--format", "json", "--out", str(out), "--db", str(db), "-q"]
    wall, rc = _timed(cmd, run_dir / "wuzhangai.log")
    _need(rc in (0, 1) and out.exists(), "wuzhangai scan", run_dir / "wuzhangai.log")
    doc = json.loads(out.read_text(encoding="utf-8"))
    pairs: Pairs = {}
    for page in doc["pages"]:
        for f in page["findings"]:
            if f["outcome"] == "failed" and f["source"] == "axe":
                key = (page_key(page["url"]), f["rule_id"])
                pairs[key] = pairs.get(key, 0) + 1
    s = doc["summary"]
    # Failures among the URLs asked for (a robots.txt refusal of a page merely linked is not one).
    asked = {page_key(u) for u in urls}
    errors = sum(1 for f in doc["failed_pages"] if page_key(f["url"]) in asked)
    return Run(wall, s["pages_scanned"], errors, pairs, s["axe_seconds"],
               {"internal_wall_seconds": s["wall_seconds"], "timings": [p["timings"] for p in doc["pages"]],
                "browser_version": doc["tool"]["browser_version"], "axe_version": doc["tool"]["axe_version"]})


def check_costs(timings: list[dict]) -> dict[str, dict]:
    """Each probe's cost from the pages' ``timings.checks_ms`` of one wuzhangai run: mean ms where it ran, on how
    many pages, and mean ms over every page (the expensive ones run once per page template by default)."""
    costs: dict[str, list[float]] = {}
    for t in timings:
        for name, ms in (t.get("checks_ms") or {}).items():
            costs.setdefault(name, []).append(ms)
    return {name: {"pages_run": len(ms), "pages": len(timings), "ms_where_run": round(statistics.mean(ms)),
                   "ms_per_page": round(sum(ms) / len(timings))} for name, ms in costs.items()}


def run_reference(urls_file: Path, run_dir: Path) -> Run:
    out = run_dir / "reference.json"
    cmd = [sys.executable, str(HERE / "ref_loop.py"), str(urls_file), str(out), "--workers", str(CONCURRENCY)]
    wall, rc = _timed(cmd, run_dir / "reference.log")
    _need(rc == 0 and out.exists(), "the reference loop", run_dir / "reference.log")
    doc = json.loads(out.read_text(encoding="utf-8"))
    pairs = {(page_key(p["url"]), v["id"]): len(v["nodes"]) for p in doc["pages"] for v in p.get("violations", [])}
    errors = sum(1 for p in doc["pages"] if "error" in p)
    axe_s = sum(p.get("axeMs", 0.0) for p in doc["pages"]) / 1000
    return Run(wall, len(doc["pages"]) - errors, errors, pairs, axe_s,
               {"errors": [p for p in doc["pages"] if "error" in p][:5]})


def axe_source_file() -> Path:
    """The axe.min.js that wuzhangai's scanner injects (scanner/axe.py), handed to @axe-core/cli so both run
    the very same axe."""
    from scanner.axe import axe_file

    return axe_file()


def run_axe_cli(urls_file: Path, run_dir: Path) -> Run:
    urls = urls_file.read_text().split()
    results_dir = run_dir / "axe-cli"
    shutil.rmtree(results_dir, ignore_errors=True)
    cmd = [str(NODE_BIN / "axe"), *urls, "--chromedriver-path", CHROMEDRIVER, "--chrome-path", CHROMIUM,
           "--chrome-options=no-sandbox,disable-gpu,disable-dev-shm-usage",
           "--tags", ",".join(tags_for_standard(DEFAULT_STANDARD)), "--axe-source", str(axe_source_file()),
           "-s", "results.json", "-d", str(results_dir), "--no-reporter"]
    wall, rc = _timed(cmd, run_dir / "axe-cli.log")
    out = results_dir / "results.json"
    _need(out.exists(), "@axe-core/cli", run_dir / "axe-cli.log")
    doc = json.loads(out.read_text(encoding="utf-8"))
    pairs = {(page_key(r["url"]), v["id"]): len(v["nodes"]) for r in doc for v in r["violations"]}
    engines = sorted({r["testEngine"]["version"] for r in doc})
    return Run(wall, len(doc), len(urls) - len(doc), pairs, None, {"axe_version": ",".join(engines)})


def run_pa11y_ci(urls_file: Path, run_dir: Path) -> Run:
    urls = urls_file.read_text().split()
    config = run_dir / "pa11y-ci.json"
    # Warnings and notices on, so axe violations of moderate and minor impact are reported too; pa11y maps
    # axe impacts to its levels and by default drops all but errors.
    config.write_text(json.dumps({"defaults": {
        "chromeLaunchConfig": {"executablePath": CHROMIUM,
                               "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]},
        "runners": ["axe"], "standard": "WCAG2AA", "concurrency": 1, "includeWarnings": True,
        "includeNotices": True, "timeout": 60000}, "urls": urls}, indent=1))
    out = run_dir / "pa11y-ci.out.json"
    wall, rc = _timed([str(NODE_BIN / "pa11y-ci"), "--config", str(config), "--json"], run_dir / "pa11y-ci.log",
                      stdout=out)
    _need(rc in (0, 2) and out.stat().st_size > 0, "pa11y-ci", run_dir / "pa11y-ci.log")
    doc = json.loads(out.read_text(encoding="utf-8"))
    pairs: Pairs = {}
    errors = 0
    for url, issues in doc["results"].items():
        if any("code" not in i for i in issues):  # pa11y-ci reports a page it could not test as a bare message
            errors += 1
            continue
        for issue in issues:
            if issue.get("runnerExtras", {}).get("needsFurtherReview"):
                continue  # axe "incomplete": needs review, not a violation
            key = (page_key(url), issue["code"])
            pairs[key] = pairs.get(key, 0) + 1
    return Run(wall, len(doc["results"]) - errors, errors, pairs)


def _npm_version(package: str, inside: str = "") -> str:
    path = HERE / "node_modules" / inside / "node_modules" / package / "package.json" if inside else \
        HERE / "node_modules" / package / "package.json"
    try:
        return json.loads(path.read_text())["version"]
    except FileNotFoundError:
        return "?"


def rules_with_tags(tags: tuple[str, ...]) -> frozenset[str]:
    """axe rules carrying any of ``tags`` (from checks/web/data/axe_rule_impact.json, the pinned axe-core)."""
    rules = load_json("data/axe_rule_impact.json")["rules"]
    return frozenset(rid for rid, r in rules.items() if set(r["tags"]) & set(tags))


def tools(skip_peers: bool) -> list[Tool]:
    found = [
        Tool("wuzhangai", importlib.metadata.version("wuzhangai"), f"scan, --concurrency {CONCURRENCY}",
             run_wuzhangai, concurrency=CONCURRENCY),
        Tool("Playwright+axe loop", importlib.metadata.version("playwright"),
             f"bench/ref_loop.py: 1 browser, {CONCURRENCY} reused tabs", run_reference, concurrency=CONCURRENCY),
    ]
    if not skip_peers:
        found += [
            Tool("@axe-core/cli", _npm_version("@axe-core/cli"), "one invocation, all URLs, chromedriver",
                 run_axe_cli),
            Tool("pa11y-ci", f"{_npm_version('pa11y-ci')} (pa11y {_npm_version('pa11y')})",
                 "runner axe, concurrency 1", run_pa11y_ci,
                 rules_run=rules_with_tags(PA11Y_WCAG_TAGS)),
        ]
    return found


# ---- comparing ---------------------------------------------------------------------------------------------

def agreement(ours: Pairs, theirs: Pairs, rules: frozenset[str] | None) -> dict:
    """Do two tools report the same failed (page, rule) pairs? Restricted to the rules both ran."""
    def keep(pairs: Pairs) -> Pairs:
        return {k: v for k, v in pairs.items() if rules is None or k[1] in rules}

    a, b = keep(ours), keep(theirs)
    node_diffs = sorted(f"{p} {r}: {a[(p, r)]} vs {b[(p, r)]}" for p, r in a.keys() & b.keys() if a[(p, r)] != b[(p, r)])
    return {
        "same_pairs": a.keys() == b.keys(),
        "only_wuzhangai": sorted(f"{p} {r}" for p, r in a.keys() - b.keys()),
        "only_other": sorted(f"{p} {r}" for p, r in b.keys() - a.keys()),
        "node_count_diffs": node_diffs,
        "out_of_common_rules": sorted({r for _, r in ours.keys() | theirs.keys()} - set(rules)) if rules else [],
    }


def planted_found(pairs: Pairs, manifest: dict, gen_port: int) -> dict:
    """Did the tool find every barrier make_pages.py planted, with the planted node count?"""
    missed, miscounted = [], []
    for page in manifest["pages"]:
        for rule, nodes in page["planted"].items():
            got = pairs.get((f"{gen_port}/{page['path']}", rule), 0)
            if got == 0:
                missed.append(f"{page['path']} {rule}")
            elif got != nodes:
                miscounted.append(f"{page['path']} {rule}: {got} vs {nodes} planted")
    return {"missed": missed, "miscounted": miscounted}


# ---- the report --------------------------------------------------------------------------------------------

def _fmt(x: float | None, nd: int = 1) -> str:
    return "—" if x is None else f"{x:.{nd}f}"


def summarise(tool: Tool, runs: list[Run], ours: Run, manifest: dict, gen_port: int) -> dict:
    walls = [r.wall for r in runs]
    last = runs[-1]
    wall = statistics.median(walls)
    axe_s = statistics.median([r.axe_seconds for r in runs]) if last.axe_seconds is not None else None
    # Per run, then the median: wall and axe time of one run belong together (both stretch under load).
    overhead = statistics.median([r.wall * tool.concurrency / r.axe_seconds for r in runs]) \
        if axe_s and tool.concurrency else None
    stable = all(r.violations == last.violations for r in runs)
    compared = {k: v for k, v in last.violations.items() if tool.rules_run is None or k[1] in tool.rules_run}
    return {
        "tool": tool.name, "version": tool.version, "how": tool.how, "walls": [round(w, 2) for w in walls],
        "wall": round(wall, 2), "pages": last.pages, "errors": last.errors,
        "pages_per_min": round(last.pages * 60 / wall, 1), "axe_seconds": None if axe_s is None else round(axe_s, 2),
        "overhead": None if overhead is None else round(overhead, 2),
        # On a shared machine other people's work only ever adds time, so the best run is worth showing too.
        "pages_per_min_best": round(last.pages * 60 / min(walls), 1),
        # What the tool would reach if it did nothing but axe.run on every worker (overhead 1.0).
        "axe_limit_pages_per_min": round(last.pages * 60 * tool.concurrency / axe_s, 1) if overhead else None,
        "pairs": len(compared), "nodes": sum(compared.values()), "pairs_all_rules": len(last.violations),
        "nodes_all_rules": sum(last.violations.values()), "same_across_repeats": stable,
        "loads": [r.detail.get("load") for r in runs],
        # CPU per page of the tool's own process tree (Chromium included), and the machine's busy share over the
        # run: a tool near 100 % can only get faster by needing less CPU per page, not by waiting less. The
        # machine's CPU per page is kept too; on a shared machine it holds other people's work.
        "cpu_seconds_per_page": round(statistics.median([r.detail["cpu_seconds"] / r.pages for r in runs]), 3),
        "machine_cpu_seconds_per_page": round(statistics.median(
            [r.detail["machine_cpu_seconds"] / r.pages for r in runs]), 3),
        "cpu_busy_share": round(statistics.median([r.detail["machine_cpu_seconds"] / (r.wall * CPUS)
                                                   for r in runs]), 3),
        "agreement": agreement(ours.violations, last.violations, tool.rules_run),
        "planted": planted_found(last.violations, manifest, gen_port), "detail": last.detail,
    }


def _ratio(row: dict, other: dict | None) -> str:
    return _fmt(row["pages_per_min"] / other["pages_per_min"], 2) if other else "—"


def table(rows: list[dict]) -> str:
    by_name = {r["tool"]: r for r in rows}
    pa11y, axe_cli = by_name.get("pa11y-ci"), by_name.get("@axe-core/cli")
    lines = ["| tool | version | pages | wall s | pages/min | × pa11y-ci | × axe-cli | violations: pairs / nodes "
             "| same (page, rule) pairs as wuzhangai | overhead | CPU s/page | machine CPU s/page | cores busy |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        agree = r["agreement"]
        if r["tool"] == "wuzhangai":
            same = "—"
        elif agree["same_pairs"]:
            same = "yes" + (f" ({len(agree['node_count_diffs'])} node-count diffs)" if agree["node_count_diffs"] else "")
        else:
            same = f"no: +{len(agree['only_other'])} / −{len(agree['only_wuzhangai'])}"
        errors = f" ({r['errors']} failed)" if r["errors"] else ""
        lines.append(f"| {r['tool']} | {r['version']} | {r['pages']}{errors} | {_fmt(r['wall'])} | "
                     f"**{_fmt(r['pages_per_min'])}** | {_ratio(r, pa11y)} | {_ratio(r, axe_cli)} | "
                     f"{r['pairs']} / {r['nodes']} | {same} | {_fmt(r['overhead'], 2)} | "
                     f"{_fmt(r['cpu_seconds_per_page'], 3)} | {_fmt(r['machine_cpu_seconds_per_page'], 2)} | "
                     f"{r['cpu_busy_share']:.0%} |")
    return "\n".join(lines)


def machine() -> dict:
    return {"cpus": CPUS, "load_before": os.getloadavg(), "python": platform.python_version(),
            "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
            "chromium": subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()}


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores; /proc/stat minus idle and iowait).

    Chromium's renderers are not children the tool waits for, so rusage misses them; the machine's counter
    sees every process. Tools run one at a time, so the difference over a run is that tool's cost (plus the
    page servers in this process, the same for every tool)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h


def adopt_orphans() -> bool:
    """Make this process the reaper of its descendants' orphans (Linux ``PR_SET_CHILD_SUBREAPER``): Chromium's
    renderers, its zygote and Playwright's driver end up reaped here, so their CPU time reaches
    ``RUSAGE_CHILDREN`` (otherwise init reaps some of them and their time is lost). False where not possible."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def children_cpu_seconds(reap_for: float = 5.0) -> float:
    """User + system CPU seconds of every descendant process reaped so far (the tool's whole process tree: the
    CLI, Playwright's driver, Chromium's browser, renderers and utilities), after reaping the orphans adopted
    by ``adopt_orphans`` (waiting up to ``reap_for`` seconds for those still exiting). Unlike the machine's
    counter it leaves out other people's work on a shared machine."""
    deadline = time.monotonic() + reap_for
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:  # none left
            break
        if pid == 0:  # some still running (a renderer shutting down)
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wait_for_quiet(max_load: float, give_up_after: float = 900) -> None:
    """Other people's test runs on a 2-core machine would be measured as our slowness: wait for a lull."""
    deadline = time.monotonic() + give_up_after
    while os.getloadavg()[0] > max_load and time.monotonic() < deadline:
        time.sleep(10)


def main() -> int:
    ap = argparse.ArgumentParser(description="网站扫描速度基准 / site-scan speed benchmark (bench/README.md)")
    ap.add_argument("--pages", type=int, default=50, help="生成的页面数（另加示例网站 15 页）/ generated pages "
                    "(plus the 15 sample-site pages); default 50")
    ap.add_argument("--repeat", type=int, default=1, help="每个工具运行次数，取中位数 / runs per tool, median reported")
    ap.add_argument("--skip-peers", action="store_true", help="不运行 @axe-core/cli 和 pa11y-ci / only wuzhangai "
                    "and the reference loop")
    ap.add_argument("--max-load", type=float, default=None, metavar="L",
                    help="每次运行前等待 1 分钟负载降到 L 以下（最多 15 分钟）/ before each run, wait (up to 15 min) "
                    "until the 1-minute load average is at most L: the machine is shared")
    ap.add_argument("--latency", type=float, default=0.0, metavar="S",
                    help="生成页面的服务器每个 HTML 响应前等待 S 秒（模拟远程政府网站）/ the generated pages' server "
                    "waits S seconds before each HTML answer, like a far-away government server (default 0)")
    ap.add_argument("--out", type=Path, default=OUT / "results.json", help="结果 JSON / results file")
    args = ap.parse_args()

    manifest = make_pages(SITE_DIR, args.pages)
    tree_cpu = adopt_orphans()
    chosen = tools(args.skip_peers)
    if not args.skip_peers:
        missing = [p for p in (NODE_BIN / "axe", NODE_BIN / "pa11y-ci", Path(CHROMEDRIVER)) if not p.exists()]
        if missing:
            print(f"错误：缺少 {', '.join(map(str, missing))}，请运行 `make bench` / missing peers: run `make bench` "
                  "(or pass --skip-peers)", file=sys.stderr)
            return 2
    sample = serve_sample_site()
    _QuietFiles.latency = args.latency
    generated, gen_url = serve_dir(SITE_DIR)
    gen_port = generated.server_address[1]
    urls = [sample.url.rstrip("/") + p for p in load_ground_truth()["pages"]] + \
           [gen_url + p["path"] for p in manifest["pages"]]
    urls_file = OUT / "urls.txt"
    urls_file.write_text("\n".join(urls) + "\n")
    info = machine()
    print(f"{len(urls)} pages ({len(urls) - len(manifest['pages'])} sample site + {len(manifest['pages'])} generated, "
          f"{min(p['elements'] for p in manifest['pages'])}-{max(p['elements'] for p in manifest['pages'])} elements); "
          f"load average before: {' '.join(f'{x:.2f}' for x in info['load_before'])}"
          + (f"; generated pages answer after {args.latency:g} s" if args.latency else ""), flush=True)

    runs: dict[str, list[Run]] = {t.name: [] for t in chosen}
    try:
        for k in range(args.repeat):
            for tool in chosen:
                run_dir = OUT / "runs" / f"{k + 1}"
                run_dir.mkdir(parents=True, exist_ok=True)
                if args.max_load is not None:
                    wait_for_quiet(args.max_load)
                load_before = os.getloadavg()[0]
                busy_before, tree_before = machine_busy_seconds(), children_cpu_seconds(0)
                result = tool.run(urls_file, run_dir)
                result.detail["cpu_seconds"] = round(children_cpu_seconds() - tree_before, 2)
                result.detail["machine_cpu_seconds"] = round(machine_busy_seconds() - busy_before, 2)
                result.detail["load"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
                runs[tool.name].append(result)
                print(f"  run {k + 1}/{args.repeat} {tool.name}: {result.wall:.1f} s, {result.pages} pages, "
                      f"CPU {result.detail['cpu_seconds'] / max(result.pages, 1):.3f} s/page, "
                      f"load {os.getloadavg()[0]:.2f}", flush=True)
    finally:
        sample.close()
        generated.shutdown()
    ours = runs["wuzhangai"][-1]
    rows = [summarise(t, runs[t.name], ours, manifest, gen_port) for t in chosen]
    info["load_after"] = os.getloadavg()
    print()
    print(table(rows))
    print(f"\noverhead = (wall × {CONCURRENCY}) / Σ time inside axe.run (measured in the page); wall = the whole "
          "command, process start to exit, browser launch included. 1.0 = both workers inside axe.run all the time.")
    print("pages/min, median (best) of runs: " + "; ".join(f"{r['tool']} {r['pages_per_min']} ({r['pages_per_min_best']})"
                                                            for r in rows))
    for r in rows:
        if r["axe_limit_pages_per_min"]:
            print(f"{r['tool']}: axe-time limit {r['axe_limit_pages_per_min']} pages/min "
                  f"(pages × 60 × {CONCURRENCY} / Σ axe.run seconds {r['axe_seconds']})")
    loop = runs.get("Playwright+axe loop")
    if loop:  # run k of each, side by side (alternating runs share the machine's state)
        ratios = [w.detail["cpu_seconds"] / w.pages / (r.detail["cpu_seconds"] / r.pages)
                  for w, r in zip(runs["wuzhangai"], loop)]
        print("CPU s/page, wuzhangai ÷ loop, per pair of runs: " + ", ".join(f"{x:.2f}" for x in ratios)
              + f"; median {statistics.median(ratios):.2f}"
              + ("" if tree_cpu else " (incomplete: this kernel refused PR_SET_CHILD_SUBREAPER, orphans reaped by init are missing)"))
    costs = check_costs(ours.detail.get("timings") or [])
    if costs:
        print("wuzhangai's check groups, cost per page (probe: mean ms where it ran, pages it ran on, mean ms over "
              "all pages): " + "; ".join(f"{name} {c['ms_where_run']} ms on {c['pages_run']}/{c['pages']}, "
                                         f"{c['ms_per_page']} ms/page" for name, c in costs.items()))
    for r in rows[1:]:
        a = r["agreement"]
        if a["only_other"] or a["only_wuzhangai"] or a["node_count_diffs"]:
            print(f"{r['tool']} vs wuzhangai: only {r['tool']}: {a['only_other'][:10]}; only wuzhangai: "
                  f"{a['only_wuzhangai'][:10]}; node counts: {a['node_count_diffs'][:5]}")
        if a["out_of_common_rules"]:
            print(f"{r['tool']}: not compared (rules only one side runs): {', '.join(a['out_of_common_rules'])}")
    for r in rows:
        p = r["planted"]
        if p["missed"] or p["miscounted"]:
            print(f"{r['tool']}: planted barriers missed {p['missed'][:10]}, miscounted {p['miscounted'][:5]}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in info['load_after'])}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": info, "pages": len(urls), "repeat": args.repeat, "latency": args.latency,
                                    "overhead_definition": "(wall seconds x concurrency) / sum of seconds inside "
                                    "axe.run over pages", "tools": rows, "check_costs": costs},
                                   ensure_ascii=False, indent=1))
    print(f"→ {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
