import pytest
from django.core import mail
from django.test import Client

from members.models import Invitation
from tests.members.helpers import invite, mailed_link


@pytest.fixture
def send_invitation(team, django_capture_on_commit_callbacks):
    """Invites through the Members page as `inviter` (the Owner by default) and returns the
    invitation and the link read from the email that was sent."""

    def _send(inviter=None, **fields):
        client = Client()
        client.force_login(inviter or team.owner)
        with django_capture_on_commit_callbacks(execute=True):
            response = invite(client, **fields)
        assert response.status_code == 302, response.content.decode()
        return Invitation.objects.latest("id"), mailed_link(mail.outbox[-1])

    return _send
