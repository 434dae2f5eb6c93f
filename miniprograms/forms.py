from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from miniprograms import kept_logos, validators
from miniprograms.languages import CHINESE_SIMPLIFIED, LANGUAGE_CHOICES, validate_language_tag
from miniprograms.models import Industry, MiniProgram
from miniprograms.selectors import (
    ListReleaseTo,
    ListSort,
    ListStatus,
    validate_alipay_china_quota,
    validate_name_unique,
)

# The hidden field that carries a kept logo's token (miniprograms.kept_logos).
KEPT_LOGO_FIELD = "kept_logo"


def name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Mini Program Name"),
        max_length=validators.NAME_MAX_LENGTH,
        help_text=_("3 to 30 characters; a Chinese character counts as 2."),
        widget=forms.TextInput(
            attrs={
                "data-counter": "weighted",
                "data-min": validators.NAME_MIN_LENGTH,
                "data-max": validators.NAME_MAX_LENGTH,
                "autocomplete": "off",
            }
        ),
    )


def tagline_field() -> forms.CharField:
    return forms.CharField(
        label=_("Tagline"),
        max_length=validators.TAGLINE_MAX_LENGTH,
        help_text=_("10 to 30 characters."),
        widget=forms.TextInput(
            attrs={
                "data-counter": "plain",
                "data-min": validators.TAGLINE_MIN_LENGTH,
                "data-max": validators.TAGLINE_MAX_LENGTH,
            }
        ),
    )


def description_field() -> forms.CharField:
    return forms.CharField(
        label=_("Description"),
        max_length=validators.DESCRIPTION_MAX_LENGTH,
        help_text=_("20 to 200 characters."),
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "data-counter": "plain",
                "data-min": validators.DESCRIPTION_MIN_LENGTH,
                "data-max": validators.DESCRIPTION_MAX_LENGTH,
            }
        ),
    )


def release_to_field() -> forms.BooleanField:
    # Rendered inside its "Release To" fieldset; the script locks the language while checked. The
    # field template is a Jinja2 one (core.forms_renderer).
    return forms.BooleanField(
        label=_("Alipay China"),
        required=False,
        template_name="miniprograms/fields/release_to.jinja.html",
        help_text=_(
            "A mini program released to Alipay China has Chinese (Simplified) as its "
            "default language."
        ),
        widget=forms.CheckboxInput(attrs={"data-locks-language": CHINESE_SIMPLIFIED}),
    )


def default_language_field(label) -> forms.ChoiceField:
    # Not required at field level: with Alipay China checked the server sets it, and the script
    # disables the select (a disabled select is not submitted).
    return forms.ChoiceField(
        label=label,
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.Select(attrs={"data-default-language": ""}),
    )


class ReleaseRulesMixin:
    """Alipay China forces Chinese (Simplified) and counts against the workspace's quota."""

    instance: MiniProgram | None
    workspace = None

    def clean_name(self):
        name = validators.clean_name(self.cleaned_data["name"])
        validate_name_unique(name, exclude_mini_program=self.instance)
        return name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("release_to_alipay_china"):
            cleaned["default_language"] = CHINESE_SIMPLIFIED
            self.check_alipay_china_quota()
        elif not cleaned.get("default_language"):
            self.add_error("default_language", forms.Field.default_error_messages["required"])
        return cleaned

    def check_alipay_china_quota(self):
        if self.workspace is None:
            return
        try:
            validate_alipay_china_quota(self.workspace, mini_program=self.instance)
        except forms.ValidationError as error:
            self.add_error("release_to_alipay_china", error)


class BasicInformationForm(ReleaseRulesMixin, forms.Form):
    """Onboarding step 1: Default Language, Mini Program Name and Release To."""

    default_language = default_language_field(_("Default Language"))
    name = name_field()
    release_to_alipay_china = release_to_field()

    def __init__(self, data=None, *, instance: MiniProgram | None = None, workspace=None, **kw):
        self.instance = instance
        self.workspace = workspace or (instance.workspace if instance is not None else None)
        if instance is not None:
            kw.setdefault(
                "initial",
                {
                    "default_language": instance.default_language,
                    "name": instance.name,
                    "release_to_alipay_china": instance.release_to_alipay_china,
                },
            )
        super().__init__(data, **kw)


def industry_label(industry: Industry) -> str:
    """Both names, the interface language's first, so the search box finds either."""
    other = industry.name_en if industry.localized_name == industry.name_zh else industry.name_zh
    return f"{industry.localized_name} ({other})"


class IndustrySelect(forms.Select):
    """Each option carries its industry's keywords, which the search box matches too (so
    "coffee" finds Food and Beverage)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        industry = getattr(value, "instance", None)
        if industry is not None and industry.keywords:
            option["attrs"]["data-keywords"] = industry.keywords
        return option


class MiniProgramForm(ReleaseRulesMixin, forms.Form):
    """Create and edit: every field is required each time (SPEC section 3). On edit the current
    logo stays unless a new one is chosen."""

    release_to_alipay_china = release_to_field()
    default_language = default_language_field(_("Language"))
    name = name_field()
    tagline = tagline_field()
    description = description_field()
    logo = forms.FileField(
        label=_("Logo"),
        help_text=_("A square .jpg, .jpeg or .png image of at most 256 KB."),
        widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png,image/jpeg,image/png"}),
    )
    industry = forms.ModelChoiceField(
        label=_("Mini Program Industry"),
        queryset=Industry.objects.none(),
        empty_label=_("Choose an industry"),
        widget=IndustrySelect(attrs={"data-searchable": _("Search industries")}),
    )
    customer_service_phone = forms.CharField(
        label=_("Customer Service Contact Number"),
        max_length=16,
        help_text=_("A landline written XXXX-XXXXXXX, for example 0571-88888888."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "placeholder": "0571-88888888"}),
    )
    customer_service_email = forms.CharField(
        label=_("Customer Service Contact Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(
        self, data=None, files=None, *, workspace, instance: MiniProgram | None = None, **kw
    ):
        self.instance = instance
        self.workspace = workspace
        if instance is not None:
            listing = instance.default_listing
            kw.setdefault(
                "initial",
                {
                    "release_to_alipay_china": instance.release_to_alipay_china,
                    "default_language": instance.default_language,
                    "name": listing.name if listing else "",
                    "tagline": listing.tagline if listing else "",
                    "description": listing.description if listing else "",
                    "industry": instance.industry_id,
                    "customer_service_phone": instance.customer_service_phone,
                    "customer_service_email": instance.customer_service_email,
                },
            )
        super().__init__(data, files, **kw)
        # A logo kept from an earlier try of this form stands in for a file not picked again.
        self.kept_logo = (
            kept_logos.kept_logo(self.data.get(KEPT_LOGO_FIELD, ""), workspace_id=workspace.pk)
            if self.is_bound
            else None
        )
        industries = Q(is_active=True)
        if instance is not None and instance.industry_id:
            industries |= Q(pk=instance.industry_id)
        self.fields["industry"].queryset = Industry.objects.filter(industries)
        self.fields["industry"].label_from_instance = industry_label
        logo = self.fields["logo"]
        logo.required = not (self.kept_logo or (instance is not None and instance.logo))
        if not logo.required:
            logo.help_text = _(
                "Keeps the current logo unless you choose a new one: a square .jpg, .jpeg or "
                ".png image of at most 256 KB."
            )
        # The script checks a chosen file as the server will, in the same words.
        logo.widget.attrs.update(
            {
                "data-logo-preview": "",
                "data-max-bytes": settings.LOGO_MAX_BYTES,
                "data-max-pixels": settings.LOGO_MAX_PIXELS,
                "data-msg-extension": _("The logo must be a .jpg, .jpeg or .png file."),
                "data-msg-size": _("The logo must be at most %(limit)d KB.")
                % {"limit": settings.LOGO_MAX_BYTES // 1024},
                "data-msg-pixels": _("The logo has too many pixels."),
                "data-msg-square": _("The logo must be square; this one is %s pixels."),
                "data-msg-content": _(
                    "The logo must be a JPEG or PNG image; this file is not one or is damaged."
                ),
            }
        )

    def clean_tagline(self):
        return validators.clean_tagline(self.cleaned_data["tagline"])

    def clean_description(self):
        return validators.clean_description(self.cleaned_data["description"])

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload:
            return validators.clean_logo(upload)
        return self.kept_logo.file() if self.kept_logo else None

    def keep_logo(self) -> None:
        """After a failed try: keeps the logo that passed its checks for the next one."""
        if not self.files.get("logo"):
            return  # nothing new picked: a logo kept before stays kept
        # A new file replaces the kept one, or, failing its checks, leaves nothing kept.
        self.discard_kept_logo()
        logo = getattr(self, "cleaned_data", {}).get("logo")
        if logo is not None:
            self.kept_logo = kept_logos.keep_logo(logo, workspace_id=self.workspace.pk)

    def discard_kept_logo(self) -> None:
        """The kept file is no longer needed: copied to the mini program, or replaced."""
        if self.kept_logo:
            kept_logos.discard_kept_logo(self.kept_logo)
            self.kept_logo = None

    def clean_customer_service_phone(self):
        return validators.clean_landline(self.cleaned_data["customer_service_phone"])

    def clean_customer_service_email(self):
        return validators.clean_service_email(self.cleaned_data["customer_service_email"])


class ListingForm(forms.Form):
    """One language of a mini program. The language is chosen when adding, fixed when editing."""

    language = forms.ChoiceField(label=_("Language"), choices=())
    name = name_field()
    tagline = tagline_field()
    description = description_field()

    def __init__(self, data=None, *, mini_program: MiniProgram, instance=None, **kw):
        self.mini_program = mini_program
        self.instance = instance
        if instance is not None:
            kw.setdefault("initial", instance.snapshot())
        super().__init__(data, **kw)
        if instance is not None:
            del self.fields["language"]
        else:
            taken = set(mini_program.languages)
            self.fields["language"].choices = [
                (code, label) for code, label in LANGUAGE_CHOICES if code not in taken
            ]

    def clean_name(self):
        name = validators.clean_name(self.cleaned_data["name"])
        validate_name_unique(name, exclude_mini_program=self.mini_program)
        return name

    def clean_tagline(self):
        return validators.clean_tagline(self.cleaned_data["tagline"])

    def clean_description(self):
        return validators.clean_description(self.cleaned_data["description"])


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, App ID or creator")}
        ),
    )


class MiniProgramListForm(SearchForm):
    """The Manage Mini Program list's search, sort and filters, all read from the query string."""

    sort = forms.ChoiceField(label=_("Sort"), choices=ListSort.choices, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *ListStatus.choices], required=False
    )
    release_to = forms.ChoiceField(
        label=_("Release To"), choices=[("", _("Anywhere")), *ListReleaseTo.choices], required=False
    )

    DEFAULTS = {"q": "", "sort": ListSort.NEWEST.value, "status": "", "release_to": ""}

    def choices(self) -> dict[str, str]:
        """What the list shows: each value as asked for, or its default when blank or not one
        of the choices (the form then says so next to that field)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) or default for name, default in self.DEFAULTS.items()}

    def query_string(self) -> str:
        """The choices that differ from the defaults, for the pagination links."""
        chosen = self.choices()
        return urlencode(
            {name: value for name, value in chosen.items() if value != self.DEFAULTS[name]}
        )


class DevicePreviewForm(forms.Form):
    device = forms.CharField(
        label=_("Device language"),
        required=False,
        max_length=35,
        help_text=_("A language tag such as en-GB or zh-CN."),
        widget=forms.TextInput(attrs={"placeholder": "en-GB", "list": "language-tags"}),
    )

    def clean_device(self):
        device = self.cleaned_data["device"].strip()
        if device:
            validate_language_tag(device)
        return device


class MiniProgramDeleteForm(forms.Form):
    """Delete mini program. The App ID is asked only when a rule wants it typed out (an Offline
    mini program); the service checks it."""

    app_id = forms.CharField(
        label=_("App ID"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
