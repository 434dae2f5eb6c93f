"""People and tenancy: users, workspaces and memberships (who may do what where)."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.models import ChoiceLabels
from core.text import normalize_email_address, validate_visible_text
from core.time_zones import DEFAULT_TIME_ZONE, validate_time_zone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email=normalize_email_address(username))

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        # The language the account is made in, until the person's own requests say otherwise.
        extra_fields.setdefault("language", translation.get_language() or "")
        user = self.model(email=normalize_email_address(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    email = models.EmailField(_("email"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150, validators=[validate_visible_text])
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can sign in to the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # The interface language of the person's latest request (blank until they make one), so
    # mail sent while they are away, such as a review result, speaks it.
    language = models.CharField(_("language"), max_length=16, blank=True, editable=False)
    # An IANA name; every date in the console is shown in it (accounts.middleware).
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=DEFAULT_TIME_ZONE, validators=[validate_time_zone]
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")),
                name="user_email_must_be_lower_case",
            ),
        ]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = normalize_email_address(self.email)

    def save(self, *args, **kwargs):
        self.email = normalize_email_address(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def mail_language(self) -> str:
        return self.language or settings.LANGUAGE_CODE

    def active_memberships(self):
        return (
            self.memberships.filter(status=Membership.Status.ACTIVE)
            .select_related("workspace")
            .order_by("workspace__name", "workspace_id")
        )


class WorkspaceQuerySet(models.QuerySet):
    def mark_mini_programs_changed(self) -> int:
        # What the list shows is on the workspace's other pages too; a mini program's own page
        # moves with its own version (MiniProgram.page_version), moved by the same signals.
        return self.update(
            mini_programs_version=models.F("mini_programs_version") + 1,
            content_version=models.F("content_version") + 1,
        )

    def mark_content_changed(self, *, shared: bool = True) -> int:
        """`shared=False` for a change to what one mini program's page shows, whose own version
        is moved too (MiniProgram.mark_page_changed)."""
        versions = {"content_version": models.F("content_version") + 1}
        if shared:
            versions["shared_version"] = models.F("shared_version") + 1
        return self.update(**versions)

    def count_mini_programs(self, change: int) -> int:
        return self.update(mini_program_count=models.F("mini_program_count") + change)


class Workspace(models.Model):
    """One platform account: its mini programs, members and invitations."""

    name = models.CharField(_("workspace name"), max_length=100, validators=[validate_visible_text])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Grows in the same transaction as any change to what the Manage Mini Program list shows
    # (miniprograms.signals), so the rendered list can be cached under it and a change is seen
    # on the very next request.
    mini_programs_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Grows in the same transaction as any change the workspace's pages show: every recorded
    # activity, and the rows that also change without one (accounts.signals, members.signals).
    # Their content is cached under it (accounts.selectors.content_fragment_key).
    content_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Moves with the content version, except for a change to one mini program's own page (its
    # listings, versions, developers, activity): a mini program's page is cached under this and
    # its own `page_version`, so editing one leaves the others' cached.
    shared_version = models.PositiveBigIntegerField(default=0, editable=False)
    # How many mini programs the workspace has, moved in the same transaction as each one
    # created or deleted (miniprograms.signals): the Overview shows it, and counting the rows
    # of a large workspace on every view read all of them.
    mini_program_count = models.PositiveIntegerField(default=0, editable=False)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def lock(self) -> None:
        """Holds this workspace's row until the transaction ends, so changes to the workspace
        that a rule counts (a daily limit, a quota) are made one at a time."""
        Workspace.objects.select_for_update().filter(pk=self.pk).first()


class Membership(ChoiceLabels, models.Model):
    """A user's place in a workspace. Every permission check in the console starts here."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MASTER = "master", _("Master")
        DEVELOPER = "developer", _("Developer")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        BLOCKED = "blocked", _("Blocked")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("workspace")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["joined_at", "id"]
        # The Members table's order within a workspace: a page is read, not the workspace sorted.
        indexes = [
            models.Index(
                fields=["workspace", "joined_at", "id"], name="membership_workspace_joined"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "workspace"], name="one_membership_per_user_and_workspace"
            ),
            models.UniqueConstraint(
                fields=["workspace"],
                condition=models.Q(role="owner"),
                name="one_owner_per_workspace",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["owner", "master", "developer"]),
                name="membership_role_is_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="owner", status="blocked"),
                name="owner_cannot_be_blocked",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.workspace}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER

    @property
    def is_developer(self) -> bool:
        return self.role == self.Role.DEVELOPER

    def may_manage_mini_programs(self) -> bool:
        """Create, edit and delete mini programs and their languages."""
        return self.is_active and self.role in (self.Role.OWNER, self.Role.MASTER)

    def may_invite(self) -> bool:
        """Invite members and resend or withdraw invitations."""
        return self.is_active and self.role in (self.Role.OWNER, self.Role.MASTER)

    def may_invite_as(self, role: str) -> bool:
        """Owners and Masters invite Masters and Developers; nobody is invited as an Owner."""
        return self.may_invite() and role in (self.Role.MASTER, self.Role.DEVELOPER)

    def may_manage_members(self) -> bool:
        """Change roles and assignments, block, unblock and remove members."""
        return self.is_active and self.is_owner

    def may_see_activity(self) -> bool:
        return self.is_active and self.role in (self.Role.OWNER, self.Role.MASTER)

    def may_see_members(self) -> bool:
        return self.is_active and self.role in (self.Role.OWNER, self.Role.MASTER)

    def may_change_settings(self) -> bool:
        return self.is_active and self.is_owner

    def may_transfer_ownership(self) -> bool:
        return self.is_active and self.is_owner
