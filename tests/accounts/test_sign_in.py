from django.urls import reverse


def test_it_signs_in_with_the_email_in_any_case(client, team, password):
    response = client.post(
        reverse("accounts:signin"), {"username": "OLIVIA@acme.test", "password": password}
    )

    assert response.status_code == 302
    assert response.url == reverse("console:overview")
    assert client.get(reverse("console:overview")).status_code == 200


def test_it_refuses_a_wrong_password_without_saying_which_part_was_wrong(client, team):
    response = client.post(
        reverse("accounts:signin"), {"username": "olivia@acme.test", "password": "nope"}
    )

    assert response.status_code == 200
    assert "The email or password is not correct." in response.text
    assert 'value="olivia@acme.test"' in response.text


def test_it_returns_to_the_page_asked_for(client, team, password):
    response = client.post(
        reverse("accounts:signin") + "?next=/console/activity/",
        {"username": "olivia@acme.test", "password": password, "next": "/console/activity/"},
    )

    assert response.url == "/console/activity/"


def test_sign_out_takes_a_post_and_ends_the_session(sign_in, team):
    client = sign_in(team.owner)

    assert client.get(reverse("accounts:signout")).status_code == 405
    response = client.post(reverse("accounts:signout"))

    assert response.status_code == 302
    assert client.get(reverse("console:overview")).status_code == 302


def sign_in_as_new_owner(client, password, *, choice=None):
    """A new Owner signs up, optionally chooses on the wizard's start page, then signs out."""
    client.post(
        reverse("accounts:signup"),
        {"full_name": "Nina Newcomer", "email": "nina@example.com", "password": password},
    )
    if choice:
        client.post(reverse("onboarding:start"), {"choice": choice})
    client.post(reverse("accounts:signout"))
    return client.post(
        reverse("accounts:signin"), {"username": "nina@example.com", "password": password}
    )


def test_an_owner_who_left_the_wizard_half_way_returns_to_it(client, db, password):
    response = sign_in_as_new_owner(client, password, choice="own")

    assert response.url == reverse("onboarding:resume")
    assert client.get(response.url).url == reverse("onboarding:basic_information")


def test_an_owner_who_skipped_the_wizard_goes_to_the_console(client, db, password):
    response = sign_in_as_new_owner(client, password, choice="skip")

    assert response.url == reverse("console:overview")
