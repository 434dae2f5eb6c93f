from django.urls import reverse

from tests.console.test_overview import stat

URL = reverse("console:overview")


def test_the_overview_counts_pending_invitations(team, send_invitation, sign_in):
    send_invitation(email="one@example.com")
    withdrawn, _ = send_invitation(email="two@example.com")
    client = sign_in(team.owner)
    client.post(reverse("members:withdraw", args=[withdrawn.pk]))

    assert stat(client.get(URL), "Pending invitations") == 1


def test_a_developer_sees_no_invitation_count(team, send_invitation, sign_in):
    send_invitation()

    assert b"Pending invitations" not in sign_in(team.developer).get(URL).content
