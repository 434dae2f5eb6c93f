from django.urls import reverse
from pytest_django.asserts import assertInHTML

from core.models import ActivityEvent
from tests.console.helpers import activity_rows, text_of

URL = reverse("console:activity")


def rename(client, name):
    client.post(reverse("console:settings"), {"name": name})


def test_owner_and_master_see_the_workspace_activity(sign_in, team):
    rename(sign_in(team.owner), "Acme Mobility")

    for user in (team.owner, team.master):
        html = sign_in(user).get(URL).text
        assert "Workspace renamed" in html
        assert "Acme Mobility" in html


def test_it_filters_by_action(sign_in, team):
    client = sign_in(team.owner)
    rename(client, "Acme Mobility")

    html = client.get(URL, {"action": ActivityEvent.Action.WORKSPACE_RENAMED}).text

    assert "Workspace renamed" in html
    assert "<td>Workspace created</td>" not in html


def test_the_who_filter_finds_events_by_part_of_a_name_or_email(sign_in, team):
    rename(sign_in(team.owner), "Acme Mobility")
    invite_ivy = {"email": "ivy@example.com", "name": "Ivy", "role": "master"}
    sign_in(team.master).post(reverse("members:list"), invite_ivy)

    by_name = activity_rows(sign_in(team.owner), query_params={"who": "max mas"})
    by_email = activity_rows(sign_in(team.owner), query_params={"who": "OLIVIA@"})

    assert "Max Master invited ivy@example.com as Master" in text_of(by_name)
    assert "Acme Mobility" not in by_name
    assert "Acme Mobility" in by_email
    assert "ivy@example.com" not in by_email


def test_the_who_filter_keeps_what_was_typed(sign_in, team):
    html = sign_in(team.owner).get(URL, {"who": "max"}).text

    assertInHTML(
        '<input type="text" name="who" value="max" maxlength="254" placeholder="Name or email"'
        ' autocomplete="off" id="id_who">',
        html,
    )
    assert "<option" not in html.split('name="who"')[1].split("</div>")[0]


def test_a_who_past_its_length_is_refused_next_to_the_field(sign_in, team):
    html = sign_in(team.owner).get(URL, {"who": "x" * 255}).text

    assert "Ensure this value has at most 254 characters (it has 255)." in html
    assert "Workspace created" in html  # the log, unfiltered


def test_it_never_shows_another_workspaces_events(sign_in, team):
    html = sign_in(team.owner).get(URL).text

    assert "Globex" not in html
    assert "oscar@globex.test" not in html


def test_a_developer_may_not_see_activity(sign_in, team):
    assert sign_in(team.developer).get(URL).status_code == 403


def test_an_unknown_filter_value_is_ignored_not_an_error(sign_in, team):
    response = sign_in(team.owner).get(URL, {"action": "nonsense", "actor": "x", "page": "zz"})

    assert response.status_code == 200
