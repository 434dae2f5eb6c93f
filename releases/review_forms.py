from django import forms
from django.utils.translation import gettext_lazy as _

from releases.rules import REASON_MAX_LENGTH


class RejectForm(forms.Form):
    # Not required here: `rules.clean_reason` refuses a blank reason with a message that says why
    # the team needs one, and the error lands next to this field.
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        strip=False,
        help_text=_("The team reads it on the version to know what to change."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": REASON_MAX_LENGTH, "required": True}),
    )
