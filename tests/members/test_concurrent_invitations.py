"""Invitations sent, and invitation sign-ups made, at the same moment (issue 12, items 6 and 7)."""

import pytest
from django.test import Client

from accounts.models import Membership, User
from core.models import ActivityEvent
from members.models import Invitation
from members.services import invitation_create
from members.tasks import invitation_message
from tests.concurrency import at_once
from tests.members.helpers import invite
from tests.personas import make_owner


@pytest.fixture
def olivia(db):
    return make_owner(full_name="Olivia Owner", email="olivia@acme.test", workspace_name="Acme")


@pytest.mark.django_db(transaction=True)
def test_sixteen_invitations_at_once_send_no_more_than_the_daily_limit(settings, olivia):
    settings.INVITATIONS_PER_WORKSPACE_PER_DAY = 5
    tabs = [Client() for _ in range(16)]
    for tab in tabs:
        tab.force_login(olivia)

    responses = at_once(
        *[
            lambda tab=tab, number=number: invite(tab, email=f"ivy{number}@example.com")
            for number, tab in enumerate(tabs)
        ]
    )

    assert sorted(response.status_code for response in responses) == [200] * 11 + [302] * 5
    refused = next(response for response in responses if response.status_code == 200)
    assert "invitations in the last 24 hours" in refused.text
    assert Invitation.objects.count() == 5
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.INVITATION_SENT).count() == 5


@pytest.mark.django_db(transaction=True)
def test_ten_sign_ups_at_once_from_one_invitation_make_one_account(olivia, shared_cache):
    invitation = invitation_create(
        workspace=olivia.memberships.get().workspace,
        inviter=olivia,
        name="Ivy Invitee",
        email="ivy@example.com",
        role="master",
    )
    token = invitation.issue_token()
    invitation.save(update_fields=["token_hash"])
    link = invitation_message(invitation, token).body.split("http://testserver")[1].split()[0]
    tabs = [Client() for _ in range(10)]
    for tab in tabs:
        assert tab.get(link).status_code == 302

    def sign_up(tab):
        return tab.post(
            "/invitations/sign-up/",
            {"full_name": "Ivy Invitee", "password": "a long enough passphrase 7"},
        )

    signed_up = at_once(*[lambda tab=tab: sign_up(tab) for tab in tabs])

    # One tab signs up and joins; each other tab is told the account exists (it lost the race
    # for the email) or the invitation is used (it arrived after the winner committed).
    joined = [response for response in signed_up if response.status_code == 302]
    assert [response.url for response in joined] == ["/console/"]
    for response in signed_up:
        if response.status_code == 200:
            assert "You already have an account with this email." in response.text
        elif response.status_code == 410:
            assert "This invitation has already been used" in response.text
        else:
            assert response in joined
    assert User.objects.filter(email="ivy@example.com").count() == 1
    assert Membership.objects.filter(user__email="ivy@example.com").count() == 1
