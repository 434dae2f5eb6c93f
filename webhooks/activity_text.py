"""How the webhook endpoints' actions read in the activity log (core.activity_text)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.activity_text import Field, Sentence, choice_label, model_field
from core.models import ActivityEvent
from webhooks.models import WebhookEndpoint

Action = ActivityEvent.Action


def _event_labels(value, context) -> str:
    labels = dict(WebhookEndpoint.Event.choices)
    return ", ".join(str(labels[event]) for event in value or [] if event in labels)


ENDPOINT_FIELDS = {
    "url": model_field(WebhookEndpoint, "url"),
    "description": model_field(WebhookEndpoint, "description"),
    "events": model_field(WebhookEndpoint, "events", show=_event_labels),
    "is_enabled": model_field(WebhookEndpoint, "is_enabled"),
    # Only ever "rotated": the secret itself is never in the log.
    "secret": Field(label=_("Signing secret"), show=lambda value, context: gettext("Replaced")),
    "reason": model_field(
        WebhookEndpoint, "disabled_reason", show=choice_label(WebhookEndpoint.DisabledReason)
    ),
}

ACTIONS = {
    Action.WEBHOOK_ENDPOINT_CREATED: Sentence(
        _("%(actor)s added the webhook endpoint %(target)s"), fields=ENDPOINT_FIELDS
    ),
    Action.WEBHOOK_ENDPOINT_UPDATED: Sentence(
        _("%(actor)s changed the webhook endpoint %(target)s"), fields=ENDPOINT_FIELDS
    ),
    Action.WEBHOOK_ENDPOINT_DELETED: Sentence(
        _("%(actor)s deleted the webhook endpoint %(target)s"), fields=ENDPOINT_FIELDS
    ),
    Action.WEBHOOK_ENDPOINT_DISABLED: Sentence(
        _("The webhook endpoint %(target)s was disabled: every delivery failed for a day"),
        fields=ENDPOINT_FIELDS,
    ),
}
