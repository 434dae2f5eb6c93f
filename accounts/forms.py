from itertools import groupby

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.text import normalize_email_address, validate_visible_text
from core.time_zones import time_zone_names, time_zone_or_default
from core.widgets import LongSelect


class FullNameForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, validators=[validate_visible_text]
    )

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your full name."))
        return name


class SignUpForm(FullNameForm):
    email = forms.EmailField(label=_("Email"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    # Filled in by static/accounts/browser_time_zone.js; the person changes it on their Profile.
    time_zone = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"data-browser-time-zone": ""})
    )

    def clean_email(self):
        # No check for an existing account here: saying so would tell anyone who has one.
        return normalize_email_address(self.cleaned_data["email"])

    def clean_time_zone(self):
        return time_zone_or_default(self.cleaned_data["time_zone"])

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("The email or password is not correct."),
        "inactive": _("This account is inactive."),
    }


class WorkspaceSettingsForm(forms.Form):
    name = forms.CharField(
        label=_("Workspace name"), max_length=100, validators=[validate_visible_text]
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter a name for the workspace."))
        return name


def time_zone_choices():
    """Zone names grouped by their region (`Asia/Shanghai` under Asia); those without a region,
    such as UTC, first."""
    names = time_zone_names()
    choices = [(name, name) for name in names if "/" not in name]
    regional = [name for name in names if "/" in name]
    for region, zones in groupby(regional, key=lambda name: name.split("/", 1)[0]):
        choices.append((region, [(name, name) for name in zones]))
    return choices


def interface_language_choices():
    """Each interface language in its own words, as the language switch names them."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class ProfileForm(FullNameForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        # About 600 zones: drawn in Python, like the Activity page's long selects.
        widget=LongSelect,
        help_text=_("Every date in the console is shown in this time zone."),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )
    language = forms.ChoiceField(
        label=_("Interface language"),
        choices=interface_language_choices,
        error_messages={"invalid_choice": _("Choose English or Simplified Chinese.")},
    )
