"""Delivery news from the ESP (Anymail tracking webhooks, mounted at /webhooks/anymail/).

Anymail checks the shared secret (ANYMAIL_WEBHOOK_SECRET, HTTP basic auth) before any of this
runs, and normalises every ESP's payload into an `AnymailTrackingEvent`.
"""

from anymail.signals import EventType

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
