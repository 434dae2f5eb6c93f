from accounts.models import Membership
from core.models import ActivityEvent
from members.models import Invitation


def test_removing_a_member_withdraws_the_invitations_they_sent(team, send_invitation, sign_in):
    invitation, _ = send_invitation(inviter=team.master)
    master = team.workspace.memberships.get(user=team.master)

    response = sign_in(team.owner).post(f"/console/members/{master.pk}/remove/")

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=master.pk).exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.WITHDRAWN
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.MEMBER_REMOVED).exists()


def test_a_master_may_not_remove_block_or_change_members(team, sign_in):
    client = sign_in(team.master)
    pk = team.developer_membership.pk

    assert client.post(f"/console/members/{pk}/remove/").status_code == 403
    assert client.post(f"/console/members/{pk}/block/").status_code == 403
    assert client.get(f"/console/members/{pk}/edit/").status_code == 403
    assert Membership.objects.filter(pk=pk, status="active").exists()


def test_a_member_of_another_workspace_is_not_found(team, sign_in):
    outsider = team.other_workspace.memberships.get()

    response = sign_in(team.owner).post(f"/console/members/{outsider.pk}/block/")

    assert response.status_code == 404


def test_an_invitation_of_another_workspace_is_not_found(team, send_invitation, sign_in):
    invitation, _ = send_invitation()

    response = sign_in(team.outsider).post(
        f"/console/members/invitations/{invitation.pk}/withdraw/"
    )

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


def test_the_owner_blocks_and_unblocks_a_developer(team, sign_in):
    client = sign_in(team.owner)
    pk = team.developer_membership.pk

    client.post(f"/console/members/{pk}/block/")
    assert Membership.objects.get(pk=pk).status == Membership.Status.BLOCKED
    assert b"Blocked" in client.get("/console/members/").content

    client.post(f"/console/members/{pk}/unblock/")
    assert Membership.objects.get(pk=pk).status == Membership.Status.ACTIVE


def test_the_owner_cannot_be_blocked(team, sign_in):
    owner = team.workspace.memberships.get(role="owner")

    response = sign_in(team.owner).post(f"/console/members/{owner.pk}/block/", follow=True)

    assert b"transfer ownership first" in response.content
    assert Membership.objects.get(pk=owner.pk).status == Membership.Status.ACTIVE


def test_the_owner_turns_a_master_into_a_developer_with_one_mini_program(team, sign_in):
    master = team.workspace.memberships.get(user=team.master)
    client = sign_in(team.owner)

    response = client.post(f"/console/members/{master.pk}/edit/", {"role": "developer"})
    assert response.status_code == 200
    assert b"Choose at least one mini program for a Developer." in response.content

    client.post(
        f"/console/members/{master.pk}/edit/",
        {"role": "developer", "mini_programs": [team.other_mini_program.pk]},
    )
    master.refresh_from_db()
    assert master.role == Membership.Role.DEVELOPER
    assert list(master.assigned_mini_programs.all()) == [team.other_mini_program]
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.MEMBER_ROLE_CHANGED).exists()


def test_the_owner_changes_a_developers_assignments(team, sign_in):
    pk = team.developer_membership.pk

    sign_in(team.owner).post(
        f"/console/members/{pk}/edit/",
        {
            "role": "developer",
            "mini_programs": [team.assigned_mini_program.pk, team.other_mini_program.pk],
        },
    )

    assert team.developer_membership.assigned_mini_programs.count() == 2
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.MEMBER_ASSIGNMENTS_CHANGED)
    assert len(event.after["mini_programs"]) == 2


def test_a_mini_program_of_another_workspace_cannot_be_assigned(team, sign_in):
    pk = team.developer_membership.pk

    response = sign_in(team.owner).post(
        f"/console/members/{pk}/edit/",
        {"role": "developer", "mini_programs": [team.other_workspace_mini_program.pk]},
    )

    assert response.status_code == 200
    assert list(team.developer_membership.assigned_mini_programs.all()) == [
        team.assigned_mini_program
    ]


def test_the_owner_transfers_ownership_to_a_master(team, sign_in):
    master = team.workspace.memberships.get(user=team.master)

    sign_in(team.owner).post(f"/console/members/{master.pk}/make-owner/")

    assert team.workspace.memberships.get(role="owner").user == team.master
    assert team.workspace.memberships.get(user=team.owner).role == Membership.Role.MASTER
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.OWNERSHIP_TRANSFERRED).exists()


def test_ownership_cannot_go_to_a_developer(team, sign_in):
    pk = team.developer_membership.pk

    response = sign_in(team.owner).post(f"/console/members/{pk}/make-owner/", follow=True)

    assert b"only be transferred to an active Master" in response.content
    assert team.workspace.memberships.get(role="owner").user == team.owner


def test_a_master_withdraws_an_invitation(team, send_invitation, sign_in):
    invitation, _ = send_invitation()

    sign_in(team.master).post(f"/console/members/invitations/{invitation.pk}/withdraw/")

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.WITHDRAWN
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.INVITATION_WITHDRAWN).exists()


def test_a_developer_may_not_resend_invitations(team, send_invitation, sign_in):
    invitation, _ = send_invitation()

    response = sign_in(team.developer).post(f"/console/members/invitations/{invitation.pk}/resend/")

    assert response.status_code == 403


def test_with_many_mini_programs_a_developer_s_app_ids_are_edited_as_text(team, sign_in, settings):
    settings.MINI_PROGRAM_CHECKBOX_LIMIT = 1
    pk, eats = team.developer_membership.pk, team.other_mini_program
    client = sign_in(team.owner)

    page = client.get(f"/console/members/{pk}/edit/").text
    client.post(f"/console/members/{pk}/edit/", {"role": "developer", "mini_programs": eats.app_id})

    assert f'value="{team.assigned_mini_program.app_id}"' in page
    assert list(team.developer_membership.assigned_mini_programs.all()) == [eats]
