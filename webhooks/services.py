"""Writes to webhook endpoints and their deliveries. Each service owns its transaction, locks
the workspace first and writes its activity row inside it; deliveries leave after commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, User, Workspace
from core.activity import record_activity
from core.models import ActivityEvent
from webhooks import network
from webhooks.access import MANAGE_WEBHOOKS
from webhooks.events import payload
from webhooks.models import TEST_EVENT, WebhookDelivery, WebhookEndpoint, generate_secret
from webhooks.tasks import deliver_webhook


def _require(*, workspace: Workspace, actor: User) -> None:
    """Staff act from the admin on any workspace; everyone else needs the role."""
    if actor.is_active and actor.is_staff:
        return
    membership = Membership.objects.filter(workspace=workspace, user=actor).first()
    if membership is None or not getattr(membership, MANAGE_WEBHOOKS)():
        raise PermissionDenied


def _check_url(url: str) -> None:
    try:
        network.resolve(url)
    except ValidationError as error:
        raise ValidationError({"url": error.error_list}) from None


def _record(endpoint: WebhookEndpoint, *, actor, action, before=None, after=None) -> None:
    record_activity(
        workspace=endpoint.workspace,
        actor=actor,
        action=action,
        target=endpoint,
        before=before,
        after=after,
    )


def _locked(endpoint: WebhookEndpoint) -> WebhookEndpoint:
    endpoint.workspace.lock()
    return WebhookEndpoint.objects.select_related("workspace").get(pk=endpoint.pk)


def _enqueue(delivery: WebhookDelivery) -> None:
    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery.pk))


def endpoint_create(
    *, workspace: Workspace, actor: User, url: str, description: str, events: list[str]
) -> WebhookEndpoint:
    """Register an endpoint; its secret is on the returned object, to be shown this once."""
    _require(workspace=workspace, actor=actor)
    _check_url(url)
    with transaction.atomic():
        workspace.lock()
        endpoint = WebhookEndpoint.objects.create(
            workspace=workspace,
            url=url,
            description=description.strip(),
            events=sorted(set(events)),
            created_by=actor,
        )
        _record(
            endpoint,
            actor=actor,
            action=ActivityEvent.Action.WEBHOOK_ENDPOINT_CREATED,
            after=endpoint.snapshot(),
        )
    return endpoint


def _update(endpoint: WebhookEndpoint, *, actor: User, **changes) -> WebhookEndpoint:
    with transaction.atomic():
        locked = _locked(endpoint)
        before = locked.snapshot()
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(changes))
        if locked.snapshot() != before or "secret" in changes:
            _record(
                locked,
                actor=actor,
                action=ActivityEvent.Action.WEBHOOK_ENDPOINT_UPDATED,
                before=before,
                after=locked.snapshot() | ({"secret": "rotated"} if "secret" in changes else {}),
            )
    return locked


def endpoint_update(
    *, endpoint: WebhookEndpoint, actor: User, url: str, description: str, events: list[str]
) -> WebhookEndpoint:
    _require(workspace=endpoint.workspace, actor=actor)
    _check_url(url)
    return _update(
        endpoint, actor=actor, url=url, description=description.strip(), events=sorted(set(events))
    )


def endpoint_enable(*, endpoint: WebhookEndpoint, actor: User) -> WebhookEndpoint:
    """Switch an endpoint back on; its failures so far are forgotten."""
    _require(workspace=endpoint.workspace, actor=actor)
    return _update(
        endpoint,
        actor=actor,
        is_enabled=True,
        disabled_reason="",
        disabled_at=None,
        failing_since=None,
    )


def endpoint_disable(*, endpoint: WebhookEndpoint, actor: User) -> WebhookEndpoint:
    _require(workspace=endpoint.workspace, actor=actor)
    return _update(
        endpoint,
        actor=actor,
        is_enabled=False,
        disabled_reason=WebhookEndpoint.DisabledReason.BY_MEMBER,
        disabled_at=timezone.now(),
    )


def endpoint_rotate_secret(*, endpoint: WebhookEndpoint, actor: User) -> WebhookEndpoint:
    """A new secret at once; messages already queued are signed with it when they leave."""
    _require(workspace=endpoint.workspace, actor=actor)
    return _update(endpoint, actor=actor, secret=generate_secret())


def endpoint_delete(*, endpoint: WebhookEndpoint, actor: User) -> None:
    _require(workspace=endpoint.workspace, actor=actor)
    with transaction.atomic():
        locked = _locked(endpoint)
        _record(
            locked,
            actor=actor,
            action=ActivityEvent.Action.WEBHOOK_ENDPOINT_DELETED,
            before=locked.snapshot(),
        )
        locked.delete()


def endpoint_send_test(*, endpoint: WebhookEndpoint, actor: User) -> WebhookDelivery:
    """A `webhook.test` message to this endpoint alone, tried once."""
    _require(workspace=endpoint.workspace, actor=actor)
    with transaction.atomic():
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_type=TEST_EVENT,
            payload=payload(
                TEST_EVENT,
                timezone.now(),
                {"workspace_id": endpoint.workspace_id, "endpoint_url": endpoint.url},
            ),
        )
        _enqueue(delivery)
    return delivery


def deliveries_queue(*, workspace_id: int, event_type: str, payload: dict) -> None:
    """A delivery for every enabled endpoint of the workspace that asked for `event_type`,
    written in the caller's transaction and sent after it commits."""
    endpoints = WebhookEndpoint.objects.filter(workspace_id=workspace_id, is_enabled=True)
    for endpoint in endpoints:
        if endpoint.is_subscribed_to(event_type):
            _enqueue(
                WebhookDelivery.objects.create(
                    endpoint=endpoint, event_type=event_type, payload=payload
                )
            )
