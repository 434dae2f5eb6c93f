from collections import defaultdict

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Membership
from members.models import Invitation, invitation_token_hash
from miniprograms.models import MiniProgram, default_listing_column, join_default_listing


def workspace_members(workspace):
    return workspace.memberships.select_related("user").order_by("joined_at", "id")


def workspace_invitations(workspace):
    return workspace.invitations.order_by("-created_at", "-id")


def members_page(workspace, number: int, *, per_page: int) -> Page:
    """A page of the Members table, each member with `mini_program_names`: the names of the
    mini programs a Developer is assigned to."""
    page = Paginator(workspace_members(workspace), per_page).get_page(number)
    return _with_mini_program_names(page, relation="developers")


def invitations_page(workspace, number: int, *, per_page: int) -> Page:
    """A page of the Invitations table, each invitation with `mini_program_names`: the names of
    the mini programs a Developer is invited to."""
    page = Paginator(workspace_invitations(workspace), per_page).get_page(number)
    return _with_mini_program_names(page, relation="invitations")


def _with_mini_program_names(page: Page, *, relation: str) -> Page:
    """Gives each row of `page` the names of its mini programs, newest first, read in one query
    of names: model instances of each mini program and its listings cost more than the rows."""
    rows = list(page)
    names = defaultdict(list)
    linked = (
        join_default_listing(
            MiniProgram.objects.filter(**{f"{relation}__in": [row.pk for row in rows]})
        )
        .annotate(shown_name=default_listing_column("name"))
        .order_by("-created_at", "-id")
        .values_list(relation, "shown_name", "app_id")
    )
    for row_pk, name, app_id in linked:
        names[row_pk].append(name or app_id)  # as str(mini_program) says
    for row in rows:
        row.mini_program_names = names[row.pk]
    page.object_list = rows
    return page


def pending_invitations(workspace):
    return workspace.invitations.filter(
        accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    )


def next_invitation_expiry(workspace):
    """When the first pending invitation expires, or None. Time alone turns a pending invitation
    into an expired one, so a cached page that shows them is keyed by this as well: the value
    moves on the moment it passes."""
    return (
        pending_invitations(workspace)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )


def pending_invitation_counts(workspace) -> dict[str, int]:
    """How many invitations are pending ("pending"), and how many of those were never delivered
    ("undelivered"), in one query."""
    return pending_invitations(workspace).aggregate(
        pending=Count("id"),
        undelivered=Count("id", filter=Q(delivery_status__in=Invitation.UNDELIVERED)),
    )


def undelivered_invitations(workspace):
    """Pending invitations whose email never arrived: someone should check the address and
    resend."""
    return pending_invitations(workspace).filter(delivery_status__in=Invitation.UNDELIVERED)


def invitation_for_token(token: str) -> Invitation | None:
    if not token:
        return None
    return (
        Invitation.objects.select_related("workspace", "inviter")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


def invitation_problem(invitation: Invitation | None, user=None) -> str | None:
    """Why this invitation cannot be accepted by `user` now, or None when it can.

    The reasons are the `InvitationProblem` values; each has its own page.
    """
    if invitation is None:
        return InvitationProblem.INVALID
    status = invitation.status
    if status != Invitation.Status.PENDING:
        return {
            Invitation.Status.EXPIRED: InvitationProblem.EXPIRED,
            Invitation.Status.WITHDRAWN: InvitationProblem.WITHDRAWN,
            Invitation.Status.ACCEPTED: InvitationProblem.ACCEPTED,
        }[status]
    if not inviter_may_still_invite(invitation):
        return InvitationProblem.INVITER_GONE
    if (
        invitation.is_developer
        and not invitation.mini_programs.filter(workspace=invitation.workspace).exists()
    ):
        return InvitationProblem.NO_MINI_PROGRAMS
    if user is not None and user.is_authenticated:
        if user.email != invitation.email:
            return InvitationProblem.WRONG_ACCOUNT
        if Membership.objects.filter(workspace=invitation.workspace, user=user).exists():
            return InvitationProblem.ALREADY_MEMBER
    return None


def inviter_may_still_invite(invitation: Invitation) -> bool:
    if invitation.inviter_id is None:
        return False
    membership = Membership.objects.filter(
        workspace=invitation.workspace_id, user=invitation.inviter_id
    ).first()
    return membership is not None and membership.may_invite_as(invitation.role)


class InvitationProblem:
    INVALID = "invalid"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    INVITER_GONE = "inviter_gone"
    NO_MINI_PROGRAMS = "no_mini_programs"
    WRONG_ACCOUNT = "wrong_account"
    ALREADY_MEMBER = "already_member"
