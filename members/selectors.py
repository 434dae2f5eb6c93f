from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from members.models import Invitation, Membership, invitation_token_hash
from miniprograms.models import Listing, MiniProgram

SESSION_WORKSPACE_KEY = "workspace_id"


def current_membership(request) -> Membership | None:
    """The membership on screen. Every active membership is read in the same query and kept on
    `request.active_memberships` for the top bar's workspace switcher, so a console page pays
    one query for both (and for the onboarding banner)."""
    request.active_memberships = []
    user = request.user
    if not user.is_authenticated:
        return None
    # The onboarding banner reads the workspace's wizard from here too, in the same query.
    request.active_memberships = memberships = list(
        user.active_memberships().select_related("workspace__onboarding")
    )
    wanted = request.session.get(SESSION_WORKSPACE_KEY)
    for membership in memberships:
        if membership.workspace_id == wanted:
            return membership
    return min(memberships, key=lambda item: (item.joined_at, item.id), default=None)


def workspace_mini_programs(workspace):
    """The workspace's mini programs to choose from, each with `default_name`: its name in its
    default language, read in the same query (prefetching every listing took a second for
    10,000 of them). Only what a choice shows and an assignment needs is read."""
    default_name = Listing.objects.filter(
        mini_program=OuterRef("pk"), language=OuterRef("default_language")
    ).values("name")[:1]
    return (
        MiniProgram.objects.filter(workspace=workspace)
        .only("pk", "app_id", "workspace_id")
        .annotate(default_name=Subquery(default_name))
    )


def mini_program_choices(workspace, *, search: str, limit: int = 20):
    """The newest of the workspace's mini programs whose App ID or name holds `search`, for the
    search of the invite and member forms."""
    named = Listing.objects.filter(mini_program=OuterRef("pk"), name__icontains=search)
    return (
        workspace_mini_programs(workspace)
        .filter(Q(app_id__icontains=search) | Exists(named))
        .order_by("-created_at", "-id")[:limit]
    )


def workspace_members(workspace):
    return (
        workspace.memberships.select_related("user")
        .prefetch_related(
            Prefetch(
                "assigned_mini_programs",
                queryset=MiniProgram.objects.prefetch_related("listings"),
            )
        )
        .order_by("joined_at", "id")
    )


def workspace_invitations(workspace):
    return (
        workspace.invitations.select_related("inviter")
        .prefetch_related(
            Prefetch("mini_programs", queryset=MiniProgram.objects.prefetch_related("listings"))
        )
        .order_by("-created_at", "-id")
    )


def pending_invitation_count(workspace) -> int:
    return workspace.invitations.filter(
        accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    ).count()


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
