from django.urls import reverse

from accounts.models import Membership

URL = reverse("console:switch_workspace")


def test_the_switcher_appears_for_a_member_of_several_workspaces(sign_in, team):
    Membership.objects.create(user=team.master, workspace=team.other_workspace, role="master")

    html = sign_in(team.master).get(reverse("console:overview")).text

    assert 'name="workspace"' in html
    assert "Globex (Master)" in html


def test_it_switches_the_workspace_on_screen(sign_in, team):
    Membership.objects.create(user=team.master, workspace=team.other_workspace, role="master")
    client = sign_in(team.master)

    client.post(URL, {"workspace": team.other_workspace.pk})

    html = client.get(reverse("console:overview")).text
    assert "You are signed in to Globex as Master." in html


def test_it_refuses_a_workspace_the_user_does_not_belong_to(sign_in, team):
    client = sign_in(team.master)

    response = client.post(URL, {"workspace": team.other_workspace.pk}, follow=True)

    assert "You are not a member of that workspace." in response.text
    assert "You are signed in to Acme as Master." in response.text


def test_there_is_no_switcher_with_a_single_workspace(sign_in, team):
    html = sign_in(team.owner).get(reverse("console:overview")).text

    assert 'name="workspace"' not in html
