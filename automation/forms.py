from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from automation.models import EXPIRY_DAYS, ApiToken
from core.text import validate_visible_text
from miniprograms.models import APP_ID_PATTERN
from miniprograms.picker import MiniProgramCheckboxes, MiniProgramChoiceField

NEVER = "never"
WORKSPACE, CHOSEN = "workspace", "chosen"


EXPIRY_LABELS = {30: _("30 days"), 90: _("90 days"), 365: _("1 year")}


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        validators=[validate_visible_text],
        help_text=_("What the token is for, such as “CI uploads”. The activity log shows it."),
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=ApiToken.Access.choices,
        initial=ApiToken.Access.READ,
        widget=forms.RadioSelect,
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires after"),
        choices=[*((str(days), EXPIRY_LABELS[days]) for days in EXPIRY_DAYS), (NEVER, _("Never"))],
        coerce=lambda value: None if value == NEVER else int(value),
        initial="90",
        widget=forms.RadioSelect,
    )
    all_mini_programs = forms.TypedChoiceField(
        label=_("Scope"),
        choices=[(WORKSPACE, _("The whole workspace")), (CHOSEN, _("Chosen mini programs"))],
        coerce=lambda value: value == WORKSPACE,
        initial=CHOSEN,
        widget=forms.RadioSelect,
    )
    mini_programs = MiniProgramChoiceField()

    def __init__(self, data=None, *, membership):
        super().__init__(data)
        picker = self.fields["mini_programs"]
        if membership.is_developer:
            # A Developer's token reaches only mini programs assigned to them, chosen here.
            self.fields["all_mini_programs"].choices = [
                (CHOSEN, _("Chosen mini programs assigned to you"))
            ]
            picker.choose_from(membership.workspace, developer=membership)
        else:
            picker.choose_from(membership.workspace)
        picker.help_text = (
            _("For the chosen scope: the mini programs the token may reach.")
            if isinstance(picker.widget, MiniProgramCheckboxes)
            else _(
                "For the chosen scope: the App IDs of the mini programs the token may reach, "
                "separated by spaces. Search by name to add one."
            )
        )


# How many mini programs a page of `GET /api/v1/mini-programs` holds, unless `limit` asks for
# fewer (docs/api.md).
API_PAGE_SIZE = 100
API_PAGE_SIZE_MAX = 500


class MiniProgramPageForm(forms.Form):
    """The page of the API's mini program list asked for: up to `limit` of them, in App ID
    order, from the first whose App ID comes after `after`. A page starts from a key rather
    than an offset, so the last page of 100,000 is as quick to read as the first."""

    limit = forms.IntegerField(min_value=1, max_value=API_PAGE_SIZE_MAX, required=False)
    after = forms.CharField(
        required=False,
        validators=[
            RegexValidator(
                rf"^{APP_ID_PATTERN}\Z",
                _("Give the App ID of the last mini program of the page before: 16 digits."),
            )
        ],
    )

    def clean_limit(self):
        return self.cleaned_data["limit"] or API_PAGE_SIZE
