import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChoiceLabels
from releases.rules import VersionNumber


def package_path(version, filename: str) -> str:
    """A generated name: what the uploader called the file never reaches the disk."""
    return f"packages/{uuid.uuid4().hex}.zip"


def snapshot_logo_path(version, filename: str) -> str:
    return f"snapshots/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Version(ChoiceLabels, models.Model):
    """One uploaded package of a mini program and where it stands on its way to devices."""

    class Status(models.TextChoices):
        NEW = "new", _("New Version Created")
        UNDER_REVIEW = "under_review", _("Under Review")
        REJECTED = "rejected", _("Rejected")
        PILOT_TESTING = "pilot_testing", _("Pilot Testing")
        RELEASE_PREPARATION = "release_preparation", _("Release Preparation")
        GRAYSCALE_RELEASE = "grayscale_release", _("Grayscale Release")
        FULL_RELEASE = "full_release", _("Full Release")
        ARCHIVED = "archived", _("Archived")
        CANCELED = "canceled", _("Canceled")

    # Between Approve and a Full Release; a mini program has at most one version in this stretch.
    IN_RELEASE = (Status.PILOT_TESTING, Status.RELEASE_PREPARATION, Status.GRAYSCALE_RELEASE)
    # Waiting for someone: a reviewer, the team to make changes, testers, Go live, a rising share.
    WAITING = (
        Status.UNDER_REVIEW,
        Status.REJECTED,
        Status.PILOT_TESTING,
        Status.RELEASE_PREPARATION,
        Status.GRAYSCALE_RELEASE,
    )
    # What devices may be told to run.
    SERVED = (Status.GRAYSCALE_RELEASE, Status.FULL_RELEASE)

    mini_program = models.ForeignKey(
        "miniprograms.MiniProgram",
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("mini program"),
    )
    major = models.PositiveIntegerField(_("major"))
    minor = models.PositiveIntegerField(_("minor"))
    patch = models.PositiveIntegerField(_("patch"))
    description = models.TextField(_("Version description"), max_length=500)
    package = models.FileField(_("Package"), upload_to=package_path, max_length=200)
    package_sha256 = models.CharField(_("package SHA-256"), max_length=64)
    package_size = models.PositiveBigIntegerField(_("package size"))
    package_file_count = models.PositiveIntegerField(_("files in the package"))
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.NEW
    )
    grayscale_percentage = models.PositiveSmallIntegerField(_("Percentage"), null=True, blank=True)
    testers = models.JSONField(_("Testers"), default=list, blank=True)
    rejection_reason = models.TextField(_("Reason"), blank=True)
    # The listing as it stood at Apply for release: what the reviewer approves and devices get.
    listing_snapshot = models.JSONField(_("listing snapshot"), null=True, blank=True)
    # A copy, so replacing the mini program's logo later leaves this version's one in place.
    snapshot_logo = models.FileField(
        _("logo at Apply for release"), upload_to=snapshot_logo_path, max_length=200, blank=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    applied_at = models.DateTimeField(_("applied for release"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-major", "-minor", "-patch", "-id"]
        permissions = [("review_version", _("Can approve or reject versions"))]
        indexes = [
            models.Index(fields=["status", "applied_at"], name="version_review_queue"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["mini_program", "major", "minor", "patch"],
                name="version_number_unique_per_mini_program",
            ),
            models.UniqueConstraint(
                fields=["mini_program"],
                condition=models.Q(status="under_review"),
                name="one_version_under_review_per_mini_program",
            ),
            models.UniqueConstraint(
                fields=["mini_program"],
                condition=models.Q(
                    status__in=["pilot_testing", "release_preparation", "grayscale_release"]
                ),
                name="one_version_in_release_per_mini_program",
            ),
            models.UniqueConstraint(
                fields=["mini_program"],
                condition=models.Q(status="full_release"),
                name="one_full_release_per_mini_program",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "new",
                        "under_review",
                        "rejected",
                        "pilot_testing",
                        "release_preparation",
                        "grayscale_release",
                        "full_release",
                        "archived",
                        "canceled",
                    ]
                ),
                name="version_status_is_known",
            ),
            models.CheckConstraint(
                condition=models.Q(grayscale_percentage__isnull=True)
                | models.Q(grayscale_percentage__gte=1, grayscale_percentage__lte=99),
                name="grayscale_percentage_from_1_to_99",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="grayscale_release")
                | models.Q(grayscale_percentage__isnull=False),
                name="grayscale_release_has_percentage",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected", rejection_reason=""),
                name="rejected_version_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.mini_program} {self.number}"

    @property
    def version_number(self) -> VersionNumber:
        return VersionNumber(self.major, self.minor, self.patch)

    @property
    def number(self) -> str:
        return str(self.version_number)

    @property
    def status_tone(self) -> str:
        """How the status badge is coloured: done, on its way, waiting for a person, refused."""
        return {
            self.Status.FULL_RELEASE: "success",
            self.Status.GRAYSCALE_RELEASE: "info",
            self.Status.PILOT_TESTING: "info",
            self.Status.RELEASE_PREPARATION: "info",
            self.Status.UNDER_REVIEW: "warning",
            self.Status.REJECTED: "danger",
        }.get(self.status, "")

    @property
    def is_in_release(self) -> bool:
        return self.status in self.IN_RELEASE

    @property
    def has_testers(self) -> bool:
        return bool(self.testers)

    def listing_in(self, language: str) -> dict | None:
        """The snapshot's listing in `language`, as it was applied for release."""
        return (self.listing_snapshot or {}).get("listings", {}).get(language)

    @property
    def snapshot_languages(self) -> list[str]:
        return list((self.listing_snapshot or {}).get("listings", {}))

    @property
    def snapshot_default_language(self) -> str | None:
        return (self.listing_snapshot or {}).get("default_language")

    @property
    def snapshot_logo_filename(self) -> str:
        return PurePath(self.snapshot_logo.name).name if self.snapshot_logo else ""

    @property
    def release_logo_url(self) -> str:
        """Where devices fetch the logo this version was applied with (public once served)."""
        return reverse(
            "api:release_logo", args=[self.mini_program.app_id, self.snapshot_logo_filename]
        )


class VersionTransition(models.Model):
    """One move of a version from a status to another: the history a reviewer and the team read."""

    version = models.ForeignKey(
        Version, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("version")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # Kept as text so the history still says who it was after the account is deleted.
    actor_email = models.CharField(_("who (email)"), max_length=254, blank=True)
    # Blank for the upload, which comes from no status.
    from_status = models.CharField(
        _("from"), max_length=32, choices=Version.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=32, choices=Version.Status.choices)
    percentage = models.PositiveSmallIntegerField(_("Percentage"), null=True, blank=True)
    reason = models.TextField(_("Reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("version transition")
        verbose_name_plural = _("version transitions")
        ordering = ["created_at", "id"]

    def __str__(self):
        before = self.get_from_status_display() or "—"
        return f"{self.version}: {before} → {self.get_to_status_display()}"


class OfflineMiniProgram(models.Model):
    """Present while a mini program is Offline: no device is told to run any of its versions.

    A row of this app rather than a field of `MiniProgram`, whose app sits below this one and
    knows nothing of releases; its primary key is the mini program, so it can be Offline once.
    """

    mini_program = models.OneToOneField(
        "miniprograms.MiniProgram",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="offline",
        verbose_name=_("mini program"),
    )
    taken_offline_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken offline by"),
    )
    offline_at = models.DateTimeField(_("offline since"), auto_now_add=True)

    class Meta:
        verbose_name = _("offline mini program")
        verbose_name_plural = _("offline mini programs")

    def __str__(self):
        return str(self.mini_program)
