from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
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
    actor = forms.ModelChoiceField(
        label=_("Who"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Anyone"),
        widget=LongSelect,
    )
    target_type = forms.ChoiceField(label=_("Object"), required=False, choices=TARGET_TYPES)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = User.objects.filter(
            memberships__workspace=workspace
        ).order_by("full_name", "email")
        self.fields["actor"].label_from_instance = lambda user: f"{user.full_name} <{user.email}>"
