import functools

from django.conf import settings
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ChoiceLabels:
    """`get_<field>_display()` for a model whose rows fill the console's tables, without the
    work Django's does on every call: it builds a dictionary of all the field's choices, which
    translates each label to hash it. A page of fifty members asked for 150 labels."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_labels_of(field, get_language()).get(value, value), strings_only=True)


@functools.cache
def _labels_of(field, language: str | None) -> dict:
    """The field's labels translated once into `language`, the active one."""
    return {value: force_str(label) for value, label in field.flatchoices}


class ActivityEvent(ChoiceLabels, models.Model):
    """One change in a workspace: who did what to which object, before and after, from where.

    Rows are written by `core.activity.record_activity` inside the transaction of the change
    they describe, so a change and its record commit or roll back together.
    """

    class Action(models.TextChoices):
        WORKSPACE_CREATED = "workspace.created", _("Workspace created")
        WORKSPACE_RENAMED = "workspace.renamed", _("Workspace renamed")
        OWNERSHIP_TRANSFERRED = "workspace.ownership_transferred", _("Ownership transferred")
        INVITATION_SENT = "invitation.sent", _("Invitation sent")
        INVITATION_RESENT = "invitation.resent", _("Invitation resent")
        INVITATION_WITHDRAWN = "invitation.withdrawn", _("Invitation withdrawn")
        INVITATION_ACCEPTED = "invitation.accepted", _("Invitation accepted")
        MEMBER_ROLE_CHANGED = "member.role_changed", _("Member role changed")
        MEMBER_ASSIGNMENTS_CHANGED = "member.assignments_changed", _("Member assignments changed")
        MEMBER_BLOCKED = "member.blocked", _("Member blocked")
        MEMBER_UNBLOCKED = "member.unblocked", _("Member unblocked")
        MEMBER_REMOVED = "member.removed", _("Member removed")
        MINI_PROGRAM_CREATED = "mini_program.created", _("Mini program created")
        MINI_PROGRAM_UPDATED = "mini_program.updated", _("Mini program updated")
        MINI_PROGRAM_DELETED = "mini_program.deleted", _("Mini program deleted")
        LANGUAGE_ADDED = "language.added", _("Language added")
        LANGUAGE_UPDATED = "language.updated", _("Language updated")
        LANGUAGE_DELETED = "language.deleted", _("Language deleted")
        LANGUAGE_MADE_DEFAULT = "language.made_default", _("Default language changed")
        VERSION_UPLOADED = "version.uploaded", _("Version uploaded")
        VERSION_APPLIED = "version.applied", _("Version applied for release")
        VERSION_WITHDRAWN = "version.withdrawn", _("Version withdrawn from review")
        VERSION_DELETED = "version.deleted", _("Version deleted")
        VERSION_APPROVED = "version.approved", _("Version approved")
        VERSION_REJECTED = "version.rejected", _("Version rejected")
        VERSION_PILOT_COMPLETED = "version.pilot_completed", _("Pilot testing completed")
        VERSION_WENT_LIVE = "version.went_live", _("Version went live")
        VERSION_GRAYSCALE_STARTED = "version.grayscale_started", _("Grayscale release started")
        VERSION_SCALED_UP = "version.scaled_up", _("Grayscale release scaled up")
        VERSION_FULLY_RELEASED = "version.fully_released", _("Version fully released")
        VERSION_ROLLED_BACK = "version.rolled_back", _("Version rolled back")
        VERSION_CANCELED = "version.canceled", _("Version canceled")
        MINI_PROGRAM_TAKEN_OFFLINE = "mini_program.taken_offline", _("Mini program taken offline")
        MINI_PROGRAM_BROUGHT_ONLINE = (
            "mini_program.brought_online",
            _("Mini program brought back online"),
        )
        ONBOARDING_FINISHED = "onboarding.finished", _("Onboarding finished")
        ONBOARDING_SKIPPED = "onboarding.skipped", _("Onboarding skipped")
        API_TOKEN_CREATED = "api_token.created", _("API token created")
        API_TOKEN_REVOKED = "api_token.revoked", _("API token revoked")
        WEBHOOK_ENDPOINT_CREATED = "webhook_endpoint.created", _("Webhook endpoint created")
        WEBHOOK_ENDPOINT_UPDATED = "webhook_endpoint.updated", _("Webhook endpoint updated")
        WEBHOOK_ENDPOINT_DELETED = "webhook_endpoint.deleted", _("Webhook endpoint deleted")
        WEBHOOK_ENDPOINT_DISABLED = (
            "webhook_endpoint.disabled",
            _("Webhook endpoint disabled after failing"),
        )

    workspace = models.ForeignKey(
        settings.TENANT_MODEL,
        on_delete=models.CASCADE,
        related_name="activity_events",
        verbose_name=_("workspace"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    # Kept as text so the log still says who it was after the account is deleted.
    actor_email = models.CharField(_("actor email"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=64, choices=Action.choices)
    target_type = models.CharField(_("object type"), max_length=64, blank=True)
    target_id = models.CharField(_("object ID"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # The API token's name when the change came through the HTTP API, not a signed-in browser.
    api_token_name = models.CharField(_("API token"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity event")
        verbose_name_plural = _("activity events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["workspace", "-created_at", "-id"], name="activity_workspace_recent"
            ),
            models.Index(fields=["workspace", "action"], name="activity_workspace_action"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} · {self.target_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value differs."""
        before, after = self.before or {}, self.after or {}
        return [
            (key, before.get(key), after.get(key))
            for key in sorted(before.keys() | after.keys())
            if before.get(key) != after.get(key)
        ]
