from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from automation.models import ApiToken, secret_hash
from automation.selectors import token_for_secret
from core.models import ActivityEvent
from tests.automation.helpers import PAGE, SECRET, create, created_secret, database_text


@pytest.mark.parametrize("persona", ["owner", "master", "developer"])
def test_every_active_member_opens_the_api_tokens_page(team, sign_in, persona):
    response = sign_in(getattr(team, persona)).get(PAGE)

    assert response.status_code == 200
    assert "Create a token" in response.text


def test_a_blocked_member_is_sent_away(team, sign_in):
    team.developer_membership.status = "blocked"
    team.developer_membership.save(update_fields=["status"])

    response = sign_in(team.developer).get(PAGE)

    assert response.status_code == 302
    assert response.url == "/console/no-workspace/"


def test_the_secret_is_shown_once_and_only_its_hash_is_stored(team, sign_in):
    client = sign_in(team.owner)

    response = create(client)
    assert response.status_code == 302
    assert "mpc_" not in response.url
    page = client.get(response.url)
    secret = SECRET.search(page.text).group(1)

    token = ApiToken.objects.get()
    assert token.secret_hash == secret_hash(secret)
    assert secret not in database_text()
    assert secret[12:] not in database_text()
    assert page.headers["Cache-Control"].startswith("max-age=0")
    assert "no-store" in page.headers["Cache-Control"]
    again = client.get(PAGE).text
    assert secret not in again
    assert token.prefix in again
    assert token_for_secret(secret) == token
    # It crossed to the page through the session, and left the session when shown.
    assert all(secret not in str(row.get_decoded()) for row in Session.objects.all())


def test_creating_a_token_writes_the_activity_log(team, sign_in):
    create(sign_in(team.master), name="Nightly export", access="read_write")

    event = ActivityEvent.objects.get(action=ActivityEvent.Action.API_TOKEN_CREATED)
    assert event.actor == team.master
    assert event.after["name"] == "Nightly export"
    assert event.after["access"] == "read_write"
    assert event.after["mini_programs"] == "all"
    assert ApiToken.objects.get().may_write
    page = sign_in(team.owner).get("/console/activity/").text
    assert "Max Master created the API token “Nightly export”" in page
    assert "Read and write" in page


def test_revoking_a_token_reads_as_a_sentence_in_chinese(team, sign_in, settings):
    client = sign_in(team.owner)
    create(client, name="Nightly export")
    client.post(f"{PAGE}{ApiToken.objects.get().pk}/revoke/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    page = client.get("/console/activity/").text

    assert "Olivia Owner 撤销了 API 令牌“Nightly export”" in page


@pytest.mark.parametrize(("choice", "days"), [("30", 30), ("90", 90), ("365", 365)])
def test_a_token_expires_after_the_days_chosen(team, sign_in, choice, days):
    create(sign_in(team.owner), expires_in_days=choice)

    expires_at = ApiToken.objects.get().expires_at
    assert abs(expires_at - (timezone.now() + timedelta(days=days))) < timedelta(minutes=1)


def test_a_token_may_never_expire(team, sign_in):
    create(sign_in(team.owner), expires_in_days="never")

    token = ApiToken.objects.get()
    assert token.expires_at is None
    assert token.is_usable(now=timezone.now() + timedelta(days=3650))


def test_an_expiry_that_is_not_offered_is_refused_next_to_the_field(team, sign_in):
    response = create(sign_in(team.owner), expires_in_days="7")

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not ApiToken.objects.exists()


def test_an_expired_token_opens_nothing(team, sign_in):
    secret = created_secret(sign_in(team.owner), expires_in_days="30")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert token_for_secret(secret) is None
    assert "Expired" in sign_in(team.owner).get(PAGE).text


def test_two_unrevoked_tokens_of_a_workspace_do_not_share_a_name(team, sign_in):
    client = sign_in(team.owner)
    create(client)

    response = create(client)

    assert response.status_code == 200
    assert "already has a token with this name" in response.text
    assert ApiToken.objects.count() == 1


def test_a_token_on_chosen_mini_programs_reaches_only_those(team, sign_in):
    create(
        sign_in(team.owner),
        all_mini_programs="chosen",
        mini_programs=[team.other_mini_program.pk],
    )

    token = ApiToken.objects.get()
    assert token.reaches(team.other_mini_program)
    assert not token.reaches(team.assigned_mini_program)
    assert not token.reaches(team.other_workspace_mini_program)
    assert "Acme Eats" in sign_in(team.owner).get(PAGE).text


def test_chosen_scope_needs_a_mini_program(team, sign_in):
    response = create(sign_in(team.owner), all_mini_programs="chosen")

    assert response.status_code == 200
    assert "Choose at least one mini program for the token." in response.text
    assert not ApiToken.objects.exists()


def test_another_workspaces_mini_program_cannot_be_chosen(team, sign_in):
    response = create(
        sign_in(team.owner),
        all_mini_programs="chosen",
        mini_programs=[team.other_workspace_mini_program.pk],
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not ApiToken.objects.exists()


# --- Developers -------------------------------------------------------------------------------


def test_a_developer_is_offered_only_their_assigned_mini_programs(team, sign_in):
    page = sign_in(team.developer).get(PAGE).text

    assert "Acme Rides" in page
    assert "Acme Eats" not in page
    assert "The whole workspace" not in page


def test_a_developer_makes_a_token_on_an_assigned_mini_program(team, sign_in):
    response = create(
        sign_in(team.developer),
        all_mini_programs="chosen",
        mini_programs=[team.assigned_mini_program.pk],
    )

    assert response.status_code == 302
    token = ApiToken.objects.get()
    assert list(token.reachable_mini_programs()) == [team.assigned_mini_program]


@pytest.mark.parametrize(
    "fields",
    [
        {"all_mini_programs": "workspace"},
        {"all_mini_programs": "chosen", "mini_programs": ["OTHER"]},
    ],
    ids=["whole workspace", "unassigned mini program"],
)
def test_a_developer_cannot_reach_beyond_their_assignments_with_a_crafted_post(
    team, sign_in, fields
):
    fields = {
        key: [team.other_mini_program.pk] if value == ["OTHER"] else value
        for key, value in fields.items()
    }

    response = create(sign_in(team.developer), **fields)

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not ApiToken.objects.exists()


def test_a_developers_token_loses_a_mini_program_when_the_assignment_ends(team, sign_in):
    create(
        sign_in(team.developer),
        all_mini_programs="chosen",
        mini_programs=[team.assigned_mini_program.pk],
    )
    team.assigned_mini_program.developers.remove(team.developer_membership)

    assert not ApiToken.objects.get().reaches(team.assigned_mini_program)


def test_a_master_demoted_to_developer_keeps_only_assigned_mini_programs(team, sign_in):
    create(sign_in(team.master))
    membership = team.workspace.memberships.get(user=team.master)
    membership.role = "developer"
    membership.save(update_fields=["role"])
    team.other_mini_program.developers.add(membership)

    token = ApiToken.objects.get()
    assert list(token.reachable_mini_programs()) == [team.other_mini_program]
    assert not token.reaches(team.assigned_mini_program)


def test_a_developer_sees_only_their_own_tokens(team, sign_in):
    create(sign_in(team.owner), name="Owner's export")
    create(
        sign_in(team.developer),
        name="Dana's uploads",
        all_mini_programs="chosen",
        mini_programs=[team.assigned_mini_program.pk],
    )

    developer_page = sign_in(team.developer).get(PAGE).text
    owner_page = sign_in(team.owner).get(PAGE).text

    assert "Dana&#x27;s uploads" in developer_page
    assert "Owner&#x27;s export" not in developer_page
    assert "Dana&#x27;s uploads" in owner_page
    assert "Dana Developer" in owner_page


# --- a workspace with too many mini programs for checkboxes -----------------------------------


def test_a_large_workspaces_token_takes_app_ids(team, sign_in, settings):
    settings.MINI_PROGRAM_CHECKBOX_LIMIT = 1
    client = sign_in(team.owner)
    assert "the App IDs of the mini programs the token may reach" in client.get(PAGE).text

    create(client, all_mini_programs="chosen", mini_programs=team.other_mini_program.app_id)

    assert list(ApiToken.objects.get().mini_programs.all()) == [team.other_mini_program]


def test_a_developer_of_a_large_workspace_still_ticks_their_few_mini_programs(
    team, sign_in, settings
):
    settings.MINI_PROGRAM_CHECKBOX_LIMIT = 1

    page = sign_in(team.developer).get(PAGE).text

    assert f'name="mini_programs" value="{team.assigned_mini_program.pk}"' in page
    assert "data-mini-program-search" not in page
