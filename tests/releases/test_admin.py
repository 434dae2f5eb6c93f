"""Versions in the admin: listed, filtered, their history shown, and changed only through the
services, with their rules, messages and activity rows."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import User
from core.models import ActivityEvent
from releases import services
from releases.models import Version
from tests.releases.helpers import approved, upload

CHANGELIST = "admin:releases_version_changelist"


@pytest.fixture
def root(db):
    return User.objects.create_superuser(
        email="root@platform.test", password="x" * 20, full_name="Root"
    )


def act(client, action, versions, **fields):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [version.pk for version in versions], **fields},
        follow=True,
    )


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_versions_are_listed_and_filtered_by_status(client, root, team, program, reviewer):
    upload(program, team.developer, "1.0.0")
    approved(program, team.developer, reviewer, "1.1.0")
    client.force_login(root)

    everything = client.get(reverse(CHANGELIST)).text
    preparing = client.get(reverse(CHANGELIST), {"status__exact": "release_preparation"}).text

    assert "Acme Parking 1.0.0" in everything and "Acme Parking 1.1.0" in everything
    assert "Acme Parking 1.1.0" in preparing and "Acme Parking 1.0.0" not in preparing
    assert "Acme Parking 1.0.0" in client.get(reverse(CHANGELIST), {"q": program.app_id}).text


def test_a_version_page_shows_its_history_read_only(client, root, team, program, reviewer):
    version = approved(program, team.developer, reviewer)
    client.force_login(root)

    html = client.get(reverse("admin:releases_version_change", args=[version.pk])).text

    assert "rita@platform.test" in html
    assert "Release Preparation" in html
    assert 'name="transitions-0-reason"' not in html
    assert version.package_sha256 in html


def test_staff_go_live_through_the_service(client, root, team, program, reviewer):
    version = approved(program, team.developer, reviewer)
    client.force_login(root)

    response = act(client, "version_go_live", [version])

    assert shown_messages(response) == ["Acme Parking 1.0.0: Go live done."]
    assert Version.objects.get(pk=version.pk).status == Version.Status.FULL_RELEASE
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.VERSION_WENT_LIVE)
    assert event.actor == root


def test_reject_takes_its_reason_from_the_action_bar(client, root, team, program):
    version = upload(program, team.developer)
    services.version_apply_for_release(version=version, actor=team.developer)
    client.force_login(root)

    blank = act(client, "version_reject", [version], reason="")
    rejected = act(client, "version_reject", [version], reason="The map never loads.")

    assert shown_messages(blank) == [
        "Acme Parking 1.0.0: Write the reason for rejecting, so the team knows what to change."
    ]
    assert shown_messages(rejected) == ["Acme Parking 1.0.0: Reject done."]
    assert Version.objects.get(pk=version.pk).rejection_reason == "The map never loads."


def test_grayscale_takes_its_percentage_from_the_action_bar(client, root, team, program, reviewer):
    version = approved(program, team.developer, reviewer)
    client.force_login(root)

    missing = act(client, "version_grayscale", [version])
    started = act(client, "version_grayscale", [version], percentage="20")

    assert shown_messages(missing) == [
        "Acme Parking 1.0.0: The percentage must be a whole number from 1 to 99."
    ]
    assert shown_messages(started) == ["Acme Parking 1.0.0: Grayscale release done."]
    assert Version.objects.get(pk=version.pk).grayscale_percentage == 20


def test_staff_without_the_review_permission_cannot_approve(client, team, program):
    version = upload(program, team.developer)
    services.version_apply_for_release(version=version, actor=team.developer)
    staff = User.objects.create_user(email="sam@platform.test", password="x" * 20, full_name="Sam")
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(Permission.objects.get(codename="view_version"))
    client.force_login(staff)

    response = act(client, "version_approve", [version])

    assert shown_messages(response) == ["Acme Parking 1.0.0: you may not do this."]
    assert Version.objects.get(pk=version.pk).status == Version.Status.UNDER_REVIEW


def test_versions_are_deleted_only_through_the_service(client, root, team, program, reviewer):
    new = upload(program, team.developer, "1.0.0")
    reviewed = approved(program, team.developer, reviewer, "1.1.0")
    client.force_login(root)

    page = client.get(reverse(CHANGELIST)).text
    response = act(client, "version_delete", [new, reviewed])

    assert 'value="delete_selected"' not in page
    assert sorted(shown_messages(response)) == [
        "Acme Parking 1.0.0: Delete done.",
        "Acme Parking 1.1.0: “Delete” is not possible: version 1.1.0 is Release Preparation.",
    ]
    assert list(Version.objects.values_list("patch", "minor")) == [(0, 1)]
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.VERSION_DELETED).count() == 1
