"""The console's URLs plus pages other apps will add, for the navigation entries that wait
for them."""

from django.http import HttpResponse
from django.urls import include, path

from accounts import urls as accounts_urls
from config.urls import urlpatterns as console_urlpatterns


def placeholder(request):
    return HttpResponse()


def app(namespace, name, *patterns):
    return ([path(f"{name}/", placeholder, name=name), *patterns], namespace)


urlpatterns = [
    path("webhooks/", include(app("webhooks", "endpoints"))),
    # The first "accounts" namespace wins: it keeps the real pages beside the new one.
    path("accounts/", include(app("accounts", "profile", *accounts_urls.urlpatterns))),
    *console_urlpatterns,
]
