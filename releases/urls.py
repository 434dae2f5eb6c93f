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
    *(
        path(f"<app_id:app_id>/versions/<version_number:number>/{slug}/", view, name=name)
        for slug, view, name in (
            ("apply", views.version_apply, "apply"),
            ("withdraw", views.version_withdraw, "withdraw"),
            ("delete", views.version_delete, "delete"),
            ("complete", views.version_complete, "complete"),
            ("go-live", views.version_go_live, "go_live"),
            ("grayscale", views.version_grayscale, "grayscale"),
            ("scale-up", views.version_scale_up, "scale_up"),
            ("full-release", views.version_full_release, "full_release"),
            ("roll-back", views.version_roll_back, "roll_back"),
            ("cancel", views.version_cancel, "cancel"),
        )
    ),
    path("<app_id:app_id>/offline/", views.mini_program_take_offline, name="take_offline"),
    path("<app_id:app_id>/online/", views.mini_program_bring_online, name="bring_online"),
]
