"""What the database itself refuses, whatever code writes the rows."""

import pytest
from django.db import IntegrityError, connection, transaction

from releases.models import Version
from tests.releases.helpers import upload

STATUS_LABELS = [
    "New Version Created",
    "Under Review",
    "Rejected",
    "Pilot Testing",
    "Release Preparation",
    "Grayscale Release",
    "Full Release",
    "Archived",
    "Canceled",
]


def test_statuses_read_as_on_screen():
    assert [label for _value, label in Version.Status.choices] == STATUS_LABELS


def violates(constraint: str):
    """PostgreSQL names the constraint; SQLite names a unique index only by its columns."""
    unique = not constraint.startswith(("grayscale", "rejected", "version_status"))
    if connection.vendor == "sqlite" and unique:
        return pytest.raises(IntegrityError, match="UNIQUE constraint failed")
    return pytest.raises(IntegrityError, match=constraint)


def copy_of(version, **fields):
    """Another row of the same mini program, written straight to the table."""
    values = {
        "mini_program": version.mini_program,
        "major": version.major,
        "minor": version.minor,
        "patch": version.patch + 1,
        "description": version.description,
        "package": version.package.name,
        "package_sha256": version.package_sha256,
        "package_size": version.package_size,
        "package_file_count": version.package_file_count,
        **fields,
    }
    with transaction.atomic():
        return Version.objects.create(**values)


def test_a_number_is_used_once_per_mini_program(team, program):
    version = upload(program, team.owner, "1.2.3")

    with violates("version_number_unique_per_mini_program"):
        copy_of(version, patch=3)
    assert copy_of(version, mini_program=team.other_mini_program, patch=3).number == "1.2.3"


@pytest.mark.parametrize(
    ("first", "second", "constraint"),
    [
        ("under_review", "under_review", "one_version_under_review_per_mini_program"),
        ("pilot_testing", "release_preparation", "one_version_in_release_per_mini_program"),
        ("release_preparation", "grayscale_release", "one_version_in_release_per_mini_program"),
        ("grayscale_release", "pilot_testing", "one_version_in_release_per_mini_program"),
        ("full_release", "full_release", "one_full_release_per_mini_program"),
    ],
)
def test_one_version_per_mini_program_in_each_exclusive_status(
    team, program, first, second, constraint
):
    version = upload(program, team.owner)
    copy_of(version, status=first, grayscale_percentage=10)

    with violates(constraint):
        copy_of(version, patch=2, status=second, grayscale_percentage=20)


def test_other_statuses_repeat_freely(team, program):
    version = upload(program, team.owner)
    for patch, status in enumerate(["archived", "archived", "canceled", "canceled"], start=1):
        copy_of(version, patch=patch, status=status)

    assert program.versions.count() == 5


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"status": "grayscale_release"}, "grayscale_release_has_percentage"),
        ({"grayscale_percentage": 100}, "grayscale_percentage_from_1_to_99"),
        ({"grayscale_percentage": 0}, "grayscale_percentage_from_1_to_99"),
        ({"status": "rejected"}, "rejected_version_has_reason"),
        ({"status": "live"}, "version_status_is_known"),
    ],
)
def test_checks_on_a_single_row(team, program, fields, constraint):
    version = upload(program, team.owner)

    with violates(constraint):
        copy_of(version, **fields)
