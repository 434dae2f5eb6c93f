"""Writes to the onboarding wizard's state. Each service owns its transaction; the ones that
create a mini program or an invitation call those apps' services inside it, so the wizard's state
and what it made commit or roll back together."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User, Workspace
from core.activity import record_activity
from core.models import ActivityEvent
from members.services import invitation_create
from miniprograms.models import MiniProgram
from miniprograms.services import mini_program_create_basic, mini_program_update_basic
from onboarding.models import Onboarding

Step = Onboarding.Step


def onboarding_get_or_start(*, workspace: Workspace) -> Onboarding:
    onboarding, _created = Onboarding.objects.select_related("mini_program").get_or_create(
        workspace=workspace
    )
    return onboarding


def _lock(onboarding: Onboarding) -> None:
    """Reload the row and lock it: two tabs submitting step 1 at once must not make two mini
    programs, and two invitations must not drop one another from `invited`.

    The lock takes the bare row: after waiting on a lock, PostgreSQL re-reads the locked row but
    keeps joined rows from its first snapshot, so a `select_related("mini_program")` here would
    miss the mini program the other tab just created. The relation loads after the lock instead.
    """
    onboarding.refresh_from_db(from_queryset=Onboarding.objects.select_for_update())


def onboarding_show_step(*, onboarding: Onboarding, step: str) -> None:
    """Remember the step on screen, so coming back later opens it again."""
    if onboarding.step != step:
        onboarding.step = step
        onboarding.save(update_fields=["step", "updated_at"])


def onboarding_choose_path(*, onboarding: Onboarding, path: str) -> Onboarding:
    """Start (or resume after "Skip for now") one of the two ways to a first mini program."""
    onboarding.path = path
    onboarding.step = Step.ADD_MASTER if path == Onboarding.Path.MASTER else Step.BASIC_INFORMATION
    onboarding.status = Onboarding.Status.IN_PROGRESS
    onboarding.save(update_fields=["path", "step", "status", "updated_at"])
    return onboarding


def onboarding_save_draft(
    *,
    onboarding: Onboarding,
    step: str,
    data: dict[str, list[str]],
    submitted: bool,
    errors: dict[str, list[str]] | None = None,
    revision: int | None = None,
) -> bool:
    """Keep what was typed on a step's form without saving it: `submitted` when it was refused,
    with the `errors` of the refusal the form itself cannot find again. A draft typed on a page
    shown at an older `revision` of the step is dropped (False): that form was saved since."""
    with transaction.atomic():
        _lock(onboarding)
        if revision is not None and revision != onboarding.revision(step):
            return False
        draft = {"data": data, "submitted": submitted, "errors": errors or {}}
        onboarding.drafts = {**onboarding.drafts, step: draft}
        onboarding.save(update_fields=["drafts", "updated_at"])
    return True


def onboarding_save_basic_information(
    *,
    onboarding: Onboarding,
    actor: User,
    name: str,
    default_language: str,
    release_to_alipay_china: bool,
    add_members: bool,
) -> MiniProgram:
    """Step 1's Next (`add_members`) or Skip for now: create the mini program, or edit the one
    created the first time through; then go to step 2 or straight to the done page."""
    with transaction.atomic():
        _lock(onboarding)
        if onboarding.mini_program is None:
            mini_program = mini_program_create_basic(
                workspace=onboarding.workspace,
                creator=actor,
                name=name,
                default_language=default_language,
                release_to_alipay_china=release_to_alipay_china,
            )
        else:
            mini_program = onboarding.mini_program
            mini_program_update_basic(
                mini_program=mini_program,
                actor=actor,
                name=name,
                default_language=default_language,
                release_to_alipay_china=release_to_alipay_china,
            )
        onboarding.mini_program = mini_program
        onboarding.step = Step.ADD_MEMBERS if add_members else Step.DONE
        _mark_saved(onboarding, Step.BASIC_INFORMATION)
        onboarding.save(update_fields=["mini_program", "step", "drafts", "revisions", "updated_at"])
    return mini_program


def onboarding_invite(
    *,
    onboarding: Onboarding,
    inviter: User,
    step: str,
    name: str,
    email: str,
    role: str,
    mini_programs=(),
) -> None:
    """Invite from step 2 or from "Add a master" and show the done page. Refusals of the
    invitation service (a ValidationError keyed by field) reach the caller unchanged."""
    with transaction.atomic():
        _lock(onboarding)
        invitation = invitation_create(
            workspace=onboarding.workspace,
            inviter=inviter,
            name=name,
            email=email,
            role=role,
            mini_programs=mini_programs,
        )
        onboarding.invited = [
            *onboarding.invited,
            {"name": invitation.name, "email": invitation.email, "role": invitation.role},
        ]
        onboarding.step = Step.DONE
        _mark_saved(onboarding, step)
        onboarding.save(update_fields=["invited", "step", "drafts", "revisions", "updated_at"])


def onboarding_skip(*, onboarding: Onboarding, actor: User) -> None:
    """The start page's "Skip for now": the console shows a banner that resumes the wizard."""
    with transaction.atomic():
        onboarding.status = Onboarding.Status.SKIPPED
        onboarding.step = Step.START
        onboarding.save(update_fields=["status", "step", "updated_at"])
        record_activity(
            workspace=onboarding.workspace,
            actor=actor,
            action=ActivityEvent.Action.ONBOARDING_SKIPPED,
            target=onboarding.workspace,
        )


def onboarding_finish(*, onboarding: Onboarding, actor: User) -> None:
    """Enter Console on the done page: the wizard and its banner are gone for good."""
    with transaction.atomic():
        onboarding.status = Onboarding.Status.FINISHED
        onboarding.finished_at = timezone.now()
        onboarding.drafts = {}
        onboarding.save(update_fields=["status", "finished_at", "drafts", "updated_at"])
        record_activity(
            workspace=onboarding.workspace,
            actor=actor,
            action=ActivityEvent.Action.ONBOARDING_FINISHED,
            target=onboarding.workspace,
            after={
                "path": onboarding.path,
                "mini_program": onboarding.mini_program.app_id if onboarding.mini_program else None,
                "invited": [person["email"] for person in onboarding.invited],
            },
        )


def _mark_saved(onboarding: Onboarding, step: str) -> None:
    """The step's form was saved: its draft is done with, and so are drafts still on their way."""
    onboarding.drafts = {key: value for key, value in onboarding.drafts.items() if key != step}
    onboarding.revisions = {**onboarding.revisions, step: onboarding.revision(step) + 1}
