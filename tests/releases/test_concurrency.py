"""Requests racing on one mini program: the locks let one through and refuse the other cleanly;
the constraints never see a second version where only one may be. Run on PostgreSQL too
(DATABASE_URL), where the race is real."""

import threading

import pytest
from django.core import mail
from django.db import connection

from releases import services
from releases.errors import ReleaseError
from releases.models import Version, VersionTransition
from tests.releases.helpers import approved, live, make_reviewer, package, upload

# Serialised rollback restores what migrations wrote (industries, the Reviewers group).
pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls) -> list[str]:
    """Starts every call at the same moment; the outcome of each: "ok" or the error's code."""
    start = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            start.wait()
            call()
            outcomes.append("ok")
        except ReleaseError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.fixture
def acme(team, program):
    return team, program


def test_two_applies_at_once_leave_one_version_under_review(acme):
    team, program = acme
    first = upload(program, team.owner, "1.0.0")
    second = upload(program, team.owner, "1.1.0")

    outcomes = race(
        lambda: services.version_apply_for_release(version=first, actor=team.owner),
        lambda: services.version_apply_for_release(version=second, actor=team.owner),
    )

    assert outcomes == ["another_under_review", "ok"]
    assert program.versions.filter(status=Version.Status.UNDER_REVIEW).count() == 1


def test_two_reviewers_approving_at_once_approve_once(acme, settings):
    team, program = acme
    version = upload(program, team.owner)
    services.version_apply_for_release(version=version, actor=team.owner)
    reviewers = [make_reviewer(email=f"r{index}@platform.test") for index in range(2)]

    outcomes = race(
        *(
            lambda reviewer=reviewer: services.version_approve(version=version, reviewer=reviewer)
            for reviewer in reviewers
        )
    )

    assert outcomes == ["ok", "wrong_status"]
    version.refresh_from_db()
    assert version.status == Version.Status.RELEASE_PREPARATION
    approvals = VersionTransition.objects.filter(
        version=version, to_status=Version.Status.RELEASE_PREPARATION
    )
    assert approvals.count() == 1
    assert [message.to for message in mail.outbox] == [["olivia@acme.test"]]


def test_an_approve_and_a_reject_at_once_decide_once(acme):
    team, program = acme
    version = upload(program, team.owner)
    services.version_apply_for_release(version=version, actor=team.owner)
    first, second = (make_reviewer(email=f"r{index}@platform.test") for index in range(2))

    outcomes = race(
        lambda: services.version_approve(version=version, reviewer=first),
        lambda: services.version_reject(version=version, reviewer=second, reason="Crashes."),
    )

    assert outcomes == ["ok", "wrong_status"]
    assert (
        VersionTransition.objects.filter(version=version, from_status="under_review").count() == 1
    )


def test_two_uploads_of_one_number_make_one_version(acme):
    team, program = acme

    outcomes = race(
        *(
            lambda: services.version_upload(
                mini_program=program,
                actor=team.owner,
                number="1.0.0",
                description="The same build, sent twice.",
                package=package(),
            )
            for _ in range(2)
        )
    )

    assert outcomes == ["ok", "version_number_not_greater"]
    assert program.versions.count() == 1


def test_a_roll_back_and_a_go_live_at_once_leave_one_full_release(acme):
    team, program = acme
    reviewer = make_reviewer()
    first = live(program, team.owner, reviewer, "1.0.0")
    live(program, team.owner, reviewer, "1.1.0")
    waiting = approved(program, team.owner, reviewer, "1.2.0")

    outcomes = race(
        lambda: services.version_roll_back(version=first, actor=team.owner),
        lambda: services.version_go_live(version=waiting, actor=team.developer),
    )

    assert outcomes == ["ok", "ok"]
    assert program.versions.filter(status=Version.Status.FULL_RELEASE).count() == 1
