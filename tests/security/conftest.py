import datetime
import time

import pytest

from tests.members.conftest import send_invitation  # noqa: F401 (a fixture used here too)
from tests.security.world import make_world


@pytest.fixture
def clock(monkeypatch):
    """Moves the rate limits' clock and the database cache's clock forward together, so a test can
    see a cool-off end without waiting for it."""

    class Clock:
        offset = 0.0

        def advance(self, seconds: float) -> None:
            self.offset += seconds

    clock = Clock()
    real_time = time.time
    monkeypatch.setattr("core.ratelimit.time.time", lambda: real_time() + clock.offset)
    monkeypatch.setattr(
        "django.core.cache.backends.db.tz_now",
        lambda: datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=clock.offset),
    )
    return clock


@pytest.fixture
def world(team):
    return make_world(team)
