import pytest
from django.urls import reverse

from members.models import Invitation, User


@pytest.fixture
def staff_client(client, team):
    client.force_login(
        User.objects.create_superuser(email="root@console.test", password="x", full_name="Root")
    )
    return client


def test_staff_see_invitations_with_their_statuses(staff_client, send_invitation):
    send_invitation(email="ivy@example.com")

    html = staff_client.get(reverse("admin:members_invitation_changelist")).text

    assert "ivy@example.com" in html
    assert "Pending" in html
    assert "Sent" in html


def test_staff_resend_and_withdraw_from_the_admin(
    staff_client, send_invitation, django_capture_on_commit_callbacks
):
    invitation, _ = send_invitation()
    url = reverse("admin:members_invitation_changelist")

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"action": "resend", "_selected_action": [invitation.pk]})
    invitation.refresh_from_db()
    assert invitation.send_count == 2

    staff_client.post(url, {"action": "withdraw", "_selected_action": [invitation.pk]})
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.WITHDRAWN


def test_a_membership_shows_its_assignments(staff_client, team):
    url = reverse("admin:members_membership_change", args=[team.developer_membership.pk])

    html = staff_client.get(url).text

    assert staff_client.get(reverse("admin:members_membership_changelist")).status_code == 200
    assert "assigned mini programs" in html.lower()
    assert str(team.assigned_mini_program.pk) in html
