"""Who may do what: Owner and Master everything, a Developer only on assigned mini programs and
never Take offline, reviewers only review, and a refusal changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Membership, User
from core.models import ActivityEvent
from releases import services
from releases.models import Version
from tests.miniprograms.helpers import complete_program
from tests.releases.helpers import approved, live, make_reviewer, package, upload

Status = Version.Status


def version_in(status, program, team, reviewer) -> Version:
    """A version of `program` in `status`, made by its Owner."""
    if status == Status.NEW:
        return upload(program, team.owner)
    if status == Status.UNDER_REVIEW:
        version = upload(program, team.owner)
        return services.version_apply_for_release(version=version, actor=team.owner)
    if status == Status.PILOT_TESTING:
        return approved(program, team.owner, reviewer, testers=["t@example.com"])
    if status == Status.RELEASE_PREPARATION:
        return approved(program, team.owner, reviewer)
    if status == Status.GRAYSCALE_RELEASE:
        version = approved(program, team.owner, reviewer)
        return services.version_grayscale(version=version, actor=team.owner, percentage=5)
    assert status == Status.ARCHIVED
    first = live(program, team.owner, reviewer, "1.0.0")
    live(program, team.owner, reviewer, "1.1.0")
    return Version.objects.get(pk=first.pk)


# (service, the status it starts from, extra arguments)
TEAM_ACTIONS = {
    "upload": (services.version_upload, None, {}),
    "apply": (services.version_apply_for_release, Status.NEW, {}),
    "withdraw": (services.version_withdraw, Status.UNDER_REVIEW, {}),
    "delete": (services.version_delete, Status.NEW, {}),
    "complete": (services.version_complete_pilot, Status.PILOT_TESTING, {}),
    "go live": (services.version_go_live, Status.RELEASE_PREPARATION, {}),
    "grayscale": (services.version_grayscale, Status.RELEASE_PREPARATION, {"percentage": 5}),
    "scale up": (services.version_scale_up, Status.GRAYSCALE_RELEASE, {"percentage": 50}),
    "full release": (services.version_full_release, Status.GRAYSCALE_RELEASE, {}),
    "roll back": (services.version_roll_back, Status.ARCHIVED, {}),
    "cancel": (services.version_cancel, Status.RELEASE_PREPARATION, {}),
}


def prepare(name, program, team, reviewer):
    """Puts a version of `program` where action `name` starts, and returns the action to call
    with an actor."""
    service, status, extra = TEAM_ACTIONS[name]
    if status is None:
        return lambda actor: service(
            mini_program=program,
            actor=actor,
            number="9.0.0",
            description="A version from the access test.",
            package=package(),
        )
    version = version_in(status, program, team, reviewer)
    return lambda actor: service(version=version, actor=actor, **extra)


@pytest.mark.parametrize("name", TEAM_ACTIONS)
def test_a_developer_acts_only_on_an_assigned_mini_program(team, program, reviewer, name):
    prepare(name, program, team, reviewer)(team.developer)
    unassigned = complete_program(team, name="Acme Unassigned")
    action = prepare(name, unassigned, team, reviewer)
    events = ActivityEvent.objects.count()

    with pytest.raises(PermissionDenied):
        action(team.developer)

    assert ActivityEvent.objects.count() == events
    action(team.owner)


@pytest.mark.parametrize("name", TEAM_ACTIONS)
def test_a_master_acts_on_every_mini_program_of_the_workspace(team, program, reviewer, name):
    unassigned = complete_program(team, name="Acme Unassigned")

    prepare(name, unassigned, team, reviewer)(team.master)

    assert ActivityEvent.objects.filter(actor=team.master).exists()


@pytest.mark.parametrize("name", TEAM_ACTIONS)
def test_outsiders_and_blocked_members_act_on_nothing(team, program, reviewer, name):
    Membership.objects.filter(user=team.master).update(status=Membership.Status.BLOCKED)
    action = prepare(name, program, team, reviewer)
    events = ActivityEvent.objects.count()

    for stranger in (team.outsider, team.master):
        with pytest.raises(PermissionDenied):
            action(stranger)

    assert ActivityEvent.objects.count() == events


@pytest.mark.parametrize(
    "service", [services.mini_program_take_offline, services.mini_program_bring_online]
)
def test_only_owner_and_master_take_a_mini_program_offline(team, program, reviewer, service):
    live(program, team.developer, reviewer)
    if service is services.mini_program_bring_online:
        services.mini_program_take_offline(mini_program=program, actor=team.owner)

    with pytest.raises(PermissionDenied):
        service(mini_program=program, actor=team.developer)
    service(mini_program=program, actor=team.master)


def make_staff(email, **flags) -> User:
    user = User.objects.create_user(email=email, password="x" * 20, full_name="Staff Person")
    user.is_staff = True
    for flag, value in flags.items():
        setattr(user, flag, value)
    user.save()
    return user


def test_reviewing_needs_the_review_permission(team, program, reviewer):
    version = version_in(Status.UNDER_REVIEW, program, team, reviewer)
    plain_staff = make_staff("sam@platform.test")
    gone = make_reviewer(email="gone@platform.test")
    gone.is_active = False
    gone.save()

    for person in (team.owner, team.master, plain_staff, gone):
        with pytest.raises(PermissionDenied):
            services.version_approve(version=version, reviewer=person)
        with pytest.raises(PermissionDenied):
            services.version_reject(version=version, reviewer=person, reason="No.")

    assert Version.objects.get(pk=version.pk).status == Status.UNDER_REVIEW
    assert not ActivityEvent.objects.filter(action__in=["version.approved", "version.rejected"])


def test_a_superuser_reviews_without_the_group(team, program, reviewer):
    version = version_in(Status.UNDER_REVIEW, program, team, reviewer)
    superuser = make_staff("root@platform.test", is_superuser=True)

    services.version_approve(version=version, reviewer=superuser)

    assert Version.objects.get(pk=version.pk).status == Status.RELEASE_PREPARATION


def test_staff_act_for_any_team_as_in_the_admin(team, program, reviewer):
    staff = make_staff("sam@platform.test")

    version = upload(program, staff)
    services.version_apply_for_release(version=version, actor=staff)

    assert Version.objects.get(pk=version.pk).status == Status.UNDER_REVIEW
