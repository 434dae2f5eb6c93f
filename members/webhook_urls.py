"""Anymail's webhook URLs, each closed until a shared secret is configured."""

from anymail import urls as anymail_urls
from django.urls import URLPattern

from members.webhooks import webhook_secret_required

app_name = anymail_urls.app_name
urlpatterns = [
    URLPattern(
        route.pattern, webhook_secret_required(route.callback), route.default_args, route.name
    )
    for route in anymail_urls.urlpatterns
]
