"""How API token actions read in the activity log (core.activity_text)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from automation.models import ApiToken
from core.activity_text import Field, Sentence, choice_label, model_field
from core.models import ActivityEvent
from members.activity_text import moment
from miniprograms.activity_text import mini_programs_field

Action = ActivityEvent.Action

REASONS = {
    "member removed": _("Its member was removed from the workspace"),
    "member blocked": _("Its member was blocked"),
}

listed_mini_programs = mini_programs_field(ApiToken._meta.get_field("mini_programs").verbose_name)


def _scope(value, context) -> str:
    if value == "all":
        return gettext("Every mini program of the workspace")
    return listed_mini_programs.show(value, context)


def _expiry(value, context) -> str:
    return moment(value, context) if value else gettext("Never")


TOKEN_FIELDS = {
    # The sentence names the token; its prefix and revoked flag say nothing more to a person.
    "name": Field(label=_("Name"), hidden=True),
    "prefix": Field(label=_("Name"), hidden=True),
    "revoked": Field(label=_("Revoked"), hidden=True),
    "access": model_field(ApiToken, "access", show=choice_label(ApiToken.Access)),
    "mini_programs": Field(
        label=_("Scope"),
        show=_scope,
        lookup=listed_mini_programs.lookup,
        keys=lambda value, event: [] if value == "all" else listed_mini_programs.keys(value, event),
    ),
    "expires_at": model_field(ApiToken, "expires_at", show=_expiry),
    "reason": Field(label=_("Reason"), show=lambda value, context: str(REASONS.get(value, ""))),
}


def _token(event, context):
    recorded = {**(event.before or {}), **(event.after or {})}
    return {"token": recorded.get("name") or event.target_repr}


ACTIONS = {
    Action.API_TOKEN_CREATED: Sentence(
        _("%(actor)s created the API token “%(token)s”"), fields=TOKEN_FIELDS, params=_token
    ),
    Action.API_TOKEN_REVOKED: Sentence(
        _("%(actor)s revoked the API token “%(token)s”"), fields=TOKEN_FIELDS, params=_token
    ),
}
