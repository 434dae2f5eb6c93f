"""Who may do what with a mini program's versions (docs/versions.md, "Who may do what").

One function per action, so a view, the admin and the services ask the same question. Staff act
on every workspace from the admin, as everywhere else in the console; reviewing is a separate
right, given through the Reviewers group.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from accounts.models import Membership, User
from miniprograms.models import MiniProgram

REVIEW_PERMISSION = "releases.review_version"


def _is_staff(actor: User) -> bool:
    return actor.is_active and actor.is_staff


# Answers kept inside `asked_together`: (actor pk, mini program pk) -> what _working_role said.
_known_roles: ContextVar[dict | None] = ContextVar("releases_access_known_roles", default=None)


@contextmanager
def asked_together():
    """Inside this block, the questions below about one actor and one mini program read the
    actor's membership and assignment once, not once a question: the Versions section asks one
    per button, and drawing a page changes nobody's role."""
    token = _known_roles.set({})
    try:
        yield
    finally:
        _known_roles.reset(token)


def _working_role(actor: User, mini_program: MiniProgram) -> str | None:
    """The role `actor` works on `mini_program` with: their active membership's in its
    workspace, a Developer's only on the mini programs assigned to them; None otherwise."""
    known = _known_roles.get()
    key = (actor.pk, mini_program.pk)
    if known is not None and key in known:
        return known[key]
    membership = Membership.objects.filter(
        user=actor, workspace_id=mini_program.workspace_id, status=Membership.Status.ACTIVE
    ).first()
    role = None
    if membership is not None and (
        not membership.is_developer or mini_program.developers.filter(pk=membership.pk).exists()
    ):
        role = membership.role
    if known is not None:
        known[key] = role
    return role


def _develops(actor: User, mini_program: MiniProgram) -> bool:
    """Owner and Master on every mini program of their workspace; a Developer on those assigned."""
    return _is_staff(actor) or _working_role(actor, mini_program) is not None


def _manages(actor: User, mini_program: MiniProgram) -> bool:
    """Owner and Master only."""
    return _is_staff(actor) or _working_role(actor, mini_program) in (
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
