import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from automation.models import ApiToken
from core.models import ActivityEvent
from tests.automation.helpers import create


@pytest.fixture
def token(team):
    owner = Client()
    owner.force_login(team.owner)
    create(owner)
    return ApiToken.objects.get()


@pytest.fixture
def staff_client(client, team):
    admin = User.objects.create_superuser(
        email="root@console.test", password="x", full_name="Root Admin"
    )
    client.force_login(admin)
    return client


def test_staff_see_a_token_but_never_its_hash(staff_client, token):
    changelist = staff_client.get(reverse("admin:automation_apitoken_changelist"))
    detail = staff_client.get(reverse("admin:automation_apitoken_change", args=[token.pk]))

    assert token.prefix in changelist.text
    assert detail.status_code == 200
    assert "CI uploads" in detail.text
    assert token.secret_hash not in changelist.text + detail.text


def test_staff_filter_tokens_by_revocation(staff_client, token):
    response = staff_client.get(
        reverse("admin:automation_apitoken_changelist"), {"revoked_at__isnull": "True"}
    )

    assert response.status_code == 200
    assert token.prefix in response.text


def test_staff_revoke_tokens_with_the_action_and_it_is_logged(staff_client, token):
    response = staff_client.post(
        reverse("admin:automation_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )

    assert "1 token revoked." in response.text
    token.refresh_from_db()
    assert token.is_revoked
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.API_TOKEN_REVOKED)
    assert event.actor.email == "root@console.test"


def test_staff_can_neither_add_nor_delete_a_token(staff_client, token):
    assert staff_client.get(reverse("admin:automation_apitoken_add")).status_code == 403
    delete_url = reverse("admin:automation_apitoken_delete", args=[token.pk])
    assert staff_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert ApiToken.objects.filter(pk=token.pk).exists()
