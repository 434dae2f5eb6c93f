"""The Webhooks pages: adding an endpoint, its secret shown once, editing, deleting, who may."""

import pytest
from django.urls import reverse

from core.models import ActivityEvent
from webhooks import services
from webhooks.models import WebhookEndpoint

EVENTS = ["member.joined", "review.approved"]


def add(client, url="https://93.184.215.14/hooks", events=EVENTS, description="Deploy bot"):
    return client.post(
        reverse("webhooks:create"), {"url": url, "description": description, "events": events}
    )


def actions(endpoint) -> list[str]:
    return list(
        ActivityEvent.objects.filter(
            target_type="webhooks.webhookendpoint", target_id=str(endpoint.pk)
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_new_endpoint_shows_its_secret_once_then_only_masked(sign_in, team):
    client = sign_in(team.owner)

    response = add(client)

    endpoint = WebhookEndpoint.objects.get()
    assert response.url == reverse("webhooks:detail", args=[endpoint.pk])
    assert endpoint.secret not in response.url
    first = client.get(response.url).content.decode()
    assert endpoint.secret in first
    assert "shown only this once" in first
    again = client.get(response.url).content.decode()
    assert endpoint.secret not in again
    assert endpoint.masked_secret in again
    assert endpoint.secret.startswith("whsec_")
    assert (endpoint.events, endpoint.description, endpoint.created_by) == (
        EVENTS,
        "Deploy bot",
        team.owner,
    )
    assert actions(endpoint) == ["webhook_endpoint.created"]
    assert endpoint.secret not in str(ActivityEvent.objects.get(action__startswith="webhook").after)


def test_the_list_shows_each_endpoint_with_its_state(sign_in, team):
    client = sign_in(team.owner)
    add(client)
    services.endpoint_disable(endpoint=WebhookEndpoint.objects.get(), actor=team.owner)

    page = client.get(reverse("webhooks:endpoints")).content.decode()

    assert "https://93.184.215.14/hooks" in page
    assert "Disabled" in page
    assert "member.joined, review.approved" in page


def test_an_endpoint_needs_at_least_one_event(sign_in, team):
    response = add(sign_in(team.owner), events=[])

    assert response.context["form"].errors["events"] == ["Choose at least one event."]
    assert WebhookEndpoint.objects.count() == 0


def test_an_event_that_does_not_exist_is_refused_next_to_the_events(sign_in, team):
    response = add(sign_in(team.owner), events=["webhook.test"])

    assert "events" in response.context["form"].errors


def test_rotating_the_secret_shows_the_new_one_once_and_stops_the_old(sign_in, team):
    client = sign_in(team.owner)
    add(client)
    endpoint = WebhookEndpoint.objects.get()
    client.get(reverse("webhooks:detail", args=[endpoint.pk]))
    old = endpoint.secret

    response = client.post(reverse("webhooks:rotate_secret", args=[endpoint.pk]), follow=True)

    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert endpoint.secret in response.content.decode()
    assert actions(endpoint)[-1] == "webhook_endpoint.updated"


def test_editing_changes_the_url_and_events_and_logs_it(sign_in, team):
    client = sign_in(team.owner)
    add(client)
    endpoint = WebhookEndpoint.objects.get()

    response = client.post(
        reverse("webhooks:edit", args=[endpoint.pk]),
        {"url": "https://93.184.215.15/new", "description": "", "events": ["member.removed"]},
    )

    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.events) == ("https://93.184.215.15/new", ["member.removed"])
    event = ActivityEvent.objects.latest("id")
    assert event.action == "webhook_endpoint.updated"
    assert ("url", "https://93.184.215.14/hooks", "https://93.184.215.15/new") in (
        event.changed_fields()
    )


def test_deleting_asks_first_then_removes_the_endpoint(sign_in, team):
    client = sign_in(team.owner)
    add(client)
    endpoint = WebhookEndpoint.objects.get()
    url = reverse("webhooks:delete", args=[endpoint.pk])

    assert "Delete this endpoint?" in client.get(url).content.decode()
    assert WebhookEndpoint.objects.exists()
    response = client.post(url)

    assert response.url == reverse("webhooks:endpoints")
    assert not WebhookEndpoint.objects.exists()
    assert actions(endpoint) == ["webhook_endpoint.created", "webhook_endpoint.deleted"]


@pytest.mark.parametrize(
    ("persona", "status"), [("owner", 200), ("master", 200), ("developer", 403)]
)
def test_owner_and_masters_manage_webhooks_developers_may_not(sign_in, team, persona, status):
    client = sign_in(getattr(team, persona))

    assert client.get(reverse("webhooks:endpoints")).status_code == status
    assert client.get(reverse("webhooks:create")).status_code == status
    assert add(client).status_code == (302 if status == 200 else 403)


def test_another_workspaces_endpoint_is_not_found(sign_in, team):
    add(sign_in(team.outsider), description="Globex secret hook")
    endpoint = WebhookEndpoint.objects.get()
    client = sign_in(team.owner)

    for name in ("detail", "edit", "delete"):
        assert client.get(reverse(f"webhooks:{name}", args=[endpoint.pk])).status_code == 404
    for name in ("test", "enable", "disable", "rotate_secret", "delete"):
        assert client.post(reverse(f"webhooks:{name}", args=[endpoint.pk])).status_code == 404
    assert "Globex secret hook" not in client.get(reverse("webhooks:endpoints")).content.decode()
    assert WebhookEndpoint.objects.get().is_enabled
