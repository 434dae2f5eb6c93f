"""Which changes become which messages, and only once they commit."""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from members import services as member_services
from miniprograms.models import Industry
from releases import services as release_services
from tests.personas import PASSWORD
from tests.releases.helpers import make_reviewer, upload
from tests.security.images import png_bytes
from tests.webhooks.conftest import ALL_EVENTS
from webhooks import services
from webhooks.models import WebhookDelivery, WebhookEndpoint


def types_received(receiver) -> list[str]:
    return sorted(request.json["type"] for request in receiver.requests)


def remove_the_developer(client, team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:remove", args=[team.developer_membership.pk]))
    assert response.status_code == 302


def test_removing_a_member_sends_member_removed_with_their_email_and_role(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    remove_the_developer(sign_in(team.owner), team, django_capture_on_commit_callbacks)

    [request] = receiver.requests
    message = request.json
    assert message["type"] == "member.removed"
    assert message["data"] == {
        "workspace_id": team.workspace.pk,
        "member": {"email": "dana@acme.test", "role": "developer"},
    }
    assert message["timestamp"].startswith(str(WebhookDelivery.objects.get().created_at.year))


def test_deleting_a_mini_program_sends_its_app_id_and_name(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    app_id = team.other_mini_program.app_id
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(team.owner).post(reverse("miniprograms:delete", args=[app_id]))

    [request] = receiver.requests
    assert request.json["type"] == "mini_program.deleted"
    assert request.json["data"]["mini_program"] == {"app_id": app_id, "name": "Acme Eats"}


def _apply_for_release(team):
    mini_program = team.assigned_mini_program
    mini_program.industry = Industry.objects.get(code="parking")
    mini_program.customer_service_phone = "0571-88888888"
    mini_program.customer_service_email = "service@example.com"
    mini_program.save()
    mini_program.logo.save("logo.png", ContentFile(png_bytes(64, 64)))
    mini_program.listings.update(tagline="Rides are fast", description="Book a ride in seconds.")
    version = upload(mini_program, team.developer, "1.2.0")
    return release_services.version_apply_for_release(version=version, actor=team.developer)


def test_an_approval_sends_review_approved_and_the_status_change(
    endpoint, receiver, team, django_capture_on_commit_callbacks
):
    version = _apply_for_release(team)
    receiver.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        release_services.version_approve(version=version, reviewer=make_reviewer())

    assert types_received(receiver) == ["review.approved", "version.status_changed"]
    data = receiver.requests[0].json["data"]
    assert data["mini_program"]["app_id"] == team.assigned_mini_program.app_id
    assert data["version"] == "1.2.0"
    assert (data["from_status"], data["to_status"]) == ("under_review", "release_preparation")


def test_a_rejection_sends_review_rejected_with_the_reason(
    endpoint, receiver, team, django_capture_on_commit_callbacks
):
    version = _apply_for_release(team)
    receiver.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        release_services.version_reject(
            version=version, reviewer=make_reviewer(), reason="The map is blank."
        )

    assert types_received(receiver) == ["review.rejected", "version.status_changed"]
    assert all(r.json["data"]["reason"] == "The map is blank." for r in receiver.requests)


def test_an_accepted_invitation_sends_member_joined(
    endpoint, receiver, team, django_capture_on_commit_callbacks
):
    invitation = member_services.invitation_create(
        workspace=team.workspace,
        inviter=team.owner,
        name="Ivy",
        email="ivy@example.com",
        role="master",
    )
    token = invitation.issue_token()
    invitation.save(update_fields=["token_hash"])
    invitee = User.objects.create_user(email="ivy@example.com", password=PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        member_services.invitation_accept(token=token, user=invitee)

    [request] = receiver.requests
    assert request.json["type"] == "member.joined"
    assert request.json["data"]["member"] == {"email": "ivy@example.com", "role": "master"}


def test_a_change_that_rolls_back_sends_nothing(
    endpoint, receiver, team, django_capture_on_commit_callbacks
):
    class Undo(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Undo),
        transaction.atomic(),
    ):
        member_services.member_remove(membership=team.developer_membership, actor=team.owner)
        raise Undo

    assert WebhookDelivery.objects.count() == 0
    assert receiver.requests == []


def test_only_enabled_endpoints_of_the_workspace_subscribed_to_the_event_get_it(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    for workspace, events in [
        (team.workspace, ["mini_program.created"]),
        (team.other_workspace, ALL_EVENTS),
    ]:
        services.endpoint_create(
            workspace=workspace,
            actor=workspace.memberships.get(role="owner").user,
            url=receiver.url + "/other",
            description="",
            events=events,
        )
    disabled = services.endpoint_create(
        workspace=team.workspace,
        actor=team.owner,
        url=receiver.url + "/off",
        description="",
        events=ALL_EVENTS,
    )
    services.endpoint_disable(endpoint=disabled, actor=team.owner)

    remove_the_developer(sign_in(team.owner), team, django_capture_on_commit_callbacks)

    assert [request.path for request in receiver.requests] == ["/hooks/console"]
    assert WebhookDelivery.objects.get().endpoint == endpoint
    assert WebhookEndpoint.objects.count() == 4
