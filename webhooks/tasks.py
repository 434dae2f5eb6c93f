"""Sending webhook messages, in the background and after the change they announce committed."""

import json
import logging
from datetime import timedelta

from anymail.message import AnymailMessage
from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Membership
from core.activity import record_activity
from core.mail import email_from_templates
from core.models import ActivityEvent
from webhooks import network
from webhooks.models import TEST_EVENT, WebhookDelivery, WebhookEndpoint
from webhooks.signing import signed_headers

logger = logging.getLogger(__name__)

# The first attempt leaves at once; after a failure, the next waits this long (about 7.5 hours
# in all), then the delivery gives up.
RETRY_DELAYS = [
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def message_body(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()


@task
def deliver_webhook(delivery_id: int) -> str:
    """One attempt at a delivery. Signed at the time it leaves, with the endpoint's secret of
    that moment; the outcome is recorded and, after a failure, the next attempt scheduled."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.is_finished:
        return "skipped"
    endpoint = delivery.endpoint
    is_test = delivery.event_type == TEST_EVENT
    if not endpoint.is_enabled and not is_test:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.GAVE_UP,
            problem=WebhookDelivery.Problem.ENDPOINT_DISABLED,
            last_error="",
            next_attempt_at=None,
        )
        return "endpoint disabled"
    body = message_body(delivery)
    headers = signed_headers(
        key=endpoint.signing_key(),
        message_id=delivery.message_id,
        timestamp=int(timezone.now().timestamp()),
        body=body,
    )
    outcome = network.post(endpoint.url, body=body, headers=headers)
    return _record_attempt(delivery_id, outcome, counts_for_endpoint=not is_test)


def _record_attempt(delivery_id: int, outcome: network.Outcome, *, counts_for_endpoint) -> str:
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("endpoint__workspace")
            .get(pk=delivery_id)
        )
        endpoint = delivery.endpoint
        endpoint.workspace.lock()
        endpoint.refresh_from_db()
        delivery.attempts += 1
        delivery.last_status_code = outcome.status_code
        delivery.duration_ms = outcome.duration_ms
        delivery.problem = outcome.problem
        delivery.last_error = outcome.error
        # A test is tried once, and says nothing about the endpoint's real deliveries.
        retries = counts_for_endpoint and delivery.attempts < MAX_ATTEMPTS
        if outcome.succeeded:
            delivery.status = WebhookDelivery.Status.SUCCEEDED
            delivery.next_attempt_at = None
        elif retries:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]
            _schedule(delivery)
        else:
            delivery.status = WebhookDelivery.Status.GAVE_UP
            delivery.next_attempt_at = None
        delivery.save()
        if counts_for_endpoint:
            _note_endpoint_health(endpoint, succeeded=outcome.succeeded, now=now)
    return delivery.status


def _schedule(delivery: WebhookDelivery) -> None:
    run_after = delivery.next_attempt_at
    backend = deliver_webhook.get_backend()
    if not backend.supports_defer:
        # The immediate backend (development) cannot wait; the log keeps the time it would have.
        logger.warning(
            "Webhook delivery %s not retried: the tasks backend cannot run a task later.",
            delivery.pk,
        )
        return
    transaction.on_commit(lambda: deliver_webhook.using(run_after=run_after).enqueue(delivery.pk))


def _note_endpoint_health(endpoint: WebhookEndpoint, *, succeeded: bool, now) -> None:
    if succeeded:
        if endpoint.failing_since is not None:
            endpoint.failing_since = None
            endpoint.save(update_fields=["failing_since"])
        return
    if endpoint.failing_since is None:
        endpoint.failing_since = now
        endpoint.save(update_fields=["failing_since"])
    if endpoint.is_enabled and endpoint.has_failed_too_long(now):
        _disable_failing(endpoint, now=now)


def _disable_failing(endpoint: WebhookEndpoint, *, now) -> None:
    before = endpoint.snapshot()
    endpoint.is_enabled = False
    endpoint.disabled_reason = WebhookEndpoint.DisabledReason.FAILING
    endpoint.disabled_at = now
    endpoint.save(update_fields=["is_enabled", "disabled_reason", "disabled_at"])
    record_activity(
        workspace=endpoint.workspace,
        actor=None,
        action=ActivityEvent.Action.WEBHOOK_ENDPOINT_DISABLED,
        target=endpoint,
        before=before,
        after=endpoint.snapshot() | {"reason": endpoint.disabled_reason},
    )
    transaction.on_commit(lambda: send_endpoint_disabled_email.enqueue(endpoint.pk))


def endpoint_disabled_message(endpoint: WebhookEndpoint, owner) -> AnymailMessage:
    context = {
        "endpoint": endpoint,
        "workspace": endpoint.workspace,
        "recipient": owner,
        # Links come from SITE_URL, never from a request's Host header.
        "link": settings.SITE_URL + reverse("webhooks:detail", args=[endpoint.pk]),
    }
    with translation.override(owner.mail_language):
        return email_from_templates(
            "webhooks/email/endpoint_disabled",
            context,
            to=owner.email,
            tags=["webhook-disabled"],
            metadata={"webhook_endpoint_id": str(endpoint.pk)},
        )


@task
def send_endpoint_disabled_email(endpoint_id: int) -> str:
    """Tells the workspace's Owner that an endpoint was switched off. An ESP error is logged and
    not raised: the endpoint's page says so either way."""
    endpoint = WebhookEndpoint.objects.select_related("workspace").filter(pk=endpoint_id).first()
    if endpoint is None or endpoint.is_enabled:
        return "skipped"
    owner = (
        Membership.objects.select_related("user")
        .get(workspace=endpoint.workspace, role=Membership.Role.OWNER)
        .user
    )
    try:
        endpoint_disabled_message(endpoint, owner).send()
    except Exception:  # any ESP error or outage
        logger.exception("Could not mail the Owner about webhook endpoint %s", endpoint_id)
        return "failed"
    return "sent"
