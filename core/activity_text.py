"""The activity log read as sentences for people (SPEC section 6), in the interface language.

Core knows no app, so each app says how its own actions and fields read, in a module listed in
settings.ACTIVITY_TEXTS. Such a module may define:

- ACTIONS: {ActivityEvent.Action: Sentence}, the sentence of each action and the fields its
  before/after holds;
- TARGETS: {target_type: Target}, how an event's object reads (a mini program by its current
  name, a member by name);
- LOOKUPS: {kind: loader}, each loader taking a set of keys and returning {key: object} in one
  query, so a page of events costs the same few queries however long it is.

`describe_events` collects every key a page of events refers to, runs each loader once, and
returns one Description per event. Nothing internal (field names, Python values, file paths)
reaches the page: a key nobody described falls back to the verbose_name of the target model's
field of that name, or is left out.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.models import ActivityEvent


class Context:
    """What a field or target sees while it renders: the event and the objects looked up."""

    def __init__(self, event: ActivityEvent, found: dict[str, dict]):
        self.event = event
        self._found = found

    def get(self, kind: str, key) -> Any:
        return self._found.get(kind, {}).get(str(key))


def yes_no(value) -> str:
    return gettext("Yes") if value else gettext("No")


def plain(value, context: Context | None = None) -> str:
    """A value written as people read it; "" for one that has no such reading (a mapping)."""
    if isinstance(value, bool):
        return yes_no(value)
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(plain(item) for item in value if plain(item))
    return str(value)


def choice_label(choices) -> Callable[[Any, Context], str]:
    """Shows a value of a TextChoices (or a choices list) by its label; an unknown value is
    internal, so it shows nothing."""
    labels = dict(choices.choices if hasattr(choices, "choices") else choices)

    def show(value, context):
        return str(labels.get(value, ""))

    return show


def listed(value) -> list:
    """The keys a field's value refers to: its items when it is a list, else itself."""
    if isinstance(value, list | tuple):
        return list(value)
    return [value] if value not in (None, "") else []


# Compared by identity (eq=False), so that `_heading` can keep each one's label per language.
@dataclass(frozen=True, eq=False)
class Field:
    """How one key of an event's before/after reads: a label and how a value shows (plain
    text, or SafeString HTML such as a logo thumbnail)."""

    label: Any
    show: Callable[[Any, Context], str] = plain
    # Objects `show` reads through `context.get(lookup, key)`; `keys` says which, from the
    # value and the event.
    lookup: str = ""
    keys: Callable[[Any, ActivityEvent], Iterable] = lambda value, event: listed(value)
    # Already said by the sentence (the version number of a version event).
    hidden: bool = False


def model_field(model, name: str, **options) -> Field:
    """A Field labelled with the model field's own (translated) verbose_name."""
    return Field(label=model._meta.get_field(name).verbose_name, **options)


@dataclass(frozen=True)
class Sentence:
    """One action as a sentence. `text` is a translatable template that may name %(actor)s,
    %(target)s and whatever `params` returns (escaped); `text` may also be a callable taking the
    event, for actions whose wording depends on what changed."""

    text: Any
    fields: dict[str, Field] = field(default_factory=dict)
    params: Callable[[ActivityEvent, Context], dict] = lambda event, context: {}

    def template(self, event: ActivityEvent):
        return self.text(event) if callable(self.text) else self.text


@dataclass(frozen=True)
class Target:
    """How an event's object reads, from the object looked up by the event's target_id (None
    when it is gone)."""

    lookup: str
    show: Callable[[Any, ActivityEvent], str]


@dataclass(frozen=True)
class Change:
    label: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Description:
    sentence: SafeString
    changes: list[Change]


@dataclass(frozen=True)
class Registry:
    actions: dict
    targets: dict
    lookups: dict


@cache
def registry() -> Registry:
    actions, targets, lookups = {}, {}, {}
    for path in settings.ACTIVITY_TEXTS:
        module = import_module(path)
        actions.update(getattr(module, "ACTIONS", {}))
        targets.update(getattr(module, "TARGETS", {}))
        lookups.update(getattr(module, "LOOKUPS", {}))
    return Registry(actions=actions, targets=targets, lookups=lookups)


@cache
def fallback_field(target_type: str, key: str) -> Field | None:
    """A key no app described: labelled by the target model's field of that name, if any."""
    try:
        model = apps.get_model(target_type)
        model_field_ = model._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None
    if model_field_.is_relation:
        # Its value is a database id, which means nothing to a person.
        return None
    if getattr(model_field_, "flatchoices", None):
        return Field(label=model_field_.verbose_name, show=choice_label(model_field_.flatchoices))
    return Field(label=model_field_.verbose_name)


def _fields(event: ActivityEvent, sentence: Sentence | None) -> dict[str, Field]:
    described = sentence.fields if sentence else {}
    keys = (event.before or {}).keys() | (event.after or {}).keys()
    fields = {}
    for key in keys:
        found = described.get(key) or fallback_field(event.target_type, key)
        if found is not None and not found.hidden:
            fields[key] = found
    return fields


def _wanted(
    events: list[ActivityEvent], fields: list[dict[str, Field]], known: Registry
) -> dict[str, set[str]]:
    wanted = defaultdict(set)
    for event, event_fields in zip(events, fields, strict=True):
        if target := known.targets.get(event.target_type):
            wanted[target.lookup].add(event.target_id)
        for key, described in event_fields.items():
            if described.lookup:
                for value in ((event.before or {}).get(key), (event.after or {}).get(key)):
                    wanted[described.lookup].update(str(k) for k in described.keys(value, event))
    return wanted


def actor_name(event: ActivityEvent) -> str:
    if event.actor is not None:
        return event.actor.full_name or event.actor.email
    return event.actor_email or gettext("Someone")


def _fill(template, params: dict) -> SafeString:
    escaped = {name: conditional_escape(value) for name, value in params.items()}
    # Safe: the template and every value filled in are escaped first.
    return mark_safe(conditional_escape(str(template)) % escaped)  # noqa: S308


def _sentence(event, sentence: Sentence | None, context: Context, known: Registry) -> SafeString:
    target = known.targets.get(event.target_type)
    params = {
        "actor": actor_name(event),
        "target": target.show(context.get(target.lookup, event.target_id), event)
        if target
        else event.target_repr,
    }
    if sentence is None:
        text = _fill(_("%(actor)s: %(action)s"), {**params, "action": event.get_action_display()})
    else:
        text = _fill(sentence.template(event), {**params, **sentence.params(event, context)})
    if event.api_token_name:
        return _fill(
            _("%(sentence)s via API token “%(token)s”"),
            {"sentence": text, "token": event.api_token_name},
        )
    return text


@cache
def _heading(described: Field, language: str | None) -> str:
    """A field's label over its change, translated once per language: a page of events shows
    the same few fields again and again."""
    return capfirst(str(described.label))


def _changes(event, fields: dict[str, Field], context: Context) -> list[Change]:
    language = get_language()
    changes = []
    for key, old, new in event.changed_fields():
        if key not in fields:
            continue
        described = fields[key]
        # A side that does not hold the key says nothing (the reason of a rejection has no
        # "before"), which is not the same as holding an empty value.
        before = described.show(old, context) if key in (event.before or {}) else None
        after = described.show(new, context) if key in (event.after or {}) else None
        if not (before or after):
            continue
        changes.append(Change(label=_heading(described, language), before=before, after=after))
    return sorted(changes, key=lambda change: change.label)


def describe_events(events: Iterable[ActivityEvent]) -> list[tuple[ActivityEvent, Description]]:
    """Each event with its Description, reading what they refer to with one query per kind."""
    events = list(events)
    known = registry()
    sentences = [known.actions.get(event.action) for event in events]
    fields = [_fields(event, sentence) for event, sentence in zip(events, sentences, strict=True)]
    found = {
        kind: {str(key): value for key, value in known.lookups[kind](keys).items()}
        for kind, keys in _wanted(events, fields, known).items()
        if keys
    }
    described = []
    for event, sentence, event_fields in zip(events, sentences, fields, strict=True):
        context = Context(event, found)
        described.append(
            (
                event,
                Description(
                    sentence=_sentence(event, sentence, context, known),
                    changes=_changes(event, event_fields, context),
                ),
            )
        )
    return described


def describe(event: ActivityEvent) -> Description:
    return describe_events([event])[0][1]
