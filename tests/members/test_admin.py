import pytest
from django.urls import reverse

from accounts.models import Membership, User
from core.models import ActivityEvent
from members.models import Invitation


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
    url = reverse("admin:accounts_membership_change", args=[team.developer_membership.pk])

    html = staff_client.get(url).text

    assert staff_client.get(reverse("admin:accounts_membership_changelist")).status_code == 200
    assert "assigned mini programs" in html.lower()
    assert str(team.assigned_mini_program.pk) in html


def test_staff_cannot_assign_another_workspace_s_mini_program(staff_client, team):
    membership = team.developer_membership
    url = reverse("admin:accounts_membership_change", args=[membership.pk])

    response = staff_client.post(
        url,
        {
            "role": "developer",
            "status": "active",
            "mini_programs": [team.other_workspace_mini_program.pk],
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert list(membership.assigned_mini_programs.all()) == [team.assigned_mini_program]


def test_staff_changes_to_a_membership_are_in_the_activity_log(staff_client, team):
    membership = team.developer_membership
    url = reverse("admin:accounts_membership_change", args=[membership.pk])

    response = staff_client.post(url, {"role": "master", "status": "blocked"})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.status) == ("master", "blocked")
    assert list(membership.assigned_mini_programs.all()) == []
    actions = set(
        ActivityEvent.objects.filter(workspace=team.workspace, actor__is_staff=True).values_list(
            "action", flat=True
        )
    )
    assert actions == {"member.role_changed", "member.blocked"}


def test_staff_removing_a_member_withdraws_what_they_sent(staff_client, team, send_invitation):
    invitation, _ = send_invitation(inviter=team.master)
    membership = team.master.memberships.get()

    staff_client.post(
        reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"}
    )

    assert not Membership.objects.filter(pk=membership.pk).exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.WITHDRAWN
    assert ActivityEvent.objects.filter(action="member.removed", target_id=membership.pk).exists()


def test_staff_renaming_a_workspace_is_in_the_activity_log(staff_client, team):
    staff_client.post(
        reverse("admin:accounts_workspace_change", args=[team.workspace.pk]),
        {
            "name": "Acme Labs",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    team.workspace.refresh_from_db()
    assert team.workspace.name == "Acme Labs"
    assert ActivityEvent.objects.filter(action="workspace.renamed", after={"name": "Acme Labs"})
