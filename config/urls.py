from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from console import views
from core.ratelimit import sign_in_guarded

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("console/", include("console.urls")),
    path("console/mini-programs/", include("miniprograms.urls")),
    path("console/members/", include("members.urls")),
    path("onboarding/", include("onboarding.urls")),
    path("invitations/", include("members.invitation_urls")),
    path("webhooks/anymail/", include("members.webhook_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Staff sign in to the admin under the same limits as everyone else.
    path("admin/login/", sign_in_guarded(admin.site.login), name="admin_login"),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
