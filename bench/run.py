"""`make bench`: the console under load, against a bare Django baseline, at scale.

1. A fresh benchmark database (`config.settings_bench`) is migrated and seeded with the main
   workspace: 10,000 mini programs in two languages, 1,000 members, 1,000 invitations, 10,000
   activity rows.
2. Database queries per page are counted in this process with Django's test client, outside the
   timed runs, and single requests are timed there with the fragment cache warm and emptied:
   under load a cached page is drawn from the cache, so its first view after a change (uncached)
   is reported beside it, as a ratio to the baseline's.
3. gunicorn serves the console with production settings (DEBUG off) on 127.0.0.1, and wrk drives
   each page over keep-alive connections for a fixed time, signed in as the Owner through a
   session cookie made directly in the session store.
4. Mixed load (bench/mixed.py): wrk reads the list, a detail page and the Overview while
   writers edit mini programs and add languages at a share of the requests, each write checked
   on the pages read right after it.
5. Then one workspace per scaling size is seeded and every console page counted, timed and
   driven the same way, sizes in the order small, large, large, small.
6. The workers' memory is read, a table printed with the issue's targets (bench/targets.py),
   and a JSON report written to `bench/results/`.

Usage: python -m bench.run [--duration 10] [--concurrency 8] ... (see --help).
"""

import argparse
import io
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

from bench.targets import BASELINE, LIST, SCALED_PAGES, ratio, targets

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
SETTINGS_MODULE = "config.settings_bench"

# Single requests timed in process per page, for the cached and uncached figures.
SINGLE_REQUEST_SAMPLES = 15
# The pages the mixed load reads, and the share of wrk's connections each gets.
MIXED_READS = {LIST: 2, "Mini program detail": 1, "Overview": 1}
# Languages the mixed load's writers add: none of them is a seeded mini program's.
ADDED_LANGUAGES = ("ja", "ko", "fr", "de", "es", "pt", "th", "vi", "id", "ms", "ru", "ar")
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
    cached_samples: list[float] = field(default_factory=list)
    uncached_samples: list[float] = field(default_factory=list)
    # The baseline's uncached requests, timed just before and just after this page's.
    baseline_uncached_samples: list[float] = field(default_factory=list)
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
    def cached_ms(self) -> float | None:
        return median(self.cached_samples) if self.cached_samples else None

    @property
    def uncached_ms(self) -> float | None:
        return median(self.uncached_samples) if self.uncached_samples else None

    @property
    def uncached_vs_baseline(self) -> float | None:
        """The page's median uncached request over the baseline's, timed around it."""
        if not self.uncached_samples or not self.baseline_uncached_samples:
            return None
        return ratio(self.uncached_ms, median(self.baseline_uncached_samples))

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
        "--scale-duration", type=int, default=4, help="seconds per page and size, in two runs"
    )
    parser.add_argument("--mixed-duration", type=int, default=20, help="seconds of mixed load")
    parser.add_argument(
        "--write-share", type=float, default=0.05, help="share of mixed-load requests that write"
    )
    parser.add_argument("--writers", type=int, default=2, help="mixed-load writers at once")
    parser.add_argument(
        "--sizes", default="100,10000,100000", help="mini programs per workspace for scaling"
    )
    parser.add_argument("--mini-programs", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--invitations", type=int, default=1_000)
    parser.add_argument("--activity", type=int, default=10_000, help="activity rows")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    # One thread per worker: no GIL contention inside a worker, and a slow page's leftover
    # requests hold the worker, so waiting for an idle server (see Load.settle) is reliable.
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    import django

    django.setup()
    from django.db import connection

    vendor = connection.vendor
    print(f"Benchmark database: {vendor} ({connection.settings_dict['NAME']})", flush=True)
    prepare_database()

    from bench.seed import seed_staff, seed_workspace

    started = time.perf_counter()
    main_workspace = seed_workspace(
        label="main",
        mini_programs=args.mini_programs,
        members=args.members,
        invitations=args.invitations,
        activity=args.activity,
    )
    seed_seconds = time.perf_counter() - started
    print(
        f"Seeded {main_workspace.mini_programs} mini programs, {main_workspace.versions} "
        f"versions, {main_workspace.members} members, {main_workspace.invitations} invitations, "
        f"{main_workspace.activity} activity rows in {seed_seconds:.1f} s",
        flush=True,
    )
    analyze_database()
    staff_cookie = session_cookie(seed_staff())
    pages = main_pages(main_workspace, session_cookie(main_workspace.owner), staff_cookie)
    baseline = pages[0]
    for page in pages:
        count_queries(page)
        time_single_requests(page, baseline=baseline)

    memory = {}
    with gunicorn(args) as server:
        load = Load(server.base_url, args.concurrency)
        baseline, *others = pages
        load.warm_up(baseline, args.warmup)
        # Each page right after a baseline run: its ratio compares two neighbouring runs, so a
        # machine that slows down during the benchmark changes both alike.
        for page in others:
            load.run(baseline, args.duration)
            page.baseline_rps.append(baseline.runs[-1]["rps"])
            load.warm_up(page, args.warmup)
            load.run(page, args.duration)
        memory["after the page runs"] = server.worker_rss_mb()

    # A server of its own: the writers' connections come on top of wrk's (see gunicorn).
    with gunicorn(args, extra_connections=args.writers) as server:
        mixed = mixed_load(args, server.base_url, main_workspace, pages)
        memory["after the mixed load"] = server.worker_rss_mb()

    # Seeded only now, so the admin changelist above lists the same mini programs as the
    # console: the main workspace's.
    scale_pages = {}
    for size in (int(size) for size in args.sizes.split(",")):
        seeded = seed_workspace(
            label=f"scale{size}",
            mini_programs=size,
            members=args.members,
            invitations=args.invitations,
            activity=args.activity,
        )
        scale_pages[size] = [
            page
            for page in main_pages(seeded, session_cookie(seeded.owner))
            if page.name in (BASELINE, *SCALED_PAGES)
        ]
        print(f"Seeded the {size:,} workspace", flush=True)
    analyze_database()
    sizes = list(scale_pages)
    # Sizes in the order small, large, large, small (ABBA) cancels a steady drift.
    abba = [*sizes, *reversed(sizes)]
    for size in sizes:
        for page in scale_pages[size]:
            count_queries(page)
    for size in abba:
        for page in scale_pages[size]:
            time_single_requests(page, baseline=scale_pages[size][0])
    with gunicorn(args) as server:
        load = Load(server.base_url, args.concurrency)
        for index, name in enumerate(page.name for page in scale_pages[sizes[0]]):
            if name == BASELINE:
                continue
            at_size = {size: scale_pages[size][index] for size in sizes}
            for size in sizes:
                load.warm_up(at_size[size], min(args.warmup, 1))
            for size in abba:
                load.run(at_size[size], args.scale_duration // 2 or 1, label=f"{size:,}")
        memory["after the scaling runs"] = server.worker_rss_mb()

    report = build_report(
        args, vendor, main_workspace, seed_seconds, pages, scale_pages, mixed, memory
    )
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
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.STATIC_ROOT, ignore_errors=True)
    call_command("collectstatic", verbosity=0, interactive=False)


def analyze_database():
    """Gives the query planner statistics, as PostgreSQL's autovacuum would after a bulk load,
    and on PostgreSQL marks the new rows all-visible, as its vacuum would too: until then an
    index-only scan still reads every row it counts from the table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def session_cookie(user) -> str:
    """A signed-in session for `user` (in their one workspace), made directly in the session
    store, with the CSRF cookie a browser keeps from its first page: the pages with forms are
    cached per CSRF secret (accounts.selectors.content_fragment_key)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    csrf_secret = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={csrf_secret}"
    )


def reverse_or_none(name, *args, query="") -> str | None:
    """The page's path, or None while its URL does not exist in this build."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


def list_path() -> str | None:
    return reverse_or_none("miniprograms:list")


def main_pages(seeded, cookie: str, staff_cookie: str | None = None) -> list[Page]:
    """The pages measured, the baseline first, read with `cookie` (the Owner's), the admin's
    with `staff_cookie`. The mini program's pages are the showcase's, which has a version in
    every release stage."""
    app_id = seeded.showcase.app_id
    pages = [
        Page(BASELINE, reverse_or_none("bench_baseline")),
        Page("Admin changelist", reverse_or_none("admin:miniprograms_miniprogram_changelist")),
        Page("Overview", reverse_or_none("console:overview")),
        Page(LIST, list_path()),
        Page("List search", reverse_or_none("miniprograms:list", query="?q=App+42")),
        Page("List by name", reverse_or_none("miniprograms:list", query="?sort=name")),
        Page(
            "List, Alipay China",
            reverse_or_none("miniprograms:list", query="?release_to=alipay-china"),
        ),
        Page("Mini program detail", reverse_or_none("miniprograms:detail", app_id)),
        Page("Members", reverse_or_none("members:list")),
        Page("Activity", reverse_or_none("console:activity")),
        Page("Create form", reverse_or_none("miniprograms:create")),
        Page("Edit form", reverse_or_none("miniprograms:edit", app_id)),
        Page(
            "JSON listing",
            reverse_or_none("miniprograms:listing_json", app_id, query="?lang=en-GB"),
        ),
    ]
    for page in pages:
        page.cookie = cookie
    pages[1].cookie = staff_cookie or cookie
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


def _getter(page: Page):
    """One request for the page with Django's test client, in this process."""
    from django.test import Client

    client = Client(headers=page_headers(page))

    def get():
        if page.from_many_clients:
            return client.get(page.path, headers={"x-forwarded-for": next(CLIENT_ADDRESSES)})
        return client.get(page.path)

    return get


def count_queries(page: Page) -> None:
    """Queries of one request, after a first request has warmed up per-process caches, and of
    one with the fragment cache emptied."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if page.path is None:
        return
    get = _getter(page)
    get()
    with CaptureQueriesContext(connection) as queries:
        response = get()
    page.status_code = response.status_code
    page.queries = page_queries(queries)
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as queries:
        get()
    page.uncached_queries = page_queries(queries)


def page_queries(queries) -> int:
    """The queries a request made, but those of the database cache (`CACHE_URL=dbcache://`,
    where the rate limits count): Redis answers those without the database, and how many there
    are depends on how full the cache is (core.cache), which the runs before change."""
    from django.conf import settings

    cache = settings.CACHES["default"]
    table = cache["LOCATION"] if cache["BACKEND"].endswith("DatabaseCache") else None
    return sum(1 for query in queries if table is None or f'"{table}"' not in query["sql"])


def time_single_requests(page: Page, *, baseline: Page) -> None:
    """Times single requests in this process, with the fragment cache emptied before each and
    warm; each call adds its samples to the page's medians.

    The page's uncached requests come between two runs of the baseline's, each half as long,
    and the page's ratio is to those: one baseline figure for the whole run, timed once at its
    start, was off by up to a third when the machine slowed or sped up. Runs rather than turns:
    a baseline request right after the page's would pay for the page's garbage."""
    from django.core.cache import caches

    if page.path is None:
        return
    get = _getter(page)
    get_baseline = _getter(baseline) if page is not baseline else None
    fragments = caches["fragments"]

    def timed(request, *, uncached: bool) -> float:
        if uncached:
            fragments.clear()
        started = time.perf_counter()
        request()
        return (time.perf_counter() - started) * 1000

    def time_baseline(count: int) -> None:
        if get_baseline is not None:
            page.baseline_uncached_samples += [
                timed(get_baseline, uncached=True) for _ in range(count)
            ]

    time_baseline(SINGLE_REQUEST_SAMPLES // 2 + 1)
    page.uncached_samples += [timed(get, uncached=True) for _ in range(SINGLE_REQUEST_SAMPLES)]
    time_baseline(SINGLE_REQUEST_SAMPLES // 2 + 1)
    get()
    page.cached_samples += [timed(get, uncached=False) for _ in range(SINGLE_REQUEST_SAMPLES)]


def page_headers(page: Page) -> dict[str, str]:
    return {**({"Cookie": page.cookie} if page.cookie else {}), **page.headers}


class gunicorn:
    """gunicorn on a free loopback port, for the length of a `with` block. `extra_connections`:
    clients connecting besides wrk's, each of which needs a place in a worker."""

    def __init__(self, args, extra_connections: int = 0):
        self.args = args
        self.connections = args.concurrency + extra_connections

    def __enter__(self) -> "gunicorn":
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
                f"--worker-connections={-(-self.connections // self.args.workers)}",
                "--keep-alive=30",
                "--graceful-timeout=5",
            ],
            cwd=PROJECT_DIR,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=1):  # noqa: S310
                    return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start; see bench/gunicorn.log") from None
                time.sleep(0.2)

    def worker_rss_mb(self) -> list[float]:
        """The resident memory of each worker (the master's children), in MB."""
        return [
            round(rss_kb / 1024, 1)
            for rss_kb in (status_rss_kb(pid) for pid in children(self.process.pid))
            if rss_kb is not None
        ]

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def children(parent: int) -> list[int]:
    """The processes whose parent is `parent`, from /proc."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue  # ended meanwhile
        if f"\nPPid:\t{parent}\n" in text:
            found.append(int(status.parent.name))
    return sorted(found)


def status_rss_kb(pid: int) -> int | None:
    """VmRSS of /proc/<pid>/status, in kB; None once the process has ended."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    return next((int(line.split()[1]) for line in lines if line.startswith("VmRSS:")), None)


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

    def run(self, page: Page, duration: int, label: str = "") -> None:
        name = f"{page.name} ({label})" if label else page.name
        if page.path is None:
            print(f"{name}: missing", flush=True)
            return
        run = wrk(self.base_url, page, self.concurrency, duration)
        page.runs.append(run)
        self.settle()
        print(
            f"{name}: {run['rps']:.0f} req/s, p50 {run['p50_ms']:.1f} ms, "
            f"p99 {run['p99_ms']:.1f} ms, {run['errors']} errors",
            flush=True,
        )


def wrk(base_url: str, page: Page, concurrency: int, duration: int) -> dict:
    output = subprocess.run(  # noqa: S603 (our own arguments)
        wrk_command(base_url, page, concurrency, duration),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return wrk_figures(output, concurrency)


def wrk_command(base_url: str, page: Page, concurrency: int, duration: int) -> list[str]:
    script = "many_clients.lua" if page.from_many_clients else "report.lua"
    return [
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
    ]


def wrk_figures(output: str, concurrency: int) -> dict:
    """The figures report.lua printed."""
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


def mixed_load(args, base_url: str, seeded, pages: list[Page]) -> dict:
    """wrk reads the list, the showcase's page and the Overview over the connections
    MIXED_READS shares out, while `args.writers` writers write at `args.write_share` of the
    requests (paced from the pages' own rates in their runs) and check each write."""
    from bench.mixed import Staleness, Writer

    by_name = {page.name: page for page in pages}
    reads = {name: by_name[name] for name in MIXED_READS}
    if any(page.path is None or not page.runs for page in reads.values()):
        return {}
    shares = sum(MIXED_READS.values())
    connections = {
        name: max(1, args.concurrency * share // shares) for name, share in MIXED_READS.items()
    }
    expected_reads = sum(
        reads[name].load["rps"] * count / args.concurrency for name, count in connections.items()
    )
    writes_per_second = expected_reads * args.write_share / (1 - args.write_share)
    edits, others = mixed_load_targets(seeded, args.writers)
    staleness = Staleness()
    writers = [
        Writer(
            base_url=base_url,
            cookie=session_cookie(seeded.owner),
            paths=console_paths(),
            edits=edits[number :: args.writers],
            additions=language_additions(others[number :: args.writers]),
            interval=args.writers / writes_per_second,
            label=f"w{number}n",
            staleness=staleness,
        )
        for number in range(args.writers)
    ]
    loads = {
        name: subprocess.Popen(  # noqa: S603 (our own arguments)
            wrk_command(base_url, reads[name], count, args.mixed_duration),
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, count in connections.items()
    }
    for writer in writers:
        writer.start()
    outputs = {name: process.communicate()[0] for name, process in loads.items()}
    for writer in writers:
        writer.stop.set()
    for writer in writers:
        writer.join()
    figures = {name: wrk_figures(output, connections[name]) for name, output in outputs.items()}
    writes = sum(writer.writes for writer in writers)
    requests = sum(run["requests"] for run in figures.values()) + sum(
        writer.requests for writer in writers
    )
    write_ms = [ms for writer in writers for ms in writer.write_ms]
    result = {
        "seconds": args.mixed_duration,
        "connections": connections,
        "writers": args.writers,
        "write_share_wanted": args.write_share,
        "write_share": _round(writes / requests) if requests else None,
        "writes": writes,
        "write_p50_ms": _round(median(write_ms)) if write_ms else None,
        "write_failures": [failure for writer in writers for failure in writer.failures][:5],
        "reads": {
            name: {key: round(value, 2) for key, value in run.items()}
            for name, run in figures.items()
        },
        "list_p99_ms": round(figures[LIST]["p99_ms"], 2),
        **staleness.as_dict(),
    }
    print(
        f"Mixed load: {writes} writes ({result['write_share']:.1%} of requests), "
        f"list p99 {result['list_p99_ms']:.1f} ms, {result['stale']} stale answers in "
        f"{sum(staleness.checked.values())} checks, "
        f"{len(result['write_failures'])} failed writes",
        flush=True,
    )
    return result


def language_additions(app_ids: list[str]):
    """(App ID, language) pairs, each language added to every mini program before the next.

    A function of its own so each writer's App IDs are bound when it is made: a generator
    expression in the writers' list read `number` only once running, when every writer's was
    the last, so two writers added the same language to the same mini programs."""
    return ((app_id, language) for language in ADDED_LANGUAGES for app_id in app_ids)


def mixed_load_targets(seeded, writers: int) -> tuple[list[str], list[str]]:
    """App IDs the writers edit, from the list's first page, each given a logo since the edit
    form asks for one while a mini program has none; and those they add languages to."""
    from django.core.files.base import ContentFile
    from PIL import Image

    from miniprograms.models import MiniProgram

    newest = MiniProgram.objects.filter(workspace=seeded.workspace).order_by("-created_at", "-id")
    edited = list(newest[: max(writers, 10)])
    png = io.BytesIO()
    Image.new("RGB", (64, 64), "#1677ff").save(png, format="PNG")
    for mini_program in edited:
        mini_program.logo.save(f"{mini_program.app_id}.png", ContentFile(png.getvalue()))
    others = newest.exclude(pk=seeded.showcase.pk).values_list("app_id", flat=True)
    return [mini_program.app_id for mini_program in edited], list(others[len(edited) : 400])


def console_paths():
    from django.urls import reverse

    from bench.mixed import Paths

    placeholder = "1" * 16

    def by_app_id(name):
        return reverse(name, args=[placeholder]).replace(placeholder, "{app_id}")

    return Paths(
        list=reverse("miniprograms:list"),
        overview=reverse("console:overview"),
        detail=by_app_id("miniprograms:detail"),
        edit=by_app_id("miniprograms:edit"),
        language_add=by_app_id("miniprograms:language_add"),
    )


def build_report(
    args, vendor, main_workspace, seed_seconds, pages, scale_pages, mixed, memory
) -> dict:
    import django

    baseline = pages[0]
    page_rows = [
        {
            **_row(page),
            "vs_baseline": 1.0 if page is baseline else _round(page.vs_baseline),
            "uncached_vs_baseline": 1.0 if page is baseline else page.uncached_vs_baseline,
        }
        for page in pages
    ]
    sizes = list(scale_pages)
    scale_rows = []
    for index, smallest in enumerate(scale_pages[sizes[0]] if sizes else []):
        for size in sizes:
            page = scale_pages[size][index]
            scale_rows.append(
                {
                    "mini_programs": size,
                    **_row(page),
                    "p50_vs_smallest": ratio(page.load.get("p50_ms"), smallest.load.get("p50_ms")),
                    "uncached_vs_smallest": ratio(page.uncached_ms, smallest.uncached_ms),
                }
            )
    every_worker = [rss for figures in memory.values() for rss in figures]
    memory = {"worker_rss_mb": every_worker, "by_moment": memory}
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
            "seconds_per_page_and_size": args.scale_duration,
            "warmup_seconds": args.warmup,
            "server": f"gunicorn gthread, {args.workers} workers x {args.threads} threads",
        },
        "seed": {
            "mini_programs": main_workspace.mini_programs,
            "members": main_workspace.members,
            "invitations": main_workspace.invitations,
            "activity": main_workspace.activity,
            "seconds": round(seed_seconds, 1),
        },
        "pages": page_rows,
        "scaling": scale_rows,
        "mixed": mixed,
        "memory": memory,
        "targets": {
            target.name: target.as_dict()
            for target in targets(page_rows, scale_rows, mixed, memory)
        },
    }


def _row(page: Page) -> dict:
    return {
        "page": page.name,
        "path": page.path,
        "missing": page.path is None,
        "status_code": page.status_code,
        "expected_status": page.expected_status,
        "queries": page.queries,
        "uncached_queries": page.uncached_queries,
        "cached_ms": _round(page.cached_ms),
        "uncached_ms": _round(page.uncached_ms),
        "baseline_uncached_ms": _round(
            median(page.baseline_uncached_samples) if page.baseline_uncached_samples else None
        ),
        "uncached_vs_baseline": page.uncached_vs_baseline,
        **{key: round(value, 2) for key, value in page.load.items()},
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def write_report(report: dict) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = report["when"].replace(":", "").replace("-", "").removesuffix("+0000")
    path = RESULTS_DIR / f"bench-{report['database']}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return path


def _number(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def _rate(value):
    return _number(value, 1 if value is not None and value < 10 else 0)


def markdown_tables(report: dict) -> str:
    seed = report["seed"]
    lines = [
        f"{report['database']}, {report['load']['server']}, wrk at concurrency "
        f"{report['load']['concurrency']} for {report['load']['seconds_per_page']} s per page; "
        f"seeded {seed['mini_programs']:,} mini programs, {seed['members']:,} members, "
        f"{seed['invitations']:,} invitations, {seed['activity']:,} activity rows in "
        f"{seed['seconds']} s; {report['machine']['cpus']} CPUs, load average "
        f"{report['machine']['load_average_at_end']} at the end",
        "",
        "| page | req/s | p50 ms | p99 ms | errors | queries | vs baseline "
        "| one request: cached ms | uncached ms | uncached queries | uncached vs baseline |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["pages"]:
        if row["missing"]:
            lines.append(f"| {row['page']} | missing | | | | | | | | | |")
            continue
        lines.append(
            f"| {_page_name(row)} | {_rate(row.get('rps'))} | {_number(row.get('p50_ms'))} | "
            f"{_number(row.get('p99_ms'))} | {row.get('errors', '—')} | {row['queries']} | "
            f"{_number(row['vs_baseline'], 2)} | {_number(row['cached_ms'])} | "
            f"{_number(row['uncached_ms'])} | {row['uncached_queries']} | "
            f"{_number(row['uncached_vs_baseline'], 2)} |"
        )
    lines += _scaling_table(report["scaling"])
    lines += _mixed_lines(report["mixed"])
    rss = report["memory"]["worker_rss_mb"]
    lines += ["", f"Worker RSS after the runs: {', '.join(f'{mb:.1f}' for mb in rss)} MB"]
    lines += ["", "| target | measured | wanted | met |", "|---|---:|---:|---|"]
    for name, target in report["targets"].items():
        met = "met" if target["met"] else "**not met**"
        value = "not measured" if target["value"] is None else target["value"]
        lines.append(f"| {name} | {value} | {target['wanted']} | {met} |")
    return "\n".join(lines)


def _page_name(row: dict) -> str:
    if row["status_code"] == row["expected_status"]:
        return row["page"]
    return f"{row['page']} (HTTP {row['status_code']})"


def _scaling_table(rows: list[dict]) -> list[str]:
    if not rows:
        return []
    smallest = rows[0]["mini_programs"]
    lines = [
        "",
        "| page, mini programs in workspace | req/s | p50 ms | p99 ms | queries "
        f"| p50 vs {smallest:,} | one request: uncached ms | uncached queries "
        f"| uncached vs {smallest:,} |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row["missing"]:
            continue
        lines.append(
            f"| {_page_name(row)}, {row['mini_programs']:,} | {_rate(row.get('rps'))} | "
            f"{_number(row.get('p50_ms'))} | {_number(row.get('p99_ms'))} | {row['queries']} | "
            f"{_number(row['p50_vs_smallest'], 2)} | {_number(row['uncached_ms'])} | "
            f"{row['uncached_queries']} | {_number(row['uncached_vs_smallest'], 2)} |"
        )
    return lines


def _mixed_lines(mixed: dict) -> list[str]:
    if not mixed:
        return ["", "Mixed load: not run (a page it reads is missing)"]
    lines = [
        "",
        f"Mixed load, {mixed['seconds']} s: {mixed['writes']} writes by {mixed['writers']} "
        f"writers, {_number((mixed['write_share'] or 0) * 100)} % of requests (wanted "
        f"{mixed['write_share_wanted']:.0%}), a write's POST p50 "
        f"{_number(mixed['write_p50_ms'])} ms; {mixed['stale']} stale answers in "
        f"{sum(mixed['checked'].values())} reads right after a write; "
        f"{len(mixed['write_failures'])} failed writes",
        "",
        "| mixed load, read | connections | req/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, run in mixed["reads"].items():
        lines.append(
            f"| {name} | {mixed['connections'][name]} | {_rate(run['rps'])} | "
            f"{_number(run['p50_ms'])} | {_number(run['p99_ms'])} | {run['errors']} |"
        )
    lines += [f"- {failure}" for failure in mixed["write_failures"]]
    lines += [f"- stale: {example}" for example in mixed["examples"]]
    return lines


if __name__ == "__main__":
    sys.exit(main())
