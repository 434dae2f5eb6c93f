"""The time zones a person may choose: the IANA names the running Python knows (tzdata)."""

from functools import cache
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "UTC"


@cache
def time_zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def is_time_zone(name: str) -> bool:
    return name in time_zone_names()


def validate_time_zone(name: str) -> None:
    if not is_time_zone(name):
        raise ValidationError(
            _("Choose a time zone from the list, such as Asia/Shanghai."), code="time_zone"
        )


def time_zone_or_default(name: str | None) -> str:
    """What a browser says its zone is, when we know that zone; UTC otherwise. A browser's answer
    is a convenience, so a strange one is dropped without bothering the person."""
    return name if name and is_time_zone(name) else DEFAULT_TIME_ZONE
