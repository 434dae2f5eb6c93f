"""Invitation links are limited per client address, invitations per workspace (issue 6, part 1)."""

import secrets

import pytest
from django.core import mail
from django.urls import reverse

from members.models import Invitation
from tests.members.helpers import invite, mailed_link


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.RATE_LIMIT_INVITATION_LINK_PER_IP = "3/1h"
    settings.INVITATIONS_PER_WORKSPACE_PER_DAY = 2


def guess(client, ip="203.0.113.1"):
    token = secrets.token_urlsafe(32)
    return client.get(reverse("invitations:open", args=[token]), REMOTE_ADDR=ip, follow=True)


def test_guessing_invitation_tokens_is_paused_per_address(client, team):
    answers = [guess(client).status_code for _ in range(3)]

    assert answers == [404, 404, 404]
    paused = guess(client)
    assert paused.status_code == 429
    assert "Too many attempts" in paused.text
    assert guess(client, ip="198.51.100.2").status_code == 404


def test_a_paused_address_cannot_open_even_a_real_link(client, send_invitation):
    _, link = send_invitation()
    for _ in range(3):
        guess(client)

    response = client.get(link, REMOTE_ADDR="203.0.113.1")

    assert response.status_code == 429


def test_a_real_link_opens_and_shows_its_invitation(client, send_invitation):
    _, link = send_invitation()

    response = client.get(link, REMOTE_ADDR="203.0.113.1", follow=True)

    assert response.status_code == 200
    assert "Acme" in response.text


def test_a_workspace_over_its_daily_invitations_is_told_so_and_nothing_is_sent(
    sign_in, team, django_capture_on_commit_callbacks
):
    client = sign_in(team.owner)
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(2):
            assert invite(client, email=f"ivy{number}@example.com").status_code == 302

        response = invite(client, email="ivy9@example.com")

    assert response.status_code == 200
    assert "invitations in the last 24 hours" in response.text
    assert Invitation.objects.count() == 2
    assert len(mail.outbox) == 2
    assert mailed_link(mail.outbox[-1])
