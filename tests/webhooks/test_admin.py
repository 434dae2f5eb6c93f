"""Staff see endpoints and deliveries in the admin, never a secret in full."""

import pytest
from django.urls import reverse

from accounts.models import User
from core.models import ActivityEvent
from webhooks.models import WebhookDelivery


@pytest.fixture
def staff_client(client, team):
    client.force_login(
        User.objects.create_superuser(email="root@console.test", password="x", full_name="Root")
    )
    return client


def test_staff_see_an_endpoint_with_its_secret_masked(staff_client, endpoint):
    page = staff_client.get(reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk]))

    assert page.status_code == 200
    body = page.content.decode()
    assert endpoint.masked_secret in body
    assert endpoint.secret not in body
    listing = staff_client.get(reverse("admin:webhooks_webhookendpoint_changelist"), {"q": "acme"})
    assert endpoint.secret not in listing.content.decode()


def test_staff_disable_an_endpoint_through_the_service_which_logs_it(staff_client, endpoint):
    response = staff_client.post(
        reverse("admin:webhooks_webhookendpoint_changelist"),
        {"action": "disable", "_selected_action": [endpoint.pk]},
    )

    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert not endpoint.is_enabled
    assert ActivityEvent.objects.filter(action="webhook_endpoint.updated").exists()


def test_staff_browse_deliveries(
    staff_client, endpoint, receiver, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.force_login(team.owner)
        staff_client.post(reverse("webhooks:test", args=[endpoint.pk]))
    staff_client.force_login(User.objects.get(email="root@console.test"))
    delivery = WebhookDelivery.objects.get()

    changelist = staff_client.get(reverse("admin:webhooks_webhookdelivery_changelist"))
    change = staff_client.get(reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk]))

    assert delivery.message_id in changelist.content.decode()
    assert change.status_code == 200
    assert endpoint.secret not in change.content.decode()
