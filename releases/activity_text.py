"""How version and offline actions read in the activity log (core.activity_text)."""

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.activity_text import Field, Sentence, choice_label, model_field
from core.models import ActivityEvent
from releases.models import Version

Action = ActivityEvent.Action


def _percentage(value, context) -> str:
    return f"{value}%" if value is not None else ""


VERSION_FIELDS = {
    # The sentence names the version.
    "version": Field(label=_("Version"), hidden=True),
    "status": model_field(Version, "status", show=choice_label(Version.Status)),
    "package_sha256": model_field(Version, "package_sha256"),
    "package_size": model_field(
        Version, "package_size", show=lambda value, context: filesizeformat(value)
    ),
    "testers": model_field(Version, "testers"),
    "reason": model_field(Version, "rejection_reason"),
    "percentage": model_field(Version, "grayscale_percentage", show=_percentage),
    "archived": Field(label=Version.Status.ARCHIVED.label),
}

OFFLINE_FIELDS = {
    # The sentence says it went offline or came back.
    "offline": Field(label=_("Offline"), hidden=True),
    "version": Field(label=_("Version")),
}


def _version(event, context):
    return {"version": (event.after or {}).get("version") or (event.before or {}).get("version")}


def _about_a_version(text) -> Sentence:
    return Sentence(text, fields=VERSION_FIELDS, params=_version)


ACTIONS = {
    Action.VERSION_UPLOADED: _about_a_version(
        _("%(actor)s uploaded version %(version)s of %(target)s")
    ),
    Action.VERSION_APPLIED: _about_a_version(
        _("%(actor)s applied for release of version %(version)s of %(target)s")
    ),
    Action.VERSION_WITHDRAWN: _about_a_version(
        _("%(actor)s withdrew version %(version)s of %(target)s from review")
    ),
    Action.VERSION_DELETED: _about_a_version(
        _("%(actor)s deleted version %(version)s of %(target)s")
    ),
    Action.VERSION_APPROVED: _about_a_version(
        _("%(actor)s approved version %(version)s of %(target)s")
    ),
    Action.VERSION_REJECTED: _about_a_version(
        _("%(actor)s rejected version %(version)s of %(target)s")
    ),
    Action.VERSION_PILOT_COMPLETED: _about_a_version(
        _("%(actor)s completed pilot testing of version %(version)s of %(target)s")
    ),
    Action.VERSION_WENT_LIVE: _about_a_version(
        _("%(actor)s released version %(version)s of %(target)s to every device")
    ),
    Action.VERSION_GRAYSCALE_STARTED: _about_a_version(
        _("%(actor)s started a grayscale release of version %(version)s of %(target)s")
    ),
    Action.VERSION_SCALED_UP: _about_a_version(
        _("%(actor)s scaled up the grayscale release of version %(version)s of %(target)s")
    ),
    Action.VERSION_FULLY_RELEASED: _about_a_version(
        _("%(actor)s fully released version %(version)s of %(target)s")
    ),
    Action.VERSION_ROLLED_BACK: _about_a_version(
        _("%(actor)s rolled %(target)s back to version %(version)s")
    ),
    Action.VERSION_CANCELED: _about_a_version(
        _("%(actor)s canceled version %(version)s of %(target)s")
    ),
    Action.MINI_PROGRAM_TAKEN_OFFLINE: Sentence(
        _("%(actor)s took %(target)s offline"), fields=OFFLINE_FIELDS
    ),
    Action.MINI_PROGRAM_BROUGHT_ONLINE: Sentence(
        _("%(actor)s brought %(target)s back online"), fields=OFFLINE_FIELDS
    ),
}
