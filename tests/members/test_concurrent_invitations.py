"""Invitations sent at the same moment (issue 12, item 6)."""

import pytest
from django.test import Client

from core.models import ActivityEvent
from members.models import Invitation
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
