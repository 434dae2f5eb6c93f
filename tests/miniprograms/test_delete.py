from django.urls import reverse

from core.models import ActivityEvent
from miniprograms.models import Listing, MiniProgram
from tests.miniprograms.helpers import complete_program, stored_files
from tests.personas import make_member


def url(mini_program):
    return reverse("miniprograms:delete", args=[mini_program.app_id])


def test_it_asks_for_confirmation_naming_developers_left_without_assignment(sign_in, team):
    also_elsewhere = make_member(
        workspace=team.workspace, full_name="Eve Elsewhere", email="eve@acme.test", role="developer"
    )
    team.assigned_mini_program.developers.add(also_elsewhere)
    team.other_mini_program.developers.add(also_elsewhere)

    response = sign_in(team.owner).get(url(team.assigned_mini_program))

    assert response.status_code == 200
    stranded = response.text.split('class="stranded-developers"')[1].split("</ul>")[0]
    assert "Dana Developer" in stranded
    assert "Eve Elsewhere" not in stranded
    assert MiniProgram.objects.filter(pk=team.assigned_mini_program.pk).exists()


def test_a_confirmed_delete_removes_the_program_its_listings_and_logo(
    sign_in, team, media_root, django_capture_on_commit_callbacks
):
    mini_program = complete_program(team)
    assert stored_files(media_root) != []

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(team.master).post(url(mini_program))

    assert response.status_code == 302
    assert response.url == reverse("miniprograms:list")
    assert not MiniProgram.objects.filter(pk=mini_program.pk).exists()
    assert not Listing.objects.filter(name="Acme Parking").exists()
    assert stored_files(media_root) == []
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.MINI_PROGRAM_DELETED)
    assert event.before["app_id"] == mini_program.app_id
    assert event.target_repr == "Acme Parking"


def test_a_developer_may_not_delete(sign_in, team):
    response = sign_in(team.developer).post(url(team.assigned_mini_program))

    assert response.status_code == 403
    assert MiniProgram.objects.filter(pk=team.assigned_mini_program.pk).exists()


def test_another_workspaces_program_cannot_be_deleted(sign_in, team):
    response = sign_in(team.owner).post(url(team.other_workspace_mini_program))

    assert response.status_code == 404
    assert MiniProgram.objects.filter(pk=team.other_workspace_mini_program.pk).exists()
