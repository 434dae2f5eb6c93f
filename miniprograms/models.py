import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from miniprograms.languages import CHINESE_SIMPLIFIED, LANGUAGE_CHOICES, LANGUAGE_NAMES
from miniprograms.validators import (
    NAME_MAX_LENGTH,
    fold_name,
    validate_description,
    validate_landline,
    validate_name,
    validate_service_email,
    validate_tagline,
)


class Industry(models.Model):
    """An entry of the curated industry list a mini program picks from."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_en = models.CharField(_("English name"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=100)
    is_active = models.BooleanField(_("offered"), default=True)
    # Other words people look for it by, in any language, separated by commas (the industry
    # search matches them as it matches the names).
    keywords = models.CharField(
        _("keywords"),
        max_length=500,
        blank=True,
        help_text=_("Other words that find this industry, separated by commas."),
    )

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["name_en"]

    def __str__(self):
        return f"{self.name_en} / {self.name_zh}"

    @property
    def localized_name(self) -> str:
        """The name in the interface language: Chinese for a Chinese interface, else English."""
        return self.name_zh if (get_language() or "").startswith("zh") else self.name_en


# What an App ID looks like (generate_app_id), for URLs, forms and the API's schema.
APP_ID_PATTERN = "[0-9]{16}"


def generate_app_id() -> str:
    """16 random digits, never starting with 0 so it reads the same as a number."""
    return str(secrets.randbelow(9 * 10**15) + 10**15)


def new_page_version() -> int:
    return secrets.randbits(62)


class MiniProgramQuerySet(models.QuerySet):
    def mark_pages_changed(self) -> int:
        return self.update(page_version=new_page_version())

    def incomplete(self):
        """Those not `is_complete`, in one query whatever their number, with the default
        listing joined (join_default_listing). A join rather than NOT EXISTS of a complete
        listing: PostgreSQL planned that as a hash of every complete listing in the database,
        built before the first row (6 ms at 10,000 mini programs, for the Overview's five)."""
        return join_default_listing(self).filter(missing_a_required_field())

    def complete(self):
        # As one expression: a negated filter would look for each field in a subquery.
        return join_default_listing(self).filter(
            models.ExpressionWrapper(
                ~missing_a_required_field(), output_field=models.BooleanField()
            )
        )


class MiniProgram(models.Model):
    workspace = models.ForeignKey(
        "accounts.Workspace",
        on_delete=models.CASCADE,
        related_name="mini_programs",
        verbose_name=_("workspace"),
    )
    app_id = models.CharField(
        _("App ID"), max_length=16, unique=True, default=generate_app_id, editable=False
    )
    release_to_alipay_china = models.BooleanField(_("Alipay China"), default=False)
    default_language = models.CharField(
        _("Default Language"), max_length=16, choices=LANGUAGE_CHOICES
    )
    industry = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mini_programs",
        verbose_name=_("Mini Program Industry"),
    )
    logo = models.ImageField(_("Logo"), upload_to="logos/", blank=True)
    # Stored as written on screen, XXXX-XXXXXXX (see validators.clean_landline).
    customer_service_phone = models.CharField(
        _("Customer Service Contact Number"),
        max_length=16,
        blank=True,
        validators=[validate_landline],
    )
    customer_service_email = models.EmailField(
        _("Customer Service Contact Email"), blank=True, validators=[validate_service_email]
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("creator"),
    )
    # A Developer sees only the mini programs assigned to their membership.
    developers = models.ManyToManyField(
        "accounts.Membership",
        blank=True,
        related_name="assigned_mini_programs",
        verbose_name=_("assigned developers"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The default listing's `name_key`, copied here so the list sorts by name through an index of
    # this table (ordering through the join sorted every row of a workspace for each page). Kept
    # by `save()` of both models; see `default_name_key()`.
    name_key = models.CharField(max_length=NAME_MAX_LENGTH * 18, editable=False, blank=True)
    # Names one state of what the mini program's page shows of it (miniprograms.signals and
    # releases.signals move it, with the workspace's content version, in the same transaction):
    # the page is cached under it and the workspace's `shared_version`. A random number rather
    # than a count: a save writes back the number its instance holds, and a count written back
    # could name an older state again. Empty until the first change after the column came:
    # adding a nullable column rewrites no table (SQLite would rebuild this one, and lose the
    # search triggers of migration 0007).
    page_version = models.BigIntegerField(null=True, editable=False)

    objects = MiniProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("mini program")
        verbose_name_plural = _("mini programs")
        ordering = ["-created_at", "-id"]
        # The list's orderings within a workspace (read backwards for the other direction), and
        # its Release To filter: few programs release to Alipay China (ALIPAY_CHINA_QUOTA), so
        # they are found without walking the workspace's rows.
        indexes = [
            models.Index(fields=["workspace", "-created_at", "-id"], name="miniprogram_recent"),
            models.Index(fields=["workspace", "-updated_at", "-id"], name="miniprogram_updated"),
            models.Index(fields=["workspace", "name_key", "id"], name="miniprogram_by_name"),
            # The admin's list, newest first across every workspace.
            models.Index(fields=["-created_at", "-id"], name="miniprogram_recent_everywhere"),
            models.Index(
                fields=["workspace", "-created_at", "-id"],
                condition=models.Q(release_to_alipay_china=True),
                name="miniprogram_alipay_china",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(release_to_alipay_china=True)
                | models.Q(default_language=CHINESE_SIMPLIFIED),
                name="alipay_china_release_requires_chinese_default",
            ),
        ]

    def __str__(self):
        return self.name or self.app_id

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "default_language" in update_fields:
            MiniProgram.objects.filter(pk=self.pk).update(name_key=default_name_key())

    def mark_page_changed(self) -> None:
        """For core.activity: an event about this mini program moves its page's version (see
        accounts.signals)."""
        MiniProgram.objects.filter(pk=self.pk).mark_pages_changed()

    @property
    def default_listing(self):
        # Reads the prefetched listings when there are some, so lists stay one query.
        return next(
            (item for item in self.listings.all() if item.language == self.default_language),
            None,
        )

    @property
    def name(self) -> str:
        listing = self.default_listing
        return listing.name if listing else ""

    @property
    def creator_name(self) -> str:
        """Blank once the creator's account is deleted."""
        if self.creator is None:
            return ""
        return self.creator.full_name or self.creator.email

    @property
    def logo_filename(self) -> str:
        return PurePath(self.logo.name).name if self.logo else ""

    @property
    def logo_url(self) -> str:
        return logo_url(self.app_id, self.logo.name)

    @property
    def languages(self) -> list[str]:
        return [listing.language for listing in self.listings.all()]

    def get_default_language_display(self):
        # Django's version rebuilds the whole choices dict on each call, once a row on the list.
        return LANGUAGE_NAMES.get(self.default_language, self.default_language)

    @property
    def is_complete(self) -> bool:
        """Every field the create form asks for is filled (a program from the onboarding wizard
        has only its basic information until someone completes it)."""
        return has_every_required_field(self, self.default_listing)

    def snapshot(self) -> dict:
        """The fields the activity log compares before and after a change."""
        listing = self.default_listing
        return {
            "name": listing.name if listing else "",
            "tagline": listing.tagline if listing else "",
            "description": listing.description if listing else "",
            "release_to_alipay_china": self.release_to_alipay_china,
            "default_language": self.default_language,
            "industry": self.industry.code if self.industry_id else "",
            "logo": self.logo.name if self.logo else "",
            "customer_service_phone": self.customer_service_phone,
            "customer_service_email": self.customer_service_email,
        }


def logo_url(app_id: str, logo: str) -> str:
    """Where a mini program's logo (its stored name) is served: by a view that checks the viewer
    may see this mini program, never MEDIA_URL, which has no access control."""
    if not logo:
        return ""
    return reverse("miniprograms:logo", args=[app_id, PurePath(logo).name])


REQUIRED_OF_MINI_PROGRAM = (
    "logo",
    "industry_id",
    "customer_service_phone",
    "customer_service_email",
)
REQUIRED_OF_LISTING = ("name", "tagline", "description")


def has_every_required_field(mini_program, default_listing) -> bool:
    """A mini program is complete when every field the create form asks for is filled: its
    default listing's name, tagline and description, and its own logo, industry and customer
    service contacts. A program from the onboarding wizard has only its basic information until
    someone completes it. Either argument may be any object with those attributes (a row of a
    list); the listing is None while there is none."""
    return (
        default_listing is not None
        and all(getattr(default_listing, field) for field in REQUIRED_OF_LISTING)
        and all(getattr(mini_program, field) for field in REQUIRED_OF_MINI_PROGRAM)
    )


def missing_a_required_field() -> models.Q:
    """has_every_required_field, negated, for a query of mini programs that has joined the
    default listing (join_default_listing): the two must change together."""
    missing = models.Q(default_listing__isnull=True)
    for field in REQUIRED_OF_LISTING:
        missing |= models.Q(**{f"default_listing__{field}": ""})
    for field in REQUIRED_OF_MINI_PROGRAM:
        # A foreign key is missing as NULL, a text field as "".
        missing |= models.Q(**{field: None if MiniProgram._meta.get_field(field).null else ""})
    return missing


def join_default_listing(queryset, through: str = ""):
    """`queryset` with each mini program's default listing joined, for default_listing_column:
    of the mini programs themselves, or of those its rows reach `through` ("mini_program__" from
    a version). A join, where a subquery for each column took Django longer to write than the
    database to read."""
    return queryset.alias(
        default_listing=models.FilteredRelation(
            f"{through}listings",
            condition=models.Q(
                **{f"{through}listings__language": models.F(f"{through}default_language")}
            ),
        )
    )


def default_listing_column(field: str):
    """A column of the default listing joined by join_default_listing, "" while there is none:
    `default_listing_column("name")` is each mini program's name, as `MiniProgram.name` reads
    it."""
    # Text whatever the column: a name is a CharField, a description a TextField.
    return Coalesce(
        models.F(f"default_listing__{field}"), models.Value(""), output_field=models.TextField()
    )


def default_name_key():
    """For `MiniProgram.objects.update(name_key=...)`, which joins nothing: each one's default
    listing's key, blank while it has none."""
    return Coalesce(
        models.Subquery(
            Listing.objects.filter(
                mini_program=models.OuterRef("pk"), language=models.OuterRef("default_language")
            ).values("name_key")[:1]
        ),
        models.Value(""),
    )


class Listing(models.Model):
    """The name, tagline and description of a mini program in one language."""

    mini_program = models.ForeignKey(
        MiniProgram,
        on_delete=models.CASCADE,
        related_name="listings",
        verbose_name=_("mini program"),
    )
    language = models.CharField(_("Language"), max_length=16, choices=LANGUAGE_CHOICES)
    name = models.CharField(_("Mini Program Name"), max_length=30, validators=[validate_name])
    # The name folded for the platform-wide uniqueness rule (case and width ignored). Folding
    # can lengthen a name: one character (U+FDFA) becomes 18.
    name_key = models.CharField(max_length=NAME_MAX_LENGTH * 18, editable=False, db_index=True)
    # Blank only for a program created by the onboarding wizard, which asks for the name alone.
    tagline = models.CharField(
        _("Tagline"), max_length=30, blank=True, validators=[validate_tagline]
    )
    description = models.TextField(
        _("Description"), max_length=200, blank=True, validators=[validate_description]
    )

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["mini_program", "language"], name="one_listing_per_language"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = fold_name(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)
        MiniProgram.objects.filter(pk=self.mini_program_id).update(name_key=default_name_key())

    def snapshot(self) -> dict:
        return {
            "language": self.language,
            "name": self.name,
            "tagline": self.tagline,
            "description": self.description,
        }
