"""Webhooks go only to public addresses (docs/webhooks.md, "Addresses"), checked when an
endpoint is added and again at every delivery, and sent to the address that was checked."""

import socket

import pytest
from django.urls import reverse

from tests.webhooks.conftest import ALL_EVENTS
from webhooks import services
from webhooks.models import WebhookDelivery, WebhookEndpoint

PRIVATE = "This address leads to a private, local or reserved network."


def add(client, url):
    return client.post(
        reverse("webhooks:create"), {"url": url, "description": "", "events": ALL_EVENTS}
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://0.0.0.0/hook",
        "https://[::1]/hook",
        "https://[fd00::1]/hook",
        "https://[fe80::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://224.0.0.1/hook",
        "https://100.64.0.1/hook",
        "https://localhost/hook",
    ],
)
def test_an_address_inside_the_network_is_refused_next_to_the_url(sign_in, team, url):
    response = add(sign_in(team.owner), url)

    assert response.status_code == 200
    assert PRIVATE in response.content.decode()
    assert response.context["form"].errors["url"]
    assert WebhookEndpoint.objects.count() == 0


def test_plain_http_is_refused(sign_in, team):
    response = add(sign_in(team.owner), "http://93.184.215.14/hook")

    assert response.context["form"].errors["url"] == ["Use an https:// address."]


def test_a_host_that_does_not_resolve_is_refused(sign_in, team):
    response = add(sign_in(team.owner), "https://nowhere.invalid/hook")

    assert response.context["form"].errors["url"] == [
        "The host of this address could not be found."
    ]


def test_a_public_https_address_is_accepted(sign_in, team):
    response = add(sign_in(team.owner), "https://93.184.215.14/hook")

    assert response.status_code == 302
    assert WebhookEndpoint.objects.get().url == "https://93.184.215.14/hook"


def resolving(monkeypatch, names: dict[str, str]):
    """DNS answers `names` (host -> IP address); anything else as usual."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in names:
            family = socket.AF_INET6 if ":" in names[host] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (names[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_host_that_moves_into_the_network_after_registration_is_not_sent_to(
    monkeypatch, team, receiver, sign_in, django_capture_on_commit_callbacks
):
    resolving(monkeypatch, {"hooks.example.com": "93.184.215.14"})
    endpoint = services.endpoint_create(
        workspace=team.workspace,
        actor=team.owner,
        url="https://hooks.example.com/hook",
        description="",
        events=ALL_EVENTS,
    )
    resolving(monkeypatch, {"hooks.example.com": "127.0.0.1"})

    with django_capture_on_commit_callbacks(execute=True):
        sign_in(team.owner).post(reverse("webhooks:test", args=[endpoint.pk]))

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.GAVE_UP
    assert delivery.last_status_code is None
    assert delivery.problem == WebhookDelivery.Problem.PRIVATE_ADDRESS
    assert PRIVATE in delivery.last_error
    assert receiver.requests == []


def test_the_request_goes_to_the_checked_address_with_the_host_name_in_its_host_header(
    monkeypatch, team, receiver, allow_private, sign_in, django_capture_on_commit_callbacks
):
    port = receiver.url.split(":")[2].split("/")[0]
    resolving(monkeypatch, {"hooks.example.com": "127.0.0.1"})
    endpoint = services.endpoint_create(
        workspace=team.workspace,
        actor=team.owner,
        url=f"http://hooks.example.com:{port}/hook",
        description="",
        events=ALL_EVENTS,
    )

    with django_capture_on_commit_callbacks(execute=True):
        sign_in(team.owner).post(reverse("webhooks:test", args=[endpoint.pk]))

    [request] = receiver.requests
    assert request.headers["Host"] == f"hooks.example.com:{port}"
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SUCCEEDED
