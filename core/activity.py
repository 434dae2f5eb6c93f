"""The one way to write the activity log (SPEC section 6).

Services call `record_activity` inside their own `transaction.atomic()` block. The client's IP
address comes from the request being served, set by `RequestIPMiddleware`, so services need not
pass it along.
"""

import ipaddress
import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import models
from django.dispatch import Signal

from core.models import ActivityEvent

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)
current_api_token_name: ContextVar[str] = ContextVar("current_api_token_name", default="")

# Sent with `event=` (and `target=`, the object it names, or None) inside the transaction that
# wrote the row, so a receiver that reacts to the change (outgoing webhooks) can queue its work
# with `transaction.on_commit` and never announce a change that rolled back. Layers above core
# subscribe; core names none of them.
activity_recorded = Signal()


@contextmanager
def acting_through_api_token(name: str):
    """Marks every activity row written inside the block as made through the API token `name`."""
    token = current_api_token_name.set(name)
    try:
        yield
    finally:
        current_api_token_name.reset(token)


# How proxies write an address: "1.2.3.4", "1.2.3.4:5678", "2001:db8::1", "[2001:db8::1]:443".
ADDRESS_WITH_PORT = re.compile(r"\[(?P<bracketed>[^\]]*)\](?::[0-9]+)?|(?P<ipv4>[^:]*):[0-9]+")


def ip_address_in(text: str) -> str | None:
    """The IP address `text` holds, without port or brackets; None when it holds none, as the
    activity log's column takes nothing else (PostgreSQL refuses the row, failing the write)."""
    text = text.strip()
    if match := ADDRESS_WITH_PORT.fullmatch(text):
        text = match["bracketed"] if match["bracketed"] is not None else match["ipv4"]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # A zone ("fe80::1%eth0") names a network card of the proxy, and the column refuses it too.
    return None if getattr(address, "scope_id", None) else text


def client_ip(request) -> str | None:
    """The first X-Forwarded-For address when a proxy sets it (USE_X_FORWARDED_FOR), else, or
    when that holds no IP address, the connection's."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0]
        if address := ip_address_in(forwarded):
            return address
    return ip_address_in(request.META.get("REMOTE_ADDR", ""))


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
    event = ActivityEvent.objects.create(
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
        api_token_name=current_api_token_name.get(),
    )
    activity_recorded.send(sender=ActivityEvent, event=event, target=target)
    return event
