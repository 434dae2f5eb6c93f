"""Deliveries to a receiver on this machine: signed, recorded, never redirected."""

import base64
import hashlib
import hmac
import importlib
import socket
import threading
import time

import pytest
from django.urls import reverse
from standardwebhooks.webhooks import Webhook

from webhooks import network
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
    assert (delivery.problem, delivery.last_error) == (WebhookDelivery.Problem.ANSWER, "no")
    page = client.get(reverse("webhooks:detail", args=[endpoint.pk])).content.decode()
    assert "<td>500</td>" in page
    assert 'The endpoint answered with an error. <q title="no">no</q>' in page


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
    assert delivery.problem == WebhookDelivery.Problem.REDIRECT
    assert delivery.last_error == "http://169.254.169.254/latest/meta-data/"


def test_a_receiver_that_cannot_be_reached_is_recorded_with_the_error(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    endpoint.url = "http://127.0.0.1:9/closed"
    endpoint.save(update_fields=["url"])

    client = sign_in(team.owner)
    delivery = send_test(client, endpoint, django_capture_on_commit_callbacks)

    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert delivery.problem == WebhookDelivery.Problem.CONNECTION_REFUSED
    # The exception stays for the admin; the page says what happened, in the reader's language.
    assert "ConnectionRefusedError" in delivery.last_error
    page = client.get(reverse("webhooks:detail", args=[endpoint.pk])).content.decode()
    assert "The endpoint&#x27;s server refused the connection." in page
    assert "ConnectionRefusedError" not in page


@pytest.fixture
def raw_server():
    """A TCP server on 127.0.0.1 that sends `reply` as it is once a request starts coming, or
    nothing at all, and reads until the client hangs up: closing first could reset a request
    still being sent. `raw_server(reply)` returns its URL."""
    listeners = []

    def start(reply: bytes | None) -> str:
        listener = socket.create_server(("127.0.0.1", 0))
        listeners.append(listener)

        def serve():
            try:
                connection, _address = listener.accept()
            except OSError:  # closed at the end of the test
                return
            with connection:
                connection.recv(65536)
                if reply is not None:
                    connection.sendall(reply)
                while connection.recv(65536):
                    pass

        threading.Thread(target=serve, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}/hook"

    yield start
    for listener in listeners:
        listener.close()


def deliver_to(url, endpoint, client, django_capture_on_commit_callbacks):
    endpoint.url = url
    endpoint.save(update_fields=["url"])
    delivery = send_test(client, endpoint, django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    return delivery


def test_an_endpoint_that_does_not_answer_in_time_is_recorded_as_such(
    endpoint, raw_server, sign_in, team, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(network, "TIMEOUT_SECONDS", 0.2)
    client = sign_in(team.owner)

    delivery = deliver_to(raw_server(None), endpoint, client, django_capture_on_commit_callbacks)

    assert delivery.problem == WebhookDelivery.Problem.TIMEOUT
    page = client.get(reverse("webhooks:detail", args=[endpoint.pk])).text
    assert "The endpoint did not answer in time." in page


def test_an_answer_that_is_not_http_is_recorded_as_such(
    endpoint, raw_server, sign_in, team, django_capture_on_commit_callbacks
):
    url = raw_server(b"hello there\r\n\r\n")

    delivery = deliver_to(url, endpoint, sign_in(team.owner), django_capture_on_commit_callbacks)

    assert delivery.problem == WebhookDelivery.Problem.BAD_ANSWER


def test_an_endpoint_whose_tls_fails_is_recorded_as_such(
    endpoint, raw_server, sign_in, team, django_capture_on_commit_callbacks
):
    # The server answers the TLS handshake in plain HTTP.
    url = raw_server(b"HTTP/1.1 200 OK\r\n\r\n").replace("http://", "https://")

    delivery = deliver_to(url, endpoint, sign_in(team.owner), django_capture_on_commit_callbacks)

    assert delivery.problem == WebhookDelivery.Problem.TLS


def test_a_redirect_shows_where_it_led(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    receiver.status = 302
    receiver.headers = {"Location": "https://elsewhere.example/hook"}
    client = sign_in(team.owner)
    send_test(client, endpoint, django_capture_on_commit_callbacks)

    page = client.get(reverse("webhooks:detail", args=[endpoint.pk])).text

    assert (
        "The endpoint answered with a redirect, which is not followed."
        ' <q title="https://elsewhere.example/hook">https://elsewhere.example/hook</q>'
    ) in page


def test_a_delivery_problem_reads_in_chinese(
    endpoint, sign_in, team, settings, django_capture_on_commit_callbacks
):
    client = sign_in(team.owner)
    deliver_to("http://127.0.0.1:9/closed", endpoint, client, django_capture_on_commit_callbacks)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    page = client.get(reverse("webhooks:detail", args=[endpoint.pk])).text

    assert "端点的服务器拒绝了连接。" in page


# The migration that named the problems of deliveries recorded before.
problem_of = importlib.import_module("webhooks.migrations.0002_delivery_problem").problem_of


@pytest.mark.parametrize(
    ("status_code", "error", "named"),
    [
        (None, "The endpoint is disabled.", ("endpoint_disabled", "")),
        (302, "Redirect to https://x.example/ not followed", ("redirect", "https://x.example/")),
        (500, "no", ("answer", "no")),
        (404, "", ("answer", "")),
        (200, "", ("", "")),
        (None, "ConnectionRefusedError: [Errno 111] Connection refused", None),
        (None, "TimeoutError: timed out", None),
        (None, "SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number", None),
        (None, "The host of this address could not be found.", None),
        (None, "This address leads to a private, local or reserved network. Use a public", None),
        (None, "Use an https:// address.", None),
        (None, "RemoteDisconnected: Remote end closed connection", None),
        (None, "ConnectionResetError: [Errno 104] Connection reset by peer", None),
    ],
)
def test_deliveries_recorded_before_problems_were_get_theirs(status_code, error, named):
    problems = {
        "ConnectionRefusedError": "connection_refused",
        "TimeoutError": "timeout",
        "SSLError": "tls",
        "The host": "unresolvable",
        "This address": "private_address",
        "Use an": "address_not_allowed",
        "RemoteDisconnected": "bad_answer",
        "ConnectionResetError": "connection_failed",
    }
    if named is None:
        [problem] = [problem for start, problem in problems.items() if error.startswith(start)]
        named = (problem, error)
    assert problem_of(status_code, error) == named
