"""Postmark's tracking webhook, in Postmark's own JSON, through Anymail's view."""

import base64
import json

import pytest

from members.models import Invitation
from tests.security import corpus

URL = "/webhooks/anymail/postmark/tracking/"
SECRET = "hook-user:hook-password-0123456789"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}


def postmark_bounce(invitation, *, email=None):
    return {
        "RecordType": "Bounce",
        "MessageStream": "outbound",
        "ID": 4323372036854775807,
        "Type": "HardBounce",
        "TypeCode": 1,
        "Name": "Hard bounce",
        "Tag": "invitation",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {"invitation_id": str(invitation.pk)},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message (ex: unknown user, "
        "mailbox not found).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email or invitation.email,
        "From": "console@example.com",
        "BouncedAt": "2026-11-23T16:33:54.9070259Z",
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "You are invited to join Acme on Mini Program Console",
    }


def postmark_delivery(invitation):
    return {
        "RecordType": "Delivery",
        "ServerID": 23,
        "MessageStream": "outbound",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Recipient": invitation.email,
        "Tag": "invitation",
        "DeliveredAt": "2026-11-23T16:33:54.9070259Z",
        "Details": "Test delivery webhook details",
        "Metadata": {"invitation_id": str(invitation.pk)},
    }


def post(client, payload, *, secret=SECRET):
    auth = base64.b64encode(secret.encode()).decode()
    return client.post(
        URL,
        json.dumps(payload),
        content_type="application/json",
        headers={"authorization": f"Basic {auth}"},
    )


def test_a_bounce_is_shown_on_the_members_page(team, send_invitation, client, sign_in):
    invitation, _ = send_invitation()

    assert post(client, postmark_bounce(invitation)).status_code == 200

    invitation.refresh_from_db()
    assert invitation.delivery_status == Invitation.Delivery.BOUNCED
    assert "550 5.1.1" in invitation.last_error
    page = sign_in(team.owner).get("/console/members/").content.decode()
    assert "Bounced" in page
    assert 'It came back: <q lang="en"' in page
    assert "550 5.1.1" in page


def test_a_delivery_is_recorded(team, send_invitation, client):
    invitation, _ = send_invitation()

    post(client, postmark_delivery(invitation))

    invitation.refresh_from_db()
    assert invitation.delivery_status == Invitation.Delivery.DELIVERED


def test_a_webhook_without_the_secret_changes_nothing(team, send_invitation, client):
    invitation, _ = send_invitation()

    response = post(client, postmark_bounce(invitation), secret="hook-user:wrong")

    assert response.status_code == 400
    invitation.refresh_from_db()
    assert invitation.delivery_status == Invitation.Delivery.SENT


def test_an_event_for_another_address_changes_nothing(team, send_invitation, client):
    invitation, _ = send_invitation()

    post(client, postmark_bounce(invitation, email="someone-else@example.com"))

    invitation.refresh_from_db()
    assert invitation.delivery_status == Invitation.Delivery.SENT


def test_an_event_without_a_recipient_changes_nothing(team, send_invitation, client):
    invitation, _ = send_invitation()
    event = postmark_bounce(invitation)
    del event["Email"]

    response = post(client, event)

    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.delivery_status == Invitation.Delivery.SENT


@pytest.mark.parametrize("value_name", sorted(corpus.IDS))
def test_an_event_with_an_id_no_message_carries_is_ignored(
    team, send_invitation, client, value_name
):
    invitation, _ = send_invitation()
    event = postmark_bounce(invitation) | {"Metadata": {"invitation_id": corpus.IDS[value_name]}}

    response = post(client, event)

    # Answered 200 all the same: the ESP would otherwise send the event again and again.
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.delivery_status == Invitation.Delivery.SENT


def test_webhooks_stay_closed_until_a_secret_is_configured(team, send_invitation, client, settings):
    settings.ANYMAIL = {}
    invitation, _ = send_invitation()

    response = client.post(
        URL, json.dumps(postmark_bounce(invitation)), content_type="application/json"
    )

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.delivery_status == Invitation.Delivery.SENT
