from django.db.models import Count, Q

from accounts.models import Membership
from core.models import ActivityEvent
from members.selectors import pending_invitation_count
from miniprograms.selectors import visible_mini_programs


def workspace_counts(membership: Membership) -> dict[str, int]:
    """The figures on the Overview page, limited to what the role may see (pending invitations
    only for those who see the Members page)."""
    workspace = membership.workspace
    members = workspace.memberships.aggregate(
        active=Count("id", filter=Q(status=Membership.Status.ACTIVE)),
        blocked=Count("id", filter=Q(status=Membership.Status.BLOCKED)),
    )
    counts = {
        "mini_programs": visible_mini_programs(membership).count(),
        "active_members": members["active"],
        "blocked_members": members["blocked"],
    }
    if membership.may_see_members():
        counts["pending_invitations"] = pending_invitation_count(workspace)
    return counts


def activity_events(workspace, *, action: str = "", actor=None, target_type: str = ""):
    events = ActivityEvent.objects.filter(workspace=workspace).select_related("actor")
    if action:
        events = events.filter(action=action)
    if actor is not None:
        events = events.filter(actor=actor)
    if target_type:
        events = events.filter(target_type=target_type)
    return events
