from django.urls import path

# Importing the mini program URLs registers the `app_id` converter these share.
import miniprograms.urls  # noqa: F401
from releases import api

app_name = "api"

urlpatterns = [
    path("mini-programs/<app_id:app_id>/release", api.release, name="release"),
    path(
        "mini-programs/<app_id:app_id>/logos/<str:filename>",
        api.release_logo,
        name="release_logo",
    ),
]
