"""Failed deliveries are tried again later, then given up; an endpoint failing for a day is
switched off and its workspace's Owner told."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import ActivityEvent
from webhooks.models import WebhookDelivery
from webhooks.tasks import deliver_webhook


def remove_the_developer(client, team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:remove", args=[team.developer_membership.pk]))


def run_queued(backend, django_capture_on_commit_callbacks):
    """Runs what the tasks backend holds, as its worker would once `run_after` has passed, and
    returns how long after its enqueuing each was to wait."""
    waits = []
    while backend.results:
        result = backend.results.pop(0)
        if result.task.run_after is not None:
            waits.append(result.task.run_after - result.enqueued_at)
        with django_capture_on_commit_callbacks(execute=True):
            result.task.call(*result.args, **result.kwargs)
    return waits


def round_minutes(waits):
    return [round(wait.total_seconds() / 60) for wait in waits]


def test_a_failing_receiver_is_tried_five_times_over_hours_then_given_up(
    endpoint, receiver, sign_in, team, deferring_tasks, django_capture_on_commit_callbacks
):
    receiver.status = 503
    remove_the_developer(sign_in(team.owner), team, django_capture_on_commit_callbacks)

    waits = run_queued(deferring_tasks, django_capture_on_commit_callbacks)

    assert round_minutes(waits) == [5, 30, 120, 300]
    assert len(receiver.requests) == 5
    # One message: the same id on every attempt, so the receiver can tell a repeat.
    assert len({request.headers["webhook-id"] for request in receiver.requests}) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.GAVE_UP, 5)
    assert delivery.next_attempt_at is None


def test_a_retry_that_succeeds_ends_the_delivery_and_the_endpoint_failure(
    endpoint, receiver, sign_in, team, deferring_tasks, django_capture_on_commit_callbacks
):
    receiver.status = 500
    remove_the_developer(sign_in(team.owner), team, django_capture_on_commit_callbacks)
    [first] = deferring_tasks.results
    deferring_tasks.results.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first.task.call(*first.args)
    delivery = WebhookDelivery.objects.get()
    endpoint.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.next_attempt_at > timezone.now() + timedelta(minutes=4)
    assert endpoint.failing_since is not None

    receiver.status = 204
    run_queued(deferring_tasks, django_capture_on_commit_callbacks)

    delivery.refresh_from_db()
    endpoint.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.SUCCEEDED, 2)
    assert endpoint.failing_since is None


def test_an_endpoint_failing_for_a_day_is_disabled_and_the_owner_mailed(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    endpoint.failing_since = timezone.now() - timedelta(hours=24, minutes=1)
    endpoint.save(update_fields=["failing_since"])
    receiver.status = 500
    mail.outbox.clear()

    remove_the_developer(sign_in(team.owner), team, django_capture_on_commit_callbacks)

    endpoint.refresh_from_db()
    assert not endpoint.is_enabled
    assert endpoint.disabled_reason == endpoint.DisabledReason.FAILING
    assert ActivityEvent.objects.filter(
        action=ActivityEvent.Action.WEBHOOK_ENDPOINT_DISABLED, target_id=str(endpoint.pk)
    ).exists()
    [message] = mail.outbox
    assert message.to == [team.owner.email]
    assert endpoint.url in message.body
    assert f"http://testserver/console/webhooks/{endpoint.pk}/" in message.body
    assert message.alternatives[0].mimetype == "text/html"
    page = sign_in(team.owner).get(reverse("webhooks:detail", args=[endpoint.pk]))
    assert "Every delivery failed for a day" in page.content.decode()


def test_an_endpoint_failing_for_less_than_a_day_stays_enabled(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    endpoint.failing_since = timezone.now() - timedelta(hours=23)
    endpoint.save(update_fields=["failing_since"])
    receiver.status = 500
    mail.outbox.clear()

    remove_the_developer(sign_in(team.owner), team, django_capture_on_commit_callbacks)

    endpoint.refresh_from_db()
    assert endpoint.is_enabled
    assert mail.outbox == []


def test_a_disabled_endpoint_is_sent_nothing_and_enabling_forgets_its_failures(
    endpoint, receiver, sign_in, team, django_capture_on_commit_callbacks
):
    client = sign_in(team.owner)
    client.post(reverse("webhooks:disable", args=[endpoint.pk]))
    remove_the_developer(client, team, django_capture_on_commit_callbacks)
    assert receiver.requests == []

    endpoint.failing_since = timezone.now() - timedelta(days=2)
    endpoint.save(update_fields=["failing_since"])
    client.post(reverse("webhooks:enable", args=[endpoint.pk]))

    endpoint.refresh_from_db()
    assert endpoint.is_enabled
    assert (endpoint.failing_since, endpoint.disabled_reason) == (None, "")


def test_a_retry_due_after_the_endpoint_was_disabled_is_not_sent_and_says_why(
    endpoint, receiver, sign_in, team, deferring_tasks, django_capture_on_commit_callbacks
):
    client = sign_in(team.owner)
    remove_the_developer(client, team, django_capture_on_commit_callbacks)
    client.post(reverse("webhooks:disable", args=[endpoint.pk]))

    deliver_webhook.call(WebhookDelivery.objects.get().pk)

    delivery = WebhookDelivery.objects.get()
    assert receiver.requests == []
    assert delivery.status == WebhookDelivery.Status.GAVE_UP
    assert delivery.problem == WebhookDelivery.Problem.ENDPOINT_DISABLED
    page = client.get(reverse("webhooks:detail", args=[endpoint.pk])).text
    assert "Not sent: the endpoint is disabled." in page


def test_the_database_tasks_backend_keeps_the_retry_until_its_time(
    endpoint, receiver, sign_in, team, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    receiver.status = 500
    remove_the_developer(sign_in(team.owner), team, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    DBTaskResult.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        deliver_webhook.call(delivery.pk)

    retry = DBTaskResult.objects.get()
    delivery.refresh_from_db()
    assert retry.run_after == delivery.next_attempt_at
    assert timedelta(minutes=4) < retry.run_after - timezone.now() <= timedelta(minutes=5)
