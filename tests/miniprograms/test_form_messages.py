"""What the mini program pages say about bad input: in the interface language, next to the field."""

from django.urls import reverse
from django.utils import translation

from miniprograms.validators import EMAIL_REASONS
from tests.miniprograms.helpers import complete_program, form_data


def test_email_validator_reasons_are_given_in_chinese_words_of_our_own(sign_in, team):
    client = sign_in(team.owner)

    response = client.post(
        reverse("miniprograms:create"),
        form_data(customer_service_email="service@"),
        headers={"accept-language": "zh-Hans"},
    )

    assert "@-sign" not in response.text
    with translation.override("zh-Hans"):
        reason = dict(EMAIL_REASONS)["something after the @-sign"]
        expected = translation.gettext("Enter a valid email address (%(reason)s).") % {
            "reason": reason
        }
    assert expected in response.text


def test_the_device_preview_refuses_text_that_is_not_a_language_tag(sign_in, team):
    mini_program = complete_program(team)
    url = reverse("miniprograms:detail", args=[mini_program.app_id])

    response = sign_in(team.owner).get(url, {"device": "A device in not a tag!!"})

    assert response.status_code == 200
    assert "Enter a language tag" in response.text
    assert 'data-testid="device-preview"' not in response.text
    response = sign_in(team.owner).get(url, {"device": "en-GB"})
    assert 'data-testid="device-preview"' in response.text


def test_the_languages_table_offers_make_default_as_a_button_like_edit_and_delete(sign_in, team):
    mini_program = complete_program(team)
    mini_program.listings.create(language="fr", name="Acme Parking FR", name_key="acme parking fr")
    url = reverse("miniprograms:detail", args=[mini_program.app_id])

    response = sign_in(team.owner).get(url)

    assert '<button type="submit" class="button button-small">Make default</button>' in (
        response.text
    )
    assert 'class="button button-small" href="/console/mini-programs/' in response.text
