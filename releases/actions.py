"""The team's buttons on a version: the statuses each one applies to and who may press it.

One table, read by the services (which refuse a button the status does not allow) and by the
Versions section (which shows only the buttons that would work), so the two cannot disagree.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from miniprograms.models import MiniProgram
from releases import access
from releases.models import Version

Status = Version.Status


@dataclass(frozen=True)
class VersionAction:
    key: str  # the URL name of its view
    label: Promise  # the button's text, as docs/versions.md writes it
    statuses: tuple[str, ...]
    may: Callable[[User, MiniProgram], bool]
    # Puts a version on devices, which an Offline mini program refuses.
    releases: bool = False

    def applies_to(self, version: Version, *, offline: bool) -> bool:
        return version.status in self.statuses and not (self.releases and offline)


APPLY = VersionAction(
    "apply", _("Apply for release"), (Status.NEW, Status.REJECTED), access.may_apply_for_release
)
WITHDRAW = VersionAction(
    "withdraw", _("Withdraw"), (Status.UNDER_REVIEW,), access.may_withdraw_version
)
DELETE = VersionAction("delete", _("Delete"), (Status.NEW,), access.may_delete_version)
COMPLETE = VersionAction(
    "complete", _("Complete"), (Status.PILOT_TESTING,), access.may_complete_pilot
)
GO_LIVE = VersionAction(
    "go_live", _("Go live"), (Status.RELEASE_PREPARATION,), access.may_release, releases=True
)
GRAYSCALE = VersionAction(
    "grayscale",
    _("Grayscale release"),
    (Status.RELEASE_PREPARATION,),
    access.may_release,
    releases=True,
)
SCALE_UP = VersionAction(
    "scale_up", _("Scale up"), (Status.GRAYSCALE_RELEASE,), access.may_release, releases=True
)
FULL_RELEASE = VersionAction(
    "full_release",
    _("Full release"),
    (Status.GRAYSCALE_RELEASE,),
    access.may_release,
    releases=True,
)
ROLL_BACK = VersionAction(
    "roll_back", _("Roll back"), (Status.ARCHIVED,), access.may_roll_back, releases=True
)
CANCEL = VersionAction("cancel", _("Cancel"), Version.IN_RELEASE, access.may_cancel_version)

# In the order the section shows them.
TEAM_ACTIONS = (
    APPLY,
    WITHDRAW,
    COMPLETE,
    GO_LIVE,
    GRAYSCALE,
    SCALE_UP,
    FULL_RELEASE,
    ROLL_BACK,
    CANCEL,
    DELETE,
)


def available_actions(
    version: Version, actor: User, mini_program: MiniProgram, *, offline: bool
) -> set[str]:
    """The keys of the buttons `actor` may press on `version` now."""
    return {
        action.key
        for action in TEAM_ACTIONS
        if action.applies_to(version, offline=offline) and action.may(actor, mini_program)
    }
