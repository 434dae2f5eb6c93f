import pytest
from django.urls import reverse

from accounts.models import Membership, User
from core.models import ActivityEvent

URL = reverse("accounts:signup")


def post_sign_up(client, **overrides):
    data = {
        "full_name": "Alice Example",
        "email": "Alice@Example.com",
        "password": "a long enough passphrase 7",
    } | overrides
    return client.post(URL, data)


@pytest.mark.django_db
def test_it_creates_an_account_owning_a_new_workspace(client):
    response = post_sign_up(client)

    assert response.status_code == 302
    assert response.url == reverse("onboarding:start")
    user = User.objects.get()
    assert user.email == "alice@example.com"
    assert user.full_name == "Alice Example"
    membership = Membership.objects.get(user=user)
    assert membership.role == Membership.Role.OWNER
    assert membership.workspace.name == "Alice Example's workspace"


@pytest.mark.django_db
def test_it_signs_the_new_owner_in(client):
    post_sign_up(client)

    response = client.get(reverse("console:overview"))

    assert response.status_code == 200
    assert "Alice Example&#x27;s workspace" in response.text


@pytest.mark.django_db
def test_it_records_the_workspace_creation(client):
    post_sign_up(client)

    event = ActivityEvent.objects.get()
    assert event.action == ActivityEvent.Action.WORKSPACE_CREATED
    assert event.actor.email == "alice@example.com"
    assert event.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_it_treats_emails_differing_only_in_case_as_one_account(client):
    post_sign_up(client)
    client.logout()

    post_sign_up(client, email="ALICE@example.COM", full_name="Another Alice")

    assert User.objects.count() == 1
    assert User.objects.get().full_name == "Alice Example"


@pytest.mark.django_db
def test_it_answers_a_known_email_like_a_new_one_without_signing_anyone_in(client, mailoutbox):
    post_sign_up(client)
    client.logout()

    response = post_sign_up(client, password="someone else's passphrase 8")

    assert (response.status_code, response.url) == (302, reverse("onboarding:start"))
    assert "_auth_user_id" not in client.session
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_it_tells_the_owner_of_a_known_email_that_someone_tried_to_sign_up(client, mailoutbox):
    post_sign_up(client)
    client.logout()

    post_sign_up(client, email="ALICE@example.COM")

    [message] = mailoutbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "Someone tried to sign up with your email"
    assert "http://testserver/accounts/password/reset/" in message.body


@pytest.mark.django_db
def test_it_keeps_what_was_typed_when_the_password_is_weak(client):
    response = post_sign_up(client, password="12345678")

    assert response.status_code == 200
    assert "This password is too common." in response.text
    assert 'value="Alice Example"' in response.text
    assert 'value="Alice@Example.com"' in response.text
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_requires_every_field(client):
    response = client.post(URL, {})

    assert response.status_code == 200
    assert response.text.count("<li>This field is required.</li>") == 3


@pytest.mark.django_db
def test_the_sign_up_page_asks_the_browser_for_its_time_zone(client):
    html = client.get(URL).text

    assert 'name="time_zone"' in html
    assert "accounts/browser_time_zone.js" in html


@pytest.mark.django_db
def test_the_zone_the_browser_reports_becomes_the_accounts_zone(client):
    post_sign_up(client, time_zone="America/Sao_Paulo")

    assert User.objects.get().time_zone == "America/Sao_Paulo"


@pytest.mark.django_db
@pytest.mark.parametrize("reported", ["Atlantis/Capital", "", "utc ", "../../etc/passwd"])
def test_a_zone_nobody_knows_makes_a_utc_account_without_an_error(client, reported):
    response = post_sign_up(client, time_zone=reported)

    assert response.status_code == 302
    assert User.objects.get().time_zone == "UTC"
