"""Two requests accepting the same link at the same moment (SPEC section 4: single-use)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from accounts.models import Membership, User
from members.models import Invitation
from members.services import invitation_create
from members.tasks import invitation_message
from tests.personas import make_owner


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_accepts_create_exactly_one_membership(settings):
    owner = make_owner(full_name="Olivia Owner", email="olivia@acme.test", workspace_name="Acme")
    workspace = owner.memberships.get().workspace
    make_owner(full_name="Oscar Outsider", email="oscar@globex.test", workspace_name="Globex")
    invitation = invitation_create(
        workspace=workspace, inviter=owner, name="Oscar", email="oscar@globex.test", role="master"
    )
    token = invitation.issue_token()
    invitation.save(update_fields=["token_hash"])
    link = invitation_message(invitation, token).body.split("http://testserver")[1].split()[0]

    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(User.objects.get(email="oscar@globex.test"))
        assert client.get(link).status_code == 302
        clients.append(client)

    start = threading.Barrier(len(clients))
    statuses = []

    def accept(client):
        try:
            start.wait()
            statuses.append(client.post("/invitations/accept/").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [302, 410]
    joined = Membership.objects.filter(workspace=workspace, user__email="oscar@globex.test")
    assert joined.count() == 1
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
