"""Which activity becomes which webhook event, and what its message says (docs/webhooks.md)."""

from core.models import ActivityEvent
from miniprograms.models import MiniProgram
from webhooks.models import WebhookEndpoint

Action = ActivityEvent.Action
Event = WebhookEndpoint.Event

# Every version action changes (or ends) a version's status; these also end a review.
REVIEW_EVENTS = {
    Action.VERSION_APPROVED: Event.REVIEW_APPROVED,
    Action.VERSION_REJECTED: Event.REVIEW_REJECTED,
}
OTHER_EVENTS = {
    Action.MINI_PROGRAM_CREATED: Event.MINI_PROGRAM_CREATED,
    Action.MINI_PROGRAM_UPDATED: Event.MINI_PROGRAM_UPDATED,
    Action.MINI_PROGRAM_DELETED: Event.MINI_PROGRAM_DELETED,
    Action.INVITATION_ACCEPTED: Event.MEMBER_JOINED,
    Action.MEMBER_REMOVED: Event.MEMBER_REMOVED,
}


def events_for(action: str) -> list[str]:
    if action.startswith("version."):
        return [Event.VERSION_STATUS_CHANGED, *filter(None, [REVIEW_EVENTS.get(action)])]
    return [OTHER_EVENTS[action]] if action in OTHER_EVENTS else []


def _mini_program(activity: ActivityEvent) -> dict:
    # Inside the activity's transaction the mini program is still there, even when deleted.
    app_id = (
        MiniProgram.objects.filter(pk=activity.target_id).values_list("app_id", flat=True).first()
    )
    return {"app_id": app_id or (activity.before or {}).get("app_id"), "name": activity.target_repr}


def event_data(activity: ActivityEvent, event_type: str) -> dict:
    """What a message tells: names, numbers and statuses, never anything secret."""
    before, after = activity.before or {}, activity.after or {}
    data = {"workspace_id": activity.workspace_id}
    if event_type.startswith(("version.", "review.", "mini_program.")):
        data["mini_program"] = _mini_program(activity)
    if event_type.startswith(("version.", "review.")):
        data |= {
            "action": activity.action,
            "version": after.get("version") or before.get("version"),
            "from_status": before.get("status"),
            "to_status": after.get("status"),
        }
        data |= {key: after[key] for key in ("percentage", "reason") if key in after}
    if event_type.startswith("member."):
        member = after if event_type == Event.MEMBER_JOINED else before
        data["member"] = {"email": member.get("email"), "role": member.get("role")}
    return data


def payload(event_type: str, timestamp, data: dict) -> dict:
    return {"type": event_type, "timestamp": timestamp.isoformat(), "data": data}
