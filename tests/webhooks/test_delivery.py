"""Deliveries to a receiver on this machine: signed, recorded, never redirected."""

import base64
import hashlib
import hmac
import time

import pytest
from django.urls import reverse
from standardwebhooks.webhooks import Webhook

from webhooks.models import WebhookDelivery


def verify(secret: str, headers: dict, body: bytes) -> bool:
    """A receiver's check, written from the Standard Webhooks specification alone: the key is
    the base64 after `whsec_`; the signed content `id.timestamp.body`; the header a
    space-separated list of `v1,<base64 HMAC-SHA256>`; the timestamp within five minutes."""
    headers = {name.lower(): value for name, value in headers.items()}
    key = base64.b64decode(secret.split("_", 1)[1])
    message_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > 300:
        return False
    content = message_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = hmac.new(key, content, hashlib.sha256).digest()
    for candidate in headers["webhook-signature"].split():
        version, _, encoded = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(base64.b64decode(encoded), expected):
            return True
    return False


def send_test(client, endpoint, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("webhooks:test", args=[endpoint.pk]))
    assert response.status_code == 302
    return WebhookDelivery.objects.latest("id")


def test_a_test_event_reaches_the_receiver_signed_with_the_endpoint_secret(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    delivery = send_test(sign_in(team.owner), endpoint, django_capture_on_commit_callbacks)

    [request] = receiver.requests
    assert request.path == "/hooks/console"
    assert request.headers["webhook-id"] == delivery.message_id
    assert delivery.message_id.startswith("msg_")
    assert request.headers["Content-Type"] == "application/json"
    assert verify(endpoint.secret, request.headers, request.body)
    assert Webhook(endpoint.secret).verify(request.body, request.headers) == request.json
    assert request.json["type"] == "webhook.test"
    assert request.json["data"]["workspace_id"] == team.workspace.pk


def test_a_changed_body_or_another_secret_does_not_verify(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    send_test(sign_in(team.owner), endpoint, django_capture_on_commit_callbacks)
    [request] = receiver.requests

    assert not verify(endpoint.secret, request.headers, request.body + b" ")
    other_secret = "whsec_" + base64.b64encode(b"x" * 32).decode()
    assert not verify(other_secret, request.headers, request.body)


def test_the_delivery_log_shows_the_status_code_and_the_time_it_took(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    client = sign_in(team.owner)
    delivery = send_test(client, endpoint, django_capture_on_commit_callbacks)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert (delivery.attempts, delivery.last_status_code) == (1, 200)
    assert delivery.duration_ms is not None
    page = client.get(reverse("webhooks:detail", args=[endpoint.pk])).content.decode()
    assert "webhook.test" in page
    assert f"{delivery.duration_ms} ms" in page
    assert "Succeeded" in page


def test_a_receiver_that_fails_is_recorded_with_its_answer(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    receiver.status = 500
    client = sign_in(team.owner)

    delivery = send_test(client, endpoint, django_capture_on_commit_callbacks)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status_code) == (WebhookDelivery.Status.GAVE_UP, 500)
    assert delivery.last_error == "no"
    page = client.get(reverse("webhooks:detail", args=[endpoint.pk])).content.decode()
    assert "500" in page


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_not_followed_and_counts_as_a_failure(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks, status
):
    receiver.status = status
    receiver.headers = {"Location": "http://169.254.169.254/latest/meta-data/"}

    delivery = send_test(sign_in(team.owner), endpoint, django_capture_on_commit_callbacks)

    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.GAVE_UP
    assert delivery.last_status_code == status
    assert "not followed" in delivery.last_error


def test_a_receiver_that_cannot_be_reached_is_recorded_with_the_error(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    endpoint.url = "http://127.0.0.1:9/closed"
    endpoint.save(update_fields=["url"])

    delivery = send_test(sign_in(team.owner), endpoint, django_capture_on_commit_callbacks)

    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert "ConnectionRefusedError" in delivery.last_error
