import time

from bench import run
from bench.targets import CONSOLE_PAGES, targets


def page(name, **figures):
    return {"page": name, "status_code": 200, "expected_status": 200, "errors": 0, **figures}


def report(**overrides):
    pages = [
        page("Baseline", vs_baseline=1.0, uncached_ms=2.0, uncached_vs_baseline=1.0),
        page("Admin changelist", vs_baseline=0.05, uncached_ms=19.0, uncached_vs_baseline=9.5),
        *[
            page(name, vs_baseline=0.5, uncached_ms=9.0, uncached_vs_baseline=4.5)
            for name in CONSOLE_PAGES
        ],
        page("Release endpoint", vs_baseline=0.9, uncached_ms=3.0, uncached_vs_baseline=1.5),
        page(
            "Release endpoint, If-None-Match",
            status_code=304,
            expected_status=304,
            requests=500,
            vs_baseline=0.9,
        ),
    ]
    scaling = [
        page(
            name,
            mini_programs=size,
            queries=3,
            uncached_queries=6,
            uncached_ms=ms,
            uncached_vs_baseline=ms / 2.5,
            uncached_vs_smallest=ms / 9.0,
        )
        for name in [
            "Baseline",
            *CONSOLE_PAGES,
            "Release endpoint",
            "Release endpoint, If-None-Match",
        ]
        for size, ms in ((100, 9.0), (100_000, 10.0))
    ]
    mixed = {"list_p99_ms": 30.0, "stale": 0, "writes": 40}
    memory = {"worker_rss_mb": [90.0, 95.5]}
    arguments = {"pages": pages, "scaling": scaling, "mixed": mixed, "memory": memory}
    return {
        name: target
        for name, target in ((t.name, t) for t in targets(**{**arguments, **overrides}))
    }


def test_a_run_that_meets_every_target_says_so_for_each():
    judged = report()

    assert all(target.met for target in judged.values())
    assert judged["Overview: one uncached request vs baseline"].value == 4.5
    assert "List search at 100,000 mini programs: one uncached request vs baseline" in judged


def test_a_stale_answer_or_a_slow_list_under_mixed_load_is_not_met():
    judged = report(mixed={"list_p99_ms": 51.0, "stale": 1, "writes": 40})

    assert not judged["Mixed load: list p99 ms"].met
    assert not judged["Mixed load: answers older than the last completed write"].met


def test_a_missing_page_is_not_met_and_says_it_was_not_measured():
    pages = [page("Baseline", vs_baseline=1.0, uncached_ms=2.0)]
    judged = report(pages=pages)

    activity = judged["Activity: req/s vs baseline"]
    assert activity.value is None
    assert not activity.met


def test_queries_that_grow_with_the_workspace_are_not_met():
    scaling = [
        page(
            "Members",
            mini_programs=size,
            queries=queries,
            uncached_queries=queries,
            uncached_vs_smallest=1.0,
        )
        for size, queries in ((100, 12), (10_000, 13))
    ]

    judged = report(scaling=scaling)

    assert not judged["Scaling 100→10,000: Members, queries (cached, uncached)"].met


def test_a_worker_over_150_mb_is_not_met():
    assert not report(memory={"worker_rss_mb": [90.0, 151.0]})["Memory: largest worker RSS MB"].met


def test_a_pages_uncached_requests_are_timed_between_two_runs_of_the_baselines(monkeypatch):
    order = []

    def getter(page):
        # The baseline takes 2 ms, the page 10: a ratio of 5 whatever the machine does.
        return lambda: order.append(page.name) or time.sleep(0.002 if page is baseline else 0.01)

    monkeypatch.setattr(run, "_getter", getter)
    baseline, page = run.Page("Baseline", "/baseline/"), run.Page("Members", "/members/")

    run.time_single_requests(page, baseline=baseline)

    half = run.SINGLE_REQUEST_SAMPLES // 2 + 1
    uncached = ["Members"] * run.SINGLE_REQUEST_SAMPLES
    assert order[: 2 * half + len(uncached)] == ["Baseline"] * half + uncached + ["Baseline"] * half
    assert len(page.baseline_uncached_samples) == 2 * half
    assert 4 < page.uncached_vs_baseline < 6
