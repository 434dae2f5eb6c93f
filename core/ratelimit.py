"""Rate limits kept in the shared cache, so every process of the console agrees on the counts.

Each limit reads "N attempts per window" from a setting such as
`RATE_LIMIT_SIGN_IN_PER_ACCOUNT = "5/15m"`. An attempt takes a slot with `cache.add` of a new
key, which is atomic on every backend (Redis `SET NX`, the database cache's primary key), so
concurrent requests cannot both take the last slot. Slots belong to the window-long period they
were taken in, and an attempt may take one only while the earlier period's attempts still inside
the window leave room: the count is over the last window, sliding. A client over the limit cools
off by itself as its oldest attempt leaves the window: nothing is ever locked for good.

A period's slots are numbered, and each is taken only once the one before it is seen taken, so
the taken slots are always a prefix 0, 1, 2, ...: a hit reads the first few slots of the two
periods and more only while they are all taken, so a client with few attempts costs one small
read and one `cache.add`, not a read of every slot. No key is ever deleted while its period can
still be counted, which keeps the prefix whole:
- an attempt given back (`give_back`) keeps its slot, marked as not counting, and the room it
  frees is the next slot's: a given-back slot is never taken again;
- a slot key is never taken again once it expires either, because the database cache deletes
  and overwrites expired keys without a lock; it is kept for two periods, so it expires only
  once its period can no longer be counted.
Only `clear` deletes a client's slots, all of them, which empties the prefix. A key the cache
evicts on its own forgets that attempt, as it would any counter: the prefix ends at the gap,
and the next hit takes that slot again. Our database cache never evicts a live key (core.cache);
Redis must be given the memory not to (docs/deployment.md). A hit
whose `cache.add` finds its slot taken meanwhile reads the slots again before it tries another.

Cache keys carry a keyed hash of what is counted (an IP address, an email), never the value.
"""

import ipaddress
import math
import re
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from core.activity import client_ip

RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*([smhd]?)\s*$")
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
# Slots read at first from each of the two periods: a client with fewer attempts in them costs
# one read of a few keys (see RateLimit._taken for the reads after it).
FIRST_READ = 8
# The value of a slot given back: taken, so never taken again, but no attempt in any window.
GIVEN_BACK = 0


def parse_rate(rate: str) -> tuple[int, int]:
    """Parses "5/15m" into (5 attempts, 900 seconds)."""
    match = RATE.match(rate)
    if not match or int(match[1]) < 1 or int(match[2]) < 1:
        raise ValueError(f"A rate looks like 5/15m (attempts/window in s, m, h or d): {rate!r}")
    return int(match[1]), int(match[2]) * UNIT_SECONDS[match[3]]


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"Rate limited; retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class RateLimit:
    """One limit, named by the setting that holds its rate."""

    setting: str

    @property
    def rate(self) -> tuple[int, int]:
        return parse_rate(getattr(settings, self.setting))

    def _subject_key(self, subject: str) -> str:
        """The prefix of the subject's slot keys: slot n of a period is `<prefix>:<period>:<n>`."""
        digest = salted_hmac(
            "core.ratelimit", f"{self.setting}:{subject}", algorithm="sha256"
        ).hexdigest()[:32]
        return f"ratelimit:{self.setting}:{digest}"

    def _taken(self, subject_key: str, periods: list[int]) -> dict[str, list]:
        """The taken slots of each period, in order, as {period prefix: [each slot's value]}:
        the prefix up to the first slot not taken. Read in chunks: the first few slots, which
        is all a light client has; then up to the limit and a few more, which is all a client
        at its limit has; then twice as many each time (only given-back slots go further)."""
        attempts, _ = self.rate
        first = min(FIRST_READ, attempts)
        taken = {f"{subject_key}:{period}": [] for period in periods}
        reading, start, end = list(taken), 0, first
        while reading:
            slots = range(start, end)
            found = cache.get_many([f"{prefix}:{slot}" for prefix in reading for slot in slots])
            full = []
            for prefix in reading:
                values = taken[prefix]
                for slot in slots:
                    value = found.get(f"{prefix}:{slot}")
                    if value is None:
                        break
                    values.append(value)
                else:
                    full.append(prefix)
            reading, start = full, end
            end = attempts + first if end == first else 2 * end
        return taken

    def hit(self, subject: str) -> str:
        """Counts an attempt by `subject` and returns the key of the slot it took; raises
        RateLimited when `subject` is over the limit."""
        attempts, window = self.rate
        now = time.time()
        period = int(now // window)
        subject_key = self._subject_key(subject)
        # Each add that fails finds its slot taken, so the next read counts one more: the loop
        # ends within `attempts` reads on any cache that keeps what it adds.
        for _ in range(attempts + 1):
            earlier, current = self._taken(subject_key, [period - 1, period]).values()
            recent = [value for value in earlier if value > now - window]
            counted = [value for value in current if value != GIVEN_BACK]
            # As time passes the earlier period's attempts only leave the window and attempts
            # are only given back, so the room only grows: every slot taken before lies inside.
            if len(recent) + len(counted) >= attempts:
                break
            slot = f"{subject_key}:{period}:{len(current)}"
            # Kept for two periods: read while its attempt is in the window, and never expired
            # while anyone may still add to it.
            if cache.add(slot, now, timeout=2 * window):
                return slot
            # Taken meanwhile by another request: read again rather than try the slots after
            # it one add at a time (a gap the cache left may have been filled, and the slots
            # past it are taken).
        oldest = min(recent + counted, default=now)
        raise RateLimited(max(1, math.ceil(oldest + window - now)))

    def clear(self, subject: str) -> int:
        """Gives back every attempt of `subject`; returns how many there were."""
        _, window = self.rate
        period = int(time.time() // window)
        taken = self._taken(self._subject_key(subject), [period - 1, period])
        cache.delete_many(
            [f"{prefix}:{slot}" for prefix, values in taken.items() for slot in range(len(values))]
        )
        return sum(value != GIVEN_BACK for values in taken.values() for value in values)

    def give_back(self, slot: str) -> None:
        """Frees the room one attempt took, when it turns out not to count. The slot stays
        taken, so the taken slots stay a prefix (see the module's docstring)."""
        _, window = self.rate
        cache.set(slot, GIVEN_BACK, timeout=2 * window)


SIGN_IN_PER_ACCOUNT = RateLimit("RATE_LIMIT_SIGN_IN_PER_ACCOUNT")
SIGN_IN_PER_IP = RateLimit("RATE_LIMIT_SIGN_IN_PER_IP")
SIGN_UP_PER_IP = RateLimit("RATE_LIMIT_SIGN_UP_PER_IP")
PASSWORD_RESET_PER_IP = RateLimit("RATE_LIMIT_PASSWORD_RESET_PER_IP")
PASSWORD_RESET_PER_EMAIL = RateLimit("RATE_LIMIT_PASSWORD_RESET_PER_EMAIL")
INVITATION_LINK_PER_IP = RateLimit("RATE_LIMIT_INVITATION_LINK_PER_IP")


def client_address(request) -> str:
    """The client, as rate limits count it."""
    return counted_address(client_ip(request) or "unknown")


def counted_address(raw: str) -> str:
    """An IPv6 host usually owns a whole /64, so that is what counts as one client."""
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def too_many_requests(request, error: RateLimited):
    minutes = math.ceil(error.retry_after / 60)
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def rate_limited(*limits: RateLimit, methods: tuple[str, ...] = ("POST",)):
    """Counts every request in `methods` against each limit, per client address, and answers the
    429 page when one is over. Also turns a RateLimited raised inside the view into that page."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                if request.method in methods:
                    for limit in limits:
                        limit.hit(client_address(request))
                return view(request, *args, **kwargs)
            except RateLimited as error:
                return too_many_requests(request, error)

        return wrapper

    return decorator
