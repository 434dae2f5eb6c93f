from django.urls import path, register_converter

from miniprograms import views
from miniprograms.models import APP_ID_PATTERN

app_name = "miniprograms"


class AppIdConverter:
    regex = APP_ID_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(AppIdConverter, "app_id")

urlpatterns = [
    path("", views.mini_program_list_view, name="list"),
    path("new/", views.mini_program_create, name="create"),
    path("choices.json", views.mini_program_choices_json, name="choices"),
    path("<app_id:app_id>/", views.mini_program_detail, name="detail"),
    path("<app_id:app_id>/edit/", views.mini_program_edit, name="edit"),
    path("<app_id:app_id>/delete/", views.mini_program_delete, name="delete"),
    path("<app_id:app_id>/logo/<str:filename>", views.mini_program_logo, name="logo"),
    path("<app_id:app_id>/listing.json", views.mini_program_listing_json, name="listing_json"),
    path("<app_id:app_id>/languages/new/", views.language_add, name="language_add"),
    path(
        "<app_id:app_id>/languages/<str:language>/edit/",
        views.language_edit,
        name="language_edit",
    ),
    path(
        "<app_id:app_id>/languages/<str:language>/delete/",
        views.language_delete,
        name="language_delete",
    ),
    path(
        "<app_id:app_id>/languages/<str:language>/default/",
        views.language_make_default,
        name="language_make_default",
    ),
]
