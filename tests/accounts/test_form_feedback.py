"""What the account pages tell a person after they act: signed out, or what to fix."""

import re

from django.urls import reverse


def test_signing_out_says_so_on_the_sign_in_page(sign_in, team):
    client = sign_in(team.owner)

    response = client.post(reverse("accounts:signout"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:signin")
    assert "You are signed out." in response.text


def test_a_failed_sign_up_starts_with_a_summary_linking_each_error_to_its_field(client, db):
    response = client.post(reverse("accounts:signup"), {"email": "not an email"})

    summary = re.search(r'<div class="error-summary".*?</div>', response.text, re.S).group(0)
    assert "There is a problem" in summary
    for field in ("full_name", "email", "password"):
        assert f'href="#id_{field}"' in summary
        assert f'id="id_{field}"' in response.text


def test_a_wrong_password_is_listed_in_the_summary_without_a_field_to_link_to(client, team):
    response = client.post(
        reverse("accounts:signin"), {"username": "olivia@acme.test", "password": "nope"}
    )

    summary = re.search(r'<div class="error-summary".*?</div>', response.text, re.S).group(0)
    assert "The email or password is not correct." in summary
    assert "href=" not in summary


def test_chinese_labels_end_in_a_full_width_colon(client, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    page = client.get(reverse("accounts:signup")).content.decode()

    assert "\uff1a</label>" in page
    assert ":</label>" not in page
