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
        actor = self.fields["actor"]
        actor.queryset = User.objects.filter(memberships__workspace=workspace).order_by(
            "full_name", "email"
        )
        # The options from three columns: a model instance per member cost more than the page.
        # Read only when the select is drawn, which a cached Activity page is not.
        actor.widget.choices = lambda: [
            ("", actor.empty_label),
            *(
                (pk, f"{full_name} <{email}>")
                for pk, full_name, email in actor.queryset.values_list("pk", "full_name", "email")
            ),
        ]
