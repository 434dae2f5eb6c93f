from django.urls import path, register_converter

# Importing the mini program URLs registers the `app_id` converter these share.
import miniprograms.urls  # noqa: F401
from releases import views


class VersionNumberConverter:
    regex = r"[0-9]{1,9}\.[0-9]{1,9}\.[0-9]{1,9}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(VersionNumberConverter, "version_number")

app_name = "releases"

urlpatterns = [
    path("<app_id:app_id>/versions/new/", views.version_upload, name="upload"),
    path(
        "<app_id:app_id>/versions/<version_number:number>/package.zip",
        views.version_package,
        name="package",
    ),
]
