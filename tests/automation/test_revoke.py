from automation.models import ApiToken
from automation.selectors import token_for_secret
from core.models import ActivityEvent
from tests.automation.helpers import PAGE, create, created_secret


def _developer_token(client, team) -> ApiToken:
    create(
        client,
        name="Dana's uploads",
        all_mini_programs="chosen",
        mini_programs=[team.assigned_mini_program.pk],
    )
    return ApiToken.objects.get(user=team.developer)


def test_revoking_asks_first_then_stops_the_token(team, sign_in):
    client = sign_in(team.owner)
    secret = created_secret(client)
    token = ApiToken.objects.get()
    url = f"{PAGE}{token.pk}/revoke/"

    confirmation = client.get(url)
    assert "stops working at once" in confirmation.text
    assert token_for_secret(secret) == token

    response = client.post(url)

    assert response.status_code == 302
    assert token_for_secret(secret) is None
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked" in client.get(PAGE).text
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.API_TOKEN_REVOKED)
    assert event.actor == team.owner


def test_a_revoked_name_may_be_used_again(team, sign_in):
    client = sign_in(team.owner)
    create(client)
    client.post(f"{PAGE}{ApiToken.objects.get().pk}/revoke/")

    assert create(client).status_code == 302
    assert ApiToken.objects.filter(name="CI uploads").count() == 2


def test_a_master_revokes_a_developers_token(team, sign_in):
    token = _developer_token(sign_in(team.developer), team)

    sign_in(team.master).post(f"{PAGE}{token.pk}/revoke/")

    token.refresh_from_db()
    assert token.is_revoked


def test_a_developer_cannot_revoke_someone_elses_token(team, sign_in):
    create(sign_in(team.owner))
    token = ApiToken.objects.get()

    response = sign_in(team.developer).post(f"{PAGE}{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert not token.is_revoked


def test_a_developer_revokes_their_own_token(team, sign_in):
    client = sign_in(team.developer)
    token = _developer_token(client, team)

    client.post(f"{PAGE}{token.pk}/revoke/")

    token.refresh_from_db()
    assert token.is_revoked


def test_another_workspaces_owner_can_neither_see_nor_revoke_a_token(team, sign_in):
    create(sign_in(team.owner), name="Acme secret pipeline")
    token = ApiToken.objects.get()
    client = sign_in(team.outsider)

    assert "Acme secret pipeline" not in client.get(PAGE).text
    assert client.get(f"{PAGE}{token.pk}/revoke/").status_code == 404
    assert client.post(f"{PAGE}{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert not token.is_revoked


def test_removing_a_member_revokes_their_tokens(team, sign_in):
    secret = created_secret(
        sign_in(team.developer),
        all_mini_programs="chosen",
        mini_programs=[team.assigned_mini_program.pk],
    )

    sign_in(team.owner).post(f"/console/members/{team.developer_membership.pk}/remove/")

    token = ApiToken.objects.get()
    assert token.is_revoked
    assert token_for_secret(secret) is None
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.API_TOKEN_REVOKED)
    assert (event.actor, event.after["reason"]) == (team.owner, "member removed")


def test_blocking_a_member_revokes_their_tokens_for_good(team, sign_in):
    create(sign_in(team.master))
    master = team.workspace.memberships.get(user=team.master)
    owner = sign_in(team.owner)

    owner.post(f"/console/members/{master.pk}/block/")
    owner.post(f"/console/members/{master.pk}/unblock/")

    token = ApiToken.objects.get()
    assert token.is_revoked
    assert ActivityEvent.objects.get(action=ActivityEvent.Action.API_TOKEN_REVOKED).after == {
        "revoked": True,
        "reason": "member blocked",
    }


def test_blocking_a_member_leaves_other_members_tokens_alone(team, sign_in):
    create(sign_in(team.owner))

    sign_in(team.owner).post(f"/console/members/{team.developer_membership.pk}/block/")

    assert not ApiToken.objects.get().is_revoked


def test_a_blocked_members_token_reaches_nothing_even_before_it_is_revoked(team, sign_in):
    token = _developer_token(sign_in(team.developer), team)
    team.developer_membership.status = "blocked"
    team.developer_membership.save(update_fields=["status"])

    token = ApiToken.objects.get(pk=token.pk)
    assert not token.reaches(team.assigned_mini_program)
    assert not token.reachable_mini_programs().exists()
