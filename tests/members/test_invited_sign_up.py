"""Signing up from an invitation accepts it in the same step (issue 15)."""

import pytest
from django.test import Client

from accounts.models import Membership, User
from members.models import Invitation

PASSWORD = "a long enough passphrase 7"


def sign_up_from(link, **fields):
    client = Client()
    assert client.get(link).status_code == 302
    page = client.get("/invitations/")
    assert "data-browser-time-zone" in page.text
    data = {"full_name": "Ivy Invitee", "password": PASSWORD} | fields
    return client, client.post("/invitations/sign-up/", data, follow=True)


def test_signing_up_from_an_invitation_makes_the_person_a_member_and_opens_the_workspace(
    team, send_invitation
):
    invitation, link = send_invitation(email="ivy@example.com", role="master")

    client, response = sign_up_from(link)

    assert response.redirect_chain == [("/console/", 302)]
    assert "Welcome to Acme." in response.text
    assert "Accept invitation" not in response.text
    membership = Membership.objects.get(user__email="ivy@example.com")
    assert membership.workspace == team.workspace
    assert membership.role == Membership.Role.MASTER
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    # The link has done its work: opening the invitation page again shows nothing to accept.
    assert client.get("/invitations/").status_code == 404


def test_the_zone_the_browser_reports_is_kept_for_the_invited_person(team, send_invitation):
    _, link = send_invitation(email="ivy@example.com")

    sign_up_from(link, time_zone="Asia/Shanghai")

    assert User.objects.get(email="ivy@example.com").time_zone == "Asia/Shanghai"


@pytest.mark.parametrize("reported", ["Mars/Olympus_Mons", "", "<script>"])
def test_a_zone_nobody_knows_falls_back_to_utc_without_a_word(team, send_invitation, reported):
    _, link = send_invitation(email="ivy@example.com")

    _, response = sign_up_from(link, time_zone=reported)

    assert response.redirect_chain == [("/console/", 302)]
    assert User.objects.get(email="ivy@example.com").time_zone == "UTC"


def test_an_invitation_withdrawn_before_the_sign_up_leaves_no_account(team, send_invitation):
    invitation, link = send_invitation(email="ivy@example.com")
    client = Client()
    client.get(link)
    Invitation.objects.filter(pk=invitation.pk).update(withdrawn_at=invitation.created_at)

    response = client.post("/invitations/sign-up/", {"full_name": "Ivy", "password": PASSWORD})

    assert response.status_code == 410
    assert not User.objects.filter(email="ivy@example.com").exists()
