from django.urls import reverse
from PIL import Image

from core.models import ActivityEvent
from miniprograms.models import MiniProgram
from tests.miniprograms.helpers import complete_program, form_data, png_upload, stored_files


def url(mini_program):
    return reverse("miniprograms:edit", args=[mini_program.app_id])


def test_completing_a_basic_program_asks_for_every_field(sign_in, team):
    client = sign_in(team.owner)
    mini_program = team.assigned_mini_program

    response = client.post(url(mini_program), {"name": "Acme Rides", "default_language": "en"})

    assert response.status_code == 200
    assert response.text.count("<li>This field is required.</li>") == 6
    response = client.post(url(mini_program), form_data(name="Acme Rides"))
    mini_program.refresh_from_db()
    assert response.status_code == 302
    assert mini_program.is_complete


def test_editing_keeps_the_logo_unless_a_new_one_is_chosen(sign_in, team, media_root):
    mini_program = complete_program(team)
    logo = mini_program.logo.name

    response = sign_in(team.owner).post(
        url(mini_program), form_data(logo=None, tagline="Park it now")
    )

    mini_program = MiniProgram.objects.get(pk=mini_program.pk)
    assert response.status_code == 302
    assert mini_program.logo.name == logo
    assert mini_program.default_listing.tagline == "Park it now"


def test_a_new_logo_replaces_the_old_file(
    sign_in, team, media_root, django_capture_on_commit_callbacks
):
    mini_program = complete_program(team)
    old = mini_program.logo.name

    with django_capture_on_commit_callbacks(execute=True):
        sign_in(team.owner).post(url(mini_program), form_data(logo=png_upload(128, 128)))

    mini_program = MiniProgram.objects.get(pk=mini_program.pk)
    assert mini_program.logo.name != old
    assert stored_files(media_root) == [mini_program.logo.name]
    with Image.open(mini_program.logo.path) as image:
        assert image.size == (128, 128)


def test_a_failed_edit_leaves_the_program_and_files_unchanged(sign_in, team, media_root):
    mini_program = complete_program(team)
    before = mini_program.snapshot()

    response = sign_in(team.owner).post(
        url(mini_program), form_data(logo=png_upload(64, 32), customer_service_phone="12345")
    )

    assert response.status_code == 200
    assert MiniProgram.objects.get(pk=mini_program.pk).snapshot() == before
    assert stored_files(media_root) == [mini_program.logo.name]


def test_an_edit_records_before_and_after(sign_in, team):
    mini_program = complete_program(team)

    sign_in(team.master).post(url(mini_program), form_data(logo=None, name="Acme Parking Pro"))

    event = ActivityEvent.objects.get(action=ActivityEvent.Action.MINI_PROGRAM_UPDATED)
    assert event.actor == team.master
    assert event.changed_fields() == [("name", "Acme Parking", "Acme Parking Pro")]


def test_the_program_may_keep_its_own_name(sign_in, team):
    mini_program = complete_program(team)

    response = sign_in(team.owner).post(
        url(mini_program), form_data(logo=None, name="ACME parking")
    )

    assert response.status_code == 302


def test_changing_the_default_language_moves_the_default_listing(sign_in, team):
    mini_program = complete_program(team)

    sign_in(team.owner).post(url(mini_program), form_data(logo=None, default_language="fr"))

    mini_program = MiniProgram.objects.get(pk=mini_program.pk)
    assert mini_program.default_language == "fr"
    assert mini_program.languages == ["fr"]


def test_releasing_to_alipay_china_makes_chinese_the_default(sign_in, team):
    mini_program = complete_program(team)

    sign_in(team.owner).post(
        url(mini_program), form_data(logo=None, release_to_alipay_china="on", default_language="en")
    )

    mini_program = MiniProgram.objects.get(pk=mini_program.pk)
    assert mini_program.release_to_alipay_china
    assert mini_program.default_language == "zh-Hans"
    assert mini_program.default_listing.name == "Acme Parking"


def test_the_quota_is_enforced_on_edit_too(sign_in, team, settings):
    settings.ALIPAY_CHINA_QUOTA = 0
    mini_program = complete_program(team)

    response = sign_in(team.owner).post(
        url(mini_program), form_data(logo=None, release_to_alipay_china="on")
    )

    assert "mini programs to Alipay China, the most allowed" in response.text
    assert not MiniProgram.objects.get(pk=mini_program.pk).release_to_alipay_china


def test_the_edit_form_is_filled_with_the_current_values(sign_in, team):
    mini_program = complete_program(team)

    html = sign_in(team.owner).get(url(mini_program)).text

    assert 'value="Acme Parking"' in html
    assert 'value="0571-88888888"' in html
    assert mini_program.logo_url in html
