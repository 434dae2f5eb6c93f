"""A logo picked on the mini program form survives a mistake in another field."""

import re

from django.urls import reverse
from PIL import Image

from miniprograms.models import MiniProgram
from tests.miniprograms.helpers import complete_program, form_data, png_upload, stored_files

CREATE = reverse("miniprograms:create")
KEPT = "Your new logo is kept; it will be saved when the form is valid."


def kept_token(response) -> str:
    return re.search(r'name="kept_logo" value="([^"]+)"', response.text).group(1)


def test_a_logo_picked_before_another_field_failed_is_kept_and_saved_on_the_next_try(
    sign_in, team, media_root
):
    client = sign_in(team.owner)

    response = client.post(CREATE, form_data(logo=png_upload(80, 80), customer_service_phone="1"))

    assert response.status_code == 200
    assert KEPT in response.text
    assert 'src="data:image/png;base64,' in response.text
    data = form_data(logo=None, name="Acme Kept", kept_logo=kept_token(response))
    response = client.post(CREATE, data)
    assert response.status_code == 302
    mini_program = MiniProgram.objects.get(listings__name="Acme Kept")
    with Image.open(mini_program.logo.path) as image:
        assert image.size == (80, 80)
    assert stored_files(media_root) == [mini_program.logo.name]


def test_an_edit_keeps_the_new_logo_across_an_error_instead_of_showing_the_old_one(
    sign_in, team, media_root
):
    mini_program = complete_program(team)
    old = mini_program.logo.name
    client = sign_in(team.owner)
    url = reverse("miniprograms:edit", args=[mini_program.app_id])

    response = client.post(url, form_data(logo=png_upload(100, 100), tagline="short"))

    assert KEPT in response.text
    assert mini_program.logo_url not in response.text
    response = client.post(url, form_data(logo=None, kept_logo=kept_token(response)))
    assert response.status_code == 302
    mini_program.refresh_from_db()
    assert mini_program.logo.name != old
    with Image.open(mini_program.logo.path) as image:
        assert image.size == (100, 100)


def test_a_logo_that_fails_its_own_checks_is_not_kept(sign_in, team, media_root):
    response = sign_in(team.owner).post(CREATE, form_data(logo=png_upload(64, 32)))

    assert KEPT not in response.text
    assert 'name="kept_logo"' not in response.text
    assert stored_files(media_root) == []


def test_a_kept_logo_cannot_be_used_in_another_workspace(sign_in, team, media_root):
    response = sign_in(team.owner).post(CREATE, form_data(customer_service_phone="1"))
    token = kept_token(response)

    response = sign_in(team.outsider).post(
        CREATE, form_data(logo=None, name="Globex Kept", kept_logo=token)
    )

    assert response.status_code == 200
    assert KEPT not in response.text
    assert not MiniProgram.objects.filter(listings__name="Globex Kept").exists()


def test_the_error_summary_lists_every_error_with_a_link_to_its_field(sign_in, team):
    response = sign_in(team.owner).post(CREATE, form_data(tagline="short", industry=""))

    summary = re.search(r'<div class="error-summary".*?</div>', response.text, re.S).group(0)
    assert "There is a problem" in summary
    assert "2 things need fixing" in summary
    assert 'href="#id_tagline"' in summary
    assert 'href="#id_industry"' in summary
    assert "autofocus" in summary
    assert 'id="id_tagline"' in response.text
