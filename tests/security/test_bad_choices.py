"""The rest of the bad-input corpus: choices nobody offered and query strings nobody typed.

Select fields are sent values the page never listed (an Owner role, another workspace's mini
program, garbage); search boxes, filters and pagination get hostile query strings. A refusal is a
field error, a query is answered 200 or 4xx; never a 500, nothing saved.
"""

import pytest
from django.urls import reverse

from accounts.models import Membership
from core.models import ActivityEvent
from members.models import Invitation
from onboarding.models import Onboarding
from tests.security import corpus

HOSTILE_QUERIES = {
    "nul": "a\x00b",
    "ten_thousand_characters": "x" * 10_000,
    "crlf": "a\r\nSet-Cookie: x=y",
    "sql": "' OR 1=1 --",
    "html": "<script>alert(1)</script>",
    "percent": "%%%",
    "bidi": "\u202eabc",
    "negative": "-1",
    "huge_number": "9" * 40,
    "float": "1e309",
}


def get_pages(team):
    mini_program = team.assigned_mini_program.app_id
    return {
        "activity": (reverse("console:activity"), ["action", "who", "target_type", "page"]),
        "mini_program_list": (reverse("miniprograms:list"), ["q", "page"]),
        "mini_program_detail": (reverse("miniprograms:detail", args=[mini_program]), ["device"]),
        "members": (reverse("members:list"), ["page"]),
    }


@pytest.mark.parametrize("value_name", sorted(HOSTILE_QUERIES))
@pytest.mark.parametrize(
    "page_name", ["activity", "mini_program_list", "mini_program_detail", "members"]
)
def test_hostile_query_strings_never_break_a_page(sign_in, team, page_name, value_name):
    client = sign_in(team.owner)
    url, parameters = get_pages(team)[page_name]
    value = HOSTILE_QUERIES[value_name]

    responses = [client.get(url, {parameter: value}) for parameter in parameters]

    # A NUL is refused before any view sees it (core.security).
    expected = 400 if "\x00" in value else 200
    assert [response.status_code for response in responses] == [expected] * len(parameters)
    for response in responses:
        assert "<script>alert(1)</script>" not in response.text


def invitation_data(team, **overrides):
    return {"name": "Ivy Invitee", "email": "ivy@example.com", "role": "master"} | overrides


@pytest.mark.parametrize(
    ("field", "make_value"),
    [
        ("role", lambda team: "owner"),
        ("role", lambda team: "superuser"),
        ("role", lambda team: ""),
        ("mini_programs", lambda team: str(team.other_workspace_mini_program.pk)),
        ("mini_programs", lambda team: "not-a-number"),
        ("mini_programs", lambda team: "99999999"),
    ],
    ids=["owner", "unknown_role", "no_role", "foreign_program", "garbage", "missing_program"],
)
def test_an_invitation_refuses_choices_the_page_never_offered(sign_in, team, field, make_value):
    client = sign_in(team.owner)
    data = invitation_data(team, role="developer") | {field: make_value(team)}
    events = ActivityEvent.objects.count()

    response = client.post(reverse("members:list"), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Invitation.objects.exists()
    assert ActivityEvent.objects.count() == events


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"role": "owner"}, "role"),
        ({"role": "developer", "mini_programs": "foreign"}, "mini_programs"),
        ({"role": "developer", "mini_programs": "garbage"}, "mini_programs"),
        ({"role": "developer"}, "mini_programs"),
    ],
    ids=["owner", "foreign_program", "garbage", "no_program"],
)
def test_a_member_edit_refuses_choices_the_page_never_offered(sign_in, team, data, field):
    client = sign_in(team.owner)
    membership = Membership.objects.get(user=team.master)
    if data.get("mini_programs") == "foreign":
        data = data | {"mini_programs": str(team.other_workspace_mini_program.pk)}
    elif data.get("mini_programs") == "garbage":
        data = data | {"mini_programs": "1 OR 1=1"}

    response = client.post(reverse("members:edit", args=[membership.pk]), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.role == "master"
    assert not membership.assigned_mini_programs.exists()


@pytest.mark.parametrize("value_name", sorted(corpus.NAMES))
def test_the_invited_sign_up_refuses_bad_names(client, send_invitation, value_name):
    _, link = send_invitation(email="newcomer@example.com")
    client.get(link)
    users = Membership.objects.count()

    response = client.post(
        reverse("invitations:sign_up"),
        {"full_name": corpus.NAMES[value_name], "password": "a long enough passphrase 7"},
    )

    if "\x00" in corpus.NAMES[value_name]:
        assert response.status_code == 400  # refused before any view (core.security)
    else:
        assert response.status_code == 200
        assert "full_name" in response.context["form"].errors
    assert Membership.objects.count() == users


@pytest.mark.parametrize("value_name", sorted(corpus.IDS))
def test_the_workspace_switch_refuses_ids_no_page_sends(sign_in, team, value_name):
    Membership.objects.create(user=team.master, workspace=team.other_workspace, role="master")
    client = sign_in(team.master)

    response = client.post(
        reverse("console:switch_workspace"), {"workspace": corpus.IDS[value_name]}, follow=True
    )

    assert response.redirect_chain == [(reverse("console:overview"), 302)]
    assert "You are not a member of that workspace." in response.text
    assert "You are signed in to Acme as Master." in response.text


@pytest.mark.parametrize("value_name", sorted(corpus.IDS))
def test_a_wizard_draft_with_a_revision_no_page_sends_is_dropped(sign_in, team, value_name):
    client = sign_in(team.owner)
    client.post(reverse("onboarding:start"), {"choice": "own"})
    url = reverse("onboarding:basic_information")

    response = client.post(
        url,
        {"name": "Half typed", "action": "draft", "revision": corpus.IDS[value_name]},
    )

    assert response.status_code == 204
    assert "basic_information" not in Onboarding.objects.get(workspace=team.workspace).drafts
    assert "Half typed" not in client.get(url).text
