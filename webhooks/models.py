"""Outgoing webhooks: the addresses a workspace asked to be told about changes, and each message
sent to them (docs/webhooks.md)."""

import base64
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, not a secret)
# Standard Webhooks asks for 24 to 64 random bytes.
SECRET_BYTES = 32
# An endpoint that has not taken one delivery for this long is switched off.
FAILING_DAYS_BEFORE_DISABLING = 1
TEST_EVENT = "webhook.test"


def generate_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def generate_message_id() -> str:
    return "msg_" + uuid.uuid4().hex


class WebhookEndpoint(models.Model):
    class Event(models.TextChoices):
        VERSION_STATUS_CHANGED = "version.status_changed", _("A version's status changed")
        REVIEW_APPROVED = "review.approved", _("A version was approved in review")
        REVIEW_REJECTED = "review.rejected", _("A version was rejected in review")
        MINI_PROGRAM_CREATED = "mini_program.created", _("A mini program was created")
        MINI_PROGRAM_UPDATED = "mini_program.updated", _("A mini program was updated")
        MINI_PROGRAM_DELETED = "mini_program.deleted", _("A mini program was deleted")
        MEMBER_JOINED = "member.joined", _("A member joined")
        MEMBER_REMOVED = "member.removed", _("A member was removed")

    class DisabledReason(models.TextChoices):
        BY_MEMBER = "by_member", _("Disabled by a member")
        FAILING = "failing", _("Every delivery failed for a day")

    workspace = models.ForeignKey(
        "accounts.Workspace",
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("workspace"),
    )
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    # A list of Event values; a list, not a table, as it is only ever read with the endpoint.
    events = models.JSONField(_("events"), default=list)
    # Kept as written, since every delivery is signed with it; pages show it in full only once.
    secret = models.CharField(_("secret"), max_length=100, default=generate_secret, editable=False)
    is_enabled = models.BooleanField(_("enabled"), default=True)
    disabled_reason = models.CharField(
        _("why disabled"), max_length=16, choices=DisabledReason.choices, blank=True
    )
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    # The first failure since the last delivery that succeeded.
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "is_enabled"], name="webhook_endpoint_enabled")
        ]

    def __str__(self):
        return self.url

    @property
    def masked_secret(self) -> str:
        return f"{SECRET_PREFIX}…{self.secret[-4:]}"

    def signing_key(self) -> bytes:
        return base64.b64decode(self.secret.removeprefix(SECRET_PREFIX))

    def is_subscribed_to(self, event_type: str) -> bool:
        return event_type in self.events

    def event_labels(self) -> list[str]:
        return [self.Event(event).label for event in self.events if event in self.Event.values]

    def snapshot(self) -> dict:
        """What the activity log compares before and after a change; never the secret."""
        return {
            "url": self.url,
            "description": self.description,
            "events": sorted(self.events),
            "is_enabled": self.is_enabled,
        }

    def has_failed_too_long(self, now=None) -> bool:
        now = now or timezone.now()
        return self.failing_since is not None and now - self.failing_since >= timedelta(
            days=FAILING_DAYS_BEFORE_DISABLING
        )


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed, will retry")
        GAVE_UP = "gave_up", _("Giving up")

    class Problem(models.TextChoices):
        """Why the last attempt failed, as the endpoint's page says it; the address's problems
        are what the form says of such an address too (webhooks.network.resolve)."""

        ANSWER = "answer", _("The endpoint answered with an error.")
        REDIRECT = "redirect", _("The endpoint answered with a redirect, which is not followed.")
        UNRESOLVABLE = "unresolvable", _("The host of this address could not be found.")
        PRIVATE_ADDRESS = (
            "private_address",
            _(
                "This address leads to a private, local or reserved network. Use a public "
                "https:// address."
            ),
        )
        ADDRESS_NOT_ALLOWED = "address_not_allowed", _("This address is no longer allowed.")
        CONNECTION_REFUSED = (
            "connection_refused",
            _("The endpoint's server refused the connection."),
        )
        TIMEOUT = "timeout", _("The endpoint did not answer in time.")
        TLS = "tls", _("The secure connection failed: check the endpoint's certificate.")
        CONNECTION_FAILED = "connection_failed", _("The connection to the endpoint failed.")
        BAD_ANSWER = "bad_answer", _("The endpoint's answer was not valid HTTP.")
        ENDPOINT_DISABLED = "endpoint_disabled", _("Not sent: the endpoint is disabled.")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event_type = models.CharField(_("event"), max_length=64)
    # The same on every attempt, so the receiver can recognise a message it already has.
    message_id = models.CharField(
        _("message ID"), max_length=40, unique=True, default=generate_message_id, editable=False
    )
    payload = models.JSONField(_("payload"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    last_status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    problem = models.CharField(_("problem"), max_length=20, choices=Problem.choices, blank=True)
    # The detail behind `problem`: the receiver's answer, where its redirect led, or for the
    # admin the network's own error (which names Python's exceptions, in English).
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["endpoint", "-created_at", "-id"], name="webhook_delivery_recent")
        ]

    def __str__(self):
        return f"{self.event_type} · {self.message_id}"

    @property
    def problem_detail(self) -> str:
        """What the page quotes after the problem: the receiver's own words, or where it sent
        us; the network's errors are for the admin."""
        if self.problem in (self.Problem.ANSWER, self.Problem.REDIRECT):
            return self.last_error
        return ""

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.GAVE_UP)
