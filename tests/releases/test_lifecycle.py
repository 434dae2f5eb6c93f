"""Every move of the lifecycle through the services, what each writes (the version, its history,
the activity log) and every refusal with its code and message."""

import pytest

from accounts.models import User
from core.models import ActivityEvent
from miniprograms.services import language_add, language_update
from releases import services
from releases.errors import ReleaseError
from releases.models import OfflineMiniProgram, Version, VersionTransition
from tests.miniprograms.helpers import stored_files
from tests.releases.helpers import approved, live, upload

Status = Version.Status
Action = ActivityEvent.Action


def refusal(call, **arguments) -> ReleaseError:
    with pytest.raises(ReleaseError) as caught:
        call(**arguments)
    return caught.value


def history(version) -> list[tuple[str, str]]:
    return [
        (transition.from_status, transition.to_status)
        for transition in VersionTransition.objects.filter(version=version)
    ]


def fresh(version) -> Version:
    return Version.objects.get(pk=version.pk)


# --- Upload Version ---------------------------------------------------------------------------


def test_upload_creates_a_new_version_with_its_history_and_activity(team, program):
    version = upload(program, team.developer, "1.2.3")

    assert (version.number, version.status) == ("1.2.3", Status.NEW)
    assert version.get_status_display() == "New Version Created"
    assert version.uploaded_by == team.developer
    assert history(version) == [("", Status.NEW)]
    event = ActivityEvent.objects.get(action=Action.VERSION_UPLOADED)
    assert (event.actor, event.target_id) == (team.developer, str(program.pk))
    assert event.after["version"] == "1.2.3"
    assert event.after["package_sha256"] == version.package_sha256


@pytest.mark.parametrize(
    "number",
    ["1.0", "1.0.0.0", "01.0.0", "1.00.0", "a.b.c", "1.0.-1", "", "v1.0.0", "1234567890.0.0"],
)
def test_a_version_number_is_major_minor_patch(team, program, number):
    error = refusal(upload, mini_program=program, actor=team.developer, number=number)

    assert error.code == "version_number_format"
    assert error.message_dict["number"] == [
        "Write the version number as major.minor.patch, such as 1.0.0: three whole numbers "
        "without leading zeros, each at most 9 digits."
    ]


@pytest.mark.parametrize("number", ["1.2.0", "1.1.9", "0.9.0"])
def test_a_version_number_is_greater_than_every_earlier_one(team, program, number):
    upload(program, team.developer, "1.2.0")

    error = refusal(upload, mini_program=program, actor=team.developer, number=number)

    assert error.code == "version_number_not_greater"
    assert error.message_dict["number"] == [
        "The version number must be greater than 1.2.0, the latest version of this mini program."
    ]


def test_version_numbers_compare_as_numbers_not_text(team, program):
    upload(program, team.developer, "1.9.0")

    assert upload(program, team.developer, "1.10.0").number == "1.10.0"


def test_each_mini_program_numbers_its_own_versions(team, program):
    upload(program, team.owner, "2.0.0")

    assert upload(team.other_mini_program, team.owner, "1.0.0").number == "1.0.0"


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Too short", "description_length"),
        ("x" * 501, "description_length"),
        ("Fixes\u202ebugs here", "hidden_character"),
    ],
)
def test_a_version_description_is_10_to_500_visible_characters(team, program, description, code):
    error = refusal(upload, mini_program=program, actor=team.developer, description=description)

    assert error.code == code
    assert "description" in error.message_dict


def test_a_description_keeps_its_line_breaks(team, program):
    version = upload(program, team.developer, description="  Fixes:\n- login\n- maps  ")

    assert version.description == "Fixes:\n- login\n- maps"


# --- Apply for release, Withdraw, Delete -------------------------------------------------------


def test_apply_for_release_takes_a_snapshot_of_the_listing(team, program):
    language_add(
        mini_program=program,
        actor=team.owner,
        language="zh-Hans",
        name="阿克米停车",
        tagline="几秒钟就能停好车的停车助手",
        description="在您附近查找、预订并支付停车位，省时又省心。",  # noqa: RUF001
    )
    version = upload(program, team.developer)

    services.version_apply_for_release(version=version, actor=team.developer)

    version = fresh(version)
    assert version.status == Status.UNDER_REVIEW
    assert version.applied_at is not None
    snapshot = version.listing_snapshot
    assert snapshot["default_language"] == "en"
    assert snapshot["listings"]["en"] == {
        "name": "Acme Parking",
        "tagline": "Park in seconds",
        "description": "Find, book and pay for parking near you.",
    }
    assert snapshot["listings"]["zh-Hans"]["name"] == "阿克米停车"
    assert snapshot["industry"]["code"] == "parking"
    assert snapshot["customer_service"] == {
        "phone": "0571-88888888",
        "email": "service@example.com",
    }
    assert version.snapshot_logo.name != program.logo.name
    with version.snapshot_logo.open("rb") as copy, program.logo.open("rb") as logo:
        assert copy.read() == logo.read()
    assert history(version)[-1] == (Status.NEW, Status.UNDER_REVIEW)
    assert ActivityEvent.objects.filter(action=Action.VERSION_APPLIED).count() == 1


def test_edits_after_applying_go_into_the_next_version(team, program):
    version = upload(program, team.developer)
    services.version_apply_for_release(version=version, actor=team.developer)

    language_update(
        listing=program.listings.get(),
        actor=team.owner,
        name="Acme Parking Plus",
        tagline="Park in seconds",
        description="Find, book and pay for parking near you.",
    )

    assert fresh(version).listing_in("en")["name"] == "Acme Parking"


def test_apply_needs_the_mini_program_information_complete(team):
    version = upload(team.assigned_mini_program, team.developer)

    error = refusal(services.version_apply_for_release, version=version, actor=team.developer)

    assert error.code == "mini_program_incomplete"
    assert error.messages == [
        "Complete the mini program's information first: name, tagline, description, logo, "
        "industry and customer service contacts."
    ]
    assert fresh(version).status == Status.NEW


def test_only_one_version_is_under_review_at_a_time(team, program):
    first = upload(program, team.developer, "1.0.0")
    second = upload(program, team.developer, "1.1.0")
    services.version_apply_for_release(version=first, actor=team.developer)

    error = refusal(services.version_apply_for_release, version=second, actor=team.developer)

    assert error.code == "another_under_review"
    assert error.messages == [
        "Version 1.0.0 is already Under Review. Wait for its review or withdraw it first."
    ]


def test_testers_are_normalised_once_each(team, program):
    version = upload(program, team.developer)

    services.version_apply_for_release(
        version=version,
        actor=team.developer,
        testers=[" Tina@Example.com", "tina@example.com", "", "tom@example.com"],
    )

    assert fresh(version).testers == ["tina@example.com", "tom@example.com"]


def test_at_most_50_testers(team, program):
    version = upload(program, team.developer)
    testers = [f"tester{index}@example.com" for index in range(51)]

    error = refusal(
        services.version_apply_for_release, version=version, actor=team.developer, testers=testers
    )

    assert error.code == "too_many_testers"
    assert error.message_dict["testers"] == ["Name at most 50 testers; 51 are named."]
    assert fresh(version).status == Status.NEW


def test_a_tester_must_be_an_email_address(team, program):
    version = upload(program, team.developer)

    error = refusal(
        services.version_apply_for_release,
        version=version,
        actor=team.developer,
        testers=["tina@example.com", "tom at example"],
    )

    assert error.code == "tester_email"
    assert error.message_dict["testers"] == ["“tom at example” is not an email address."]


def test_withdraw_returns_a_version_to_new_version_created(team, program):
    version = upload(program, team.developer)
    services.version_apply_for_release(version=version, actor=team.developer)

    services.version_withdraw(version=version, actor=team.developer)

    assert fresh(version).status == Status.NEW
    assert history(version)[-1] == (Status.UNDER_REVIEW, Status.NEW)
    assert ActivityEvent.objects.filter(action=Action.VERSION_WITHDRAWN).count() == 1


def test_delete_removes_a_new_version_and_its_package_after_the_commit(
    team, program, media_root, django_capture_on_commit_callbacks
):
    version = upload(program, team.developer, "1.0.0")
    assert any(name.startswith("packages/") for name in stored_files(media_root))

    with django_capture_on_commit_callbacks(execute=True):
        services.version_delete(version=version, actor=team.developer)

    assert not Version.objects.exists()
    assert not any(name.startswith("packages/") for name in stored_files(media_root))
    event = ActivityEvent.objects.get(action=Action.VERSION_DELETED)
    assert event.before["version"] == "1.0.0"
    # Never reviewed, so its number may be used again.
    assert upload(program, team.developer, "1.0.0").number == "1.0.0"


@pytest.mark.parametrize(
    ("service", "label"),
    [
        (services.version_withdraw, "Withdraw"),
        (services.version_complete_pilot, "Complete"),
        (services.version_go_live, "Go live"),
        (services.version_full_release, "Full release"),
        (services.version_roll_back, "Roll back"),
        (services.version_cancel, "Cancel"),
    ],
)
def test_a_new_version_can_only_be_applied_for_or_deleted(team, program, service, label):
    version = upload(program, team.developer, "1.0.0")

    error = refusal(service, version=version, actor=team.developer)

    assert error.code == "wrong_status"
    assert error.messages == [f"“{label}” is not possible: version 1.0.0 is New Version Created."]


def test_a_version_under_review_cannot_be_deleted(team, program):
    version = upload(program, team.developer)
    services.version_apply_for_release(version=version, actor=team.developer)

    error = refusal(services.version_delete, version=version, actor=team.developer)

    assert error.messages == ["“Delete” is not possible: version 1.0.0 is Under Review."]
    assert Version.objects.filter(pk=version.pk).exists()


# --- Approve and Reject -----------------------------------------------------------------------


def test_approve_without_testers_goes_to_release_preparation(team, program, reviewer):
    version = approved(program, team.developer, reviewer)

    assert version.status == Status.RELEASE_PREPARATION
    assert version.reviewed_by == reviewer
    assert history(version)[-1] == (Status.UNDER_REVIEW, Status.RELEASE_PREPARATION)
    event = ActivityEvent.objects.get(action=Action.VERSION_APPROVED)
    assert (event.actor, event.workspace) == (reviewer, team.workspace)


def test_approve_with_testers_goes_to_pilot_testing(team, program, reviewer):
    version = approved(program, team.developer, reviewer, testers=["tina@example.com"])

    assert version.status == Status.PILOT_TESTING


def test_reject_needs_a_reason_and_keeps_it_for_the_team(team, program, reviewer):
    version = upload(program, team.developer)
    services.version_apply_for_release(version=version, actor=team.developer)

    blank = refusal(services.version_reject, version=version, reviewer=reviewer, reason="  ")
    services.version_reject(
        version=version, reviewer=reviewer, reason="The login page crashes on start."
    )

    assert blank.code == "reason_required"
    assert blank.message_dict["reason"] == [
        "Write the reason for rejecting, so the team knows what to change."
    ]
    version = fresh(version)
    assert (version.status, version.rejection_reason) == (
        Status.REJECTED,
        "The login page crashes on start.",
    )
    assert VersionTransition.objects.filter(version=version).last().reason == (
        "The login page crashes on start."
    )
    event = ActivityEvent.objects.get(action=Action.VERSION_REJECTED)
    assert event.after["reason"] == "The login page crashes on start."


def test_a_rejected_version_is_applied_again_with_a_new_snapshot(
    team, program, reviewer, media_root, django_capture_on_commit_callbacks
):
    version = upload(program, team.developer)
    services.version_apply_for_release(version=version, actor=team.developer)
    services.version_reject(version=version, reviewer=reviewer, reason="Logo is blurry.")
    first_logo = fresh(version).snapshot_logo.name

    with django_capture_on_commit_callbacks(execute=True):
        services.version_apply_for_release(version=version, actor=team.developer)

    version = fresh(version)
    assert (version.status, version.rejection_reason) == (Status.UNDER_REVIEW, "")
    assert version.snapshot_logo.name != first_logo
    assert first_logo not in stored_files(media_root)
    assert history(version)[-1] == (Status.REJECTED, Status.UNDER_REVIEW)


def test_nobody_reviews_their_own_upload(team, program, reviewer):
    version = upload(program, reviewer)
    services.version_apply_for_release(version=version, actor=team.developer)

    approve = refusal(services.version_approve, version=version, reviewer=reviewer)
    reject = refusal(services.version_reject, version=version, reviewer=reviewer, reason="No.")

    assert approve.code == reject.code == "own_upload"
    assert approve.messages == ["You uploaded this version, so another reviewer must review it."]
    assert fresh(version).status == Status.UNDER_REVIEW


def test_a_second_version_is_not_approved_while_one_is_being_released(team, program, reviewer):
    approved(program, team.developer, reviewer, "1.0.0")
    second = upload(program, team.developer, "1.1.0")
    services.version_apply_for_release(version=second, actor=team.developer)

    error = refusal(services.version_approve, version=second, reviewer=reviewer)

    assert error.code == "another_in_release"
    assert error.messages == [
        "Version 1.0.0 is in Release Preparation. It must go live or be canceled before another "
        "version is approved."
    ]


def test_only_a_version_under_review_is_reviewed(team, program, reviewer):
    version = upload(program, team.developer)

    error = refusal(services.version_approve, version=version, reviewer=reviewer)

    assert error.messages == ["“Approve” is not possible: version 1.0.0 is New Version Created."]


# --- Complete, Go live, Grayscale release, Scale up, Full release -------------------------------


def test_complete_ends_the_pilot(team, program, reviewer):
    version = approved(program, team.developer, reviewer, testers=["tina@example.com"])

    services.version_complete_pilot(version=version, actor=team.developer)

    assert fresh(version).status == Status.RELEASE_PREPARATION


def test_go_live_makes_the_first_full_release(team, program, reviewer):
    version = approved(program, team.developer, reviewer)

    services.version_go_live(version=version, actor=team.developer)

    version = fresh(version)
    assert version.status == Status.FULL_RELEASE
    assert version.released_at is not None
    event = ActivityEvent.objects.get(action=Action.VERSION_WENT_LIVE)
    assert event.after == {"version": "1.0.0", "status": Status.FULL_RELEASE, "archived": ""}


def test_a_later_full_release_archives_the_previous_one(team, program, reviewer):
    first = live(program, team.developer, reviewer, "1.0.0")
    second = live(program, team.developer, reviewer, "1.1.0")

    assert fresh(first).status == Status.ARCHIVED
    assert fresh(second).status == Status.FULL_RELEASE
    assert history(first)[-1] == (Status.FULL_RELEASE, Status.ARCHIVED)
    event = ActivityEvent.objects.filter(action=Action.VERSION_WENT_LIVE).first()
    assert event.after["archived"] == "1.0.0"


def test_grayscale_then_scale_up_then_full_release(team, program, reviewer):
    first = live(program, team.developer, reviewer, "1.0.0")
    second = approved(program, team.developer, reviewer, "1.1.0")

    services.version_grayscale(version=second, actor=team.developer, percentage=10)
    assert (fresh(second).status, fresh(second).grayscale_percentage) == (
        Status.GRAYSCALE_RELEASE,
        10,
    )
    assert fresh(first).status == Status.FULL_RELEASE

    services.version_scale_up(version=second, actor=team.developer, percentage=50)
    assert fresh(second).grayscale_percentage == 50

    services.version_full_release(version=second, actor=team.developer)
    assert (fresh(second).status, fresh(second).grayscale_percentage) == (
        Status.FULL_RELEASE,
        None,
    )
    assert fresh(first).status == Status.ARCHIVED
    assert [(t.to_status, t.percentage) for t in second.transitions.all()][-3:] == [
        (Status.GRAYSCALE_RELEASE, 10),
        (Status.GRAYSCALE_RELEASE, 50),
        (Status.FULL_RELEASE, 100),
    ]
    scaled = ActivityEvent.objects.get(action=Action.VERSION_SCALED_UP)
    assert (scaled.before["percentage"], scaled.after["percentage"]) == (10, 50)


@pytest.mark.parametrize("percentage", [0, 100, -5])
def test_a_grayscale_percentage_is_1_to_99(team, program, reviewer, percentage):
    version = approved(program, team.developer, reviewer)

    error = refusal(
        services.version_grayscale, version=version, actor=team.developer, percentage=percentage
    )

    assert error.code == "percentage_range"
    assert error.message_dict["percentage"] == [
        "The percentage must be a whole number from 1 to 99."
    ]


@pytest.mark.parametrize("percentage", [30, 20])
def test_scale_up_only_goes_higher(team, program, reviewer, percentage):
    version = approved(program, team.developer, reviewer)
    services.version_grayscale(version=version, actor=team.developer, percentage=30)

    error = refusal(
        services.version_scale_up, version=version, actor=team.developer, percentage=percentage
    )

    assert error.code == "percentage_not_higher"
    assert error.message_dict["percentage"] == ["Scale up to more than the current 30%."]


def test_a_version_older_than_the_live_one_cannot_be_applied(team, program, reviewer):
    older = upload(program, team.developer, "1.0.0")
    live(program, team.developer, reviewer, "1.1.0")

    error = refusal(services.version_apply_for_release, version=older, actor=team.developer)

    assert error.code == "older_than_live"
    assert error.messages == [
        "Version 1.0.0 is not greater than version 1.1.0, which is live. Upload a higher version."
    ]


def test_a_version_overtaken_while_waiting_cannot_go_live(team, program, reviewer):
    """1.1.0 waits in review while 1.2.0 is released; approving 1.1.0 must not take devices
    back."""
    waiting = upload(program, team.developer, "1.1.0")
    ahead = approved(program, team.developer, reviewer, "1.2.0")
    services.version_apply_for_release(version=waiting, actor=team.developer)
    services.version_go_live(version=ahead, actor=team.developer)
    services.version_approve(version=waiting, reviewer=reviewer)

    go_live = refusal(services.version_go_live, version=waiting, actor=team.developer)
    grayscale = refusal(
        services.version_grayscale, version=waiting, actor=team.developer, percentage=5
    )

    assert go_live.code == grayscale.code == "older_than_live"


# --- Roll back and Cancel ---------------------------------------------------------------------


def test_roll_back_makes_an_archived_version_live_again_at_once(team, program, reviewer):
    first = live(program, team.developer, reviewer, "1.0.0")
    second = live(program, team.developer, reviewer, "1.1.0")

    services.version_roll_back(version=first, actor=team.developer)

    assert fresh(first).status == Status.FULL_RELEASE
    assert fresh(second).status == Status.ARCHIVED
    assert history(first)[-1] == (Status.ARCHIVED, Status.FULL_RELEASE)
    event = ActivityEvent.objects.get(action=Action.VERSION_ROLLED_BACK)
    assert (event.before["version"], event.after["archived"]) == ("1.0.0", "1.1.0")


def test_only_an_archived_version_is_rolled_back(team, program, reviewer):
    version = live(program, team.developer, reviewer)

    error = refusal(services.version_roll_back, version=version, actor=team.developer)

    assert error.messages == ["“Roll back” is not possible: version 1.0.0 is Full Release."]


@pytest.mark.parametrize("stage", ["pilot", "preparation", "grayscale"])
def test_cancel_ends_a_release_and_frees_the_way_for_the_next(team, program, reviewer, stage):
    version = approved(
        program, team.developer, reviewer, testers=["t@example.com"] if stage == "pilot" else ()
    )
    if stage == "grayscale":
        services.version_grayscale(version=version, actor=team.developer, percentage=5)

    services.version_cancel(version=version, actor=team.developer)

    version = fresh(version)
    assert (version.status, version.grayscale_percentage) == (Status.CANCELED, None)
    assert approved(program, team.developer, reviewer, "1.1.0").status == (
        Status.RELEASE_PREPARATION
    )


def test_a_canceled_version_is_final(team, program, reviewer):
    version = approved(program, team.developer, reviewer)
    services.version_cancel(version=version, actor=team.developer)

    for service in (services.version_apply_for_release, services.version_go_live):
        assert refusal(service, version=version, actor=team.developer).code == "wrong_status"


# --- Take offline and Bring back online --------------------------------------------------------


def test_take_offline_and_bring_back_online(team, program, reviewer):
    version = live(program, team.developer, reviewer)

    services.mini_program_take_offline(mini_program=program, actor=team.master)
    assert OfflineMiniProgram.objects.filter(mini_program=program).exists()

    services.mini_program_bring_online(mini_program=program, actor=team.owner)
    assert not OfflineMiniProgram.objects.filter(mini_program=program).exists()
    assert fresh(version).status == Status.FULL_RELEASE
    actions = list(
        ActivityEvent.objects.filter(
            action__in=[Action.MINI_PROGRAM_TAKEN_OFFLINE, Action.MINI_PROGRAM_BROUGHT_ONLINE]
        )
        .order_by("id")
        .values_list("action", "actor__email")
    )
    assert actions == [
        (Action.MINI_PROGRAM_TAKEN_OFFLINE, "max@acme.test"),
        (Action.MINI_PROGRAM_BROUGHT_ONLINE, "olivia@acme.test"),
    ]


def test_take_offline_needs_a_full_release(team, program):
    error = refusal(services.mini_program_take_offline, mini_program=program, actor=team.owner)

    assert error.code == "no_full_release"
    assert error.messages == ["Only a mini program with a Full Release can be taken offline."]


@pytest.mark.parametrize("stage", ["review", "pilot", "grayscale"])
def test_take_offline_waits_for_a_version_on_its_way(team, program, reviewer, stage):
    live(program, team.developer, reviewer, "1.0.0")
    if stage == "review":
        busy = upload(program, team.developer, "1.1.0")
        services.version_apply_for_release(version=busy, actor=team.developer)
    else:
        busy = approved(
            program,
            team.developer,
            reviewer,
            "1.1.0",
            testers=["t@example.com"] if stage == "pilot" else (),
        )
        if stage == "grayscale":
            services.version_grayscale(version=busy, actor=team.developer, percentage=5)

    error = refusal(services.mini_program_take_offline, mini_program=program, actor=team.owner)

    assert error.code == "version_in_progress"
    assert error.messages == [
        f"Version 1.1.0 is {fresh(busy).get_status_display()}. Withdraw or cancel it before "
        "taking the mini program offline."
    ]


def test_nothing_is_released_while_offline(team, program, reviewer):
    first = live(program, team.developer, reviewer, "1.0.0")
    live(program, team.developer, reviewer, "1.1.0")
    waiting = approved(program, team.developer, reviewer, "1.2.0")
    services.mini_program_take_offline(mini_program=program, actor=team.owner)

    refusals = [
        refusal(services.version_go_live, version=waiting, actor=team.developer),
        refusal(services.version_grayscale, version=waiting, actor=team.developer, percentage=5),
        refusal(services.version_roll_back, version=first, actor=team.developer),
    ]

    assert {error.code for error in refusals} == {"mini_program_offline"}
    assert refusals[0].messages == ["The mini program is Offline. Bring it back online first."]


def test_offline_twice_and_online_twice_are_refused(team, program, reviewer):
    live(program, team.developer, reviewer)

    not_offline = refusal(
        services.mini_program_bring_online, mini_program=program, actor=team.owner
    )
    services.mini_program_take_offline(mini_program=program, actor=team.owner)
    already = refusal(services.mini_program_take_offline, mini_program=program, actor=team.owner)

    assert (not_offline.code, already.code) == ("not_offline", "already_offline")


def test_the_whole_journey_writes_one_activity_row_per_step(team, program, reviewer):
    version = upload(program, team.developer)
    services.version_apply_for_release(version=version, actor=team.developer)
    services.version_reject(version=version, reviewer=reviewer, reason="Crashes on start.")
    services.version_apply_for_release(version=version, actor=team.developer)
    services.version_approve(version=version, reviewer=reviewer)
    services.version_grayscale(version=version, actor=team.developer, percentage=10)
    services.version_scale_up(version=version, actor=team.developer, percentage=50)
    services.version_full_release(version=version, actor=team.developer)

    actions = list(
        ActivityEvent.objects.filter(action__startswith="version.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        Action.VERSION_UPLOADED,
        Action.VERSION_APPLIED,
        Action.VERSION_REJECTED,
        Action.VERSION_APPLIED,
        Action.VERSION_APPROVED,
        Action.VERSION_GRAYSCALE_STARTED,
        Action.VERSION_SCALED_UP,
        Action.VERSION_FULLY_RELEASED,
    ]
    assert len(history(version)) == len(actions)
    assert set(VersionTransition.objects.values_list("actor_email", flat=True)) == {
        team.developer.email,
        reviewer.email,
    }
    assert User.objects.filter(pk=reviewer.pk, memberships__isnull=True).exists()
