from django.urls import reverse
from pytest_django.asserts import assertInHTML

from core.models import ActivityEvent

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


def test_the_who_filter_names_every_member_and_keeps_the_one_chosen(sign_in, team):
    html = sign_in(team.owner).get(URL, {"actor": team.master.pk}).text

    assertInHTML(
        f'<option value="{team.master.pk}" selected>Max Master &lt;max@acme.test&gt;</option>',
        html,
    )
    assertInHTML(
        f'<option value="{team.owner.pk}">Olivia Owner &lt;olivia@acme.test&gt;</option>', html
    )
    assertInHTML('<option value="">Anyone</option>', html)
    assert "oscar@globex.test" not in html


def test_it_never_shows_another_workspaces_events(sign_in, team):
    html = sign_in(team.owner).get(URL).text

    assert "Globex" not in html
    assert "oscar@globex.test" not in html


def test_a_developer_may_not_see_activity(sign_in, team):
    assert sign_in(team.developer).get(URL).status_code == 403


def test_an_unknown_filter_value_is_ignored_not_an_error(sign_in, team):
    response = sign_in(team.owner).get(URL, {"action": "nonsense", "actor": "x", "page": "zz"})

    assert response.status_code == 200
