from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from accounts.models import Membership, User
from core.activity_text import describe_events
from core.models import ActivityEvent
from members.models import Invitation
from members.selectors import (
    pending_invitation_counts,
    pending_invitations,
    undelivered_invitations,
)
from miniprograms.selectors import incomplete_mini_programs, visible_mini_programs
from releases.access import may_review
from releases.review_selectors import review_queue
from releases.selectors import waiting_versions

# How many rows each to-do list on the Overview shows; the rest are counted and linked.
TODO_LIMIT = 5
RECENT_ACTIVITY_LIMIT = 10


# Each list is counted only this far, as the mini program list counts pages: an exact COUNT
# reads every row, and every seeded mini program of a big workspace may be incomplete.
TODO_COUNT_LIMIT = 100


@dataclass(frozen=True)
class Shortlist:
    """The first rows of a list and how many it has, up to TODO_COUNT_LIMIT (`total_is_partial`
    when there are more): two queries, however long it is; one when its total is known or the
    list is no longer than the rows shown."""

    items: list
    total: int
    total_is_partial: bool = False

    @classmethod
    def of(
        cls, queryset: QuerySet, limit: int = TODO_LIMIT, *, total: int | None = None
    ) -> "Shortlist":
        items = list(queryset[:limit])
        if total is not None:
            return cls(items=items, total=total)
        if len(items) < limit:
            # The whole list is here: nothing more to count.
            return cls(items=items, total=len(items))
        # The keys of the first rows in the list's own order, not a COUNT: the planner then
        # reads them the way it reads the rows, where a bare COUNT may scan the whole table.
        counted = len(
            queryset.prefetch_related(None).values_list("pk", flat=True)[: TODO_COUNT_LIMIT + 1]
        )
        return cls(
            items=items,
            total=min(counted, TODO_COUNT_LIMIT),
            total_is_partial=counted > TODO_COUNT_LIMIT,
        )

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    def __bool__(self):
        return bool(self.items)


@dataclass(frozen=True)
class OverviewTodo:
    """What waits for the reader, each list limited to what their role may act on or see; None
    for a list the role has no business with."""

    incomplete: Shortlist | None
    undelivered_invitations: Shortlist | None
    pending_invitations: Shortlist | None
    waiting_versions: Shortlist
    # (event, core.activity_text.Description) pairs, as the Activity page draws them.
    recent_activity: list | None


def overview_todo(membership: Membership, counts: dict[str, int]) -> OverviewTodo:
    """`counts` are the membership's workspace_counts, which count the invitations already."""
    workspace = membership.workspace
    may_see_members = membership.may_see_members()
    return OverviewTodo(
        incomplete=(
            Shortlist.of(incomplete_mini_programs(membership))
            if membership.may_manage_mini_programs()
            else None
        ),
        undelivered_invitations=(
            Shortlist.of(
                undelivered_invitations(workspace).order_by("created_at", "id"),
                total=counts["undelivered_invitations"],
            )
            if may_see_members
            else None
        ),
        pending_invitations=(
            Shortlist.of(
                pending_invitations(workspace)
                .exclude(delivery_status__in=Invitation.UNDELIVERED)
                .order_by("expires_at", "id"),
                total=counts["pending_invitations"] - counts["undelivered_invitations"],
            )
            if may_see_members
            else None
        ),
        waiting_versions=Shortlist.of(waiting_versions(membership)),
        recent_activity=(
            describe_events(activity_events(workspace)[:RECENT_ACTIVITY_LIMIT])
            if membership.may_see_activity()
            else None
        ),
    )


def versions_to_review(user: User) -> Shortlist | None:
    """The review queue's head for a reviewer, across every workspace; None for anyone else."""
    if not may_review(user):
        return None
    return Shortlist.of(review_queue().prefetch_related("mini_program__listings"))


def workspace_counts(membership: Membership) -> dict[str, int]:
    """The figures on the Overview page, limited to what the role may see (invitations only for
    those who see the Members page: how many are pending, and how many of those undelivered)."""
    workspace = membership.workspace
    members = workspace.memberships.aggregate(
        active=Count("id", filter=Q(status=Membership.Status.ACTIVE)),
        blocked=Count("id", filter=Q(status=Membership.Status.BLOCKED)),
    )
    counts = {
        # A Developer sees their own few; everyone else the workspace's, counted as they change.
        "mini_programs": visible_mini_programs(membership).count()
        if membership.is_developer
        else workspace.mini_program_count,
        "active_members": members["active"],
        "blocked_members": members["blocked"],
    }
    if membership.may_see_members():
        invitations = pending_invitation_counts(workspace)
        counts["pending_invitations"] = invitations["pending"]
        counts["undelivered_invitations"] = invitations["undelivered"]
    return counts


def activity_events(workspace, *, action: str = "", who: str = "", target_type: str = ""):
    """The workspace's events, newest first; `who` is part of the actor's name or email, or of
    the email kept on the event once their account is gone."""
    events = ActivityEvent.objects.filter(workspace=workspace).select_related("actor")
    if action:
        events = events.filter(action=action)
    if who:
        events = events.filter(
            Q(actor__full_name__icontains=who)
            | Q(actor__email__icontains=who)
            | Q(actor_email__icontains=who)
        )
    if target_type:
        events = events.filter(target_type=target_type)
    return events
