from django.urls import path

# Importing these URLs registers the `app_id` and `version_number` converters shared here.
import miniprograms.urls  # noqa: F401
import releases.urls  # noqa: F401
from releases import trial_views

app_name = "trial"

urlpatterns = [
    path("<app_id:app_id>/versions/<version_number:number>/trial/", trial_views.trial, name="page"),
]
