"""Rate limits kept in the shared cache, so every process of the console agrees on the counts.

Each limit reads "N attempts per window" from a setting such as
`RATE_LIMIT_SIGN_IN_PER_ACCOUNT = "5/15m"`. An attempt takes one of N slots with `cache.add` of
a new key, which is atomic on every backend (Redis `SET NX`, the database cache's primary key),
so concurrent requests cannot both take the last slot. Slots belong to the window-long period
they were taken in, and an attempt may take one only while the earlier period's attempts still
inside the window leave room: the count is over the last window, sliding. A slot key is never
taken again once it expires, because the database cache deletes and overwrites expired keys
without a lock. A client over the limit cools off by itself as its oldest attempt leaves the
window: nothing is ever locked for good.

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

    def _slot_keys(self, subject: str, period: int) -> list[str]:
        digest = salted_hmac(
            "core.ratelimit", f"{self.setting}:{subject}", algorithm="sha256"
        ).hexdigest()[:32]
        attempts, _ = self.rate
        return [f"ratelimit:{self.setting}:{digest}:{period}:{slot}" for slot in range(attempts)]

    def hit(self, subject: str) -> str:
        """Counts an attempt by `subject` and returns the key of the slot it took; raises
        RateLimited when `subject` is over the limit."""
        attempts, window = self.rate
        now = time.time()
        period = int(now // window)
        earlier, current = self._slot_keys(subject, period - 1), self._slot_keys(subject, period)
        taken = cache.get_many(earlier + current)
        recent = [taken[key] for key in earlier if taken.get(key, 0) > now - window]
        # As time passes the earlier period's attempts only leave the window, so the room only
        # grows: every slot taken before lies inside it, and none is counted twice.
        for key in current[: attempts - len(recent)]:
            # Kept for two periods: read while its attempt is in the window, and never expired
            # while anyone may still add to it.
            if key not in taken and cache.add(key, now, timeout=2 * window):
                return key
        oldest = min(recent + [taken[key] for key in current if key in taken], default=now)
        raise RateLimited(max(1, math.ceil(oldest + window - now)))

    def clear(self, subject: str) -> int:
        """Gives back every attempt of `subject`; returns how many there were."""
        _, window = self.rate
        period = int(time.time() // window)
        keys = self._slot_keys(subject, period - 1) + self._slot_keys(subject, period)
        count = len(cache.get_many(keys))
        cache.delete_many(keys)
        return count

    @staticmethod
    def give_back(slot: str) -> None:
        """Frees the slot one attempt took, when it turns out not to count."""
        cache.delete(slot)


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
