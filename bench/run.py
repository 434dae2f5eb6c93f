"""`make bench`: the console under load, against a bare Django baseline, at scale.

1. A fresh benchmark database (`config.settings_bench`) is migrated and seeded with the main
   workspace: 10,000 mini programs in two languages, 1,000 members, 1,000 invitations.
2. Database queries per page are counted in this process with Django's test client, outside the
   timed runs, and single requests are timed there with the fragment cache warm and emptied:
   under load a cached page is drawn from the cache, so its first view after a change (uncached)
   is reported beside it.
3. gunicorn serves the console with production settings (DEBUG off) on 127.0.0.1, and wrk drives
   each page over keep-alive connections for a fixed time, signed in as the Owner through a
   session cookie made directly in the session store.
4. Then one workspace per scaling size, holding only mini programs, is seeded and its list page
   driven the same way.
5. A table is printed and a JSON report written to `bench/results/`.

Usage: python -m bench.run [--duration 10] [--concurrency 8] ... (see --help).
"""

import argparse
import itertools
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from statistics import mean, median

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
SETTINGS_MODULE = "config.settings_bench"

# The targets for the Manage Mini Program list.
TARGET_LIST_VS_BASELINE = 0.5
TARGET_LIST_VS_ADMIN = 6.0
TARGET_P99_MS = 50.0
TARGET_SCALE_LATENCY_RATIO = 1.2
# Single requests timed in process per page, for the cached and uncached figures.
SINGLE_REQUEST_SAMPLES = 15
# What a device asks the release endpoint: one device and language for every request, since
# the answer's cost does not depend on which of the two served versions the device gets.
RELEASE_QUERY = "?device=bench-device-1&lang=en-GB"


@dataclass
class Page:
    name: str
    path: str | None  # None: the page does not exist (yet) in this build
    cookie: str = ""  # empty: anonymous
    headers: dict[str, str] = field(default_factory=dict)
    expected_status: int = 200
    # Each request from another client address (X-Forwarded-For), as devices come: the page is
    # rate limited per address, and one address would be over its limit within seconds.
    from_many_clients: bool = False
    status_code: int | None = None
    queries: int | None = None
    # One request in this process: with the fragment cache warm, and emptied before each.
    uncached_queries: int | None = None
    cached_ms: float | None = None
    uncached_ms: float | None = None
    runs: list[dict] = field(default_factory=list)
    # Requests per second of the baseline measured right before each run, for the ratio.
    baseline_rps: list[float] = field(default_factory=list)

    @property
    def load(self) -> dict:
        """The runs together: means of rates and percentiles, sums of counts."""
        if not self.runs:
            return {}
        combined = {key: mean(run[key] for run in self.runs) for key in self.runs[0]}
        combined["requests"] = sum(run["requests"] for run in self.runs)
        combined["errors"] = sum(run["errors"] for run in self.runs)
        combined["max_ms"] = max(run["max_ms"] for run in self.runs)
        return combined

    @property
    def vs_baseline(self) -> float | None:
        if not self.runs or not all(self.baseline_rps):
            return None
        return mean(run["rps"] for run in self.runs) / mean(self.baseline_rps)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of untimed load first")
    parser.add_argument("--concurrency", type=int, default=8, help="keep-alive connections")
    parser.add_argument(
        "--scale-duration", type=int, default=16, help="seconds per size, in two runs"
    )
    parser.add_argument(
        "--sizes", default="100,10000,100000", help="mini programs per workspace for scaling"
    )
    parser.add_argument("--mini-programs", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--invitations", type=int, default=1_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    # One thread per worker: no GIL contention inside a worker, and a slow page's leftover
    # requests hold the worker, so waiting for an idle server (see Load.settle) is reliable.
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    # As behind the production proxy, so pages with `from_many_clients` can name their clients.
    os.environ.setdefault("USE_X_FORWARDED_FOR", "true")
    import django

    django.setup()
    from django.db import connection

    vendor = connection.vendor
    print(f"Benchmark database: {vendor} ({connection.settings_dict['NAME']})", flush=True)
    prepare_database()

    from bench.seed import seed_workspace

    started = time.perf_counter()
    main_workspace = seed_workspace(
        label="main",
        mini_programs=args.mini_programs,
        members=args.members,
        invitations=args.invitations,
        owner_is_staff=True,
    )
    seed_seconds = time.perf_counter() - started
    print(
        f"Seeded {main_workspace.mini_programs} mini programs, {main_workspace.versions} "
        f"versions, {main_workspace.members} members, {main_workspace.invitations} invitations "
        f"in {seed_seconds:.1f} s",
        flush=True,
    )
    analyze_database()
    pages = main_pages(main_workspace, session_cookie(main_workspace))
    for page in pages:
        count_queries(page)

    with gunicorn(args) as base_url:
        load = Load(base_url, args.concurrency)
        baseline, *others = pages
        load.warm_up(baseline, args.warmup)
        # Each page right after a baseline run: its ratio compares two neighbouring runs, so a
        # machine that slows down during the benchmark changes both alike.
        for page in others:
            load.run(baseline, args.duration)
            page.baseline_rps.append(baseline.runs[-1]["rps"])
            load.warm_up(page, args.warmup)
            load.run(page, args.duration)

        # Seeded only now, so the admin changelist above lists the same mini programs as the
        # console: the main workspace's.
        scale_pages = {}
        for size in (int(size) for size in args.sizes.split(",")):
            seeded = seed_workspace(label=f"scale{size}", mini_programs=size)
            scale_pages[size] = Page(
                f"List, {size:,} mini programs", list_path(), session_cookie(seeded)
            )
        analyze_database()
        order = [*scale_pages.values()]
        for page in order:
            count_queries(page)
            load.warm_up(page, args.warmup)
        # Sizes in the order small, large, large, small (ABBA) cancels a steady drift.
        for page in [*order, *reversed(order)]:
            load.run(page, args.scale_duration // 2 or 1)

    report = build_report(args, vendor, main_workspace, seed_seconds, pages, scale_pages)
    path = write_report(report)
    print()
    print(markdown_tables(report))
    print(f"\nReport: {path.relative_to(PROJECT_DIR)}")
    return 0


def prepare_database():
    """An empty benchmark database, migrated, with the cache table and collected static files."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.close()
        name = Path(connection.settings_dict["NAME"])
        for path in (name, Path(f"{name}-wal"), Path(f"{name}-shm")):
            path.unlink(missing_ok=True)
    else:
        name = connection.ops.quote_name(connection.settings_dict["NAME"])
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")
            cursor.execute(f"CREATE DATABASE {name}")
    call_command("migrate", verbosity=0, interactive=False)
    shutil.rmtree(settings.STATIC_ROOT, ignore_errors=True)
    call_command("collectstatic", verbosity=0, interactive=False)


def analyze_database():
    """Gives the query planner statistics, as PostgreSQL's autovacuum would after a bulk load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def session_cookie(seeded) -> str:
    """A signed-in session for the workspace's Owner, made directly in the session store."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.selectors import SESSION_WORKSPACE_KEY

    session = SessionStore()
    session[SESSION_KEY] = str(seeded.owner.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = seeded.owner.get_session_auth_hash()
    session[SESSION_WORKSPACE_KEY] = seeded.workspace.pk
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def reverse_or_none(name, *args, query="") -> str | None:
    """The page's path, or None while its URL does not exist in this build."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


def list_path() -> str | None:
    return reverse_or_none("miniprograms:list")


def main_pages(seeded, cookie: str) -> list[Page]:
    """The pages measured, the baseline first. The mini program's pages are the showcase's,
    which has a version in every release stage."""
    app_id = seeded.showcase.app_id
    pages = [
        Page("Baseline", reverse_or_none("bench_baseline")),
        Page("Admin changelist", reverse_or_none("admin:miniprograms_miniprogram_changelist")),
        Page("Overview", reverse_or_none("console:overview")),
        Page("Manage Mini Program, page 1", list_path()),
        Page("List search", reverse_or_none("miniprograms:list", query="?q=App+42")),
        Page("List by name", reverse_or_none("miniprograms:list", query="?sort=name")),
        Page(
            "List, Alipay China",
            reverse_or_none("miniprograms:list", query="?release_to=alipay-china"),
        ),
        Page("Mini program detail", reverse_or_none("miniprograms:detail", app_id)),
        Page("Members", reverse_or_none("members:list")),
        Page(
            "JSON listing",
            reverse_or_none("miniprograms:listing_json", app_id, query="?lang=en-GB"),
        ),
    ]
    for page in pages:
        page.cookie = cookie
    release = reverse_or_none("api:release", app_id, query=RELEASE_QUERY)
    pages.append(Page("Release endpoint", release, from_many_clients=True))
    if release is not None:
        pages.append(
            Page(
                "Release endpoint, If-None-Match",
                release,
                headers={"If-None-Match": release_etag(release)},
                expected_status=304,
                from_many_clients=True,
            )
        )
    return pages


def release_etag(path: str) -> str:
    """The ETag a device keeps from its last answer and sends back."""
    from django.test import Client

    return Client(headers={"x-forwarded-for": next(CLIENT_ADDRESSES)}).get(path)["ETag"]


def client_addresses():
    """10.0.0.1, 10.0.0.2, ...: a new client for each request (see `Page.from_many_clients`)."""
    for number in itertools.count(1):
        yield f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


CLIENT_ADDRESSES = client_addresses()


def count_queries(page: Page) -> None:
    """Queries of one request, after a first request has warmed up per-process caches, and of
    one with the fragment cache emptied; and the median time of each kind of request."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if page.path is None:
        return
    client = Client(headers=page_headers(page))
    fragments = caches["fragments"]

    def get():
        if page.from_many_clients:
            return client.get(page.path, headers={"x-forwarded-for": next(CLIENT_ADDRESSES)})
        return client.get(page.path)

    def timed(*, uncached: bool) -> float:
        if uncached:
            fragments.clear()
        started = time.perf_counter()
        get()
        return (time.perf_counter() - started) * 1000

    get()
    with CaptureQueriesContext(connection) as queries:
        response = get()
    page.status_code = response.status_code
    page.queries = len(queries)
    fragments.clear()
    with CaptureQueriesContext(connection) as queries:
        get()
    page.uncached_queries = len(queries)
    page.uncached_ms = median(timed(uncached=True) for _ in range(SINGLE_REQUEST_SAMPLES))
    get()
    page.cached_ms = median(timed(uncached=False) for _ in range(SINGLE_REQUEST_SAMPLES))


def page_headers(page: Page) -> dict[str, str]:
    return {**({"Cookie": page.cookie} if page.cookie else {}), **page.headers}


class gunicorn:
    """gunicorn on a free loopback port, for the length of a `with` block."""

    def __init__(self, args):
        self.args = args

    def __enter__(self) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.log = (BENCH_DIR / "gunicorn.log").open("w")
        # gthread: the sync worker closes every connection, and the load must keep them alive.
        self.process = subprocess.Popen(  # noqa: S603 (our own arguments)
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                f"--workers={self.args.workers}",
                "--worker-class=gthread",
                f"--threads={self.args.threads}",
                # A gthread worker accepts every connection it can and keeps it: without a cap,
                # one worker could hold most of wrk's connections while the other idles, and a
                # run's rate halved at random.
                f"--worker-connections={-(-self.args.concurrency // self.args.workers)}",
                "--keep-alive=30",
                "--graceful-timeout=5",
            ],
            cwd=PROJECT_DIR,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/healthz", timeout=1):  # noqa: S310
                    return base_url
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start; see bench/gunicorn.log") from None
                time.sleep(0.2)

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@dataclass
class Load:
    base_url: str
    concurrency: int

    def settle(self, fast=0.05, in_a_row=5, patience=120) -> None:
        """Waits until the server answers at once again: wrk stops sending when its time is up,
        but the server still works through the requests in flight, and a slow page's would
        otherwise be charged to the next run."""
        deadline = time.monotonic() + patience
        quick = 0
        while quick < in_a_row and time.monotonic() < deadline:
            started = time.monotonic()
            with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=patience):  # noqa: S310
                pass
            quick = quick + 1 if time.monotonic() - started < fast else 0

    def warm_up(self, page: Page, duration: int) -> None:
        if page.path is not None and duration:
            wrk(self.base_url, page, self.concurrency, duration)

    def run(self, page: Page, duration: int) -> None:
        if page.path is None:
            print(f"{page.name}: missing", flush=True)
            return
        run = wrk(self.base_url, page, self.concurrency, duration)
        page.runs.append(run)
        self.settle()
        print(
            f"{page.name}: {run['rps']:.0f} req/s, p50 {run['p50_ms']:.1f} ms, "
            f"p99 {run['p99_ms']:.1f} ms, {run['errors']} errors",
            flush=True,
        )


def wrk(base_url: str, page: Page, concurrency: int, duration: int) -> dict:
    script = "many_clients.lua" if page.from_many_clients else "report.lua"
    output = subprocess.run(  # noqa: S603 (our own arguments)
        [
            shutil.which("wrk") or "wrk",
            "--threads=1",
            f"--connections={concurrency}",
            f"--duration={duration}s",
            "--timeout=10s",
            f"--script={BENCH_DIR / script}",
            *(f"--header={name}: {value}" for name, value in page_headers(page).items()),
            base_url + page.path,
            # The script's own argument: the status every answer should have.
            "--",
            str(page.expected_status),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    errors = raw["not_ok"] + sum(
        raw[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts")
    )
    if not raw["requests"]:
        # Not one response in the whole run: every connection waited in vain.
        errors += concurrency
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "mean_ms": raw["mean_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": errors,
        "bytes_per_response": round(raw["bytes"] / raw["requests"]) if raw["requests"] else 0,
    }


def build_report(args, vendor, main_workspace, seed_seconds, pages, scale_pages) -> dict:
    import django

    def ratio(value, reference):
        return _round(value / reference) if value and reference else None

    baseline = pages[0]
    page_rows = [
        {
            "page": page.name,
            "path": page.path,
            "missing": page.path is None,
            "status_code": page.status_code,
            "expected_status": page.expected_status,
            "queries": page.queries,
            **_single_requests(page),
            **{key: round(value, 2) for key, value in page.load.items()},
            "vs_baseline": 1.0 if page is baseline else _round(page.vs_baseline),
        }
        for page in pages
    ]
    sizes = list(scale_pages)
    smallest = scale_pages[sizes[0]].load
    scale_rows = [
        {
            "mini_programs": size,
            "queries": page.queries,
            "status_code": page.status_code,
            **_single_requests(page),
            **{key: round(value, 2) for key, value in page.load.items()},
            "p50_vs_smallest": ratio(page.load.get("p50_ms"), smallest.get("p50_ms")),
            "mean_vs_smallest": ratio(page.load.get("mean_ms"), smallest.get("mean_ms")),
            "uncached_vs_smallest": ratio(page.uncached_ms, scale_pages[sizes[0]].uncached_ms),
        }
        for size, page in scale_pages.items()
    ]
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": vendor,
        "machine": {
            "cpus": os.cpu_count(),
            # Other work on the machine skews absolute figures; the ratios are built to survive it.
            "load_average_at_end": round(os.getloadavg()[0], 2),
            "python": platform.python_version(),
            "django": django.get_version(),
        },
        "load": {
            "tool": "wrk",
            "concurrency": args.concurrency,
            "seconds_per_page": args.duration,
            "seconds_per_size": args.scale_duration,
            "warmup_seconds": args.warmup,
            "server": f"gunicorn gthread, {args.workers} workers x {args.threads} threads",
        },
        "seed": {
            "mini_programs": main_workspace.mini_programs,
            "members": main_workspace.members,
            "invitations": main_workspace.invitations,
            "seconds": round(seed_seconds, 1),
        },
        "pages": page_rows,
        "scaling": scale_rows,
        "targets": targets(page_rows, scale_rows),
    }


def _single_requests(page: Page) -> dict:
    return {
        "uncached_queries": page.uncached_queries,
        "cached_ms": _round(page.cached_ms),
        "uncached_ms": _round(page.uncached_ms),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def targets(page_rows, scale_rows) -> dict:
    """The issue's targets for the list page, with the figures they were judged on; empty while
    a page they need is missing."""
    rows = {row["page"]: row for row in page_rows}
    listing, admin = rows["Manage Mini Program, page 1"], rows["Admin changelist"]
    if not listing.get("rps") or not admin.get("rps") or len(scale_rows) < 2:
        return {}
    # Both against their own neighbouring baseline runs, so the ratio survives a noisy machine.
    vs_admin = listing["vs_baseline"] / admin["vs_baseline"]
    queries = sorted({(scale["queries"], scale["uncached_queries"]) for scale in scale_rows})
    largest = scale_rows[-1]["p50_vs_smallest"] or float("inf")
    largest_uncached = scale_rows[-1]["uncached_vs_smallest"] or float("inf")
    errors = sum(row.get("errors", 0) for row in [listing, *scale_rows])
    return {
        "list vs baseline req/s": _target(
            listing["vs_baseline"],
            f">= {TARGET_LIST_VS_BASELINE}",
            listing["vs_baseline"] >= TARGET_LIST_VS_BASELINE,
        ),
        "list vs admin changelist req/s": _target(
            _round(vs_admin), f">= {TARGET_LIST_VS_ADMIN}", vs_admin >= TARGET_LIST_VS_ADMIN
        ),
        "list p99 ms": _target(
            listing["p99_ms"], f"<= {TARGET_P99_MS}", listing["p99_ms"] <= TARGET_P99_MS
        ),
        "list errors": _target(errors, "0", errors == 0),
        "list queries at each size (cached, uncached)": _target(
            queries, "one pair", len(queries) == 1
        ),
        "list p50, largest vs smallest size": _target(
            largest, f"<= {TARGET_SCALE_LATENCY_RATIO}", largest <= TARGET_SCALE_LATENCY_RATIO
        ),
        "list uncached, largest vs smallest size": _target(
            largest_uncached,
            f"<= {TARGET_SCALE_LATENCY_RATIO}",
            largest_uncached <= TARGET_SCALE_LATENCY_RATIO,
        ),
    }


def _target(value, wanted: str, met: bool) -> dict:
    return {"value": value, "wanted": wanted, "met": met}


def write_report(report: dict) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = report["when"].replace(":", "").replace("-", "").removesuffix("+0000")
    path = RESULTS_DIR / f"bench-{report['database']}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return path


def markdown_tables(report: dict) -> str:
    def number(value, digits=1):
        return "—" if value is None else f"{value:,.{digits}f}"

    def rate(value):
        return number(value, 1 if value is not None and value < 10 else 0)

    smallest = report["scaling"][0]["mini_programs"]
    lines = [
        f"{report['database']}, {report['load']['server']}, wrk at concurrency "
        f"{report['load']['concurrency']} for {report['load']['seconds_per_page']} s per page; "
        f"seeded {report['seed']['mini_programs']:,} mini programs, "
        f"{report['seed']['members']:,} members, {report['seed']['invitations']:,} invitations "
        f"in {report['seed']['seconds']} s; {report['machine']['cpus']} CPUs, load average "
        f"{report['machine']['load_average_at_end']} at the end",
        "",
        "| page | req/s | p50 ms | p99 ms | errors | queries | vs baseline "
        "| one request: cached ms | uncached ms | uncached queries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["pages"]:
        if row["missing"]:
            lines.append(f"| {row['page']} | missing | | | | | | | | |")
            continue
        status = (
            "" if row["status_code"] == row["expected_status"] else f" (HTTP {row['status_code']})"
        )
        lines.append(
            f"| {row['page']}{status} | {rate(row.get('rps'))} | "
            f"{number(row.get('p50_ms'))} | {number(row.get('p99_ms'))} | "
            f"{row.get('errors', '—')} | {row['queries']} | {number(row['vs_baseline'], 2)} | "
            f"{number(row['cached_ms'])} | {number(row['uncached_ms'])} | "
            f"{row['uncached_queries']} |"
        )
    lines += [
        "",
        "| list page, mini programs in workspace | req/s | p50 ms | p99 ms | queries "
        f"| p50 vs {smallest:,} | mean vs {smallest:,} | one request: uncached ms "
        f"| uncached queries | uncached vs {smallest:,} |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["scaling"]:
        lines.append(
            f"| {row['mini_programs']:,} | {rate(row.get('rps'))} | "
            f"{number(row.get('p50_ms'))} | {number(row.get('p99_ms'))} | {row['queries']} | "
            f"{number(row['p50_vs_smallest'], 2)} | {number(row['mean_vs_smallest'], 2)} | "
            f"{number(row['uncached_ms'])} | {row['uncached_queries']} | "
            f"{number(row['uncached_vs_smallest'], 2)} |"
        )
    if report["targets"]:
        lines += ["", "| target | measured | wanted | met |", "|---|---:|---:|---|"]
        for name, target in report["targets"].items():
            met = "yes" if target["met"] else "**no**"
            lines.append(f"| {name} | {target['value']} | {target['wanted']} | {met} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
