"""The rate-limit counter itself (core.ratelimit), on the database cache the console uses."""

import time

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory

from core.ratelimit import RateLimit, RateLimited, client_address, parse_rate
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

LIMIT = RateLimit("RATE_LIMIT_FOR_TEST")


@pytest.fixture(autouse=True)
def three_per_minute(settings):
    settings.RATE_LIMIT_FOR_TEST = "3/1m"


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("5/15m", (5, 900)), ("10/1h", (10, 3600)), ("3/1d", (3, 86400)), ("7/30", (7, 30))],
)
def test_it_reads_rates_as_attempts_per_window(rate, parsed):
    assert parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["", "5", "0/1m", "5/0m", "5/1w", "-1/1m", "five/1m"])
def test_it_refuses_a_rate_it_cannot_read(rate):
    with pytest.raises(ValueError, match="attempts/window"):
        parse_rate(rate)


def test_every_configured_rate_is_readable():
    names = [name for name in dir(django_settings) if name.startswith("RATE_LIMIT_")]

    assert len(names) >= 6
    for name in names:
        parse_rate(getattr(django_settings, name))


def test_it_lets_the_allowed_attempts_through_and_stops_the_next():
    for _ in range(3):
        LIMIT.hit("alice")

    with pytest.raises(RateLimited) as error:
        LIMIT.hit("alice")
    assert 0 < error.value.retry_after <= 60


def test_it_counts_each_subject_on_its_own():
    for _ in range(3):
        LIMIT.hit("alice")

    LIMIT.hit("bob")


def test_the_cool_off_ends_when_the_oldest_attempt_leaves_the_window(clock):
    LIMIT.hit("alice")
    clock.advance(30)
    LIMIT.hit("alice")
    LIMIT.hit("alice")

    clock.advance(29)
    with pytest.raises(RateLimited) as error:
        LIMIT.hit("alice")
    assert error.value.retry_after <= 2

    clock.advance(2)
    LIMIT.hit("alice")
    with pytest.raises(RateLimited):
        LIMIT.hit("alice")


def test_it_never_locks_for_good(clock):
    for _ in range(3):
        LIMIT.hit("alice")
    for _ in range(50):
        with pytest.raises(RateLimited):
            LIMIT.hit("alice")

    clock.advance(61)

    LIMIT.hit("alice")


def test_an_attempt_given_back_does_not_count():
    for _ in range(2):
        LIMIT.hit("alice")

    LIMIT.give_back(LIMIT.hit("alice"))

    LIMIT.hit("alice")
    with pytest.raises(RateLimited):
        LIMIT.hit("alice")


def test_clear_gives_back_every_attempt():
    for _ in range(3):
        LIMIT.hit("alice")

    LIMIT.clear("alice")

    LIMIT.hit("alice")


def test_the_cache_holds_no_readable_subject():
    LIMIT.hit("alice@example.com")

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM console_cache")
        rows = cursor.fetchall()
    assert rows
    assert not any("alice" in key for key, _ in rows)


def test_a_rate_change_takes_effect_at_once(settings):
    for _ in range(3):
        LIMIT.hit("alice")

    settings.RATE_LIMIT_FOR_TEST = "4/1m"

    LIMIT.hit("alice")


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
    ],
)
def test_it_counts_an_ipv6_host_by_its_64_prefix(address, counted_as):
    request = RequestFactory().get("/", REMOTE_ADDR=address)

    assert client_address(request) == counted_as


def test_it_counts_the_forwarded_client_behind_a_proxy(settings):
    settings.USE_X_FORWARDED_FOR = True
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.1"
    )

    assert client_address(request) == "198.51.100.7"


# How the counts are read and taken (the module's docstring): on the database cache and on a
# cache in memory, whose `add` is atomic in another way.


@pytest.fixture(params=["configured", "locmem"])
def any_cache(request, settings):
    if request.param == "locmem":
        settings.CACHES = {
            **settings.CACHES,
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    yield caches["default"]
    caches["default"].clear()


@pytest.fixture
def reads(monkeypatch, any_cache):
    """The keys of each `get_many`, one list per call."""
    calls = []
    get_many = any_cache.get_many

    def spy(keys, *args, **kwargs):
        calls.append(list(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(any_cache, "get_many", spy)
    return calls


def test_a_hit_reads_a_handful_of_keys_not_every_slot(settings, reads):
    settings.RATE_LIMIT_FOR_TEST = "120/1m"

    LIMIT.hit("alice")

    assert len(reads) == 1
    assert len(reads[0]) <= 16


def test_a_busy_client_is_read_in_few_growing_chunks(settings, clock, reads):
    settings.RATE_LIMIT_FOR_TEST = "120/1m"
    clock.advance(1 - time.time() % 60)
    for _ in range(100):
        LIMIT.hit("alice")
    reads.clear()

    LIMIT.hit("alice")

    # The first 8 slots, then up to the limit and 8 more: the first read not full ends it.
    assert len(reads) == 2
    assert len(reads[1]) <= 120


@pytest.mark.parametrize("rate", ["3/1m", "20/1m"])
def test_the_window_slides_over_many_attempts(settings, clock, any_cache, rate):
    settings.RATE_LIMIT_FOR_TEST = rate
    attempts, _ = parse_rate(rate)
    clock.advance(50 - time.time() % 60)
    for _ in range(attempts):
        LIMIT.hit("alice")

    clock.advance(20)
    with pytest.raises(RateLimited) as error:
        LIMIT.hit("alice")
    assert 39 <= error.value.retry_after <= 41

    clock.advance(41)
    for _ in range(attempts):
        LIMIT.hit("alice")
    with pytest.raises(RateLimited):
        LIMIT.hit("alice")


def test_a_request_that_loses_the_last_slot_is_refused(monkeypatch, any_cache):
    LIMIT.hit("alice")
    LIMIT.hit("alice")
    add = any_cache.add
    rivals = []

    def add_after_a_rival(key, *args, **kwargs):
        # Another request reads and takes the last slot between this one's read and its add.
        if not rivals:
            rivals.append(None)
            rivals[0] = LIMIT.hit("alice")
        return add(key, *args, **kwargs)

    monkeypatch.setattr(any_cache, "add", add_after_a_rival)

    with pytest.raises(RateLimited):
        LIMIT.hit("alice")
    assert rivals


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_never_take_more_than_the_limit(settings, any_cache):
    settings.RATE_LIMIT_FOR_TEST = "5/1m"
    LIMIT.hit("alice")

    def attempt():
        try:
            return LIMIT.hit("alice")
        except RateLimited:
            return None

    taken = [slot for slot in at_once(*[attempt] * 8) if slot]

    assert len(taken) == 4
    assert len(set(taken)) == 4


def test_a_slot_given_back_is_not_taken_again_and_frees_room(any_cache):
    first = LIMIT.hit("alice")
    second = LIMIT.hit("alice")

    LIMIT.give_back(second)

    third = LIMIT.hit("alice")
    assert third not in (first, second)
    assert any_cache.get(second) is not None
    LIMIT.hit("alice")
    with pytest.raises(RateLimited):
        LIMIT.hit("alice")


def test_clear_counts_only_the_attempts_not_given_back(any_cache):
    LIMIT.hit("alice")
    LIMIT.give_back(LIMIT.hit("alice"))

    assert LIMIT.clear("alice") == 1
    for _ in range(3):
        LIMIT.hit("alice")


def test_a_slot_the_cache_evicts_is_forgotten_but_the_limit_holds(any_cache):
    slots = [LIMIT.hit("alice") for _ in range(3)]

    any_cache.delete(slots[1])

    assert LIMIT.hit("alice") == slots[1]
    with pytest.raises(RateLimited):
        LIMIT.hit("alice")


def test_a_lost_race_reads_again_rather_than_trying_every_later_slot(
    settings, monkeypatch, any_cache
):
    settings.RATE_LIMIT_FOR_TEST = "5/1m"
    slots = [LIMIT.hit("alice") for _ in range(5)]
    any_cache.delete(slots[1])
    add = any_cache.add
    tried = []

    def add_after_a_rival(key, *args, **kwargs):
        tried.append(key)
        if len(tried) == 1:
            # Another request fills the gap between this one's read and its add.
            LIMIT.hit("alice")
        return add(key, *args, **kwargs)

    monkeypatch.setattr(any_cache, "add", add_after_a_rival)

    with pytest.raises(RateLimited):
        LIMIT.hit("alice")
    assert tried == [slots[1], slots[1]]


def test_a_cache_filled_past_its_limit_forgets_no_attempt():
    for _ in range(3):
        LIMIT.hit("alice")

    # More entries than the database cache keeps (MAX_ENTRIES, 300 by default), every one of
    # them sorting after the attempts' keys: Django's own cull then deletes the first third of
    # the live entries, attempts included, and a flood of requests would give a password
    # guesser their attempts back.
    caches["default"].set_many({f"~busy-{number}": number for number in range(400)})

    with pytest.raises(RateLimited):
        LIMIT.hit("alice")


def test_a_cache_filled_past_its_limit_still_deletes_what_expired():
    caches["default"].set_many({f"~gone-{number}": number for number in range(400)}, timeout=0)

    caches["default"].set("~kept", 1)

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM console_cache")
        (entries,) = cursor.fetchone()
    assert entries <= 300
    assert caches["default"].get("~kept") == 1
