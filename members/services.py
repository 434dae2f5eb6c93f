"""Writes to invitations and memberships. Each service owns its transaction and writes its
activity events inside it."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Membership, User, Workspace
from core.activity import record_activity
from core.models import ActivityEvent
from core.numbers import parse_whole_number
from core.text import normalize_email_address
from members.models import Invitation
from members.selectors import InvitationProblem, invitation_for_token, invitation_problem
from members.tasks import send_invitation_email

# Invitations and members (SPEC sections 1 and 4).


class InvitationUnusable(Exception):
    """An invitation link that cannot be accepted; `problem` is an `InvitationProblem` value."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def _acting_membership(*, workspace: Workspace, actor: User) -> Membership | None:
    return Membership.objects.filter(workspace=workspace, user=actor).first()


def _require(*, workspace: Workspace, actor: User, permission: str) -> None:
    """Staff act from the admin on any workspace; everyone else needs the role's permission."""
    if actor.is_active and actor.is_staff:
        return
    membership = _acting_membership(workspace=workspace, actor=actor)
    if membership is None or not getattr(membership, permission)():
        raise PermissionDenied


def _developer_assignments(*, workspace: Workspace, role: str, mini_programs) -> list:
    """The mini programs a membership of `role` gets: at least one of the workspace's for a
    Developer (SPEC: a Developer always has one), none for anyone else."""
    if role != Membership.Role.DEVELOPER:
        return []
    mini_programs = list(mini_programs)
    if not mini_programs:
        raise ValidationError(
            {"mini_programs": gettext("Choose at least one mini program for a Developer.")}
        )
    if any(mini_program.workspace_id != workspace.pk for mini_program in mini_programs):
        raise ValidationError({"mini_programs": gettext("Choose mini programs of this workspace.")})
    return mini_programs


def _app_ids(mini_programs) -> list[str]:
    return sorted(mini_program.app_id for mini_program in mini_programs)


def _check_invitation_rate(workspace: Workspace) -> None:
    """Inside the transaction that sends, after `workspace.lock()`: parallel invitations then
    count one after another, and the last place goes to one of them."""
    limit = settings.INVITATIONS_PER_WORKSPACE_PER_DAY
    sent = ActivityEvent.objects.filter(
        workspace=workspace,
        action__in=[ActivityEvent.Action.INVITATION_SENT, ActivityEvent.Action.INVITATION_RESENT],
        created_at__gte=timezone.now() - timedelta(days=1),
    ).count()
    if sent >= limit:
        raise ValidationError(
            gettext(
                "This workspace has sent %(limit)s invitations in the last 24 hours, the most "
                "allowed. Try again later."
            ),
            code="rate_limited",
            params={"limit": limit},
        )


def _enqueue_invitation_email(invitation: Invitation) -> None:
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk))


def invitation_create(
    *,
    workspace: Workspace,
    inviter: User,
    name: str,
    email: str,
    role: str,
    mini_programs=(),
) -> Invitation:
    """Invite a person by email; the email leaves from a background task after commit."""
    _require(workspace=workspace, actor=inviter, permission="may_invite")
    if role not in Invitation.INVITABLE_ROLES:
        raise ValidationError({"role": gettext("Invite a Master or a Developer.")})
    email = normalize_email_address(email)
    assignments = _developer_assignments(
        workspace=workspace, role=role, mini_programs=mini_programs
    )
    if Membership.objects.filter(workspace=workspace, user__email=email).exists():
        raise ValidationError(
            {"email": gettext("This person is already a member of the workspace.")},
            code="member",
        )

    with transaction.atomic():
        workspace.lock()
        if workspace.invitations.filter(
            email=email, accepted_at__isnull=True, withdrawn_at__isnull=True
        ).exists():
            raise _duplicate_invitation_error()
        _check_invitation_rate(workspace)
        invitation = Invitation(
            workspace=workspace,
            name=name.strip(),
            email=email,
            role=role,
            inviter=inviter,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        # A link that is never mailed: the task mints the one that is.
        invitation.issue_token()
        invitation.renew()
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:
            # Another request invited the same address a moment ago.
            raise _duplicate_invitation_error() from None
        invitation.mini_programs.set(assignments)
        record_activity(
            workspace=workspace,
            actor=inviter,
            action=ActivityEvent.Action.INVITATION_SENT,
            target=invitation,
            after={
                "name": invitation.name,
                "email": email,
                "role": role,
                "mini_programs": _app_ids(assignments),
            },
        )
        _enqueue_invitation_email(invitation)
    return invitation


def _duplicate_invitation_error() -> ValidationError:
    return ValidationError(
        {
            "email": gettext(
                "An invitation to this email is already open. Resend it from the list of "
                "invitations instead."
            )
        },
        code="duplicate_invitation",
    )


def _locked_open_invitation(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise ValidationError(
            gettext("This invitation has already been accepted or withdrawn."), code="closed"
        )
    return locked


def invitation_resend(*, invitation: Invitation, actor: User) -> Invitation:
    """Mail a new link with a new expiry; the old link stops working at once."""
    _require(workspace=invitation.workspace, actor=actor, permission="may_invite")
    with transaction.atomic():
        invitation.workspace.lock()
        locked = _locked_open_invitation(invitation)
        _check_invitation_rate(locked.workspace)
        before = {"expires_at": locked.expires_at.isoformat(), "delivery": locked.delivery_status}
        locked.issue_token()
        locked.renew()
        locked.delivery_status = Invitation.Delivery.QUEUED
        locked.last_error = ""
        locked.language = translation.get_language() or settings.LANGUAGE_CODE
        locked.save(
            update_fields=["token_hash", "expires_at", "delivery_status", "last_error", "language"]
        )
        record_activity(
            workspace=locked.workspace,
            actor=actor,
            action=ActivityEvent.Action.INVITATION_RESENT,
            target=locked,
            before=before,
            after={"expires_at": locked.expires_at.isoformat(), "delivery": locked.delivery_status},
        )
        _enqueue_invitation_email(locked)
    return locked


def invitation_withdraw(*, invitation: Invitation, actor: User) -> Invitation:
    _require(workspace=invitation.workspace, actor=actor, permission="may_invite")
    with transaction.atomic():
        locked = _locked_open_invitation(invitation)
        _withdraw(locked, actor=actor)
    return locked


def _withdraw(invitation: Invitation, *, actor: User, reason: str = "") -> None:
    before_status = invitation.status
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    record_activity(
        workspace=invitation.workspace,
        actor=actor,
        action=ActivityEvent.Action.INVITATION_WITHDRAWN,
        target=invitation,
        before={"status": before_status},
        after={"status": invitation.status, **({"reason": reason} if reason else {})},
    )


def invitation_accept(*, token: str, user: User) -> Membership:
    """Turn a pending invitation into a membership, exactly once.

    Two requests racing with the same link: the conditional update lets one of them claim the
    invitation, and the one-membership-per-user-and-workspace constraint backs it up.
    """
    with transaction.atomic():
        invitation = invitation_for_token(token)
        if problem := invitation_problem(invitation, user):
            raise InvitationUnusable(problem)
        now = timezone.now()
        claimed = Invitation.objects.filter(
            pk=invitation.pk,
            token_hash=invitation.token_hash,
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=now,
        ).update_shown(accepted_at=now, accepted_by=user)
        if not claimed:
            invitation.refresh_from_db()
            # Accepted or withdrawn a moment ago, or resent: this token no longer opens it.
            raise InvitationUnusable(
                invitation_problem(invitation, user) or InvitationProblem.INVALID
            )
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    user=user, workspace=invitation.workspace, role=invitation.role
                )
        except IntegrityError:
            raise InvitationUnusable(InvitationProblem.ALREADY_MEMBER) from None
        assignments = list(invitation.mini_programs.filter(workspace=invitation.workspace))
        if invitation.is_developer:
            membership.assigned_mini_programs.set(assignments)
        record_activity(
            workspace=invitation.workspace,
            actor=user,
            action=ActivityEvent.Action.INVITATION_ACCEPTED,
            target=invitation,
            after={
                "email": user.email,
                "role": invitation.role,
                "mini_programs": _app_ids(assignments) if invitation.is_developer else [],
            },
        )
    return membership


def invited_sign_up(*, token: str, full_name: str, password: str, time_zone: str) -> Membership:
    """An account for an invited person, under the invited email, and the invitation accepted
    with it: signing up on the invitation page is the deliberate step, so nobody is asked to
    accept a second time. Both happen or neither does, so an invitation that was used up a
    moment ago leaves no account behind."""
    invitation = invitation_for_token(token)
    if problem := invitation_problem(invitation):
        raise InvitationUnusable(problem)
    with transaction.atomic():
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=invitation.email,
                    password=password,
                    full_name=full_name.strip(),
                    time_zone=time_zone,
                )
        except IntegrityError:
            # The email has an account already, perhaps made a moment ago from the same link.
            raise ValidationError(
                gettext("An account with this email already exists. Sign in to accept."),
                code="duplicate_email",
            ) from None
        return invitation_accept(token=token, user=user)


def invitation_record_delivery(
    *, invitation_id, recipient: str | None, status: str, error: str = ""
) -> bool:
    """Delivery news from the ESP's tracking webhook. False when no invitation matches: the id
    comes from the message's metadata, and the event must name the invited address as its
    recipient, so an event that names none, or another one, changes nothing."""
    pk = parse_whole_number(invitation_id)
    if pk is None or not recipient:
        return False
    invitations = Invitation.objects.filter(pk=pk, email=normalize_email_address(recipient))
    return bool(invitations.update_shown(delivery_status=status, last_error=error[:2000]))


def _managed_membership(*, membership: Membership, actor: User) -> None:
    _require(workspace=membership.workspace, actor=actor, permission="may_manage_members")
    if membership.is_owner:
        raise ValidationError(
            gettext("The Owner cannot be changed here; transfer ownership first."),
            code="owner",
        )


def member_change_role(
    *, membership: Membership, actor: User, role: str, mini_programs=()
) -> Membership:
    _managed_membership(membership=membership, actor=actor)
    if role not in Invitation.INVITABLE_ROLES:
        raise ValidationError({"role": gettext("Choose Master or Developer.")})
    assignments = _developer_assignments(
        workspace=membership.workspace, role=role, mini_programs=mini_programs
    )
    with transaction.atomic():
        before = {
            "role": membership.role,
            "mini_programs": _app_ids(membership.assigned_mini_programs.all()),
        }
        membership.role = role
        membership.save(update_fields=["role"])
        # Masters see every mini program; only a Developer keeps assignments.
        membership.assigned_mini_programs.set(assignments)
        record_activity(
            workspace=membership.workspace,
            actor=actor,
            action=ActivityEvent.Action.MEMBER_ROLE_CHANGED,
            target=membership,
            before=before,
            after={"role": role, "mini_programs": _app_ids(assignments)},
        )
    return membership


def member_change_assignments(*, membership: Membership, actor: User, mini_programs) -> Membership:
    _managed_membership(membership=membership, actor=actor)
    if not membership.is_developer:
        raise ValidationError(
            {"mini_programs": gettext("Only a Developer is assigned mini programs.")}
        )
    assignments = _developer_assignments(
        workspace=membership.workspace, role=membership.role, mini_programs=mini_programs
    )
    with transaction.atomic():
        before = _app_ids(membership.assigned_mini_programs.all())
        membership.assigned_mini_programs.set(assignments)
        if before != _app_ids(assignments):
            record_activity(
                workspace=membership.workspace,
                actor=actor,
                action=ActivityEvent.Action.MEMBER_ASSIGNMENTS_CHANGED,
                target=membership,
                before={"mini_programs": before},
                after={"mini_programs": _app_ids(assignments)},
            )
    return membership


def _set_status(*, membership: Membership, actor: User, status: str, action) -> Membership:
    _managed_membership(membership=membership, actor=actor)
    with transaction.atomic():
        before = membership.status
        membership.status = status
        membership.save(update_fields=["status"])
        if before != status:
            record_activity(
                workspace=membership.workspace,
                actor=actor,
                action=action,
                target=membership,
                before={"status": before},
                after={"status": status},
            )
    return membership


def member_block(*, membership: Membership, actor: User) -> Membership:
    return _set_status(
        membership=membership,
        actor=actor,
        status=Membership.Status.BLOCKED,
        action=ActivityEvent.Action.MEMBER_BLOCKED,
    )


def member_unblock(*, membership: Membership, actor: User) -> Membership:
    return _set_status(
        membership=membership,
        actor=actor,
        status=Membership.Status.ACTIVE,
        action=ActivityEvent.Action.MEMBER_UNBLOCKED,
    )


def member_remove(*, membership: Membership, actor: User) -> None:
    """Remove a member; the invitations they sent that are still open are withdrawn with them."""
    _managed_membership(membership=membership, actor=actor)
    workspace = membership.workspace
    with transaction.atomic():
        sent = workspace.invitations.select_for_update().filter(
            inviter=membership.user, accepted_at__isnull=True, withdrawn_at__isnull=True
        )
        for invitation in sent:
            _withdraw(invitation, actor=actor, reason="inviter removed")
        record_activity(
            workspace=workspace,
            actor=actor,
            action=ActivityEvent.Action.MEMBER_REMOVED,
            target=membership,
            before={
                "email": membership.user.email,
                "role": membership.role,
                "status": membership.status,
                "mini_programs": _app_ids(membership.assigned_mini_programs.all()),
            },
        )
        membership.delete()


def ownership_transfer(*, workspace: Workspace, actor: User, new_owner: Membership) -> Membership:
    """Hand the workspace to one of its active Masters; the old Owner stays on as a Master."""
    _require(workspace=workspace, actor=actor, permission="may_transfer_ownership")
    if (
        new_owner.workspace_id != workspace.pk
        or new_owner.role != Membership.Role.MASTER
        or not new_owner.is_active
    ):
        raise ValidationError(
            gettext("Ownership can only be transferred to an active Master."), code="not_master"
        )
    with transaction.atomic():
        old_owner = workspace.memberships.select_for_update().get(role=Membership.Role.OWNER)
        # The old Owner steps down first: a workspace never has two Owners, even mid-way.
        old_owner.role = Membership.Role.MASTER
        old_owner.save(update_fields=["role"])
        new_owner.role = Membership.Role.OWNER
        new_owner.save(update_fields=["role"])
        record_activity(
            workspace=workspace,
            actor=actor,
            action=ActivityEvent.Action.OWNERSHIP_TRANSFERRED,
            target=workspace,
            before={"owner": old_owner.user.email},
            after={"owner": new_owner.user.email},
        )
    return new_owner
