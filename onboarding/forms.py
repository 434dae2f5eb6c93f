from django import forms
from django.utils.translation import gettext_lazy as _

from onboarding.models import Onboarding


class StartForm(forms.Form):
    """The start page's three buttons, each submitting its own `choice`."""

    SKIP = "skip"

    choice = forms.ChoiceField(
        choices=[
            (Onboarding.Path.OWN, Onboarding.Path.OWN.label),
            (Onboarding.Path.MASTER, Onboarding.Path.MASTER.label),
            (SKIP, _("Skip for now")),
        ]
    )


class AddMasterForm(forms.Form):
    """The "Add a master" step: the role is fixed, so only who to invite is asked."""

    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email"), max_length=254)
