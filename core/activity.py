"""The one way to write the activity log (SPEC section 6).

Services call `record_activity` inside their own `transaction.atomic()` block. The client's IP
address comes from the request being served, set by `RequestIPMiddleware`, so services need not
pass it along.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import models

from core.models import ActivityEvent

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)


def client_ip(request) -> str | None:
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestIPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


def record_activity(
    *,
    workspace,
    actor,
    action: ActivityEvent.Action,
    target: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> ActivityEvent:
    return ActivityEvent.objects.create(
        workspace=workspace,
        actor=actor,
        actor_email=getattr(actor, "email", "") or "",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        before=before,
        after=after,
        ip_address=current_ip.get(),
    )
