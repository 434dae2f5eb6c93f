from django.urls import reverse

from tests.miniprograms.helpers import complete_program


def test_the_logo_is_served_to_members_with_debug_off(sign_in, team, settings):
    settings.DEBUG = False
    mini_program = complete_program(team)

    response = sign_in(team.master).get(mini_program.logo_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_an_old_logo_address_is_a_404(sign_in, team):
    mini_program = complete_program(team)
    old = reverse("miniprograms:logo", args=[mini_program.app_id, "0" * 32 + ".png"])

    assert sign_in(team.owner).get(old).status_code == 404


def test_staff_see_logos_of_every_workspace(client, team, django_user_model):
    mini_program = complete_program(team)
    staff = django_user_model.objects.create_user(
        email="staff@platform.test", password="x", full_name="Sam Staff", is_staff=True
    )
    client.force_login(staff)

    assert client.get(mini_program.logo_url).status_code == 200


def test_a_program_without_a_logo_has_no_logo_address(sign_in, team):
    assert team.assigned_mini_program.logo_url == ""
