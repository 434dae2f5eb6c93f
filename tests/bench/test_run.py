from django.core.cache import caches
from django.urls import reverse

from bench.run import Page, count_queries


def test_a_pages_queries_leave_out_the_database_caches_however_full_it_is(db):
    release = Page(
        name="Release endpoint",
        path=reverse("api:release", args=["1" * 16]) + "?device=one&lang=en-GB",
        from_many_clients=True,
    )
    count_queries(release)
    emptier = release.queries

    # Past its MAX_ENTRIES the database cache deletes what expired on every write.
    caches["default"].set_many({f"~busy-{number}": number for number in range(400)})
    count_queries(release)

    assert release.status_code == 404
    assert release.queries == emptier
