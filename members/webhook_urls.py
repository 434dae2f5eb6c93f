"""Anymail's webhook URLs, each closed until a shared secret is configured, each taking an ESP's
batch of events (up to WEBHOOK_BODY_MAX_BYTES) in one request."""

from anymail import urls as anymail_urls
from django.urls import URLPattern

from core.bodylimit import accepts_body_up_to
from members.webhooks import webhook_secret_required

app_name = anymail_urls.app_name
urlpatterns = [
    URLPattern(
        route.pattern,
        accepts_body_up_to("WEBHOOK_BODY_MAX_BYTES")(webhook_secret_required(route.callback)),
        route.default_args,
        route.name,
    )
    for route in anymail_urls.urlpatterns
]
