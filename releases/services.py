"""Every change of a version or of a mini program's release (docs/versions.md).

Each service checks the actor's right first, then, in one transaction, locks the workspace row and
then the mini program row (every writer of the console takes them in this order, so two cannot
deadlock), re-reads the version under the lock, checks the rules that depend on the other
versions, and writes the change with its `VersionTransition` and its activity row. Two requests
on one mini program therefore run one after the other; the named constraints on `Version` back
that up. A broken rule raises `ReleaseError` with a stable code; a missing right raises
`PermissionDenied`. Files are written before the transaction and removed if it fails; files a
change replaces are removed after the commit.
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User, Workspace
from core.activity import record_activity
from core.models import ActivityEvent
from miniprograms.models import MiniProgram
from releases import access, actions
from releases.errors import ReleaseError, clean_together
from releases.models import OfflineMiniProgram, Version, VersionTransition
from releases.packages import check_package
from releases.rules import (
    VersionNumber,
    clean_description,
    clean_percentage,
    clean_reason,
    clean_testers,
    clean_version_number,
)
from releases.selectors import full_release, is_offline, latest_version, version_in_status
from releases.snapshots import listing_snapshot
from releases.tasks import send_review_email, send_trial_invitations

Status = Version.Status


# --- locks, history and the rules that read other rows -----------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _lock(mini_program: MiniProgram) -> MiniProgram:
    """Locks the workspace, then the mini program, and returns it read afresh."""
    Workspace.objects.select_for_update().filter(pk=mini_program.workspace_id).first()
    locked = (
        MiniProgram.objects.select_for_update(of=("self",))
        .select_related("workspace", "industry")
        .filter(pk=mini_program.pk)
        .first()
    )
    if locked is None:
        raise ReleaseError(_("This mini program has just been deleted."), code="mini_program_gone")
    return locked


def _lock_version(version: Version) -> Version:
    mini_program = _lock(version.mini_program)
    locked = Version.objects.select_for_update(of=("self",)).filter(pk=version.pk).first()
    if locked is None:
        raise ReleaseError(_("This version has just been deleted."), code="version_gone")
    locked.mini_program = mini_program
    return locked


def _move(
    version: Version,
    to: str,
    *,
    actor: User,
    percentage: int | None = None,
    reason: str = "",
    **fields,
) -> VersionTransition:
    """Saves the version in its new status with `fields` and writes the history row."""
    from_status = version.status
    version.status = to
    for field, value in fields.items():
        setattr(version, field, value)
    version.save()
    return VersionTransition.objects.create(
        version=version,
        actor=actor,
        actor_email=actor.email,
        from_status=from_status,
        to_status=to,
        percentage=percentage,
        reason=reason,
    )


def _record(
    action: ActivityEvent.Action,
    version: Version,
    *,
    actor: User,
    before: str | None,
    **after,
) -> None:
    """The activity row; it targets the mini program so its page lists it with the others."""
    record_activity(
        workspace=version.mini_program.workspace,
        actor=actor,
        action=action,
        target=version.mini_program,
        before={"version": version.number, "status": before} if before else None,
        after={"version": version.number, "status": version.status, **after},
    )


def check_status(version: Version, allowed: Sequence[str], action: str) -> None:
    if version.status not in allowed:
        raise ReleaseError(
            _("“%(action)s” is not possible: version %(number)s is %(status)s.")
            % {"action": action, "number": version.number, "status": version.get_status_display()},
            code="wrong_status",
        )


def check_allowed(version: Version, action: actions.VersionAction) -> None:
    check_status(version, action.statuses, str(action.label))


def check_number_is_greater(mini_program: MiniProgram, number: VersionNumber) -> None:
    latest = latest_version(mini_program)
    if latest is not None and number <= latest.version_number:
        raise ReleaseError(
            _(
                "The version number must be greater than %(latest)s, the latest version of this "
                "mini program."
            )
            % {"latest": latest.number},
            code="version_number_not_greater",
            field="number",
        )


def check_complete(mini_program: MiniProgram) -> None:
    if not mini_program.is_complete:
        raise ReleaseError(
            _(
                "Complete the mini program's information first: name, tagline, description, "
                "logo, industry and customer service contacts."
            ),
            code="mini_program_incomplete",
        )


def check_greater_than_live(version: Version) -> None:
    """A version older than the live one would take devices back: only Roll back may do that."""
    live = full_release(version.mini_program)
    if live is not None and version.version_number <= live.version_number:
        raise ReleaseError(
            _(
                "Version %(number)s is not greater than version %(live)s, which is live. "
                "Upload a higher version."
            )
            % {"number": version.number, "live": live.number},
            code="older_than_live",
        )


def check_no_other_under_review(version: Version) -> None:
    other = version_in_status(version.mini_program, Status.UNDER_REVIEW)
    if other is not None and other.pk != version.pk:
        raise ReleaseError(
            _(
                "Version %(other)s is already Under Review. Wait for its review or withdraw it "
                "first."
            )
            % {"other": other.number},
            code="another_under_review",
        )


def check_no_other_in_release(version: Version) -> None:
    other = version_in_status(version.mini_program, *Version.IN_RELEASE)
    if other is not None and other.pk != version.pk:
        raise ReleaseError(
            _(
                "Version %(other)s is in %(status)s. It must go live or be canceled before "
                "another version is approved."
            )
            % {"other": other.number, "status": other.get_status_display()},
            code="another_in_release",
        )


def check_not_own_upload(version: Version, reviewer: User) -> None:
    if version.uploaded_by_id == reviewer.pk:
        raise ReleaseError(
            _("You uploaded this version, so another reviewer must review it."),
            code="own_upload",
        )


def check_online(mini_program: MiniProgram) -> None:
    if is_offline(mini_program):
        raise ReleaseError(
            _("The mini program is Offline. Bring it back online first."),
            code="mini_program_offline",
        )


def check_percentage_is_higher(version: Version, percentage: int) -> None:
    if percentage <= version.grayscale_percentage:
        raise ReleaseError(
            _("Scale up to more than the current %(current)d%%.")
            % {"current": version.grayscale_percentage},
            code="percentage_not_higher",
            field="percentage",
        )


def _storage(field: str):
    return Version._meta.get_field(field).storage


def _delete_after_commit(field: str, name: str) -> None:
    if name:
        storage = _storage(field)
        transaction.on_commit(lambda: storage.delete(name))


# --- upload, apply, withdraw, delete ----------------------------------------------------------


def version_upload(
    *, mini_program: MiniProgram, actor: User, number: str, description: str, package: File
) -> Version:
    """Upload Version: a new version in New Version Created. The package passes every check of
    `releases.packages` before it is stored under a generated name."""
    _require(access.may_upload_version(actor, mini_program))
    cleaned = clean_together(
        number=lambda: clean_version_number(number),
        description=lambda: clean_description(description),
        package=lambda: check_package(package),
    )
    version_number, summary = cleaned["number"], cleaned["package"]
    description = cleaned["description"]
    field = Version._meta.get_field("package")
    package.seek(0)
    stored = field.storage.save(field.generate_filename(None, package.name or ""), package)
    try:
        with transaction.atomic():
            locked = _lock(mini_program)
            check_number_is_greater(locked, version_number)
            version = Version.objects.create(
                mini_program=locked,
                major=version_number.major,
                minor=version_number.minor,
                patch=version_number.patch,
                description=description,
                package=stored,
                package_sha256=summary.sha256,
                package_size=summary.size,
                package_file_count=summary.file_count,
                uploaded_by=actor,
            )
            VersionTransition.objects.create(
                version=version, actor=actor, actor_email=actor.email, to_status=Status.NEW
            )
            _record(
                ActivityEvent.Action.VERSION_UPLOADED,
                version,
                actor=actor,
                before=None,
                package_sha256=summary.sha256,
                package_size=summary.size,
            )
    except BaseException:
        field.storage.delete(stored)
        raise
    return version


def _copy_logo(mini_program: MiniProgram) -> str:
    field = Version._meta.get_field("snapshot_logo")
    with mini_program.logo.open("rb") as logo:
        content = ContentFile(logo.read())
    return field.storage.save(field.generate_filename(None, mini_program.logo.name), content)


def version_apply_for_release(
    *, version: Version, actor: User, testers: Sequence[str] = ()
) -> Version:
    """Apply for release: the version goes Under Review with a snapshot of the listing as it is
    now. Naming testers sends it to Pilot Testing once approved."""
    _require(access.may_apply_for_release(actor, version.mini_program))
    testers = clean_testers(list(testers))
    copied_logo = ""
    try:
        with transaction.atomic():
            locked = _lock_version(version)
            mini_program = locked.mini_program
            check_allowed(locked, actions.APPLY)
            check_complete(mini_program)
            check_greater_than_live(locked)
            check_no_other_under_review(locked)
            copied_logo = _copy_logo(mini_program)
            _delete_after_commit("snapshot_logo", locked.snapshot_logo.name)
            before = locked.status
            _move(
                locked,
                Status.UNDER_REVIEW,
                actor=actor,
                testers=testers,
                listing_snapshot=listing_snapshot(mini_program),
                snapshot_logo=copied_logo,
                rejection_reason="",
                applied_at=timezone.now(),
                reviewed_by=None,
                reviewed_at=None,
            )
            _record(
                ActivityEvent.Action.VERSION_APPLIED,
                locked,
                actor=actor,
                before=before,
                testers=len(testers),
            )
    except BaseException:
        if copied_logo:
            _storage("snapshot_logo").delete(copied_logo)
        raise
    return locked


def version_withdraw(*, version: Version, actor: User) -> Version:
    """Withdraw: back from Under Review to New Version Created, to change it before a review."""
    _require(access.may_withdraw_version(actor, version.mini_program))
    with transaction.atomic():
        locked = _lock_version(version)
        check_allowed(locked, actions.WITHDRAW)
        _move(locked, Status.NEW, actor=actor)
        _record(
            ActivityEvent.Action.VERSION_WITHDRAWN, locked, actor=actor, before=Status.UNDER_REVIEW
        )
    return locked


def version_delete(*, version: Version, actor: User) -> None:
    """Delete: only a version nobody has reviewed yet; its package goes after the commit."""
    _require(access.may_delete_version(actor, version.mini_program))
    with transaction.atomic():
        locked = _lock_version(version)
        check_allowed(locked, actions.DELETE)
        record_activity(
            workspace=locked.mini_program.workspace,
            actor=actor,
            action=ActivityEvent.Action.VERSION_DELETED,
            target=locked.mini_program,
            before={
                "version": locked.number,
                "status": locked.status,
                "package_sha256": locked.package_sha256,
            },
        )
        locked.delete()


# --- review -----------------------------------------------------------------------------------


def _mail_review_result(transition: VersionTransition) -> None:
    transaction.on_commit(lambda: send_review_email.enqueue(transition.pk))


def version_approve(*, version: Version, reviewer: User) -> Version:
    """Approve: to Pilot Testing when testers were named at Apply for release, else to Release
    Preparation. The uploader and the Owner are mailed after the commit, and so are the testers,
    with the trial link."""
    _require(access.may_review(reviewer))
    with transaction.atomic():
        locked = _lock_version(version)
        check_status(locked, (Status.UNDER_REVIEW,), _("Approve"))
        check_not_own_upload(locked, reviewer)
        check_no_other_in_release(locked)
        to = Status.PILOT_TESTING if locked.has_testers else Status.RELEASE_PREPARATION
        transition = _move(
            locked, to, actor=reviewer, reviewed_by=reviewer, reviewed_at=timezone.now()
        )
        _record(
            ActivityEvent.Action.VERSION_APPROVED,
            locked,
            actor=reviewer,
            before=Status.UNDER_REVIEW,
        )
        _mail_review_result(transition)
        if locked.has_testers:
            transaction.on_commit(lambda: send_trial_invitations.enqueue(locked.pk))
    return locked


def version_reject(*, version: Version, reviewer: User, reason: str) -> Version:
    """Reject, with the reason the team reads before applying again."""
    _require(access.may_review(reviewer))
    reason = clean_reason(reason)
    with transaction.atomic():
        locked = _lock_version(version)
        check_status(locked, (Status.UNDER_REVIEW,), _("Reject"))
        check_not_own_upload(locked, reviewer)
        transition = _move(
            locked,
            Status.REJECTED,
            actor=reviewer,
            reason=reason,
            rejection_reason=reason,
            reviewed_by=reviewer,
            reviewed_at=timezone.now(),
        )
        _record(
            ActivityEvent.Action.VERSION_REJECTED,
            locked,
            actor=reviewer,
            before=Status.UNDER_REVIEW,
            reason=reason,
        )
        _mail_review_result(transition)
    return locked


# --- release ----------------------------------------------------------------------------------


def version_complete_pilot(*, version: Version, actor: User) -> Version:
    """Complete: the testers are done; the version waits in Release Preparation."""
    _require(access.may_complete_pilot(actor, version.mini_program))
    with transaction.atomic():
        locked = _lock_version(version)
        check_allowed(locked, actions.COMPLETE)
        _move(locked, Status.RELEASE_PREPARATION, actor=actor)
        _record(
            ActivityEvent.Action.VERSION_PILOT_COMPLETED,
            locked,
            actor=actor,
            before=Status.PILOT_TESTING,
        )
    return locked


def _replace_full_release(version: Version, *, actor: User) -> str:
    """Archives the current Full Release (before `version` takes its place, so the one-Full-
    Release constraint holds at every statement) and returns its number, or ""."""
    current = full_release(version.mini_program)
    if current is None:
        return ""
    _move(current, Status.ARCHIVED, actor=actor)
    return current.number


def _go_full(version: Version, action: ActivityEvent.Action, *, actor: User) -> Version:
    before = version.status
    archived = _replace_full_release(version, actor=actor)
    _move(
        version,
        Status.FULL_RELEASE,
        actor=actor,
        percentage=100,
        grayscale_percentage=None,
        released_at=timezone.now(),
    )
    _record(action, version, actor=actor, before=before, archived=archived)
    return version


def version_go_live(*, version: Version, actor: User) -> Version:
    """Go live: every device gets this version at once; the previous Full Release is Archived."""
    _require(access.may_release(actor, version.mini_program))
    with transaction.atomic():
        locked = _lock_version(version)
        check_allowed(locked, actions.GO_LIVE)
        check_online(locked.mini_program)
        check_greater_than_live(locked)
        return _go_full(locked, ActivityEvent.Action.VERSION_WENT_LIVE, actor=actor)


def version_grayscale(*, version: Version, actor: User, percentage: int) -> Version:
    """Grayscale release: a `percentage` of devices (1 to 99) gets this version, the others keep the
    Full Release."""
    _require(access.may_release(actor, version.mini_program))
    percentage = clean_percentage(percentage)
    with transaction.atomic():
        locked = _lock_version(version)
        check_allowed(locked, actions.GRAYSCALE)
        check_online(locked.mini_program)
        check_greater_than_live(locked)
        _move(
            locked,
            Status.GRAYSCALE_RELEASE,
            actor=actor,
            percentage=percentage,
            grayscale_percentage=percentage,
            released_at=timezone.now(),
        )
        _record(
            ActivityEvent.Action.VERSION_GRAYSCALE_STARTED,
            locked,
            actor=actor,
            before=Status.RELEASE_PREPARATION,
            percentage=percentage,
        )
    return locked


def version_scale_up(*, version: Version, actor: User, percentage: int) -> Version:
    """Scale up: a larger share only, so no device that has the new version loses it."""
    _require(access.may_release(actor, version.mini_program))
    percentage = clean_percentage(percentage)
    with transaction.atomic():
        locked = _lock_version(version)
        check_allowed(locked, actions.SCALE_UP)
        check_online(locked.mini_program)
        check_percentage_is_higher(locked, percentage)
        previous = locked.grayscale_percentage
        _move(
            locked,
            Status.GRAYSCALE_RELEASE,
            actor=actor,
            percentage=percentage,
            grayscale_percentage=percentage,
        )
        record_activity(
            workspace=locked.mini_program.workspace,
            actor=actor,
            action=ActivityEvent.Action.VERSION_SCALED_UP,
            target=locked.mini_program,
            before={"version": locked.number, "percentage": previous},
            after={"version": locked.number, "percentage": percentage},
        )
    return locked


def version_full_release(*, version: Version, actor: User) -> Version:
    """Full release: the grayscale version reaches every device."""
    _require(access.may_release(actor, version.mini_program))
    with transaction.atomic():
        locked = _lock_version(version)
        check_allowed(locked, actions.FULL_RELEASE)
        check_online(locked.mini_program)
        return _go_full(locked, ActivityEvent.Action.VERSION_FULLY_RELEASED, actor=actor)


def version_roll_back(*, version: Version, actor: User) -> Version:
    """Roll back: an Archived version is Full Release again at once, without a new review (it was
    reviewed before it went live); the current one is Archived."""
    _require(access.may_roll_back(actor, version.mini_program))
    with transaction.atomic():
        locked = _lock_version(version)
        check_allowed(locked, actions.ROLL_BACK)
        check_online(locked.mini_program)
        return _go_full(locked, ActivityEvent.Action.VERSION_ROLLED_BACK, actor=actor)


def version_cancel(*, version: Version, actor: User) -> Version:
    """Cancel: the version leaves the release for good; devices keep the Full Release."""
    _require(access.may_cancel_version(actor, version.mini_program))
    with transaction.atomic():
        locked = _lock_version(version)
        check_allowed(locked, actions.CANCEL)
        before = locked.status
        _move(locked, Status.CANCELED, actor=actor, grayscale_percentage=None)
        _record(ActivityEvent.Action.VERSION_CANCELED, locked, actor=actor, before=before)
    return locked


# --- offline ----------------------------------------------------------------------------------


# A version on its way to devices or to a reviewer: Take offline waits until it is withdrawn or
# cancelled.
GOING_SOMEWHERE = (Status.UNDER_REVIEW, Status.PILOT_TESTING, Status.GRAYSCALE_RELEASE)


def check_can_go_offline(
    mini_program: MiniProgram,
    *,
    offline: bool | None = None,
    versions: Iterable[Version] | None = None,
) -> Version:
    """A Full Release to stop, and no version half-way to devices or to a reviewer. `offline`
    and `versions` (all the mini program's) are read here unless the caller has them already."""
    if offline is None:
        offline = is_offline(mini_program)
    if offline:
        raise ReleaseError(_("The mini program is already Offline."), code="already_offline")
    if versions is None:
        versions = mini_program.versions.filter(status__in=(Status.FULL_RELEASE, *GOING_SOMEWHERE))
    live = next((version for version in versions if version.status == Status.FULL_RELEASE), None)
    if live is None:
        raise ReleaseError(
            _("Only a mini program with a Full Release can be taken offline."),
            code="no_full_release",
        )
    busy = next((version for version in versions if version.status in GOING_SOMEWHERE), None)
    if busy is not None:
        raise ReleaseError(
            _(
                "Version %(number)s is %(status)s. Withdraw or cancel it before taking the mini "
                "program offline."
            )
            % {"number": busy.number, "status": busy.get_status_display()},
            code="version_in_progress",
        )
    return live


def offline_refusal(mini_program: MiniProgram, **known) -> str | None:
    """Why Take offline would be refused now, or None: the section shows the button only when
    None, and the confirmation page shows the reason. `known`: as check_can_go_offline."""
    try:
        check_can_go_offline(mini_program, **known)
    except ReleaseError as error:
        return " ".join(error.messages)
    return None


def check_mini_program_deletable(mini_program: MiniProgram) -> bool:
    """MINI_PROGRAM_DELETE_CHECKS: one devices run must be taken offline first; deleting one
    that is Offline asks for its App ID typed out, since nothing brings it back."""
    if is_offline(mini_program):
        return True
    if full_release(mini_program) is not None:
        raise ReleaseError(
            _(
                "Devices run this mini program's Full Release, so it cannot be deleted. "
                "Take offline first."
            ),
            code="mini_program_live",
        )
    return False


def mini_program_take_offline(*, mini_program: MiniProgram, actor: User) -> MiniProgram:
    """Take offline: devices are told the mini program has nothing to run (the release endpoint
    answers 404) until it is brought back online."""
    _require(access.may_take_offline(actor, mini_program))
    with transaction.atomic():
        locked = _lock(mini_program)
        live = check_can_go_offline(locked)
        OfflineMiniProgram.objects.create(mini_program=locked, taken_offline_by=actor)
        record_activity(
            workspace=locked.workspace,
            actor=actor,
            action=ActivityEvent.Action.MINI_PROGRAM_TAKEN_OFFLINE,
            target=locked,
            before={"offline": False, "version": live.number},
            after={"offline": True, "version": live.number},
        )
    return locked


def mini_program_bring_online(*, mini_program: MiniProgram, actor: User) -> MiniProgram:
    """Bring back online: devices get the last Full Release again."""
    _require(access.may_bring_online(actor, mini_program))
    with transaction.atomic():
        locked = _lock(mini_program)
        deleted, _rows = OfflineMiniProgram.objects.filter(mini_program=locked).delete()
        if not deleted:
            raise ReleaseError(_("The mini program is not Offline."), code="not_offline")
        live = full_release(locked)
        record_activity(
            workspace=locked.workspace,
            actor=actor,
            action=ActivityEvent.Action.MINI_PROGRAM_BROUGHT_ONLINE,
            target=locked,
            before={"offline": True},
            after={"offline": False, "version": live.number if live else ""},
        )
    return locked
