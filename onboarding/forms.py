from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import InvitationForm
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


class AddMasterForm(InvitationForm):
    """The "Add a master" step: an invitation whose role is fixed, so only who is asked, under
    the same rules as any invitation's name and email."""

    def __init__(self, data=None, *, workspace, inviter_membership):
        super().__init__(data, workspace=workspace, inviter_membership=inviter_membership)
        del self.fields["role"]
        del self.fields["mini_programs"]
