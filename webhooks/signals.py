"""`core.activity.activity_recorded` arrives inside the transaction that wrote the activity row,
so the deliveries are written with the change, and sent only once it commits: a change that
rolls back announces nothing."""

from core.models import ActivityEvent
from webhooks.events import event_data, events_for, payload
from webhooks.services import deliveries_queue


def queue_deliveries(sender, *, event: ActivityEvent, **kwargs) -> None:
    for event_type in events_for(event.action):
        deliveries_queue(
            workspace_id=event.workspace_id,
            event_type=event_type,
            payload=payload(event_type, event.created_at, event_data(event, event_type)),
        )
