import re

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from releases.rules import (
    DESCRIPTION_MAX_LENGTH,
    DESCRIPTION_MIN_LENGTH,
    PERCENTAGE_MAX,
    PERCENTAGE_MIN,
)


class VersionUploadForm(forms.Form):
    """Upload Version. The form only reads the fields; the service checks every rule (number,
    description, package) and its errors come back next to these fields."""

    number = forms.CharField(
        label=_("Version number"),
        max_length=32,
        help_text=_("major.minor.patch, such as 1.0.0, greater than every earlier version."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "decimal"}),
    )
    package = forms.FileField(
        label=_("Package"),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    description = forms.CharField(
        label=_("Version description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("10 to 500 characters: what changed in this version."),
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "data-counter": "plain",
                "data-min": DESCRIPTION_MIN_LENGTH,
                "data-max": DESCRIPTION_MAX_LENGTH,
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["package"].help_text = _(
            "A .zip of at most %(size)s with app.json at its root."
        ) % {"size": filesizeformat(settings.PACKAGE_MAX_BYTES)}


class ApplyForReleaseForm(forms.Form):
    """Apply for release. Testers are optional, so applying without them is one press; the
    service checks each address and the number of them."""

    testers = forms.CharField(
        label=_("Testers"),
        required=False,
        help_text=_(
            "Optional: up to 50 email addresses, separated by spaces, commas or lines. Naming any "
            "sends the version to Pilot Testing once approved."
        ),
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
    )

    def clean_testers(self) -> list[str]:
        return [email for email in re.split(r"[\s,;]+", self.cleaned_data["testers"]) if email]


class PercentageForm(forms.Form):
    """Grayscale release and Scale up: the share of devices; the service checks its range."""

    percentage = forms.IntegerField(
        label=_("Percentage"),
        help_text=_("The share of devices that gets this version, from 1 to 99."),
        widget=forms.NumberInput(attrs={"min": PERCENTAGE_MIN, "max": PERCENTAGE_MAX}),
    )
