"""How mini program and language actions read in the activity log (core.activity_text)."""

from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.activity_text import Field, Sentence, Target, listed, model_field
from core.models import ActivityEvent
from core.rows import url_for_each
from miniprograms.languages import LANGUAGE_NAMES
from miniprograms.models import (
    Industry,
    Listing,
    MiniProgram,
    default_listing_column,
    join_default_listing,
)

Action = ActivityEvent.Action
BY_PK = "miniprograms.by_pk"
BY_APP_ID = "miniprograms.by_app_id"
INDUSTRY = "miniprograms.industry"


# Each look-up reads only what the sentences show, in no order: they are found by key.


def _named(mini_programs) -> list[MiniProgram]:
    """With their names, and the address of each one's page as `page_url`: a reverse() for each
    of a page of events cost more than reading them."""
    page_url = url_for_each("miniprograms:detail")
    named = list(
        join_default_listing(mini_programs.only("pk", "app_id", "logo", "default_language"))
        .annotate(default_name=default_listing_column("name"))
        .order_by()
    )
    for mini_program in named:
        mini_program.page_url = page_url(mini_program.app_id)
    return named


def mini_programs_by_pk(keys):
    pks = [int(key) for key in keys if key.isdigit()]
    return {mp.pk: mp for mp in _named(MiniProgram.objects.filter(pk__in=pks))}


def mini_programs_by_app_id(keys):
    return {mp.app_id: mp for mp in _named(MiniProgram.objects.filter(app_id__in=keys))}


def industries_by_code(keys):
    industries = Industry.objects.filter(code__in=keys).order_by()
    return {industry.code: industry for industry in industries}


LOOKUPS = {
    BY_PK: mini_programs_by_pk,
    BY_APP_ID: mini_programs_by_app_id,
    INDUSTRY: industries_by_code,
}


def _target(mini_program, event):
    """The mini program by its current name, linked to its page; by its name at the time once
    it is deleted."""
    if mini_program is None:
        return event.target_repr
    return format_html(
        '<a href="{}">{}</a>',
        mini_program.page_url,
        mini_program.default_name or mini_program.app_id,
    )


TARGETS = {MiniProgram._meta.label_lower: Target(lookup=BY_PK, show=_target)}


def language_name(value, context) -> str:
    return str(LANGUAGE_NAMES.get(value, ""))


def _industry(value, context) -> str:
    industry = context.get(INDUSTRY, value)
    return industry.localized_name if industry else ""


def _logo(value, context) -> str:
    """A thumbnail while it is still the mini program's logo (the access-checked logo view
    serves no other); the files of earlier logos are deleted, so those read as words."""
    if not value:
        return ""
    mini_program = context.get(BY_PK, context.event.target_id)
    if mini_program is not None and mini_program.logo.name == value:
        return format_html(
            '<img class="activity-logo" src="{}" alt="{}" width="32" height="32">',
            mini_program.logo_url,
            gettext("Logo"),
        )
    return gettext("previous logo")


def _mini_programs(value, context) -> str:
    shown = []
    for app_id in listed(value):
        mini_program = context.get(BY_APP_ID, app_id)
        if mini_program is not None and mini_program.default_name:
            shown.append(
                gettext("%(name)s (App ID %(app_id)s)")
                % {"name": mini_program.default_name, "app_id": app_id}
            )
        else:
            shown.append(gettext("a deleted mini program (App ID %(app_id)s)") % {"app_id": app_id})
    return ", ".join(shown)


def mini_programs_field(label) -> Field:
    """Mini programs kept as App IDs, shown by name and App ID (for the layers above)."""
    return Field(label=label, show=_mini_programs, lookup=BY_APP_ID)


LISTING_FIELDS = {
    "language": model_field(Listing, "language", show=language_name),
    "name": model_field(Listing, "name"),
    "tagline": model_field(Listing, "tagline"),
    "description": model_field(Listing, "description"),
}

MINI_PROGRAM_FIELDS = {
    **LISTING_FIELDS,
    "app_id": model_field(MiniProgram, "app_id"),
    "release_to_alipay_china": model_field(MiniProgram, "release_to_alipay_china"),
    "default_language": model_field(MiniProgram, "default_language", show=language_name),
    "industry": model_field(MiniProgram, "industry", show=_industry, lookup=INDUSTRY),
    "logo": model_field(
        MiniProgram, "logo", show=_logo, lookup=BY_PK, keys=lambda value, event: [event.target_id]
    ),
    "customer_service_phone": model_field(MiniProgram, "customer_service_phone"),
    "customer_service_email": model_field(MiniProgram, "customer_service_email"),
}

# An edit of one thing says what it changed; an edit of several reads as one.
ONE_CHANGE = {
    "name": _("%(actor)s changed the name of %(target)s"),
    "tagline": _("%(actor)s changed the tagline of %(target)s"),
    "description": _("%(actor)s changed the description of %(target)s"),
    "release_to_alipay_china": _(
        "%(actor)s changed whether %(target)s is released to Alipay China"
    ),
    "default_language": _("%(actor)s changed the default language of %(target)s"),
    "industry": _("%(actor)s changed the industry of %(target)s"),
    "logo": _("%(actor)s changed the logo of %(target)s"),
    "customer_service_phone": _("%(actor)s changed the customer service number of %(target)s"),
    "customer_service_email": _("%(actor)s changed the customer service email of %(target)s"),
}


def _updated(event):
    changed = [key for key, _before, _after in event.changed_fields()]
    if len(changed) == 1 and changed[0] in ONE_CHANGE:
        return ONE_CHANGE[changed[0]]
    return _("%(actor)s changed the details of %(target)s")


def _language(event, context):
    value = (event.after or {}).get("language") or (event.before or {}).get("language")
    if event.action == Action.LANGUAGE_MADE_DEFAULT:
        value = (event.after or {}).get("default_language")
    return {"language": language_name(value, context) or gettext("a language")}


ACTIONS = {
    Action.MINI_PROGRAM_CREATED: Sentence(
        _("%(actor)s created the mini program %(target)s"), fields=MINI_PROGRAM_FIELDS
    ),
    Action.MINI_PROGRAM_UPDATED: Sentence(_updated, fields=MINI_PROGRAM_FIELDS),
    Action.MINI_PROGRAM_DELETED: Sentence(
        _("%(actor)s deleted the mini program %(target)s"), fields=MINI_PROGRAM_FIELDS
    ),
    Action.LANGUAGE_ADDED: Sentence(
        _("%(actor)s added %(language)s to %(target)s"), fields=LISTING_FIELDS, params=_language
    ),
    Action.LANGUAGE_UPDATED: Sentence(
        _("%(actor)s changed the %(language)s listing of %(target)s"),
        fields=LISTING_FIELDS,
        params=_language,
    ),
    Action.LANGUAGE_DELETED: Sentence(
        _("%(actor)s removed %(language)s from %(target)s"),
        fields=LISTING_FIELDS,
        params=_language,
    ),
    Action.LANGUAGE_MADE_DEFAULT: Sentence(
        _("%(actor)s made %(language)s the default language of %(target)s"),
        fields=MINI_PROGRAM_FIELDS,
        params=_language,
    ),
}
