"""The issue's targets (#16, "Speed"), judged from a `make bench` report: each says what it
measured, what was wanted and whether it was met. Every figure that compares with the baseline
uses the baseline measured beside it, so a machine busy with other work changes both alike."""

from dataclasses import dataclass

BASELINE = "Baseline"
LIST = "Manage Mini Program, page 1"
SEARCH = "List search"
ADMIN = "Admin changelist"
RELEASE = "Release endpoint"
RELEASE_NOT_MODIFIED = "Release endpoint, If-None-Match"
# The console pages the issue names, by the names the harness gives them.
CONSOLE_PAGES = (
    "Overview",
    LIST,
    SEARCH,
    "Mini program detail",
    "Members",
    "Activity",
    "Create form",
    "Edit form",
)
# Pages driven at every scaling size: the console's and the release endpoint. The admin
# changelist is left out, since it lists the mini programs of every workspace in the database.
SCALED_PAGES = (*CONSOLE_PAGES, RELEASE, RELEASE_NOT_MODIFIED)

CONSOLE_VS_BASELINE = 0.4
CONSOLE_UNCACHED_VS_BASELINE = 5.0
SEARCH_UNCACHED_VS_BASELINE = 5.0
ADMIN_UNCACHED_VS_BASELINE = 10.0
MIXED_LIST_P99_MS = 50.0
RELEASE_VS_BASELINE = 0.8
SCALE_UNCACHED_VS_SMALLEST = 1.2
WORKER_RSS_MB = 150.0


@dataclass
class Target:
    name: str
    value: object  # None: not measured (the page is missing from this build, or failed)
    wanted: str
    met: bool

    def as_dict(self) -> dict:
        return {"value": self.value, "wanted": self.wanted, "met": self.met}


def at_least(name: str, value: float | None, bound: float) -> Target:
    return Target(name, value, f">= {bound}", value is not None and value >= bound)


def at_most(name: str, value: float | None, bound: float) -> Target:
    return Target(name, value, f"<= {bound}", value is not None and value <= bound)


def ratio(value: float | None, reference: float | None) -> float | None:
    return round(value / reference, 3) if value and reference else None


def targets(pages: list[dict], scaling: list[dict], mixed: dict, memory: dict) -> list[Target]:
    """`pages`: the report's page rows; `scaling`: its rows per page and size, smallest size
    first; `mixed`: the mixed-load run; `memory`: the workers' RSS."""
    rows = {row["page"]: row for row in pages}
    found = []
    for name in CONSOLE_PAGES:
        row = rows.get(name, {})
        found += [
            at_least(f"{name}: req/s vs baseline", row.get("vs_baseline"), CONSOLE_VS_BASELINE),
            at_most(
                f"{name}: one uncached request vs baseline",
                row.get("uncached_vs_baseline"),
                CONSOLE_UNCACHED_VS_BASELINE,
            ),
        ]
    found.append(_search_at_largest(scaling))
    found.append(
        at_most(
            f"{ADMIN}: one uncached request vs baseline",
            rows.get(ADMIN, {}).get("uncached_vs_baseline"),
            ADMIN_UNCACHED_VS_BASELINE,
        )
    )
    found += [
        at_most("Mixed load: list p99 ms", mixed.get("list_p99_ms"), MIXED_LIST_P99_MS),
        Target(
            "Mixed load: answers older than the last completed write",
            mixed.get("stale"),
            "0",
            mixed.get("stale") == 0 and bool(mixed.get("writes")),
        ),
        at_least(
            f"{RELEASE}: req/s vs baseline",
            rows.get(RELEASE, {}).get("vs_baseline"),
            RELEASE_VS_BASELINE,
        ),
        _every_answer_304(rows.get(RELEASE_NOT_MODIFIED, {})),
    ]
    for name in SCALED_PAGES:
        found += _scaling(name, [row for row in scaling if row["page"] == name])
    largest_rss = max(memory.get("worker_rss_mb") or [None], key=lambda rss: rss or 0)
    found.append(at_most("Memory: largest worker RSS MB", largest_rss, WORKER_RSS_MB))
    failed = sorted(
        row["page"]
        for row in [*pages, *scaling]
        if row.get("errors") or row.get("status_code") != row.get("expected_status")
    )
    found.append(Target("Every answer as expected", failed or 0, "0", not failed))
    return found


def _search_at_largest(scaling: list[dict]) -> Target:
    largest = max((row["mini_programs"] for row in scaling), default=None)
    at_size = {row["page"]: row for row in scaling if row["mini_programs"] == largest}
    name = (
        f"{SEARCH} at {largest:,} mini programs: one uncached request vs baseline"
        if largest
        else f"{SEARCH} at the largest size: one uncached request vs baseline"
    )
    return at_most(
        name, at_size.get(SEARCH, {}).get("uncached_vs_baseline"), SEARCH_UNCACHED_VS_BASELINE
    )


def _every_answer_304(row: dict) -> Target:
    answered = bool(row.get("requests")) and row.get("status_code") == 304
    return Target(
        f"{RELEASE_NOT_MODIFIED}: answers other than 304",
        row.get("errors") if answered else None,
        "0",
        answered and row.get("errors") == 0,
    )


def _scaling(name: str, rows: list[dict]) -> list[Target]:
    """Queries the same at every size, and the first view after a change at the largest size
    within 1.2x of the smallest."""
    measured = len(rows) >= 2 and all(row.get("queries") is not None for row in rows)
    queries = sorted({(row.get("queries"), row.get("uncached_queries")) for row in rows})
    sizes = "→".join(f"{row['mini_programs']:,}" for row in rows)
    return [
        Target(
            f"Scaling {sizes}: {name}, queries (cached, uncached)",
            queries if measured else None,
            "the same at every size",
            measured and len(queries) == 1,
        ),
        at_most(
            f"Scaling {sizes}: {name}, one uncached request, largest vs smallest",
            rows[-1].get("uncached_vs_smallest") if measured else None,
            SCALE_UNCACHED_VS_SMALLEST,
        ),
    ]
