from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import SignUpForm
from accounts.models import Membership
from core.text import normalize_email_address, validate_visible_text
from members.models import Invitation
from miniprograms.picker import MiniProgramChoiceField


def _role_field():
    return forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in Invitation.INVITABLE_ROLES],
        widget=forms.RadioSelect,
    )


class DeveloperAssignmentsMixin:
    """A Developer is assigned at least one mini program (SPEC section 1)."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Membership.Role.DEVELOPER and not cleaned.get("mini_programs"):
            self.add_error("mini_programs", _("Choose at least one mini program for a Developer."))
        return cleaned


class InvitationForm(DeveloperAssignmentsMixin, forms.Form):
    # The name appears in the invitation email and on the Members page: nothing hidden in it.
    name = forms.CharField(label=_("Name"), max_length=150, validators=[validate_visible_text])
    email = forms.EmailField(label=_("Email"), max_length=254)
    role = _role_field()
    mini_programs = MiniProgramChoiceField()

    def __init__(self, data=None, *, workspace, inviter_membership, initial=None):
        super().__init__(data, initial=initial)
        self.workspace = workspace
        self.inviter_membership = inviter_membership
        self.fields["mini_programs"].choose_from(workspace)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter the person's name."))
        return name

    def clean_email(self):
        return normalize_email_address(self.cleaned_data["email"])


class MemberForm(DeveloperAssignmentsMixin, forms.Form):
    role = _role_field()
    mini_programs = MiniProgramChoiceField()

    def __init__(self, data=None, *, membership):
        super().__init__(
            data,
            initial={
                "role": membership.role,
                "mini_programs": list(membership.assigned_mini_programs.all()),
            },
        )
        self.fields["mini_programs"].choose_from(membership.workspace)


class InvitedSignUpForm(SignUpForm):
    """Sign-up on the invitation page: the email is the invited one and cannot be changed."""

    def __init__(self, data=None, *, invitation):
        super().__init__(data, initial={"full_name": invitation.name, "email": invitation.email})
        # A disabled field ignores whatever is posted and keeps the invited address.
        self.fields["email"].disabled = True
