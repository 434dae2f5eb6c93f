"""Rate limits kept in the shared cache, so every process of the console agrees on the counts.

Each limit reads "N attempts per window" from a setting such as
`RATE_LIMIT_SIGN_IN_PER_ACCOUNT = "5/15m"`. The counter is a sliding log of N slots: an attempt
takes a free slot with `cache.add`, which is atomic on every backend (the database cache's primary
key, Redis `SET NX`), and a slot frees itself when its window has passed. So at most N attempts
get through in any window, concurrent requests cannot both take the last slot, and a client over
the limit cools off by itself: nothing is ever locked for good.

Cache keys carry a keyed hash of what is counted (an IP address, an email), never the value.
"""

import ipaddress
import math
import re
import time
from contextlib import suppress
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

    def _slot_keys(self, subject: str) -> list[str]:
        digest = salted_hmac(
            "core.ratelimit", f"{self.setting}:{subject}", algorithm="sha256"
        ).hexdigest()[:32]
        attempts, _ = self.rate
        return [f"ratelimit:{self.setting}:{digest}:{slot}" for slot in range(attempts)]

    def _taken(self, keys: list[str]) -> dict[str, float]:
        """The slots in use, each with the time it frees itself."""
        now = time.time()
        return {key: until for key, until in cache.get_many(keys).items() if until > now}

    def hit(self, subject: str) -> None:
        """Counts an attempt by `subject`; raises RateLimited when it is over the limit."""
        keys = self._slot_keys(subject)
        _, window = self.rate
        taken = self._taken(keys)
        for key in keys:
            if key not in taken and cache.add(key, time.time() + window, timeout=window):
                return
        raise RateLimited(self._retry_after(keys))

    def check(self, subject: str) -> None:
        """Raises RateLimited when `subject` has no attempt left, without counting one."""
        keys = self._slot_keys(subject)
        if len(self._taken(keys)) >= len(keys):
            raise RateLimited(self._retry_after(keys))

    def clear(self, subject: str) -> None:
        cache.delete_many(self._slot_keys(subject))

    def _retry_after(self, keys: list[str]) -> int:
        taken = self._taken(keys)
        if not taken:
            return 1
        return max(1, math.ceil(min(taken.values()) - time.time()))


SIGN_IN_PER_ACCOUNT = RateLimit("RATE_LIMIT_SIGN_IN_PER_ACCOUNT")
SIGN_IN_PER_IP = RateLimit("RATE_LIMIT_SIGN_IN_PER_IP")
SIGN_UP_PER_IP = RateLimit("RATE_LIMIT_SIGN_UP_PER_IP")
PASSWORD_RESET_PER_IP = RateLimit("RATE_LIMIT_PASSWORD_RESET_PER_IP")
PASSWORD_RESET_PER_EMAIL = RateLimit("RATE_LIMIT_PASSWORD_RESET_PER_EMAIL")
INVITATION_LINK_PER_IP = RateLimit("RATE_LIMIT_INVITATION_LINK_PER_IP")


def client_address(request) -> str:
    """The client, as rate limits count it. An IPv6 host usually owns a whole /64, so that is
    what counts as one client."""
    raw = client_ip(request) or "unknown"
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


def sign_in_guarded(view):
    """Failed sign-ins count per typed account and per client; over either limit the password is
    not even checked until the cool-off is over, so a right guess looks the same as a wrong one.
    For a sign-in view that answers a failure with its form (200) and a success with a redirect
    (the console's and the admin's)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        attempts = (
            (SIGN_IN_PER_IP, client_address(request)),
            (SIGN_IN_PER_ACCOUNT, request.POST.get("username", "").strip().lower()),
        )
        try:
            for limit, subject in attempts:
                limit.check(subject)
        except RateLimited as error:
            return too_many_requests(request, error)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            for limit, subject in attempts:
                # This failure is answered with the form; the next attempt gets the 429 page.
                with suppress(RateLimited):
                    limit.hit(subject)
        elif 300 <= response.status_code < 400:
            SIGN_IN_PER_ACCOUNT.clear(attempts[1][1])
        return response

    return wrapper


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
