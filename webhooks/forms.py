from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import validate_visible_text
from webhooks.models import WebhookEndpoint


class EndpointForm(forms.Form):
    """Where to send and what; whether the address may be used is the service's rule
    (webhooks.network.resolve), which names this form's URL field in its error."""

    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("A public https:// address. Each message is a signed POST request."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        validators=[validate_visible_text],
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=WebhookEndpoint.Event.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
    )

    @classmethod
    def for_endpoint(cls, endpoint: WebhookEndpoint, data=None):
        return cls(
            data,
            initial={
                "url": endpoint.url,
                "description": endpoint.description,
                "events": endpoint.events,
            },
        )
