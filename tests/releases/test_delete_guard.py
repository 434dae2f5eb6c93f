"""Deleting a mini program that devices run (docs/versions.md, "Offline"): a Full Release must be
taken offline first, and deleting an Offline one asks for its App ID typed out — in the console
and in the admin alike."""

from django.urls import reverse

from accounts.models import User
from miniprograms.models import MiniProgram
from releases import services
from tests.releases.helpers import live, upload


def delete_url(program) -> str:
    return reverse("miniprograms:delete", args=[program.app_id])


def test_a_mini_program_with_a_full_release_cannot_be_deleted(sign_in, team, program, reviewer):
    live(program, team.developer, reviewer)
    client = sign_in(team.owner)

    page = client.get(delete_url(program)).text
    response = client.post(delete_url(program), {"app_id": program.app_id})

    message = (
        "Devices run this mini program&#x27;s Full Release, so it cannot be deleted. "
        "Take offline first."
    )
    assert message in page
    assert "Delete mini program</button>" not in page
    assert response.status_code == 200
    assert message in response.text
    assert MiniProgram.objects.filter(pk=program.pk).exists()


def test_deleting_an_offline_mini_program_asks_for_its_app_id(sign_in, team, program, reviewer):
    live(program, team.developer, reviewer)
    services.mini_program_take_offline(mini_program=program, actor=team.owner)
    client = sign_in(team.master)

    page = client.get(delete_url(program)).text
    assert 'name="app_id"' in page and "Type its App ID to confirm." in page
    for typed in ("", "1234"):
        response = client.post(delete_url(program), {"app_id": typed})
        assert response.context["form"].errors["app_id"] == [
            f"Type the App ID, {program.app_id}, to confirm."
        ]
    assert MiniProgram.objects.filter(pk=program.pk).exists()

    response = client.post(delete_url(program), {"app_id": f" {program.app_id} "})

    assert response.status_code == 302
    assert not MiniProgram.objects.filter(pk=program.pk).exists()


def test_one_never_released_is_deleted_in_one_press(sign_in, team, program):
    upload(program, team.developer)
    client = sign_in(team.owner)

    assert 'name="app_id"' not in client.get(delete_url(program)).text
    assert client.post(delete_url(program)).status_code == 302
    assert not MiniProgram.objects.filter(pk=program.pk).exists()


def test_the_admin_keeps_a_mini_program_with_a_full_release(client, team, program, reviewer):
    live(program, team.developer, reviewer)
    other = team.other_mini_program  # never released: the selection goes, or stays, whole
    client.force_login(User.objects.create_superuser(email="root@console.test", password="x"))

    single = client.post(
        reverse("admin:miniprograms_miniprogram_delete", args=[program.pk]), {"post": "yes"}
    )
    bulk = client.post(
        reverse("admin:miniprograms_miniprogram_changelist"),
        {"action": "delete_selected", "_selected_action": [program.pk, other.pk], "post": "yes"},
    )

    assert (single.status_code, bulk.status_code) == (403, 403)
    assert MiniProgram.objects.filter(pk__in=[program.pk, other.pk]).count() == 2
