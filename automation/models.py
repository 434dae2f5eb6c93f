"""API tokens: how a script acts as the member who made the token (docs/api-tokens.md).

Only the SHA-256 of a token's secret is stored, so a database leak hands nobody a working token.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership
from core.text import validate_visible_text
from miniprograms.models import MiniProgram

SECRET_PREFIX = "mpc_"  # noqa: S105 (a label, not a secret)
# What the list shows to recognise a token: "mpc_" and 8 random characters, too few to guess
# the remaining 35.
SHOWN_PREFIX_LENGTH = 12
# The lifetimes offered; a token without expiry is the last choice, not the default.
EXPIRY_DAYS = (30, 90, 365)


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    class Access(models.TextChoices):
        READ = "read", _("Read only")
        READ_WRITE = "read_write", _("Read and write")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    workspace = models.ForeignKey(
        "accounts.Workspace",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("workspace"),
    )
    # The member who made it: the token can never do more than they can do now.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("created by"),
    )
    # Written into the activity log of every change made with the token.
    name = models.CharField(_("name"), max_length=100, validators=[validate_visible_text])
    prefix = models.CharField(_("prefix"), max_length=SHOWN_PREFIX_LENGTH, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    access = models.CharField(_("access"), max_length=16, choices=Access.choices)
    all_mini_programs = models.BooleanField(_("whole workspace"), default=False)
    mini_programs = models.ManyToManyField(
        MiniProgram, blank=True, related_name="api_tokens", verbose_name=_("mini programs")
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    last_used_ip = models.GenericIPAddressField(
        _("last used from"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "workspace",
                "name",
                condition=models.Q(revoked_at__isnull=True),
                name="one_unrevoked_api_token_name_per_workspace",
            ),
            models.CheckConstraint(
                condition=models.Q(access__in=["read", "read_write"]),
                name="api_token_access_is_known",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def issue_secret(self) -> str:
        """A new secret for an unsaved token; the caller shows it once and forgets it."""
        secret = new_secret()
        self.prefix = secret[:SHOWN_PREFIX_LENGTH]
        self.secret_hash = secret_hash(secret)
        return secret

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def is_usable(self, now=None) -> bool:
        return not self.is_revoked and not self.is_expired(now)

    @property
    def status(self) -> str:
        if self.is_revoked:
            return self.Status.REVOKED
        return self.Status.EXPIRED if self.is_expired() else self.Status.ACTIVE

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def may_write(self) -> bool:
        return self.access == self.Access.READ_WRITE

    def membership(self) -> Membership | None:
        """The creator's membership as it is now, looked up once per token object."""
        if not hasattr(self, "_membership"):
            self._membership = Membership.objects.filter(
                workspace_id=self.workspace_id, user_id=self.user_id
            ).first()
        return self._membership

    def reachable_mini_programs(self):
        """The mini programs the token acts on: its scope, narrowed to what its member may see
        today (a Developer's assignments), and nothing once the member is gone or blocked."""
        membership = self.membership()
        if membership is None or not membership.is_active or not self.user.is_active:
            return MiniProgram.objects.none()
        mini_programs = MiniProgram.objects.filter(workspace_id=self.workspace_id)
        if not self.all_mini_programs:
            mini_programs = mini_programs.filter(api_tokens=self)
        if membership.is_developer:
            mini_programs = mini_programs.filter(developers=membership)
        return mini_programs

    def reaches(self, mini_program: MiniProgram) -> bool:
        return (
            mini_program.workspace_id == self.workspace_id
            and self.reachable_mini_programs().filter(pk=mini_program.pk).exists()
        )
