import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Workspace
from core.models import ChoiceLabels
from core.text import normalize_email_address, validate_visible_text


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def update_shown(self, **fields) -> int:
        """`update`, which sends no signal, for what the Members page and the Overview show: their
        workspaces' content version moves first, as for a saved invitation (members.signals)."""
        Workspace.objects.filter(pk__in=self.values("workspace_id")).mark_content_changed()
        return self.update(**fields)


class Invitation(ChoiceLabels, models.Model):
    """An offer to join a workspace, sent by email to a person who may not have an account yet.

    Only the SHA-256 of the link's token is stored: a database leak gives nobody a working link.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        EXPIRED = "expired", _("Expired")
        ACCEPTED = "accepted", _("Accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Delivery(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        DELIVERED = "delivered", _("Delivered")
        BOUNCED = "bounced", _("Bounced")

    # The mail service could not hand the message over, or it came back.
    UNDELIVERED = (Delivery.FAILED, Delivery.BOUNCED)

    # Nobody is ever invited as an Owner.
    INVITABLE_ROLES = (Membership.Role.MASTER, Membership.Role.DEVELOPER)

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("workspace")
    )
    name = models.CharField(_("Name"), max_length=150, validators=[validate_visible_text])
    email = models.EmailField(_("Email"), max_length=254)
    role = models.CharField(
        _("Role"),
        max_length=16,
        choices=[(role.value, role.label) for role in INVITABLE_ROLES],
    )
    mini_programs = models.ManyToManyField(
        "miniprograms.MiniProgram",
        blank=True,
        related_name="invitations",
        verbose_name=_("mini programs"),
    )
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sent_invitations",
        verbose_name=_("inviter"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The language the inviter used, so the email speaks it too.
    language = models.CharField(_("language"), max_length=16, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    delivery_status = models.CharField(
        _("email delivery"), max_length=16, choices=Delivery.choices, default=Delivery.QUEUED
    )
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    send_count = models.PositiveIntegerField(_("times sent"), default=0)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        # The Invitations table's order within a workspace, and the open ones by expiry (the
        # first to expire keys every cached page that shows invitations): without them each
        # request sorted the workspace's invitations, or read every workspace's.
        indexes = [
            models.Index(
                fields=["workspace", "-created_at", "-id"], name="invitation_workspace_recent"
            ),
            models.Index(
                fields=["workspace", "expires_at", "id"],
                condition=models.Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="invitation_open_by_expiry",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                "workspace",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="one_open_invitation_per_workspace_and_email",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["master", "developer"]),
                name="invitation_never_offers_owner_role",
            ),
            models.CheckConstraint(
                condition=~models.Q(accepted_at__isnull=False, withdrawn_at__isnull=False),
                name="invitation_not_both_accepted_and_withdrawn",
            ),
        ]

    def __str__(self):
        return f"{self.email} · {self.get_role_display()} · {self.workspace}"

    def save(self, *args, **kwargs):
        self.email = normalize_email_address(self.email)
        super().save(*args, **kwargs)

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return self.Status.ACCEPTED
        if self.withdrawn_at is not None:
            return self.Status.WITHDRAWN
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def is_open(self) -> bool:
        """Neither accepted nor withdrawn: it may still be resent or withdrawn."""
        return self.accepted_at is None and self.withdrawn_at is None

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_developer(self) -> bool:
        return self.role == Membership.Role.DEVELOPER

    def issue_token(self) -> str:
        """Give the invitation a new link; every earlier link stops working once saved."""
        token = secrets.token_urlsafe(32)
        self.token_hash = invitation_token_hash(token)
        return token

    def renew(self) -> None:
        self.expires_at = timezone.now() + timedelta(days=settings.INVITATION_EXPIRY_DAYS)
