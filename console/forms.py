from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import ActivityEvent
from core.widgets import LongSelect

TARGET_TYPES = [
    ("", _("All objects")),
    ("members.workspace", _("Workspace")),
    ("members.membership", _("Member")),
    ("members.invitation", _("Invitation")),
    ("miniprograms.miniprogram", _("Mini program")),
    ("miniprograms.listing", _("Language")),
]


class ActivityFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *ActivityEvent.Action.choices],
        widget=LongSelect,
    )
    # A search rather than a choice of every member: a workspace of a thousand members made a
    # select too long to use, and drawing it cost more than the rest of the page.
    who = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"placeholder": _("Name or email"), "autocomplete": "off"}),
    )
    target_type = forms.ChoiceField(label=_("Object"), required=False, choices=TARGET_TYPES)
