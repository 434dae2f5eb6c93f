"""Delivery news from the ESP (Anymail tracking webhooks, mounted at /webhooks/anymail/).

Anymail checks the shared secret (ANYMAIL_WEBHOOK_SECRET, HTTP basic auth) before any of this
runs, and normalises every ESP's payload into an `AnymailTrackingEvent`.
"""

from functools import wraps

from anymail.signals import EventType
from anymail.utils import get_anymail_setting
from django.http import HttpResponseForbidden

from members.models import Invitation
from members.services import invitation_record_delivery

# Events that settle an invitation email's fate; opens, clicks and the like change nothing.
DELIVERY_FOR_EVENT = {
    EventType.DELIVERED: Invitation.Delivery.DELIVERED,
    EventType.BOUNCED: Invitation.Delivery.BOUNCED,
    EventType.REJECTED: Invitation.Delivery.FAILED,
    EventType.FAILED: Invitation.Delivery.FAILED,
    # A complaint (marked as spam) comes after delivery: the mail arrived, the note says more.
    EventType.COMPLAINED: Invitation.Delivery.DELIVERED,
}


def record_invitation_delivery(sender, event, esp_name, **kwargs):
    status = DELIVERY_FOR_EVENT.get(event.event_type)
    invitation_id = (event.metadata or {}).get("invitation_id")
    if status is None or invitation_id is None:
        return
    error = ""
    if event.event_type != EventType.DELIVERED:
        details = "; ".join(filter(None, [event.mta_response, event.description]))
        error = f"{esp_name}: {event.event_type}" + (f" ({details})" if details else "")
    invitation_record_delivery(
        invitation_id=invitation_id, recipient=event.recipient, status=status, error=error
    )


def webhook_secret_required(view):
    """Anymail accepts webhooks from anyone (with a warning) when no secret is set; ours stay
    closed until the operator sets ANYMAIL_WEBHOOK_SECRET."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not get_anymail_setting("webhook_secret", default=None):
            return HttpResponseForbidden("Set ANYMAIL_WEBHOOK_SECRET to receive ESP webhooks.")
        return view(request, *args, **kwargs)

    return wrapper
