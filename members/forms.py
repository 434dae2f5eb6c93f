from html import escape

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from console.text import validate_visible_text
from members.models import Invitation, Membership, User, normalize_email_address
from members.selectors import workspace_mini_programs
from miniprograms.models import MiniProgram


class SignUpForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, validators=[validate_visible_text]
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your full name."))
        return name

    def clean_email(self):
        # No check for an existing account here: saying so would tell anyone who has one.
        return normalize_email_address(self.cleaned_data["email"])

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


def _attributes(attrs: dict) -> str:
    """HTML attributes as Django's attrs.html writes them: True bare, False and None left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class MiniProgramCheckboxes(forms.CheckboxSelectMultiple):
    """Django's checkboxes, written out in Python: Django's three templates per option (and even
    format_html) took over a second for a workspace of 10,000 mini programs. The markup is
    Django's own (tests/members/test_member_list.py); every value is escaped on its way in."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = "".join(
            f"<div>\n    <label{_attributes({'for': option['attrs'].get('id')})}>"
            f'<input type="{option["type"]}" name="{escape(option["name"])}"'
            f' value="{escape(str(option["value"]))}"{_attributes(option["attrs"])}>'
            f" {escape(str(option['label']))}</label></div>"
            for _group, group_options, _index in widget["optgroups"]
            for option in group_options
        )
        wrapper = {"id": widget["attrs"].get("id"), "class": widget["attrs"].get("class")}
        return mark_safe(f"<div{_attributes(wrapper)}>{options}\n</div>")  # noqa: S308 (escaped above)


class MiniProgramAppIds(forms.TextInput):
    """Mini programs by App ID, separated by spaces or commas: typed, or added with the search
    that console.js builds from the `data-` attributes."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
        return [app_id for value in values for app_id in value.replace(",", " ").split()]

    def format_value(self, value):
        return " ".join(str(app_id) for app_id in value or ()) or None


class MiniProgramChoiceField(forms.ModelMultipleChoiceField):
    """A workspace's mini programs as checkboxes, or by App ID with a search when there are more
    than MINI_PROGRAM_CHECKBOX_LIMIT of them (a page of 10,000 checkboxes helps nobody)."""

    widget = MiniProgramCheckboxes

    def __init__(self, **kwargs):
        super().__init__(
            queryset=MiniProgram.objects.none(),
            label=_("Mini programs"),
            required=False,
            help_text=_("Required for a Developer: the mini programs they may work on."),
            **kwargs,
        )

    def label_from_instance(self, mini_program):
        # `default_name` comes from members.selectors.workspace_mini_programs.
        return f"{mini_program.default_name or mini_program.app_id} ({mini_program.app_id})"

    def choose_from(self, workspace) -> None:
        self.queryset = workspace_mini_programs(workspace)
        if workspace.mini_programs.count() <= settings.MINI_PROGRAM_CHECKBOX_LIMIT:
            return
        self.to_field_name = "app_id"
        self.widget = MiniProgramAppIds(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "data-mini-program-search": reverse("members:mini_program_choices"),
                "data-search-label": _("Find a mini program by name or App ID"),
                "data-no-match": _("No mini program matches."),
            }
        )
        self.help_text = _(
            "Required for a Developer: the App IDs of the mini programs they may work on, "
            "separated by spaces. Search by name to add one."
        )
        self.error_messages["invalid_choice"] = _(
            "No mini program of this workspace has the App ID %(value)s."
        )


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
        self.invitation = invitation

    def clean(self):
        if User.objects.filter(email=self.invitation.email).exists():
            raise forms.ValidationError(
                _("An account with this email already exists. Sign in to accept."),
                code="duplicate_email",
            )
        return super().clean()
