"""The mini program picker of the invite and member forms: checkboxes in a small workspace, App IDs
with a search (`miniprograms:choices`) in a large one."""

from html import escape

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.widgets import html_attributes
from miniprograms.models import MiniProgram
from miniprograms.selectors import workspace_mini_programs


class MiniProgramCheckboxes(forms.CheckboxSelectMultiple):
    """Django's checkboxes, written out in Python: Django's three templates per option (and even
    format_html) took over a second for a workspace of 10,000 mini programs. The markup is
    Django's own (tests/members/test_member_list.py); every value is escaped on its way in."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = "".join(
            f"<div>\n    <label{html_attributes({'for': option['attrs'].get('id')})}>"
            f'<input type="{option["type"]}" name="{escape(option["name"])}"'
            f' value="{escape(str(option["value"]))}"{html_attributes(option["attrs"])}>'
            f" {escape(str(option['label']))}</label></div>"
            for _group, group_options, _index in widget["optgroups"]
            for option in group_options
        )
        wrapper = {"id": widget["attrs"].get("id"), "class": widget["attrs"].get("class")}
        if not options:
            # An empty box would look broken: say why, and where mini programs come from.
            none_yet = escape(str(_("This workspace has no mini programs yet.")))
            create = escape(str(_("Create a mini program")))
            options = (
                f'<p class="empty-choices">{none_yet}'
                f' <a href="{escape(reverse("miniprograms:create"))}">{create}</a></p>'
            )
        return mark_safe(f"<div{html_attributes(wrapper)}>{options}\n</div>")  # noqa: S308 (escaped above)


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

    def choose_from(self, workspace, *, developer=None) -> None:
        """Offers the workspace's mini programs, or only those assigned to `developer` (a
        Developer's membership), who may not reach the others."""
        self.queryset = workspace_mini_programs(workspace)
        if developer is not None:
            self.queryset = self.queryset.filter(developers=developer)
        # One query at any size: up to one past the limit, offered as they are when they fit
        # (a big workspace's COUNT reads every row, and the checkboxes would read them again).
        limit = settings.MINI_PROGRAM_CHECKBOX_LIMIT
        # Values, not instances: the checkboxes need no more than these three.
        offered = self.queryset.values_list("pk", "app_id", "default_name")[: limit + 1]
        if len(offered) <= limit:
            self.choices = [(pk, f"{name or app_id} ({app_id})") for pk, app_id, name in offered]
            return
        self.to_field_name = "app_id"
        self.widget = MiniProgramAppIds(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "data-mini-program-search": reverse("miniprograms:choices"),
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
