"""Who may do what with a mini program's versions (docs/versions.md, "Who may do what").

One function per action, so a view, the admin and the services ask the same question. Staff act
on every workspace from the admin, as everywhere else in the console; reviewing is a separate
right, given through the Reviewers group.
"""

from accounts.models import Membership, User
from miniprograms.models import MiniProgram

REVIEW_PERMISSION = "releases.review_version"


def _is_staff(actor: User) -> bool:
    return actor.is_active and actor.is_staff


def _membership(actor: User, mini_program: MiniProgram) -> Membership | None:
    return Membership.objects.filter(
        user=actor, workspace_id=mini_program.workspace_id, status=Membership.Status.ACTIVE
    ).first()


def _develops(actor: User, mini_program: MiniProgram) -> bool:
    """Owner and Master on every mini program of their workspace; a Developer on those assigned."""
    if _is_staff(actor):
        return True
    membership = _membership(actor, mini_program)
    if membership is None:
        return False
    if membership.is_developer:
        return mini_program.developers.filter(pk=membership.pk).exists()
    return True


def _manages(actor: User, mini_program: MiniProgram) -> bool:
    """Owner and Master only."""
    if _is_staff(actor):
        return True
    membership = _membership(actor, mini_program)
    return membership is not None and membership.role in (
        Membership.Role.OWNER,
        Membership.Role.MASTER,
    )


def may_upload_version(actor: User, mini_program: MiniProgram) -> bool:
    return _develops(actor, mini_program)


def may_apply_for_release(actor: User, mini_program: MiniProgram) -> bool:
    return _develops(actor, mini_program)


def may_withdraw_version(actor: User, mini_program: MiniProgram) -> bool:
    return _develops(actor, mini_program)


def may_delete_version(actor: User, mini_program: MiniProgram) -> bool:
    return _develops(actor, mini_program)


def may_complete_pilot(actor: User, mini_program: MiniProgram) -> bool:
    return _develops(actor, mini_program)


def may_release(actor: User, mini_program: MiniProgram) -> bool:
    """Go live, Grayscale release, Scale up and Full release: one decision, to put a version on
    devices, whichever share of them."""
    return _develops(actor, mini_program)


def may_roll_back(actor: User, mini_program: MiniProgram) -> bool:
    return _develops(actor, mini_program)


def may_cancel_version(actor: User, mini_program: MiniProgram) -> bool:
    return _develops(actor, mini_program)


def may_take_offline(actor: User, mini_program: MiniProgram) -> bool:
    """Stopping a mini program for every device is the Owner's or a Master's call."""
    return _manages(actor, mini_program)


def may_bring_online(actor: User, mini_program: MiniProgram) -> bool:
    return _manages(actor, mini_program)


def may_review(actor: User) -> bool:
    """Staff in the Reviewers group (or superusers), whatever workspace they belong to."""
    return _is_staff(actor) and actor.has_perm(REVIEW_PERMISSION)
