from django.urls import reverse

from core.models import ActivityEvent

URL = reverse("console:settings")


def test_the_owner_renames_the_workspace(sign_in, team):
    response = sign_in(team.owner).post(URL, {"name": "Acme Mobility"}, follow=True)

    assert "Workspace settings saved." in response.text
    team.workspace.refresh_from_db()
    assert team.workspace.name == "Acme Mobility"
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.WORKSPACE_RENAMED)
    assert (event.before, event.after) == ({"name": "Acme"}, {"name": "Acme Mobility"})


def test_it_refuses_a_blank_name(sign_in, team):
    response = sign_in(team.owner).post(URL, {"name": "   "})

    assert response.status_code == 200
    assert "This field is required." in response.text
    team.workspace.refresh_from_db()
    assert team.workspace.name == "Acme"


def test_a_master_may_not_change_settings(sign_in, team):
    assert sign_in(team.master).get(URL).status_code == 403
    assert sign_in(team.master).post(URL, {"name": "Hijacked"}).status_code == 403
    team.workspace.refresh_from_db()
    assert team.workspace.name == "Acme"
