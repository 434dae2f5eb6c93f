"""The rules of a version that need no database: each one function, next to its message.

The ones that clean a value return it cleaned. Rules that compare a version with the others of
its mini program live in `services.py`, where they run under the mini program's lock.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.text import normalize_email_address, validate_visible_multiline_text
from releases.errors import ReleaseError

DESCRIPTION_MIN_LENGTH, DESCRIPTION_MAX_LENGTH = 10, 500
REASON_MAX_LENGTH = 500
TESTERS_MAX = 50
PERCENTAGE_MIN, PERCENTAGE_MAX = 1, 99
# Each part fits the integer column on every database.
VERSION_NUMBER = re.compile(r"^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})$")


@dataclass(frozen=True, order=True)
class VersionNumber:
    major: int
    minor: int
    patch: int

    def __str__(self):
        return f"{self.major}.{self.minor}.{self.patch}"


def clean_version_number(text: str) -> VersionNumber:
    match = VERSION_NUMBER.match(text.strip())
    if match is None:
        raise ReleaseError(
            _(
                "Write the version number as major.minor.patch, such as 1.0.0: three whole "
                "numbers without leading zeros, each at most 9 digits."
            ),
            code="version_number_format",
            field="number",
        )
    return VersionNumber(*(int(part) for part in match.groups()))


def _visible(text: str, field: str) -> str:
    try:
        validate_visible_multiline_text(text)
    except ValidationError as error:
        raise ReleaseError(error.messages[0], code="hidden_character", field=field) from None
    return text


def clean_description(text: str) -> str:
    text = _visible(text.strip(), "description")
    if not DESCRIPTION_MIN_LENGTH <= len(text) <= DESCRIPTION_MAX_LENGTH:
        raise ReleaseError(
            _(
                "The version description must be %(min)d to %(max)d characters long; it is "
                "%(length)d."
            )
            % {"min": DESCRIPTION_MIN_LENGTH, "max": DESCRIPTION_MAX_LENGTH, "length": len(text)},
            code="description_length",
            field="description",
        )
    return text


def clean_reason(text: str) -> str:
    """A rejection's reason: the team reads it to know what to change."""
    text = _visible(text.strip(), "reason")
    if not text:
        raise ReleaseError(
            _("Write the reason for rejecting, so the team knows what to change."),
            code="reason_required",
            field="reason",
        )
    if len(text) > REASON_MAX_LENGTH:
        raise ReleaseError(
            _("The reason must be at most %(max)d characters long; it is %(length)d.")
            % {"max": REASON_MAX_LENGTH, "length": len(text)},
            code="reason_length",
            field="reason",
        )
    return text


def clean_testers(emails: list[str]) -> list[str]:
    """Each tester's address, normalised, once, in the order given."""
    testers = []
    for email in emails:
        email = normalize_email_address(email)
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            raise ReleaseError(
                _("“%(email)s” is not an email address.") % {"email": email},
                code="tester_email",
                field="testers",
            ) from None
        if email not in testers:
            testers.append(email)
    if len(testers) > TESTERS_MAX:
        raise ReleaseError(
            ngettext(
                "Name at most %(max)d tester; %(count)d are named.",
                "Name at most %(max)d testers; %(count)d are named.",
                TESTERS_MAX,
            )
            % {"max": TESTERS_MAX, "count": len(testers)},
            code="too_many_testers",
            field="testers",
        )
    return testers


def clean_percentage(percentage: int) -> int:
    if not PERCENTAGE_MIN <= percentage <= PERCENTAGE_MAX:
        raise ReleaseError(
            _("The percentage must be a whole number from %(min)d to %(max)d.")
            % {"min": PERCENTAGE_MIN, "max": PERCENTAGE_MAX},
            code="percentage_range",
            field="percentage",
        )
    return percentage
