from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from console import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("console/", include("console.urls")),
    path("console/mini-programs/", include("miniprograms.urls")),
    path("console/mini-programs/", include("releases.urls")),
    path("console/mini-programs/", include("releases.trial_urls")),
    path("console/reviews/", include("releases.review_urls")),
    path("console/members/", include("members.urls")),
    path("console/api-tokens/", include("automation.urls")),
    path("console/webhooks/", include("webhooks.urls")),
    path("onboarding/", include("onboarding.urls")),
    path("invitations/", include("members.invitation_urls")),
    path("webhooks/anymail/", include("members.webhook_urls")),
    path("api/v1/", include("releases.api_urls")),
    path("api/v1/", include("automation.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
