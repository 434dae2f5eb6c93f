import pytest
from django.urls import reverse

from console.models import ActivityEvent
from members.models import Membership, User

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

    response = post_sign_up(client, email="ALICE@example.COM", full_name="Another Alice")

    assert response.status_code == 200
    assert "An account with this email already exists" in response.text
    assert User.objects.count() == 1


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
    assert response.text.count("This field is required.") == 3
